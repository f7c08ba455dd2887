// careguide: this file is not in the standard library; see FORK.md.

package template

import "testing"

// TestPlainEscapers checks that the plain-string escapers return what
// their escapers return for a string.
func TestPlainEscapers(t *testing.T) {
	escapers := map[string]func(...any) string{
		"htmlescaper":   htmlEscaper,
		"attrescaper":   attrEscaper,
		"rcdataescaper": rcdataEscaper,
		"urlfilter":     urlFilter,
		"urlnormalizer": urlNormalizer,
		"urlescaper":    urlEscaper,
	}
	plain := map[string]func(string) string{
		"htmlescaper":   htmlEscaperPlain,
		"attrescaper":   htmlEscaperPlain,
		"rcdataescaper": htmlEscaperPlain,
		"urlfilter":     urlFilterPlain,
		"urlnormalizer": urlNormalizerPlain,
		"urlescaper":    urlEscaperPlain,
	}
	inputs := []string{"", "plain", `<a href="x">&'"</a>`, "\x00\u00a0 é\t\n", "javascript:alert(1)",
		"http://x.org/a b?c=d&e=f#g", "/p/(x)'", "mailto:a@b", "%41%zz", "a\u2028b"}
	for name, esc := range escapers {
		for _, in := range inputs {
			if got, want := plain[name](in), esc(in); got != want {
				t.Errorf("%s(%q): plain %q, want %q", name, in, got, want)
			}
		}
	}
}
