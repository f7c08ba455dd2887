package site

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
)

func link(t *testing.T, files map[string]string, opts Options) (*Site, string) {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: T\n")}}
	for p, src := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(src)}
	}
	cfg, diags := config.Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c, diags := content.Load(fsys, &content.Options{Markdown: markdown.New(), BasePath: "/", Taxonomies: cfg.Taxonomies})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s, diags := Link(cfg, c, opts)
	return s, diags.Error()
}

func guide(title string, weight int, extra string) string {
	return "---\ntitle: " + title + "\ndescription: d\nweight: " + strconv.Itoa(weight) + "\n" + extra + "---\n"
}

func titles(pages []*Page) string {
	var s []string
	for _, p := range pages {
		s = append(s, p.Title)
	}
	return strings.Join(s, ",")
}

func TestOrderAndNavigation(t *testing.T) {
	s, diags := link(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"guides/_index.md":     "---\ntitle: Guides\n---\n",
		"guides/c.md":          guide("Charlie", 0, ""),
		"guides/b.md":          guide("bravo", 2, ""),
		"guides/a.md":          guide("Alpha", 2, ""),
		"guides/d.md":          guide("Delta", 1, "species: [cat]\ntopics: [play, training]\n") + "## Intro\n",
		"guides/e/index.md":    guide("Echo", 0, "species: [Small Pets]\nrelated: [guides/a.md]\nenrichment:\n  - title: Box\n    kind: play\n    body: b\n"),
		"guides/sub/_index.md": "---\ntitle: Sub\n---\n",
		"guides/sub/f.md":      guide("Foxtrot", 0, "") + "Links [d](../d.md#intro)\n\n",
	}, Options{})
	if diags != "" {
		t.Fatal(diags)
	}
	sec := s.Lookup("guides/_index.md")
	// weight first (unweighted last), then title without regard to case
	if got := titles(sec.Children); got != "Delta,Alpha,bravo,Charlie,Echo,Sub" {
		t.Errorf("order %s", got)
	}
	d, a := s.Lookup("guides/d.md"), s.Lookup("guides/a.md")
	if d.Prev != nil || d.Next != a || a.Prev != d {
		t.Errorf("prev/next wrong: %v %v", d.Next, a.Prev)
	}
	f := s.Lookup("guides/sub/f.md")
	if got := titles(f.Breadcrumbs); got != "Home,Guides,Sub" {
		t.Errorf("breadcrumbs %s", got)
	}
	if got := titles(s.Lookup("guides/e/index.md").Related); got != "Alpha" {
		t.Errorf("related %s", got)
	}
	if got := titles(d.LinkedFrom); got != "Foxtrot" {
		t.Errorf("linked from %s", got)
	}
	var terms []string
	for _, tax := range s.Taxonomies {
		for _, term := range tax.Terms {
			terms = append(terms, term.URL+"="+titles(term.Pages))
		}
	}
	if got := strings.Join(terms, " "); got != "/species/cat/=Delta /species/small-pets/=Echo /topics/play/=Delta /topics/training/=Delta" {
		t.Errorf("terms %s", got)
	}
	if len(s.Enrichment) != 1 || s.Enrichment[0].Ideas[0].Guide.Title != "Echo" {
		t.Errorf("enrichment %+v", s.Enrichment)
	}
}

func TestLinkProblems(t *testing.T) {
	_, diags := link(t, map[string]string{
		"guides/a.md":   guide("A", 0, "related: [guides/b.md, about.md]\n") + "[x](b.md) [y](#nope) [z](a.md#step-1)\n",
		"guides/b.md":   guide("B", 0, "draft: true\n"),
		"about.md":      "---\ntitle: About\n---\n",
		"enrichment.md": "---\ntitle: Mine\n---\n",
	}, Options{})
	for _, want := range []string{
		"content/guides/a.md:7:1: link to guides/b.md, which does not exist",
		"that page is a draft",
		"content/guides/a.md:7:11: content/guides/a.md has no anchor #nope",
		"content/guides/a.md:7:22: content/guides/a.md has no anchor #step-1",
		"content/guides/a.md:5:11: related guide guides/b.md does not exist",
		"content/guides/a.md:5:24: related about.md is not a guide",
		"content/enrichment.md:1:1: content/enrichment.md would replace the generated page /enrichment/",
	} {
		if !strings.Contains(diags, want) {
			t.Errorf("missing %q in\n%s", want, diags)
		}
	}
}

func TestRecentlyUpdated(t *testing.T) {
	s, diags := link(t, map[string]string{
		"guides/a.md": guide("A", 0, "updated: 2026-01-01\n"),
		"guides/b.md": guide("B", 0, "updated: 2026-03-01\n"),
		"guides/c.md": guide("C", 0, ""),
		"guides/d.md": guide("D", 0, "updated: 2026-03-01\n"),
	}, Options{})
	if diags != "" {
		t.Fatal(diags)
	}
	if got := titles(s.RecentlyUpdated(3)); got != "B,D,A" {
		t.Errorf("recent = %s, want B,D,A", got)
	}
	if got := titles(s.RecentlyUpdated(10)); got != "B,D,A,C" {
		t.Errorf("recent = %s, want undated last", got)
	}
}

// A guide's gear and enrichment ideas have anchors as its steps do,
// numbered from 1 in the order of the file: a link may name them, and one
// past the last is an error.
func TestGearAndIdeaAnchors(t *testing.T) {
	parts := "gear:\n  - name: Harness\n    advice: Snug.\n  - name: Leash\n    advice: Light.\n" +
		"enrichment:\n  - title: Box\n    body: Hide treats.\n"
	_, diags := link(t, map[string]string{
		"guides/a.md": guide("A", 0, parts) + "[g](#gear-2) [i](#idea-1) [j](#idea-2) [k](#gear-3)\n",
	}, Options{})
	for _, want := range []string{"has no anchor #idea-2", "has no anchor #gear-3"} {
		if !strings.Contains(diags, want) {
			t.Errorf("missing %q in\n%s", want, diags)
		}
	}
	for _, fine := range []string{"#gear-2", "#idea-1"} {
		if strings.Contains(diags, "has no anchor "+fine) {
			t.Errorf("%s is an anchor of the guide, yet:\n%s", fine, diags)
		}
	}
}
