package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/strictyaml"
	"github.com/careguide/careguide/internal/yamlfast"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds one content file: a guide is a few kilobytes, so a file
// of megabytes is a mistake, and refusing it keeps a build's memory bounded.
const MaxFileSize = 2 << 20

// Options are what parsing needs to know about the site.
type Options struct {
	Markdown   *markdown.Renderer
	BasePath   string   // "/" or "/care/": every URL a page writes starts with it
	Taxonomies []string // frontmatter keys that hold taxonomy terms
}

// GuideAnchors are the ids the guide template gives its parts, so links to
// "guide.md#safety" can be checked like links to headings.
var GuideAnchors = []string{"before-you-start", "safety", "steps", "gear", "enrichment", "related", "sources"}

// frontSeed seeds Page.Front and Page.Hash. Hashes are compared only
// within one process (a preview server's rebuilds), never stored, so a
// random seed is fine.
var frontSeed = maphash.MakeSeed()

// Parse turns one Markdown file into a Page. path is the file's slash path
// inside content/. It reads nothing but data, so files parse in parallel.
// The Page is nil only when the file could not be understood at all.
func Parse(p string, data []byte, opts *Options) (*Page, diag.List) {
	file := "content/" + p
	data, d := clean(file, data)
	if d != nil {
		return nil, diag.List{*d}
	}
	split, err := SplitFrontmatter(data)
	if err != nil {
		return nil, diag.List{frontmatterError(file, split, err)}
	}
	if split.Format == NoFrontmatter {
		return nil, diag.List{diag.Errorf(file, 1, 1, diag.CodeFrontmatter,
			"start the file with a line ---, then \"title: ...\", then another line ---", "no frontmatter")}
	}
	root, release, d := parseFrontmatter(file, split)
	if d != nil {
		return nil, diag.List{*d}
	}
	page := newPage(p, opts.BasePath)
	page.Hash = maphash.Bytes(frontSeed, data)
	page.Front = maphash.Bytes(frontSeed, split.Frontmatter)
	diags := decode(file, split.FrontLine, root, page, opts)
	page.External = sourceLinks(root, split.FrontLine-1, page.Sources)
	release() // decode copies what it keeps
	if page.Kind == KindGuide && page.Description == "" && !hasCode(diags, diag.CodeType) {
		diags = append(diags, diag.Errorf(file, split.FrontLine, 1, diag.CodeRequired,
			"add a line \"description: ...\": one sentence that says what the guide helps with",
			"missing required key %q", "description"))
	}
	r := renderer{page: page, opts: opts, file: file, src: data,
		link: linker{dir: path.Dir(p), urlDir: page.URL[len(opts.BasePath):], basePath: opts.BasePath}}
	if r.link.dir == "." {
		r.link.dir = ""
	}
	r.renderAll(split)
	diags = append(diags, r.diags...)
	page.Anchors = anchors(page)
	return page, diags
}

// clean checks that data is text and normalises it: no BOM, LF line ends.
// Line and column numbers are unchanged by both.
func clean(file string, data []byte) ([]byte, *diag.Diagnostic) {
	if len(data) > MaxFileSize {
		d := diag.Errorf(file, 0, 0, diag.CodeRead, "split it into several guides",
			"file is %d bytes; the limit is %d", len(data), MaxFileSize)
		return nil, &d
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		d := diag.Errorf(file, line, col, diag.CodeRead,
			"content/ is for Markdown text; is this an image saved with a .md name?", "not a text file (NUL byte)")
		return nil, &d
	}
	if !utf8.Valid(data) {
		line, col := lineCol(data, firstInvalid(data))
		d := diag.Errorf(file, line, col, diag.CodeRead,
			"save the file as UTF-8 in your editor", "file is not valid UTF-8")
		return nil, &d
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data, nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	line := bytes.Count(data[:off], []byte{'\n'}) + 1
	return line, off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
}

func frontmatterError(file string, s Split, err error) diag.Diagnostic {
	if errors.Is(err, ErrUnclosed) {
		closer := "---"
		if s.Format == TOML {
			closer = "+++"
		}
		return diag.Errorf(file, s.FrontLine, 1, diag.CodeFrontmatter,
			fmt.Sprintf("add a line %s after the last frontmatter key", closer),
			"frontmatter opened on line %d is never closed", s.FrontLine)
	}
	return diag.Errorf(file, 0, 0, diag.CodeFrontmatter, "", "cannot read frontmatter: %v", err)
}

func newPage(p, basePath string) *Page {
	page := &Page{Path: p, Dir: pageDir(p), URL: URLFor(basePath, p), Terms: map[string][]string{}}
	container := path.Dir(p)
	if path.Base(p) == "index.md" {
		container = path.Dir(container) // a bundle: the folder is the page
	}
	switch {
	case p == "_index.md":
		page.Kind = KindHome
	case path.Base(p) == "_index.md":
		page.Kind = KindSection
		page.Section, _, _ = strings.Cut(path.Dir(p), "/")
	case container == ".":
		page.Kind = KindPage
	default:
		page.Kind = KindGuide
		page.Section, _, _ = strings.Cut(container, "/")
	}
	return page
}

// decode reads the frontmatter into page.Guide and page.Terms.
func decode(file string, frontLine int, root *yaml.Node, page *Page, opts *Options) diag.List {
	dec := strictyaml.Decoder{File: file, LineOffset: frontLine - 1}
	dec.Extra = func(d *strictyaml.Decoder, key, val *yaml.Node) bool {
		i := slices.Index(opts.Taxonomies, key.Value)
		if i < 0 {
			return false
		}
		var terms []string
		d.Field(val, &terms)
		page.Terms[opts.Taxonomies[i]] = terms // not key.Value, a slice of the frontmatter
		return true
	}
	if root.Kind == 0 || (root.Kind == yaml.DocumentNode && len(root.Content) == 0) {
		return diag.List{diag.Errorf(file, frontLine, 1, diag.CodeRequired, "add \"title: ...\" between the --- lines", "frontmatter is empty")}
	}
	diags := dec.Decode(root, &page.Guide)
	diags = append(diags, checkReview(file, frontLine, root, &page.Guide, diags)...)
	for _, t := range opts.Taxonomies {
		switch t {
		case "species":
			page.Terms[t] = page.Species
		case "topics":
			page.Terms[t] = page.Topics
		}
	}
	return diags
}

// checkReview asks for both halves of a review: who reviewed the guide,
// and on which day. Either alone would show readers half a claim. A half
// the decoder already reported (a date that is no date) is not reported
// again.
func checkReview(file string, frontLine int, root *yaml.Node, g *Guide, decoded diag.List) diag.List {
	onLine, _, _ := strictyaml.Position(root, "reviewed_on")
	for _, d := range decoded {
		if onLine > 0 && d.Line == onLine+frontLine-1 {
			return nil
		}
	}
	switch {
	case !g.ReviewedBy.IsZero() && g.ReviewedOn.IsZero():
		return diag.List{diag.Errorf(file, g.ReviewedBy.Line, g.ReviewedBy.Col, diag.CodeRequired,
			"add reviewed_on: with the day of the review, e.g. reviewed_on: 2026-11-12",
			"reviewed_by needs reviewed_on: the day the review was done")}
	case g.ReviewedBy.IsZero() && !g.ReviewedOn.IsZero():
		line, col, _ := strictyaml.Position(root, "reviewed_on")
		return diag.List{diag.Errorf(file, line+frontLine-1, col, diag.CodeRequired,
			"add reviewed_by: with the reviewer's name (and credentials), or remove reviewed_on",
			"reviewed_on needs reviewed_by: who reviewed the guide")}
	}
	return nil
}

// parseFrontmatter parses the frontmatter into a node tree; release hands
// the tree's nodes back for the next file's.
func parseFrontmatter(file string, s Split) (root *yaml.Node, release func(), d *diag.Diagnostic) {
	if s.Format == TOML {
		var root yaml.Node
		var m map[string]any
		if err := toml.Unmarshal(s.Frontmatter, &m); err != nil {
			d := diag.Errorf(file, s.FrontLine, 1, diag.CodeFrontmatter, "check the TOML syntax", "invalid TOML: %v", err)
			return nil, nil, &d
		}
		if err := root.Encode(m); err != nil {
			d := diag.Errorf(file, s.FrontLine, 1, diag.CodeFrontmatter, "", "invalid TOML: %v", err)
			return nil, nil, &d
		}
		setLine(&root, 1) // TOML has no node positions: point at the block
		return &root, func() {}, nil
	}
	tree, err := yamlfast.ParseTree(s.Frontmatter)
	if err != nil {
		d := strictyaml.SyntaxError(file, s.FrontLine-1, s.Frontmatter, err)
		return nil, nil, &d
	}
	return tree.Root, tree.Release, nil
}

func setLine(n *yaml.Node, line int) {
	n.Line, n.Column = line, 1
	for _, c := range n.Content {
		setLine(c, line)
	}
}

func hasCode(l diag.List, code string) bool {
	return slices.ContainsFunc(l, func(d diag.Diagnostic) bool { return d.Code == code })
}

// anchors lists the fragment ids a page has: its headings, its steps and the
// parts of the guide template.
func anchors(page *Page) []string {
	var ids []string
	for _, h := range page.Headings {
		ids = append(ids, h.ID)
	}
	if page.Kind != KindGuide {
		return ids
	}
	return append(append(ids, partAnchors(&page.Guide)...), GuideAnchors...)
}

// partAnchors are the ids of a guide's steps, gear and enrichment ideas.
func partAnchors(g *Guide) []string {
	ids := make([]string, 0, len(g.Steps)+len(g.Gear)+len(g.Enrichment))
	for _, s := range g.Steps {
		ids = append(ids, s.Anchor)
	}
	for _, gi := range g.Gear {
		ids = append(ids, gi.Anchor)
	}
	for _, e := range g.Enrichment {
		ids = append(ids, e.Anchor)
	}
	return ids
}
