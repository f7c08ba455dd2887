package build_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/sitegen"
)

// newSite writes a generated site to a temp dir and builds it once. It
// returns the built site's files too.
func newSite(t *testing.T, guides int) (string, *build.Builder, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Guides: guides, Sections: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	b := build.New(os.DirFS(dir), careguide.Default, build.Options{})
	r := b.Build()
	if !r.OK() {
		t.Fatalf("first build: %v", r.Diags)
	}
	files := map[string][]byte{}
	apply(files, r)
	return dir, b, files
}

// apply brings files up to date with a result, as a caller keeping the
// site does.
func apply(files map[string][]byte, r *build.Result) {
	for _, f := range r.Files {
		files[f.Path] = f.Data
	}
	for _, p := range r.Removed {
		delete(files, p)
	}
}

// guides lists the generated guides' content paths, sorted.
func guides(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			rel, _ := filepath.Rel(dir, p)
			list = append(list, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(list)
	return list
}

func edit(t *testing.T, dir, rel string, change func(string) string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	now := change(string(data))
	if now == string(data) {
		t.Fatalf("edit of %s changed nothing", rel)
	}
	if err := os.WriteFile(p, []byte(now), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pageOf is the output path of a guide's page.
func pageOf(rel string) string {
	return strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md") + "/index.html"
}

func appendBody(s string) string { return s + "\nAnother paragraph, added while previewing.\n" }

func retitle(s string) string {
	i := strings.Index(s, "title: ")
	return s[:i+len("title: ")] + "Renamed " + s[i+len("title: "):]
}

func TestBodyEditRendersOnlyThatGuide(t *testing.T) {
	dir, b, _ := newSite(t, 30)
	g := guides(t, dir)[4]
	edit(t, dir, g, appendBody)
	r := b.Rebuild([]string{g})
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	// The page, and the search index's files of the five words added: the
	// chunks that hold them, and the words and endings files that now
	// count them.
	var search, other []string
	for _, p := range r.Changed {
		if strings.HasPrefix(p, "search/t/") || strings.HasPrefix(p, "search/w/") || strings.HasPrefix(p, "search/e/") {
			search = append(search, p)
		} else {
			other = append(other, p)
		}
	}
	if r.Rendered != 1 || r.Linked || !slices.Equal(other, []string{pageOf(g)}) || len(search) == 0 || len(search) > 10 {
		t.Errorf("body edit: rendered %d pages, linked %v, changed %v; want 1 page, no link, %s and at most 10 search files",
			r.Rendered, r.Linked, r.Changed, pageOf(g))
	}
	if !strings.Contains(fileOf(r, pageOf(g)), "Another paragraph, added while previewing.") {
		t.Error("the guide's page does not show the new paragraph")
	}
	if !slices.ContainsFunc(search, func(p string) bool { return strings.Contains(fileOf(r, p), `"paragraph":`) }) {
		t.Errorf("no changed chunk holds the new word paragraph: %v", search)
	}
}

func TestTitleEditRendersTheListsThatShowIt(t *testing.T) {
	dir, b, files := newSite(t, 30)
	all := guides(t, dir)
	g := all[4]
	edit(t, dir, g, retitle)
	r := b.Rebuild([]string{g})
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	if !r.Linked {
		t.Error("a title edit must link the site again")
	}
	section := strings.SplitN(strings.TrimPrefix(g, "content/"), "/", 2)[0] + "/index.html"
	for _, want := range []string{pageOf(g), section, "index.html", "feed.xml"} {
		if !slices.Contains(r.Changed, want) {
			t.Errorf("title edit did not change %s; changed: %v", want, r.Changed)
		}
	}
	// The guide's file in the search index, and the chunk of its new word.
	for _, want := range []string{"search/d/", "search/t/"} {
		if !slices.ContainsFunc(r.Changed, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("title edit changed nothing in %s; changed: %v", want, r.Changed)
		}
	}
	apply(files, r)
	for _, p := range r.Changed {
		if strings.HasSuffix(p, "/index.html") && !strings.Contains(string(files[p]), "Renamed ") {
			t.Errorf("%s changed but does not show the new title", p)
		}
	}
	// Guides that neither list nor link to the guide stay as they were.
	var touched int
	for _, other := range all {
		if slices.Contains(r.Changed, pageOf(other)) {
			touched++
		}
	}
	if touched < 2 || touched > len(all)/2 {
		t.Errorf("a title edit changed %d of %d guide pages; want the guide and its neighbours, not every page", touched, len(all))
	}
}

func TestUnchangedFileRendersNothing(t *testing.T) {
	dir, b, _ := newSite(t, 10)
	g := guides(t, dir)[0]
	data, _ := os.ReadFile(filepath.Join(dir, g))
	os.WriteFile(filepath.Join(dir, g), data, 0o644)
	r := b.Rebuild([]string{g, "content/no-such-file.md", "content/.x.md.swp"})
	if !r.OK() || r.Rendered != 0 || len(r.Changed) != 0 || len(r.Removed) != 0 {
		t.Errorf("rewrite with the same bytes: ok %v, rendered %d, changed %v, removed %v; want nothing",
			r.OK(), r.Rendered, r.Changed, r.Removed)
	}
}

func TestBrokenEditKeepsLastGoodSite(t *testing.T) {
	dir, b, _ := newSite(t, 10)
	g := guides(t, dir)[2]
	edit(t, dir, g, func(s string) string { return strings.Replace(s, "title: ", "title: [unclosed ", 1) })
	r := b.Rebuild([]string{g})
	if r.OK() {
		t.Fatal("a broken frontmatter built")
	}
	if d := r.Diags[0]; d.File != g || d.Line == 0 {
		t.Errorf("diagnostic %v: want it at %s:line:col", d, g)
	}
	if len(r.Files) > 0 || len(r.Changed) > 0 || len(r.Removed) > 0 {
		t.Error("a failed rebuild changed the site")
	}
	edit(t, dir, g, func(s string) string { return strings.Replace(s, "title: [unclosed ", "title: Fixed ", 1) })
	r = b.Rebuild([]string{g})
	if !r.OK() || !strings.Contains(fileOf(r, pageOf(g)), "Fixed ") {
		t.Errorf("fix did not build: %v", r.Diags)
	}
}

// TestRebuildsMatchFullBuilds makes random edits of every kind a
// contributor makes and checks after each that the rebuilt site is byte
// for byte the site a full build makes of the same files. This is what
// makes skipping work safe: a missing input in a Key shows up here as a
// stale page.
func TestRebuildsMatchFullBuilds(t *testing.T) {
	dir, b, files := newSite(t, 40)
	rng := rand.New(rand.NewPCG(1, 2))
	steps := 40
	if testing.Short() {
		steps = 12
	}
	for i := range steps {
		all := guides(t, dir)
		g := all[rng.IntN(len(all))]
		other := all[rng.IntN(len(all))]
		var changed []string
		var what string
		switch n := rng.IntN(11); n {
		case 0:
			what = "body edit"
			edit(t, dir, g, appendBody)
		case 1:
			what = "title edit"
			edit(t, dir, g, retitle)
		case 2:
			what = "new link in the body"
			target := relLink(g, other)
			edit(t, dir, g, func(s string) string { return s + "\nSee also [this guide](" + target + ").\n" })
		case 3:
			what = "delete a guide"
			// Links to it would be errors; remove only guides nobody links to.
			if linkedTo(t, dir, g) {
				continue
			}
			os.Remove(filepath.Join(dir, g))
		case 4:
			what = "new guide"
			g = filepath.ToSlash(filepath.Join(filepath.Dir(g), fmt.Sprintf("new-%d.md", i)))
			writeFile(t, dir, g, fmt.Sprintf("---\ntitle: New guide %d\ndescription: Made while previewing.\nspecies: [cat]\ntopics: [play]\n---\nBody of new guide %d.\n", i, i))
		case 5:
			what = "new folder with a section and a guide"
			folder := fmt.Sprintf("content/extra-%d", i)
			writeFile(t, dir, folder+"/_index.md", fmt.Sprintf("---\ntitle: Extra %d\n---\nA new section.\n", i))
			writeFile(t, dir, folder+"/guide.md", "---\ntitle: Extra guide\ndescription: In a new folder.\n---\nText.\n")
			g = folder
		case 6:
			what = "tags change"
			edit(t, dir, g, func(s string) string { return strings.Replace(s, "species: [", "species: [ferret, ", 1) })
		case 7:
			what = "template change"
			g = "templates/partials/footer.html"
			writeFile(t, dir, g, fmt.Sprintf("{{define \"footer\"}}<footer>Footer %d</footer>{{end}}\n", i))
		case 8:
			what = "stylesheet change"
			g = "assets/css/main.css"
			css, _ := careguide.Default.ReadFile("assets/css/main.css")
			writeFile(t, dir, g, string(css)+fmt.Sprintf("\n/* %d */\n", i))
		case 9:
			what = "section intro edit"
			g = filepath.ToSlash(filepath.Join(filepath.Dir(g), "_index.md"))
			edit(t, dir, g, appendBody)
		case 10:
			what = "updated date"
			edit(t, dir, g, func(s string) string {
				if strings.Contains(s, "\nupdated: ") {
					return setUpdated(s, i)
				}
				return strings.Replace(s, "\ntitle: ", fmt.Sprintf("\nupdated: 2026-10-%02d\ntitle: ", 1+i%28), 1)
			})
		}
		changed = append(changed, g)
		r := b.Rebuild(changed)
		if !r.OK() {
			t.Fatalf("step %d (%s of %s): %v", i, what, g, r.Diags)
		}
		full := build.Build(os.DirFS(dir), careguide.Default, build.Options{})
		if full.Diags.HasErrors() {
			t.Fatalf("step %d: full build: %v", i, full.Diags)
		}
		want := map[string][]byte{}
		for _, f := range full.Files {
			want[f.Path] = f.Data
		}
		apply(files, r)
		if diff := diffFiles(want, files); diff != "" {
			t.Fatalf("step %d (%s of %s): rebuild differs from a full build: %s", i, what, g, diff)
		}
	}
}

func setUpdated(s string, i int) string {
	start := strings.Index(s, "\nupdated: ") + len("\nupdated: ")
	end := start + strings.IndexByte(s[start:], '\n')
	return s[:start] + fmt.Sprintf("2026-09-%02d", 1+i%28) + s[end:]
}

// relLink is a relative link from one guide's file to another's.
func relLink(from, to string) string {
	rel, _ := filepath.Rel(filepath.Dir(from), to)
	return filepath.ToSlash(rel)
}

// linkedTo reports whether any other Markdown file, guide or section page,
// names g: deleting it would then be an error, not an edit to compare.
func linkedTo(t *testing.T, dir, g string) bool {
	t.Helper()
	name, linked := filepath.Base(g), false
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && p != filepath.Join(dir, g) {
			data, _ := os.ReadFile(p)
			linked = linked || strings.Contains(string(data), name)
		}
		return nil
	})
	return linked
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func diffFiles(want, got map[string][]byte) string {
	var d []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			d = append(d, "missing "+p)
		case string(g) != string(w):
			d = append(d, "stale "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			d = append(d, "extra "+p)
		}
	}
	slices.Sort(d)
	if len(d) > 10 {
		d = append(d[:10], fmt.Sprintf("and %d more", len(d)-10))
	}
	return strings.Join(d, ", ")
}

// Build makes every output again: a full build is the way to mend what a
// Key does not track, yet reports only what changed.
func TestBuildRendersEverythingReportsChanges(t *testing.T) {
	_, b, files := newSite(t, 10)
	pages := 0
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	r := b.Build()
	if !r.OK() || r.Rendered != pages || len(r.Changed) != 0 {
		t.Errorf("second full build: rendered %d of %d pages, changed %v; want all rendered, none changed",
			r.Rendered, pages, r.Changed)
	}
}

// fileOf is the bytes a result made for one output, as text.
func fileOf(r *build.Result, path string) string {
	for _, f := range r.Files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	return ""
}
