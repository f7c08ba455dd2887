package render

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markup"
	"github.com/careguide/careguide/internal/site"
)

// The enrichment page's filters, without JavaScript: one generated page per
// value of one dimension (/enrichment/effort/low/), never the cross product,
// which would grow with kinds × efforts × places × species. filters.js
// combines dimensions in the browser on /enrichment/ itself.

// EnrichmentFilter is one value of one filter dimension and its page.
type EnrichmentFilter struct {
	Dimension string // "kind", "effort", "indoor" or "species"
	Value     string // as in the ideas' data-* attribute: "low", "true", "cat"
	Label     string // "Low effort", "Indoors", "cat"
	URL       string // the filter page: /enrichment/effort/low/
	dir       string
	ideas     []*site.EnrichmentGroup
}

// FilterDimension is one row of the filter bar: a dimension and every value
// of it that has at least one idea.
type FilterDimension struct {
	Name    string // "kind", as in the ideas' data-kind attribute
	Label   string // "Kind"
	Filters []*EnrichmentFilter
}

// FilterBar is the filter bar of an enrichment page: every dimension, and
// the filter the page applies. The pages of one filter share one FilterBar,
// so a theme renders each bar once per build with cachedFor, not once per
// page.
type FilterBar struct {
	Dimensions []*FilterDimension
	Current    *EnrichmentFilter // nil on /enrichment/ itself
	AllURL     string            // /enrichment/, for an "All ideas" link
}

// enrichmentJobs adds /enrichment/ and one page per filter value. Every
// page shares one filter bar; each filter page lists the matching ideas,
// still grouped by kind.
func enrichmentJobs(s *site.Site, add func(outDir, layout string, j *job)) {
	dims := enrichmentFilters(s)
	all := generated(s, "enrichment", "Enrichment ideas")
	ideaPages(s, all, &FilterBar{Dimensions: dims, AllURL: all.URL}, s.Enrichment, add)
	for _, dim := range dims {
		for _, f := range dim.Filters {
			p := generated(s, f.dir, "Enrichment ideas: "+f.Label)
			p.Parent, p.Breadcrumbs = all, []*site.Page{s.Home}
			ideaPages(s, p, &FilterBar{Dimensions: dims, Current: f, AllURL: all.URL}, f.ideas, add)
		}
	}
}

// ideasPerPage is how many ideas an enrichment page lists: ideas are short,
// so a page holds several times as many as a section page holds guides.
func ideasPerPage(s *site.Site) int { return 5 * perPage(s.Config) }

// ideaPages adds the pages of one enrichment list: /enrichment/ or a filter.
func ideaPages(s *site.Site, page *site.Page, bar *FilterBar,
	groups []*site.EnrichmentGroup, add func(outDir, layout string, j *job)) {
	for _, sl := range pageSlots(page.Dir, page.URL, countIdeas(groups), ideasPerPage(s)) {
		ideas := sliceGroups(groups, func(g *site.EnrichmentGroup) []*site.EnrichmentEntry { return g.Ideas },
			func(g *site.EnrichmentGroup, part []*site.EnrichmentEntry) *site.EnrichmentGroup {
				return &site.EnrichmentGroup{Kind: g.Kind, Ideas: part}
			}, sl.from, sl.to)
		j := &job{page: page, bar: bar, ideas: ideas, pager: sl.pager, inputs: []Input{{InEnrichment, ""}}}
		add(sl.dir, "enrichment", j)
		sl.label(s, j)
	}
}

// gearJobs adds the pages of /gear/.
func gearJobs(s *site.Site, add func(outDir, layout string, j *job)) {
	page := generated(s, "gear", "Gear and equipment")
	groups := byItem(s.Gear)
	n := 0
	for _, g := range groups {
		n += len(g.Items)
	}
	for _, sl := range pageSlots(page.Dir, page.URL, n, 2*perPage(s.Config)) {
		gear := sliceGroups(groups, func(g *site.GearGroup) []site.GearEntry { return g.Items },
			func(g *site.GearGroup, part []site.GearEntry) *site.GearGroup {
				return &site.GearGroup{Kind: g.Kind, Items: part}
			}, sl.from, sl.to)
		j := &job{page: page, gear: gear, pager: sl.pager, inputs: []Input{{InGear, ""}}}
		add(sl.dir, "gear", j)
		sl.label(s, j)
	}
}

// enrichmentFilters finds every filter value that has ideas, with the ideas
// each one shows, in a fixed order: kinds as Site.Enrichment has them,
// efforts in the content model's order, indoors before outdoors, species
// by slug.
func enrichmentFilters(s *site.Site) []*FilterDimension {
	dims := []*FilterDimension{{Name: "kind", Label: "Kind"}, {Name: "effort", Label: "Effort"},
		{Name: "indoor", Label: "Where"}, {Name: "species", Label: "Species"}}
	byKey := map[[2]string]*EnrichmentFilter{}
	// get finds or makes the filter for a value; its label and dir are
	// made only once per filter, not once per idea (35,000 at 10k guides).
	get := func(d int, value, name string) *EnrichmentFilter {
		dim := dims[d]
		f := byKey[[2]string{dim.Name, value}]
		if f == nil {
			var label, dir string
			switch d {
			case 0:
				label, dir = titleCase(value), "kind/"+value
			case 1:
				label, dir = titleCase(value)+" effort", "effort/"+value
			case 2:
				label, dir = "Outdoors", "outdoor"
				if value == "true" {
					label, dir = "Indoors", "indoor"
				}
			default:
				label, dir = titleCase(name), "species/"+value
			}
			f = &EnrichmentFilter{Dimension: dim.Name, Value: value, Label: label,
				URL: s.Config.BasePath() + "enrichment/" + dir + "/", dir: "enrichment/" + dir}
			byKey[[2]string{dim.Name, value}] = f
			dim.Filters = append(dim.Filters, f)
		}
		return f
	}
	slugs := map[*site.Page][]species{}
	for _, group := range s.Enrichment {
		for _, e := range group.Ideas {
			file(get(0, group.Kind, ""), group.Kind, e)
			if eff := string(e.Idea.Effort); eff != "" {
				file(get(1, eff, ""), group.Kind, e)
			}
			file(get(2, strconv.FormatBool(e.Idea.Indoor), ""), group.Kind, e)
			sps, ok := slugs[e.Guide]
			if !ok {
				sps = speciesSlugs(e.Guide)
				slugs[e.Guide] = sps // a guide has several ideas
			}
			for _, sp := range sps {
				file(get(3, sp.slug, sp.name), group.Kind, e)
			}
		}
	}
	slices.SortStableFunc(dims[1].Filters, func(a, b *EnrichmentFilter) int {
		return cmp.Compare(effortRank(a.Value), effortRank(b.Value))
	})
	slices.SortStableFunc(dims[2].Filters, func(a, b *EnrichmentFilter) int { return -cmp.Compare(a.Value, b.Value) })
	slices.SortFunc(dims[3].Filters, func(a, b *EnrichmentFilter) int { return cmp.Compare(a.Value, b.Value) })
	return slices.DeleteFunc(dims, func(d *FilterDimension) bool { return len(d.Filters) == 0 })
}

// file files an idea under a filter, keeping the kind groups: ideas come in
// Site.Enrichment's order, so a new kind starts a new group.
func file(f *EnrichmentFilter, kind string, e *site.EnrichmentEntry) {
	if n := len(f.ideas); n == 0 || f.ideas[n-1].Kind != kind {
		f.ideas = append(f.ideas, &site.EnrichmentGroup{Kind: kind})
	}
	g := f.ideas[len(f.ideas)-1]
	g.Ideas = append(g.Ideas, e)
}

// effortRank orders efforts as the content model lists them.
func effortRank(v string) int { return slices.Index(content.Efforts, v) }

type species struct{ slug, name string }

// speciesSlugs is a guide's species, slugged as taxonomy terms are, each
// once ("Cat" and "cat" are one species).
func speciesSlugs(g *site.Page) []species {
	var out []species
	for _, name := range g.Guide.Species {
		slug := site.Slug(name)
		if slug != "" && !slices.ContainsFunc(out, func(sp species) bool { return sp.slug == slug }) {
			out = append(out, species{slug, name})
		}
	}
	return out
}

// speciesAttr is the data-species value of an idea's guide: its species'
// slugs, space-separated, for the [data-species~=cat] kind of match.
func speciesAttr(g *site.Page) string {
	return string(appendSpecies(nil, g))
}

func appendSpecies(b []byte, g *site.Page) []byte {
	for i, sp := range speciesSlugs(g) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, sp.slug...)
	}
	return b
}

// filterAttrs is markup.FilterAttrs for templates: the data-* attributes
// by which filters.js filters an idea in place, with the values its filter
// pages are made for. They are made beside enrichmentFilters, so that the
// page and the script agree by construction.
func filterAttrs(v *IdeaEntry) template.HTMLAttr {
	return markup.FilterAttrs(v.Idea, v.scope.run.speciesOf(v.entry.Guide))
}

func countIdeas(groups []*site.EnrichmentGroup) int {
	n := 0
	for _, g := range groups {
		n += len(g.Ideas)
	}
	return n
}
