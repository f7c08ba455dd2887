package diag

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestJSON(t *testing.T) {
	if got := string(List(nil).JSON()); got != "[]\n" {
		t.Errorf("empty list = %q, want \"[]\\n\"", got)
	}
	l := List{
		{File: "content/guides/x.md", Line: 4, Column: 13, Code: CodeValue,
			Message: `"hard" is not a difficulty`, Hint: "allowed: beginner, intermediate, advanced"},
		{File: "content/a.md", Severity: Warning, Code: CodeUnsafeLink, Message: "<script> & friends"},
	}
	want := `[
  {
    "file": "content/guides/x.md",
    "line": 4,
    "column": 13,
    "severity": "error",
    "code": "CG104",
    "message": "\"hard\" is not a difficulty",
    "hint": "allowed: beginner, intermediate, advanced"
  },
  {
    "file": "content/a.md",
    "line": 0,
    "column": 0,
    "severity": "warning",
    "code": "CG205",
    "message": "<script> & friends",
    "hint": ""
  }
]
`
	if got := string(l.JSON()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var back []map[string]any
	if err := json.Unmarshal(l.JSON(), &back); err != nil || len(back) != 2 {
		t.Errorf("not a JSON array of 2: %v", err)
	}
}

func TestGitHub(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"the issue's example",
			Diagnostic{File: "content/guides/x.md", Line: 4, Column: 13, Code: CodeValue,
				Message: `"hard" is not a difficulty`, Hint: "allowed: beginner, intermediate, advanced"},
			`::error file=content/guides/x.md,line=4,col=13,title=CG104::"hard" is not a difficulty%0Ahint: allowed: beginner, intermediate, advanced`},
		{"warning, no hint",
			Diagnostic{File: "content/a.md", Line: 2, Column: 1, Severity: Warning, Code: CodeUnsafeLink, Message: "m"},
			"::warning file=content/a.md,line=2,col=1,title=CG205::m"},
		{"no column",
			Diagnostic{File: "site.yaml", Line: 3, Code: CodeConfig, Message: "m"},
			"::error file=site.yaml,line=3,title=CG501::m"},
		{"no line: no col either",
			Diagnostic{File: "site.yaml", Column: 3, Code: CodeConfig, Message: "m"},
			"::error file=site.yaml,title=CG501::m"},
		{"no file",
			Diagnostic{Line: 3, Column: 1, Message: "m"},
			"::error::m"},
		{"message data escapes % CR LF, not : or ,",
			Diagnostic{File: "a.md", Message: "100% sure,\r\nreally: yes", Hint: "50%"},
			"::error file=a.md::100%25 sure,%0D%0Areally: yes%0Ahint: 50%25"},
		{"property values also escape : and ,",
			Diagnostic{File: "content/a,b:c%d\n.md", Code: "X:1,2", Message: "m"},
			"::error file=content/a%2Cb%3Ac%25d%0A.md,title=X%3A1%2C2::m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := (List{tc.d}).GitHub(); got != tc.want+"\n" {
				t.Errorf("got  %q\nwant %q", got, tc.want+"\n")
			}
		})
	}
	if got := List(nil).GitHub(); got != "" {
		t.Errorf("empty list = %q", got)
	}
}

// Every code constant in diag.go is documented in docs/diagnostics.md. The
// constants are read with go/parser, so a new code cannot be forgotten.
func TestEveryCodeIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/diagnostics.md")
	if err != nil {
		t.Fatal(err)
	}
	codes := codeConstants(t)
	if len(codes) < 10 {
		t.Fatalf("found only %d Code constants in diag.go; is the parser looking in the right place?", len(codes))
	}
	for name, code := range codes {
		if !strings.Contains(string(doc), "| "+code+" |") {
			t.Errorf("%s (%s) has no row in docs/diagnostics.md", code, name)
		}
	}
}

// codeConstants maps each Code... constant of diag.go to its value.
func codeConstants(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "diag.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Code") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("%s is not a string literal; update codeConstants", name.Name)
				}
				codes[name.Name], _ = strconv.Unquote(lit.Value)
			}
		}
	}
	return codes
}
