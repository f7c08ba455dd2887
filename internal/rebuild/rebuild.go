// Package rebuild keeps a site built in memory and brings it up to date
// when files change, doing work in proportion to the change, not to the
// site: the loop behind `careguide serve` and `careguide build --watch`.
//
// Input: the site dir as an fs.FS, the default theme, and after the first
// build the slash paths (relative to the site dir) that changed, as package
// watch reports them; a folder path stands for everything under it.
// Output: a Result with the bytes of the outputs that changed and the
// paths of those that went away (the first build changes every output),
// and the diagnostics of the current files. The Builder keeps only a hash
// of each output, not its bytes: the caller keeps the site (a preview
// server in memory, build --watch on disk), so it is held once.
//
// How a rebuild saves work, stage by stage:
//   - content: only the changed files are read and parsed; every other
//     page is the one parsed before.
//   - link: when every changed page kept its frontmatter, its links and
//     its anchors (a body edit, the common case), the linked site cannot
//     have changed, so the new pages take the old ones' places and linking
//     is skipped. Otherwise the whole site is linked again, which is cheap
//     next to parsing and rendering.
//   - render: render.Plan gives every output a Key that sums up its
//     inputs; only outputs whose Key changed are made again. A body edit
//     makes one page; a title edit makes that page and the pages that list
//     or link to it.
//
// A rebuild with errors changes nothing: the last good site stands, and
// the next rebuild starts from it. A save of site.yaml, a rescan and
// the first build read and render everything.
package rebuild

import (
	"hash/maphash"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitefs"
)

// Options change what the site publishes, as for build.Build.
type Options = build.Options

// Builder holds one site's last build and the parsed state of its files.
// Its methods must not be called concurrently.
type Builder struct {
	siteFS, theme fs.FS
	opts          Options

	cfg      *config.Site
	copts    *content.Options
	th       *render.Theme
	themeErr diag.List          // of the last theme load
	sources  map[string]*source // by slash path inside content/
	linkDiag diag.List          // of the last link
	site     *site.Site         // the last good site
	good     bool               // whether site matches the sources
	outputs  map[string]uint64  // a hash of each of the last good site's outputs, by path
	plan     []render.Output    // the last good site's plan
	record   *render.Record     // what each of those outputs was made from
	// renderAll makes the next good build render every output, Key or
	// not: set by Build, cleared when a build succeeds.
	renderAll bool
}

// source is the latest state of one file under content/.
type source struct {
	page  *content.Page // nil for other files and for pages too broken to parse
	file  *content.File // a file published as is
	diags diag.List
}

// Result is the outcome of a build or rebuild.
type Result struct {
	// Files holds the bytes of the outputs this build added or changed
	// (all of them after the first build), by path; empty when it failed,
	// and when Options.Emit took them instead, from several goroutines at
	// once, as they were made. After a failed build, what Emit was given
	// is not part of the site.
	Files    map[string][]byte
	Changed  []string // the paths of Files, sorted
	Removed  []string // outputs gone since the last good build, sorted
	Rendered int      // pages made from templates by this build
	Linked   bool     // whether the site was linked again (false: body edits only)
	Diags    diag.List
}

// OK reports whether the build succeeded; when not, nothing changed.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// New returns a Builder for the site in siteFS with the default theme.
// Nothing is read until Build.
func New(siteFS, theme fs.FS, opts Options) *Builder {
	return &Builder{siteFS: siteFS, theme: theme, opts: opts, outputs: map[string]uint64{}, record: render.NewRecord()}
}

// Build reads and renders everything: the first build, and after a change
// to site.yaml or a lost watch event. Every output is made again, not only
// those whose Key changed, so a full build also mends anything a Key
// missed (a custom template showing more than package render tracks);
// Result.Changed still lists only outputs whose bytes changed.
func (b *Builder) Build() *Result {
	b.renderAll = true
	cfg, diags := config.Load(b.siteFS)
	if diags.HasErrors() {
		b.cfg, b.good = nil, false // the next rebuild starts over
		return b.failed(diags)
	}
	b.cfg, b.copts = cfg, build.ContentOptions(cfg, b.opts)
	c, cdiags := content.Load(b.siteFS, b.copts)
	if c == nil {
		b.cfg, b.good = nil, false
		return b.failed(append(diags, cdiags...))
	}
	b.sources = map[string]*source{}
	byFile := map[string]diag.List{}
	for _, d := range cdiags {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for _, p := range c.Pages {
		b.sources[p.Path] = &source{page: p, diags: byFile[content.Dir+"/"+p.Path]}
	}
	for p := range c.Failed {
		b.sources[p] = &source{diags: byFile[content.Dir+"/"+p]}
	}
	for i := range c.Files {
		f := &c.Files[i]
		b.sources[f.Path] = &source{file: f, diags: byFile[content.Dir+"/"+f.Path]}
	}
	b.loadTheme()
	return b.finish(diags, nil)
}

// Rebuild brings the site up to date with the changed paths.
func (b *Builder) Rebuild(paths []string) *Result {
	if b.cfg == nil || slices.Contains(paths, config.File) {
		return b.Build()
	}
	var themeChanged bool
	var changed []string // content paths whose source changed
	for _, p := range paths {
		switch {
		case under(p, "templates"), under(p, "assets"):
			themeChanged = true
		case under(p, content.Dir):
			changed = append(changed, b.reread(strings.TrimPrefix(strings.TrimPrefix(p, content.Dir), "/"))...)
		}
	}
	if themeChanged {
		// Every output shows the templates or names the assets.
		b.loadTheme()
		b.renderAll = true
	}
	if !themeChanged && len(changed) == 0 && b.good {
		return &Result{Diags: b.diags(nil)}
	}
	if b.good && !themeChanged {
		if swapped, ok := b.swapPages(changed); ok {
			return b.finish(nil, swapped)
		}
	}
	return b.finish(nil, nil)
}

func (b *Builder) loadTheme() {
	b.th, b.themeErr = render.LoadTheme(sitefs.Overlay(b.siteFS, b.theme))
}

// under reports whether slash path p is dir or inside it.
func under(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// reread reads the file or folder at rel (a slash path inside content/,
// "" for content/ itself) again and returns the paths of sources that
// changed: read anew, added or gone.
func (b *Builder) reread(rel string) []string {
	full := path.Join(content.Dir, rel)
	info, err := fs.Lstat(b.siteFS, full)
	if err == nil && info.Mode().IsRegular() {
		// The common case, one saved file: no need to look at the others.
		if !hidden(rel) && b.read(rel) {
			return []string{rel}
		}
		return nil
	}
	var changed []string
	if _, ok := b.sources[rel]; ok { // a file that went away or is no longer a plain file
		delete(b.sources, rel)
		changed = append(changed, rel)
	}
	if err == nil && !info.IsDir() {
		return changed
	}
	// A folder, or a path gone that may have been one: what was under it
	// may be gone too, and a folder's files may be new.
	for p := range b.sources {
		if rel == "" || strings.HasPrefix(p, rel+"/") {
			if _, err := fs.Lstat(b.siteFS, path.Join(content.Dir, p)); err != nil {
				delete(b.sources, p)
				changed = append(changed, p)
			}
		}
	}
	if err != nil || hidden(rel) {
		return changed
	}
	fs.WalkDir(b.siteFS, full, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != full && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel := strings.TrimPrefix(p, content.Dir+"/"); d.Type().IsRegular() && b.read(rel) {
			changed = append(changed, rel)
		}
		return nil
	})
	return changed
}

// hidden reports whether any part of rel is a name content.Load skips.
func hidden(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if part != "" && content.Ignored(part) {
			return true
		}
	}
	return false
}

// read parses or reads one file and reports whether it differs from what
// was there.
func (b *Builder) read(rel string) bool {
	file := content.Dir + "/" + rel
	data, err := fs.ReadFile(b.siteFS, file)
	old := b.sources[rel]
	if err != nil {
		b.sources[rel] = &source{diags: diag.List{{File: file, Code: diag.CodeRead, Message: err.Error()}}}
		return true
	}
	if path.Ext(rel) != ".md" {
		if old != nil && old.file != nil && string(old.file.Data) == string(data) {
			return false
		}
		b.sources[rel] = &source{file: &content.File{Path: rel, Data: data}}
		return true
	}
	page, diags := content.Parse(rel, data, b.copts)
	if old != nil && old.page != nil && page != nil && old.page.Hash == page.Hash {
		return false
	}
	b.sources[rel] = &source{page: page, diags: diags}
	return true
}

// swapPages puts re-parsed pages in their old pages' places in the linked
// site, when nothing linking depends on changed: same frontmatter, links
// and anchors, all of them published pages that parsed before and now. It
// returns the pages it swapped, and whether it could.
func (b *Builder) swapPages(changed []string) ([]*site.Page, bool) {
	swaps := map[*site.Page]*content.Page{}
	for _, rel := range changed {
		src := b.sources[rel]
		if src == nil || src.page == nil || src.diags.HasErrors() {
			return nil, false
		}
		sp := b.site.Lookup(rel)
		if sp == nil {
			return nil, false
		}
		old, now := sp.Page, src.page
		if old.Front != now.Front || !slices.Equal(old.Anchors, now.Anchors) || !sameTargets(old.Links, now.Links) {
			return nil, false
		}
		swaps[sp] = now
	}
	var swapped []*site.Page
	for sp, now := range swaps {
		sp.Page = now
		swapped = append(swapped, sp)
	}
	return swapped, true
}

// sameTargets reports whether two pages link to the same places in the
// same order, wherever in the file the links stand.
func sameTargets(a, b []content.Link) bool {
	return slices.EqualFunc(a, b, func(x, y content.Link) bool {
		x.Line, x.Col, y.Line, y.Col = 0, 0, 0, 0
		return x == y
	})
}

// finish links the sources, plans, and renders the outputs whose keys
// changed. With swapped pages (a body edit), the site is the last one with
// those pages swapped in, and only their own outputs are planned again.
func (b *Builder) finish(extra diag.List, swapped []*site.Page) *Result {
	relink := swapped == nil
	if relink {
		// Linked even when some files are broken, as build does, so every
		// problem shows at once.
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
		var s *site.Site
		s, b.linkDiag = site.Link(b.cfg, c, site.Options{Drafts: b.opts.Drafts})
		if !b.diags(nil).HasErrors() {
			b.site = s
		}
	}
	diags := b.diags(extra)
	if diags.HasErrors() || b.th == nil {
		b.good = false
		return b.failed(diags)
	}
	b.good = true
	r := &Result{Linked: relink, Diags: diags, Files: map[string][]byte{}}
	var stale []string
	if relink {
		b.plan = render.Plan(b.site, b.th)
		if !b.renderAll {
			stale = b.record.Stale(b.site)
		}
	} else {
		var maybe []render.Input
		for _, p := range swapped {
			maybe = append(maybe, render.Input{Kind: render.InBody, Name: p.Path})
		}
		stale = b.record.StaleOf(b.site, maybe)
	}
	var todo []render.Output
	for _, o := range b.plan {
		if _, ok := b.outputs[o.Path]; b.renderAll || !ok || slices.Contains(stale, o.Path) {
			todo = append(todo, o)
		}
	}
	for _, o := range todo {
		if o.Page() {
			r.Rendered++
		}
	}
	// Outputs are compared with the last build's as they are made, so a
	// caller that keeps them its own way (Options.Emit) gets each changed
	// one at once and no page is held here.
	var mu sync.Mutex
	sums := make(map[string]uint64, len(todo))
	pending := render.NewPending(b.site)
	if d := render.Make(b.site, b.th, todo, func(f render.File) error {
		sum := maphash.Bytes(sumSeed, f.Data)
		mu.Lock()
		sums[f.Path] = sum
		old, ok := b.outputs[f.Path]
		changed := !ok || old != sum
		if changed {
			r.Changed = append(r.Changed, f.Path)
			if b.opts.Emit == nil {
				r.Files[f.Path] = f.Keep().Data
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
	}, pending); d.HasErrors() {
		b.good = false
		return b.failed(append(diags, d...))
	}
	for _, o := range todo {
		b.outputs[o.Path] = sums[o.Path]
	}
	b.record.Apply(pending)
	b.renderAll = false
	if relink {
		planned := make(map[string]bool, len(b.plan))
		for _, o := range b.plan {
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
	slices.Sort(r.Changed)
	slices.Sort(r.Removed)
	return r
}

// diags is every diagnostic of the current sources and the last link,
// sorted, plus extra.
func (b *Builder) diags(extra diag.List) diag.List {
	all := slices.Clone(extra)
	for _, src := range b.sources {
		all = append(all, src.diags...)
	}
	all = append(all, b.linkDiag...)
	all = append(all, b.themeErr...)
	all.Sort()
	return all
}

func (b *Builder) failed(diags diag.List) *Result {
	diags.Sort()
	return &Result{Diags: diags}
}

// sumSeed seeds the hashes of outputs' bytes, compared within one process.
var sumSeed = maphash.MakeSeed()
