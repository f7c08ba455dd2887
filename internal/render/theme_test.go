package render

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// themeSite has a reviewed guide, an unreviewed one, and gear of one item
// ("Leash", "leash") written by both, and one only by play ("light
// LEASH", which is not a leash of another spelling).
const themeSite = testSiteHead + `-- content/guides/walk.md --
---
title: Walk
description: Walking.
species: [cat]
gear:
  - name: Leash
    kind: leash
    advice: Light, from walk.
    choose: [thin]
  - name: Harness
    kind: harness
    advice: Fits.
reviewed_by:
  name: Dr A. Name
  credentials: BVSc
  url: https://vets.example/a-name/
reviewed_on: 2026-11-12
---
Body.
-- content/guides/play.md --
---
title: Play
description: Playing.
gear:
  - name: "light  LEASH"
    kind: leash
    advice: Short, from play.
  - name: leash
    kind: leash
    advice: Also, from play.
    avoid: [chain]
---
Body.
`

func renderTheme(t *testing.T, archive string) map[string]string {
	t.Helper()
	s, th := linkSite(t, txtarFS(archive))
	return renderedFiles(t, s, th)
}

// A reviewed guide says who reviewed it, when, and when the next review is
// due (review_every later, 12 months by default); an unreviewed one says
// it has not been reviewed; the JSON-LD names the reviewer.
func TestReviewLine(t *testing.T) {
	out := renderTheme(t, themeSite)
	walk, play := out["guides/walk/index.html"], out["guides/play/index.html"]
	want := `Reviewed by <a href="https://vets.example/a-name/">Dr A. Name</a>, BVSc, on <time datetime="2026-11-12">12 November 2026</time> · Next review due <time datetime="2027-11-12">November 2027</time>`
	if !strings.Contains(walk, want) {
		t.Errorf("walk has no review line %q:\n%s", want, walk)
	}
	if strings.Contains(walk, "not been reviewed") || !strings.Contains(play, "This guide has not been reviewed by a vet yet.") {
		t.Error("the unreviewed line is on the wrong guide")
	}
	m := regexp.MustCompile(`<script type="application/ld\+json">(\{"@context":"https://schema.org","@type":"WebPage".*?)</script>`).FindStringSubmatch(walk)
	if m == nil {
		t.Fatalf("no WebPage JSON-LD on a reviewed guide")
	}
	var page struct {
		LastReviewed string
		ReviewedBy   struct{ Type, Name, HonorificSuffix, URL string }
	}
	if err := json.Unmarshal([]byte(m[1]), &page); err != nil {
		t.Fatal(err)
	}
	if page.LastReviewed != "2026-11-12" || page.ReviewedBy.Name != "Dr A. Name" || page.ReviewedBy.HonorificSuffix != "BVSc" {
		t.Errorf("WebPage JSON-LD = %+v", page)
	}
	if strings.Contains(play, `"@type":"WebPage"`) {
		t.Error("an unreviewed guide claims a review in its JSON-LD")
	}

	// review_every moves the due date; show_review: false hides the line.
	other := strings.Replace(themeSite, "base_url: https://example.org/care/\n",
		"base_url: https://example.org/care/\nreview_every: 6mo\n", 1)
	if got := renderTheme(t, other)["guides/walk/index.html"]; !strings.Contains(got, `Next review due <time datetime="2027-05-12">May 2027</time>`) {
		t.Error("review_every: 6mo does not make the next review due in May 2027")
	}
	hidden := strings.Replace(themeSite, "base_url: https://example.org/care/\n",
		"base_url: https://example.org/care/\ntheme:\n  show_review: false\n", 1)
	for _, p := range []string{"guides/walk/index.html", "guides/play/index.html"} {
		if got := renderTheme(t, hidden)[p]; strings.Contains(got, `class="review`) {
			t.Errorf("%s shows review info with show_review: false", p)
		}
	}
}

// /gear/ shows one card per item: the leash advice of both guides under
// one heading, whatever the case and spacing of its name; other items
// keep cards of their own.
func TestGearGroupedByItem(t *testing.T) {
	gear := renderTheme(t, themeSite)["gear/index.html"]
	cards := regexp.MustCompile(`(?s)<article class="gear-card">\n<h3>(.*?)</h3>(.*?)</article>`).FindAllStringSubmatch(gear, -1)
	got := map[string][]string{}
	for _, c := range cards {
		got[c[1]] = regexp.MustCompile(`From <a href="[^"]*">([^<]*)</a>`).FindAllString(c[2], -1)
	}
	// Play comes first in the site's order, so its spelling names the card.
	if len(cards) != 3 || len(got["leash"]) != 2 || len(got["light  LEASH"]) != 1 || len(got["Harness"]) != 1 {
		t.Fatalf("cards on /gear/: %v", got)
	}
	if !strings.Contains(got["leash"][0], ">Play<") || !strings.Contains(got["leash"][1], ">Walk<") {
		t.Errorf("the leash card lists %v, want Play then Walk", got["leash"])
	}
	for _, want := range []string{"Light, from walk.", "Also, from play.", `<ul class="choose"><li>thin</li>`, `<ul class="avoid"><li>chain</li>`, "<h2>Leashes</h2>", "<h2>Harnesses</h2>"} {
		if !strings.Contains(gear, want) {
			t.Errorf("/gear/ lacks %q", want)
		}
	}
}

// The navigation and headings name taxonomies as people write them, and
// breadcrumbs name the home page as the header names the site.
func TestThemeNames(t *testing.T) {
	out := renderTheme(t, themeSite)
	walk := out["guides/walk/index.html"]
	if !strings.Contains(walk, `<li><a href="/care/species/">Species</a></li>`) {
		t.Error("the nav does not name the species taxonomy Species")
	}
	if !strings.Contains(walk, `<li><a href="/care/">Test guides</a></li>`) || strings.Contains(walk, `">Welcome</a></li>`) {
		t.Error("the breadcrumbs do not start with the site's title")
	}
	if !strings.Contains(out["species/index.html"], "<h1>Species</h1>") || !strings.Contains(out["species/cat/index.html"], "<h1>Species: cat</h1>") {
		t.Error("taxonomy pages are not headed Species")
	}
}

// site.yaml's theme: the accent colour, a logo from assets/ and a footer
// line reach every page.
func TestThemeSettings(t *testing.T) {
	site := strings.Replace(themeSite, "base_url: https://example.org/care/\n",
		"base_url: https://example.org/care/\ntheme:\n  accent: \"#7a2e8c\"\n  logo: favicon.svg\n  footer: Riverside Vets <01234 567890>\n", 1)
	home := renderTheme(t, site)["index.html"]
	for _, want := range []string{`<style>:root { --accent: #7a2e8c; }</style>`, `<img class="logo" src="/care/assets/favicon.svg" alt="" height="36">`,
		`<p class="footer-text">Riverside Vets &lt;01234 567890&gt;</p>`} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
}
