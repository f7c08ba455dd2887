// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	stdtemplate "text/template"
)

// stdData is data for templates that run both on the fork and on the
// standard library's text/template, to compare the fork's fast paths with
// the standard path.
type stdData struct {
	I, J   int
	U      uint
	F      float64
	S, T   string
	B      bool
	P      *stdData
	Nil    *stdData
	Any    any
	AnyNil any
	List   []string
	Ptrs   []*stdData
	Map    map[string]any
	Val    reflect.Value
	Keyed  map[stdKey]int
	hidden int
}

type stdKey string

func (d *stdData) Method() string      { return "m" + d.S }
func (d stdData) ValueMethod() int     { return d.I }
func (d *stdData) Arg(s string) string { return s + d.S }

func newStdData() *stdData {
	inner := &stdData{I: 7, S: "inner", List: []string{"x"}}
	return &stdData{
		I: 3, J: 3, U: 3, F: 1.5, S: "s", T: "t", B: true, P: inner, Any: 3,
		List: []string{"a", "b"}, Ptrs: []*stdData{inner, {I: 8, S: "other"}},
		Map: map[string]any{"k": "v", "n": 2, "p": inner}, Val: reflect.ValueOf(4), hidden: 1,
	}
}

// compareWithStd runs each template text on the fork and on
// text/template, with newStdData, and reports any difference in output or
// error, also when many goroutines run the same templates at once.
func compareWithStd(t *testing.T, texts []string) {
	t.Helper()
	for _, text := range texts {
		compareWithStdData(t, text, nil, newStdData())
	}
}

// compareWithStdData is compareWithStd for one text, with funcs and data.
func compareWithStdData(t *testing.T, text string, funcs FuncMap, data any) {
	t.Helper()
	mine, err := New("t").Funcs(funcs).Parse(text)
	if err != nil {
		t.Errorf("%s: %v", text, err)
		return
	}
	std := stdtemplate.Must(stdtemplate.New("t").Funcs(stdtemplate.FuncMap(funcs)).Parse(text))
	var want strings.Builder
	wantErr := std.Execute(&want, data)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				var got strings.Builder
				gotErr := mine.Execute(&got, data)
				if got.String() != want.String() || errString(gotErr) != errString(wantErr) {
					t.Errorf("%s:\n got %q, %v\nwant %q, %v", text, got.String(), gotErr, want.String(), wantErr)
					return
				}
			}
		})
	}
	wg.Wait()
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestBuiltinCallMatchesStd checks builtinCall and evalArgValue, which call
// not, len and the comparisons without wrapping their arguments, and the
// and/or short cut, against the standard library.
func TestBuiltinCallMatchesStd(t *testing.T) {
	compareWithStd(t, []string{
		`{{not .B}} {{not 0}} {{not ""}} {{not .Nil}} {{not .AnyNil}} {{not nil}} {{not .List}} {{.B | not}} {{not (not .S)}}`,
		`{{len .List}} {{len .S}} {{len .Map}} {{.List | len}} {{len .P.List}}`,
		`{{len .I}}`, `{{len nil}}`, `{{len .Nil}}`, `{{not}}`, `{{not 1 2}}`,
		`{{eq .I 3}} {{eq .I .J}} {{eq .I .U}} {{eq .U .I}} {{eq .S "s"}} {{eq "s" .S}} {{eq .B true}} {{eq .F 1.5}} {{eq .Any 3}}`,
		`{{eq .Nil nil}} {{eq .P .P}} {{eq .P .Nil}} {{eq .AnyNil nil}} {{eq .Val 4}} {{eq .Val .Val}} {{3 | eq .I}} {{eq .I 1 2 3}}`,
		`{{eq .I "s"}}`, `{{eq .List .List}}`, `{{eq .I}}`, `{{eq .Map.n 2}} {{eq .Map.k "v"}} {{eq .Map.missing nil}}`,
		`{{eq .hidden 1}}`, `{{eq (.P.Method) "minner"}} {{eq .ValueMethod 3}} {{eq (.Arg "x") "xs"}}`,
		`{{ne .I 3}} {{ne .S "t"}} {{ne .I .U}} {{ne .Nil nil}}`, `{{ne .I "s"}}`,
		`{{lt .I 4}} {{le .I 3}} {{gt .I 4}} {{ge .I 3}} {{lt .S .T}} {{lt .F 2.0}} {{lt -1 .U}} {{gt .U -1}} {{4 | lt .I}}`,
		`{{lt .B .B}}`, `{{lt .I .S}}`, `{{lt .Nil .Nil}}`, `{{lt .I}}`,
		`{{and .B .I .S}} {{and .B 0 .S}} {{or 0 "" .S}} {{or 0 ""}} {{and .B .Nil}} {{or .AnyNil .Val}} {{.S | and .B}} {{0 | or ""}}`,
		`{{if and .B (eq .I 3) (not .Nil)}}yes{{end}} {{with or .Nil .P}}{{.S}}{{end}} {{range .Ptrs}}{{if eq .I 8}}{{.S}}{{end}}{{end}}`,
		`{{and .B .Missing}}`, `{{or .Nil.X 1}}`, `{{not .Nil.S}}`, `{{eq .Nil.S "x"}}`,
	})
}

// TestMapKeysMatchStd checks map fields, whose keys lookupName makes once.
func TestMapKeysMatchStd(t *testing.T) {
	compareWithStd(t, []string{
		`{{.Map.k}} {{.Map.missing}} {{.Map.p.S}} {{range .Ptrs}}{{$.Map.n}}{{end}} {{with .Map}}{{.k}}{{.n}}{{end}}`,
		`{{.Keyed.a}}`, `{{.Map.k 1}}`, `{{.Map.p.Nil.S}}`,
	})
}
