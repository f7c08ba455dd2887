package build_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/sitegen"
)

var (
	sequences = flag.Int("property.sequences", 60, "how many random edit sequences TestRebuildMatchesBuild runs")
	firstSeed = flag.Uint64("property.seed", 1, "the seed of TestRebuildMatchesBuild's first sequence; each next one adds 1")
)

// TestRebuildMatchesBuild is the safety net of incremental rebuilds: for
// random sequences of edits, over the default theme and over themes whose
// templates read unusual things (the number of a page's siblings, other
// sections, site params, whole taxonomies, a page found by path, cached
// partials inside cached partials), a Builder's site after each edit is
// byte for byte what Build makes of the same files, with the same
// diagnostics. Each sequence is seeded and repeatable:
//
//	go test ./internal/build -run RebuildMatchesBuild -property.seed 1234 -property.sequences 1 -v
//
// CI runs the default few dozen; run 10,000 or more before changing how
// outputs record their inputs:
//
//	go test ./internal/build -run RebuildMatchesBuild -property.sequences 10000 -timeout 2h
func TestRebuildMatchesBuild(t *testing.T) {
	n := *sequences
	if testing.Short() {
		n = min(n, 10)
	}
	var good, failed int
	for i := range n {
		seed := *firstSeed + uint64(i)
		w := newWorld(t, seed)
		w.run(1 + w.r.IntN(8))
		good, failed = good+w.good, failed+w.failed
	}
	// Failed builds compare only their diagnostics; most edits must leave a
	// site to compare.
	t.Logf("%d sequences: %d good builds compared, %d failed ones", n, good, failed)
	if n >= 20 && good < 3*failed {
		t.Errorf("%d good builds and %d failed ones: the edits test too little", good, failed)
	}
}

// world is one sequence: a site in memory, a Builder keeping it, and the
// outputs the Builder's results add up to.
type world struct {
	t       *testing.T
	seed    uint64
	r       *rand.Rand
	fs      fstest.MapFS
	builder *build.Builder
	files   map[string][]byte // the last good site, as the Builder's results built it
	log     []string          // what was done, to tell in a failure
	good    int               // builds compared whole
	failed  int               // builds that failed on both sides
}

func newWorld(t *testing.T, seed uint64) *world {
	r := rand.New(rand.NewPCG(seed, 99))
	w := &world{t: t, seed: seed, r: r, fs: fstest.MapFS{}, files: map[string][]byte{}}
	for p, data := range sitegen.Files(sitegen.Options{Guides: 6 + r.IntN(18), Sections: 1 + r.IntN(3), Seed: int64(seed)}) {
		w.fs[p] = &fstest.MapFile{Data: data}
	}
	theme := themes[r.IntN(len(themes))]
	w.log = append(w.log, "theme "+theme.name)
	for p, data := range theme.files() {
		w.fs[p] = &fstest.MapFile{Data: []byte(data)}
	}
	if r.IntN(3) == 0 {
		w.setSiteYAML("paginate: 2\n") // lists of several pages, even on a small site
	}
	if r.IntN(2) == 0 {
		newNested(w) // a guide whose parent changes when its folder gets an _index.md
		if r.IntN(2) == 0 {
			toggleNestedIndex(w)
		}
	}
	w.builder = build.New(w.fs, careguide.Default, build.Options{Lint: true})
	first := w.builder.Build()
	if !first.OK() {
		w.fail("the first build failed: %v", first.Diags)
	}
	w.check("first build", first)
	return w
}

// run makes n random edits, checking the site after each.
func (w *world) run(n int) {
	for range n {
		e := edits[w.r.IntN(len(edits))]
		changed, what := e(w)
		if changed == nil {
			continue // the edit found nothing to do on this site
		}
		w.log = append(w.log, what)
		w.check(what, w.builder.Rebuild(changed))
	}
}

// check compares a Builder's result with a Build of the same files.
func (w *world) check(what string, got *build.Result) {
	w.t.Helper()
	want := build.Build(w.fs, careguide.Default, build.Options{Lint: true})
	if g, x := got.Diags.Error(), want.Diags.Error(); g != x {
		w.fail("after %s, the Builder reports\n%s\na Build reports\n%s", what, g, x)
	}
	if !got.OK() {
		if testing.Verbose() {
			for _, d := range got.Diags {
				if d.Severity == diag.Error {
					w.t.Logf("failed after %s: %s", what, d.Message)
					break
				}
			}
		}
		w.failed++
		return // the last good site stands
	}
	w.good++
	for _, f := range got.Files {
		w.files[f.Path] = f.Data
	}
	for _, p := range got.Removed {
		delete(w.files, p)
	}
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Path] = f.Data
	}
	var diffs []string
	for p, data := range wantFiles {
		if have, ok := w.files[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if !bytes.Equal(have, data) {
			diffs = append(diffs, "stale "+p+firstDiff(have, data))
		}
	}
	for p := range w.files {
		if _, ok := wantFiles[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		w.fail("after %s, the rebuilt site differs from a build:\n%s", what, strings.Join(diffs[:min(len(diffs), 12)], "\n"))
	}
}

func (w *world) fail(format string, args ...any) {
	w.t.Helper()
	w.t.Fatalf("sequence with seed %d (%s):\n%s", w.seed, strings.Join(w.log, "; "), fmt.Sprintf(format, args...))
}

// firstDiff shows where two outputs part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf(": rebuilt %q, built %q", a[from:min(len(a), i+60)], b[from:min(len(b), i+60)])
}

// A theme is the templates a sequence's site adds to the default theme.
type theme struct {
	name  string
	files func() map[string]string
}

var themes = []theme{
	{"default", func() map[string]string { return nil }},
	{"narrow reads", func() map[string]string { return unusualTheme(narrowReads) }},
	{"wide reads", func() map[string]string { return unusualTheme(wideReads) }},
	// One unusual read each, so that no other read hides a missed one.
	{"siblings", oneRead(`{{with .Page.Parent}}siblings={{len .Children}}{{end}}`)},
	{"grandparent", oneRead(`{{with .Page.Parent}}{{with .Parent}}grandparent={{.Title}}{{end}}{{end}}`)},
	{"page count", oneRead(`pages={{len .Site.Pages}}`)},
	{"terms", oneRead(`{{range .Site.Taxonomies}}{{.Name}}:{{range .Terms}}{{.Name}} {{end}}{{end}}`)},
	{"files", oneRead(`files={{range .Site.Files}}{{.Path}} {{end}}`)},
	{"term names", oneRead(`{{with .Page.Next}}{{range .TermLinks}}{{.Name}} {{end}}{{end}}`)},
	{"linked from", oneRead(`{{with .Page.Related}}{{with index . 0}}{{range .LinkedFrom}}{{.Title}},{{end}}{{end}}{{end}}`)},
	{"sections", oneRead(`{{range .Site.Sections}}{{.Title}} {{end}}`)},
}

// oneRead is a theme showing one thing on every page, with a header that
// does not list the sections and guide pages that show only their title:
// what the default theme shows would make those pages again for reasons
// of its own, and hide a read that was missed.
func oneRead(action string) func() map[string]string {
	return func() map[string]string {
		files := unusualTheme(`{{define "unusual"}}<aside>` + action + `</aside>{{end}}`)
		files["templates/base.html"] = strings.Replace(files["templates/base.html"], `{{cached "header" .}}`,
			`<header><a href="{{.Site.Home.URL}}">{{.Site.Config.Title}}</a></header>`, 1)
		files["templates/guide.html"] = `{{define "main"}}<h1>{{.Page.Title}}</h1>{{end}}`
		return files
	}
}

// narrowReads show other pages through relations a page keeps: its
// siblings, its neighbours' neighbours, the pages that link to it, a page
// found by path, and cached partials, one inside another.
const narrowReads = `{{define "unusual"}}<aside class="unusual">
{{with .Page.Parent}}parent={{.Title}}{{end}}
{{with .Page.Next}}{{with .Next}}next2={{.Title}}{{end}}{{end}}
{{with .Page.Prev}}prev-description={{.Guide.Description}}{{end}}
{{with .Site.Lookup "section-1/_index.md"}}lookup={{.Title}} body={{len .Body}}{{end}}
{{with .Site.Lookup "section-1/new-guide.md"}}found={{.Title}}{{end}}
{{range .Page.LinkedFrom}}from={{.Title}} {{end}}
{{range .Page.TermLinks}}term={{.Name}} {{end}}
{{with .Page.Parent}}<ol>{{.Contents}}</ol>{{end}}
{{cachedFor $ "unusual-card" .Page}}
{{if eq .Kind "guide"}}{{template "unusual-terms" .}}{{end}}
</aside>{{end}}
{{define "unusual-card"}}card={{.Title}} up={{with .Parent}}{{.Title}}/{{len .ChildGuides}}{{end}} related={{len .Related}} {{cachedFor $ "unusual-inner" .}}{{end}}
{{define "unusual-terms"}}{{range .Site.Taxonomies}}{{.Name}}:{{range .Terms}}{{.Name}} {{end}}{{end}}{{end}}
{{define "unusual-inner"}}inner={{with .Next}}{{.Title}}{{end}}{{range .Breadcrumbs}}>{{.Title}}{{end}}{{end}}
`

// wideReads show the whole site: every section's guides, the taxonomies
// with their terms, site params, every page, the aggregates, and a cached
// site-wide partial.
const wideReads = `{{define "unusual"}}<aside class="unusual">
{{range .Site.Sections}}[{{.Title}}: {{len .ChildGuides}}]{{end}}
params={{.Site.Config.Params}}
{{range .Site.Taxonomies}}{{.Name}}({{range .Terms}}{{.Name}}={{len .Pages}} {{end}}){{end}}
pages={{len .Site.Pages}}
{{range .Site.RecentlyUpdated 2}}recent={{.Title}} {{end}}
{{range .Site.Enrichment}}{{.Kind}}={{len .Ideas}} {{end}}
{{range .Site.Gear}}{{.Kind}}={{len .Items}}{{with index .Items 0}}:{{.Item.Name}}/{{.Guide.Title}}{{end}} {{end}}
files={{len .Site.Files}}
{{cached "unusual-site" .}}
</aside>{{end}}
{{define "unusual-site"}}site={{len .Site.Sections}} {{range .Site.Guides}}{{.Title}},{{end}}{{with .Site.Home}}{{cachedFor $ "unusual-home" .}}{{end}}{{end}}
{{define "unusual-home"}}home={{.Title}} children={{len .Children}}{{end}}
`

// unusualTheme is the default base.html showing the unusual partial on
// every page, and the partial.
func unusualTheme(partial string) map[string]string {
	base, err := fs.ReadFile(careguide.Default, "templates/base.html")
	if err != nil {
		panic(err)
	}
	return map[string]string{
		"templates/base.html":             strings.Replace(string(base), "</body>", `{{template "unusual" .}}`+"\n</body>", 1),
		"templates/partials/unusual.html": partial,
	}
}

// An edit changes the site's files and returns the paths it changed, as
// the watcher reports them, and what it did; nil when it found nothing
// to do.
type siteEdit func(w *world) ([]string, string)

var edits = []siteEdit{
	editBody, editBody, editTitle, editTitle, editDescription, newGuide, deleteGuide, renameGuide,
	moveGuide, editTerms, editWeight, toggleDraft, editRelated, addLink, editUpdated, editSiteYAML,
	editTemplate, editStylesheet, editIdeas, editGear, newSection, deleteSection, breakAndFix,
	newNested, toggleNestedIndex, respell, newFile, deleteFile, toggleSectionIndex,
}

// guides lists the site's guides' paths, sorted.
func (w *world) guides() []string {
	var list []string
	for p := range w.fs {
		if strings.HasPrefix(p, "content/") && path.Ext(p) == ".md" && path.Base(p) != "_index.md" && strings.Count(p, "/") == 2 {
			list = append(list, p)
		}
	}
	slices.Sort(list)
	return list
}

// sections lists the site's section folders, sorted.
func (w *world) sections() []string {
	var list []string
	for p := range w.fs {
		if strings.HasPrefix(p, "content/") && path.Base(p) == "_index.md" && strings.Count(p, "/") == 2 {
			list = append(list, path.Dir(p))
		}
	}
	slices.Sort(list)
	return list
}

func (w *world) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[w.r.IntN(len(list))]
}

func (w *world) text(p string) string { return string(w.fs[p].Data) }

func (w *world) write(p, text string) { w.fs[p] = &fstest.MapFile{Data: []byte(text)} }

// change applies f to the file at p, a guide picked at random when p is "".
func (w *world) change(p string, f func(string) string, what string) ([]string, string) {
	if p == "" {
		p = w.pick(w.guides())
	}
	if _, ok := w.fs[p]; !ok {
		return nil, "" // no such file on this site, or not any more
	}
	w.write(p, f(w.text(p)))
	return []string{p}, what + " of " + p
}

// setField sets a frontmatter key's one-line value, in place of its old
// value however many lines that took, adding the key when the file lacks
// it.
func setField(s, key, value string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			end := i + 1
			for end < len(lines) && strings.HasPrefix(lines[end], "  ") {
				end++
			}
			lines = slices.Replace(lines, i, end, key+": "+value)
			return strings.Join(lines, "\n")
		}
		if i > 0 && l == "---" {
			break
		}
	}
	return strings.Replace(s, "\ntitle:", "\n"+key+": "+value+"\ntitle:", 1)
}

func (w *world) word() string {
	return []string{"Calm", "Gentle", "Quick", "Daily", "Safe", "Playful", "Quiet", "Patient"}[w.r.IntN(8)]
}

func editBody(w *world) ([]string, string) {
	p := w.pick(append(w.guides(), "content/_index.md", w.pick(w.sections())+"/_index.md"))
	return w.change(p, func(s string) string {
		return s + "\n" + w.word() + " paragraph added while previewing.\n"
	}, "body edit")
}

func editTitle(w *world) ([]string, string) {
	return w.change("", func(s string) string {
		return setField(s, "title", `"`+w.word()+` guide `+fmt.Sprint(w.r.IntN(1000))+`"`)
	}, "title edit")
}

func editDescription(w *world) ([]string, string) {
	return w.change("", func(s string) string { return setField(s, "description", `"`+w.word()+` description."`) }, "description edit")
}

func newGuide(w *world) ([]string, string) {
	sec := w.pick(w.sections())
	if sec == "" {
		return nil, ""
	}
	p := fmt.Sprintf("%s/new-guide-%d.md", sec, w.r.IntN(100))
	if w.r.IntN(3) == 0 {
		p = "content/section-1/new-guide.md" // the path the narrow theme looks up
	}
	link := ""
	if other := w.pick(w.guides()); other != "" && w.r.IntN(2) == 0 {
		link = fmt.Sprintf("\nSee [another guide](/%s).\n", strings.TrimPrefix(other, "content/"))
	}
	w.write(p, fmt.Sprintf("---\ntitle: %s new guide\ndescription: Made while previewing.\nspecies: [cat]\ntopics: [play, %s]\nupdated: 2026-0%d-1%d\nsteps:\n  - title: Begin\n    body: Start slowly and reward calm behaviour.\n---\nA new guide.%s",
		w.word(), strings.ToLower(w.word()), 1+w.r.IntN(9), w.r.IntN(9), link))
	return []string{p}, "new guide " + p
}

func deleteGuide(w *world) ([]string, string) {
	p := w.pick(w.guides())
	if p == "" {
		return nil, ""
	}
	delete(w.fs, p)
	return append(w.unlink(p), p), "delete " + p
}

func renameGuide(w *world) ([]string, string) {
	p := w.pick(w.guides())
	if p == "" {
		return nil, ""
	}
	to := path.Join(path.Dir(p), "renamed-"+path.Base(p))
	w.fs[to] = w.fs[p]
	delete(w.fs, p)
	return append(w.unlink(p), p, to), "rename " + p + " to " + to
}

func moveGuide(w *world) ([]string, string) {
	p, sec := w.pick(w.guides()), w.pick(w.sections())
	if p == "" || sec == "" || path.Dir(p) == sec {
		return nil, ""
	}
	to := path.Join(sec, "moved-"+path.Base(p))
	w.fs[to] = w.fs[p]
	delete(w.fs, p)
	return append(w.unlink(p), p, to), "move " + p + " to " + to
}

// markdownLink is a Markdown link and its destination.
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)#]*)(#[^)]*)?\)`)

// unlink takes the links and related entries to a guide that went away out
// of every other page, as an author would, most of the time: a quarter of
// the time they are left, broken, and both builds must say so. It returns
// the files it changed.
func (w *world) unlink(gone string) []string {
	if w.r.IntN(4) == 0 {
		return nil
	}
	target := strings.TrimPrefix(gone, "content/")
	var changed []string
	for p, f := range w.fs {
		if !strings.HasPrefix(p, "content/") || path.Ext(p) != ".md" {
			continue
		}
		text := markdownLink.ReplaceAllStringFunc(string(f.Data), func(m string) string {
			sub := markdownLink.FindStringSubmatch(m)
			dest := sub[2]
			if !strings.HasPrefix(dest, "/") {
				dest = path.Join(path.Dir(strings.TrimPrefix(p, "content/")), dest)
			}
			if strings.TrimPrefix(dest, "/") == target {
				return sub[1]
			}
			return m
		})
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if strings.Contains(l, `"`+target+`"`) && (strings.HasPrefix(l, "  - ") || strings.HasPrefix(l, "related:")) {
				if strings.HasPrefix(l, "related:") {
					l = "related: []"
				} else {
					continue
				}
			}
			lines = append(lines, l)
		}
		if text = strings.Join(lines, "\n"); text != string(f.Data) {
			w.write(p, text)
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}

func editTerms(w *world) ([]string, string) {
	species := []string{"[cat]", "[dog]", "[cat, rabbit]", "[ferret, Dog]", "[]"}
	topics := []string{"[training]", "[play, health]", "[outdoors]", "[]"}
	return w.change("", func(s string) string {
		return setField(setField(s, "species", species[w.r.IntN(len(species))]), "topics", topics[w.r.IntN(len(topics))])
	}, "terms edit")
}

func editWeight(w *world) ([]string, string) {
	return w.change("", func(s string) string { return setField(s, "weight", fmt.Sprint(w.r.IntN(40))) }, "weight edit")
}

// toggleDraft makes a guide a draft, which takes it off the site as a
// delete would, or publishes it again.
func toggleDraft(w *world) ([]string, string) {
	changed, what := w.change("", func(s string) string {
		if strings.Contains(s, "\ndraft: true") {
			return strings.Replace(s, "\ndraft: true", "\ndraft: false", 1)
		}
		return setField(s, "draft", "true")
	}, "draft toggle")
	if changed != nil && strings.Contains(w.text(changed[0]), "\ndraft: true") {
		changed = append(changed, w.unlink(changed[0])...)
	}
	return changed, what
}

func editRelated(w *world) ([]string, string) {
	other := w.pick(w.guides())
	if other == "" {
		return nil, ""
	}
	return w.change("", func(s string) string {
		return setField(s, "related", `["`+strings.TrimPrefix(other, "content/")+`"]`)
	}, "related edit")
}

func addLink(w *world) ([]string, string) {
	other := w.pick(w.guides())
	if other == "" {
		return nil, ""
	}
	// The page's .md file, its URL, or a page careguide generates, which
	// only the plan knows (and which goes when its last guide does).
	dest := "/" + strings.TrimPrefix(other, "content/")
	switch w.r.IntN(4) {
	case 0:
		dest = strings.TrimSuffix(dest, ".md") + "/"
	case 1:
		dest = "/topics/play/"
	}
	return w.change("", func(s string) string {
		return s + "\nRead [this one](" + dest + ") too.\n"
	}, "link to "+dest)
}

func editUpdated(w *world) ([]string, string) {
	return w.change("", func(s string) string {
		return setField(s, "updated", fmt.Sprintf("20%02d-%02d-%02d", 20+w.r.IntN(7), 1+w.r.IntN(12), 1+w.r.IntN(28)))
	}, "updated edit")
}

func (w *world) setSiteYAML(extra string) {
	w.write("site.yaml", sitegen.SiteYAML+extra)
}

func editSiteYAML(w *world) ([]string, string) {
	extra := []string{"", "paginate: 2\n", "paginate: 3\n", "params:\n  clinic: Riverside Vets\n", "params:\n  clinic: Hill Farm\n  phone: 123\n",
		"menus:\n  main:\n    - name: Play\n      url: /topics/play/\n    - name: First\n      url: section-1/_index.md\n"}
	e := extra[w.r.IntN(len(extra))]
	site := sitegen.SiteYAML + e
	if w.r.IntN(4) == 0 { // the site moves under a path
		site = strings.Replace(site, "base_url: https://example.org/", "base_url: https://example.org/care/", 1)
		e += " under /care/"
	}
	w.write("site.yaml", site)
	return []string{"site.yaml"}, fmt.Sprintf("site.yaml with %q", e)
}

func editTemplate(w *world) ([]string, string) {
	p := "templates/partials/footer.html"
	if _, ok := w.fs["templates/partials/unusual.html"]; ok && w.r.IntN(2) == 0 {
		p = "templates/partials/unusual.html"
		w.write(p, strings.Replace(w.text(p), "</aside>", w.word()+"</aside>", 1))
	} else {
		w.write(p, fmt.Sprintf(`{{define "footer"}}<footer>%s {{.Site.Config.Title}}</footer>{{end}}`+"\n", w.word()))
	}
	return []string{p}, "template edit of " + p
}

func editStylesheet(w *world) ([]string, string) {
	css, _ := fs.ReadFile(careguide.Default, "assets/css/main.css")
	w.write("assets/css/main.css", string(css)+fmt.Sprintf("\n/* %d */\n", w.r.IntN(1000)))
	return []string{"assets/css/main.css"}, "stylesheet edit"
}

func editIdeas(w *world) ([]string, string) {
	kinds := []string{"play", "food", "outdoors"}
	return w.change("", func(s string) string {
		idea := fmt.Sprintf("enrichment:\n  - title: %s idea\n    kind: %s\n    effort: low\n    indoor: %v\n    body: Try it.\n",
			w.word(), kinds[w.r.IntN(3)], w.r.IntN(2) == 0)
		if i := strings.Index(s, "\nenrichment:\n"); i >= 0 {
			return s[:i+1] + idea + s[i+len("\nenrichment:\n"):]
		}
		return strings.Replace(s, "\ntitle:", "\n"+strings.TrimSuffix(idea, "\n")+"\ntitle:", 1)
	}, "idea added")
}

func editGear(w *world) ([]string, string) {
	return w.change("", func(s string) string {
		item := fmt.Sprintf("gear:\n  - name: %s lead\n    kind: leash\n    advice: Keep it light.\n    choose: [\"a light clip\"]\n", w.word())
		if i := strings.Index(s, "\ngear:\n"); i >= 0 {
			return s[:i+1] + item + s[i+len("\ngear:\n"):]
		}
		return strings.Replace(s, "\ntitle:", "\n"+strings.TrimSuffix(item, "\n")+"\ntitle:", 1)
	}, "gear added")
}

func newSection(w *world) ([]string, string) {
	dir := fmt.Sprintf("content/extra-%d", w.r.IntN(5))
	w.write(dir+"/_index.md", "---\ntitle: Extra section\n---\nA new section.\n")
	w.write(dir+"/guide.md", "---\ntitle: Extra guide\ndescription: In a new folder.\nspecies: [parrot]\n---\nText.\n")
	return []string{dir}, "new section " + dir
}

func deleteSection(w *world) ([]string, string) {
	sec := w.pick(w.sections())
	if sec == "" || sec == "content/section-1" {
		return nil, ""
	}
	for p := range w.fs {
		if strings.HasPrefix(p, sec+"/") {
			delete(w.fs, p)
		}
	}
	return []string{sec}, "delete section " + sec
}

// newNested adds a guide in a folder inside a section: its parent is the
// section until the folder has an _index.md of its own.
func newNested(w *world) ([]string, string) {
	sec := w.pick(w.sections())
	if sec == "" {
		return nil, ""
	}
	p := fmt.Sprintf("%s/deep/nested-%d.md", sec, w.r.IntN(3))
	w.write(p, "---\ntitle: Nested "+w.word()+"\ndescription: In a folder of a section.\n---\nText.\n")
	return []string{p}, "nested guide " + p
}

func toggleNestedIndex(w *world) ([]string, string) {
	sec := w.pick(w.sections())
	if sec == "" {
		return nil, ""
	}
	p := sec + "/deep/_index.md"
	if _, ok := w.fs[p]; ok {
		delete(w.fs, p)
		return []string{p}, "delete " + p
	}
	w.write(p, "---\ntitle: Deep\n---\nA sub-section.\n")
	return []string{p}, "new " + p
}

// toggleSectionIndex takes a section's _index.md away, which makes its
// folder's pages children of the home page, or puts it back.
func toggleSectionIndex(w *world) ([]string, string) {
	sec := w.pick([]string{"content/section-1", "content/section-2"})
	p := sec + "/_index.md"
	if f, ok := w.fs[p]; ok {
		w.fs[sec+"/.index-taken"] = f // kept to put back, where content does not look
		delete(w.fs, p)
		return []string{p}, "take away " + p
	}
	if f, ok := w.fs[sec+"/.index-taken"]; ok {
		w.fs[p] = f
		delete(w.fs, sec+"/.index-taken")
		return []string{p}, "put back " + p
	}
	return nil, ""
}

// respell writes a species of a guide with its first letter's case
// changed: the same term, whose name is its first page's spelling.
func respell(w *world) ([]string, string) {
	return w.change("", func(s string) string {
		for _, sp := range []string{"cat", "dog", "rabbit", "ferret", "parrot"} {
			up := strings.ToUpper(sp[:1]) + sp[1:]
			if strings.Contains(s, "["+sp) {
				return strings.Replace(s, "["+sp, "["+up, 1)
			}
			if strings.Contains(s, "["+up) {
				return strings.Replace(s, "["+up, "["+sp, 1)
			}
		}
		return setField(s, "species", "[Cat]")
	}, "respell")
}

func newFile(w *world) ([]string, string) {
	p := fmt.Sprintf("%s/notes-%d.txt", w.pick(append(w.sections(), "content")), w.r.IntN(3))
	w.write(p, w.word()+" notes\n")
	return []string{p}, "new file " + p
}

func deleteFile(w *world) ([]string, string) {
	var files []string
	for p := range w.fs {
		if strings.HasPrefix(p, "content/") && path.Ext(p) == ".txt" {
			files = append(files, p)
		}
	}
	slices.Sort(files)
	p := w.pick(files)
	if p == "" {
		return nil, ""
	}
	delete(w.fs, p)
	return []string{p}, "delete " + p
}

// breakAndFix breaks a guide's frontmatter; the next check sees the error
// on both sides, and a later edit of the same file may fix it.
func breakAndFix(w *world) ([]string, string) {
	return w.change("", func(s string) string {
		if strings.Contains(s, "title: [unclosed") {
			return strings.Replace(s, "title: [unclosed", "title: Fixed", 1)
		}
		return strings.Replace(s, "\ntitle: ", "\ntitle: [unclosed ", 1)
	}, "break or fix")
}
