package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/searchindex"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitegen"
)

// searchSite has two guides, in weight order, with every kind of section
// the index holds, a step body with markup to strip and a long one to clip.
var searchSite = testSiteHead + `-- content/guides/leash.md --
---
title: Leash training
description: From first sniff to first stroll.
species: [cat]
weight: 10
steps:
  - title: Introduce the harness
    body: Let your cat *sniff* it <for a while> & reward.
  - title: Wear it indoors
    body: ` + strings.Repeat("Give it time. ", 40) + `
gear:
  - name: Cat harness
    advice: Choose one made for cats.
enrichment:
  - title: Sniff walk
    body: A slow walk to sniff the garden.
---
Body about recall.
-- content/guides/play.md --
---
title: Safe play
description: Toys that stay safe.
species: [dog]
weight: 20
steps:
  - title: Put string away
    body: String can be swallowed.
---
Body.
`

// renderedSearch renders the whole site and returns its files by path
// and a Reader of its search index.
func renderedSearch(t testing.TB, s *site.Site, th *Theme) (map[string][]byte, *searchindex.Reader) {
	t.Helper()
	files, diags := All(s, th)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	r, err := searchindex.Open(func(name string) ([]byte, error) {
		if data, ok := byPath[searchDir+name]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("no %s%s in the output", searchDir, name)
	})
	if err != nil {
		t.Fatal(err)
	}
	return byPath, r
}

// searchDocJSON is what a guide's file in the index says.
type searchDocJSON struct {
	URL      string     `json:"url"`
	Sections [][]string `json:"s"`
}

func TestSearchIndexFiles(t *testing.T) {
	s, th := linkSite(t, txtarFS(searchSite))
	files, r := renderedSearch(t, s, th)
	if r.Docs != 2 {
		t.Fatalf("meta file counts %d docs, want 2", r.Docs)
	}
	// Docs are numbered by content path: leash.md, then play.md.
	var leash searchDocJSON
	if err := json.Unmarshal(files["search/d/0.json"], &leash); err != nil {
		t.Fatalf("search/d/0.json: %v\n%s", err, files["search/d/0.json"])
	}
	want := [][]string{
		{"Leash training", "Guide", "", "From first sniff to first stroll."},
		{"Introduce the harness", "Step 1 of", "step-1", "Let your cat sniff it <for a while> & reward."},
		{"Wear it indoors", "Step 2 of", "step-2", ""},
		{"Cat harness", "Gear in", "gear-1", "Choose one made for cats."},
		{"Sniff walk", "Enrichment idea in", "idea-1", "A slow walk to sniff the garden."},
	}
	if leash.URL != "/care/guides/leash/" || len(leash.Sections) != len(want) {
		t.Fatalf("search/d/0.json = %+v", leash)
	}
	for i, w := range want {
		g := leash.Sections[i]
		if len(g) != 4 || g[0] != w[0] || g[1] != w[1] || g[2] != w[2] || w[3] != "" && g[3] != w[3] {
			t.Errorf("section %d = %q, want %q", i, g, w)
		}
	}
	if g := leash.Sections[2][3]; len(g) > searchExcerptSize+len("…") || !strings.HasSuffix(g, "…") {
		t.Errorf("long step's excerpt (%d bytes) not clipped to about %d: %q", len(g), searchExcerptSize, g)
	}
	if d := files["search/d/0.json"]; bytes.Contains(d, []byte("<for")) {
		t.Errorf("a doc file has a raw <:\n%s", d)
	}
	for _, c := range []struct {
		query, facet string
		doc, section int
	}{
		{"harness", "", 0, 1},        // a step title counts more than a gear name
		{"swallowed", "", 1, 1},      // in a step body
		{"string", "", 1, 1},         // in a step title
		{"sniffing", "", 0, 4},       // stemmed; the idea says sniff twice
		{"saf", "", 1, 0},            // the word being typed
		{"harnes", "", 0, 1},         // a typo
		{"ahrness", "", 0, 1},        // a typo in the first two letters
		{"cat", "species/cat", 0, 3}, // narrowed by species; "Cat harness" is a gear name
	} {
		res, err := r.Search(c.query, strings.Fields(c.facet)...)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 || res[0].Doc != c.doc || res[0].Section != c.section {
			t.Errorf("Search(%q, %q) = %+v, want doc %d section %d first", c.query, c.facet, res, c.doc, c.section)
		}
	}
	// A word of the Markdown body alone finds its guide, as the guide
	// itself (section 0), where the body is shown.
	if res, _ := r.Search("recall"); len(res) != 1 || res[0].Doc != 0 || res[0].Section != 0 {
		t.Errorf("Search(recall) = %+v, want the leash guide: its body says recall", res)
	}
	if res, _ := r.Search("string", "species/cat"); len(res) != 0 {
		t.Errorf("Search(string) of cat guides = %+v, want none: the string guide is for dogs", res)
	}
}

func TestSearchIndexIsReproducible(t *testing.T) {
	fsys := sitegen.FS(sitegen.Options{Guides: 300, Sections: 3, Seed: 2})
	s, th := linkSite(t, fsys)
	first, _ := renderedSearch(t, s, th)
	s, th = linkSite(t, fsys)
	second, _ := renderedSearch(t, s, th)
	n := 0
	for path, data := range first {
		if !strings.HasPrefix(path, searchDir) {
			continue
		}
		n++
		if !bytes.Equal(data, second[path]) {
			t.Errorf("two builds differ in %s:\n%s\n%s", path, data, second[path])
		}
	}
	// 300 doc files, 64 chunks, 8 words files, 8 endings files, meta,
	// facets, the page.
	if n != 300+64+8+8+3 {
		t.Errorf("%d files in search/, want %d", n, 300+64+8+8+3)
	}
}

// defaultSite is the repository's own site, as a file system a test can
// link.
func defaultSite(t testing.TB) fstest.MapFS {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(careguide.Default, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(careguide.Default, path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// What a reader of the default site searches for, and the result they
// expect first: the guide, and where in it.
func TestSearchRanksDefaultSite(t *testing.T) {
	s, th := linkSite(t, defaultSite(t))
	files, r := renderedSearch(t, s, th)
	for _, c := range []struct{ query, title, where string }{
		{"harness", "Choosing and fitting a cat harness and leash", "Guide"},
		{"harnes", "Choosing and fitting a cat harness and leash", "Guide"},         // a typo
		{"vacination", "Vaccinations, parasite control and vet clearance", "Guide"}, // a typo
		// Typos in the first two letters, which the endings files find:
		// changed, left out, swapped; "icrochip" is the stem's ending.
		{"hsrness", "Choosing and fitting a cat harness and leash", "Guide"},
		{"accination", "Vaccinations, parasite control and vet clearance", "Guide"},
		{"avccinations", "Vaccinations, parasite control and vet clearance", "Guide"},
		{"icrochips", "Collars, ID tags and microchips", "Guide"},
		{"vet", "Vaccinations, parasite control and vet clearance", "Guide"},
		{"leash training", "How to leash train your cat", "Guide"}, // stemmed
		{"microchips", "Collars, ID tags and microchips", "Guide"},
		{"string swallowed", "Safe play: string, hair ties and what to do if your cat swallows them", "Guide"},
		{"puzzle feeder", "Indoor enrichment for cats", "Enrichment idea in Indoor enrichment for cats"},
		{"clicker", "Teaching your cat tricks with positive reinforcement", "Gear in Teaching your cat tricks with positive reinforcement"},
		{"emergency harness", "Ready to move your cat in an emergency", "Guide"},
		{"enrich", "Indoor enrichment for cats", "Guide"}, // being typed
		{"tricks", "Teaching your cat tricks with positive reinforcement", "Guide"},
	} {
		res, err := r.Search(c.query)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) == 0 {
			t.Errorf("%q finds nothing", c.query)
			continue
		}
		var doc searchDocJSON
		if err := json.Unmarshal(files[searchDir+searchindex.DocFile(res[0].Doc)], &doc); err != nil {
			t.Fatal(err)
		}
		sec := doc.Sections[res[0].Section]
		title, where := doc.Sections[0][0], sec[1]
		if res[0].Section > 0 { // as search.js shows it
			where += " " + title
		}
		if title != c.title || where != c.where {
			t.Errorf("%q: first result %q, %q; want %q, %q", c.query, title, where, c.title, c.where)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", searchExcerptSize) // two bytes a rune: a cut can fall inside one
	for _, text := range []string{long, strings.Repeat("word ", 100)} {
		got := string(clip([]byte(text), searchExcerptSize))
		if !strings.HasSuffix(got, "…") || len(got) > searchExcerptSize+len("…") {
			t.Errorf("clip(%d bytes) = %d bytes %q", len(text), len(got), got)
		}
		if !strings.HasPrefix(text, strings.TrimSuffix(got, "…")) || !utf8.ValidString(got) {
			t.Errorf("clip cut inside a rune or changed the text: %q", got)
		}
	}
	if got := string(clip([]byte("short"), searchExcerptSize)); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
}

// The index reads the words of a guide's HTML as it goes (searchindex's
// Marked, with markdown.HTML): they must be the words of the text
// markdown.AppendText makes of it, which excerpts, highlights and the
// JSON-LD show. Content is valid UTF-8 (package content refuses any
// other), and so is the HTML made of it.
func FuzzSearchReadsTheWordsOfHTML(f *testing.F) {
	for _, h := range []string{
		"<p>Fit the <strong>harness</strong> snugly.</p><p>Then walk.</p>",
		"<p>bo<em>ld</em> new<br>line</p><ul><li>one</li><li>Two</li></ul>",
		"cat&#39;s toy &amp; the vet&quot;s advice &lt;3 &nbsp;Caf&eacute; &fjlig;ord x&nvgt;y &bogus; a&b",
		"<a href=\"https://example.org/Harness-Guide\">see <code>this</code></a> and <img alt=\"A cat\" src=x>",
		"unfinished <p tag", "&#x41;&#66;c", "<", "&", "A<", "ÇA<em>FAIT</em>déjà",
	} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if !utf8.ValidString(h) {
			t.Skip()
		}
		want := searchindex.Words(markdown.Text(h))
		if got := searchindex.MarkedWords([]byte(h), markdown.HTML{}); !slices.Equal(got, want) {
			t.Errorf("words of %q: read as HTML %q, of its text %q", h, got, want)
		}
	})
}
