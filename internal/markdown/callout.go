package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts are block quotes that start with a marker, as GitHub and
// Obsidian write them:
//
//	> [!VET] Call your vet now if
//	> - she has not eaten for a day
//
// The marker is the first line of the quote's first paragraph: "[!", a
// kind, "]", and optionally a title after a space (Obsidian's form). The
// kind is read without regard to case; tip, note, warning and vet are
// known, and the quote becomes
//
//	<div class="callout callout-vet" role="note"><p class="callout-title">Call your vet now if</p>
//	<ul>...</ul>
//	</div>
//
// A title is plain text: it is escaped and shown as written. A marker of
// any other kind ("[!FOO]") leaves the quote as it is, and is reported in
// Result.UnknownCallouts for lint to warn about.
//
// It takes two steps because goldmark parses inline text before it runs
// AST transformers: calloutMarkers, a paragraph transformer, takes the
// marker line out of the paragraph when the paragraph closes, before
// inline parsing, so the rest of the quote is parsed exactly as it would
// be without the marker; calloutQuotes, an AST transformer, then turns each
// marked Blockquote into a calloutNode. A document without a marker meets
// only the paragraph transformer's first checks, and renders as before
// (TestOrdinaryQuotesUnchanged and FuzzCalloutsLeaveOtherQuotes hold it
// to that). Neither fast path renders a quote: both refuse a line that
// starts with '>'.

// calloutKind is a kind of callout careguide knows.
type calloutKind struct {
	name  string // lowercase, as in the class: "callout-vet"
	title string // the title when the marker gives none
}

var calloutKinds = []calloutKind{
	{"tip", "Tip"},
	{"note", "Note"},
	{"warning", "Warning"},
	{"vet", "Call your vet"},
}

// CalloutKinds are the kinds a callout marker may name, lowercase, in the
// order the documentation lists them.
func CalloutKinds() []string {
	names := make([]string, len(calloutKinds))
	for i, k := range calloutKinds {
		names[i] = k.name
	}
	return names
}

// UnknownCallout is a block quote that starts like a callout but names a
// kind that is not one of CalloutKinds; it is rendered as a plain quote.
type UnknownCallout struct {
	Kind      string // as written: "FOO" for "[!FOO]"
	Line, Col int    // of the '['
}

// kindCallout is the AST node kind of a callout.
var kindCallout = ast.NewNodeKind("Callout")

// calloutNode is a callout; its children are the quote's blocks without
// the marker line.
type calloutNode struct {
	ast.BaseBlock
	kind  *calloutKind
	title string
}

func (n *calloutNode) Kind() ast.NodeKind { return kindCallout }

func (n *calloutNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind.name, "Title": n.title}, nil)
}

// calloutExtension adds callouts to a goldmark pipeline with block syntax.
type calloutExtension struct{}

func (calloutExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Before the link reference definitions' transformer (100) and the
		// table's (200), so they see the quote's text without the marker.
		parser.WithParagraphTransformers(util.Prioritized(calloutMarkers{}, 50)),
		parser.WithASTTransformers(util.Prioritized(calloutQuotes{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 100)))
}

// calloutsKey holds a document's *calloutsFound in its parse context.
var calloutsKey = parser.NewContextKey()

// calloutsFound are the markers of one document, in the order found.
type calloutsFound []calloutMarker

type calloutMarker struct {
	quote  *ast.Blockquote
	kind   *calloutKind // nil for an unknown kind
	name   string       // the kind as written
	title  string
	offset int // of the '[' in the source
}

// calloutMarkers finds markers; see the comment at the top of this file.
type calloutMarkers struct{}

func (calloutMarkers) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	quote, ok := p.Parent().(*ast.Blockquote)
	if !ok || p.PreviousSibling() != nil || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	src := reader.Source()
	line := src[first.Start:first.Stop]
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	name, title, ok := parseCalloutMarker(line[lead:])
	if !ok {
		return
	}
	found, _ := pc.Get(calloutsKey).(*calloutsFound)
	if found == nil {
		found = &calloutsFound{}
		pc.Set(calloutsKey, found)
	}
	for _, m := range *found {
		if m.quote == quote {
			return // goldmark may offer a paragraph twice; the marker is gone
		}
	}
	m := calloutMarker{quote: quote, kind: lookupCallout(name), name: string(name), offset: first.Start + lead}
	if m.kind != nil {
		m.title = m.kind.title
		if len(title) > 0 {
			m.title = string(title)
		}
	}
	*found = append(*found, m)
	if m.kind == nil {
		return
	}
	p.Lines().SetSliced(1, p.Lines().Len())
	if p.Lines().Len() == 0 {
		quote.RemoveChild(quote, p)
	}
}

// parseCalloutMarker reads "[!KIND]" or "[!KIND] title" from the start of
// line, which may end in a line ending. KIND is letters, digits, '-' and
// '_'; the marker is followed by the end of the line or by white space.
func parseCalloutMarker(line []byte) (name, title []byte, ok bool) {
	if !bytes.HasPrefix(line, []byte("[!")) {
		return nil, nil, false
	}
	end := 2
	for end < len(line) && isKindByte(line[end]) {
		end++
	}
	if end == 2 || end >= len(line) || line[end] != ']' {
		return nil, nil, false
	}
	rest := line[end+1:]
	if len(rest) > 0 && !isMarkerSpace(rest[0]) {
		return nil, nil, false
	}
	return line[2:end], bytes.Trim(rest, " \t\r\n"), true
}

func isKindByte(c byte) bool { return isASCIIAlnum(c) || c == '-' || c == '_' }

func isMarkerSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lookupCallout is the known kind named name, in any case, or nil.
func lookupCallout(name []byte) *calloutKind {
	for i := range calloutKinds {
		if bytes.EqualFold(name, []byte(calloutKinds[i].name)) {
			return &calloutKinds[i]
		}
	}
	return nil
}

// calloutQuotes turns each quote with a known marker into a calloutNode.
type calloutQuotes struct{}

func (calloutQuotes) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	found, _ := pc.Get(calloutsKey).(*calloutsFound)
	if found == nil {
		return
	}
	for _, m := range *found {
		parent := m.quote.Parent()
		if m.kind == nil || parent == nil {
			continue
		}
		c := &calloutNode{kind: m.kind, title: m.title}
		c.SetPos(m.quote.Pos())
		c.SetBlankPreviousLines(m.quote.HasBlankPreviousLines())
		for child := m.quote.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		parent.ReplaceChild(parent, m.quote, c)
	}
}

// unknownCallouts are the markers of unknown kinds found while parsing
// with pc, at their positions in the source.
func (st *docState) unknownCallouts(pc parser.Context) {
	found, _ := pc.Get(calloutsKey).(*calloutsFound)
	if found == nil {
		return
	}
	for _, m := range *found {
		if m.kind == nil {
			u := UnknownCallout{Kind: m.name}
			u.Line, u.Col = st.position(m.offset)
			st.res.UnknownCallouts = append(st.res.UnknownCallouts, u)
		}
	}
}

// calloutRenderer writes a calloutNode.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, renderCallout)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	c := node.(*calloutNode)
	_, _ = w.WriteString(`<div class="callout callout-`)
	_, _ = w.WriteString(c.kind.name)
	_, _ = w.WriteString(`" role="note"><p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(c.title)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
