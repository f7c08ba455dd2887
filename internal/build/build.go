// Package build runs the stages of a build in order and times each:
// config, content, link, lint, theme, render, publish. It is the table of
// contents of careguide; each stage lives in its own package and passes
// plain data to the next.
//
// Input: the site dir as an fs.FS and the default theme as another; the
// site's own templates and assets override the default file by file.
// Output: a Result with the files of the site, or the files streamed to
// Options.Emit (nothing is written here), and every diagnostic.
//
// One pipeline serves a single build (Build: `careguide build`, `check`)
// and a site kept up to date as files change (a Builder: `careguide serve`,
// `build --watch`). A Builder runs the same stages, each keeping what it
// made so that the next run does work in proportion to the change, not to
// the site:
//   - content: only the changed files are read and parsed again;
//   - link: when every changed page kept its frontmatter, its links and its
//     anchors (a body edit, the common case), the linked site cannot have
//     changed; the new pages take the old ones' places and linking is
//     skipped. Otherwise the whole site is linked again, which is cheap
//     next to parsing and rendering;
//   - lint: per-guide checks run again for changed pages only;
//   - render: package render records what each output was made from while
//     it is made, and only outputs that read an input that changed are
//     made again. A body edit makes one page; a title edit the pages that
//     show that title.
//
// The one thing to know before changing it: a Builder's result must be the
// result of a Build of the same files, byte for byte; the property test in
// incremental_test.go holds it to that over random edits and templates
// that read unusual things. A change to site.yaml, to a template or to an
// asset makes everything again, as does a rescan, and a run with errors
// changes nothing: the last good site stands, and the next run starts from
// it.
package build

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/lint"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/picture"
	"github.com/careguide/careguide/internal/publish"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitefs"
)

// Options change what a build publishes.
type Options struct {
	Drafts  bool   // publish drafts
	BaseURL string // overrides site.yaml's base_url when set; config.CheckBaseURL first
	// Origin, when set ("http://127.0.0.1:1313"), takes the place of the
	// base URL's scheme and host and keeps its path: a preview serves the
	// site under the path it will be published at.
	Origin string
	// Lint runs the lint step: warnings about guide quality (package lint).
	// It is opt-in so that callers which only want the site, such as tests
	// and tools, are not handed warnings they did not ask about.
	Lint bool
	// Emit, when set, receives each file as soon as it is made (from
	// several goroutines at once) instead of Result.Files, so a big site is
	// never all in memory. An error from Emit fails the build. A Builder
	// emits only the files whose bytes changed since its last good run.
	Emit func(render.File) error
	// Minify minifies HTML, CSS, JS, JSON and SVG outputs (package
	// publish): the theme's CSS and JS before they are fingerprinted, so
	// that a fingerprint names the bytes published.
	Minify bool
	// Precompress adds a gzip and a brotli copy beside each text output
	// worth compressing, and Headers a _headers file of cache rules
	// (package publish). Only Build applies them; a Builder, which keeps
	// a preview or build --watch up to date, ignores them.
	Precompress, Headers bool
	// CacheDir keeps processed images between builds (package picture),
	// so that only new and changed images cost anything. Empty keeps them
	// in memory for the life of the process instead, which suits tests.
	CacheDir string
}

// Result is the outcome of one run of the pipeline.
type Result struct {
	// Files are the outputs this run made whose bytes changed (all of them
	// in a first run), sorted by path; nil with Options.Emit or errors.
	Files   []render.File
	Changed []string // the paths of the outputs whose bytes changed, sorted
	Removed []string // outputs gone since the last good run, sorted
	Site    *site.Site
	Diags   diag.List // sorted
	Timings []Timing  // one per stage, in order
	// Images counts the images this run processed and those it took
	// from the cache, with the first failure to use the cache dir (not an
	// error: the images are made again the next time).
	Images struct {
		Made, Cached int
		CacheErr     error
	}
	// Rendered is how many pages were made from templates, and Linked
	// whether the site was linked again (false: body edits only).
	Rendered int
	Linked   bool
}

// OK reports whether the run succeeded; when not, nothing changed.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Timing is how long one stage took.
type Timing struct {
	Stage    string
	Duration time.Duration
	// Within names the stage this one ran inside, on that stage's workers
	// (minify and compress run as render makes each file): Duration is
	// then the time summed over the workers, and part of that stage's.
	Within string
}

// Build builds the site in siteFS once, taking missing templates and
// assets from theme. With Options.CacheDir, a good build then prunes the
// cache of the images it no longer uses.
func Build(siteFS, theme fs.FS, opts Options) *Result {
	b := &Builder{siteFS: siteFS, theme: theme, opts: opts}
	r := b.run(nil)
	if r.OK() && b.proc != nil && opts.CacheDir != "" {
		b.proc.Prune() // a cache it cannot prune only costs disk
	}
	return r
}

// Builder keeps one site built, and brings it up to date when files
// change. Its methods must not be called concurrently.
type Builder struct {
	siteFS, theme fs.FS
	opts          Options
	keep          bool // keep what each stage made for the next run

	cfg          *config.Site
	copts        *content.Options
	sources      map[string]*source // by slash path inside content/
	loadDiag     diag.List          // of reading content/ itself, not of a file in it
	contentDiag  diag.List          // every source's, gathered; nil when they must be gathered again
	changed      []string           // content paths whose source changed since the last link
	site         *site.Site         // the last good site
	linkDiag     diag.List          // of the last link
	good         bool               // whether site matches the sources
	swapped      []*site.Page       // pages the last run swapped in without linking
	linter       *lint.Linter
	proc         *picture.Processor
	imageSources map[string]*imageSource // by content path, from the last run
	imageDiag    diag.List               // of the last images stage
	lintDiag     diag.List
	th           *render.Theme
	themeErr     diag.List         // of the last theme load
	outputs      map[string]uint64 // a hash of each output of the last good site
	plan         []render.Output   // the plan of the site being made
	planned      map[string]int    // the plan's outputs, by path
	planDiag     diag.List         // the plan's links that reach no output (render.CheckLinks)
	record       *render.Record    // what each of those outputs was made from
	all          bool              // the next good run makes every output
	pub          *publisher        // this run's transforms; nil when none
}

// source is the latest state of one file under content/.
type source struct {
	page  *content.Page // nil for other files and for pages too broken to parse
	file  *content.File // a file published as is
	diags diag.List
}

// New returns a Builder for the site in siteFS. Nothing is read until
// Build.
func New(siteFS, theme fs.FS, opts Options) *Builder {
	return &Builder{siteFS: siteFS, theme: theme, opts: opts, keep: true}
}

// Build reads and makes everything: the first run, and after the watcher
// lost track of changes. Its result lists as changed only the outputs
// whose bytes differ from the last good run's.
func (b *Builder) Build() *Result {
	b.cfg = nil
	return b.run(nil)
}

// Rebuild brings the site up to date with the changed paths (slash paths
// relative to the site dir; a folder stands for everything under it).
func (b *Builder) Rebuild(paths []string) *Result {
	if slices.Contains(paths, config.File) {
		b.cfg = nil
	}
	// Forgotten now, not when the theme stage runs: a run that stops at an
	// earlier stage's errors must not lose the change for the next one.
	if slices.ContainsFunc(paths, func(p string) bool { return under(p, "templates") || under(p, "assets") }) {
		b.th = nil
	}
	// The shared images are few and seldom change: content is read again
	// whole, which also tells the theme which assets are no longer its own.
	if slices.ContainsFunc(paths, func(p string) bool { return under(p, content.SharedImages) || p == "assets" }) {
		b.sources = nil
	}
	return b.run(paths)
}

// stage is one step of the pipeline; it reports whether the run goes on.
type stage struct {
	name string
	run  func(r *Result, changed []string) bool
}

// run runs the stages in order, timing each.
func (b *Builder) run(changed []string) *Result {
	r := &Result{}
	for _, st := range []stage{
		{"config", b.loadConfig},
		{"content", b.loadContent},
		{"link", b.link},
		{"images", b.images},
		{"lint", b.lint},
		{"theme", b.loadTheme},
		{"render", b.render},
		{"publish", b.publish},
	} {
		start := time.Now()
		goOn := st.run(r, changed)
		r.Timings = append(r.Timings, Timing{Stage: st.name, Duration: time.Since(start)})
		if !goOn {
			break
		}
	}
	r.Diags.Sort()
	if r.Diags.HasErrors() {
		r.Files, r.Changed, r.Removed, r.Rendered = nil, nil, nil, 0
		b.good = false
	}
	return r
}

func (b *Builder) loadConfig(r *Result, _ []string) bool {
	if b.cfg != nil {
		return true
	}
	cfg, diags := config.Load(b.siteFS)
	if diags.HasErrors() {
		r.Diags = append(r.Diags, diags...)
		return false
	}
	if b.opts.BaseURL != "" {
		if err := config.CheckBaseURL(b.opts.BaseURL); err != nil {
			r.Diags = append(r.Diags, diag.Diagnostic{Code: diag.CodeValue, Message: "base URL " + err.Error(), Hint: config.BaseURLHint})
			return false
		}
		cfg.SetBaseURL(b.opts.BaseURL)
	}
	if b.opts.Origin != "" {
		cfg.SetBaseURL(b.opts.Origin + cfg.BasePath())
	}
	b.cfg, b.sources, b.th, b.linter, b.plan, b.planned, b.all = cfg, nil, nil, nil, nil, nil, true
	b.copts = &content.Options{
		Markdown:   markdown.New(markdown.WithUnsafeHTML(cfg.UnsafeHTML)),
		BasePath:   cfg.BasePath(),
		Taxonomies: cfg.Taxonomies,
	}
	r.Diags = append(r.Diags, diags...)
	return true
}

// loadContent reads content/: all of it on a first run, the changed paths
// after.
func (b *Builder) loadContent(r *Result, changed []string) bool {
	b.changed = nil
	if b.loadDiag != nil && slices.ContainsFunc(changed, func(p string) bool { return under(p, content.Dir) }) {
		b.sources = nil // content/ could not be read, and now something in it changed
	}
	if b.sources == nil {
		c, diags := content.Load(b.siteFS, b.copts)
		b.sources = make(map[string]*source, len(c.Pages)+len(c.Files)+len(c.Failed))
		byFile := map[string]diag.List{}
		for _, d := range diags {
			byFile[d.File] = append(byFile[d.File], d)
		}
		for _, p := range c.Pages {
			b.sources[p.Path] = &source{page: p, diags: byFile[content.Dir+"/"+p.Path]}
			delete(byFile, content.Dir+"/"+p.Path)
		}
		for p := range c.Failed {
			b.sources[p] = &source{diags: byFile[content.Dir+"/"+p]}
			delete(byFile, content.Dir+"/"+p)
		}
		for i := range c.Files {
			f := &c.Files[i]
			b.sources[f.Path] = &source{file: f, diags: byFile[f.Name()]}
			delete(byFile, f.Name())
		}
		b.loadDiag, b.contentDiag = nil, nil
		for _, file := range slices.Sorted(maps.Keys(byFile)) { // content/ itself
			b.loadDiag = append(b.loadDiag, byFile[file]...)
		}
		b.good = false
	} else {
		for _, p := range changed {
			if under(p, content.Dir) {
				b.changed = append(b.changed, b.reread(strings.TrimPrefix(strings.TrimPrefix(p, content.Dir), "/"))...)
			}
		}
	}
	if b.contentDiag == nil { // gathered again only when a file's changed
		b.contentDiag = diag.List{}
		for _, src := range b.sources {
			b.contentDiag = append(b.contentDiag, src.diags...)
		}
	}
	r.Diags = append(r.Diags, b.loadDiag...)
	r.Diags = append(r.Diags, b.contentDiag...)
	return true
}

// link links the sources into a site; after a body edit it swaps the new
// pages into the last good site instead.
func (b *Builder) link(r *Result, _ []string) bool {
	b.swapped = nil
	if b.good && b.keep {
		if len(b.changed) == 0 {
			r.Site, r.Diags = b.site, append(r.Diags, b.linkDiag...)
			return true
		}
		if swapped, ok := b.swapPages(b.changed); ok {
			b.swapped = swapped
			r.Site, r.Diags = b.site, append(r.Diags, b.linkDiag...)
			return true
		}
	}
	c := &content.Content{Failed: map[string]bool{}}
	for _, p := range slices.Sorted(maps.Keys(b.sources)) {
		switch src := b.sources[p]; {
		case src.page != nil:
			c.Pages = append(c.Pages, src.page)
		case src.file != nil:
			c.Files = append(c.Files, *src.file)
		default:
			c.Failed[p] = true
		}
	}
	// Linked even when some files are broken, so every problem shows at
	// once.
	s, diags := site.Link(b.cfg, c, site.Options{Drafts: b.opts.Drafts})
	b.linkDiag = diags
	r.Diags = append(r.Diags, diags...)
	r.Site, r.Linked = s, true
	return true
}

// lint warns about the site's guides. Lint, content and link problems are
// all worth reporting in one run, and so are the theme's and the links
// only the plan can check (render): the run goes on to them, and makes
// nothing if any stage failed. A file with errors gets no warnings until
// they are fixed: what was parsed of it is not what its author meant (a
// malformed updated: date is not also "no updated date").
func (b *Builder) lint(r *Result, _ []string) bool {
	if b.opts.Lint {
		switch {
		case b.linter == nil:
			b.linter = lint.New()
			b.lintDiag = b.linter.Check(r.Site)
		case r.Linked:
			b.lintDiag = b.linter.Check(r.Site)
		case b.swapped != nil:
			b.lintDiag = b.linter.Swapped(r.Site, b.swapped)
		}
		r.Diags = append(r.Diags, onErrorFree(b.lintDiag, r.Diags)...)
		if !b.keep {
			b.linter, b.lintDiag = nil, nil
		}
	}
	return true
}

func (b *Builder) loadTheme(r *Result, _ []string) bool {
	if b.th == nil {
		var opts []render.ThemeOption
		if b.opts.Minify {
			opts = append(opts, render.WithAssetMinifier(publish.NewMinifier().MinifyBytes))
		}
		shared := map[string]bool{}
		for p, src := range b.sources {
			if src.file != nil && src.file.Shared {
				shared[p] = true
			}
		}
		opts = append(opts, render.WithSharedImages(shared))
		b.th, b.themeErr = render.LoadTheme(sitefs.Overlay(b.siteFS, b.theme), opts...)
		b.all = true
	}
	r.Diags = append(r.Diags, b.themeErr...)
	return !b.themeErr.HasErrors()
}

// leaveOut, when set, is the outputs that builds leave out of their
// plans: for BenchmarkSearchIndexShare10k, which compares builds with and
// without the search index in one process. It is nil but in that
// benchmark; a build with it set begins no search index ahead of its
// plan, which may have none.
var leaveOut func(render.Output) bool

// render makes the outputs: all of them on a single build; in a Builder,
// those whose recorded inputs changed, and those new to the site.
func (b *Builder) render(r *Result, _ []string) bool {
	s := r.Site
	b.pub = b.newPublisher()
	// A build makes every output, the search index's among them: the index
	// is begun now, to count words on the cores that planning leaves idle
	// (a build whose links then fail has made it for nothing). A rebuild
	// takes its index from its Pending instead.
	var ahead *render.SearchAhead
	if !b.keep && leaveOut == nil && !r.Diags.HasErrors() {
		ahead = render.StartSearch(s)
	}
	// A plan is made of the linked site and the theme: a body edit keeps
	// both, and the plan with them. Its links are checked even when an
	// earlier stage failed, so that every problem shows at once.
	if !b.keep || r.Linked || b.all || b.plan == nil {
		b.plan = render.Plan(s, b.th)
		if leaveOut != nil {
			b.plan = slices.DeleteFunc(b.plan, leaveOut)
		}
		b.planDiag = render.CheckLinks(s, b.plan)
		if b.keep {
			b.planned = make(map[string]int, len(b.plan))
			for i, o := range b.plan {
				b.planned[o.Path] = i
			}
		}
	}
	r.Diags = append(r.Diags, b.planDiag...)
	if r.Diags.HasErrors() {
		return false
	}
	if !b.keep {
		emit := b.opts.Emit
		switch {
		case b.pub != nil: // it hands the files on, and over in its stage
			emit = b.pub.emit
		case emit == nil:
			var mu sync.Mutex
			emit = func(f render.File) error {
				mu.Lock()
				r.Files = append(r.Files, f.Keep())
				mu.Unlock()
				return nil
			}
		}
		diags := render.Make(s, b.th, b.plan, emit, nil, ahead)
		r.Diags = append(r.Diags, diags...)
		slices.SortFunc(r.Files, func(x, y render.File) int { return strings.Compare(x.Path, y.Path) })
		for _, f := range r.Files {
			r.Changed = append(r.Changed, f.Path)
		}
		return !diags.HasErrors()
	}
	plan := b.plan
	// One Pending both finds what is stale and records what is made, so
	// that the site's versions are worked out once.
	pending := render.NewPending(s)
	var stale []string
	switch {
	case b.all || b.record == nil:
	case r.Linked:
		stale = b.record.Stale(pending)
	default:
		var maybe []render.Input
		for _, p := range b.swapped {
			maybe = append(maybe, render.Input{Kind: render.InBody, Name: p.Path})
		}
		stale = b.record.StaleOf(pending, maybe)
	}
	var todo []render.Output
	if r.Linked || b.all {
		remake := make(map[string]bool, len(stale))
		for _, p := range stale {
			remake[p] = true
		}
		for _, o := range plan {
			if _, ok := b.outputs[o.Path]; b.all || !ok || remake[o.Path] {
				todo = append(todo, o)
			}
		}
	} else { // the same plan: nothing new, only what went stale
		for _, p := range stale {
			if i, ok := b.planned[p]; ok {
				todo = append(todo, plan[i])
			}
		}
	}
	for _, o := range todo {
		if o.Page() {
			r.Rendered++
		}
	}
	// Outputs are compared with the last run's as they are made, so a
	// caller that keeps them its own way (Options.Emit) gets each changed
	// one at once and no page is held here.
	var (
		mu   sync.Mutex
		sums = make(map[string]uint64, len(todo))
	)
	diags := render.Make(s, b.th, todo, func(f render.File) error {
		if b.pub != nil {
			f = b.pub.minify(f)
		}
		sum := maphash.Bytes(sumSeed, f.Data)
		mu.Lock()
		sums[f.Path] = sum
		old, ok := b.outputs[f.Path]
		changed := !ok || old != sum
		if changed {
			r.Changed = append(r.Changed, f.Path)
			if b.opts.Emit == nil {
				r.Files = append(r.Files, f.Keep())
			}
		}
		mu.Unlock()
		switch {
		case changed && b.opts.Emit != nil:
			return b.opts.Emit(f)
		case !changed && f.Done != nil:
			f.Done() // nobody keeps an unchanged output
		}
		return nil
	}, pending, nil)
	r.Diags = append(r.Diags, diags...)
	if diags.HasErrors() {
		return false
	}
	b.commit(r, plan, sums, pending)
	return true
}

// commit makes a good run's site the one the Builder keeps.
func (b *Builder) commit(r *Result, plan []render.Output, sums map[string]uint64, pending *render.Pending) {
	if b.outputs == nil || b.all {
		b.record = render.NewRecord()
	}
	if b.outputs == nil {
		b.outputs = map[string]uint64{}
	}
	for path, sum := range sums {
		b.outputs[path] = sum
	}
	b.record.Apply(pending)
	// Every planned output new to the site was made, so the outputs hold
	// the plan's, and more only when some went away with it.
	if len(b.outputs) != len(plan) {
		planned := make(map[string]bool, len(plan))
		for _, o := range plan {
			planned[o.Path] = true
		}
		for p := range b.outputs {
			if !planned[p] {
				r.Removed = append(r.Removed, p)
				delete(b.outputs, p)
				b.record.Forget(p)
			}
		}
	}
	b.site, b.good, b.all = r.Site, true, false
	slices.SortFunc(r.Files, func(x, y render.File) int { return strings.Compare(x.Path, y.Path) })
	slices.Sort(r.Changed)
	slices.Sort(r.Removed)
}

// onErrorFree keeps the warnings about files that have no error in diags.
func onErrorFree(warnings, diags diag.List) diag.List {
	if !diags.HasErrors() {
		return warnings
	}
	bad := map[string]bool{}
	for _, d := range diags {
		if d.Severity == diag.Error {
			bad[d.File] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(warnings), func(d diag.Diagnostic) bool { return bad[d.File] })
}

// sumSeed seeds the hashes of outputs' bytes, compared within one process.
var sumSeed = maphash.MakeSeed()

// under reports whether slash path p is dir or inside it.
func under(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}
