package render

import (
	"html/template"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/markup"
	"github.com/careguide/careguide/internal/site"
)

// Templates see the site through views: Page, Site, Taxonomy, Term and the
// entries of the aggregates. A view hands out what it holds and records
// what it hands out in its scope, the output (or cached partial) being
// made, so that what an output is made from is known exactly, whatever its
// templates read (deps.go). The rules:
//
//   - a page handed to a template records its frontmatter (InFront): every
//     field of it a template can read is in the frontmatter or follows
//     from the page's path;
//   - what follows from the body (Body, Headings, Links, External,
//     Anchors, Hash)
//     is read through methods that record InBody;
//   - another page is reached only through a method of a view (Parent,
//     Children, Site.Pages, Term.Pages, ...), which records the relation
//     or list it follows, and hands out views in turn.
//
// No view holds a *site.Page a template can reach, so nothing is read
// unrecorded. A scope records only when its render keeps a Record: a cold
// build pays for the views, not for the recording.

// scope is one output, or one cached partial, being made.
type scope struct {
	run    *run
	layout string    // whose templates execute here
	inputs []Input   // what was read, when run.record
	making *cacheKey // the cached partial made here; nil for an output
	parent *scope    // the scope that asked for that partial
	err    error     // why a Go-made output could not be made
	file   *fileBuf  // the memory a Go-made output was made in (buffer), or nil
}

func (sc *scope) read(k InputKind, name string) {
	if sc.run.record {
		sc.inputs = append(sc.inputs, Input{k, name})
	}
}

// readAll records inputs another scope read: a cached partial's, used here.
func (sc *scope) readAll(inputs []Input) {
	if sc.run.record {
		sc.inputs = append(sc.inputs, inputs...)
	}
}

// source is a content page; the alias names the embedded field of Page, so
// that Page can have a method named Page.
type source = content.Page

// Page is a page as templates see it: the parsed content page's fields
// (Path, URL, Title, Steps, ...), and its place in the site through
// methods.
type Page struct {
	*source
	// URL, Title and Guide are the source's, here too because templates
	// ask for them most: html/template finds a promoted field by a search
	// that costs more than the rest of the action.
	URL   string
	Title string
	Guide *content.Guide
	page  *site.Page
	scope *scope
}

// page hands p to the templates of sc.
func (sc *scope) page(p *site.Page) *Page {
	if p == nil {
		return nil
	}
	if p.Path != "" { // generated pages have no source; their jobs record what they show
		sc.read(InFront, p.Path)
	}
	return &Page{source: p.Page, URL: p.URL, Title: p.Title, Guide: &p.Page.Guide, page: p, scope: sc}
}

// pages hands out a list of pages.
func (sc *scope) pages(ps []*site.Page) []*Page {
	if ps == nil {
		return nil
	}
	out := make([]*Page, len(ps))
	for i, p := range ps {
		out[i] = sc.page(p)
	}
	return out
}

// wholePages hands out a list of pages whose frontmatter InPages covers.
func (sc *scope) wholePages(ps []*site.Page) []*Page {
	out := make([]*Page, len(ps))
	for i, p := range ps {
		out[i] = &Page{source: p.Page, URL: p.URL, Title: p.Title, Guide: &p.Page.Guide, page: p, scope: sc}
	}
	return out
}

// relation records that the page's relation k was followed.
func (v *Page) relation(k InputKind) {
	if v.page.Path != "" {
		v.scope.read(k, v.page.Path)
	}
}

func (v *Page) body() {
	if v.page.Path != "" {
		v.scope.read(InBody, v.page.Path)
	}
}

// Page is the page itself: .Page.Page.Guide reads as it always has.
func (v *Page) Page() *Page { return v }

// Body is the rendered Markdown body.
func (v *Page) Body() template.HTML {
	v.body()
	return v.scope.bodyPictures(v.source.Body, hasImages(v.source.Links))
}

// Headings are the body's headings.
func (v *Page) Headings() []markdown.Heading { v.body(); return v.source.Headings }

// Contents is a list item linking to each second-level heading of the
// body, for a table of contents: {{with .Contents}}<ol>{{.}}</ol>{{end}}.
func (v *Page) Contents() template.HTML { v.body(); return markup.Contents(v.source.Headings) }

// The parts of a guide as careguide writes them (package markup): themes
// style them by their classes. A theme that wants other markup ranges over
// Steps, Gear, Enrichment and Sources itself.

// SummaryHTML is the guide's facts, as the lines of a <dl>.
func (v *Page) SummaryHTML() template.HTML { return markup.Summary(&v.source.Guide) }

// StepsHTML is the guide's steps, as the items of an <ol>.
func (v *Page) StepsHTML() template.HTML { return markup.Steps(v.source.Steps, v.scope.img) }

// GearHTML is the guide's gear advice, an <article> each.
func (v *Page) GearHTML() template.HTML { return markup.Gear(v.source.Gear, v.scope.img) }

// EnrichmentHTML is the guide's enrichment ideas, an <article> each.
func (v *Page) EnrichmentHTML() template.HTML { return markup.Ideas(v.source.Enrichment, v.scope.img) }

// SourcesHTML is the guide's sources, as the items of a <ul>.
func (v *Page) SourcesHTML() template.HTML { return markup.Sources(v.source.Sources) }

// Links are every link of the page.
func (v *Page) Links() []content.Link { v.body(); return v.source.Links }

// External are the page's http(s) links with their positions; the body's
// among them, so it records the body.
func (v *Page) External() []content.ExternalLink { v.body(); return v.source.External }

// UnknownCallouts are the page's quotes marked as callouts of a kind
// there is not ("> [!FOO]"), which lint warns about.
func (v *Page) UnknownCallouts() []markdown.UnknownCallout { v.body(); return v.source.UnknownCallouts }

// Anchors are the ids a link to the page may name.
func (v *Page) Anchors() []string { v.body(); return v.source.Anchors }

// Hash is a hash of the page's source file.
func (v *Page) Hash() uint64 { v.body(); return v.source.Hash }

// Parent is the section or home that lists the page.
func (v *Page) Parent() *Page { v.relation(InParent); return v.scope.page(v.page.Parent) }

// Children are a home or section page's guides and pages, then its
// sub-sections.
func (v *Page) Children() []*Page { v.relation(InChildren); return v.scope.pages(v.page.Children) }

// ChildGuides are the guides listed directly under a home or section page.
func (v *Page) ChildGuides() []*Page {
	v.relation(InChildren)
	return v.scope.pages(v.page.ChildGuides())
}

// Prev is the guide before this one in its parent's list.
func (v *Page) Prev() *Page { v.relation(InPrev); return v.scope.page(v.page.Prev) }

// Next is the guide after this one in its parent's list.
func (v *Page) Next() *Page { v.relation(InNext); return v.scope.page(v.page.Next) }

// Breadcrumbs are the pages from home down to the parent.
func (v *Page) Breadcrumbs() []*Page {
	v.relation(InBreadcrumbs)
	return v.scope.pages(v.page.Breadcrumbs)
}

// Related are the declared related guides, then the guides that link here.
func (v *Page) Related() []*Page { v.relation(InRelated); return v.scope.pages(v.page.Related) }

// LinkedFrom are the guides that link to this one.
func (v *Page) LinkedFrom() []*Page {
	v.relation(InLinkedFrom)
	return v.scope.pages(v.page.LinkedFrom)
}

// TermLinks are the taxonomy terms the page is filed under.
func (v *Page) TermLinks() []*Term {
	v.relation(InTermLinks)
	return v.scope.terms(v.page.TermLinks)
}

// Site is the whole site as templates see it.
type Site struct {
	Config *config.Site
	// Menus are site.yaml's menus by name, each entry's URL checked and
	// with the base path: {{range .Site.Menus.main}}. They come from
	// site.yaml alone, whose every change makes everything again.
	Menus map[string][]site.MenuEntry
	site  *site.Site
	scope *scope
}

func (sc *scope) site() *Site {
	return &Site{Config: sc.run.site.Config, Menus: sc.run.site.Menus, site: sc.run.site, scope: sc}
}

// Home is the home page.
func (v *Site) Home() *Page { return v.scope.page(v.site.Home) }

// Pages is every published page, by URL.
func (v *Site) Pages() []*Page {
	v.scope.read(InPages, "")
	return v.scope.wholePages(v.site.Pages)
}

// Guides is every published guide, in site order.
func (v *Site) Guides() []*Page {
	v.scope.read(InPages, "")
	return v.scope.wholePages(v.site.Guides())
}

// RecentlyUpdated is up to n guides, most recently updated first.
func (v *Site) RecentlyUpdated(n int) []*Page {
	v.scope.read(InPages, "")
	return v.scope.wholePages(v.site.RecentlyUpdated(n))
}

// Lookup is the page made from a content path, or nil.
func (v *Site) Lookup(contentPath string) *Page {
	v.scope.read(InLookup, contentPath)
	return v.scope.page(v.site.Lookup(contentPath))
}

// Sections are the section pages.
func (v *Site) Sections() []*Page {
	v.scope.read(InSections, "")
	return v.scope.pages(v.site.Sections)
}

// Taxonomies are the site's taxonomies.
func (v *Site) Taxonomies() []*Taxonomy {
	v.scope.read(InTaxonomies, "")
	out := make([]*Taxonomy, len(v.site.Taxonomies))
	for i, t := range v.site.Taxonomies {
		out[i] = v.scope.taxonomy(t)
	}
	return out
}

// Enrichment is every enrichment idea of every guide, in groups by kind.
// The ideas are the guides' frontmatter, so it reads every page's.
func (v *Site) Enrichment() []*IdeaGroup {
	v.scope.read(InEnrichment, "")
	v.scope.read(InPages, "")
	return v.scope.ideaGroups(v.site.Enrichment, true)
}

// Gear is every piece of gear advice of every guide, in groups by kind.
func (v *Site) Gear() []*GearGroup {
	v.scope.read(InGear, "")
	v.scope.read(InPages, "")
	return v.scope.gearGroups(v.site.Gear, true)
}

// Files are the non-Markdown files of content/.
func (v *Site) Files() []content.File {
	v.scope.read(InFiles, "")
	return v.site.Files
}

// Taxonomy is a way of grouping guides, like species.
type Taxonomy struct {
	Name  string // as site.yaml names it: "species"
	Title string // as headings and navigation show it: "Species"
	URL   string
	tax   *site.Taxonomy
	scope *scope
}

func (sc *scope) taxonomy(t *site.Taxonomy) *Taxonomy {
	if t == nil {
		return nil
	}
	return &Taxonomy{Name: t.Name, Title: taxonomyTitle(t.Name), URL: t.URL, tax: t, scope: sc}
}

// Terms are the taxonomy's terms.
func (v *Taxonomy) Terms() []*Term {
	v.scope.read(InTerms, v.Name)
	return v.scope.terms(v.tax.Terms)
}

// Term is one value of a taxonomy, like "cat". Whoever hands a term out
// records its name and URL: TermLinks and Terms cover them.
type Term struct {
	Name  string
	Slug  string
	URL   string
	term  *site.Term
	scope *scope
}

func (sc *scope) term(t *site.Term) *Term {
	if t == nil {
		return nil
	}
	return &Term{Name: t.Name, Slug: t.Slug, URL: t.URL, term: t, scope: sc}
}

func (sc *scope) terms(ts []*site.Term) []*Term {
	if ts == nil {
		return nil
	}
	out := make([]*Term, len(ts))
	for i, t := range ts {
		out[i] = sc.term(t)
	}
	return out
}

// Taxonomy is the taxonomy the term belongs to.
func (v *Term) Taxonomy() *Taxonomy { return v.scope.taxonomy(v.term.Taxonomy) }

// Count is how many guides are filed under the term: {{.Count}} reads
// less of the site than {{len .Pages}}, which hands out every page.
func (v *Term) Count() int {
	v.scope.read(InTermPages, termName(v.term))
	return len(v.term.Pages)
}

// Pages are the guides filed under the term.
func (v *Term) Pages() []*Page {
	v.scope.read(InTermPages, termName(v.term))
	return v.scope.pages(v.term.Pages)
}

// IdeaGroup is the enrichment ideas of one kind.
type IdeaGroup struct {
	Kind  string
	Ideas []*IdeaEntry
}

// HTML is the group's ideas as the items of a list, each with its body,
// as careguide writes them (package markup).
func (g *IdeaGroup) HTML() template.HTML { return markup.IdeaList(g.entries(), true) }

// BriefHTML is HTML without the ideas' bodies.
func (g *IdeaGroup) BriefHTML() template.HTML { return markup.IdeaList(g.entries(), false) }

func (g *IdeaGroup) entries() []markup.IdeaEntry {
	out := make([]markup.IdeaEntry, len(g.Ideas))
	for i, e := range g.Ideas {
		guide := e.entry.Guide
		out[i] = markup.IdeaEntry{Idea: e.Idea, Species: e.scope.run.speciesOf(guide), GuideURL: guide.URL, GuideTitle: guide.Title}
	}
	return out
}

// IdeaEntry is one enrichment idea and the guide it comes from. The idea
// is part of the guide's frontmatter, so handing it out records the
// guide's.
type IdeaEntry struct {
	Idea  *content.EnrichmentIdea
	entry *site.EnrichmentEntry
	scope *scope
}

// ideaGroups hands out groups of ideas; covered says InPages already
// covers their guides.
func (sc *scope) ideaGroups(groups []*site.EnrichmentGroup, covered bool) []*IdeaGroup {
	out := make([]*IdeaGroup, len(groups))
	for i, g := range groups {
		ideas := make([]*IdeaEntry, len(g.Ideas))
		for j, e := range g.Ideas {
			ideas[j] = sc.idea(e, covered)
		}
		out[i] = &IdeaGroup{Kind: g.Kind, Ideas: ideas}
	}
	return out
}

func (sc *scope) idea(e *site.EnrichmentEntry, covered bool) *IdeaEntry {
	if !covered {
		sc.read(InFront, e.Guide.Path)
	}
	return &IdeaEntry{Idea: e.Idea, entry: e, scope: sc}
}

// Guide is the guide the idea comes from.
func (v *IdeaEntry) Guide() *Page { return v.scope.page(v.entry.Guide) }

// GearGroup is the gear advice of one kind.
type GearGroup struct {
	Kind  string
	Items []*GearEntry
}

// HTML is the group's gear advice, an <article> each that says which guide
// it comes from, as careguide writes them (package markup).
func (g *GearGroup) HTML() template.HTML {
	out := make([]markup.GearEntry, len(g.Items))
	for i, e := range g.Items {
		out[i] = markup.GearEntry{Item: e.Item, GuideURL: e.entry.Guide.URL, GuideTitle: e.entry.Guide.Title}
	}
	var pics markup.Pictures
	if len(g.Items) > 0 {
		pics = g.Items[0].scope.img
	}
	return markup.GearList(out, pics)
}

// GearEntry is one piece of gear advice and the guide it comes from.
type GearEntry struct {
	Item  *content.GearItem
	entry *site.GearEntry
	scope *scope
}

func (sc *scope) gearGroups(groups []*site.GearGroup, covered bool) []*GearGroup {
	out := make([]*GearGroup, len(groups))
	for i, g := range groups {
		items := make([]*GearEntry, len(g.Items))
		for j := range g.Items {
			items[j] = sc.gear(&g.Items[j], covered)
		}
		out[i] = &GearGroup{Kind: g.Kind, Items: items}
	}
	return out
}

func (sc *scope) gear(e *site.GearEntry, covered bool) *GearEntry {
	if !covered {
		sc.read(InFront, e.Guide.Path)
	}
	return &GearEntry{Item: e.Item, entry: e, scope: sc}
}

// Guide is the guide the gear advice comes from.
func (v *GearEntry) Guide() *Page { return v.scope.page(v.entry.Guide) }
