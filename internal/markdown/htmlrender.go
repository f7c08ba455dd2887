package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlOverrides replaces goldmark's renderers for the nodes where our policy
// differs from goldmark's: raw HTML is escaped rather than replaced by a
// comment, autolinks get our stricter URL check, and in inline mode a lone
// paragraph loses its <p>. goldmark's own Unsafe option stays off, so its
// dangerous-URL check remains as a second line of defence for links.
type htmlOverrides struct {
	unsafe bool
	inline bool
}

func (h *htmlOverrides) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, h.renderRawHTML)
	reg.Register(ast.KindHTMLBlock, h.renderHTMLBlock)
	reg.Register(ast.KindAutoLink, h.renderAutoLink)
	if h.inline {
		reg.Register(ast.KindParagraph, h.renderInlineParagraph)
	}
}

func (h *htmlOverrides) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := node.(*ast.RawHTML).Segments
	if segs.Len() == 0 {
		return ast.WalkSkipChildren, nil
	}
	if first := segs.At(0); !h.unsafe && bytes.HasPrefix(first.Value(src), []byte("<!--")) {
		return ast.WalkSkipChildren, nil
	}
	for i := range segs.Len() {
		seg := segs.At(i)
		v := seg.Value(src)
		if h.unsafe {
			_, _ = w.Write(v)
		} else {
			html.DefaultWriter.RawWrite(w, v)
		}
	}
	return ast.WalkSkipChildren, nil
}

func (h *htmlOverrides) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if h.unsafe {
		// Same output as goldmark's renderer with html.WithUnsafe.
		if entering {
			for i := range n.Lines().Len() {
				line := n.Lines().At(i)
				html.DefaultWriter.SecureWrite(w, line.Value(src))
			}
		} else if n.HasClosure() {
			html.DefaultWriter.SecureWrite(w, n.ClosureLine.Value(src))
		}
		return ast.WalkContinue, nil
	}
	// A closed comment is a note the author left for themselves; an unclosed
	// one would hide the rest of the page, so it is shown like other HTML.
	if !entering || (n.HTMLBlockType == ast.HTMLBlockType2 && n.HasClosure()) {
		return ast.WalkContinue, nil
	}
	var raw []byte
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		raw = append(raw, line.Value(src)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	_, _ = w.WriteString("<p>")
	html.DefaultWriter.RawWrite(w, bytes.TrimRight(raw, "\r\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (h *htmlOverrides) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	href := autoLinkHref(n, src)
	_, _ = w.WriteString(`<a href="`)
	if isDangerousURL(href) {
		_ = w.WriteByte('#')
	} else {
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(href, false)))
	}
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// autoLinkHref is the URL an autolink points at; e-mail autolinks get the
// mailto: scheme as in goldmark.
func autoLinkHref(n *ast.AutoLink, src []byte) []byte {
	url := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		return append([]byte("mailto:"), url...)
	}
	return url
}

// renderInlineParagraph drops the <p> of a paragraph that is the whole
// document, which is what a frontmatter value embedded in a template wants.
func (h *htmlOverrides) renderInlineParagraph(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if p := node.Parent(); p != nil && p.Kind() == ast.KindDocument && p.ChildCount() == 1 {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString("<p>")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}
