package render

import (
	"strconv"
	"unicode/utf8"
)

// The HowTo JSON-LD is a fixed shape written once per guide, and
// json.Marshal spends most of its time on reflection for it. These
// appenders write exactly the bytes json.Marshal writes for the same
// structs (TestJSONMatchesMarshal and FuzzJSONString hold them to
// it), including its HTML-safe escapes: <, > and & become \u003c, \u003e
// and \u0026, so no text from content can close a <script>.
//
// What they saved, when the search index was written with them too: a
// 10,000-guide build (sitegen, Seed 1) into tmpfs on
// the project's 2-core VM, 5 interleaved runs each, medians, takes 5.12 s
// and 9.8 CPU-s with them and 5.46 s and 10.4 CPU-s built with -tags
// nojsonfast, which sends both through json.Marshal (+7% wall, a third of a
// second). Measured 2026-12-05 as yamlfast's doc describes, with that tag.

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes json.Marshal copies as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t['<'], t['>'], t['&'] = false, false, false, false, false
	return t
}()

// appendJSONString appends s as json.Marshal writes a string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // control bytes and <, > and &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029': // line breaks to JavaScript
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// appendJSONKey appends ,"key": (no comma when first). Keys are plain
// ASCII names that need no escaping.
func appendJSONKey(b []byte, first bool, key string) []byte {
	if !first {
		b = append(b, ',')
	}
	return append(append(append(b, '"'), key...), '"', ':')
}

// appendJSONField appends ,"key":"value" (no comma when first).
func appendJSONField(b []byte, first bool, key, value string) []byte {
	return appendJSONString(appendJSONKey(b, first, key), value)
}

func appendHowTo(b []byte, h *howToJSON) []byte {
	b = append(b, '{')
	b = appendJSONField(b, true, "@context", h.Context)
	b = appendJSONField(b, false, "@type", h.Type)
	b = appendJSONField(b, false, "name", h.Name)
	if h.Description != "" {
		b = appendJSONField(b, false, "description", h.Description)
	}
	b = appendJSONField(b, false, "url", h.URL)
	if h.TotalTime != "" {
		b = appendJSONField(b, false, "totalTime", h.TotalTime)
	}
	if h.DateModified != "" {
		b = appendJSONField(b, false, "dateModified", h.DateModified)
	}
	if h.Image != "" {
		b = appendJSONField(b, false, "image", h.Image)
	}
	if len(h.Step) > 0 {
		b = append(appendJSONKey(b, false, "step"), '[')
		for i, st := range h.Step {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			b = appendJSONField(b, true, "@type", st.Type)
			b = strconv.AppendInt(appendJSONKey(b, false, "position"), int64(st.Position), 10)
			b = appendJSONField(b, false, "name", st.Name)
			b = appendJSONField(b, false, "text", st.Text)
			b = appendJSONField(b, false, "url", st.URL)
			if st.Image != "" {
				b = appendJSONField(b, false, "image", st.Image)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendJSONThings(b, "tool", h.Tool)
	b = appendJSONThings(b, "supply", h.Supply)
	return append(b, '}')
}

func appendJSONThings(b []byte, key string, things []howToThing) []byte {
	if len(things) == 0 {
		return b
	}
	b = append(appendJSONKey(b, false, key), '[')
	for i, t := range things {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendJSONField(b, true, "@type", t.Type)
		b = appendJSONField(b, false, "name", t.Name)
		b = append(b, '}')
	}
	return append(b, ']')
}
