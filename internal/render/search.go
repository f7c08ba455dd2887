package render

import (
	"bytes"
	"hash/maphash"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/searchindex"
	"github.com/careguide/careguide/internal/site"
	"html/template"
)

// The search index is package searchindex's files, under search/: the
// meta file, the chunks of postings, the words and endings files, the
// facets and one file per guide with what its results show. Every guide
// is one document, numbered in the order of its content path, which an
// edit never changes. A guide is indexed with its frontmatter and its
// Markdown body.
//
// What each file reads: all of them read InGuidePaths, since a guide's
// number is its place among the guides. A chunk reads its own
// InSearchChunk, a words file its InSearchWords and an endings file its
// InSearchEndings (searchParts), whose versions are their bytes: a
// rebuild indexes again only the guides whose source changed
// (searchindex.Index.Update), and the files whose bytes then differ are
// the ones made again. So an edit of a body, the edit a contributor
// previews most, re-makes its page and the few chunks of the words it
// changed. The facets read InGuideFronts; a guide's own file
// reads that guide's frontmatter alone.

// searchDir is the folder of the index in the output.
const searchDir = "search/"

// searchExcerptSize caps each section's excerpt in a guide's file: about
// two lines of a result, around the words found.
const searchExcerptSize = 160

// searchIndex is the index of one site, made once per Make by the first
// output that needs it.
type searchIndex struct {
	guides []*site.Page
	layout searchindex.Layout
	lang   *searchindex.Language
}

func newSearchIndex(s *site.Site) *searchIndex {
	guides := guidesByPath(s)
	return &searchIndex{guides: guides, layout: searchindex.NewLayout(len(guides)), lang: searchLanguage(s.Config.Language)}
}

// searchLanguage is the stemming and stop words of a site's language; a
// language careguide has no rules for is indexed word for word. The code
// alone decides the rules, so two indexes of one code can Update each
// other.
func searchLanguage(code string) *searchindex.Language {
	if code == "en" || strings.HasPrefix(code, "en-") {
		return &searchindex.English
	}
	return &searchindex.Language{Code: code}
}

// plan lists the index's outputs, saying of each whether it reads the
// index itself (Output.index).
func (si *searchIndex) plan(s *site.Site, made func(path string, index bool, f func(*scope) []byte)) {
	made(searchDir+searchindex.MetaFile, false, func(sc *scope) []byte {
		sc.read(InGuidePaths, "")
		return searchindex.Meta(len(si.guides), si.layout, si.lang)
	})
	part := func(kind InputKind, i int) func(*scope) []byte {
		in := Input{Kind: kind, Name: strconv.Itoa(i)}
		return func(sc *scope) []byte {
			sc.read(InGuidePaths, "")
			sc.read(in.Kind, in.Name)
			st := sc.run.searchIndex(si)
			return st.file(in, sc.run.record, sc.buffer())
		}
	}
	for _, sp := range searchParts {
		for i := range sp.count(si.layout) {
			made(searchDir+sp.file(i), true, part(sp.kind, i))
		}
	}
	made(searchDir+searchindex.FacetsFile, true, func(sc *scope) []byte {
		sc.read(InGuidePaths, "")
		sc.read(InGuideFronts, "")
		return sc.run.searchIndex(si).ix.Facets()
	})
	for n, g := range si.guides {
		made(searchDir+searchindex.DocFile(n), false, func(sc *scope) []byte {
			sc.read(InGuidePaths, "")
			sc.read(InFront, g.Path)
			return searchDocFile(sc.buffer(), g)
		})
	}
}

// searchIndex is the index of si, made once per run: every chunk, words
// file, endings file and facet file is a part of it. A run that records
// takes it from its Pending, which keeps it for the next rebuild to
// Update; a run given a SearchAhead of its site waits for that one.
func (r *run) searchIndex(si *searchIndex) *searchState {
	r.searchOnce.Do(func() {
		switch {
		case r.pending != nil:
			r.search = r.pending.searchState()
		case r.ahead != nil && r.ahead.site == r.site:
			r.search = r.ahead.take()
		default:
			r.search = &searchState{ix: buildSearchIndex(si)}
		}
	})
	return r.search
}

// buildSearchIndex makes the index of si's guides, on every core.
func buildSearchIndex(si *searchIndex) *searchindex.Index {
	return searchindex.Build(len(si.guides), func(i int, w searchindex.Writer) { writeSearchDoc(si.guides[i], w) },
		si.lang, si.layout, runtime.GOMAXPROCS(0))
}

// A SearchAhead is the search index of a site, begun before the Make
// that writes its files (StartSearch). Planning a build's outputs keeps
// one core busy and the others idle, and the index, which needs only the
// linked site, takes them: on a 10,000-guide site planning is 66 ms of
// one core, a sixth of what the index takes of one.
type SearchAhead struct {
	site *site.Site
	done chan struct{}
	ix   *searchindex.Index
	err  any // a panic of the index's, raised again in the output that waits
}

// StartSearch begins the search index of s, for a Make of s whose plan
// has the index's files (Make's ahead). It is made whether or not a Make
// asks for it: start it only for a build that makes its outputs.
func StartSearch(s *site.Site) *SearchAhead {
	a := &SearchAhead{site: s, done: make(chan struct{})}
	si := newSearchIndex(s)
	go func() {
		defer close(a.done)
		defer func() { a.err = recover() }()
		a.ix = buildSearchIndex(si)
	}()
	return a
}

// take waits for the index and hands it over: the SearchAhead keeps
// nothing of it, so that a run can let it go after its last file.
func (a *SearchAhead) take() *searchState {
	<-a.done
	if a.err != nil {
		panic(a.err) // in the output that asked, which reports it
	}
	ix := a.ix
	a.ix = nil
	return &searchState{ix: ix}
}

// searchState is the search index of one site, as a Pending and a Record
// keep it: the index, which source of each guide it was made from, and
// the versions of its chunks, words and endings files, worked out when
// asked for.
type searchState struct {
	ix      *searchindex.Index
	site    *site.Site
	guides  []*site.Page    // the site's guides, by content path
	paths   []string        // the guides, by content path
	sources []uint64        // by guide: the hash of the source indexed
	pages   []*content.Page // by guide: the page indexed, which a rebuild swaps out of the site
	changed searchindex.Changed

	mu     sync.Mutex
	sums   map[Input]uint64 // InSearchChunk, InSearchWords and InSearchEndings: a hash of the file's bytes
	made   map[Input][]byte // files made by version, not yet by Make
	paths0 uint64           // the version of InGuidePaths, once worked out
}

// nextSearchState is the search index of s: an Update of last's when s
// has the same guides, with the same language and layout; else made anew.
func nextSearchState(last *searchState, s *site.Site) *searchState {
	var si *searchIndex
	if last != nil && last.site == s {
		// A rebuild that swapped pages into the last site: the same guides,
		// which sorting again would cost a 10,000-guide edit 15 ms.
		si = &searchIndex{guides: last.guides, layout: last.ix.Layout, lang: searchLanguage(s.Config.Language)}
	} else {
		si = newSearchIndex(s)
	}
	n := len(si.guides)
	st := &searchState{site: s, guides: si.guides, sources: make([]uint64, n), pages: make([]*content.Page, n), sums: map[Input]uint64{}}
	for i, g := range si.guides {
		st.sources[i], st.pages[i] = g.Hash, g.Page
	}
	if last != nil && last.site == s {
		st.paths = last.paths
		last.mu.Lock()
		st.paths0 = last.paths0
		last.mu.Unlock()
	} else {
		st.paths = make([]string, n)
		for i, g := range si.guides {
			st.paths[i] = g.Path
		}
	}
	write := func(i int, w searchindex.Writer) { writeSearchDoc(si.guides[i], w) }
	if last == nil || !slices.Equal(last.paths, st.paths) || last.ix.Lang.Code != si.lang.Code || last.ix.Layout != si.layout {
		st.ix = searchindex.BuildForUpdates(len(si.guides), write, si.lang, si.layout, runtime.GOMAXPROCS(0))
		st.changed.All = true
		return st
	}
	var docs []int
	for i := range st.sources {
		if st.sources[i] != last.sources[i] {
			docs = append(docs, i)
		}
	}
	if len(docs) == 0 {
		return last
	}
	was := func(i int, w searchindex.Writer) { writeSearchText(last.pages[i], w) }
	st.ix, st.changed = last.ix.Update(docs, was, write)
	if !st.changed.All { // the other files are as they were
		last.mu.Lock()
		st.sums = maps.Clone(last.sums)
		last.mu.Unlock()
		for _, in := range st.maybe() {
			delete(st.sums, in)
		}
	}
	return st
}

// maybe lists the inputs whose versions the Update that made st may have
// changed.
func (st *searchState) maybe() []Input {
	var ins []Input
	for _, sp := range searchParts {
		list := sp.changed(st.changed)
		if st.changed.All {
			list = nil
			for i := range sp.count(st.ix.Layout) {
				list = append(list, i)
			}
		}
		for _, i := range list {
			ins = append(ins, Input{sp.kind, strconv.Itoa(i)})
		}
	}
	return ins
}

// A searchPart is a kind of file of the index whose version is its bytes,
// and which an Update may change: the chunks, words files and endings
// files.
type searchPart struct {
	kind    InputKind
	file    func(i int) string                                  // its path under searchDir
	count   func(searchindex.Layout) int                        // how many an index has
	append  func(ix *searchindex.Index, b []byte, i int) []byte // appends file i of ix to b
	changed func(searchindex.Changed) []int                     // the ones an Update changed
}

var searchParts = [...]searchPart{
	{InSearchChunk, searchindex.ChunkFile, func(l searchindex.Layout) int { return l.Chunks },
		(*searchindex.Index).AppendChunk, func(c searchindex.Changed) []int { return c.Chunks }},
	{InSearchWords, searchindex.WordsFile, func(l searchindex.Layout) int { return l.WordFiles },
		(*searchindex.Index).AppendWords, func(c searchindex.Changed) []int { return c.Words }},
	{InSearchEndings, searchindex.EndingsFile, func(l searchindex.Layout) int { return l.EndingFiles },
		(*searchindex.Index).AppendEndings, func(c searchindex.Changed) []int { return c.Endings }},
}

// searchPartOf is the searchPart of kind, or nil.
func searchPartOf(kind InputKind) *searchPart {
	for i := range searchParts {
		if searchParts[i].kind == kind {
			return &searchParts[i]
		}
	}
	return nil
}

// file is the bytes of a chunk, words or endings file, appended to b
// unless version made them already; keep keeps their hash, the version
// of in, for the Record.
func (st *searchState) file(in Input, keep bool, b []byte) []byte {
	st.mu.Lock()
	made, ok := st.made[in]
	delete(st.made, in)
	st.mu.Unlock()
	if ok {
		return made
	}
	n, _ := strconv.Atoi(in.Name)
	b = searchPartOf(in.Kind).append(st.ix, b, n)
	if keep {
		st.mu.Lock()
		st.sums[in] = maphash.Bytes(versionSeed, b) | 1
		st.mu.Unlock()
	}
	return b
}

// version is the version of a chunk, words or endings file: a hash of its
// bytes.
// The bytes are kept until the file is made or the Record takes st
// (forget): a file whose version changed is made next, and at 10,000
// guides a chunk with a common word in it takes a millisecond to write.
func (st *searchState) version(in Input) uint64 {
	st.mu.Lock()
	v, ok := st.sums[in]
	st.mu.Unlock()
	if ok {
		return v
	}
	n, err := strconv.Atoi(in.Name)
	sp := searchPartOf(in.Kind)
	if err != nil || sp == nil || n < 0 || n >= sp.count(st.ix.Layout) {
		return absent
	}
	b := st.file(in, true, nil) // kept: in memory of its own
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.made == nil {
		st.made = map[Input][]byte{}
	}
	st.made[in] = b
	return st.sums[in]
}

// forget drops the bytes version kept.
func (st *searchState) forget() {
	st.mu.Lock()
	st.made = nil
	st.mu.Unlock()
}

// pathsVersion is the version of InGuidePaths, worked out once for the
// guides of a site: every rebuild that remakes a chunk asks for it.
func (st *searchState) pathsVersion(work func() uint64) uint64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.paths0 == 0 {
		st.paths0 = work()
	}
	return st.paths0
}

// writeSearchDoc writes a guide to the index: the guide itself (its
// title, description, body, prerequisites and safety notes), then each step,
// piece of gear and enrichment idea, in the order of its file (d/N.json).
func writeSearchDoc(g *site.Page, w searchindex.Writer) {
	writeSearchText(g.Page, w)
	for _, t := range g.TermLinks {
		w.Facet(t.Taxonomy.Name + "/" + t.Slug)
	}
}

// writeSearchText writes the words of a guide, which its source alone
// decides: an Update asks for a guide's words as they were through the
// page parsed from its last source.
func writeSearchText(g *content.Page, w searchindex.Writer) {
	buf := searchBufs.Get().(*[]byte)
	defer searchBufs.Put(buf)
	// The index reads words out of the HTML as it goes (markdown.HTML
	// says where AppendText would break them): making the text first
	// was a quarter of the index's time.
	html := func(h template.HTML) {
		if h != "" {
			*buf = append((*buf)[:0], h...)
			w.Marked(*buf, markdown.HTML{})
		}
	}
	texts := func(list ...content.Text) {
		for _, t := range list {
			html(t.HTML)
		}
	}
	w.Section(g.Title, searchindex.FieldTitle)
	w.Text(append((*buf)[:0], g.Description...))
	html(g.Body)
	texts(g.BeforeYouStart...)
	texts(g.Safety...)
	for _, st := range g.Steps {
		w.Section(st.Title, searchindex.FieldStepTitle)
		texts(st.Body, st.Tip, st.Warning)
	}
	for _, item := range g.Gear {
		w.Section(item.Name, searchindex.FieldName)
		texts(item.Advice)
		texts(item.Choose...)
		texts(item.Avoid...)
	}
	for _, idea := range g.Enrichment {
		w.Section(idea.Title, searchindex.FieldName)
		texts(idea.Body)
	}
}

// searchDocFile appends a guide's file in the index to b: what its
// results show, section by section as writeSearchDoc writes them. A
// section's label leaves out the guide's title, the heading of section 0,
// which search.js adds ("Step 3 of" + " " + title): said in every section
// of 10,000 guides, it was a quarter of the files.
func searchDocFile(b []byte, g *site.Page) []byte {
	buf := searchBufs.Get().(*[]byte)
	defer searchBufs.Put(buf)
	w := searchindex.NewDocWriter(b, g.URL)
	excerpt := func(h template.HTML) []byte {
		*buf = markdown.AppendText((*buf)[:0], string(h), searchExcerptSize) // clip looks no further
		*buf = clip(*buf, searchExcerptSize)
		return *buf
	}
	w.Section(g.Title, "Guide", "", clip(append((*buf)[:0], g.Description...), searchExcerptSize))
	for i, st := range g.Steps {
		w.Section(st.Title, stepLabel(i+1), st.Anchor, excerpt(st.Body.HTML))
	}
	for _, item := range g.Gear {
		w.Section(item.Name, "Gear in", item.Anchor, excerpt(item.Advice.HTML))
	}
	for _, idea := range g.Enrichment {
		w.Section(idea.Title, "Enrichment idea in", idea.Anchor, excerpt(idea.Body.HTML))
	}
	return w.Bytes()
}

// stepLabel is the label of step n: "Step 3 of".
func stepLabel(n int) string {
	if n < len(stepLabels) {
		return stepLabels[n]
	}
	return "Step " + strconv.Itoa(n) + " of"
}

var stepLabels = func() (l [16]string) {
	for n := range l {
		l[n] = "Step " + strconv.Itoa(n) + " of"
	}
	return l
}()

// searchBufs are scratch space for a guide's text, one per goroutine at
// a time.
var searchBufs = sync.Pool{New: func() any { return new([]byte) }}

// clip cuts text to about size bytes at a word boundary, never inside a
// UTF-8 sequence, and marks the cut with an ellipsis. It may write past
// the cut, in text's own memory.
func clip(text []byte, size int) []byte {
	if len(text) <= size {
		return text
	}
	cut := size
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := bytes.LastIndexByte(text[:cut], ' '); sp > size/2 {
		cut = sp
	}
	return append(bytes.TrimRight(text[:cut], " ,.;:"), "…"...)
}
