package render

import (
	"fmt"
	"strconv"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/site"
)

// Pager says where one page of a long list stands among its siblings. Page
// 1 lives at the list's own URL (/guides/), page N at /guides/page/N/, as in
// Hugo; there is no /guides/page/1/, so page 1 has one address only.
type Pager struct {
	Number int         // this page, from 1
	Total  int         // how many pages the list has; 1 when it fits on one
	Prev   string      // URL of the page before, empty on the first
	Next   string      // URL of the page after, empty on the last
	Pages  []PagerLink // a compact numbered list: first, last, and the pages near this one
}

// PagerLink is one entry of Pager.Pages. A Gap stands for pages left out
// of the compact list and has no number or URL.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pagerWindow is how many pages either side of the current one the numbered
// list shows besides the first and the last: 1 … 4 5 [6] 7 8 … 20. A gap
// never hides just one page.
const pagerWindow = 2

// listPage is one page of a paginated section or term list.
type listPage struct {
	pageSlot
	list []*site.Page // the pages to show here
}

// perPage is site.yaml's paginate, or its default for a Site that was not
// read from a file (tests build some by hand).
func perPage(c *config.Site) int {
	if c.Paginate < 1 {
		return config.DefaultPaginate
	}
	return c.Paginate
}

// paginate splits items into pages of per items. dir and url are page 1's
// output dir and site path (url ends in a slash). An empty list still has
// one page, so the section or term page itself is always written.
func paginate(dir, url string, items []*site.Page, per int) []listPage {
	slots := pageSlots(dir, url, len(items), per)
	pages := make([]listPage, len(slots))
	for i, sl := range slots {
		pages[i] = listPage{pageSlot: sl, list: items[sl.from:sl.to]}
	}
	return pages
}

// pageSlot is one page of a list of n items split into pages of per: its
// output dir ("guides" or "guides/page/2"), site path ("/guides/" or
// "/guides/page/2/"), pager (never nil; Total is 1 when the list is
// short), and the items it shows, [from, to).
type pageSlot struct {
	dir, url string
	pager    *Pager
	from, to int
}

// pageSlots splits n items into pages of per; dir and url are page 1's.
// An empty list still has one page.
func pageSlots(dir, url string, n, per int) []pageSlot {
	total := max(1, (n+per-1)/per)
	slots := make([]pageSlot, total)
	urls := make([]string, total)
	for i := range slots {
		slots[i].dir, slots[i].url = dir, url
		if i > 0 {
			num := strconv.Itoa(i + 1)
			slots[i].dir, slots[i].url = dir+"/page/"+num, url+"page/"+num+"/"
		}
		urls[i] = slots[i].url
		slots[i].from, slots[i].to = min(i*per, n), min((i+1)*per, n)
	}
	for i := range slots {
		p := &Pager{Number: i + 1, Total: total, Pages: pagerLinks(urls, i)}
		if i > 0 {
			p.Prev = urls[i-1]
		}
		if i+1 < total {
			p.Next = urls[i+1]
		}
		slots[i].pager = p
	}
	return slots
}

// sliceGroups keeps the items [from, to) of groups, counted across the
// groups in order, in groups of the same kinds: a kind split between two
// pages heads both.
func sliceGroups[G, E any](groups []*G, items func(*G) []E, with func(*G, []E) *G, from, to int) []*G {
	var out []*G
	at := 0
	for _, g := range groups {
		list := items(g)
		if lo, hi := max(from-at, 0), min(to-at, len(list)); lo < hi {
			out = append(out, with(g, list[lo:hi]))
		}
		at += len(list)
	}
	return out
}

// pagerLinks is the compact numbered list for page cur (from 0) of len(urls).
func pagerLinks(urls []string, cur int) []PagerLink {
	var links []PagerLink
	last := len(urls) - 1
	for i, u := range urls {
		near := i == 0 || i == last || (i >= cur-pagerWindow && i <= cur+pagerWindow) ||
			// a gap of one page would take as much room as its number
			(i == 1 && cur-pagerWindow == 2) || (i == last-1 && cur+pagerWindow == last-2)
		switch {
		case near:
			links = append(links, PagerLink{Number: i + 1, URL: u, Current: i == cur})
		case len(links) > 0 && !links[len(links)-1].Gap:
			links = append(links, PagerLink{Gap: true})
		}
	}
	return links
}

// sectionPages paginates a section's guides and pages. Its sub-sections
// are shown on page 1 only, after that page's share of the list: they are
// the way into the rest of the section and should not move as guides are
// added.
func sectionPages(p *site.Page, per int) []listPage {
	var items, subs []*site.Page
	for _, c := range p.Children {
		if c.Kind == content.KindSection {
			subs = append(subs, c)
		} else {
			items = append(items, c)
		}
	}
	pages := paginate(p.Dir, p.URL, items, per)
	if len(subs) > 0 {
		pages[0].list = append(pages[0].list[:len(pages[0].list):len(pages[0].list)], subs...)
	}
	return pages
}

// termPages paginates the guides filed under a term.
func termPages(tax *site.Taxonomy, term *site.Term, per int) []listPage {
	return paginate(tax.Name+"/"+term.Slug, term.URL, term.Pages, per)
}

// label gives page 2 and later of a list its own head title and canonical
// URL; add gave them page 1's. Page 1 keeps its title, so short lists render
// exactly as before pagination existed.
func (sl pageSlot) label(s *site.Site, j *job) {
	if sl.pager.Number > 1 {
		j.title = fmt.Sprintf("%s, page %d of %d", j.title, sl.pager.Number, sl.pager.Total)
		j.canonical = s.Config.AbsURL(sl.url)
	}
}

// pagedURLs lists the site paths of page 2 and later of every section and
// term list, in the order the pages are rendered. s.Pages has page 1 of
// each section only; the sitemap adds these.
func pagedURLs(s *site.Site) []string {
	per := perPage(s.Config)
	var urls []string
	collect := func(pages []listPage) {
		for _, lp := range pages[1:] {
			urls = append(urls, lp.url)
		}
	}
	for _, p := range s.Pages {
		if p.Kind == content.KindSection {
			collect(sectionPages(p, per))
		}
	}
	for _, tax := range s.Taxonomies {
		for _, term := range tax.Terms {
			collect(termPages(tax, term, per))
		}
	}
	return urls
}
