package site

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// Generated is the site folders careguide writes pages of its own into, so
// content may not claim them.
var Generated = []string{"enrichment", "gear", "search", "schema"}

// checkURLs reports two sources that would be published at one URL, and
// content that would overwrite a generated page.
func (s *Site) checkURLs() diag.List {
	var diags diag.List
	byURL := map[string]*Page{}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	reserved := append(slices.Clone(Generated), s.Config.Taxonomies...)
	for _, p := range s.Pages {
		if first, clash := byURL[p.URL]; clash {
			diags = append(diags, diag.Errorf("content/"+p.Path, 1, 1, diag.CodeURLClash,
				"rename or move one of them",
				"content/%s and content/%s are both published at %s", first.Path, p.Path, p.URL))
			continue
		}
		byURL[p.URL] = p
		s.byDir[p.Dir] = p
		top, _, _ := strings.Cut(p.Dir, "/")
		if p.Kind != content.KindGuide && p.Kind != content.KindPage || !slices.Contains(reserved, top) {
			continue
		}
		diags = append(diags, diag.Errorf("content/"+p.Path, 1, 1, diag.CodeURLClash,
			fmt.Sprintf("careguide generates /%s/ itself; rename this file or folder", top),
			"content/%s would replace the generated page %s", p.Path, p.URL))
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.URL, b.URL) })
	return diags
}

// tree hangs every page under the nearest section above it (or home), and
// fills in children order, prev/next and breadcrumbs.
func (s *Site) tree() {
	sections := map[string]*Page{} // page dir -> section or home
	for _, p := range s.Pages {
		switch p.Kind {
		case content.KindHome:
			s.Home = p
			sections[""] = p
		case content.KindSection:
			sections[p.Dir] = p
		}
	}
	if s.Home == nil { // a site may leave out content/_index.md
		s.Home = &Page{Page: &content.Page{Path: "_index.md", Kind: content.KindHome, URL: s.Config.BasePath(),
			Guide: content.Guide{Title: s.Config.Title, Description: s.Config.Description}}}
		sections[""] = s.Home
		s.Pages = append([]*Page{s.Home}, s.Pages...)
	}
	for _, p := range s.Pages {
		if p == s.Home {
			continue
		}
		p.Parent = nearest(sections, path.Dir(p.Dir))
		p.Parent.Children = append(p.Parent.Children, p)
	}
	for _, p := range s.Pages {
		if p.Kind == content.KindSection {
			s.Sections = append(s.Sections, p)
		}
		slices.SortStableFunc(p.Children, func(a, b *Page) int {
			// guides and pages first, sub-sections after them
			if (a.Kind == content.KindSection) != (b.Kind == content.KindSection) {
				if a.Kind == content.KindSection {
					return 1
				}
				return -1
			}
			return byOrder(a, b)
		})
		linkNeighbours(p.Children)
		for q := p.Parent; q != nil; q = q.Parent {
			p.Breadcrumbs = append([]*Page{q}, p.Breadcrumbs...)
		}
	}
	sortPages(s.Sections)
}

func nearest(sections map[string]*Page, dir string) *Page {
	for {
		if dir == "." {
			dir = ""
		}
		if sec, ok := sections[dir]; ok {
			return sec
		}
		dir = path.Dir(dir)
	}
}

// linkNeighbours sets prev/next between the guides of one list.
func linkNeighbours(children []*Page) {
	var prev *Page
	for _, c := range children {
		if c.Kind != content.KindGuide {
			continue
		}
		if prev != nil {
			prev.Next, c.Prev = c, prev
		}
		prev = c
	}
}
