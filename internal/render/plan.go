package render

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/careguide/careguide/internal/schema"
	"github.com/careguide/careguide/internal/site"
)

// Output is one file of the site, planned but not made yet.
type Output struct {
	Path string
	// Key sums up everything the file is made from. Two plans that give
	// one Path the same Key make the same bytes, so a rebuild makes only
	// the outputs whose Key changed. What goes into a Key:
	//   - every output: the templates, the asset URLs and site.yaml;
	//   - a page: its own source file (frontmatter and body), and the URL
	//     and frontmatter of every page it shows or links to through its
	//     Data: parent, children, prev/next, breadcrumbs, related, linked
	//     from, the list it shows, and the titles and URLs of the sections
	//     and taxonomies (the site navigation);
	//   - enrichment and gear pages, and the shards of the search index:
	//     the URL and frontmatter of the guides they list;
	//   - pages that show the whole site (home, taxonomy lists, and any
	//     layout whose templates use .Site beyond Config, Home, Sections
	//     and Taxonomies) and the feeds: the URL and frontmatter of every
	//     page.
	// Bodies show only on their own page, so editing a guide's body makes
	// one page; editing its title makes the pages that list it too.
	Key  uint64
	job  *job          // a page made from a template
	make func() []byte // everything else: feeds, indexes, files copied as is
}

// Page reports whether the output is a page made from a template, the
// costly kind of output.
func (o Output) Page() bool { return o.job != nil }

// Plan lists every output of s, in the order Render makes them, with its
// Key. It renders nothing.
func Plan(s *site.Site, th *Theme) []Output { return plan(s, th, true) }

// plan is Plan; without keyed, every Key is 0. Render makes everything
// once and needs no keys, which cost a 10,000-guide build about 0.1 CPU-s.
// The outputs are listed first, each made output with how to key it, and
// keyed after.
func plan(s *site.Site, th *Theme, keyed bool) []Output {
	var (
		whole = sync.OnceValue(func() uint64 { return wholeSite(s) })
		cfg   = configKey(s)
		jobs  = pageJobs(s, th)
		outs  = make([]Output, len(jobs))
		keys  []func(k *keyer) uint64 // one per made output, in order
	)
	for i, j := range jobs {
		outs[i] = Output{Path: j.path, job: j}
	}
	made := func(path string, key func(k *keyer) uint64, f func() []byte) {
		outs = append(outs, Output{Path: path, make: f})
		keys = append(keys, key)
	}
	made("sitemap.xml", func(k *keyer) uint64 { return k.sum("sitemap.xml", cfg, whole()) }, func() []byte { return sitemap(s) })
	made("feed.xml", func(k *keyer) uint64 { return k.sum("feed.xml", cfg, whole()) }, func() []byte { return feed(s) })
	made("robots.txt", func(k *keyer) uint64 { return k.sum("robots.txt", cfg) }, func() []byte { return robots(s) })
	made("schema/guide.json", func(k *keyer) uint64 { return k.sum("schema/guide.json", cfg) }, func() []byte { return schema.Guide(s.Config.Taxonomies...) })
	shards := searchShards(s)
	made("search/index.json", func(k *keyer) uint64 { return k.sum("search/index.json", cfg, uint64(len(shards))) }, func() []byte { return searchManifest(s, len(shards)) })
	for i, guides := range shards {
		made(searchShardPath(i), func(k *keyer) uint64 {
			k.reset()
			k.str(searchShardPath(i))
			k.num(cfg)
			k.summaries(guides)
			return k.h.Sum64()
		}, func() []byte { return searchShard(guides) })
	}
	for _, f := range th.Assets {
		made(f.Path, func(k *keyer) uint64 { return k.data(f.Path, f.Data) }, func() []byte { return f.Data })
	}
	for _, f := range s.Files {
		made(f.Path, func(k *keyer) uint64 { return k.data(f.Path, f.Data) }, func() []byte { return f.Data })
	}
	if !keyed {
		return outs
	}
	var k keyer
	global := k.global(s, th, cfg)
	// Keys of a 10,000-guide site take a tenth of a second: split over the
	// cores in runs, each with its own keyer, whose memo serves the pages of
	// one list that sit together.
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			var k keyer
			for i := w * len(jobs) / n; i < (w+1)*len(jobs)/n; i++ {
				outs[i].Key = k.job(global, jobs[i], th.wide[jobs[i].layout], whole)
			}
		})
	}
	wg.Wait()
	for i, key := range keys {
		outs[len(jobs)+i].Key = key(&k)
	}
	return outs
}

// Rekey recomputes the Keys of the pages made from the given pages' own
// sources, for a rebuild that changed those sources and nothing any other
// output shows (package rebuild checks: same frontmatter, links and
// anchors). It saves planning the whole site again, and returns the
// indexes of outs it rekeyed.
func Rekey(s *site.Site, th *Theme, outs []Output, pages []*site.Page) []int {
	var (
		k keyer
		// Only whole-site pages need it, and a body edit rarely rekeys one.
		whole  = sync.OnceValue(func() uint64 { return wholeSite(s) })
		global = k.global(s, th, configKey(s))
		idx    []int
	)
	for i, o := range outs {
		if o.job != nil && slices.Contains(pages, o.job.data.Page) {
			outs[i].Key = k.job(global, o.job, th.wide[o.job.layout], whole)
			idx = append(idx, i)
		}
	}
	return idx
}

// keySeed seeds every Key; keys are compared only within one process.
var keySeed = maphash.MakeSeed()

// keyer hashes the inputs of outputs. It remembers what it hashed of each
// page: a section's page is part of the key of every page of its list.
type keyer struct {
	h     maphash.Hash
	buf   [8]byte
	sums  map[*site.Page]uint64
	pages map[*site.Page]uint64
}

func (k *keyer) reset() {
	k.h.SetSeed(keySeed)
}

func (k *keyer) num(n uint64) {
	binary.LittleEndian.PutUint64(k.buf[:], n)
	k.h.Write(k.buf[:])
}

func (k *keyer) str(s string) {
	k.num(uint64(len(s)))
	k.h.WriteString(s)
}

// summary is what a page shows of another page: its URL and frontmatter.
func (k *keyer) summary(p *site.Page) {
	if p == nil {
		k.num(0)
		return
	}
	v, ok := k.sums[p]
	if !ok {
		var h keyer
		h.reset()
		h.str(p.URL)
		h.str(p.Title) // generated pages have no frontmatter, only a title
		h.num(p.Front)
		v = h.h.Sum64()
		if k.sums == nil {
			k.sums = map[*site.Page]uint64{}
		}
		k.sums[p] = v
	}
	k.num(v)
}

func (k *keyer) summaries(ps []*site.Page) {
	k.num(uint64(len(ps)))
	for _, p := range ps {
		k.summary(p)
	}
}

// page is everything a page's own output shows of it: its source file and
// its place in the site.
func (k *keyer) page(p *site.Page) {
	v, ok := k.pages[p]
	if !ok {
		h := keyer{sums: k.sums}
		h.reset()
		h.ownPage(p)
		v, k.sums = h.h.Sum64(), h.sums
		if k.pages == nil {
			k.pages = map[*site.Page]uint64{}
		}
		k.pages[p] = v
	}
	k.num(v)
}

func (k *keyer) ownPage(p *site.Page) {
	k.num(p.Hash)
	k.summary(p)
	k.summary(p.Parent)
	k.summaries(p.Children)
	k.summary(p.Prev)
	k.summary(p.Next)
	k.summaries(p.Breadcrumbs)
	k.summaries(p.Related)
	k.summaries(p.LinkedFrom)
	k.num(uint64(len(p.TermLinks)))
	for _, t := range p.TermLinks {
		k.str(t.URL)
		k.str(t.Name)
	}
}

// sum hashes a name and some keys.
func (k *keyer) sum(name string, keys ...uint64) uint64 {
	k.reset()
	k.str(name)
	for _, n := range keys {
		k.num(n)
	}
	return k.h.Sum64()
}

func (k *keyer) data(path string, data []byte) uint64 {
	k.reset()
	k.str(path)
	k.h.Write(data)
	return k.h.Sum64()
}

// global is what every page shows: the templates, the asset URLs,
// site.yaml and the site navigation.
func (k *keyer) global(s *site.Site, th *Theme, cfg uint64) uint64 {
	k.reset()
	k.num(cfg)
	k.num(th.key)
	k.summaries(s.Sections)
	for _, t := range s.Taxonomies {
		k.str(t.Name)
		k.str(t.URL)
	}
	return k.h.Sum64()
}

// job is the Key of a page; whole is wholeSite's, asked for only by pages
// that show the whole site.
func (k *keyer) job(global uint64, j *job, wide bool, whole func() uint64) uint64 {
	d := j.data
	k.reset()
	k.num(global)
	k.str(j.path)
	k.str(j.layout)
	k.page(d.Page)
	k.str(d.Title)
	k.str(d.Description)
	k.str(d.Canonical)
	if d.Term != nil {
		k.str(d.Term.URL)
		k.str(d.Term.Name)
	}
	k.summaries(d.List)
	if pg := d.Pager; pg != nil {
		k.num(uint64(pg.Number))
		k.num(uint64(pg.Total))
		k.str(pg.Prev)
		k.str(pg.Next)
		for _, l := range pg.Pages {
			k.str(fmt.Sprint(l.Number, l.URL, l.Current, l.Gap))
		}
	}
	for _, dim := range d.Filters {
		k.str(dim.Name)
		k.str(dim.Label)
		for _, f := range dim.Filters {
			k.str(f.Value)
			k.str(f.Label)
			k.str(f.URL)
		}
	}
	if d.Filter != nil {
		k.str(d.Filter.URL)
	}
	for _, g := range d.Ideas {
		k.str(g.Kind)
		for _, e := range g.Ideas {
			k.summary(e.Guide) // the idea is in the guide's frontmatter
			k.num(uint64(indexOf(e.Guide.Enrichment, e.Idea)))
		}
	}
	for _, g := range d.Gear {
		k.str(g.Kind)
		for _, e := range g.Items {
			k.summary(e.Guide)
			k.num(uint64(indexOf(e.Guide.Gear, e.Item)))
		}
	}
	if wide || d.Taxonomy != nil && d.Term == nil {
		k.num(whole())
	}
	return k.h.Sum64()
}

// indexOf is the index of the element p points to in list, or -1.
func indexOf[T any](list []T, p *T) int {
	for i := range list {
		if &list[i] == p {
			return i
		}
	}
	return -1
}

// wholeSite sums up the URL and frontmatter of every published page: what
// pages that show the whole site are made from.
func wholeSite(s *site.Site) uint64 {
	var k keyer
	k.reset()
	k.summaries(s.Pages)
	return k.h.Sum64()
}

func configKey(s *site.Site) uint64 {
	var k keyer
	k.reset()
	k.str(fmt.Sprintf("%#v", *s.Config))
	return k.h.Sum64()
}

// narrowSite is what a layout may use of .Site and still be re-rendered
// only when its own inputs change: settings, the home page's address, and
// the navigation (sections and taxonomies by title and URL).
var narrowSite = []string{"Config", "Home.URL", "Home.Title", "Sections", "Taxonomies"}

// themeKey sums up what every page shows of a theme: its templates'
// text and its assets' URLs (not their bytes: a page names a stylesheet,
// it does not contain it).
func themeKey(th *Theme) uint64 {
	var k keyer
	k.reset()
	for _, name := range sortedKeys(th.sources) {
		k.str(name)
		k.str(th.sources[name])
	}
	for _, name := range sortedKeys(th.assetURL) {
		k.str(name)
		k.str(th.assetURL[name])
	}
	return k.h.Sum64()
}

// wideLayouts finds the layouts that show the whole site, once per theme:
// home and taxonomy lists by design, and any layout whose templates (its
// own file, base and the partials) use .Site beyond narrowSite. A site's
// own templates may show anything, so this is read from their text, not
// assumed.
func wideLayouts(th *Theme) map[string]bool {
	shared := false
	for name, src := range th.sources {
		if !isLayout(strings.TrimPrefix(name, "templates/")) && usesWholeSite(src) {
			shared = true
		}
	}
	wide := map[string]bool{"home": true, "taxonomy": true}
	for _, l := range Layouts {
		if shared || usesWholeSite(th.sources["templates/"+l+".html"]) {
			wide[l] = true
		}
	}
	return wide
}

func usesWholeSite(src string) bool {
	for rest := src; ; {
		i := strings.Index(rest, ".Site")
		if i < 0 {
			return false
		}
		rest = rest[i+len(".Site"):]
		if !strings.HasPrefix(rest, ".") || !slices.ContainsFunc(narrowSite, func(n string) bool {
			after, ok := strings.CutPrefix(rest[1:], n)
			return ok && (after == "" || !isIdentByte(after[0]))
		}) {
			return true
		}
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
