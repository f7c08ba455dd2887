package build

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/render"
)

// TestDefaultSite builds the repository's own care guide: it must build
// without a single diagnostic and produce every page kind.
func TestDefaultSite(t *testing.T) {
	res := Build(careguide.Default, careguide.Default, Options{})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	files := byPath(res.Files)
	for _, p := range []string{"index.html", "guides/index.html", "guides/leash-training/index.html", "about/index.html",
		"species/index.html", "species/cat/index.html", "topics/index.html", "enrichment/index.html", "gear/index.html",
		"404.html", "sitemap.xml", "feed.xml", "robots.txt"} {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	// At a host's root, robots.txt names the sitemap by its full URL (a
	// site under a path has none: see testdata/golden/basic.txtar).
	if robots := string(files["robots.txt"]); !strings.Contains(robots, "\nSitemap: https://careguide.example.org/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
	leash := string(files["guides/leash-training/index.html"])
	for _, want := range []string{`"@type":"HowTo"`, `id="step-6"`, `rel="canonical"`, `property="og:title"`} {
		if !strings.Contains(leash, want) {
			t.Errorf("leash guide lacks %s", want)
		}
	}
}

// E36: two builds of the same input are byte-identical, whatever the
// number of cores that parsed and rendered it.
func TestReproducible(t *testing.T) {
	first := Build(careguide.Default, careguide.Default, Options{})
	prev := runtime.GOMAXPROCS(1)
	second := Build(careguide.Default, careguide.Default, Options{})
	runtime.GOMAXPROCS(prev)
	if len(first.Files) != len(second.Files) {
		t.Fatalf("%d files, then %d", len(first.Files), len(second.Files))
	}
	for i := range first.Files {
		a, b := first.Files[i], second.Files[i]
		if a.Path != b.Path || !bytes.Equal(a.Data, b.Data) {
			t.Errorf("%s differs between builds", a.Path)
		}
	}
}

func byPath(files []render.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

func miniSite(extra map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: Mini\n")},
		"content/_index.md":        {Data: []byte("---\ntitle: Home\n---\nHi.\n")},
		"content/guides/_index.md": {Data: []byte("---\ntitle: Guides\n---\n")},
		"content/guides/a.md":      {Data: []byte("---\ntitle: A\ndescription: a\n---\nSee [b](b.md).\n")},
		"content/guides/b.md":      {Data: []byte("---\ntitle: B\ndescription: b\ndraft: true\n---\n")},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestDrafts(t *testing.T) {
	res := Build(miniSite(nil), careguide.Default, Options{})
	if !strings.Contains(res.Diags.Error(), "content/guides/a.md:5:5: link to guides/b.md, which does not exist") ||
		!strings.Contains(res.Diags.Error(), "that page is a draft") {
		t.Errorf("link to a draft: %v", res.Diags)
	}
	res = Build(miniSite(nil), careguide.Default, Options{Drafts: true})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	if _, ok := byPath(res.Files)["guides/b/index.html"]; !ok {
		t.Error("--drafts did not publish the draft")
	}
}

// A site's own template replaces the default one, and only that one.
func TestThemeOverride(t *testing.T) {
	site := miniSite(map[string]string{
		"content/guides/b.md":  "---\ntitle: B\ndescription: b\n---\n",
		"templates/guide.html": `{{define "main"}}<p class="mine">{{.Page.Title}}</p>{{end}}`,
		"assets/css/main.css":  "body{color:red}",
	})
	res := Build(site, careguide.Default, Options{})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	files := byPath(res.Files)
	if !strings.Contains(string(files["guides/a/index.html"]), `<p class="mine">A</p>`) {
		t.Error("site template did not override the default")
	}
	if !strings.Contains(string(files["index.html"]), `<h1>Home</h1>`) {
		t.Error("default home template not used")
	}
	var css []byte
	for p, data := range files {
		if strings.HasPrefix(p, "assets/css/main.") {
			css = data
		}
	}
	if string(css) != "body{color:red}" {
		t.Errorf("site asset did not override: %q", css)
	}
}

func TestTemplateErrorPosition(t *testing.T) {
	site := miniSite(map[string]string{
		"content/guides/b.md":  "---\ntitle: B\ndescription: b\n---\n",
		"templates/guide.html": "{{define \"main\"}}\n<p>\n{{.Page.NoSuchField}}</p>{{end}}",
		"templates/term.html":  "{{define \"main\"}}\n{{if}}{{end}}",
	})
	res := Build(site, careguide.Default, Options{})
	got := res.Diags.Error()
	if !strings.Contains(got, "templates/term.html:2:") {
		t.Errorf("parse error not at term.html:2: %s", got)
	}
	site["templates/term.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	res = Build(site, careguide.Default, Options{})
	if got := res.Diags.Error(); !strings.Contains(got, "templates/guide.html:3:") || !strings.Contains(got, "NoSuchField") {
		t.Errorf("exec error not at guide.html:3: %s", got)
	}
	if res.Files != nil {
		t.Error("a failed build has files")
	}
}

// Frontmatter text reaches pages escaped, in HTML and in the JSON-LD.
func TestHostileTitle(t *testing.T) {
	site := miniSite(map[string]string{
		"content/guides/b.md": "---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"<img src=x onerror=alert(1)>\"\n" +
			"steps:\n  - title: \"</script>\"\n    body: A step, so the guide has JSON-LD.\n---\n",
	})
	res := Build(site, careguide.Default, Options{})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	page := string(byPath(res.Files)["guides/b/index.html"])
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") {
		t.Errorf("unescaped frontmatter in page:\n%s", page)
	}
	if !strings.Contains(page, `\u003c/script\u003e`) {
		t.Error("JSON-LD does not escape </script>")
	}
}

// Issue 3: a guide page's own HTML, CSS and JS stay under 60 KB
// uncompressed, so a guide opens fast on a phone.
func TestGuidePageWeight(t *testing.T) {
	res := Build(careguide.Default, careguide.Default, Options{})
	files := byPath(res.Files)
	for p, data := range files {
		if !strings.HasPrefix(p, "guides/") || !strings.HasSuffix(p, "/index.html") || p == "guides/index.html" {
			continue
		}
		total := len(data)
		for path, asset := range files {
			if strings.HasPrefix(path, "assets/") && (strings.HasSuffix(path, ".css") || strings.HasSuffix(path, ".js")) &&
				strings.Contains(string(data), "/"+path+`"`) {
				total += len(asset)
			}
		}
		if total > 60<<10 {
			t.Errorf("%s weighs %d bytes with its CSS and JS; the budget is 60 KB", p, total)
		}
		if total < len(data)+1000 {
			t.Errorf("%s: its stylesheet was not counted (%d bytes in all)", p, total)
		}
	}
}
