// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"fmt"
	stdhtml "html/template"
	"reflect"
	"strings"
	"testing"

	template "github.com/careguide/careguide/internal/template/text"
)

type (
	plainKind    string
	plainNumber  int
	plainFlag    bool
	stringerKind string
	errorKind    string
	formatKind   int
	methodKind   string // methods, but none that fmt calls
	methodFlag   bool
)

func (k stringerKind) String() string           { return "stringer:" + string(k) }
func (k errorKind) Error() string               { return "error:" + string(k) }
func (k formatKind) Format(f fmt.State, _ rune) { fmt.Fprint(f, "format:", int(k)) }
func (k methodKind) Label() string              { return "label:" + string(k) }
func (k *methodKind) Set(s string)              { *k = methodKind(s) }
func (k methodFlag) Label() string              { return "label" }

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
	of := map[string]func(string, contentType) string{
		"htmlescaper":   htmlEscaperOf,
		"attrescaper":   attrEscaperOf,
		"rcdataescaper": rcdataEscaperOf,
		"urlfilter":     urlFilterOf,
		"urlnormalizer": urlNormalizerOf,
		"urlescaper":    urlEscaperOf,
	}
	texts := []string{"", "plain", `<a href="x">&'"</a>`, "\x00\u00a0 é\t\n", "javascript:alert(1)",
		"http://x.org/a b?c=d&e=f#g", "/p/(x)'", "mailto:a@b", "%41%zz", "a\u2028b", "\xff<\ufdd0>"}
	var values []any
	for _, s := range texts {
		values = append(values, s, HTML(s), URL(s), CSS(s), JS(s), JSStr(s), HTMLAttr(s), Srcset(s), plainKind(s), methodKind(s))
	}
	values = append(values, true, false, plainFlag(true), methodFlag(false), 0, -12, int8(-3), uint(7), uint8(200), plainNumber(42))
	// Values the escapers take themselves: plainOf reports false.
	str := "<p>"
	var nilAny any
	others := []reflect.Value{
		reflect.ValueOf(stringerKind("x")), reflect.ValueOf(errorKind("e")), reflect.ValueOf(formatKind(3)),
		reflect.ValueOf(&str), reflect.ValueOf(1.5),
		reflect.ValueOf([]string{"a"}), reflect.ValueOf(&nilAny).Elem(), {},
		reflect.ValueOf(struct{ s string }{"x"}).Field(0),
	}
	for name, esc := range escapers {
		for _, in := range values {
			args := []reflect.Value{reflect.ValueOf(in)}
			boxed := in
			args = append(args, reflect.ValueOf(&boxed).Elem()) // an any holding in
			if rv := reflect.ValueOf(in); rv.Kind() == reflect.String {
				got, ok := plainStringOf(of[name])(rv.String(), rv.Type())
				if _, isContent := contentTypeOf(rv.Type()); ok != isContent {
					t.Errorf("%s(%T %#v): string version took it: %v", name, in, in, ok)
				} else if want := esc(in); ok && got != want {
					t.Errorf("%s(%T %#v): string version %q, want %q", name, in, in, got, want)
				}
			}
			for _, v := range args {
				got, ok := plainOf(of[name])(v)
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
			if got, ok := plainOf(of[name])(v); ok {
				t.Errorf("%s(%v): plain %q, want it left to the escaper", name, v, got)
			}
		}
	}
}

// TestEscapersMatchStd runs templates whose actions end in chains of
// escapers on the fork and on the standard library's html/template, with
// values of every kind the plain versions take or leave, and compares the
// output and errors.
func TestEscapersMatchStd(t *testing.T) {
	texts := []string{
		`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="/q?{{.}}">y</a><textarea>{{.}}</textarea>`,
		`<a href="{{.}}/x?a={{.}}" title={{.}}>{{.}} and {{print .}}</a><img srcset="{{.}}">`,
		`<script>var x = {{.}};</script><style>p { color: {{.}} }</style><a onclick="f({{.}})">z</a>`,
		`<a href="{{with .}}{{.}}{{end}}">{{if .}}{{.}}{{else}}none{{end}}</a>`,
	}
	str := `a<b>&"c"`
	values := []any{
		"", "plain", `<a href="x">&'"</a>`, "javascript:alert(1)", "http://x.org/a b?c=d&e=f#g",
		HTML(`<b>bold</b> & "q"`), URL("http://x.org/a b"), URL("javascript:x"), CSS("red"), JS("1+1"),
		HTMLAttr(`title="t"`), Srcset("a.png 1x"), plainKind("kind<"), stringerKind("s<"),
		true, 42, -7, uint8(9), plainNumber(5), 1.5, &str, []string{"a", "<b>"}, nil,
		methodKind("m<"), methodFlag(true), errorKind("e<"), formatKind(4),
		map[string]any{"k": HTML("<i>")}, struct{ A string }{"<a>"},
	}
	// Functions that the template package calls directly, whose results
	// go to the escapers unboxed.
	funcs := map[string]any{
		"h":    func(s string, v any) (HTML, error) { return HTML(fmt.Sprint(s, v)), nil },
		"p":    func(v any) (string, error) { return fmt.Sprint("<", v, ">"), nil },
		"up":   strings.ToUpper,
		"j":    strings.Join,
		"list": func(s ...string) []string { return s },
		"c":    func(a any, s string, b any) (HTML, error) { return HTML(fmt.Sprint(a, s, b)), nil },
		"bad":  func(v any) (string, error) { return "", fmt.Errorf("bad %v", v) },
		"boom": func(s string) string { panic("boom " + s) },
	}
	texts = append(texts,
		`<p title="{{h "<i>" .}}">{{h "<i>" .}}{{p .}}{{print . | up}}{{j (list "a<" "b") "&"}}</p><a href="{{p .}}">{{c . "s" .}}</a>`,
		`{{. | h "x"}}{{. | p | up}}`, `{{p . | bad}}`, `<a href="{{bad .}}">`, `{{print . | boom}}`, `<a title="{{print . | boom}}">`,
	)
	for _, text := range texts {
		mine := Must(New("t").Funcs(funcs).Parse(text))
		std := stdhtml.Must(stdhtml.New("t").Funcs(funcs).Parse(text))
		for _, v := range values {
			var got, want strings.Builder
			gotErr, wantErr := mine.Execute(&got, v), std.Execute(&want, v)
			if got.String() != want.String() || errString(gotErr) != errString(wantErr) {
				t.Errorf("%s with %T %#v:\n got %q, %v\nwant %q, %v", text, v, v, got.String(), gotErr, want.String(), wantErr)
			}
		}
	}
}

// TestPlainEscapersOnlyForTheirEscaper checks that a function of another
// package that has an escaper's name is called, not the plain versions of
// html/template's escaper of that name.
func TestPlainEscapersOnlyForTheirEscaper(t *testing.T) {
	mine := func(args ...any) string { return fmt.Sprint("mine:", args) }
	tmpl := template.Must(template.New("t").Funcs(template.FuncMap{
		"_html_template_htmlescaper": mine, "_html_template_attrescaper": mine,
	}).Parse(`{{. | _html_template_htmlescaper}}|{{. | _html_template_attrescaper | _html_template_htmlescaper}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, "<x>"); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "mine:[<x>]|mine:[mine:[<x>]]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
