package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// filterSite has ideas of two kinds across three guides: one guide with no
// species, one with two (one written twice), no high-effort idea and one
// idea with no effort at all.
var filterSite = testSiteHead + `-- content/guides/a.md --
---
title: Boxes
description: Boxes.
weight: 10
species: [Cat, Small Pets, cat]
enrichment:
  - title: Box fort
    kind: play
    effort: low
    indoor: true
    body: Boxes.
  - title: Garden walk
    kind: outdoors
    effort: medium
    body: Outside.
---
-- content/guides/b.md --
---
title: Treats
description: Treats.
weight: 20
species: [dog]
enrichment:
  - title: Snuffle mat
    kind: food
    effort: low
    indoor: true
    body: Sniff.
  - title: Tug
    kind: play
    indoor: true
    body: Pull.
---
-- content/guides/c.md --
---
title: Other
description: Other.
weight: 30
enrichment:
  - title: Window seat
    kind: play
    effort: low
    indoor: true
    body: Birds.
---
`

var ideaTitle = regexp.MustCompile(`<h3>([^<]*)</h3>`)

// TestEnrichmentFilterPages renders the site and checks which filter pages
// exist, in which order, and which ideas each lists.
func TestEnrichmentFilterPages(t *testing.T) {
	s, th := linkSite(t, txtarFS(filterSite))
	files, diags := All(s, th)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	pages := map[string]string{}
	var got []string
	for _, f := range files {
		if strings.HasPrefix(f.Path, "enrichment/") {
			got = append(got, f.Path)
			pages[f.Path] = string(f.Data)
		}
	}
	// Ideas are in Site.Enrichment's order: by kind (play, food, outdoors),
	// then guide.
	want := map[string][]string{
		"enrichment/index.html":                    {"Box fort", "Tug", "Window seat", "Snuffle mat", "Garden walk"},
		"enrichment/kind/play/index.html":          {"Box fort", "Tug", "Window seat"},
		"enrichment/kind/food/index.html":          {"Snuffle mat"},
		"enrichment/kind/outdoors/index.html":      {"Garden walk"},
		"enrichment/effort/low/index.html":         {"Box fort", "Window seat", "Snuffle mat"},
		"enrichment/effort/medium/index.html":      {"Garden walk"},
		"enrichment/indoor/index.html":             {"Box fort", "Tug", "Window seat", "Snuffle mat"},
		"enrichment/outdoor/index.html":            {"Garden walk"},
		"enrichment/species/cat/index.html":        {"Box fort", "Garden walk"},
		"enrichment/species/dog/index.html":        {"Tug", "Snuffle mat"},
		"enrichment/species/small-pets/index.html": {"Box fort", "Garden walk"},
	}
	var wantPaths []string
	for p := range want {
		wantPaths = append(wantPaths, p)
	}
	slices.Sort(wantPaths)
	if !slices.Equal(got, wantPaths) {
		t.Fatalf("enrichment pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantPaths, "\n"))
	}
	for p, titles := range want {
		var shown []string
		for _, m := range ideaTitle.FindAllStringSubmatch(pages[p], -1) {
			shown = append(shown, m[1])
		}
		if !slices.Equal(shown, titles) {
			t.Errorf("%s lists %q, want %q", p, shown, titles)
		}
	}

	low := pages["enrichment/effort/low/index.html"]
	for _, s := range []string{
		`<h1>Enrichment ideas: Low effort</h1>`,
		`3 ideas</p>`,
		`<a href="/care/enrichment/effort/low/" data-value="low" aria-current="page">Low effort</a>`,
		`<a href="/care/enrichment/">All ideas</a>`,
		`<li class="idea" data-kind="play" data-effort="low" data-indoor="true" data-species="cat small-pets">`,
	} {
		if !strings.Contains(low, s) {
			t.Errorf("effort/low page lacks %s", s)
		}
	}
	if strings.Contains(low, "js/filters.") || strings.Contains(low, "data-live") {
		t.Error("a filter page loads filters.js; only /enrichment/ filters in place")
	}
	all := pages["enrichment/index.html"]
	if !strings.Contains(all, `<a href="/care/enrichment/" aria-current="page">All ideas</a>`) || !strings.Contains(all, "js/filters.") {
		t.Error("/enrichment/ does not mark All ideas current or load filters.js")
	}
	// Kinds and efforts keep the content model's order, not the alphabet's.
	if strings.Index(all, "kind/play/") > strings.Index(all, "kind/food/") ||
		strings.Index(all, "effort/low/") > strings.Index(all, "effort/medium/") ||
		strings.Index(all, `"/care/enrichment/indoor/"`) > strings.Index(all, `"/care/enrichment/outdoor/"`) {
		t.Error("filter bar out of order")
	}
}
