// Package site links parsed pages into a whole site: which pages are
// published, their sections, taxonomies, related guides, prev/next and
// breadcrumbs, the two aggregates (every enrichment idea and every piece of
// gear across guides), and whether every link and anchor points somewhere.
//
// Input: a *config.Site and a *content.Content. Output: a *Site that the
// render stage reads and nothing else, plus diagnostics. Linking is the one
// whole-site stage, so it must stay cheap: no parsing, no rendering, no I/O.
//
// The one thing to know before changing it: every list a template shows is
// sorted here (weight, then title, then path), which is what makes two builds
// of the same input byte-identical.
package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// Site is the linked site.
type Site struct {
	Config     *config.Site
	Home       *Page
	Pages      []*Page // every published page, by URL
	Sections   []*Page // section pages, in the order of Home's children
	Taxonomies []*Taxonomy
	Enrichment []*EnrichmentGroup     // every idea of every guide, by kind
	Gear       []*GearGroup           // every piece of gear of every guide, by kind
	Files      []content.File         // published beside the pages
	Menus      map[string][]MenuEntry // site.yaml's menus, checked, each by weight
	// Pictures are the images of Files, processed, by content path; the
	// build's images stage fills it after linking.
	Pictures map[string]*Picture
	// SiteLinks are the links to paths of the site that are neither pages
	// nor files of content/: a taxonomy page, the feed, the search page.
	// Only the render stage knows every output, so it checks these.
	SiteLinks []SiteLink
	byPath    map[string]*Page
	byDir     map[string]*Page // by Dir: where a URL link finds its page
	broken    map[string]bool  // sources that failed to parse: links to them are not errors too
}

// Page is a content page with its place in the site.
type Page struct {
	*content.Page
	Parent      *Page   // the section (or home) that lists it; nil for home
	Children    []*Page // for home and sections: guides and pages, then sub-sections
	Prev, Next  *Page   // neighbours in the parent's list of guides
	Breadcrumbs []*Page // from home down to the parent
	Related     []*Page // declared related guides, then guides that link here
	LinkedFrom  []*Page // guides that link to this one, by title
	TermLinks   []*Term // the taxonomy terms the page is filed under, by taxonomy then term
	titleKey    string  // lowercase title: sorting compares it many times
}

// Taxonomy is a way of grouping guides, like species or topics.
type Taxonomy struct {
	Name  string // "species"
	URL   string // "/species/"
	Terms []*Term
}

// Term is one value of a taxonomy, like "cat", and the guides filed under it.
type Term struct {
	Taxonomy *Taxonomy
	Name     string // as written in frontmatter
	Slug     string // for the URL
	URL      string
	Pages    []*Page
}

// EnrichmentGroup is every enrichment idea of one kind.
type EnrichmentGroup struct {
	Kind  string
	Ideas []*EnrichmentEntry // pointers: templates pass each to cachedFor, which would box a copy
}

// EnrichmentEntry is one idea and the guide it comes from.
type EnrichmentEntry struct {
	Idea  *content.EnrichmentIdea
	Guide *Page
}

// GearGroup is every piece of gear advice of one kind.
type GearGroup struct {
	Kind  string
	Items []GearEntry
}

// GearEntry is one piece of gear advice and the guide it comes from.
type GearEntry struct {
	Item  *content.GearItem
	Guide *Page
}

// MenuEntry is one entry of a menu, ready to show: its URL carries the
// base path, or is the external address written.
type MenuEntry struct {
	Name   string
	URL    string
	Weight int
}

// A SiteLink is a link to a path of the site that only the render stage
// can check, with where it is written.
type SiteLink struct {
	File      string // "content/guides/x.md", or "site.yaml" for a menu
	Line, Col int
	Target    string // as content.Link.Target for a URL: "species/cat/", "feed.xml"
	Image     bool
	From      string // the Target form of the page it is on, never suggested instead
}

// Options change which pages are published.
type Options struct {
	Drafts bool // publish pages marked draft: true
}

// Lookup returns the published page made from a content path, or nil.
func (s *Site) Lookup(contentPath string) *Page { return s.byPath[contentPath] }

// Guides returns every published guide, in site order (by section, then
// weight and title).
func (s *Site) Guides() []*Page {
	var guides []*Page
	var walk func(p *Page)
	walk = func(p *Page) {
		for _, c := range p.Children {
			if c.Kind == content.KindGuide {
				guides = append(guides, c)
			}
			walk(c)
		}
	}
	walk(s.Home)
	return guides
}

// Link builds the Site from parsed content.
func Link(cfg *config.Site, c *content.Content, opts Options) (*Site, diag.List) {
	s := &Site{Config: cfg, Files: c.Files, byPath: map[string]*Page{}, byDir: map[string]*Page{}, broken: c.Failed}
	var diags diag.List
	drafts := map[string]*content.Page{}
	for _, cp := range c.Pages {
		if cp.Draft && !opts.Drafts {
			drafts[cp.Path] = cp
			continue
		}
		p := &Page{Page: cp, titleKey: strings.ToLower(cp.Title)}
		s.Pages = append(s.Pages, p)
		s.byPath[cp.Path] = p
	}
	diags = append(diags, s.checkURLs()...)
	s.tree()
	lc := s.newLinkCheck(drafts)
	linkDiags, linked := s.checkLinks(lc)
	diags = append(diags, linkDiags...)
	diags = append(diags, s.menus(lc)...)
	s.relate(linked)
	s.taxonomies()
	s.aggregate()
	return s, diags
}

// byOrder is the order of every list: weight (unweighted last), then title,
// then path as the final tie-break.
func byOrder(a, b *Page) int {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		return cmp.Compare(wb, wa) // 0 sorts after any weight
	}
	return cmp.Or(cmp.Compare(wa, wb), strings.Compare(a.titleKey, b.titleKey), strings.Compare(a.Path, b.Path))
}

func byTitle(a, b *Page) int {
	return cmp.Or(strings.Compare(a.titleKey, b.titleKey), strings.Compare(a.Path, b.Path))
}

func sortPages(ps []*Page) { slices.SortFunc(ps, byOrder) }

// ChildGuides returns the guides listed directly under a home or section
// page, in order.
func (p *Page) ChildGuides() []*Page {
	var guides []*Page
	for _, c := range p.Children {
		if c.Kind == content.KindGuide {
			guides = append(guides, c)
		}
	}
	return guides
}

// RecentlyUpdated returns up to n guides, most recently updated first
// (undated guides last, then by title), for "recent updates" lists.
func (s *Site) RecentlyUpdated(n int) []*Page {
	guides := slices.Clone(s.Guides())
	slices.SortStableFunc(guides, func(a, b *Page) int {
		return cmp.Or(b.Updated.Compare(a.Updated.Time), byTitle(a, b))
	})
	return guides[:min(n, len(guides))]
}
