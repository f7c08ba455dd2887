// Package markdown is the one place where careguide turns Markdown into HTML.
//
// Input is a [Doc]: the Markdown bytes of a guide body or of a single
// frontmatter value (Doc.Inline), plus an optional [LinkResolver] that maps
// destinations written by the author ("../guides/x.md#step-2") to URLs
// ("/guides/x/#step-2"). Output is a [Result]: the HTML, the headings with
// their generated IDs, every author-written link and image with its position
// in the source, and Problems for the author.
//
// The syntax is CommonMark plus GFM tables, task lists, strikethrough,
// autolinked URLs and footnotes, and callouts ("> [!TIP]", callout.go).
// Text is kept as written (no typographer).
// Raw HTML is shown escaped unless [WithUnsafeHTML] is set; HTML comments are
// dropped instead, because authors use them for notes to themselves.
// Headings get IDs made from their plain text: lowercase letters and digits,
// words joined by "-", duplicates numbered "tips", "tips-1", ...
//
// In Inline mode only inline syntax is interpreted ("# x" and "- x" stay
// text). A single paragraph is emitted without its <p> wrapper; input with
// blank lines keeps one <p> per paragraph.
//
// The one thing to know before changing it: every destination that reaches
// the HTML goes through [isDangerousURL], whatever the options say, and
// pathological input is refused by the cheap pre-scan in limits.go before
// goldmark sees it, because goldmark's parser is quadratic on some inputs.
// A change that lets input reach goldmark without that scan, or a
// destination reach the HTML without that check, is a security bug.
//
// goldmark is the reference, but two fast paths render the common simple
// shapes without it and must give byte-identical HTML and an identical
// Result: appendPlainHTML for short texts (fastpath.go) and appendBody for
// guide bodies made of headings, paragraphs with simple emphasis and inline
// links, and tight bullet lists (bodyfast.go). Each accepts only a narrow
// shape and hands anything else to goldmark; each applies checkLimits'
// measures itself, and the body path sends every destination through the
// same docState.addLink as the goldmark path, so isDangerousURL sees it.
// Differential tests and fuzz targets (FuzzFastPath, FuzzBodyFastPath)
// compare them with goldmark; widen a fast path only with them.
//
// A [Renderer] is built once and is safe for concurrent use.
package markdown

import (
	"bufio"
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Option configures a Renderer.
type Option func(*config)

type config struct {
	unsafeHTML bool
	maxBytes   int
	maxNesting int
}

// WithUnsafeHTML lets raw HTML through unchanged when allow is true. By
// default raw HTML is escaped so that the author sees it on the page.
// Dangerous link schemes are refused either way.
func WithUnsafeHTML(allow bool) Option { return func(c *config) { c.unsafeHTML = allow } }

// WithMaxBytes sets the largest source that is rendered (default 1 MiB).
func WithMaxBytes(n int) Option { return func(c *config) { c.maxBytes = n } }

// WithMaxNesting sets how many lists and block quotes may be nested (default 64).
func WithMaxNesting(n int) Option { return func(c *config) { c.maxNesting = n } }

// LinkResolver maps a link or image destination written in the source to
// the href or src to emit. The content stage implements it. It receives the
// destination with Markdown escapes and entities already resolved (as in
// Link.Dest) and returns a plain URL, not HTML-escaped; a result with a
// dangerous scheme is replaced by "#".
type LinkResolver interface {
	ResolveLink(dest string) string
}

// Doc is one piece of Markdown to render.
type Doc struct {
	Source []byte
	Links  LinkResolver // nil: destinations are emitted as written
	Inline bool         // a one-line frontmatter value: no <p>, no block syntax
	// Reserved are ids the page around the document already uses (a guide's
	// "steps", "step-1", ...); a heading that would take one gets a suffix.
	Reserved []string
}

// Result is what Render produces for a Doc.
type Result struct {
	HTML     string
	Headings []Heading // in document order
	Links    []Link    // [..](..), ![..](..), reference links and URL autolinks, in document order
	Problems []Problem // when a limit is hit, HTML is empty
	// UnknownCallouts are quotes that start like a callout ("> [!FOO]")
	// with a kind that is not one of CalloutKinds, in document order.
	UnknownCallouts []UnknownCallout
}

// Heading is a heading of the document with its generated anchor ID.
type Heading struct {
	Level    int
	ID, Text string
}

// Link is a link or image written by the author.
type Link struct {
	Dest      string // as written, escapes and entities decoded, before the resolver
	Image     bool
	Alt       string // plain-text alt of an image, "" for links
	Line, Col int    // 1-based; Col counts bytes; points at '[', '!' for images, '<' or the address for autolinks
}

// Problem is something the author should fix. Line and Col are 1-based.
type Problem struct {
	Line, Col     int
	Message, Hint string
	// Warning is set when the document still rendered (a neutralised link,
	// or one shown as text); otherwise the problem refused the document.
	Warning bool
	// Spaced says the warning is about a link or image written with a
	// space in its address, which Markdown shows as text.
	Spaced bool
}

// Renderer renders Docs. It is immutable after New.
type Renderer struct {
	cfg    config
	block  goldmark.Markdown
	inline goldmark.Markdown
	// The same without Linkify, for documents it could find nothing in.
	blockNoLinks, inlineNoLinks goldmark.Markdown
	bufs                        sync.Pool // *renderBuf
}

// renderBuf is reused across calls: goldmark would otherwise allocate a
// 4 KiB bufio.Writer for every Render. html is Render's scratch space.
type renderBuf struct {
	out  appender
	w    *bufio.Writer
	html []byte
}

// appender is an io.Writer that appends to a slice.
type appender []byte

func (a *appender) Write(p []byte) (int, error) {
	*a = append(*a, p...)
	return len(p), nil
}

// New builds a Renderer. The goldmark pipelines are built here, once.
func New(opts ...Option) *Renderer {
	cfg := config{maxBytes: 1 << 20, maxNesting: 64}
	for _, o := range opts {
		o(&cfg)
	}
	r := &Renderer{cfg: cfg}
	r.block, r.inline = pipelines(cfg, true)
	r.blockNoLinks, r.inlineNoLinks = pipelines(cfg, false)
	r.bufs.New = func() any {
		b := &renderBuf{}
		b.w = bufio.NewWriterSize(&b.out, 4096)
		return b
	}
	return r
}

// pipelines builds the goldmark pipelines for blocks and for inline text,
// with or without Linkify.
func pipelines(cfg config, linkify bool) (block, inline goldmark.Markdown) {
	block = blockPipeline(cfg, blockExtensions(linkify))
	inlineExt := []goldmark.Extender{extension.Strikethrough, extension.Linkify}
	if !linkify {
		inlineExt = inlineExt[:1]
	}
	// Inline mode gets a parser whose only block is the paragraph, so that
	// "# 3 hours" or "- not a list" in a frontmatter value stays text.
	inlineParser := parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 100)),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	)
	inline = goldmark.New(
		goldmark.WithParser(inlineParser),
		goldmark.WithExtensions(inlineExt...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&htmlOverrides{unsafe: cfg.unsafeHTML, inline: true}, 100))),
	)
	return block, inline
}

// blockExtensions are the extensions of the block pipelines.
func blockExtensions(linkify bool) []goldmark.Extender {
	ext := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Linkify, extension.Footnote, calloutExtension{}}
	if !linkify {
		ext = slices.DeleteFunc(ext, func(e goldmark.Extender) bool { return e == extension.Linkify })
	}
	return ext
}

// blockPipeline is a goldmark pipeline for guide bodies with ext; the
// tests build one without callouts to compare with.
func blockPipeline(cfg config, ext []goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(ext...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&htmlOverrides{unsafe: cfg.unsafeHTML}, 100))),
	)
}

// mayLinkify reports whether goldmark's Linkify could find a link in src,
// or change the text around one it could not: it needs "http:", "https:"
// or "ftp:" followed by "//", "www." or an '@', and it keeps spaces and
// tabs at the end of a line that goldmark otherwise drops. Linkify tries
// every word of every text for a link, which costs a fifth of rendering a
// guide's body; documents it can do nothing in take the pipelines without
// it, which give the same result (FuzzLinkifySkip checks).
func mayLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) {
		return true
	}
	for i, c := range src {
		if (c == '\n' || c == '\r') && i > 0 && isBlank(src[i-1]) {
			return true
		}
	}
	return len(src) > 0 && isBlank(src[len(src)-1])
}

// isBlank reports the bytes goldmark trims from the end of a line.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

// Render renders d. It never panics on any input and returns Problems
// instead of errors.
func (r *Renderer) Render(d Doc) Result {
	buf := r.bufs.Get().(*renderBuf)
	defer r.putBuf(buf)
	html, res := r.AppendHTML(buf.html[:0], d)
	res.HTML, buf.html = string(html), html
	return res
}

// AppendHTML is Render with the HTML appended to dst instead of returned in
// Result.HTML, which stays empty. When a Problem refuses the document, dst
// comes back as it was. A page's dozens of short frontmatter texts can so
// share one allocation, which the garbage collector marks as one object.
func (r *Renderer) AppendHTML(dst []byte, d Doc) ([]byte, Result) {
	if p := r.sizeProblem(d.Source); p != nil {
		return dst, Result{Problems: []Problem{*p}}
	}
	if out, ok := appendPlainHTML(dst, d.Source, d.Inline); ok {
		return out, Result{}
	}
	if out, res, ok := r.appendBody(dst, d); ok {
		return out, res
	}
	return r.appendGoldmark(dst, d)
}

// pipeline picks the goldmark pipeline for a document.
func (r *Renderer) pipeline(inline, linkify bool) goldmark.Markdown {
	switch {
	case inline && linkify:
		return r.inline
	case inline:
		return r.inlineNoLinks
	case linkify:
		return r.block
	default:
		return r.blockNoLinks
	}
}

// appendGoldmark is the full path: limits, parse, walk, render.
func (r *Renderer) appendGoldmark(dst []byte, d Doc) ([]byte, Result) {
	if p := r.checkLimits(d.Source, d.Inline); p != nil {
		return dst, Result{Problems: []Problem{*p}}
	}
	return r.renderWith(dst, d, r.pipeline(d.Inline, mayLinkify(d.Source)))
}

// renderWith parses, walks and renders d with md, appending to dst.
func (r *Renderer) renderWith(dst []byte, d Doc, md goldmark.Markdown) ([]byte, Result) {
	// The parse context holds this document's link references, footnotes
	// and callout markers.
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(d.Source), parser.WithContext(pc))
	st := newDocState(d, r.cfg.maxNesting)
	st.unknownCallouts(pc)
	if !st.walk(doc) {
		return dst, Result{Problems: st.res.Problems}
	}
	buf := r.bufs.Get().(*renderBuf)
	defer r.putBuf(buf)
	buf.out = dst
	buf.w.Reset(&buf.out)
	err := md.Renderer().Render(buf.w, d.Source, doc)
	out := buf.out
	buf.out = nil // dst is the caller's
	if err != nil {
		// Only the writer can fail, and appending to a slice does not.
		st.res.Problems = append(st.res.Problems, Problem{Line: 1, Col: 1,
			Message: "rendering failed: " + err.Error()})
		return dst, st.res
	}
	return out, st.res
}

// putBuf returns buf to the pool unless one huge page made it huge; keeping
// that memory for every later small render is not worth it.
func (r *Renderer) putBuf(buf *renderBuf) {
	if cap(buf.html) <= maxPooledBuf {
		r.bufs.Put(buf)
	}
}

const maxPooledBuf = 256 << 10
