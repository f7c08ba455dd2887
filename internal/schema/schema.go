// Package schema writes a JSON Schema (draft 2020-12) for guide
// frontmatter, so editors can complete keys and flag mistakes as people type.
//
// Input: the Go types the parser decodes into (content.Guide and the types
// of its fields) and the site's taxonomy names. Output: the schema as
// indented JSON, the same bytes for the same input (json.Marshal sorts map
// keys). careguide publishes it at schema/guide.json and prints it with
// "careguide schema".
//
// The one thing to know before changing it: the field list comes from
// reflection over the same `yaml:"..."` and `cg:"required"` tags that
// strictyaml decodes with, and value types describe themselves with a
// JSONSchema method in package content. Never write a field list here; a
// new frontmatter key appears in the schema by being added to the model.
package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/strictyaml"
)

// ID names the schema ($id). It is an identifier, not a download: every
// built site publishes its own copy, with its own taxonomies, at
// schema/guide.json.
const ID = "https://careguide.dev/schema/guide.json"

// Describer is implemented by frontmatter value types that check their
// own scalar (enums, durations, dates): it returns the type's schema.
type Describer interface {
	JSONSchema() map[string]any
}

var describerType = reflect.TypeFor[Describer]()

// Guide is the schema of a page's frontmatter. taxonomies are the site's
// taxonomy names (site.yaml's taxonomies); those the model does not already
// have as fields (species, topics) are added as lists of terms.
func Guide(taxonomies ...string) []byte {
	root := object(reflect.TypeFor[content.Guide]())
	props := root["properties"].(map[string]any)
	for _, t := range taxonomies {
		if _, ok := props[t]; ok {
			continue
		}
		props[t] = map[string]any{
			"type":        "array",
			"items":       map[string]any{"type": "string"},
			"description": fmt.Sprintf("Terms of the site's %q taxonomy, e.g. [term one, term two].", t),
		}
	}
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = ID
	root["title"] = "careguide frontmatter"
	root["description"] = "The frontmatter of a careguide page, between the --- lines at the top of a Markdown file in content/."
	data, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic("schema: " + err.Error()) // only maps, slices and strings: cannot fail
	}
	return append(data, '\n')
}

// of is the schema of a value of type t.
func of(t reflect.Type) map[string]any {
	if t.Implements(describerType) {
		return reflect.Zero(t).Interface().(Describer).JSONSchema()
	}
	switch t.Kind() {
	case reflect.Struct:
		return object(t)
	case reflect.Slice:
		return map[string]any{"type": "array", "items": of(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	}
	// strictyaml panics on the same kinds, so a test fails before this can ship.
	panic("schema: no JSON Schema for " + t.String())
}

// object is the schema of a struct decoded by strictyaml: its YAML keys,
// the required ones, and nothing else.
func object(t reflect.Type) map[string]any {
	names := strictyaml.Fields(t)
	props := make(map[string]any, len(names))
	required := []string{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !slices.Contains(names, name) {
			continue // yaml:"-" and untagged fields are not frontmatter
		}
		s := of(f.Type)
		if d := descriptions[t.Name()+"."+name]; d != "" {
			if own, ok := s["description"].(string); ok {
				d += "; " + own
			}
			s["description"] = d
		}
		props[name] = s
		if f.Tag.Get("cg") == "required" {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
