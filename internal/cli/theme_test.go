package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/render"
)

// themeSite is a site with a guide that uses the guide layout, the
// partials and the CSS.
func themeSite(t *testing.T, extra map[string]string) string {
	files := map[string]string{
		"site.yaml":           "title: T\n",
		"content/_index.md":   "---\ntitle: Home\n---\n[a](guides/a.md)\n",
		"content/guides/a.md": "---\ntitle: A\ndescription: a\nupdated: 2026-01-02\nsteps:\n  - title: One\n    body: Let the cat sniff the harness for a while.\n---\n> [!TIP]\n> Go slow.\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeSite(t, files)
}

// defaultThemeFile is the embedded default of a theme file.
func defaultThemeFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := fs.ReadFile(careguide.Default, p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestThemeList(t *testing.T) {
	dir := themeSite(t, map[string]string{
		"templates/guide.html":          "{{define \"main\"}}mine{{end}}",
		"assets/css/main.css":           "body{}",
		"templates/partials/extra.html": "not a default",
	})
	code, stdout, stderr := run(t, "theme", "list", "--site", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := map[string]string{} // path -> the rest of its line
	for line := range strings.Lines(stdout) {
		p, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		lines[p] = strings.TrimSpace(rest)
	}
	var defaults []string
	for _, dir := range []string{"templates", "assets"} {
		_ = fs.WalkDir(careguide.Default, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				defaults = append(defaults, p)
			}
			return err
		})
	}
	if len(lines) != len(defaults) {
		t.Errorf("listed %d files, the default theme has %d:\n%s", len(lines), len(defaults), stdout)
	}
	for _, l := range render.Layouts {
		if _, ok := lines["templates/"+l+".html"]; !ok {
			t.Errorf("layout %s.html not listed", l)
		}
	}
	for p, want := range map[string]string{
		"templates/guide.html": "overridden", "assets/css/main.css": "overridden",
		"templates/base.html": "", "templates/partials/footer.html": "", "templates/archetypes/guide.md": "",
	} {
		if got, ok := lines[p]; !ok || got != want {
			t.Errorf("%s: listed %v with %q, want %q", p, ok, got, want)
		}
	}
	if _, ok := lines["templates/partials/extra.html"]; ok {
		t.Error("a file only the site has is listed as a default")
	}
	if !strings.Contains(stderr, "the site overrides 2") {
		t.Errorf("stderr %q", stderr)
	}
}

// Eject copies the default, making folders, by whole path or a unique end
// of one.
func TestThemeEject(t *testing.T) {
	dir := themeSite(t, nil)
	for name, p := range map[string]string{
		"templates/guide.html": "templates/guide.html",
		"partials/footer.html": "templates/partials/footer.html",
		"./css/main.css":       "assets/css/main.css",
	} {
		code, stdout, stderr := run(t, "theme", "eject", name, "--site", dir)
		if code != ExitOK || strings.TrimSpace(stdout) != filepath.Join(dir, filepath.FromSlash(p)) {
			t.Errorf("eject %s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, defaultThemeFile(t, p)) {
			t.Errorf("eject %s: %s is not the default (%v)", name, p, err)
		}
	}
}

func TestThemeEjectNeverOverwrites(t *testing.T) {
	mine := "{{define \"main\"}}mine{{end}}"
	dir := themeSite(t, map[string]string{"templates/guide.html": mine})
	code, stdout, stderr := run(t, "theme", "eject", "templates/guide.html", "--site", dir)
	if code != ExitContent || stdout != "" || !strings.Contains(stderr, "templates/guide.html already exists") ||
		!strings.Contains(stderr, "hint: ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "templates", "guide.html")); string(got) != mine {
		t.Errorf("the site's own guide.html was changed to %q", got)
	}
}

func TestThemeEjectUnknown(t *testing.T) {
	dir := themeSite(t, nil)
	for name, want := range map[string]string{
		"templates/gide.html": `did you mean "templates/guide.html"?`,
		"partials/foter.html": `did you mean "templates/partials/footer.html"?`,
		"css/mian.css":        `did you mean "assets/css/main.css"?`,
		"../site.yaml":        "careguide theme list shows every default",
		"content/_index.md":   "careguide theme list shows every default",
	} {
		code, stdout, stderr := run(t, "theme", "eject", name, "--site", dir)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "no file") || !strings.Contains(stderr, want) {
			t.Errorf("eject %s: exit %d, stdout %q, stderr %q; want a hint with %q", name, code, stdout, stderr, want)
		}
	}
	for _, d := range []string{"templates", "assets"} {
		if exists(filepath.Join(dir, d)) {
			t.Errorf("a refused eject made %s/", d)
		}
	}
}

// A name that ends more than one default path is refused with them all.
func TestDefaultNamedAmbiguous(t *testing.T) {
	defaults := []string{"assets/js/main.js", "templates/partials/main.js"}
	_, err := defaultNamed(defaults, "main.js")
	if err == nil || !strings.Contains(err.Error(), "assets/js/main.js, templates/partials/main.js") {
		t.Errorf("got %v", err)
	}
	if p, err := defaultNamed(defaults, "js/main.js"); p != "assets/js/main.js" || err != nil {
		t.Errorf("js/main.js: %q %v", p, err)
	}
}

func TestThemeUsage(t *testing.T) {
	dir := themeSite(t, nil)
	for _, args := range [][]string{{"theme"}, {"theme", "show"}, {"theme", "eject"}, {"theme", "list", "x"}, {"theme", "eject", "a", "b"}} {
		code, _, stderr := run(t, append(args, "--site", dir)...)
		if code != ExitUsage || !strings.Contains(stderr, "usage: careguide theme") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	code, _, stderr := run(t, "theme", "list", "--site", t.TempDir())
	if code != ExitUsage || !strings.Contains(stderr, "run careguide theme in a site dir") {
		t.Errorf("no site: exit %d, stderr %q", code, stderr)
	}
}

// An ejected file is the default, so a build after ejecting gives the
// same site, byte for byte.
func TestBuildAfterEjectIsTheSame(t *testing.T) {
	dir := themeSite(t, nil)
	before := filepath.Join(t.TempDir(), "before")
	if code, _, stderr := run(t, "build", "--site", dir, "--out", before, "-q"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	for _, p := range []string{"templates/guide.html", "templates/base.html", "templates/partials/footer.html", "assets/css/main.css", "assets/js/main.js"} {
		if code, _, stderr := run(t, "theme", "eject", p, "--site", dir); code != ExitOK {
			t.Fatalf("eject %s: exit %d: %s", p, code, stderr)
		}
	}
	after := filepath.Join(t.TempDir(), "after")
	if code, _, stderr := run(t, "build", "--site", dir, "--out", after, "-q"); code != ExitOK {
		t.Fatalf("build after eject: exit %d: %s", code, stderr)
	}
	want, got := tree(t, before), tree(t, after)
	if len(want) < 5 {
		t.Fatalf("the build wrote only %d files", len(want))
	}
	for p, data := range want {
		if !bytes.Equal(got[p], data) {
			t.Errorf("%s differs after eject", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s is new after eject", p)
		}
	}
	if page := string(want["guides/a/index.html"]); !strings.Contains(page, `<div class="callout callout-tip" role="note">`) {
		t.Errorf("the guide's callout is not on its page:\n%s", page)
	}
}
