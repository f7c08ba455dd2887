package markdown

import (
	"html"
	"unicode/utf8"
)

// AppendText appends the plain text of HTML that this package rendered to
// dst: what a reader sees, for the places that want words without markup
// (a step in the search index and the JSON-LD, the length of a step for
// lint). Tags are dropped; a block element's tags (a paragraph's, a list
// item's, a line break) stand for a space and an inline element's
// (emphasis, a link) for nothing, so "<p>One</p><p>Two</p>" is "One Two"
// and "<em>bo</em>ld" is "bold"; runs of white space are one space, with
// none at either end; entities are resolved.
//
// It stops once it has appended more than limit bytes, which is enough for
// a caller that looks at the start of the text only, and reads no more of
// h than that takes; a negative limit appends all of it. Neither a rune
// nor an entity is cut in two.
//
// It is the one place careguide turns its HTML back into text, so that
// every place agrees on where the words are.
func AppendText(dst []byte, h string, limit int) []byte {
	start := len(dst)
	space := false // a space is owed before the next word
	for i := 0; i < len(h) && (limit < 0 || len(dst)-start <= limit); {
		switch c := h[i]; {
		case c == '<':
			n, block := tagAt(h[i:])
			space = space || block
			i += n
		case textSpace[c]:
			space = true
			i++
		default:
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			if c == '&' {
				if n := entityLen(h[i:]); n > 0 {
					dst = append(dst, entityText(h[i:i+n])...)
					i += n
					continue
				}
			}
			// The run of plain bytes, and single spaces between them, up to
			// the next tag, entity or other white space; with a limit, up
			// to the first rune past it.
			j, end := i+1, len(h)
			if limit >= 0 {
				end = max(j, min(end, i+limit+1-(len(dst)-start)))
				for end < len(h) && !utf8.RuneStart(h[end]) {
					end++
				}
			}
			for j < end && (!plainStop[h[j]] || h[j] == ' ' && j+1 < len(h) && !plainStop[h[j+1]]) {
				j++
			}
			dst = append(dst, h[i:j]...)
			i = j
		}
	}
	return dst
}

// textSpace marks the white space AppendText folds; plainStop, those
// bytes and the ones that start a tag or an entity.
var textSpace, plainStop = func() (space, special [256]bool) {
	for _, c := range []byte(" \n\t\r\f") {
		space[c], special[c] = true, true
	}
	special['<'], special['&'] = true, true
	return space, special
}()

// Text is the plain text of rendered HTML, as AppendText makes it.
func Text(h string) string { return string(AppendText(nil, h, -1)) }

// HTML is how AppendText reads HTML, for a reader that takes words out of
// it as it goes (searchindex.Markup) and must break them where AppendText
// does: the one knowledge of which tags stand for a space and what a
// character reference stands for, here.
type HTML struct{}

// Tag is the length of the tag at the start of s, s[0] being '<', and
// whether it stands for a space: a block element's tag does.
func (HTML) Tag(s []byte) (n int, space bool) { return tagAt(s) }

// Entity is the length of the character reference at the start of s,
// s[0] being '&', and the text it stands for; 0 and "" when s does not
// start with one, and the '&' is text.
func (HTML) Entity(s []byte) (n int, text string) {
	if n = entityLen(s); n > 0 {
		text = entityText(s[:n])
	}
	return n, text
}

// tagAt is the length of the tag at the start of h (to its '>' or,
// unfinished, to the end) and whether it opens or closes a block element.
func tagAt[T string | []byte](h T) (n int, block bool) {
	end := 1
	for end < len(h) && h[end] != '>' {
		end++
	}
	tag := h[1:end]
	if len(tag) > 0 && tag[0] == '/' {
		tag = tag[1:]
	}
	return min(end+1, len(h)), isBlockTag(tag)
}

// entityText is the text a character reference stands for, without
// allocating for the ones this package's HTML has most.
func entityText[T string | []byte](ref T) string {
	switch string(ref) {
	case "&#39;":
		return "'"
	case "&quot;":
		return `"`
	case "&amp;":
		return "&"
	case "&lt;":
		return "<"
	case "&gt;":
		return ">"
	}
	return html.UnescapeString(string(ref))
}

// entityLen is the length of the character reference at the start of s
// ("&amp;", "&#39;"), or 0 when s does not start with one.
func entityLen[T string | []byte](s T) int {
	for i := 1; i < len(s) && i < 33; i++ {
		switch c := s[i]; {
		case c == ';':
			if i > 1 {
				return i + 1
			}
			return 0
		case c == '#' && i == 1, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

// isBlockTag reports whether a tag (its text between < and >, without the
// / of a closing one) opens or closes an element that starts a new line:
// a paragraph, heading, list, list item, quote, code block, table cell,
// rule or line break.
func isBlockTag[T string | []byte](tag T) bool {
	end := 0
	for end < len(tag) && (tag[end] >= 'a' && tag[end] <= 'z' || tag[end] >= '0' && tag[end] <= '9') {
		end++
	}
	switch string(tag[:end]) {
	case "p", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "div", "table", "thead", "tbody", "tr", "td", "th", "section", "figure", "figcaption":
		return true
	}
	return false
}
