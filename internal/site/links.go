package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
)

// linkCheck is what checking links needs besides the pages: the files of
// content/ and the drafts left out of this build, by content path and by
// URL, so that a link to one says it is a draft.
type linkCheck struct {
	files     map[string]bool
	drafts    map[string]bool // content paths
	draftDirs map[string]bool // Dir of each draft
	// brokenDirs are where the pages that failed to parse would be: a
	// link there is not an error too.
	brokenDirs map[string]bool
}

func (s *Site) newLinkCheck(drafts map[string]*content.Page) *linkCheck {
	lc := &linkCheck{files: make(map[string]bool, len(s.Files)), drafts: map[string]bool{}, draftDirs: map[string]bool{}}
	for _, f := range s.Files {
		lc.files[f.Path] = true
	}
	for p, cp := range drafts {
		lc.drafts[p], lc.draftDirs[cp.Dir] = true, true
	}
	lc.brokenDirs = make(map[string]bool, len(s.broken))
	for p := range s.broken {
		lc.brokenDirs[strings.Trim(content.URLFor("/", p), "/")] = true
	}
	return lc
}

// checkLinks reports every link, image and related guide that points at
// nothing, and gathers the links only the render stage can check
// (SiteLinks). It also returns, for each of s.Pages, the pages its links
// point at (itself left out), which relate needs: one lookup of each of
// the 100,000 links of a 10,000-guide site serves both.
func (s *Site) checkLinks(lc *linkCheck) (diag.List, [][]*Page) {
	// Checking reads the linked site and changes nothing, so the pages are
	// checked on every core; their problems join in page order.
	linked := make([][]*Page, len(s.Pages))
	later := make([][]SiteLink, len(s.Pages))
	diags := diag.Parallel(len(s.Pages), func(i int) diag.List {
		var d diag.List
		d, linked[i], later[i] = s.checkPage(s.Pages[i], lc)
		return d
	})
	s.SiteLinks = slices.Concat(later...)
	return diags, linked
}

// checkPage checks the links and related guides of one page, and returns
// the pages its links point at and the links left to the render stage.
func (s *Site) checkPage(p *Page, lc *linkCheck) (diag.List, []*Page, []SiteLink) {
	var (
		diags  diag.List
		linked []*Page
		later  []SiteLink
	)
	file := "content/" + p.Path
	for _, l := range p.Links {
		if l.URL {
			target, d, bad, unknown := s.checkURL(l, lc)
			switch {
			case bad:
				d.File, d.Line, d.Column = file, l.Line, l.Col
				diags = append(diags, d)
			case unknown:
				later = append(later, SiteLink{File: file, Line: l.Line, Col: l.Col, Target: l.Target, Image: l.Image, From: dirURL(p.Dir)})
			case target != nil && target != p:
				linked = append(linked, target)
			}
			continue
		}
		target, d, bad := s.checkLink(p, l, lc)
		if bad {
			d.File, d.Line, d.Column = file, l.Line, l.Col
			diags = append(diags, d)
		}
		if target != nil && target != p {
			linked = append(linked, target)
		}
	}
	for _, r := range p.Guide.Related {
		if msg, hint := s.checkRelated(p, r.Path, lc); msg != "" {
			diags = append(diags, diag.Errorf(file, r.Line, r.Col, diag.CodeRelated, hint, "%s", msg))
		}
	}
	return diags, linked, later
}

// PageAt is the published page at a URL path inside the site, in the form
// content.Link.Target has for URLs ("guides/x/", "guides/x",
// "guides/x/index.html"; "" for home), or nil.
func (s *Site) PageAt(target string) *Page {
	dir := pageDirOf(target)
	if dir == "" {
		return s.Home
	}
	return s.byDir[dir]
}

// checkURL checks a link written as a URL of the site: a page or a file
// of content/ it reaches is checked here, and a draft is an error. A path
// that reaches neither is unknown here: the render stage, which knows
// every output, checks it.
func (s *Site) checkURL(l content.Link, lc *linkCheck) (target *Page, d diag.Diagnostic, bad, unknown bool) {
	if target := s.PageAt(l.Target); target != nil {
		d, bad := s.checkAnchor(target, l.Fragment)
		return target, d, bad, false
	}
	dir := pageDirOf(l.Target)
	switch {
	case lc.files[l.Target], lc.brokenDirs[dir]: // a page that failed to parse has its own error
		return nil, d, false, false
	case lc.draftDirs[dir]:
		return nil, diag.Diagnostic{Code: diag.CodeLink, Message: fmt.Sprintf("link to /%s, a draft", l.Target),
			Hint: "publish it (draft: false) or build with --drafts"}, true, false
	}
	return nil, d, false, true
}

// checkLink checks one link to a content file and returns the page it
// points at, if any.
func (s *Site) checkLink(from *Page, l content.Link, lc *linkCheck) (*Page, diag.Diagnostic, bool) {
	switch {
	case l.Target == "":
		d, bad := s.checkAnchor(from, l.Fragment)
		return nil, d, bad
	case !l.Page && l.Image && !lc.files[l.Target]:
		return nil, diag.Diagnostic{Code: diag.CodeImage, Message: fmt.Sprintf("image %s does not exist", l.Target),
			Hint: s.missingFileHint(l.Target, "put the image file in content/ next to the guide and check the spelling")}, true
	case !l.Page && !lc.files[l.Target]:
		return nil, diag.Diagnostic{Code: diag.CodeLink, Message: fmt.Sprintf("link to %s, which does not exist", l.Target),
			Hint: s.missingFileHint(l.Target, "link to a file in content/, or to a guide's .md file")}, true
	case !l.Page:
		return nil, diag.Diagnostic{}, false
	}
	target := s.byPath[l.Target]
	if target == nil && s.broken[l.Target] {
		return nil, diag.Diagnostic{}, false
	}
	if target == nil {
		return nil, diag.Diagnostic{Code: diag.CodeLink, Message: fmt.Sprintf("link to %s, which does not exist", l.Target),
			Hint: s.missingPageHint(from, l.Target, lc, "links are relative to the file, or start with / for the content folder, e.g. /guides/leash-training.md")}, true
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

// missingPageHint helps with a link from a page (nil for site.yaml) to a
// content path that is not a published page. It never suggests the page
// the link is on: a link to itself is not what anyone meant. Without a
// likely page to name, it explains how paths are written: otherwise.
func (s *Site) missingPageHint(from *Page, p string, lc *linkCheck, otherwise string) string {
	if lc.drafts[p] {
		return "that page is a draft: publish it (draft: false) or build with --drafts"
	}
	paths := make([]string, 0, len(s.byPath))
	for k, page := range s.byPath {
		if page != from {
			paths = append(paths, k)
		}
	}
	slices.Sort(paths)
	if hint := diag.Suggest(p, paths); hint != "" {
		return hint
	}
	return otherwise
}

// missingFileHint names the file of content/ a link to the missing file p
// likely meant: the same name in other case first (Harness.JPG for
// harness.jpg: it works on a laptop that ignores case and breaks once
// published), then a close spelling. Without one, otherwise.
func (s *Site) missingFileHint(p, otherwise string) string {
	paths := make([]string, len(s.Files))
	for i, f := range s.Files {
		if strings.EqualFold(f.Path, p) {
			return fmt.Sprintf("the file is %s: names are case-sensitive once published", f.Path)
		}
		paths[i] = f.Path
	}
	if hint := diag.Suggest(p, paths); hint != "" {
		return hint
	}
	return otherwise
}

func (s *Site) checkRelated(from *Page, p string, lc *linkCheck) (string, string) {
	target := s.byPath[p]
	switch {
	case target == nil && s.broken[p]:
		return "", ""
	case target == nil:
		return fmt.Sprintf("related guide %s does not exist", p),
			s.missingPageHint(from, p, lc, "related paths are relative to content/, e.g. guides/leash-training.md")
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

// pageDirOf is the Dir of the page a URL target names, with or without
// its trailing slash or index.html: "guides/x/index.html" -> "guides/x".
func pageDirOf(target string) string {
	return strings.TrimSuffix(strings.TrimSuffix(target, "index.html"), "/")
}

// dirURL is a page's Dir in the form content.Link.Target has for URLs.
func dirURL(dir string) string {
	if dir == "" {
		return ""
	}
	return dir + "/"
}
