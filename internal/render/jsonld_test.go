package render

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	careguide "github.com/careguide/careguide"
)

// Every default guide's JSON-LD is a schema.org HowTo: each property of
// the type schema.org gives it, steps numbered from 1 in order, tools and
// supplies from the guide's gear. The browser test checks that it parses
// in a page; this checks the vocabulary (testdata/howto.schema.json).
func TestGuideJSONLDIsSchemaOrgHowTo(t *testing.T) {
	schema := compileHowTo(t)
	fsys := fstest.MapFS{}
	fs.WalkDir(careguide.Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(careguide.Default, p)
			fsys[p] = &fstest.MapFile{Data: data}
		}
		return err
	})
	s, _ := linkSite(t, fsys)
	guides := s.Guides()
	if len(guides) < 8 {
		t.Fatalf("%d guides in the default site", len(guides))
	}
	for _, g := range guides {
		data := []byte(howTo(s, g, "https://example.org/cover-1200w.jpg"))
		if len(g.Steps) == 0 {
			if len(data) > 0 {
				t.Errorf("%s has no steps but a HowTo", g.Path)
			}
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: JSON-LD does not parse: %v", g.Path, err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: not a schema.org HowTo: %v", g.Path, err)
		}
		var h struct {
			Step []struct {
				Position int
				URL      string
			}
			Tool, Supply []struct{ Name string }
		}
		json.Unmarshal(data, &h)
		for i, st := range h.Step {
			if st.Position != i+1 || !strings.HasSuffix(st.URL, "#step-"+itoa(i+1)) {
				t.Errorf("%s: step %d has position %d and URL %s", g.Path, i+1, st.Position, st.URL)
			}
		}
		if len(h.Step) != len(g.Steps) || len(h.Tool)+len(h.Supply) != len(g.Gear) {
			t.Errorf("%s: %d steps and %d tools and supplies for %d steps and %d gear items",
				g.Path, len(h.Step), len(h.Tool)+len(h.Supply), len(g.Steps), len(g.Gear))
		}
	}
}

// The schema catches what it is for: a misspelt property, markup in text,
// a duration that is not ISO 8601.
func TestHowToSchemaRejectsMistakes(t *testing.T) {
	schema := compileHowTo(t)
	good := `{"@context":"https://schema.org","@type":"HowTo","name":"N","url":"https://x.org/g/","totalTime":"PT15M",` +
		`"step":[{"@type":"HowToStep","position":1,"name":"S","text":"T","url":"https://x.org/g/#step-1"}]}`
	for name, doc := range map[string]string{
		"good":           good,
		"misspelt":       strings.Replace(good, `"step"`, `"steps"`, 1),
		"markup in text": strings.Replace(good, `"text":"T"`, `"text":"<p>T</p>"`, 1),
		"entity in text": strings.Replace(good, `"text":"T"`, `"text":"T &amp; U"`, 1),
		"bad duration":   strings.Replace(good, `PT15M`, `15 minutes`, 1),
		"empty duration": strings.Replace(good, `PT15M`, `PT`, 1),
		"relative url":   strings.Replace(good, `"url":"https://x.org/g/"`, `"url":"/g/"`, 1),
		"step type":      strings.Replace(good, `"HowToStep"`, `"Step"`, 1),
		"position 0":     strings.Replace(good, `"position":1`, `"position":0`, 1),
		"no steps":       strings.Replace(good, `[{"@type":"HowToStep","position":1,"name":"S","text":"T","url":"https://x.org/g/#step-1"}]`, `[]`, 1),
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); (err == nil) != (name == "good") {
			t.Errorf("%s: validation error %v", name, err)
		}
	}
}

func compileHowTo(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("testdata/howto.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const id = "https://careguide.example.org/testdata/howto.schema.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
