package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// checkLinks reports every link, image and related guide that points at
// nothing. drafts holds the pages left out of this build. It also returns,
// for each of s.Pages, the pages its links point at (itself left out),
// which relate needs: one lookup of each of the 100,000 links of a
// 10,000-guide site serves both.
func (s *Site) checkLinks(drafts map[string]bool) (diag.List, [][]*Page) {
	files := make(map[string]bool, len(s.Files))
	for _, f := range s.Files {
		files[f.Path] = true
	}
	// Checking reads the linked site and changes nothing, so the pages are
	// checked on every core; their problems join in page order.
	linked := make([][]*Page, len(s.Pages))
	diags := diag.Parallel(len(s.Pages), func(i int) diag.List {
		var d diag.List
		d, linked[i] = s.checkPage(s.Pages[i], files, drafts)
		return d
	})
	return diags, linked
}

// checkPage checks the links and related guides of one page, and returns
// the pages its links point at.
func (s *Site) checkPage(p *Page, files, drafts map[string]bool) (diag.List, []*Page) {
	var (
		diags  diag.List
		linked []*Page
	)
	file := "content/" + p.Path
	for _, l := range p.Links {
		target, d, bad := s.checkLink(p, l, files, drafts)
		if bad {
			d.File, d.Line, d.Column = file, l.Line, l.Col
			diags = append(diags, d)
		}
		if target != nil && target != p {
			linked = append(linked, target)
		}
	}
	for _, r := range p.Guide.Related {
		if msg, hint := s.checkRelated(r.Path, drafts); msg != "" {
			diags = append(diags, diag.Errorf(file, r.Line, r.Col, diag.CodeRelated, hint, "%s", msg))
		}
	}
	return diags, linked
}

// checkLink checks one link and returns the page it points at, if any.
func (s *Site) checkLink(from *Page, l content.Link, files, drafts map[string]bool) (*Page, diag.Diagnostic, bool) {
	switch {
	case l.Target == "":
		d, bad := s.checkAnchor(from, l.Fragment)
		return nil, d, bad
	case !l.Page && l.Image && !files[l.Target]:
		return nil, diag.Diagnostic{Code: diag.CodeImage, Message: fmt.Sprintf("image %s does not exist", l.Target),
			Hint: "put the image file in content/ next to the guide and check the spelling"}, true
	case !l.Page && !files[l.Target]:
		return nil, diag.Diagnostic{Code: diag.CodeLink, Message: fmt.Sprintf("link to %s, which does not exist", l.Target),
			Hint: "link to a file in content/, or to a guide's .md file"}, true
	case !l.Page:
		return nil, diag.Diagnostic{}, false
	}
	target := s.byPath[l.Target]
	if target == nil && s.broken[l.Target] {
		return nil, diag.Diagnostic{}, false
	}
	if target == nil {
		return nil, diag.Diagnostic{Code: diag.CodeLink, Message: fmt.Sprintf("link to %s, which does not exist", l.Target),
			Hint: s.missingPageHint(l.Target, drafts)}, true
	}
	d, bad := s.checkAnchor(target, l.Fragment)
	return target, d, bad
}

func (s *Site) checkAnchor(target *Page, fragment string) (diag.Diagnostic, bool) {
	if fragment == "" || slices.Contains(target.Anchors, fragment) {
		return diag.Diagnostic{}, false
	}
	hint := diag.Suggest(fragment, target.Anchors)
	if hint == "" {
		hint = "anchors there: " + strings.Join(firstN(target.Anchors, 12), ", ")
	}
	return diag.Diagnostic{Code: diag.CodeAnchor,
		Message: fmt.Sprintf("content/%s has no anchor #%s", target.Path, fragment), Hint: hint}, true
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(slices.Clip(s[:n]), "...")
	}
	return s
}

func (s *Site) missingPageHint(p string, drafts map[string]bool) string {
	if drafts[p] {
		return "that page is a draft: publish it (draft: false) or build with --drafts"
	}
	paths := make([]string, 0, len(s.byPath))
	for k := range s.byPath {
		paths = append(paths, k)
	}
	slices.Sort(paths)
	if hint := diag.Suggest(p, paths); hint != "" {
		return hint
	}
	return "links are relative to the file, or start with / for the content folder, e.g. /guides/leash-training.md"
}

func (s *Site) checkRelated(p string, drafts map[string]bool) (string, string) {
	target := s.byPath[p]
	switch {
	case target == nil && s.broken[p]:
		return "", ""
	case target == nil:
		return fmt.Sprintf("related guide %s does not exist", p),
			s.missingPageHint(p, drafts) + " (related paths are relative to content/, e.g. guides/x.md)"
	case target.Kind != content.KindGuide:
		return fmt.Sprintf("related %s is not a guide", p), "list guides only"
	}
	return "", ""
}

// relate fills Related (declared, then linked-from) and LinkedFrom, from
// the pages each page links to (linked, from checkLinks). Appending to
// LinkedFrom, which pages share, runs on one core in page order; each
// page's own lists then run on every core.
func (s *Site) relate(linked [][]*Page) {
	for i, p := range s.Pages {
		if p.Kind != content.KindGuide {
			continue
		}
		for _, t := range linked[i] {
			if !slices.Contains(t.LinkedFrom, p) {
				t.LinkedFrom = append(t.LinkedFrom, p)
			}
		}
	}
	diag.Parallel(len(s.Pages), func(i int) diag.List {
		p := s.Pages[i]
		slices.SortFunc(p.LinkedFrom, byTitle)
		for _, r := range p.Guide.Related {
			if t := s.byPath[r.Path]; t != nil && t.Kind == content.KindGuide && t != p && !slices.Contains(p.Related, t) {
				p.Related = append(p.Related, t)
			}
		}
		for _, t := range p.LinkedFrom {
			if !slices.Contains(p.Related, t) {
				p.Related = append(p.Related, t)
			}
		}
		return nil // it only computes
	})
}
