package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// docState is the per-document state of one walk over the parsed tree: it
// collects headings and links, resolves and checks destinations, and gives
// headings their IDs. It never outlives a Render call, so the Renderer stays
// shareable.
type docState struct {
	src        []byte
	resolver   LinkResolver
	maxNesting int
	depth      int
	ids        map[string]int // slug -> last number tried, as goldmark does
	lineStarts []int          // byte offset of each line, built on first use
	res        Result
}

func newDocState(d Doc, maxNesting int) *docState {
	st := &docState{src: d.Source, resolver: d.Links, maxNesting: maxNesting}
	if len(d.Reserved) > 0 {
		// Room for a guide's headings too: growing the map costs more.
		st.ids = make(map[string]int, len(d.Reserved)+8)
		for _, id := range d.Reserved {
			st.ids[id] = 0
		}
	}
	return st
}

// walk visits the tree once before rendering. It returns false when a limit
// was hit and nothing must be rendered.
func (st *docState) walk(doc ast.Node) bool {
	ok := true
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if isContainer(n) {
			if !entering {
				st.depth--
				return ast.WalkContinue, nil
			}
			st.depth++
			// The pre-scan should already have refused this; the check
			// stays because the pre-scan only estimates goldmark's nesting.
			if st.depth > st.maxNesting {
				ok = false
				st.problem(n.Pos(), nestingProblem(st.depth, st.maxNesting))
				return ast.WalkStop, nil
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			st.heading(n)
		case *ast.Link:
			st.link(n, &n.Destination, false)
		case *ast.Image:
			st.link(n, &n.Destination, true)
		case *ast.AutoLink:
			st.autoLink(n)
		case *ast.Text:
			if n.Parent() == nil || n.Parent().Kind() != ast.KindCodeSpan {
				st.spacedDest(n.Segment)
			}
		}
		return ast.WalkContinue, nil
	})
	return ok
}

func isContainer(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindList, ast.KindBlockquote, east.KindFootnote, kindCallout:
		return true
	}
	return false
}

func (st *docState) heading(n *ast.Heading) {
	text := nodeText(n, st.src)
	id := st.uniqueID(slug(text))
	n.SetAttributeString("id", []byte(id))
	st.res.Headings = append(st.res.Headings, Heading{Level: n.Level, ID: id, Text: text})
}

// link records an author-written link or image and rewrites its
// destination: decoded, through the resolver, and replaced by "#" if any
// decoding of the written or the resolved form is dangerous.
func (st *docState) link(n ast.Node, dest *[]byte, image bool) {
	l := Link{Dest: string(decodeDest(*dest)), Image: image}
	if image {
		l.Alt = nodeText(n, st.src)
	}
	l.Line, l.Col = st.position(n.Pos())
	if url, asWritten := st.addLink(l, *dest, n.Pos()); !asWritten {
		*dest = encodeDest(url)
	}
}

// autoLink records a URL autolink (<https://...> or a bare address) as
// a link, for check --external; e-mail autolinks are not links to check.
// Its destination is never resolved: it is an absolute address.
func (st *docState) autoLink(n *ast.AutoLink) {
	href := autoLinkHref(n, st.src)
	if isDangerousURL(href) {
		st.problem(n.Pos(), dangerousProblem())
		return
	}
	if n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	// A bare address's node can start before it (at the space before it
	// in a block quote): the link is where its text is.
	pos := n.Pos()
	if pos >= 0 && pos < len(st.src) && st.src[pos] != '<' {
		if i := bytes.Index(st.src[pos:], n.Label(st.src)); i >= 0 {
			pos += i
		}
	}
	l := Link{Dest: string(href)}
	l.Line, l.Col = st.position(pos)
	st.res.Links = append(st.res.Links, l)
}

// addLink records l, written as dest at byte offset pos, and says what to
// link to: dest as written when there is no resolver (goldmark decodes it
// when writing it), otherwise the resolved URL or "#". The body fast path
// calls it too, so both paths check and resolve alike.
func (st *docState) addLink(l Link, dest []byte, pos int) (url string, asWritten bool) {
	st.res.Links = append(st.res.Links, l)
	if isDangerousURL(dest) {
		st.problem(pos, dangerousProblem())
		return "#", false
	}
	if st.resolver == nil {
		return "", true
	}
	resolved := st.resolver.ResolveLink(l.Dest)
	if isDangerousURL([]byte(resolved)) {
		st.problem(pos, Problem{
			Message: fmt.Sprintf("link %q resolves to a URL with a dangerous scheme", l.Dest),
			Hint:    "this is a bug in the link resolver; the link was replaced by #",
		})
		return "#", false
	}
	return resolved, false
}

// decodeDest undoes backslash escapes and entities in a destination, as
// goldmark does when it writes one (util.URLEscape with resolveReference).
func decodeDest(dest []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
}

// encodeDest is the inverse of decodeDest: goldmark decodes every
// destination it writes, so a resolved URL is protected from a second
// decoding ("/a?x=1&amp;y" must stay as the resolver wrote it).
func encodeDest(url string) []byte {
	out := make([]byte, 0, len(url)+8)
	for i := 0; i < len(url); i++ {
		switch url[i] {
		case '\\':
			out = append(out, `\\`...)
		case '&':
			out = append(out, "&amp;"...)
		default:
			out = append(out, url[i])
		}
	}
	return out
}

// spacedDest warns about a link or image whose address has a space
// ("![hot pavement](Hot Pavement.JPG)"): CommonMark does not read it as a
// link at all, so it is shown as text, brackets and all. A space is
// allowed only in an address written in <>, which is the fix.
func (st *docState) spacedDest(seg text.Segment) {
	lit := st.src[seg.Start:seg.Stop]
	for i := bytes.Index(lit, []byte("](")); i >= 0; {
		at := seg.Start + i // the ']'
		rest := st.src[at+2:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if end := bytes.IndexByte(rest, ')'); end > 0 && bytes.ContainsAny(rest[:end], " \t") && !bytes.ContainsAny(rest[:end], "\"'<") {
			open := bytes.LastIndexByte(st.src[:at], '[')
			if open >= 0 && bytes.IndexByte(st.src[open:at], '\n') < 0 {
				dest := strings.TrimSpace(string(rest[:end]))
				what, start := "link", open
				if open > 0 && st.src[open-1] == '!' {
					what, start = "image", open-1
				}
				st.problem(start, Problem{
					Message: fmt.Sprintf("this %s's address %q has a space, so Markdown shows it as text", what, dest),
					Hint:    fmt.Sprintf("write the address in <>: %s(<%s>), or rename the file without spaces", st.src[start:at+1], dest),
					Warning: true, Spaced: true,
				})
			}
		}
		next := bytes.Index(lit[i+2:], []byte("]("))
		if next < 0 {
			break
		}
		i += 2 + next
	}
}

func dangerousProblem() Problem {
	return Problem{
		Message: "link uses a javascript:, vbscript: or data: URL; it was replaced by #",
		Hint:    "link to a page of the site or to an http(s) URL",
		Warning: true,
	}
}

func nestingProblem(depth, limit int) Problem {
	return Problem{
		Message: fmt.Sprintf("nesting is %d levels deep; the limit is %d", depth, limit),
		Hint:    "flatten the list or quote",
	}
}

// problem appends p positioned at byte offset pos.
func (st *docState) problem(pos int, p Problem) {
	p.Line, p.Col = st.position(pos)
	st.res.Problems = append(st.res.Problems, p)
}

// position turns a byte offset into a 1-based line and byte column.
// goldmark v1.8 records the offset of a link's '[' or an
// image's '!' in Pos; a node without one is reported at 1:1.
func (st *docState) position(pos int) (line, col int) {
	if pos < 0 || pos > len(st.src) {
		return 1, 1
	}
	if st.lineStarts == nil {
		st.lineStarts = []int{0}
		for i, c := range st.src {
			if c == '\n' {
				st.lineStarts = append(st.lineStarts, i+1)
			}
		}
	}
	i := sort.SearchInts(st.lineStarts, pos+1) - 1
	return i + 1, pos - st.lineStarts[i] + 1
}

// nodeText is the text a reader sees in a heading's or an image's Markdown
// node: markup removed, escapes and entities resolved, line breaks as
// spaces. It reads the node as parsed, before any HTML is made; AppendText
// reads the HTML, and the two agree on where the words are.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// slug makes an anchor from heading text: letters and digits lowercased,
// runs of spaces, '-' and '_' become one '-', other punctuation is dropped
// (so "Don't panic" is "dont-panic", not "don-t-panic").
func slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || unicode.IsSpace(r):
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// uniqueID returns s, or s-1, s-2, ... if taken in this document.
func (st *docState) uniqueID(s string) string {
	if st.ids == nil {
		st.ids = map[string]int{}
	}
	if _, taken := st.ids[s]; !taken {
		st.ids[s] = 0
		return s
	}
	for i := st.ids[s] + 1; ; i++ {
		cand := s + "-" + strconv.Itoa(i)
		if _, taken := st.ids[cand]; !taken {
			st.ids[s] = i
			st.ids[cand] = 0
			return cand
		}
	}
}
