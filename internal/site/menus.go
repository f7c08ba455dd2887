package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// menus fills Menus from site.yaml. An entry's URL is a full URL, left as
// it is, a path from the site's root ("/about/"), or a content path
// ("about.md"); the two last are checked like links in a page and
// written out with the base path. A menu shows on every page, so a path
// relative to the page would lead somewhere else on each: it is refused.
func (s *Site) menus(lc *linkCheck) diag.List {
	var diags diag.List
	s.Menus = make(map[string][]MenuEntry, len(s.Config.Menus))
	for _, name := range slices.Sorted(maps.Keys(s.Config.Menus)) {
		items := s.Config.Menus[name]
		entries := make([]MenuEntry, 0, len(items))
		for _, it := range items {
			href, ok := s.menuURL(it, lc, &diags)
			if ok {
				entries = append(entries, MenuEntry{Name: it.Name, URL: href, Weight: it.Weight})
			}
		}
		slices.SortStableFunc(entries, func(a, b MenuEntry) int { return cmp.Compare(a.Weight, b.Weight) })
		s.Menus[name] = entries
	}
	return diags
}

// menuURL resolves and checks one entry's URL, adding its problems to
// diags.
func (s *Site) menuURL(it config.MenuItem, lc *linkCheck, diags *diag.List) (string, bool) {
	dest := it.URL.URL
	href, link, internal := content.RootLink(s.Config.BasePath(), dest)
	if !internal {
		return href, true
	}
	report := func(hint, format string, args ...any) {
		*diags = append(*diags, diag.Errorf(config.File, it.URL.Line, it.URL.Col, diag.CodeLink, hint, format, args...))
	}
	switch {
	case link.Page && link.Target != "":
		target := s.byPath[link.Target]
		if target == nil {
			report(s.missingPageHint(nil, link.Target, lc, "a content path is relative to content/, e.g. about.md"), "menu entry %q links to content/%s, which does not exist", it.Name, link.Target)
			return "", false
		}
		if d, bad := s.checkAnchor(target, link.Fragment); bad {
			report(d.Hint, "menu entry %q: %s", it.Name, d.Message)
		}
		return href, true
	case !strings.HasPrefix(dest, "/"):
		report(fmt.Sprintf("start it at the site's root: /%s", strings.TrimPrefix(dest, "./")),
			"menu entry %q has the relative URL %q, which would lead somewhere else from each page", it.Name, dest)
		return "", false
	}
	_, d, bad, unknown := s.checkURL(link, lc)
	switch {
	case bad:
		report(d.Hint, "menu entry %q: %s", it.Name, d.Message)
		return "", false
	case unknown:
		s.SiteLinks = append(s.SiteLinks, SiteLink{File: config.File, Line: it.URL.Line, Col: it.URL.Col, Target: link.Target})
	}
	return href, true
}
