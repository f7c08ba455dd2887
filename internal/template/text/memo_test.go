// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

type memoA struct{ Name string }
type memoB struct {
	Other int
	Name  string
}
type memoC struct{ memoA }

func (c memoC) Title() string  { return "c:" + c.Name }
func (b *memoB) Title() string { return fmt.Sprint("b:", b.Name) }

// TestFieldMemoMatchesStd checks that nodes that see values of many types
// (through interfaces, more than memoLimit of them, and alternating), as
// well as fields and methods of each, evaluate as in the standard library.
func TestFieldMemoMatchesStd(t *testing.T) {
	var mixed []any
	for i := range 3 * memoLimit {
		switch i % 6 {
		case 0:
			mixed = append(mixed, memoA{fmt.Sprint("a", i)})
		case 1:
			mixed = append(mixed, &memoB{i, fmt.Sprint("b", i)})
		case 2:
			mixed = append(mixed, memoC{memoA{fmt.Sprint("c", i)}})
		case 3:
			mixed = append(mixed, map[string]string{"Name": fmt.Sprint("m", i), "Title": "mt"})
		case 4:
			mixed = append(mixed, struct{ Name, Title string }{fmt.Sprint("s", i), "st"})
		case 5:
			mixed = append(mixed, &memoC{memoA{fmt.Sprint("pc", i)}})
		}
	}
	// Anonymous structs of as many types as names, to go past memoLimit.
	var many []any
	for i := range 2 * memoLimit {
		many = append(many, map[int]any{
			0: struct{ Name string }{"x"}, 1: struct{ Name, A string }{"y", ""}, 2: &struct{ B, Name string }{"", "z"},
		}[i%3])
	}
	texts := []string{
		`{{range .}}{{.Name}} {{with .}}{{.Name}}{{end}} {{$x := .}}{{$x.Name}} {{(.).Name}};{{end}}`,
		`{{range .}}{{.Title}};{{end}}`,
		`{{range $i, $v := .}}{{if lt $i 5}}{{$v.Name}}{{else}}{{$v.Title}}{{end}};{{end}}`,
	}
	for _, text := range texts {
		for _, data := range []any{mixed, many, []any{memoA{"p"}, nil, memoA{"q"}}} {
			compareWithStdData(t, text, nil, data)
		}
	}
}

// TestFuncMemoFollowsFuncs checks that a name's function is the one of the
// function map of the template run, when clones that share their parse
// trees have different functions, and after Funcs replaces one.
func TestFuncMemoFollowsFuncs(t *testing.T) {
	base := Must(New("t").Funcs(FuncMap{"f": func() string { return "base" }}).Parse(`{{f}}{{. | printf "%v"}}`))
	clones := []*Template{base}
	for i := range memoLimit + 2 {
		c := Must(base.Clone())
		c.Funcs(FuncMap{"f": func() string { return fmt.Sprint("clone", i) }})
		clones = append(clones, c)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for round := range 3 {
				for i, c := range clones {
					var b strings.Builder
					if err := c.Execute(&b, round); err != nil {
						t.Error(err)
						return
					}
					want := fmt.Sprintf("clone%d%d", i-1, round)
					if i == 0 {
						want = fmt.Sprint("base", round)
					}
					if b.String() != want {
						t.Errorf("clone %d: %q, want %q", i, b.String(), want)
					}
				}
			}
		})
	}
	wg.Wait()
	base.Funcs(FuncMap{"f": func() string { return "replaced" }})
	var b strings.Builder
	if err := base.Execute(&b, 1); err != nil || b.String() != "replaced1" {
		t.Errorf("after Funcs: %q, %v", b.String(), err)
	}
}
