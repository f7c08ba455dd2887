package build

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/diag"
)

// Odd input never crashes a build: each case is a clear error or a valid
// site, in a Build and in a Builder alike.

func TestSiteYAMLAlone(t *testing.T) {
	for _, r := range buildBoth(t, fstest.MapFS{"site.yaml": {Data: []byte("title: Lonely\n")}}) {
		if r.OK() || !hasError(r.Diags, "content", "a site needs a content/ folder") {
			t.Errorf("a site without content/: %v", r.Diags)
		}
	}
}

func TestEmptyContent(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: Empty\n")}, "content": {Mode: fs.ModeDir}}
	for _, r := range buildBoth(t, fsys) {
		if !r.OK() {
			t.Fatalf("an empty content/: %v", r.Diags)
		}
		if !strings.Contains(fileOf(r, "index.html"), "<title>Empty</title>") {
			t.Error("an empty content/ has no home page")
		}
	}
}

func TestNoSiteYAML(t *testing.T) {
	for _, r := range buildBoth(t, fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")}}) {
		if r.OK() || !hasError(r.Diags, "site.yaml", "") {
			t.Errorf("a site without site.yaml: %v", r.Diags)
		}
	}
}

func TestBadBaseURL(t *testing.T) {
	for _, u := range []string{"example.org", "//example.org/", "ftp://example.org/", "https://"} {
		r := Build(cleanSite(nil), careguide.Default, Options{BaseURL: u})
		if r.OK() || !hasError(r.Diags, "", "base URL") {
			t.Errorf("base URL %q: %v", u, r.Diags)
		}
	}
	if r := Build(cleanSite(nil), careguide.Default, Options{BaseURL: "https://example.org/care"}); !r.OK() {
		t.Errorf("a good base URL refused: %v", r.Diags)
	}
}

// Cached partials may use cached partials, of the site and of values; the
// pages show what each partial shows.
func TestNestedCached(t *testing.T) {
	site := cleanSite(map[string]string{
		"templates/partials/nested.html": `{{define "outer"}}outer[{{cached "inner" .}}]{{end}}
{{define "inner"}}inner:{{.Site.Config.Title}}{{end}}
{{define "card-outer"}}card[{{cachedFor $ "card-inner" .}}]{{end}}
{{define "card-inner"}}{{.Title}}/{{with .Parent}}{{.Title}}{{end}}{{end}}`,
		"templates/guide.html": `{{define "main"}}{{cached "outer" .}} {{cachedFor $ "card-outer" .Page}}{{end}}`,
	})
	for _, r := range buildBoth(t, site) {
		if !r.OK() {
			t.Fatal(r.Diags)
		}
		if got := fileOf(r, "guides/a/index.html"); !strings.Contains(got, "outer[inner:Mini] card[A/Guides]") {
			t.Errorf("nested cached partials show:\n%s", got)
		}
	}
}

// A cached partial that shows itself is an error at once, not a render
// that never ends; so is one that asks for $ of a page.
func TestCachedPartialShowingItself(t *testing.T) {
	for name, partial := range map[string]string{
		"itself":   `{{define "loop"}}{{cachedFor $ "loop" .}}{{end}}`,
		"by turns": `{{define "loop"}}{{cachedFor $ "pool" .}}{{end}}{{define "pool"}}{{cachedFor $ "loop" .}}{{end}}`,
		"site":     `{{define "loop"}}{{cached "loop" .}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			site := cleanSite(map[string]string{
				"templates/partials/loop.html": partial,
				"templates/guide.html":         `{{define "main"}}{{cachedFor $ "loop" .Page}}{{end}}`,
			})
			// A hang would show as the test binary's timeout.
			r := Build(site, careguide.Default, Options{})
			if r.OK() || !hasError(r.Diags, "templates/guide.html", "shows itself") {
				t.Errorf("a partial showing itself: %v", r.Diags)
			}
		})
	}
}

// A template whose function panics (first of a negative count) is an error
// at its line.
func TestTemplatePanic(t *testing.T) {
	site := cleanSite(map[string]string{
		"templates/section.html": "{{define \"main\"}}\n{{range first -1 .List}}{{.Title}}{{end}}{{end}}",
	})
	for _, r := range buildBoth(t, site) {
		if r.OK() || !hasError(r.Diags, "templates/section.html", "") {
			t.Errorf("a panicking template: %v", r.Diags)
		}
	}
}

// cleanSite is miniSite with its draft published: a site without errors.
func cleanSite(extra map[string]string) fstest.MapFS {
	site := miniSite(extra)
	site["content/guides/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\ndescription: b\n---\n")}
	return site
}

// buildBoth builds a site with Build and with a Builder's first run.
func buildBoth(t *testing.T, fsys fs.FS) []*Result {
	t.Helper()
	return []*Result{Build(fsys, careguide.Default, Options{}), New(fsys, careguide.Default, Options{}).Build()}
}

// hasError reports whether l has an error in file (any file when "")
// whose message or hint contains text.
func hasError(l diag.List, file, text string) bool {
	for _, d := range l {
		if d.Severity == diag.Error && (file == "" || d.File == file) &&
			(strings.Contains(d.Message, text) || strings.Contains(d.Hint, text)) {
			return true
		}
	}
	return false
}

func fileOf(r *Result, path string) string {
	for _, f := range r.Files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	return ""
}
