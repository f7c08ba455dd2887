package render

import (
	"github.com/careguide/careguide/internal/schema"
	"github.com/careguide/careguide/internal/site"
)

// Output is one file of the site, planned but not made yet.
type Output struct {
	Path string
	job  *job                // a page made from a template
	make func(*scope) []byte // everything else: feeds, indexes, files copied as is
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
	made("robots.txt", func(*scope) []byte { return robots(s) })
	made("schema/guide.json", func(*scope) []byte { return schema.Guide(s.Config.Taxonomies...) })
	shards := searchShards(s)
	made("search/index.json", func(sc *scope) []byte {
		sc.read(InGuidePaths, "")
		return searchManifest(s, len(shards))
	})
	for i, guides := range shards {
		made(searchShardPath(i), func(sc *scope) []byte {
			sc.read(InGuidePaths, "")
			for _, g := range guides {
				sc.read(InFront, g.Path)
			}
			return searchShard(guides)
		})
	}
	for _, f := range th.Assets {
		made(f.Path, func(*scope) []byte { return f.Data })
	}
	for _, f := range s.Files {
		made(f.Path, func(sc *scope) []byte { sc.read(InFiles, ""); return f.Data })
	}
	return outs
}
