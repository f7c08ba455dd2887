package schema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/strictyaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compile(t *testing.T, taxonomies ...string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Guide(taxonomies...)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // editors may check formats; the sample guides must pass then too
	if err := c.AddResource(ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance turns frontmatter YAML into the JSON value an editor validates.
// yaml.v3 reads an unquoted 2026-11-20 as a time; editors' YAML servers
// read it as text, so it goes back to text here.
func instance(t *testing.T, front []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(front, &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(datesAsText(v))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func datesAsText(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.DateOnly)
	case map[string]any:
		for k, x := range v {
			v[k] = datesAsText(x)
		}
	case []any:
		for i, x := range v {
			v[i] = datesAsText(x)
		}
	}
	return v
}

// Every page of the sample site is valid, so the schema is no stricter
// than the guides careguide ships.
func TestSampleSiteIsValid(t *testing.T) {
	s := compile(t, "species", "topics")
	n := 0
	err := fs.WalkDir(careguide.Default, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(careguide.Default, p)
		if err != nil {
			return err
		}
		split, err := content.SplitFrontmatter(data)
		if err != nil {
			return err
		}
		if err := s.Validate(instance(t, split.Frontmatter)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("validated %d pages; is the content walk broken?", n)
	}
}

func TestMistakesAreInvalid(t *testing.T) {
	s := compile(t)
	// Each case below is this plus one mistake.
	if err := s.Validate(instance(t, []byte("title: A\n"))); err != nil {
		t.Fatalf("the smallest frontmatter is refused: %v", err)
	}
	for name, front := range map[string]string{
		"unknown key":       "title: A\ndificulty: beginner\n",
		"bad enum":          "title: A\ndifficulty: easy\n",
		"bad session time":  "title: A\nsession_time: 10 minutes\n",
		"session in days":   "title: A\nsession_time: 2d\n",
		"bad total time":    "title: A\ntotal_time: 0w\n",
		"bad date":          "title: A\nupdated: 20/11/2026\n",
		"bad url":           "title: A\nsources:\n  - title: B\n    url: example.org\n",
		"wrong type":        "title: A\nspecies: cats\n",
		"number for bool":   "title: A\ndraft: 1\n",
		"missing title":     "description: A\n",
		"missing step body": "title: A\nsteps:\n  - title: B\n",
		"unknown step key":  "title: A\nsteps:\n  - title: B\n    body: C\n    tips: D\n",
		"bad gear kind":     "title: A\ngear:\n  - name: B\n    kind: hat\n    advice: C\n",
		"extra taxonomy":    "title: A\nbreeds: [siamese]\n",
	} {
		if err := s.Validate(instance(t, []byte(front))); err == nil {
			t.Errorf("%s: valid, want invalid:\n%s", name, front)
		}
	}
}

func TestExtraTaxonomies(t *testing.T) {
	s := compile(t, "species", "breeds")
	if err := s.Validate(instance(t, []byte("title: A\nbreeds: [siamese]\n"))); err != nil {
		t.Errorf("a site taxonomy is refused: %v", err)
	}
	if err := s.Validate(instance(t, []byte("title: A\nbreeds: siamese\n"))); err == nil {
		t.Error("a taxonomy's terms must be a list, like the parser wants")
	}
}

func TestDeterministic(t *testing.T) {
	if a, b := Guide("breeds", "colours"), Guide("breeds", "colours"); !bytes.Equal(a, b) {
		t.Error("two runs give different bytes")
	}
}

// Every key the parser knows is in the schema, at every depth, with the
// same required keys, and every description belongs to a real key.
func TestSchemaHasEveryField(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Guide(), &root); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	checkObject(t, reflect.TypeFor[content.Guide](), root, used)
	for key := range descriptions {
		if !used[key] {
			t.Errorf("descriptions[%q] names no field of the model", key)
		}
	}
}

func checkObject(t *testing.T, typ reflect.Type, s map[string]any, used map[string]bool) {
	t.Helper()
	props, _ := s["properties"].(map[string]any)
	names := strictyaml.Fields(typ)
	if len(props) != len(names) {
		t.Errorf("%s: schema has %d keys, the model %d", typ.Name(), len(props), len(names))
	}
	var required []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		key := typ.Name() + "." + name
		used[key] = true
		if descriptions[key] == "" {
			t.Errorf("%s has no description", key)
		}
		if f.Tag.Get("cg") == "required" {
			required = append(required, name)
		}
		p, ok := props[name].(map[string]any)
		if !ok {
			t.Errorf("%s is not in the schema", key)
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			ft, p = ft.Elem(), p["items"].(map[string]any)
		}
		if ft.Kind() == reflect.Struct && !ft.Implements(describerType) {
			checkObject(t, ft, p, used)
		}
	}
	got, _ := json.Marshal(s["required"])
	if want, _ := json.Marshal(required); len(required) > 0 && string(got) != string(want) {
		t.Errorf("%s: required %s, want %s", typ.Name(), got, want)
	}
	if s["additionalProperties"] != false {
		t.Errorf("%s: additionalProperties is not false", typ.Name())
	}
}
