package render

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markup"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/site"
	"html/template"
)

// File is one output: a slash path inside the output dir, its bytes, and
// how to hand its memory back. It is output.File, the one type of a file
// of the site from render to the writer.
type File = output.File

// pageBuf is the memory of one page while it is made and written.
type pageBuf struct {
	bytes.Buffer
	done func() // puts the pageBuf back in pageBufs; made once per pageBuf
}

var pageBufs sync.Pool

// maxPooled is the most memory a pageBuf or fileBuf goes back to its pool
// with: one huge file's memory is not kept for every later one.
const maxPooled = 1 << 20

// getPageBuf returns an empty pageBuf with room for about size bytes, the
// size of the page its worker made last: a new one would otherwise grow
// by doubling, page after page, for a consumer that does not call Done.
func getPageBuf(size int) *pageBuf {
	b, ok := pageBufs.Get().(*pageBuf)
	if !ok {
		b = &pageBuf{}
		b.done = func() {
			if b.Cap() <= maxPooled {
				pageBufs.Put(b)
			}
		}
	}
	b.Reset()
	b.Grow(size + size/8)
	return b
}

// A fileBuf is the memory of a file that Go code makes, such as one of
// the search index's: the 11,000 files of a 10,000-guide site's index,
// 40 MB, are made one after another in a few of them, each handed back
// by its File's Done once written.
type fileBuf struct {
	b    []byte
	done func() // puts the fileBuf back in fileBufs; made once per fileBuf
}

var fileBufs sync.Pool

// buffer is empty memory for the file sc makes to append to, which the
// file's Done hands back: a make func that returns what it appended to
// it, and keeps none of it, asks for it.
func (sc *scope) buffer() []byte {
	fb, ok := fileBufs.Get().(*fileBuf)
	if !ok {
		fb = &fileBuf{}
		fb.done = func() {
			if cap(fb.b) <= maxPooled {
				fileBufs.Put(fb)
			}
		}
	}
	sc.file = fb
	return fb.b[:0]
}

// Data is what every layout gets as its dot: the page being made, the
// site, and what the page's kind shows. It is made anew for each output,
// from its job, with views bound to the output's scope (view.go).
type Data struct {
	Site     *Site
	Page     *Page     // the content page; for generated pages a stand-in with Title and URL
	Kind     string    // the layout: "guide", "home", "term", ...
	Taxonomy *Taxonomy // on taxonomy and term pages
	Term     *Term     // on term pages
	JSONLD   any       // schema.org data for a <script type="application/ld+json">, or nil
	// ReviewJSONLD is a reviewed guide's schema.org WebPage, with
	// reviewedBy and lastReviewed, for a second such script; "" elsewhere.
	ReviewJSONLD template.JS
	// Title, Description and Canonical are the page's, ready for <head>;
	// Meta is the <meta> and <link> tags made of them (package markup).
	Title       string
	Description string // the page's, or the site's when the page has none
	Canonical   string // the page's absolute URL
	Meta        template.HTML

	// On enrichment pages (see filters.go): Filter is the one filter a
	// filter page applies (nil on /enrichment/ itself), Filters the filter
	// bar, FilterBar both in one value, Ideas the ideas shown, by kind,
	// and IdeaCount how many.
	Filter    *EnrichmentFilter
	Filters   []*FilterDimension
	FilterBar *FilterBar
	Ideas     []*IdeaGroup
	IdeaCount int

	// Gear is set on /gear/ pages: the gear advice the page shows, in
	// groups by kind like Site.Gear.
	Gear []*GearGroup

	// List and Pager are set on section and term pages, whose lists are
	// split into pages of site.yaml's paginate items; Pager also on
	// enrichment pages (five times paginate ideas a page) and /gear/ (twice
	// paginate items a page).
	List  []*Page // the guides (and, on a section's first page, sub-sections) this page shows
	Pager *Pager  // where this page stands in the list; Total is 1 when it fits on one page

	scope *scope
}

// Asset is the URL of a theme asset, with its fingerprint: {{$.Asset "css/main.css"}}.
func (d *Data) Asset(name string) (string, error) {
	p, err := d.scope.run.theme.asset(name)
	return d.scope.run.site.Config.BasePath() + p, err
}

// AbsURL makes a site path absolute with the base URL, for canonical and
// Open Graph links.
func (d *Data) AbsURL(p string) string { return d.scope.run.site.Config.AbsURL(p) }

// dict makes a map from key, value pairs, to pass several values to a
// partial: {{template "cards" dict "Data" $ "Pages" .Related}}.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict wants key, value pairs; got %d arguments", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys must be text; argument %d is %T", i+1, pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

var funcs = template.FuncMap{
	"cached":     cached,
	"cachedFor":  cachedFor,
	"cachedEach": cachedEach,
	"dict":       dict,
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"date":       func(t time.Time) string { return t.Format("January 2, 2006") },
	"day":        func(t time.Time) string { return t.Format("2 January 2006") },
	"month":      func(t time.Time) string { return t.Format("January 2006") },
	"iso":        func(t time.Time) string { return t.Format(time.DateOnly) },
	// first keeps at most n pages of a list, for previews of long lists.
	"first":       func(n int, pages []*Page) []*Page { return pages[:min(n, len(pages))] },
	"speciesAttr": func(g *Page) string { return speciesAttr(g.page) },
	"filterAttrs": filterAttrs,
	"items":       markup.Items,
	"kindTitle":   kindTitle,
}

// kindTitles are the gear kinds as headings show them; other kinds, the
// enrichment ones, are their names with a capital.
var kindTitles = map[string]string{"harness": "Harnesses", "leash": "Leashes", "collar": "Collars",
	"id-tag": "ID tags", "treats": "Treats", "toy": "Toys", "carrier": "Carriers"}

// kindTitle is a gear or enrichment kind as a heading: "id-tag" is "ID
// tags", "play" is "Play".
func kindTitle(kind string) string {
	if t, ok := kindTitles[kind]; ok {
		return t
	}
	return taxonomyTitle(kind)
}

// job is one page to render: which layout, to which path, showing what.
// Jobs are made from the linked site before anything renders, and never
// changed, so one plan can render twice at once.
type job struct {
	path   string
	layout string
	page   *site.Page // the content page, or a generated stand-in
	// title, description and canonical are Data's.
	title, description, canonical string
	taxonomy                      *site.Taxonomy
	term                          *site.Term
	list                          []*site.Page
	pager                         *Pager
	bar                           *FilterBar
	ideas                         []*site.EnrichmentGroup
	gear                          []*site.GearGroup
	// inputs are what the job itself was made from: the list a section
	// or term page shows a slice of, the aggregate an enrichment page
	// filters.
	inputs []Input
}

// data is the dot of a job's layout, in the output's scope.
func (j *job) data(sc *scope) *Data {
	sc.readAll(j.inputs)
	d := &Data{Site: sc.site(), Page: sc.page(j.page), Kind: j.layout,
		Taxonomy: sc.taxonomy(j.taxonomy), Term: sc.term(j.term),
		Title: j.title, Description: j.description, Canonical: j.canonical,
		Meta: markup.Head(j.layout, j.title, j.description, j.canonical, sc.shareImage(j.page)),
		List: sc.pages(j.list), Pager: j.pager, scope: sc}
	if j.bar != nil {
		d.Filter, d.Filters, d.FilterBar = j.bar.Current, j.bar.Dimensions, j.bar
		d.Ideas, d.IdeaCount = sc.ideaGroups(j.ideas, false), countIdeas(j.ideas)
	}
	if j.gear != nil {
		d.Gear = sc.gearGroups(j.gear, false)
	}
	if j.layout == "guide" {
		d.JSONLD = howTo(sc.run.site, j.page, sc.shareImage(j.page))
		d.ReviewJSONLD = reviewedPage(sc.run.site, j.page)
	}
	return d
}

// run is one call of Make: what its outputs share.
type run struct {
	site     *site.Site
	theme    *Theme
	record   bool
	partials sync.Map // cacheKey -> *cachedPartial
	species  sync.Map // *site.Page -> its speciesAttr, asked for with each of its ideas on five pages

	pending    *Pending     // when recording: it keeps the search index for the next rebuild
	ahead      *SearchAhead // a search index begun before Make, or nil
	searchOnce sync.Once
	search     *searchState // made by the first output that needs it (search.go)
	// indexLeft is how many outputs that read the index are still to be
	// made: when the last is, the run lets the index go, and the pages
	// made after it do not hold its memory (Pending keeps its own).
	indexLeft atomic.Int32
}

// newRun is the run of a Make of outs.
func newRun(s *site.Site, th *Theme, outs []Output, rec *Pending, ahead *SearchAhead) *run {
	r := &run{site: s, theme: th, record: rec != nil, pending: rec, ahead: ahead}
	for i := range outs {
		if outs[i].index {
			r.indexLeft.Add(1)
		}
	}
	return r
}

func (r *run) speciesOf(g *site.Page) string {
	if v, ok := r.species.Load(g); ok {
		return v.(string)
	}
	sp := speciesAttr(g)
	r.species.Store(g, sp)
	return sp
}

// Render makes every output of s with th: the pages, the feeds and search
// index, the assets and the content's own files. It hands each file to
// emit as soon as it is made, from several goroutines at once. Streaming
// keeps a 10,000-guide build from holding every page in memory before
// writing. It makes nothing when a link of s reaches no output
// (CheckLinks). After an error from a template or from emit, no more files
// are started.
func Render(s *site.Site, th *Theme, emit func(File) error) diag.List {
	plan := Plan(s, th)
	if diags := CheckLinks(s, plan); diags.HasErrors() {
		return diags
	}
	return Make(s, th, plan, emit, nil, nil)
}

// Make makes the given outputs of Plan(s, th) in parallel and hands each
// to emit as Render does. With rec, it records in rec what each output
// was made from; a rebuild passes only the outputs its Record found
// stale. Without rec, ahead, when not nil, is the search index StartSearch
// began for s, which the index's files then wait for instead of making
// their own.
func Make(s *site.Site, th *Theme, outs []Output, emit func(File) error, rec *Pending, ahead *SearchAhead) diag.List {
	r := newRun(s, th, outs, rec, ahead)
	var (
		mu     sync.Mutex
		diags  diag.List
		failed atomic.Bool
		wg     sync.WaitGroup
		next   atomic.Int64 // the next of order to make
	)
	report := func(d diag.Diagnostic) {
		failed.Store(true)
		mu.Lock()
		diags = append(diags, d)
		mu.Unlock()
	}
	// Feeds, the search index and files first: the big ones among them
	// (the search index of a large site) then overlap the pages instead of
	// trailing them on one CPU. Each worker takes the next output by
	// counting, not from a channel: the 10,000 files of a large site's
	// index are each a few microseconds' work, which a hand-over from
	// goroutine to goroutine would about double.
	order := make([]*Output, 0, len(outs))
	for i := range outs {
		if outs[i].job == nil {
			order = append(order, &outs[i])
		}
	}
	for i := range outs {
		if outs[i].job != nil {
			order = append(order, &outs[i])
		}
	}
	for range min(runtime.GOMAXPROCS(0), max(1, len(outs))) {
		wg.Go(func() {
			last := 0 // the size of the last page
			for i := next.Add(1) - 1; i < int64(len(order)) && !failed.Load(); i = next.Add(1) - 1 {
				last = r.output(order[i], last, emit, rec, report)
			}
		})
	}
	wg.Wait()
	return dedupe(diags)
}

// output makes one output and hands it to emit; last is the size of the
// worker's last page, and the size of this one is returned. A panic, which
// would be a bug of careguide's, is reported as an error of that output
// instead of ending the process: the build fails, and whatever the caller
// was writing is aborted, not left half done.
func (r *run) output(o *Output, last int, emit func(File) error, rec *Pending, report func(diag.Diagnostic)) int {
	defer func() {
		if v := recover(); v != nil {
			report(diag.Diagnostic{File: o.Path, Code: diag.CodeTemplate, Message: fmt.Sprintf("careguide failed making this file: %v", v),
				Hint: "this is a bug in careguide; please report it, with the templates and the page that show it"})
		}
	}()
	sc := &scope{run: r}
	var f File
	if j := o.job; j == nil {
		f = File{Path: o.Path, Data: o.make(sc)}
		if o.index && r.indexLeft.Add(-1) == 0 {
			r.search = nil // every output that reads it is made
		}
		if sc.file != nil { // the bytes are in its memory, grown as they needed
			sc.file.b, f.Done = f.Data, sc.file.done
		}
		if sc.err != nil {
			if f.Done != nil {
				f.Done()
			}
			report(diag.Diagnostic{File: o.Path, Code: diag.CodeImage, Message: sc.err.Error()})
			return last
		}
	} else {
		sc.layout = j.layout
		buf := getPageBuf(last)
		if err := r.theme.layouts[j.layout].ExecuteTemplate(buf, "base", j.data(sc)); err != nil {
			report(templateError("templates/"+j.layout+".html", err))
			buf.done()
			return last
		}
		last = buf.Len()
		f = File{Path: j.path, Data: buf.Bytes(), Done: buf.done}
	}
	if rec != nil {
		rec.add(o.Path, dedupeInputs(sc.inputs))
	}
	if err := emit(f); err != nil {
		report(diag.Diagnostic{File: o.Path, Code: diag.CodeWrite, Message: err.Error()})
	}
	return last
}

// All renders the whole site into memory, sorted by path.
func All(s *site.Site, th *Theme) ([]File, diag.List) {
	var (
		mu    sync.Mutex
		files []File
	)
	diags := Render(s, th, func(f File) error {
		mu.Lock()
		files = append(files, f.Keep())
		mu.Unlock()
		return nil
	})
	if diags.HasErrors() {
		return nil, diags
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// dedupe keeps one report of each template error: a broken template fails
// for every page that uses it.
func dedupe(l diag.List) diag.List {
	l.Sort()
	return slices.CompactFunc(l, func(a, b diag.Diagnostic) bool { return a == b })
}

// pageJobs lists a job for every page of s, in the order they render.
func pageJobs(s *site.Site) []*job {
	var jobs []*job
	add := func(outDir, layout string, j *job) {
		j.path, j.layout = strings.TrimPrefix(outDir+"/index.html", "/"), layout
		j.title, j.description = j.page.Title, cmp.Or(j.page.Description, s.Config.Description)
		j.canonical = s.Config.AbsURL(j.page.URL)
		jobs = append(jobs, j)
	}
	per := perPage(s.Config)
	for _, p := range s.Pages {
		if p.Kind != content.KindSection {
			add(p.Dir, layoutOf(p.Kind), &job{page: p})
			continue
		}
		for _, lp := range sectionPages(p, per) {
			j := &job{page: p, list: lp.list, pager: lp.pager, inputs: []Input{{InChildren, p.Path}}}
			add(lp.dir, "section", j)
			lp.label(s, j)
		}
	}
	for _, tax := range s.Taxonomies {
		add(tax.Name, "taxonomy", &job{page: generated(s, tax.Name, taxonomyTitle(tax.Name)), taxonomy: tax,
			inputs: []Input{{InTerms, tax.Name}}})
		for _, term := range tax.Terms {
			page := generated(s, tax.Name+"/"+term.Slug, term.Name)
			for _, lp := range termPages(tax, term, per) {
				j := &job{page: page, taxonomy: tax, term: term, list: lp.list, pager: lp.pager,
					inputs: []Input{{InTermPages, termName(term)}}}
				add(lp.dir, "term", j)
				lp.label(s, j)
			}
		}
	}
	enrichmentJobs(s, add)
	gearJobs(s, add)
	add("search", "search", &job{page: generated(s, "search", "Search")})
	jobs = append(jobs, &job{path: "404.html", layout: "404", page: generated(s, "404.html", "Page not found"),
		title: "Page not found", description: s.Config.Description})
	return jobs
}

func layoutOf(k content.Kind) string {
	switch k {
	case content.KindHome:
		return "home"
	case content.KindSection:
		return "section"
	case content.KindGuide:
		return "guide"
	}
	return "page"
}

// generated makes the stand-in page of a page careguide writes itself, so
// templates find a Title and URL on every page.
func generated(s *site.Site, dir, title string) *site.Page {
	url := s.Config.BasePath() + dir + "/"
	if strings.HasSuffix(dir, ".html") {
		url = s.Config.BasePath() + dir
	}
	return &site.Page{Page: &content.Page{Dir: dir, URL: url, Guide: content.Guide{Title: title}},
		Parent: s.Home, Breadcrumbs: []*site.Page{s.Home}}
}

// taxonomyTitle is a taxonomy's name as headings and navigation show it:
// "species" is "Species", "life-stages" "Life stages".
func taxonomyTitle(name string) string {
	return titleCase(strings.NewReplacer("-", " ", "_", " ").Replace(name))
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
