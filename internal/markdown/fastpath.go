package markdown

import (
	"bytes"
	"unicode/utf8"
)

// Most frontmatter values ("Feed twice a day.") contain no Markdown at all,
// and a guide has a few dozen of them; goldmark costs microseconds for each.
// plainHTML renders such text directly. Its output must be byte-identical to
// goldmark's; TestFastPathMatchesGoldmark and FuzzFastPath hold it to that.
//
// The rules are deliberately narrower than Markdown requires: one line, no
// leading or trailing space, no control bytes, none of the characters that
// start inline syntax, no block marker at the start, nothing linkify would
// turn into a link. Anything else takes the normal path.

// inlineSyntax marks bytes that may start or end inline Markdown or an
// entity, or that goldmark escapes in ways we do not copy.
var inlineSyntax = func() (t [256]bool) {
	for _, c := range []byte("*_`[]<&\\|~@") {
		t[c] = true
	}
	for c := 0; c < ' '; c++ {
		t[c] = true
	}
	t[0x7f] = true
	return t
}()

// plainHTML returns the HTML for src and true when src is plain text.
func plainHTML(src []byte, inline bool) ([]byte, bool) {
	if len(src) == 0 {
		return nil, true // goldmark renders nothing for empty input
	}
	if !isPlainLine(src) {
		return nil, false
	}
	out := make([]byte, 0, len(src)+16)
	if !inline {
		out = append(out, "<p>"...)
	}
	for _, c := range src {
		switch c {
		case '"':
			out = append(out, "&quot;"...)
		case '>':
			out = append(out, "&gt;"...)
		default:
			out = append(out, c)
		}
	}
	if !inline {
		out = append(out, "</p>\n"...)
	}
	return out, true
}

func isPlainLine(s []byte) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for _, c := range s {
		if inlineSyntax[c] {
			return false
		}
	}
	switch s[0] {
	case '-', '+', '=', '>', '#':
		return false // list item, thematic break, setext underline, quote, heading
	}
	if startsOrderedList(s) || looksLinkable(s) {
		return false
	}
	return utf8.Valid(s)
}

// startsOrderedList reports a leading "12." or "12)".
func startsOrderedList(s []byte) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')')
}

// looksLinkable reports text that the linkify extension might turn into a
// link: a scheme ("://") or "www." in any case. E-mail needs '@', which
// inlineSyntax already excludes.
func looksLinkable(s []byte) bool {
	if bytes.Contains(s, []byte("://")) {
		return true
	}
	for i := bytes.IndexByte(s, '.'); i >= 0; {
		if i >= 3 && (s[i-3]|0x20) == 'w' && (s[i-2]|0x20) == 'w' && (s[i-1]|0x20) == 'w' {
			return true
		}
		j := bytes.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
