package scaffold

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/content"
	"go.yaml.in/yaml/v3"
)

// The default archetype names every frontmatter key careguide knows, so a
// contributor sees them all; a key added to content.Guide fails this test
// until the archetype explains it.
func TestArchetypeHasEveryKey(t *testing.T) {
	data, err := Guide(careguide.Default, NewGuideData("guides/x.md", "", "2026-01-02"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, typ := range []reflect.Type{
		reflect.TypeFor[content.Guide](), reflect.TypeFor[content.Step](), reflect.TypeFor[content.GearItem](),
		reflect.TypeFor[content.EnrichmentIdea](), reflect.TypeFor[content.Source](),
	} {
		for f := range typ.Fields() {
			key := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if key != "" && key != "-" && !strings.Contains(text, " "+key+":") && !strings.Contains(text, "\n"+key+":") {
				t.Errorf("the archetype does not mention %s.%s (%q)", typ.Name(), f.Name, key)
			}
		}
	}
	for _, values := range [][]string{content.Difficulties, content.GearKinds, content.EnrichmentKinds, content.Efforts} {
		if !strings.Contains(text, strings.Join(values, " | ")) {
			t.Errorf("the archetype does not list %v", values)
		}
	}
	if !strings.Contains(text, "title: X\n") || !strings.Contains(text, "updated: 2026-01-02\n") {
		t.Errorf("title or date not filled in:\n%s", text)
	}
}

func TestContentPath(t *testing.T) {
	good := map[string]string{
		"guides/x.md":            "guides/x.md",
		"guides/x":               "guides/x.md",
		"content/guides/x.md":    "guides/x.md",
		"./content/guides/x":     "guides/x.md",
		"guides//a/x.md":         "guides/a/x.md",
		"guides/x/index.md":      "guides/x/index.md",
		`guides\windows-style`:   "guides/windows-style.md",
		"guides/leash.training":  "guides/leash.training.md",
		"content/content/x.md":   "content/x.md",
		"guides/./x.md":          "guides/x.md",
		"guides/émigré-cats.md":  "guides/émigré-cats.md",
		"guides/with space.md":   "guides/with space.md",
		"guides/x.md/index":      "guides/x.md/index.md",
		"guides/sub/deeper/x.md": "guides/sub/deeper/x.md",
	}
	for arg, want := range good {
		if got, err := ContentPath(arg); got != want || err != nil {
			t.Errorf("ContentPath(%q) = %q, %v; want %q", arg, got, err, want)
		}
	}
	for _, arg := range []string{"", " ", "/x.md", "C:/x.md", `C:\x.md`, "..", "../x.md", "guides/../x.md", "content/..", "x.md", "content/x", "guides/_index.md", "guides/.x.md", ".git/x.md"} {
		if got, err := ContentPath(arg); !errors.Is(err, ErrPath) {
			t.Errorf("ContentPath(%q) = %q, %v; want ErrPath", arg, got, err)
		}
	}
}

func TestTitleFromPath(t *testing.T) {
	for p, want := range map[string]string{
		"guides/leash-training.md":       "Leash training",
		"guides/leash_training.md":       "Leash training",
		"guides/leash-training/index.md": "Leash training",
		"guides/élan--vital.md":          "Élan vital",
		"guides/-.md":                    "Untitled guide",
	} {
		if got := TitleFromPath(p); got != want {
			t.Errorf("TitleFromPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// A title of any text reads back from the frontmatter as written, on one line.
func TestYAMLString(t *testing.T) {
	for _, s := range []string{
		"Leash training", "Harness: the basics", "yes", "#1 tip", "- list?", `say "hi"`, "it's", "two\nlines",
		"  spaces  ", "10", "null", "{a}", "[b]", "& * ! | > % @ `", strings.Repeat("a long title ", 20),
	} {
		got := YAMLString(s)
		var back struct{ Title string }
		if err := yaml.Unmarshal([]byte("title: "+got+"\n"), &back); err != nil || back.Title != s || strings.Contains(got, "\n") {
			t.Errorf("YAMLString(%q) = %s, reads back as %q, %v", s, got, back.Title, err)
		}
	}
	if got := YAMLString("Leash training"); got != "Leash training" {
		t.Errorf("a plain title was quoted: %s", got)
	}
}

func TestCIVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3": "v1.2.3", "v0.4.0-rc.1": "v0.4.0-rc.1",
		"devel": "latest", "": "latest", "v1.2": "latest", "1.2.3": "latest",
	} {
		if got := CIVersion(v); got != want {
			t.Errorf("CIVersion(%q) = %q, want %q", v, got, want)
		}
	}
	if _, err := CI("gitlab", CIData{Version: "latest"}); err == nil {
		t.Error("CI(gitlab): no error")
	}
	f, err := CI("github", CIData{Version: "v1.2.3"})
	if err != nil || !strings.Contains(string(f.Data), "CAREGUIDE_VERSION: v1.2.3\n") || strings.Contains(string(f.Data), "[[") {
		t.Errorf("CI(github) = %s, %v", f.Data, err)
	}
}
