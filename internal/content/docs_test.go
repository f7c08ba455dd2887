package content

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/strictyaml"
)

// TestContentModelDocs fails when a frontmatter key or an allowed value
// exists in code but not in docs/content-model.md.
func TestContentModelDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var missing []string
	var walk func(t reflect.Type)
	walk = func(typ reflect.Type) {
		for _, name := range strictyaml.Fields(typ) {
			if !strings.Contains(doc, "`"+name+"`") {
				missing = append(missing, name)
			}
		}
		for f := range typ.Fields() {
			ft := f.Type
			if ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && len(strictyaml.Fields(ft)) > 0 {
				walk(ft)
			}
		}
	}
	walk(reflect.TypeFor[Guide]())
	for _, list := range [][]string{Difficulties, GearKinds, EnrichmentKinds, Efforts} {
		for _, v := range list {
			if !strings.Contains(doc, "`"+v+"`") {
				missing = append(missing, v)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("docs/content-model.md does not mention: %s", strings.Join(missing, ", "))
	}
}
