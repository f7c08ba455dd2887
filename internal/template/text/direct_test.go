// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"strings"
	"sync"
	"testing"
	stdtemplate "text/template"
	"time"
)

// TestDirectCall checks that directCall returns what safeCall returns
// through reflect, for every signature it knows, errors and panics included.
func TestDirectCall(t *testing.T) {
	wrap := func(v any) reflect.Value { return reflect.ValueOf(reflect.ValueOf(v)) }
	var nilAny any
	errBoom := errors.New("boom")
	tests := []struct {
		name string
		fn   any
		argv []reflect.Value
	}{
		{"not", not, []reflect.Value{wrap(0)}},
		{"ne", ne, []reflect.Value{wrap(1), wrap(2)}},
		{"lt error", lt, []reflect.Value{wrap(1), wrap("a")}},
		{"eq", eq, []reflect.Value{wrap("a"), wrap("a")}},
		{"len", length, []reflect.Value{wrap([]int{1, 2})}},
		{"len error", length, []reflect.Value{wrap(3)}},
		{"dict", func(p ...any) (map[string]any, error) { return map[string]any{"n": len(p)}, nil }, []reflect.Value{reflect.ValueOf("a"), reflect.ValueOf(&nilAny).Elem()}},
		{"add", func(a, b int) int { return a + b }, []reflect.Value{reflect.ValueOf(2), reflect.ValueOf(3)}},
		{"upper", strings.ToUpper, []reflect.Value{reflect.ValueOf("a")}},
		{"join", strings.Join, []reflect.Value{reflect.ValueOf([]string{"a", "b"}), reflect.ValueOf(",")}},
		{"date", func(t time.Time) string { return t.Format(time.DateOnly) }, []reflect.Value{reflect.ValueOf(time.Unix(0, 0).UTC())}},
		{"any string", func(a any) string { return reflect.TypeOf(a).String() }, []reflect.Value{reflect.ValueOf(1.5)}},
		{"any string error", func(a any) (string, error) { return "", errBoom }, []reflect.Value{reflect.ValueOf(1)}},
		{"html", func(s string, a any) (htmltemplate.HTML, error) { return htmltemplate.HTML(s), nil }, []reflect.Value{reflect.ValueOf("<b>"), reflect.ValueOf(1)}},
		{"html nil", func(a any, s string, b any) (htmltemplate.HTML, error) {
			if a != nil {
				return "", errBoom
			}
			return htmltemplate.HTML(s), nil
		}, []reflect.Value{reflect.ValueOf(&nilAny).Elem(), reflect.ValueOf("x"), reflect.ValueOf(2)}},
		{"panic", func(a, b int) int { return a / b }, []reflect.Value{reflect.ValueOf(1), reflect.ValueOf(0)}},
		{"panic text", func(string) string { panic("no") }, []reflect.Value{reflect.ValueOf("a")}},
	}
	for _, tt := range tests {
		got, gotErr, ok := directCall(tt.fn, tt.argv)
		if !ok {
			t.Errorf("%s: not called directly", tt.name)
			continue
		}
		want, wantErr := safeCall(reflect.ValueOf(tt.fn), tt.argv)
		if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", tt.name, gotErr, wantErr)
		}
		if got.IsValid() != want.IsValid() {
			t.Errorf("%s: valid %v, want %v", tt.name, got.IsValid(), want.IsValid())
			continue
		}
		if got.IsValid() && (got.Type() != want.Type() || !reflect.DeepEqual(got.Interface(), want.Interface())) {
			t.Errorf("%s: %#v, want %#v", tt.name, got, want)
		}
	}
}

// TestDirectCallFallsBack checks that arguments not exactly of the
// parameters' types are left to reflect.
func TestDirectCallFallsBack(t *testing.T) {
	type tags []string
	if _, _, ok := directCall(strings.Join, []reflect.Value{reflect.ValueOf(tags{"a"}), reflect.ValueOf(",")}); ok {
		t.Error("join of a named slice type was called directly")
	}
	if _, _, ok := directCall(func(int, int, int) int { return 0 }, nil); ok {
		t.Error("unknown signature was called directly")
	}
}

// TestEscaperArgReused checks that calls of html/template's escapers, whose
// one-argument list is reused, nest and chain.
func TestEscaperArgReused(t *testing.T) {
	wrap := func(a ...any) string { return "<" + a[0].(string) + ">" }
	tmpl := Must(New("t").Funcs(FuncMap{"_html_template_x": wrap}).Parse(
		`{{_html_template_x (_html_template_x .)}}|{{. | _html_template_x | _html_template_x}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, "v"); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "<<v>>|<<v>>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPrintPipeline checks actions whose last command is an escaper, which
// printPipeline writes without a reflect.Value, against the general path.
func TestPrintPipeline(t *testing.T) {
	funcs := FuncMap{
		"_html_template_x":   func(a ...any) string { return "<" + a[len(a)-1].(string) + ">" },
		"_html_template_bad": func(a ...any) string { panic("no") },
		"_html_template_n":   func(s string) string { return "[" + s + "]" },
	}
	for _, tt := range []struct{ text, want, err string }{
		{`{{. | _html_template_x}}`, "<v>", ""},
		{`{{_html_template_x "a" .}}`, "<v>", ""},
		{`{{. | _html_template_n}}`, "[v]", ""},
		{`{{$x := . | _html_template_x}}{{$x}}`, "<v>", ""},
		{`{{. | _html_template_bad}}`, "", `template: t:1:6: executing "t" at <_html_template_bad>: error calling _html_template_bad: no`},
		{`{{. | _html_template_x | printf "%s!"}}`, "<v>!", ""},
		{`{{. | _html_template_x | _html_template_x | _html_template_x}}`, "<<<v>>>", ""},
		{`{{. | _html_template_x | _html_template_n | _html_template_x}}`, "<[<v>]>", ""},
		{`{{. | _html_template_x | _html_template_x "a"}}`, "<<v>>", ""},
		{`{{_html_template_x . | _html_template_x}}`, "<<v>>", ""},
		{`{{. | _html_template_x | _html_template_x | _html_template_n}}`, "[<<v>>]", ""},
		{`{{. | _html_template_x | _html_template_bad | _html_template_x}}`, "", `template: t:1:25: executing "t" at <_html_template_bad>: error calling _html_template_bad: no`},
		{`{{. | _html_template_x | len | _html_template_x}}`, "", `template: t:1:31: executing "t" at <_html_template_x>: error calling _html_template_x: interface conversion: interface {} is int, not string`},
		{`{{. | _html_template_x | _html_template_n 1 | _html_template_x}}`, "", `template: t:1:25: executing "t" at <_html_template_n>: wrong number of args for _html_template_n: want 1 got 2`},
	} {
		tmpl := Must(New("t").Funcs(funcs).Parse(tt.text))
		var b strings.Builder
		err := tmpl.Execute(&b, "v")
		// The standard library's text/template, which has no fast paths,
		// must agree.
		var std strings.Builder
		stdErr := stdtemplate.Must(stdtemplate.New("t").Funcs(stdtemplate.FuncMap(funcs)).Parse(tt.text)).Execute(&std, "v")
		if b.String() != std.String() || errString(err) != errString(stdErr) {
			t.Errorf("%s: %q, %v; standard library %q, %v", tt.text, b.String(), err, std.String(), stdErr)
		}
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %s", tt.text, err, tt.err)
			}
			continue
		}
		if err != nil || b.String() != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.text, b.String(), err, tt.want)
		}
	}
}

// TestTemplateVarsShareRoom checks that a called template's variables,
// kept in the spare room of its caller's, leave the caller's alone.
func TestTemplateVarsShareRoom(t *testing.T) {
	tmpl := Must(New("t").Parse(`{{define "in"}}{{$a := 1}}{{$b := .}}{{range $i := 2}}{{$i}}{{end}}{{$b}}{{end}}` +
		`{{$x := "X"}}{{range $i, $v := .}}{{$y := $v}}{{template "in" $v}}{{$x}}{{$y}}{{$i}}{{end}}{{$x}}{{$}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, []string{"p", "q"}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "01pXp001qXq1X[p q]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestStateReuse checks that executions that reuse a state (statePool),
// after ones that failed or declared variables at the top level, and
// called templates that run on their caller's state, see nothing of
// another execution, also when many run at once.
func TestStateReuse(t *testing.T) {
	tmpl := Must(New("t").Funcs(FuncMap{"fail": func(b bool) (string, error) {
		if b {
			return "", errors.New("failed")
		}
		return "", nil
	}}).Parse(`{{define "in"}}{{$v := .}}{{range $i, $e := .}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$e}}{{end}}{{len $v}}{{end}}` +
		`{{$x := .Name}}{{fail .Fail}}{{template "in" .List}}{{$x}}{{range .List}}{{template "in" $.List}}{{$x}}{{end}}`))
	type data struct {
		Name string
		Fail bool
		List []string
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				name := fmt.Sprint(g, ".", i)
				var b strings.Builder
				err := tmpl.Execute(&b, data{Name: name, Fail: i%3 == 0, List: []string{"a", "b", "c", "d"}})
				if i%3 == 0 {
					if err == nil || !strings.Contains(err.Error(), "failed") {
						t.Errorf("%s: error %v, want failed", name, err)
					}
					continue
				}
				want := "ac4" + name + strings.Repeat("ac4"+name, 4)
				if err != nil || b.String() != want {
					t.Errorf("%s: %q, %v; want %q", name, b.String(), err, want)
				}
			}
		})
	}
	wg.Wait()
}
