package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitegen"
	"html/template"
)

// searchSite has two guides, in weight order, with every kind of entry the
// index holds, a step body with markup to strip and a long one to clip.
var searchSite = testSiteHead + `-- content/guides/leash.md --
---
title: Leash training
description: From first sniff to first stroll.
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
Body.
-- content/guides/play.md --
---
title: Safe play
description: Toys that stay safe.
weight: 20
steps:
  - title: Put string away
    body: String can be swallowed.
---
Body.
`

// renderedIndex renders the whole site and returns the search index's
// entries: the shards that search/index.json lists, joined in order.
func renderedIndex(t *testing.T, s *site.Site, th *Theme) []byte {
	t.Helper()
	files, diags := All(s, th)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	var manifest struct{ Shards []string }
	if err := json.Unmarshal(byPath["search/index.json"], &manifest); err != nil || len(manifest.Shards) == 0 {
		t.Fatalf("search/index.json is not a list of shards: %v\n%s", err, byPath["search/index.json"])
	}
	var all []json.RawMessage
	for _, u := range manifest.Shards {
		var entries []json.RawMessage
		data, ok := byPath[strings.TrimPrefix(u, s.Config.BasePath())]
		if err := json.Unmarshal(data, &entries); !ok || err != nil {
			t.Fatalf("shard %s: %v", u, err)
		}
		all = append(all, entries...)
	}
	out, _ := json.Marshal(all)
	return out
}

func TestSearchIndex(t *testing.T) {
	s, th := linkSite(t, txtarFS(searchSite))
	data := renderedIndex(t, s, th)
	var got []searchEntry
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("search/index.json is not valid JSON: %v\n%s", err, data)
	}
	want := []struct{ title, where, url string }{
		{"Leash training", "Guide", "/care/guides/leash/"},
		{"Introduce the harness", "Step 1 of Leash training", "/care/guides/leash/#step-1"},
		{"Wear it indoors", "Step 2 of Leash training", "/care/guides/leash/#step-2"},
		{"Cat harness", "Gear: Cat harness in Leash training", "/care/guides/leash/#gear"},
		{"Sniff walk", "Enrichment idea in Leash training", "/care/guides/leash/#enrichment"},
		{"Safe play", "Guide", "/care/guides/play/"},
		{"Put string away", "Step 1 of Safe play", "/care/guides/play/#step-1"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d:\n%s", len(got), len(want), data)
	}
	for i, w := range want {
		if g := got[i]; g.Title != w.title || g.Where != w.where || g.URL != w.url {
			t.Errorf("entry %d = {%q, %q, %q}, want {%q, %q, %q}", i, g.Title, g.Where, g.URL, w.title, w.where, w.url)
		}
	}
	if g := got[1].Text; g != "Let your cat sniff it <for a while> & reward." {
		t.Errorf("step text %q: want the body as plain text", g)
	}
	if g := got[2].Text; len(g) > searchTextSize+len("…") || !strings.HasSuffix(g, "…") {
		t.Errorf("long step text (%d bytes) not clipped to about %d: %q", len(g), searchTextSize, g)
	}
	if bytes.Contains(data, []byte("<for")) || bytes.Contains(data, []byte("\n ")) {
		t.Errorf("index has a raw < or indentation:\n%s", data)
	}
}

func TestSearchIndexIsReproducible(t *testing.T) {
	s, th := linkSite(t, txtarFS(searchSite))
	first := renderedIndex(t, s, th)
	s, th = linkSite(t, txtarFS(searchSite))
	if second := renderedIndex(t, s, th); !bytes.Equal(first, second) {
		t.Errorf("two builds differ:\n%s\n%s", first, second)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", searchTextSize) // two bytes a rune: a cut can fall inside one
	for _, text := range []string{long, strings.Repeat("word ", 100)} {
		got := clip(text)
		if !strings.HasSuffix(got, "…") || len(got) > searchTextSize+len("…") {
			t.Errorf("clip(%d bytes) = %d bytes %q", len(text), len(got), got)
		}
		if !strings.HasPrefix(text, strings.TrimSuffix(got, "…")) || !utf8.ValidString(got) {
			t.Errorf("clip cut inside a rune or changed the text: %q", got)
		}
	}
	if got := clip("short"); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
}

// searchText must give what clip(markdown.Text(h)) gives, which it
// shortcuts.
func TestSearchTextMatchesClipOfText(t *testing.T) {
	pieces := []string{"<p>", "</p>", "<a href=\"/x/\">", "</a>", " ", "\n", "\t", "  ", "word", "é", "&amp;", "&quot;",
		"&#x41;", "&am", ">", ",", ".", strings.Repeat("x", 40), strings.Repeat("long words ", 9)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		h := template.HTML(b.String())
		if got, want := searchText(h), clip(markdown.Text(string(h))); got != want {
			t.Fatalf("searchText(%q)\n = %q\nwant %q", h, got, want)
		}
	}
}

// A big site's index comes in shards of searchShardSize guides, in source
// path order, each guide in exactly one.
func TestSearchIndexShards(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 2*searchShardSize + 10, Sections: 3, Seed: 2}))
	var entries []searchEntry
	if err := json.Unmarshal(renderedIndex(t, s, th), &entries); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	var order []string
	for _, e := range entries {
		if e.Where == "Guide" {
			seen[e.URL]++
			order = append(order, e.URL)
		}
	}
	if len(seen) != len(s.Guides()) || len(order) != len(s.Guides()) {
		t.Errorf("index has %d guides (%d entries), want each of %d once", len(seen), len(order), len(s.Guides()))
	}
	if shards := searchShards(s); len(shards) != 3 {
		t.Errorf("%d shards for %d guides, want 3", len(shards), len(s.Guides()))
	}
	pathOf := map[string]string{}
	for _, g := range s.Guides() {
		pathOf[g.URL] = g.Path
	}
	if !slices.IsSortedFunc(order, func(a, b string) int { return strings.Compare(pathOf[a], pathOf[b]) }) {
		t.Error("guides are not in source path order")
	}
}

// searchText is searchTextIn with scratch space of its own.
func searchText(h template.HTML) string {
	_, text := searchTextIn(nil, h)
	return text
}
