package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/schema"
	"github.com/careguide/careguide/internal/site"
)

// Output is one file of the site, planned but not made yet.
type Output struct {
	Path string
	job  *job                // a page made from a template
	make func(*scope) []byte // everything else: feeds, indexes, files copied as is
	// index says that make reads the search index: once the last such
	// output is made, Make lets the index go.
	index bool
}

// Page reports whether the output is a page made from a template, the
// costly kind of output.
func (o Output) Page() bool { return o.job != nil }

// Plan lists every output of s, in the order Render makes them. It
// renders nothing. The Go code that makes feeds and indexes records what
// it reads as templates do, through its scope.
func Plan(s *site.Site, th *Theme) []Output {
	jobs := pageJobs(s)
	outs := make([]Output, 0, len(jobs)+16+len(th.Assets)+len(s.Files))
	for _, j := range jobs {
		outs = append(outs, Output{Path: j.path, job: j})
	}
	made := func(path string, f func(sc *scope) []byte) {
		outs = append(outs, Output{Path: path, make: f})
	}
	made("sitemap.xml", func(sc *scope) []byte { sc.read(InPages, ""); return sitemap(s) })
	made("feed.xml", func(sc *scope) []byte { sc.read(InPages, ""); return feed(s) })
	if s.Config.BasePath() == "/" { // crawlers read robots.txt at a host's root only
		made("robots.txt", func(*scope) []byte { return robots(s) })
	}
	made("schema/guide.json", func(*scope) []byte { return schema.Guide(s.Config.Taxonomies...) })
	newSearchIndex(s).plan(s, func(path string, index bool, f func(*scope) []byte) {
		outs = append(outs, Output{Path: path, make: f, index: index})
	})
	for _, f := range th.Assets {
		made(f.Path, func(*scope) []byte { return f.Data })
	}
	for _, f := range s.Files {
		pic := s.Pictures[f.Path]
		if pic == nil && content.IsPhoto(f.Path) {
			continue // could not be processed: the images stage said why
		}
		if pic == nil || len(pic.Files) == 0 { // not an image, or an SVG: as it is
			made(f.Path, func(sc *scope) []byte { sc.read(InFiles, ""); return f.Data })
			continue
		}
		// An image is published as its variants, and under its own name as
		// the widest of its own format: nothing of the source, metadata
		// included, is published as it was.
		// The bytes are read back from the image cache as each is written.
		for i, v := range pic.Variants {
			made(pic.Files[i], func(sc *scope) []byte { sc.read(InImage, f.Path); return sc.bytes(v) })
		}
		if o := pic.Original(); o >= 0 {
			made(f.Path, func(sc *scope) []byte { sc.read(InImage, f.Path); return sc.bytes(pic.Variants[o]) })
		}
	}
	return outs
}

// CheckLinks reports each of s.SiteLinks that reaches no output of plan:
// the links to paths of the site that are neither pages nor files of
// content/, such as a taxonomy page or the feed, which only the plan knows
// all of. A path reaches a page's output with or without its trailing
// slash, as static servers answer both.
func CheckLinks(s *site.Site, plan []Output) diag.List {
	if len(s.SiteLinks) == 0 {
		return nil
	}
	outs := make(map[string]bool, len(plan))
	for _, o := range plan {
		outs[o.Path] = true
	}
	var (
		diags diag.List
		urls  []string // what a link could have meant, made on the first miss
	)
	for _, l := range s.SiteLinks {
		dir := strings.TrimSuffix(l.Target, "/")
		if outs[l.Target] || outs[dir+"/index.html"] || dir == "" && outs["index.html"] {
			continue
		}
		if urls == nil {
			urls = outputURLs(plan)
		}
		what, code := "link to", diag.CodeLink
		if l.Image {
			what, code = "image", diag.CodeImage
		}
		hint := diag.Suggest("/"+l.Target, without(urls, "/"+l.From))
		if rest, ok := strings.CutPrefix("/"+l.Target, s.Config.BasePath()); ok && s.Config.BasePath() != "/" {
			hint = fmt.Sprintf("write /%s: careguide adds the base path %s itself", rest, s.Config.BasePath())
		}
		if hint == "" {
			hint = "a path that starts with / is a path from the site's root (leave out the base path " +
				s.Config.BasePath() + "); check it against the site's pages"
		}
		diags = append(diags, diag.Errorf(l.File, l.Line, l.Col, code, hint, "%s /%s, which the site does not have", what, l.Target))
	}
	return diags
}

// outputURLs are the outputs of plan as a link would name them: a page by
// its folder ("/guides/x/"), any other file by its path.
func outputURLs(plan []Output) []string {
	urls := make([]string, 0, len(plan))
	for _, o := range plan {
		if dir, ok := strings.CutSuffix(o.Path, "index.html"); ok {
			urls = append(urls, "/"+dir)
		} else {
			urls = append(urls, "/"+o.Path)
		}
	}
	return urls
}

func without(list []string, v string) []string {
	i := slices.Index(list, v)
	if i < 0 {
		return list
	}
	return slices.Delete(slices.Clone(list), i, i+1)
}
