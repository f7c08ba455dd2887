package build

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/diag"
	"golang.org/x/tools/txtar"
)

// FuzzBuild builds random small sites, written as txtar archives of files
// under content/ and templates/ (and site.yaml): a build never panics, and
// either succeeds or says what is wrong with a file. A Builder's first run
// says the same.
func FuzzBuild(f *testing.F) {
	for _, seed := range []string{
		"-- content/_index.md --\n---\ntitle: Home\n---\nHi.\n",
		"-- content/guides/a.md --\n---\ntitle: A\ndescription: a\nsteps:\n  - title: One\n    body: Do it [twice](#step-2).\n---\n## Why\n\nText.\n",
		"-- content/guides/_index.md --\n---\ntitle: Guides\n---\n-- content/guides/b.md --\n---\ntitle: B\nrelated: [guides/c.md]\n---\n",
		"-- templates/guide.html --\n{{define \"main\"}}{{.Page.Title}}{{cachedFor $ \"x\" .Page}}{{end}}{{define \"x\"}}{{.Parent.Title}}{{end}}\n-- content/g/a.md --\n---\ntitle: A\n---\n",
		"-- site.yaml --\ntitle: T\nparams: {a: 1}\npaginate: 1\n-- content/s/_index.md --\n---\ntitle: S\n---\n-- content/s/x.md --\n---\ntitle: X\nspecies: [cat]\n---\n-- content/s/y.md --\n---\ntitle: Y\nspecies: [Cat]\n---\n",
		"-- templates/base.html --\n{{define \"base\"}}{{template \"main\" .}}{{cached \"base\" .}}{{end}}\n",
		"-- content/a.md --\n+++\ntitle = \"TOML\"\n+++\nbody\n-- content/img.png --\n\x89PNG\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys, ok := fuzzSite(data)
		if !ok {
			t.Skip()
		}
		r := Build(fsys, careguide.Default, Options{Lint: true})
		for _, d := range r.Diags {
			if d.Severity == diag.Error && d.File == "" {
				t.Errorf("an error with no file: %v", d)
			}
		}
		if r.OK() != (len(r.Files) > 0) {
			t.Errorf("OK %v with %d files", r.OK(), len(r.Files))
		}
		again := New(fsys, careguide.Default, Options{Lint: true}).Build()
		if again.Diags.Error() != r.Diags.Error() {
			t.Errorf("a Builder says\n%v\na Build says\n%v", again.Diags, r.Diags)
		}
	})
}

// longNumber finds a number a template could range over for ages: a
// template may loop as long as its author asks.
var longNumber = regexp.MustCompile(`[0-9]{4}`)

// fuzzSite is a txtar archive as a site, with a site.yaml if it has none.
func fuzzSite(data []byte) (fstest.MapFS, bool) {
	if len(data) > 8<<10 {
		return nil, false
	}
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: Fuzzed\n")}}
	for _, file := range txtar.Parse(data).Files {
		name := strings.TrimSpace(file.Name)
		if !fs.ValidPath(name) || !(name == "site.yaml" || strings.HasPrefix(name, "content/") || strings.HasPrefix(name, "templates/")) {
			return nil, false
		}
		if strings.HasPrefix(name, "templates/") && longNumber.Match(file.Data) {
			return nil, false
		}
		fsys[name] = &fstest.MapFile{Data: file.Data}
	}
	return fsys, true
}
