// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"reflect"
	"testing"
)

type (
	plainKind    string
	plainNumber  int
	plainFlag    bool
	stringerKind string
)

func (k stringerKind) String() string { return "stringer:" + string(k) }

// TestPlainEscapers checks that the reflect.Value versions of the escapers
// return what the escapers return for the same argument, and that they
// take the values they are for.
func TestPlainEscapers(t *testing.T) {
	escapers := map[string]func(...any) string{
		"htmlescaper":   htmlEscaper,
		"attrescaper":   attrEscaper,
		"rcdataescaper": rcdataEscaper,
		"urlfilter":     urlFilter,
		"urlnormalizer": urlNormalizer,
		"urlescaper":    urlEscaper,
	}
	plain := map[string]func(reflect.Value) (string, bool){
		"htmlescaper":   plainOf(htmlEscaperOf),
		"attrescaper":   plainOf(attrEscaperOf),
		"rcdataescaper": plainOf(rcdataEscaperOf),
		"urlfilter":     plainOf(urlFilterOf),
		"urlnormalizer": plainOf(urlNormalizerOf),
		"urlescaper":    plainOf(urlEscaperOf),
	}
	texts := []string{"", "plain", `<a href="x">&'"</a>`, "\x00\u00a0 é\t\n", "javascript:alert(1)",
		"http://x.org/a b?c=d&e=f#g", "/p/(x)'", "mailto:a@b", "%41%zz", "a\u2028b", "\xff<\ufdd0>"}
	var values []any
	for _, s := range texts {
		values = append(values, s, HTML(s), URL(s), CSS(s), JS(s), JSStr(s), HTMLAttr(s), Srcset(s), plainKind(s))
	}
	values = append(values, true, false, plainFlag(true), 0, -12, int8(-3), uint(7), uint8(200), plainNumber(42))
	// Values the escapers take themselves: plainOf reports false.
	str := "<p>"
	var nilAny any
	others := []reflect.Value{
		reflect.ValueOf(stringerKind("x")), reflect.ValueOf(&str), reflect.ValueOf(1.5),
		reflect.ValueOf([]string{"a"}), reflect.ValueOf(&nilAny).Elem(), {},
		reflect.ValueOf(struct{ s string }{"x"}).Field(0),
	}
	for name, esc := range escapers {
		for _, in := range values {
			args := []reflect.Value{reflect.ValueOf(in)}
			boxed := in
			args = append(args, reflect.ValueOf(&boxed).Elem()) // an any holding in
			for _, v := range args {
				got, ok := plain[name](v)
				if !ok {
					t.Errorf("%s(%T %#v): left to the escaper", name, in, in)
					continue
				}
				if want := esc(in); got != want {
					t.Errorf("%s(%T %#v): plain %q, want %q", name, in, in, got, want)
				}
			}
		}
		for _, v := range others {
			if got, ok := plain[name](v); ok {
				t.Errorf("%s(%v): plain %q, want it left to the escaper", name, v, got)
			}
		}
	}
}
