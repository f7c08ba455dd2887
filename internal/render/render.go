package render

import (
	"bytes"
	"cmp"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/site"
	"html/template"
)

// File is one output: a slash path inside the output dir and its bytes.
type File struct {
	Path string
	Data []byte
	// Done, when set, may be called once, when Data is no longer needed,
	// and never before: Data's memory then holds a later page. A consumer that
	// keeps Data, or does not know when it is done with it, leaves Done
	// alone and the garbage collector frees Data. Reusing the memory of
	// written pages saves a 10,000-guide build 300 MB of allocation, and
	// the collections they would cost.
	Done func()
}

// Keep is f for a consumer that holds on to its Data: a copy of just its
// bytes, with f's memory handed back for reuse.
func (f File) Keep() File {
	if f.Done == nil {
		return f
	}
	data := bytes.Clone(f.Data)
	f.Done()
	return File{Path: f.Path, Data: data}
}

// pageBuf is the memory of one page while it is made and written.
type pageBuf struct {
	bytes.Buffer
	done func() // puts the pageBuf back in pageBufs; made once per pageBuf
}

var pageBufs sync.Pool

// getPageBuf returns an empty pageBuf with room for about size bytes, the
// size of the page its worker made last: a new one would otherwise grow
// by doubling, page after page, for a consumer that does not call Done.
func getPageBuf(size int) *pageBuf {
	b, ok := pageBufs.Get().(*pageBuf)
	if !ok {
		b = &pageBuf{}
		b.done = func() {
			if b.Cap() <= 1<<20 { // not one huge page's for every later one
				pageBufs.Put(b)
			}
		}
	}
	b.Reset()
	b.Grow(size + size/8)
	return b
}

// Data is what every template gets as its dot.
type Data struct {
	Site     *site.Site
	Page     *site.Page     // the content page; for generated pages a stand-in with Title and URL
	Kind     string         // the layout: "guide", "home", "term", ...
	Taxonomy *site.Taxonomy // on taxonomy and term pages
	Term     *site.Term     // on term pages
	JSONLD   any            // schema.org data for a <script type="application/ld+json">, or nil
	// Title, Description and Canonical are the page's, ready for <head>:
	// plain fields, because html/template looks up promoted fields slowly.
	Title       string
	Description string // the page's, or the site's when the page has none
	Canonical   string // the page's absolute URL
	theme       *Theme
	layout      *template.Template
	partials    *sync.Map // name -> *cachedPartial, shared by every page of one render

	// On enrichment pages (see filters.go): Filter is the one filter a
	// filter page applies (nil on /enrichment/ itself), Filters the filter
	// bar, Ideas the ideas shown, by kind, and IdeaCount how many.
	Filter    *EnrichmentFilter
	Filters   []*FilterDimension
	FilterBar *FilterBar // the bar: Filters with Filter marked
	Ideas     []*site.EnrichmentGroup
	IdeaCount int

	// Gear is set on /gear/ pages: the gear advice the page shows, in
	// groups by kind like Site.Gear.
	Gear []*site.GearGroup

	// List and Pager are set on section and term pages, whose lists are
	// split into pages of site.yaml's paginate items; Pager also on
	// enrichment pages (five times paginate ideas a page) and /gear/ (twice
	// paginate items a page).
	List  []*site.Page // the guides (and, on a section's first page, sub-sections) this page shows
	Pager *Pager       // where this page stands in the list; Total is 1 when it fits on one page
}

// cachedPartial is one partial rendered once per build.
type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
}

// cached renders a partial once per build and reuses its HTML on every
// page: {{cached "header" .}}. Only partials that show the same thing on
// every page (site navigation, footer) may be cached; Hugo's partialCached
// is the model. It saves a few dozen template actions a page.
func cached(name string, d *Data) (template.HTML, error) {
	v, ok := d.partials.Load(name)
	if !ok {
		v, _ = d.partials.LoadOrStore(name, &cachedPartial{})
	}
	c := v.(*cachedPartial)
	c.once.Do(func() {
		// The partial sees the site and the home page, never the page that
		// happened to ask first, so the output does not depend on scheduling.
		site := &Data{Site: d.Site, Page: d.Site.Home, Kind: "site", theme: d.theme}
		c.html, c.err = executeToString(d.layout, name, site)
	})
	return c.html, c.err
}

// Asset is the URL of a theme asset, with its fingerprint: {{$.Asset "css/main.css"}}.
func (d *Data) Asset(name string) (string, error) {
	p, err := d.theme.asset(name)
	return d.Site.Config.BasePath() + p, err
}

// AbsURL makes a site path absolute with the base URL, for canonical and
// Open Graph links.
func (d *Data) AbsURL(p string) string { return d.Site.Config.AbsURL(p) }

// cachedFor renders a partial for one value (a page, a term) once per build
// and reuses the HTML wherever that value is shown again:
// {{cachedFor $ "card" .}}. The partial sees only that value as its dot, so
// its output cannot depend on the page that asked first. A guide's card
// appears on a dozen other pages; rendering it once made guide pages a
// third cheaper.
func cachedFor(d *Data, name string, dot any) (template.HTML, error) {
	// Load first: after the first page, nearly every call finds the
	// partial, and LoadOrStore would make a cachedPartial to throw away.
	k := partialKey{name, dot}
	v, ok := d.partials.Load(k)
	if !ok {
		v, _ = d.partials.LoadOrStore(k, &cachedPartial{})
	}
	c := v.(*cachedPartial)
	c.once.Do(func() {
		c.html, c.err = executeToString(d.layout, name, dot)
	})
	return c.html, c.err
}

// cachedEach is cachedFor for every value of a list, joined:
// {{cachedEach $ "card" .List}}. A section page of twenty cards, or an
// enrichment page of a hundred ideas, then costs one template action
// instead of a range of them; html/template spends most of a page's time
// on its actions, not on the text between them. list may be any slice.
func cachedEach(d *Data, name string, list any) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return "", fmt.Errorf("cachedEach wants a list; got %T", list)
	}
	var parts []template.HTML
	size := 0
	for i := range v.Len() {
		h, err := cachedFor(d, name, v.Index(i).Interface())
		if err != nil {
			return "", err
		}
		parts = append(parts, h)
		size += len(h)
	}
	var b strings.Builder
	b.Grow(size)
	for _, h := range parts {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// executeToString runs a partial in scratch space and returns its HTML in
// a string of just its size: 70,000 partials of a 10,000-guide build are
// kept to its end, and a strings.Builder grows them by doubling.
func executeToString(t *template.Template, name string, dot any) (template.HTML, error) {
	b := getPageBuf(0)
	defer b.done()
	err := t.ExecuteTemplate(b, name, dot)
	return template.HTML(b.String()), err
}

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

// partialKey names one cached rendering of a partial.
type partialKey struct {
	name string
	dot  any
}

var funcs = template.FuncMap{
	"cached":     cached,
	"cachedFor":  cachedFor,
	"cachedEach": cachedEach,
	"dict":       dict,
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"date":       func(t time.Time) string { return t.Format("January 2, 2006") },
	"iso":        func(t time.Time) string { return t.Format(time.DateOnly) },
	// first keeps at most n pages of a list, for previews of long lists.
	"first":       func(n int, pages []*site.Page) []*site.Page { return pages[:min(n, len(pages))] },
	"speciesAttr": speciesAttr,
	"filterAttrs": filterAttrs,
}

// job is one page to render: which layout with which data, to which path.
type job struct {
	path   string
	layout string
	data   *Data
}

// Render makes every output of s with th: the pages, the feeds and search
// index, the assets and the content's own files. It hands each file to
// emit as soon as it is made, from several goroutines at once. Streaming
// keeps a 10,000-guide build from holding every page in memory before
// writing. After an error from a template or from emit, no more files are
// started.
func Render(s *site.Site, th *Theme, emit func(File) error) diag.List {
	return Make(s, th, plan(s, th, false), emit)
}

// Make makes the given outputs of Plan(s, th) in parallel and hands each
// to emit as Render does. A rebuild passes only the outputs whose Key
// changed.
func Make(s *site.Site, th *Theme, outs []Output, emit func(File) error) diag.List {
	partials := &sync.Map{}
	for _, o := range outs {
		if o.job != nil {
			o.job.data.layout, o.job.data.partials = th.layouts[o.job.layout], partials
		}
	}
	var (
		mu     sync.Mutex
		diags  diag.List
		failed atomic.Bool
		wg     sync.WaitGroup
		next   = make(chan *Output)
	)
	report := func(d diag.Diagnostic) {
		failed.Store(true)
		mu.Lock()
		diags = append(diags, d)
		mu.Unlock()
	}
	for range min(runtime.GOMAXPROCS(0), max(1, len(outs))) {
		wg.Go(func() {
			last := 0 // the size of the last page
			for o := range next {
				if failed.Load() {
					continue
				}
				j := o.job
				if j == nil {
					if err := emit(File{Path: o.Path, Data: o.make()}); err != nil {
						report(diag.Diagnostic{File: o.Path, Code: diag.CodeWrite, Message: err.Error()})
					}
					continue
				}
				buf := getPageBuf(last)
				if j.layout == "guide" {
					// Made here, not up front: 10,000 guides' JSON-LD would
					// otherwise all sit in memory at once.
					j.data.JSONLD = howTo(s, j.data.Page)
				}
				err := th.layouts[j.layout].ExecuteTemplate(buf, "base", j.data)
				j.data.JSONLD = nil
				if err != nil {
					report(templateError("templates/"+j.layout+".html", err))
					buf.done()
					continue
				}
				last = buf.Len()
				if err := emit(File{Path: j.path, Data: buf.Bytes(), Done: buf.done}); err != nil {
					report(diag.Diagnostic{File: j.path, Code: diag.CodeWrite, Message: err.Error()})
				}
			}
		})
	}
	// Feeds, search shards and files first: the big ones among them (the
	// search index of a large site) then overlap the pages instead of
	// trailing them on one CPU.
	for i := range outs {
		if outs[i].job == nil {
			next <- &outs[i]
		}
	}
	for i := range outs {
		if outs[i].job != nil {
			next <- &outs[i]
		}
	}
	close(next)
	wg.Wait()
	for _, o := range outs {
		if o.job != nil {
			// A plan outlives its render in a preview server; the partials
			// cached for this render must not.
			o.job.data.partials = nil
		}
	}
	return dedupe(diags)
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

func pageJobs(s *site.Site, th *Theme) []*job {
	var jobs []*job
	add := func(outDir, layout string, d *Data) {
		d.Site, d.Kind, d.theme = s, layout, th
		d.Title, d.Description = d.Page.Title, cmp.Or(d.Page.Description, s.Config.Description)
		d.Canonical = s.Config.AbsURL(d.Page.URL)
		jobs = append(jobs, &job{path: strings.TrimPrefix(outDir+"/index.html", "/"), layout: layout, data: d})
	}
	per := perPage(s.Config)
	for _, p := range s.Pages {
		if p.Kind != content.KindSection {
			add(p.Dir, layoutOf(p.Kind), &Data{Page: p})
			continue
		}
		for _, lp := range sectionPages(p, per) {
			d := &Data{Page: p, List: lp.list, Pager: lp.pager}
			add(lp.dir, "section", d)
			lp.label(s, d)
		}
	}
	for _, tax := range s.Taxonomies {
		add(tax.Name, "taxonomy", &Data{Page: generated(s, tax.Name, titleCase(tax.Name)), Taxonomy: tax})
		for _, term := range tax.Terms {
			page := generated(s, tax.Name+"/"+term.Slug, term.Name)
			for _, lp := range termPages(tax, term, per) {
				d := &Data{Page: page, Taxonomy: tax, Term: term, List: lp.list, Pager: lp.pager}
				add(lp.dir, "term", d)
				lp.label(s, d)
			}
		}
	}
	enrichmentJobs(s, add)
	gearJobs(s, add)
	add("search", "search", &Data{Page: generated(s, "search", "Search")})
	d := &Data{Page: generated(s, "404.html", "Page not found"), Title: "Page not found", Description: s.Config.Description}
	d.Site, d.Kind, d.theme = s, "404", th
	jobs = append(jobs, &job{path: "404.html", layout: "404", data: d})
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

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
