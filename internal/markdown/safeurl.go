package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/util"
)

// dangerousSchemes run code or smuggle content when clicked. data: is
// refused for images too: allowing some image types is not worth the rules.
var dangerousSchemes = [][]byte{[]byte("javascript:"), []byte("vbscript:"), []byte("data:")}

// maxDecodeRounds bounds how often a destination is decoded. goldmark
// decodes once more when it writes a destination (util.URLEscape resolves
// escapes and entities again), so a check on one decoding is not enough;
// anything still changing after this many rounds is refused.
const maxDecodeRounds = 8

// isDangerousURL reports whether dest could reach a dangerous scheme in any
// of its decodings: backslash escapes, HTML entities and %XX are undone
// repeatedly, and ASCII whitespace and control characters are ignored,
// because browsers drop tabs and newlines inside URLs.
func isDangerousURL(dest []byte) bool {
	for range maxDecodeRounds {
		if hasDangerousScheme(dest) {
			return true
		}
		if bytes.IndexAny(dest, `\&%`) < 0 {
			return false
		}
		next := percentDecode(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
		if bytes.Equal(next, dest) {
			return false
		}
		dest = next
	}
	return true
}

// hasDangerousScheme compares the scheme of dest, ignoring case and any
// byte <= 0x20 or 0x7f, with dangerousSchemes.
func hasDangerousScheme(dest []byte) bool {
	var scheme [len("javascript:")]byte
	n := 0
	for _, c := range dest {
		if c <= ' ' || c == 0x7f {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		scheme[n] = c
		n++
		if c == ':' || n == len(scheme) {
			break
		}
	}
	for _, s := range dangerousSchemes {
		if bytes.HasPrefix(scheme[:n], s) {
			return true
		}
	}
	return false
}

// percentDecode undoes %XX escapes; a malformed escape is left as written.
func percentDecode(s []byte) []byte {
	if bytes.IndexByte(s, '%') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && util.IsHexDecimal(s[i+1]) && util.IsHexDecimal(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
