package render

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitegen"
)

// renderPaged renders a generated site of 45 guides in one section with
// paginate set to per, and returns its files by path.
func renderPaged(t *testing.T, per int) (*site.Site, map[string]string) {
	t.Helper()
	fsys := sitegen.FS(sitegen.Options{Guides: 45, Sections: 1, Seed: 1})
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(sitegen.SiteYAML + "paginate: " + strconv.Itoa(per) + "\n")}
	s, th := linkSite(t, fsys)
	return s, renderedFiles(t, s, th)
}

// renderedFiles renders all of s with th, each file's text by its path.
func renderedFiles(t *testing.T, s *site.Site, th *Theme) map[string]string {
	t.Helper()
	files, diags := All(s, th)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}

func TestPaginateSection(t *testing.T) {
	s, out := renderPaged(t, 20)
	tests := []struct {
		path       string
		cards      int
		prev, next string
		canonical  string
	}{
		{"section-1/index.html", 20, "", "/section-1/page/2/", "https://example.org/section-1/"},
		{"section-1/page/2/index.html", 20, "/section-1/", "/section-1/page/3/", "https://example.org/section-1/page/2/"},
		{"section-1/page/3/index.html", 5, "/section-1/page/2/", "", "https://example.org/section-1/page/3/"},
	}
	for i, tt := range tests {
		html, ok := out[tt.path]
		if !ok {
			t.Errorf("no %s", tt.path)
			continue
		}
		if n := strings.Count(html, `<li class="card">`); n != tt.cards {
			t.Errorf("%s: %d cards, want %d", tt.path, n, tt.cards)
		}
		if got := strings.Contains(html, `rel="prev"`); got != (tt.prev != "") || tt.prev != "" && !strings.Contains(html, `<a href="`+tt.prev+`" rel="prev">`) {
			t.Errorf("%s: prev link wrong, want %q", tt.path, tt.prev)
		}
		if got := strings.Contains(html, `rel="next"`); got != (tt.next != "") || tt.next != "" && !strings.Contains(html, `<a href="`+tt.next+`" rel="next">`) {
			t.Errorf("%s: next link wrong, want %q", tt.path, tt.next)
		}
		if !strings.Contains(html, `<link rel="canonical" href="`+tt.canonical+`">`) {
			t.Errorf("%s: canonical is not %s", tt.path, tt.canonical)
		}
		if !strings.Contains(html, `<nav class="pager" aria-label="Pages">`) ||
			!strings.Contains(html, `aria-current="page">`+strconv.Itoa(i+1)+`</a>`) {
			t.Errorf("%s: no pager, or page %d is not marked current", tt.path, i+1)
		}
	}
	for _, p := range []string{"section-1/page/1/index.html", "section-1/page/4/index.html"} {
		if _, ok := out[p]; ok {
			t.Errorf("%s written", p)
		}
	}
	// pagedURLs, which the sitemap needs, names exactly the extra pages of
	// sections and terms written.
	paged := map[string]bool{}
	for _, u := range pagedURLs(s) {
		paged[strings.TrimPrefix(u, "/")+"index.html"] = true
		if _, ok := out[strings.TrimPrefix(u, "/")+"index.html"]; !ok {
			t.Errorf("pagedURLs has %s, which was not written", u)
		}
	}
	for p := range out {
		// The aggregates' pages are not in the sitemap, like their first
		// pages; see TestPaginateAggregates.
		aggregate := strings.HasPrefix(p, "enrichment/") || strings.HasPrefix(p, "gear/")
		if strings.Contains(p, "/page/") && !paged[p] && !aggregate {
			t.Errorf("%s written but not in pagedURLs", p)
		}
	}
	want := "/section-1/page/2/ /section-1/page/3/"
	var sections []string
	for _, u := range pagedURLs(s) {
		if strings.HasPrefix(u, "/section-1/") {
			sections = append(sections, u)
		}
	}
	if got := strings.Join(sections, " "); got != want {
		t.Errorf("pagedURLs = %s, want %s", got, want)
	}
}

// A list that fits on one page renders as it did before pagination.
func TestPaginateShort(t *testing.T) {
	s, out := renderPaged(t, 100)
	html := out["section-1/index.html"]
	if n := strings.Count(html, `<li class="card">`); n != 45 {
		t.Errorf("%d cards, want 45", n)
	}
	if strings.Contains(html, "pager") {
		t.Error("pager on a one-page list")
	}
	for p := range out {
		if strings.Contains(p, "/page/") {
			t.Errorf("%s written", p)
		}
	}
	if urls := pagedURLs(s); len(urls) != 0 {
		t.Errorf("pagedURLs = %v", urls)
	}
}

func TestPagerLinks(t *testing.T) {
	urls := make([]string, 10)
	for i := range urls {
		urls[i] = strconv.Itoa(i + 1)
	}
	show := func(cur int) string {
		var b []string
		for _, l := range pagerLinks(urls, cur) {
			switch {
			case l.Gap:
				b = append(b, "…")
			case l.Current:
				b = append(b, "["+l.URL+"]")
			default:
				b = append(b, l.URL)
			}
		}
		return strings.Join(b, " ")
	}
	for cur, want := range map[int]string{
		0: "[1] 2 3 … 10",
		4: "1 2 3 4 [5] 6 7 … 10",
		5: "1 … 4 5 [6] 7 8 9 10",
		3: "1 2 3 [4] 5 6 … 10",
		9: "1 … 8 9 [10]",
	} {
		if got := show(cur); got != want {
			t.Errorf("page %d: %s, want %s", cur+1, got, want)
		}
	}
	if got := pagerLinks(urls[:1], 0); len(got) != 1 || !got[0].Current {
		t.Errorf("one page: %+v", got)
	}
}

// /enrichment/, each filter page and /gear/ split long lists into pages:
// every idea and every piece of gear is on exactly one page of its list,
// kinds keep their headings across a split, and each page links to the
// next.
func TestPaginateAggregates(t *testing.T) {
	s, out := renderPaged(t, 4) // 20 ideas, 8 gear items a page
	ideas, gear := 0, 0
	for _, g := range s.Enrichment {
		ideas += len(g.Ideas)
	}
	for _, g := range s.Gear {
		gear += len(g.Items)
	}
	count := func(prefix, marker string) (total, pages int) {
		for p, html := range out {
			rest, ok := strings.CutPrefix(p, prefix)
			if !ok || !(rest == "index.html" || strings.HasPrefix(rest, "page/")) {
				continue
			}
			pages++
			total += strings.Count(html, marker)
			if n := strings.Count(html, marker); n == 0 || n > map[string]int{"enrichment/": 20, "gear/": 8}[prefix] {
				t.Errorf("%s shows %d items", p, n)
			}
			if !strings.Contains(html, `<section id="kind-`) {
				t.Errorf("%s has no kind heading", p)
			}
		}
		return total, pages
	}
	if total, pages := count("enrichment/", `<li class="idea"`); total != ideas || pages != (ideas+19)/20 {
		t.Errorf("/enrichment/ shows %d ideas on %d pages; want all %d on %d", total, pages, ideas, (ideas+19)/20)
	}
	if total, pages := count("gear/", `<p class="from">`); total != gear || pages != (gear+7)/8 {
		t.Errorf("/gear/ shows %d items on %d pages; want all %d on %d", total, pages, gear, (gear+7)/8)
	}
	if !strings.Contains(out["enrichment/index.html"], `<a href="/enrichment/page/2/" rel="next">`) ||
		!strings.Contains(out["gear/page/2/index.html"], `<a href="/gear/" rel="prev">`) {
		t.Error("aggregate pages do not link to their neighbours")
	}
	// Filter pages paginate too: the kind filters' pages hold every idea
	// once between them.
	kinds := 0
	for p, html := range out {
		if strings.HasPrefix(p, "enrichment/kind/") {
			kinds += strings.Count(html, `<li class="idea"`)
		}
	}
	if kinds != ideas {
		t.Errorf("the kind filter pages show %d ideas; want %d", kinds, ideas)
	}
}
