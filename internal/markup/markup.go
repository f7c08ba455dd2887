// Package markup writes the HTML that careguide makes itself, without
// templates: the structured parts of a guide (its summary, steps, gear,
// enrichment ideas and sources), the entries of the /enrichment/ and /gear/
// lists, a page's head tags and the list of its body's sections.
//
// Input: parsed content values and plain strings. Output: template.HTML,
// escaped exactly as html/template escapes the same values in the same
// places, so a theme gets the same safety from these values as from its
// own actions.
//
// Why it exists: these parts are content, not layout. They follow from
// the content model as a guide's Markdown body does, and a theme styles
// them with CSS, by their classes, instead of writing them out. Written as
// templates they cost the standard html/template about a hundred actions
// a guide, each a few microseconds of reflection and escaping: most of a
// 10,000-guide build's rendering. Written here they cost a few
// microseconds a page. A theme that wants other markup ranges over the
// data instead; docs/templates.md shows how.
//
// Measured 2026-12-05 on the project's 2-core VM, a 10,000-guide site
// (sitegen, Seed 1) built into tmpfs, 5 interleaved runs each, medians:
// 5.12 s and 9.8 CPU-s with these parts; 8.42 s and 16.2 CPU-s with the
// same markup written as templates (the default theme of commit 6a6a5d8,
// which makes byte-identical pages).
//
// The one thing to know before changing it: spec_test.go holds every part
// as the template it stands for, and TestMatchesTemplates renders random
// values both ways and compares the bytes. Change the markup in both.
package markup

import (
	"html/template"
	"strings"
)

// writer builds one piece of markup.
type writer struct{ strings.Builder }

// raw writes markup as it is.
func (w *writer) raw(s string) { w.WriteString(s) }

// html writes a value that is HTML already (rendered Markdown).
func (w *writer) html(h template.HTML) { w.WriteString(string(h)) }

// text writes s escaped for HTML text or a quoted attribute value, as
// html/template escapes both: the characters that could end a value or
// start markup, and '+' (which UTF-7 could use), with NUL made the
// replacement character.
func (w *writer) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if r := escapes[s[i]]; r != "" {
			w.WriteString(s[last:i])
			w.WriteString(r)
			last = i + 1
		}
	}
	w.WriteString(s[last:])
}

// escapes is what text writes for each byte it does not write as it is.
var escapes = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// url writes a URL as the value of an href or src attribute: one whose
// scheme is not http, https or mailto is replaced by a harmless
// "#ZgotmplZ", and every byte a URL may not hold as it is, percent-encoded.
func (w *writer) url(u string) {
	if i := strings.IndexByte(u, ':'); i >= 0 && !strings.Contains(u[:i], "/") {
		switch strings.ToLower(u[:i]) {
		case "http", "https", "mailto":
		default:
			w.raw("#ZgotmplZ")
			return
		}
	}
	w.text(percentEncode(u, true))
}

// fragment writes an id as the part of a URL after '#'.
func (w *writer) fragment(id string) { w.text(percentEncode(id, false)) }

func (w *writer) done() template.HTML { return template.HTML(w.String()) }

// percentEncode percent-encodes the bytes of s that must be, in lowercase
// hex. Letters, digits and "-._~" always stay; with keepReserved, so do
// the delimiters of RFC 3986 but for '\”, '(' and ')', and a '%' that
// starts an escape.
func percentEncode(s string, keepReserved bool) string {
	const hex = "0123456789abcdef"
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		keep := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' ||
			keepReserved && (strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0 ||
				c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]))
		switch {
		case keep && b != nil:
			b = append(b, c)
		case keep:
		default:
			if b == nil {
				b = append(make([]byte, 0, len(s)+8), s[:i]...)
			}
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
