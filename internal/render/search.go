package render

import (
	"runtime"
	"strconv"
	"strings"
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
const searchExcerptSize = 240

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
			doc := searchDoc(g, false)
			return searchindex.DocJSON(&doc, g.URL)
		})
	}
}

// searchIndex makes the index of si once per run: every chunk, words file
// and facet file is a part of it.
func (r *run) searchIndex(si *searchIndex) *searchindex.Index {
	r.searchOnce.Do(func() {
		r.search = searchindex.Build(len(si.guides), func(i int) searchindex.Doc { return searchDoc(si.guides[i], true) },
			si.lang, si.layout, runtime.GOMAXPROCS(0))
	})
	return r.search
}

// searchDoc is a guide as a document of the index: the guide itself (its
// title, description, prerequisites and safety notes), then each step,
// piece of gear and enrichment idea, each with where a result found in it
// links to. Without texts, it has the headings, labels and excerpts only:
// what a guide's own file shows.
func searchDoc(g *site.Page, texts bool) searchindex.Doc {
	var buf []byte
	text := func(h template.HTML) string {
		buf = markdown.AppendText(buf[:0], string(h), -1)
		return string(buf)
	}
	excerpt := func(h template.HTML) string {
		buf = markdown.AppendText(buf[:0], string(h), searchExcerptSize) // clipTo looks no further
		return clipTo(string(buf), searchExcerptSize)
	}
	doc := searchindex.Doc{Sections: make([]searchindex.Section, 0, 1+len(g.Steps)+len(g.Gear)+len(g.Enrichment))}
	add := func(sec searchindex.Section, more ...[]content.Text) {
		for _, list := range more {
			for _, t := range list {
				if texts && t.HTML != "" {
					sec.Texts = append(sec.Texts, text(t.HTML))
				}
			}
		}
		doc.Sections = append(doc.Sections, sec)
	}
	desc := []content.Text{{HTML: template.HTML(template.HTMLEscapeString(g.Description))}}
	add(searchindex.Section{Heading: g.Title, Field: searchindex.FieldTitle, Label: "Guide",
		Excerpt: clipTo(g.Description, searchExcerptSize)}, desc, g.BeforeYouStart, g.Safety)
	for i, st := range g.Steps {
		add(searchindex.Section{Heading: st.Title, Field: searchindex.FieldStepTitle,
			Label: "Step " + strconv.Itoa(i+1) + " of " + g.Title, Anchor: st.Anchor, Excerpt: excerpt(st.Body.HTML)},
			[]content.Text{st.Body, st.Tip, st.Warning})
	}
	for _, item := range g.Gear {
		add(searchindex.Section{Heading: item.Name, Field: searchindex.FieldName,
			Label: "Gear in " + g.Title, Anchor: "gear", Excerpt: excerpt(item.Advice.HTML)},
			[]content.Text{item.Advice}, item.Choose, item.Avoid)
	}
	for _, idea := range g.Enrichment {
		add(searchindex.Section{Heading: idea.Title, Field: searchindex.FieldName,
			Label: "Enrichment idea in " + g.Title, Anchor: "enrichment", Excerpt: excerpt(idea.Body.HTML)},
			[]content.Text{idea.Body})
	}
	for _, t := range g.TermLinks {
		doc.Facets = append(doc.Facets, t.Taxonomy.Name+"/"+t.Slug)
	}
	return doc
}

// clipTo cuts text to about size bytes at a word boundary, never inside a
// UTF-8 sequence, and marks the cut with an ellipsis.
func clipTo(text string, size int) string {
	if len(text) <= size {
		return text
	}
	cut := size
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > size/2 {
		cut = sp
	}
	return strings.TrimRight(text[:cut], " ,.;:") + "…"
}
