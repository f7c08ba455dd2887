package site

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// taxonomies groups guides by each configured taxonomy's terms.
func (s *Site) taxonomies() {
	base := s.Config.BasePath()
	for _, name := range s.Config.Taxonomies {
		tax := &Taxonomy{Name: name, URL: base + name + "/"}
		terms := map[string]*Term{}
		slugs := map[string]string{} // 30,000 terms written at 10k guides, a few hundred different
		for _, p := range s.Pages {
			for _, t := range p.Terms[name] {
				slug, ok := slugs[t]
				if !ok {
					slug = Slug(t)
					slugs[t] = slug
				}
				if slug == "" {
					continue
				}
				term := terms[slug]
				if term == nil {
					term = &Term{Taxonomy: tax, Name: t, Slug: slug, URL: tax.URL + slug + "/"}
					terms[slug] = term
					tax.Terms = append(tax.Terms, term)
				}
				// Pages are visited in order, so a term listed twice by one
				// page would have that page last.
				if n := len(term.Pages); n == 0 || term.Pages[n-1] != p {
					term.Pages = append(term.Pages, p)
					p.TermLinks = append(p.TermLinks, term)
				}
			}
		}
		slices.SortFunc(tax.Terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
		diag.Parallel(len(tax.Terms), func(i int) diag.List { sortPages(tax.Terms[i].Pages); return nil })
		s.Taxonomies = append(s.Taxonomies, tax)
	}
}

// Slug makes a term usable in a URL: lowercase letters and digits joined by
// single hyphens ("Small Pets" -> "small-pets").
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// aggregate collects every enrichment idea and every piece of gear across
// guides, grouped by kind in the order content lists the kinds.
func (s *Site) aggregate() {
	enrichment := map[string]*EnrichmentGroup{}
	gear := map[string]*GearGroup{}
	for _, g := range s.Guides() {
		for i := range g.Enrichment {
			idea := &g.Enrichment[i]
			kind := cmp.Or(string(idea.Kind), "other")
			if enrichment[kind] == nil {
				enrichment[kind] = &EnrichmentGroup{Kind: kind}
			}
			enrichment[kind].Ideas = append(enrichment[kind].Ideas, &EnrichmentEntry{Idea: idea, Guide: g})
		}
		for i := range g.Gear {
			item := &g.Gear[i]
			kind := cmp.Or(string(item.Kind), "other")
			if gear[kind] == nil {
				gear[kind] = &GearGroup{Kind: kind}
			}
			gear[kind].Items = append(gear[kind].Items, GearEntry{Item: item, Guide: g})
		}
	}
	for _, k := range append(slices.Clone(content.EnrichmentKinds), "other") {
		if g := enrichment[k]; g != nil {
			s.Enrichment = append(s.Enrichment, g)
		}
	}
	for _, k := range content.GearKinds {
		if g := gear[k]; g != nil {
			s.Gear = append(s.Gear, g)
		}
	}
}
