package render

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/content"
)

// TestTemplateDocs fails when a value templates can use is missing from
// docs/templates.md: the templates are this package's public interface.
func TestTemplateDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var names []string
	for _, v := range []any{Data{}, &Data{}, Site{}, &Site{}, Page{}, &Page{}, Taxonomy{}, &Taxonomy{},
		Term{}, &Term{}, IdeaGroup{}, &IdeaGroup{}, IdeaEntry{}, &IdeaEntry{}, GearGroup{}, &GearGroup{},
		GearEntry{}, &GearEntry{}, FilterBar{}, content.Page{}, content.Text{}} {
		names = append(names, exported(reflect.TypeOf(v))...)
	}
	for name := range funcs {
		names = append(names, name)
	}
	names = append(names, "Anchor", "ImageURL")
	for _, l := range Layouts {
		names = append(names, l+".html")
	}
	for _, n := range names {
		if !strings.Contains(doc, "`"+n) && !strings.Contains(doc, " "+n+" ") && !strings.Contains(doc, n+"`") {
			t.Errorf("docs/templates.md does not mention %s", n)
		}
	}
}

// parserMethods serve the frontmatter decoder and the JSON Schema, not
// templates.
var parserMethods = map[string]bool{"DecodeYAML": true, "SetPosition": true, "JSONSchema": true}

// exported lists a type's own exported fields and methods (not promoted ones).
func exported(t reflect.Type) []string {
	var names []string
	for i := range t.NumMethod() {
		m := t.Method(i)
		if m.IsExported() && !isPromoted(t, m.Name) && !parserMethods[m.Name] {
			names = append(names, m.Name)
		}
	}
	if t.Kind() == reflect.Pointer {
		return names
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	return names
}

func isPromoted(t reflect.Type, method string) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.Anonymous {
			if _, ok := reflect.PointerTo(f.Type).MethodByName(method); ok {
				return true
			}
			if _, ok := f.Type.MethodByName(method); ok {
				return true
			}
		}
	}
	return false
}
