package markdown

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// Most frontmatter values ("Feed twice a day.") contain little or no
// Markdown, and a guide has a few dozen of them; goldmark costs microseconds
// for each. appendPlainHTML renders such text directly. Its output must be
// byte-identical to goldmark's; TestFastPathMatchesGoldmark and FuzzFastPath
// hold it to that.
//
// What it saves: a 10,000-guide build (sitegen, Seed 1) into tmpfs on the
// project's 2-core VM, 5 interleaved runs each, medians, takes 4.51 s and
// 8.6 CPU-s with it and 6.02 s and 11.6 CPU-s built with -tags noplainfast,
// which sends every text to goldmark (+33% wall). Measured 2026-12-05 as
// yamlfast's doc describes, with that tag.
//
// The rules are deliberately narrower than Markdown requires. The value may
// end in newlines and may hold several paragraphs separated by exactly one
// blank line ("\n\n"); each paragraph is one line with no leading or trailing
// space, no control bytes, none of the characters that start inline syntax,
// no block marker at the start, nothing linkify would turn into a link, and
// no more markup characters than checkLimits allows. Anything else takes the
// normal path.
//
// The one piece of syntax rendered is simple emphasis: *em* and **strong**,
// not nested, with the same number of '*' on both sides. The opening run
// follows the start of the line or a space and is followed by an ASCII
// letter or digit, so by CommonMark's flanking rules it can only open; the
// closing run follows an ASCII letter or digit and is followed by the end of
// the line, a space or one of ".,;:!?)", so it can only close. Any other '*'
// takes the normal path.

// lookAt marks the bytes isPlainLine must look at: '*', which may be simple
// emphasis; '(', which checkLimits counts as markup; and the refused bytes,
// which may start or end other inline Markdown or an entity, or which
// goldmark escapes in ways we do not copy.
var lookAt = func() (t [256]bool) {
	for _, c := range []byte("*(_`[]<&\\|~@") {
		t[c] = true
	}
	for c := 0; c < ' '; c++ {
		t[c] = true
	}
	t[0x7f] = true
	return t
}()

var paragraphBreak = []byte("\n\n")

// appendPlainHTML appends the HTML for src to dst and returns it with true
// when src is plain text; otherwise it returns dst as it was and false.
func appendPlainHTML(dst, src []byte, inline bool) ([]byte, bool) {
	if !plainFastPath {
		return dst, false
	}
	if len(src) == 0 {
		return dst, true // goldmark renders nothing for empty input
	}
	body := bytes.TrimRight(src, "\n")
	paragraphs := 0
	for rest, more := body, true; more; paragraphs++ {
		var p []byte
		p, rest, more = bytes.Cut(rest, paragraphBreak)
		if len(p) == 0 || !isPlainLine(p) {
			return dst, false
		}
	}
	// Inline mode drops the <p> of a lone paragraph only.
	wrap := !inline || paragraphs > 1
	size := len(body) + 16 // room for a few escapes and emphasis tags
	if wrap {
		size += len("<p></p>\n") * paragraphs
	}
	dst = slices.Grow(dst, size)
	for rest, more := body, true; more; {
		var p []byte
		p, rest, more = bytes.Cut(rest, paragraphBreak)
		if wrap {
			dst = append(dst, "<p>"...)
		}
		dst = appendPlainLine(dst, p)
		if wrap {
			dst = append(dst, "</p>\n"...)
		}
	}
	return dst, true
}

// appendPlainLine appends the HTML for a line that isPlainLine accepted:
// '"' and '>' escaped as goldmark escapes them, runs of '*' as tags.
func appendPlainLine(dst, s []byte) []byte {
	open := false
	for {
		i := bytes.IndexAny(s, `">*`)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		switch s[i] {
		case '"':
			dst = append(dst, "&quot;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '*':
			tag := "em>"
			if i+1 < len(s) && s[i+1] == '*' {
				tag, i = "strong>", i+1
			}
			dst = append(dst, '<')
			if open {
				dst = append(dst, '/')
			}
			dst = append(dst, tag...)
			open = !open
		}
		s = s[i+1:]
	}
}

func isPlainLine(s []byte) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	open := 0   // length of the open emphasis run, 0 outside emphasis
	markup := 0 // '*' and '(', as checkLimits counts them
	for i := 0; i < len(s); i++ {
		if !lookAt[s[i]] {
			continue
		}
		switch s[i] {
		case '(':
			markup++
		case '*':
			n := 1
			for i+n < len(s) && s[i+n] == '*' {
				n++
			}
			if !simpleEmphasis(s, i, n, open) {
				return false
			}
			open = n - open // opening sets it to n, closing back to 0
			markup += n
			i += n - 1
		default:
			return false
		}
	}
	if open != 0 {
		return false
	}
	// checkLimits would refuse this paragraph; let it.
	if int64(markup)*int64(len(s)+1) > complexityBudget {
		return false
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

// simpleEmphasis reports whether the run of n '*' at s[i] opens a span
// (open == 0) or closes the open run of the same length (open == n).
func simpleEmphasis(s []byte, i, n, open int) bool {
	if n > 2 {
		return false
	}
	if open == 0 {
		return (i == 0 || s[i-1] == ' ') && i+n < len(s) && isASCIIAlnum(s[i+n])
	}
	return n == open && isASCIIAlnum(s[i-1]) &&
		(i+n == len(s) || strings.IndexByte(" .,;:!?)", s[i+n]) >= 0)
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
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
// isPlainLine already refuses.
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
