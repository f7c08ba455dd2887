package render

import (
	"bytes"
	"runtime"
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
// meta file, the chunks of postings, the words files, the facets and one
// file per guide with what its results show. Every guide is one document,
// numbered in the order of its content path, which an edit never changes.
//
// What each file reads: the chunks, words files and facets hold every
// guide's words, so they read InGuideFronts; a guide's own file reads that
// guide's frontmatter alone. All of them read InGuidePaths, since a
// guide's number is its place among the guides. The Markdown body is not
// indexed: what a guide is about is in its frontmatter (title,
// description, steps, gear, ideas), and so an edit of a body, the edit a
// contributor previews most, re-makes its page and nothing of the index.

// searchDir is the folder of the index in the output.
const searchDir = "search/"

// searchExcerptSize caps each section's excerpt in a guide's file: about
// two lines of a result, around the words found.
const searchExcerptSize = 160

// searchIndex is the index of one site, made once per Make by the first
// output that needs it (searchFiles).
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
// language careguide has no rules for is indexed word for word.
func searchLanguage(code string) *searchindex.Language {
	if code == "en" || strings.HasPrefix(code, "en-") {
		return &searchindex.English
	}
	return &searchindex.Language{Code: code}
}

// planSearch lists the index's outputs.
func (si *searchIndex) plan(s *site.Site, made func(string, func(*scope) []byte)) {
	made(searchDir+searchindex.MetaFile, func(sc *scope) []byte {
		sc.read(InGuidePaths, "")
		return searchindex.Meta(len(si.guides), si.layout, si.lang)
	})
	whole := func(f func(ix *searchindex.Index) []byte) func(*scope) []byte {
		return func(sc *scope) []byte {
			sc.read(InGuidePaths, "")
			sc.read(InGuideFronts, "")
			return f(sc.run.searchIndex(si))
		}
	}
	for i := range si.layout.Chunks {
		made(searchDir+searchindex.ChunkFile(i), whole(func(ix *searchindex.Index) []byte { return ix.Chunk(i) }))
	}
	for i := range si.layout.WordFiles {
		made(searchDir+searchindex.WordsFile(i), whole(func(ix *searchindex.Index) []byte { return ix.Words(i) }))
	}
	made(searchDir+searchindex.FacetsFile, whole((*searchindex.Index).Facets))
	for n, g := range si.guides {
		made(searchDir+searchindex.DocFile(n), func(sc *scope) []byte {
			sc.read(InGuidePaths, "")
			sc.read(InFront, g.Path)
			return searchDocFile(g)
		})
	}
}

// searchIndex makes the index of si once per run: every chunk, words file
// and facet file is a part of it.
func (r *run) searchIndex(si *searchIndex) *searchindex.Index {
	r.searchOnce.Do(func() {
		r.search = searchindex.Build(len(si.guides), func(i int, w searchindex.Writer) { writeSearchDoc(si.guides[i], w) },
			si.lang, si.layout, runtime.GOMAXPROCS(0))
	})
	return r.search
}

// writeSearchDoc writes a guide to the index: the guide itself (its
// title, description, prerequisites and safety notes), then each step,
// piece of gear and enrichment idea, in the order of its file (d/N.json).
func writeSearchDoc(g *site.Page, w searchindex.Writer) {
	buf := searchBufs.Get().(*[]byte)
	defer searchBufs.Put(buf)
	texts := func(list ...content.Text) {
		for _, t := range list {
			if t.HTML != "" {
				*buf = markdown.AppendText((*buf)[:0], string(t.HTML), -1)
				w.Text(*buf)
			}
		}
	}
	w.Section(g.Title, searchindex.FieldTitle)
	w.Text(append((*buf)[:0], g.Description...))
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
	for _, t := range g.TermLinks {
		w.Facet(t.Taxonomy.Name + "/" + t.Slug)
	}
}

// searchDocFile is a guide's file in the index: what its results show,
// section by section as writeSearchDoc writes them.
func searchDocFile(g *site.Page) []byte {
	buf := searchBufs.Get().(*[]byte)
	defer searchBufs.Put(buf)
	n := 1 + len(g.Steps) + len(g.Gear) + len(g.Enrichment)
	w := searchindex.NewDocWriter(g.URL, n*(searchExcerptSize+100))
	excerpt := func(h template.HTML) []byte {
		*buf = markdown.AppendText((*buf)[:0], string(h), searchExcerptSize) // clip looks no further
		*buf = clip(*buf, searchExcerptSize)
		return *buf
	}
	w.Section(g.Title, "Guide", "", clip(append((*buf)[:0], g.Description...), searchExcerptSize))
	for i, st := range g.Steps {
		w.Section(st.Title, "Step "+strconv.Itoa(i+1)+" of "+g.Title, st.Anchor, excerpt(st.Body.HTML))
	}
	for _, item := range g.Gear {
		w.Section(item.Name, "Gear in "+g.Title, item.Anchor, excerpt(item.Advice.HTML))
	}
	for _, idea := range g.Enrichment {
		w.Section(idea.Title, "Enrichment idea in "+g.Title, idea.Anchor, excerpt(idea.Body.HTML))
	}
	return w.Bytes()
}

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
