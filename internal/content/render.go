package content

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markdown"
)

// renderer turns one page's Markdown (body and frontmatter texts) into HTML
// and collects the links it contains, at their positions in the file.
type renderer struct {
	page  *Page
	opts  *Options
	file  string
	src   []byte // the whole file, to find the indentation of block scalars
	lines []int  // offsets of line starts in src, made when first needed
	link  linker
	diags diag.List
	texts *textHTML
}

// textHTML holds the HTML of a page's frontmatter texts while they render,
// one after another in one buffer; setHTML then makes it one string that
// every text takes its part of. A guide has a few dozen texts: one string
// for all of them is one object for the garbage collector to mark, not a
// few dozen, and a 10,000-guide build keeps them all until it renders.
type textHTML struct {
	buf   []byte
	spans []textSpan
	src   []byte // the Markdown of the text being rendered
}

type textSpan struct {
	t          *Text
	start, end int
}

var textBufs = sync.Pool{New: func() any { return new(textHTML) }}

func (r *renderer) renderAll(split Split) {
	g := &r.page.Guide
	for i := range g.Steps {
		g.Steps[i].Anchor = stepAnchor(i + 1)
	}
	for i := range g.Gear {
		g.Gear[i].Anchor = gearAnchor(i + 1)
	}
	for i := range g.Enrichment {
		g.Enrichment[i].Anchor = ideaAnchor(i + 1)
	}
	res := r.opts.Markdown.Render(markdown.Doc{Source: split.Body, Links: r.link, Reserved: r.reserved()})
	r.page.Body = template.HTML(res.HTML)
	r.page.Headings = res.Headings
	r.collect(res, func(line, col int) (int, int) { return split.BodyLine + line - 1, col })

	r.texts = textBufs.Get().(*textHTML)
	defer r.setHTML()
	r.textList(g.BeforeYouStart)
	r.textList(g.Safety)
	for i := range g.Steps {
		s := &g.Steps[i]
		r.text(&s.Body)
		r.text(&s.Tip)
		r.text(&s.Warning)
		r.picture("step", s.Image, s.Alt, &s.ImageURL)
	}
	for i := range g.Gear {
		gi := &g.Gear[i]
		r.text(&gi.Advice)
		r.textList(gi.Choose)
		r.textList(gi.Avoid)
		r.picture("gear", gi.Image, gi.Alt, &gi.ImageURL)
	}
	for i := range g.Enrichment {
		idea := &g.Enrichment[i]
		r.text(&idea.Body)
		r.picture("idea", idea.Image, idea.Alt, &idea.ImageURL)
	}
	if c := &g.Image; c.Src.Path != "" {
		r.text(&c.Caption)
		r.picture("cover", c.Src, c.Alt, &c.URL)
	}
}

// stepAnchor is the id of step n (from 1): "step-3"; gearAnchor and
// ideaAnchor, of a piece of gear and an enrichment idea: "gear-2",
// "idea-1". They number the parts in the order of the file, as steps are,
// so a link says where it points as a reader counts.
func stepAnchor(n int) string { return numbered(&stepAnchors, "step-", n) }
func gearAnchor(n int) string { return numbered(&gearAnchors, "gear-", n) }
func ideaAnchor(n int) string { return numbered(&ideaAnchors, "idea-", n) }

func numbered(made *[32]string, prefix string, n int) string {
	if n < len(made) {
		return made[n]
	}
	return prefix + strconv.Itoa(n)
}

// The ids of the first parts, made once: 10,000 guides would otherwise
// make 60,000 of them, and keep every one.
var stepAnchors, gearAnchors, ideaAnchors = anchorList("step-"), anchorList("gear-"), anchorList("idea-")

func anchorList(prefix string) (a [32]string) {
	for n := range a {
		a[n] = prefix + strconv.Itoa(n)
	}
	return a
}

// reserved lists the ids the guide template gives its own parts, which
// body headings must not take.
func (r *renderer) reserved() []string {
	if r.page.Kind != KindGuide {
		return nil
	}
	return append(slices.Clone(GuideAnchors), partAnchors(&r.page.Guide)...)
}

func (r *renderer) textList(ts []Text) {
	for i := range ts {
		r.text(&ts[i])
	}
}

func (r *renderer) text(t *Text) {
	if t.src == "" {
		return
	}
	h := r.texts
	start := len(h.buf)
	var res markdown.Result
	h.src = append(h.src[:0], t.src...) // the renderer keeps nothing of it
	if !t.Block {
		h.buf = append(h.buf, "<p>"...)
	}
	h.buf, res = r.opts.Markdown.AppendHTML(h.buf, markdown.Doc{Source: h.src, Links: r.link, Inline: !t.Block})
	if !t.Block {
		h.buf = append(h.buf, "</p>"...)
	}
	t.src = ""
	h.spans = append(h.spans, textSpan{t, start, len(h.buf)})
	if len(res.Links) > 0 || len(res.Problems) > 0 || len(res.UnknownCallouts) > 0 { // most values have none
		r.collect(res, r.textPosition(t))
	}
}

// setHTML gives every text rendered its HTML, all of it in one new string,
// and hands the buffers back.
func (r *renderer) setHTML() {
	h := r.texts
	all := string(h.buf)
	for _, sp := range h.spans {
		sp.t.BlockHTML = template.HTML(all[sp.start:sp.end])
		sp.t.HTML = sp.t.BlockHTML
		if !sp.t.Block {
			sp.t.HTML = sp.t.BlockHTML[len("<p>") : len(sp.t.BlockHTML)-len("</p>")]
		}
	}
	clear(h.spans) // they point into the page
	h.buf, h.spans = h.buf[:0], h.spans[:0]
	if cap(h.buf) <= 64<<10 && cap(h.src) <= 64<<10 { // not one huge page's for every later one
		textBufs.Put(h)
	}
	r.texts = nil
}

// textPosition maps a position inside a frontmatter value to the file. A
// value on the key's line starts at the value's column; a block scalar
// (| or >) starts on the next line, at that line's indentation.
func (r *renderer) textPosition(t *Text) func(line, col int) (int, int) {
	if !r.isBlockScalar(t) {
		return func(line, col int) (int, int) {
			if line == 1 {
				return t.Line, t.Col + col - 1
			}
			return t.Line + line - 1, col
		}
	}
	return func(line, col int) (int, int) {
		fileLine := t.Line + line
		return fileLine, r.indent(fileLine) + col
	}
}

func (r *renderer) isBlockScalar(t *Text) bool {
	text := r.lineText(t.Line)
	if t.Col-1 >= len(text) {
		return false
	}
	c := text[t.Col-1]
	return c == '|' || c == '>'
}

func (r *renderer) lineText(line int) []byte {
	if r.lines == nil {
		r.lines = make([]int, 1, bytes.Count(r.src, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(r.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			r.lines = append(r.lines, i)
		}
	}
	if line < 1 || line > len(r.lines) {
		return nil
	}
	text, _, _ := bytes.Cut(r.src[r.lines[line-1]:], []byte{'\n'})
	return text
}

func (r *renderer) indent(line int) int {
	text := r.lineText(line)
	return len(text) - len(bytes.TrimLeft(text, " "))
}

// collect records the links of one rendered piece and its problems.
func (r *renderer) collect(res markdown.Result, at func(line, col int) (int, int)) {
	for _, l := range res.Links {
		if l.Image && strings.TrimSpace(l.Alt) == "" {
			line, col := at(l.Line, l.Col)
			r.diags = append(r.diags, diag.Errorf(r.file, line, col, diag.CodeNoAlt,
				"describe what the image shows, for readers who cannot see it: ![a cat sniffing a harness](harness.jpg)",
				"image %s has no alt text", l.Dest))
		}
		link, ok := r.link.target(l.Dest)
		if !ok {
			r.external(l, at)
			continue
		}
		link.Image, link.Alt = l.Image, l.Alt
		link.Line, link.Col = at(l.Line, l.Col)
		r.page.Links = append(r.page.Links, link)
	}
	for _, u := range res.UnknownCallouts {
		u.Line, u.Col = at(u.Line, u.Col)
		r.page.UnknownCallouts = append(r.page.UnknownCallouts, u)
	}
	for _, p := range res.Problems {
		line, col := at(p.Line, p.Col)
		d := diag.Errorf(r.file, line, col, diag.CodeMarkdown, p.Hint, "%s", p.Message)
		switch {
		case p.Spaced:
			d.Severity, d.Code = diag.Warning, diag.CodeSpacedLink
		case p.Warning:
			d.Severity, d.Code = diag.Warning, diag.CodeUnsafeLink
		}
		r.diags = append(r.diags, d)
	}
}

// picture turns the image of a step, a piece of gear, an idea or the
// cover into a published URL and a link the site stage checks for
// existence. An image must say what it shows: an alt key, empty for one
// that only decorates.
func (r *renderer) picture(what string, img Ref, alt Alt, url *string) {
	if img.Path == "" {
		return
	}
	link, ok := r.link.target(img.Path)
	if !ok || link.Page || link.URL && !strings.HasPrefix(img.Path, "/") {
		r.diags = append(r.diags, diag.Errorf(r.file, img.Line, img.Col, diag.CodeImage,
			"name an image file next to the guide (image: harness.jpg), or one of the site's by its path (image: /assets/images/harness.jpg)",
			"%s image %q is not an image file", what, img.Path))
		return
	}
	if !alt.Written {
		r.diags = append(r.diags, diag.Errorf(r.file, img.Line, img.Col, diag.CodeNoAlt,
			`add alt: saying what the image shows, for readers who cannot see it, or alt: "" if it only decorates`,
			"%s image %s has no alt text", what, img.Path))
	}
	*url = r.link.ResolveLink(img.Path)
	link.Image, link.Alt, link.Line, link.Col = true, alt.Text, img.Line, img.Col
	r.page.Links = append(r.page.Links, link)
}
