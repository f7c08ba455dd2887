package markdown

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Most guide bodies are headings, paragraphs of prose with a few links and
// the odd *emphasis*, and short bullet lists. goldmark takes tens of
// microseconds and hundreds of allocations for such a body; appendBody
// renders it directly. Its output, HTML and Result alike, must be exactly
// what appendGoldmark returns; TestBodyFastPathOnRealContent,
// TestBodyFastPathTable, TestBodyFastPathRandom and FuzzBodyFastPath hold
// it to that.
//
// What it saves: a 10,000-guide build (sitegen, Seed 1) into tmpfs on the
// project's 2-core VM, 5 interleaved runs each, medians, takes 4.51 s and
// 8.6 CPU-s with it and 5.52 s and 10.5 CPU-s built with -tags nobodyfast,
// which sends every body to goldmark (+22% wall). Measured 2026-12-05 as
// yamlfast's doc describes, with that tag.
//
// simpleBody accepts a deliberately narrow shape and everything else takes
// the goldmark path. The document must be valid UTF-8 with nothing
// mayLinkify reacts to (so goldmark would run without Linkify) and within
// the complexity and nesting limits of checkLimits, measured the same way
// (overBudget, nestingEstimate).
// It is made of blocks separated by blank lines ("\n" alone); each block is
//
//   - an ATX heading: 1-6 '#', one space, text without '#', alone in its block;
//   - a paragraph of one or more lines, rendered with "\n" between them;
//   - a tight bullet list: "- " items of one line each. A list may not follow
//     another one across blank lines, which would make one loose list.
//
// Every line of a paragraph or item, and a heading's text, starts with a
// letter, a digit (but no "1." or "1)"), a non-ASCII character, '"', '\'',
// '(', or the '*' of emphasis or the '[' of a link (a list item may not
// start with '[': "- [x](y)" is a task). So no line can start a block of
// its own, continue a list lazily, underline a setext heading or be a table
// row. The text holds no control bytes, no inline syntax other than simple
// emphasis (see simpleEmphasis) and inline links, and no "![", '_', '`',
// '<', '&', '\\', '|', '~' or stray ']'.
//
// An inline link is [text](dest) on one line: the text is non-empty, holds
// no brackets, does not start with '^' (a footnote) and may hold its own
// emphasis, opened and closed inside it (a closing run may end the text,
// before the ']'); dest is non-empty and made of letters, digits and
// "-._/#?=%+:,;", so it has no title, no escapes and no entities. Emphasis
// outside a link may contain it but not end inside it. The destination then
// goes through docState.addLink, as in the goldmark path: recorded, checked
// with isDangerousURL, resolved, checked again; appendHref writes it as
// goldmark's renderer would.

// bodyLookAt marks the bytes checkText must look at.
var bodyLookAt = func() (t [256]bool) {
	for _, c := range []byte("*[]!_`<&\\|~@") {
		t[c] = true
	}
	for c := 0; c < ' '; c++ {
		t[c] = true
	}
	t[0x7f] = true
	return t
}()

// destByte marks the bytes simpleBody accepts in a link destination.
var destByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range []byte("-._/#?=%+:,;") {
		t[c] = true
	}
	return t
}()

// plainURLByte marks the bytes goldmark writes into an href unchanged:
// util.URLEscape keeps them and util.EscapeHTML does not escape them.
var plainURLByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range []byte("-._~/#?=+:,;!$'()*@") {
		t[c] = true
	}
	return t
}()

// textSpecial marks the bytes of accepted text that are not written as
// they are: goldmark escapes '"' and '>', and '*' is emphasis.
var textSpecial = [256]bool{'"': true, '>': true, '*': true}

// Block kinds of the body fast path.
const (
	noBlock = iota
	headingBlock
	paragraphBlock
	listBlock
)

// lineKind classifies a non-empty line of a body simpleBody may accept.
func lineKind(line []byte) int {
	switch {
	case line[0] == '#':
		return headingBlock
	case len(line) >= 2 && line[0] == '-' && line[1] == ' ':
		return listBlock
	}
	return paragraphBlock
}

// simpleBody reports whether src has the shape appendBody renders, and
// how many headings it has.
func simpleBody(src []byte, maxNesting int) (headings int, ok bool) {
	// mayLinkify without its byte-by-byte search for blanks at line ends,
	// which the loop below refuses itself.
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) ||
		bytes.Contains(src, []byte("www.")) || !utf8.Valid(src) {
		return 0, false
	}
	block, prev := noBlock, noBlock // prev: the block before the blank lines
	blockStart := 0                 // offset of the current block's first line
	for rest := src; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, newline)
		if len(line) == 0 {
			if block != noBlock {
				prev, block = block, noBlock
			}
			if overBudget(src[blockStart : len(src)-len(rest)]) {
				return 0, false
			}
			blockStart = len(src) - len(rest)
			continue
		}
		if isBlank(line[len(line)-1]) || nestingEstimate(line) > maxNesting {
			return 0, false // a blank for mayLinkify; checkLimits' nesting
		}
		kind := lineKind(line)
		switch {
		case block == headingBlock:
			return 0, false // a heading is a block of its own
		case kind == headingBlock:
			if block != noBlock || headingLevel(line) == 0 {
				return 0, false
			}
			headings++
		case kind == listBlock:
			if block == paragraphBlock || block == noBlock && prev == listBlock || !simpleLine(line, 2, false) {
				return 0, false
			}
		case block == listBlock || !simpleLine(line, 0, true):
			return 0, false
		}
		block = kind
	}
	return headings, !overBudget(src[blockStart:])
}

// cheapBlock is the longest block whose cost cannot exceed complexityBudget:
// a block of n bytes (counted as checkLimits counts them) has at most n
// delimiters.
const cheapBlock = 11585 // floor(sqrt(complexityBudget))

// overBudget reports whether checkLimits would find the lines in block too
// costly; it counts only for a block longer than cheapBlock.
func overBudget(block []byte) bool {
	if len(block)+1 <= cheapBlock { // +1: checkLimits counts a last line's newline too
		return false
	}
	var cost paragraphCost
	for len(block) > 0 {
		var line []byte
		line, block, _ = bytes.Cut(block, newline)
		if len(line) > 0 {
			cost.add(line, 1)
		}
	}
	return cost.finish() != nil
}

var newline = []byte("\n")

// headingLevel is the level of the ATX heading line if simpleBody accepts
// it, 0 otherwise.
func headingLevel(line []byte) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n > 6 || n+1 >= len(line) || line[n] != ' ' ||
		bytes.IndexByte(line[n+1:], '#') >= 0 || !simpleLine(line, n+1, true) {
		return 0
	}
	return n
}

// simpleLine reports whether line[from:] is inline text simpleBody accepts
// at the start of a line; a list item may not start with a link.
func simpleLine(line []byte, from int, linkFirst bool) bool {
	if from >= len(line) {
		return false
	}
	switch c := line[from]; {
	case isASCIIAlnum(c), c >= utf8.RuneSelf, c == '"', c == '\'', c == '(', c == '*':
	case c == '[' && linkFirst:
	default:
		return false
	}
	return !startsOrderedList(line[from:]) && checkText(line, from, len(line), true)
}

// checkText reports whether line[from:to] is plain text with simple
// emphasis and, if links is set, inline links.
func checkText(line []byte, from, to int, links bool) bool {
	open := 0 // as in isPlainLine
	for i := from; i < to; i++ {
		if !bodyLookAt[line[i]] {
			continue
		}
		switch line[i] {
		case '*':
			n := 1
			for i+n < to && line[i+n] == '*' {
				n++
			}
			if !simpleEmphasis(line[:to], i, n, open) {
				return false
			}
			open = n - open
			i += n - 1
		case '!':
			if i+1 < to && line[i+1] == '[' {
				return false // an image
			}
		case '[':
			end, ok := linkEnd(line, i)
			if !links || !ok || !checkText(line, i+1, bytes.IndexByte(line[i:], ']')+i, false) {
				return false
			}
			i = end - 1
		default:
			return false
		}
	}
	return open == 0
}

// linkEnd checks the shape of the link starting at line[i] == '[' (its
// text is checked by the caller) and returns the index after its ')'.
func linkEnd(line []byte, i int) (int, bool) {
	close := bytes.IndexByte(line[i:], ']')
	if close <= 1 || line[i+1] == '^' || bytes.IndexByte(line[i+1:i+close], '[') >= 0 {
		return 0, false
	}
	j := i + close + 1 // after ']'
	if j >= len(line) || line[j] != '(' {
		return 0, false
	}
	k := j + 1
	for k < len(line) && destByte[line[k]] {
		k++
	}
	if k == j+1 || k == len(line) || line[k] != ')' {
		return 0, false
	}
	return k + 1, true
}

// appendBody renders d if simpleBody accepts it; otherwise it returns dst
// unchanged and false.
func (r *Renderer) appendBody(dst []byte, d Doc) ([]byte, Result, bool) {
	if !bodyFastPath || d.Inline {
		return dst, Result{}, false
	}
	headings, ok := simpleBody(d.Source, r.cfg.maxNesting)
	if !ok {
		return dst, Result{}, false
	}
	w := bodyWriter{st: newDocState(d, r.cfg.maxNesting)}
	// Every '[' of an accepted body opens a link.
	if links := bytes.Count(d.Source, []byte("[")); links > 0 {
		w.st.res.Links = make([]Link, 0, links)
	}
	if headings > 0 {
		w.st.res.Headings = make([]Heading, 0, headings)
	}
	w.out = slices.Grow(dst, len(d.Source)+len(d.Source)/4+64)
	w.blocks()
	return w.out, w.st.res, true
}

// bodyWriter renders a body simpleBody accepted.
type bodyWriter struct {
	st        *docState
	out       []byte
	lineStart int // offset of the current line in the source
	lineNo    int // 1-based
}

func (w *bodyWriter) blocks() {
	src := w.st.src
	block := noBlock
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		w.lineStart, start = start, end+1
		w.lineNo++
		if len(line) == 0 {
			w.closeBlock(block)
			block = noBlock
			continue
		}
		switch kind := lineKind(line); {
		case kind == headingBlock:
			w.heading(line)
		case kind == listBlock:
			if block == noBlock {
				w.out = append(w.out, "<ul>\n"...)
			}
			w.out = append(w.out, "<li>"...)
			w.inline(line, 2)
			w.out = append(w.out, "</li>\n"...)
		case block == paragraphBlock:
			w.out = append(w.out, '\n') // a soft line break
			w.inline(line, 0)
		default:
			w.out = append(w.out, "<p>"...)
			w.inline(line, 0)
		}
		block = lineKind(line)
	}
	w.closeBlock(block)
}

func (w *bodyWriter) closeBlock(block int) {
	switch block {
	case paragraphBlock:
		w.out = append(w.out, "</p>\n"...)
	case listBlock:
		w.out = append(w.out, "</ul>\n"...)
	}
}

// heading renders an ATX heading with its ID, as docState.heading names it
// and goldmark's renderer writes the attribute.
func (w *bodyWriter) heading(line []byte) {
	level := headingLevel(line)
	text := headingText(line[level+1:])
	id := w.st.uniqueID(slug(text))
	w.st.res.Headings = append(w.st.res.Headings, Heading{Level: level, ID: id, Text: text})
	tag := byte('0' + level)
	w.out = append(w.out, '<', 'h', tag)
	w.out = append(w.out, ` id="`...)
	if strings.ContainsAny(id, `"&<>`) { // a slug never does, but be sure
		w.out = append(w.out, util.EscapeHTML([]byte(id))...)
	} else {
		w.out = append(w.out, id...)
	}
	w.out = append(w.out, '"', '>')
	w.inline(line, level+1)
	w.out = append(w.out, '<', '/', 'h', tag, '>', '\n')
}

// headingText is nodeText for a heading simpleBody accepted: the text
// without emphasis markers and link syntax.
func headingText(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '[':
		case ']':
			i += bytes.IndexByte(s[i:], ')') // skip "](dest)"
		default:
			b.WriteByte(s[i])
		}
	}
	return strings.TrimSpace(b.String())
}

// inline renders line[from:], which checkText accepted.
func (w *bodyWriter) inline(line []byte, from int) {
	open := false
	for i := from; i < len(line); {
		j := bytes.IndexByte(line[i:], '[')
		if j < 0 {
			w.text(line[i:], &open)
			return
		}
		w.text(line[i:i+j], &open)
		i = w.link(line, i+j)
	}
}

// link renders the link at line[i] == '[' and returns the index after it.
func (w *bodyWriter) link(line []byte, i int) int {
	close := i + bytes.IndexByte(line[i:], ']')
	end := close + 2 + bytes.IndexByte(line[close+2:], ')')
	dest := line[close+2 : end]
	// Destinations have no escapes or entities, so Dest is dest as written.
	l := Link{Dest: string(dest), Line: w.lineNo, Col: i + 1}
	url, asWritten := w.st.addLink(l, dest, w.lineStart+i)
	if asWritten {
		url = l.Dest
	}
	w.out = append(w.out, `<a href="`...)
	w.out = appendHref(w.out, url, !asWritten)
	w.out = append(w.out, '"', '>')
	open := false
	w.text(line[i+1:close], &open)
	w.out = append(w.out, "</a>"...)
	return end + 1
}

// appendHref writes url as goldmark's link renderer writes a destination:
// decoded, URL-escaped, left out if goldmark finds it dangerous, and
// HTML-escaped. A resolved URL is encoded first, as docState.link encodes
// it for goldmark.
func appendHref(out []byte, url string, resolved bool) []byte {
	for i := 0; i < len(url); i++ {
		if plainURLByte[url[i]] {
			continue
		}
		b := []byte(url)
		if resolved {
			b = encodeDest(url)
		}
		b = util.URLEscape(b, true)
		if html.IsDangerousURL(b) {
			return out
		}
		return append(out, util.EscapeHTML(b)...)
	}
	// Each of goldmark's dangerous schemes has a ':'.
	if strings.IndexByte(url, ':') >= 0 && html.IsDangerousURL([]byte(url)) {
		return out
	}
	return append(out, url...) // decoding and escaping change nothing
}

// text renders text with simple emphasis; open says whether an emphasis
// span is open, which it may be across a link.
func (w *bodyWriter) text(s []byte, open *bool) {
	for {
		i := 0
		for i < len(s) && !textSpecial[s[i]] {
			i++
		}
		if i == len(s) {
			w.out = append(w.out, s...)
			return
		}
		w.out = append(w.out, s[:i]...)
		switch s[i] {
		case '"':
			w.out = append(w.out, "&quot;"...)
		case '>':
			w.out = append(w.out, "&gt;"...)
		case '*':
			tag := "em>"
			if i+1 < len(s) && s[i+1] == '*' {
				tag, i = "strong>", i+1
			}
			w.out = append(w.out, '<')
			if *open {
				w.out = append(w.out, '/')
			}
			w.out = append(w.out, tag...)
			*open = !*open
		}
		s = s[i+1:]
	}
}
