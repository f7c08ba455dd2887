package render

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"

	"github.com/careguide/careguide/internal/site"
)

// An Input is one thing of a site that an output can be made from: a
// page's frontmatter, its body, one of its relations, or a list the site
// keeps. Inputs are recorded while an output is made (see view.go), never
// guessed from template text: whatever a template reads, it reads through
// a view that records it. Two builds of one site agree on an Input's
// version exactly when it looks the same to every template, so a rebuild
// makes again exactly the outputs that read an input whose version
// changed (Record).
type Input struct {
	Kind InputKind
	Name string // a content path, a taxonomy name, "taxonomy/slug"; "" for site-wide lists
}

// InputKind says what of a page or the site an Input is.
type InputKind uint8

// The inputs. A page's relations are its own inputs, apart from its
// frontmatter, because linking changes them without an edit of the page:
// a guide added to a section changes the section's Children.
const (
	InFront         InputKind = iota + 1 // a page's frontmatter: title, description, steps, ... (and that it is published)
	InBody                               // a page's whole source: its body, headings, links and anchors too
	InParent                             // a page's Parent
	InChildren                           // a page's Children (ChildGuides are a part of them)
	InPrev                               // a page's Prev
	InNext                               // a page's Next
	InBreadcrumbs                        // a page's Breadcrumbs
	InRelated                            // a page's Related
	InLinkedFrom                         // a page's LinkedFrom
	InTermLinks                          // a page's TermLinks, with each term's name and URL
	InPages                              // every published page, in order, with its frontmatter
	InGuidePaths                         // the content paths of every guide, sorted: the search index's documents
	InGuideFronts                        // every guide's frontmatter, in content path order: the words of the search index
	InSections                           // the list of sections
	InTaxonomies                         // the taxonomies
	InTerms                              // one taxonomy's terms, with their names and URLs
	InTermPages                          // one term's pages, in order ("species/cat")
	InEnrichment                         // every enrichment idea's guide, kind, effort, place and the guide's species, in order
	InGear                               // every piece of gear's guide, kind and name, in order
	InFiles                              // the files published beside the pages, with their bytes
	InLookup                             // whether a content path is a published page
	InImage                              // a processed image of content/: its size, colour and files
	InSearchChunk                        // one chunk of the search index ("17"): its terms' postings, in every guide
	InSearchWords                        // one words file of the search index ("3"): its terms and their counts
	InSearchEndings                      // one endings file of the search index ("3"): its terms and their counts
)

// relationOf maps a relation's input to the relation itself.
var relationOf = map[InputKind]func(p *site.Page) []*site.Page{
	InParent:      func(p *site.Page) []*site.Page { return one(p.Parent) },
	InChildren:    func(p *site.Page) []*site.Page { return p.Children },
	InPrev:        func(p *site.Page) []*site.Page { return one(p.Prev) },
	InNext:        func(p *site.Page) []*site.Page { return one(p.Next) },
	InBreadcrumbs: func(p *site.Page) []*site.Page { return p.Breadcrumbs },
	InRelated:     func(p *site.Page) []*site.Page { return p.Related },
	InLinkedFrom:  func(p *site.Page) []*site.Page { return p.LinkedFrom },
}

func one(p *site.Page) []*site.Page {
	if p == nil {
		return nil
	}
	return []*site.Page{p}
}

// versionSeed seeds every version; versions are compared only within one
// process.
var versionSeed = maphash.MakeSeed()

// versions computes the versions of inputs in one site. Site-wide ones are
// made once and kept: a rebuild asks for thousands of inputs.
type versions struct {
	s      *site.Site
	whole  map[InputKind]uint64
	h      hasher              // reused: a rebuild asks for a hundred thousand versions
	search func() *searchState // the search index of s, made when first asked for
}

func newVersions(s *site.Site) *versions {
	return &versions{s: s, whole: map[InputKind]uint64{}}
}

// siteWideKinds are the inputs of the site as a whole, worked out once
// per site.
var siteWideKinds = []InputKind{InPages, InGuidePaths, InGuideFronts, InSections, InTaxonomies, InEnrichment, InGear, InFiles}

// prime works out every site-wide version now, so that forks can share
// them without writing.
func (v *versions) prime() {
	for _, k := range siteWideKinds {
		v.of(Input{Kind: k})
	}
}

// fork is a versions of the same site for another goroutine, sharing the
// site-wide versions prime worked out.
func (v *versions) fork() *versions { return &versions{s: v.s, whole: v.whole, search: v.search} }

// hasher writes the parts of a version without separators that could be
// confused: every string is preceded by its length.
type hasher struct {
	h   maphash.Hash
	buf [8]byte
}

func newHasher() *hasher {
	h := &hasher{}
	h.h.SetSeed(versionSeed)
	return h
}

func (h *hasher) num(n uint64) {
	binary.LittleEndian.PutUint64(h.buf[:], n)
	h.h.Write(h.buf[:])
}

func (h *hasher) str(s string) {
	h.num(uint64(len(s)))
	h.h.WriteString(s)
}

// paths writes a list of pages by identity: their content paths, in order.
func (h *hasher) paths(ps []*site.Page) {
	h.num(uint64(len(ps)))
	for _, p := range ps {
		h.str(p.Path)
	}
}

// absent is the version of an input of a page that is not published.
const absent = 0

// of is the version of in.
func (v *versions) of(in Input) uint64 {
	switch in.Kind {
	case InPages, InGuidePaths, InGuideFronts, InSections, InTaxonomies, InEnrichment, InGear, InFiles: // siteWideKinds
		if n, ok := v.whole[in.Kind]; ok {
			return n
		}
		if in.Kind == InGuidePaths && v.search != nil {
			return v.search().pathsVersion(func() uint64 { return v.siteWide(InGuidePaths) })
		}
		n := v.siteWide(in.Kind)
		v.whole[in.Kind] = n
		return n
	case InTerms:
		return v.terms(in.Name)
	case InTermPages:
		return v.termPages(in.Name)
	case InImage:
		return v.image(in.Name)
	case InSearchChunk, InSearchWords, InSearchEndings:
		return v.search().version(in)
	}
	p := v.s.Lookup(in.Name)
	if p == nil {
		return absent
	}
	h := &v.h
	h.h.SetSeed(versionSeed) // and so starts afresh
	h.num(uint64(in.Kind))
	switch in.Kind {
	case InFront:
		h.num(p.Front)
	case InBody:
		h.num(p.Hash)
	case InTermLinks:
		h.num(uint64(len(p.TermLinks)))
		for _, t := range p.TermLinks {
			h.str(t.Taxonomy.Name)
			h.str(t.Slug)
			h.str(t.Name)
			h.str(t.URL)
		}
	case InLookup:
		h.str(p.Path)
	default:
		rel, ok := relationOf[in.Kind]
		if !ok {
			panic("render: no version for input kind " + strconv.Itoa(int(in.Kind)))
		}
		h.paths(rel(p))
	}
	return h.h.Sum64() | 1 // never absent
}

func (v *versions) siteWide(k InputKind) uint64 {
	s, h := v.s, newHasher()
	h.num(uint64(k))
	switch k {
	case InPages:
		h.num(uint64(len(s.Pages)))
		for _, p := range s.Pages {
			h.str(p.Path)
			h.num(p.Front)
		}
	case InGuidePaths:
		for _, g := range v.guides() {
			h.str(g.Path)
		}
	case InGuideFronts:
		for _, g := range v.guides() {
			h.str(g.Path)
			h.num(g.Front) // the terms a guide is listed under, its facets in the index, too
		}
	case InSections:
		h.paths(s.Sections)
	case InTaxonomies:
		for _, t := range s.Taxonomies {
			h.str(t.Name)
			h.str(t.URL)
		}
	case InEnrichment:
		for _, g := range s.Enrichment {
			h.str(g.Kind)
			h.num(uint64(len(g.Ideas)))
			for _, e := range g.Ideas {
				h.str(e.Guide.Path)
				h.num(uint64(indexOf(e.Guide.Enrichment, e.Idea)))
				h.str(string(e.Idea.Effort))
				h.num(boolNum(e.Idea.Indoor))
				h.num(uint64(len(e.Guide.Species))) // the filter labels spell species as the guides do
				for _, sp := range e.Guide.Species {
					h.str(sp)
				}
			}
		}
	case InGear:
		for _, g := range s.Gear {
			h.str(g.Kind)
			h.num(uint64(len(g.Items)))
			for _, e := range g.Items {
				h.str(e.Guide.Path)
				h.num(uint64(indexOf(e.Guide.Gear, e.Item)))
				h.str(gearKey(e.Item.Name)) // /gear/ groups items by name, and pages by item
			}
		}
	case InFiles:
		for _, f := range s.Files {
			h.str(f.Path)
			h.h.Write(f.Data)
			h.h.Write(f.Sum[:])
		}
	}
	return h.h.Sum64() | 1
}

// guides are the site's guides by content path, as the search index has
// them.
func (v *versions) guides() []*site.Page {
	if v.search != nil {
		return v.search().guides
	}
	return guidesByPath(v.s)
}

func (v *versions) image(p string) uint64 {
	pic := v.s.Pictures[p]
	if pic == nil {
		return absent
	}
	h := newHasher()
	h.num(uint64(InImage))
	h.num(uint64(pic.Width))
	h.num(uint64(pic.Height))
	h.str(pic.Color)
	h.num(uint64(len(pic.Files)))
	for _, f := range pic.Files { // named by their bytes
		h.str(f)
	}
	return h.h.Sum64() | 1
}

func (v *versions) terms(taxonomy string) uint64 {
	h := newHasher()
	h.num(uint64(InTerms))
	for _, t := range v.s.Taxonomies {
		if t.Name == taxonomy {
			for _, term := range t.Terms {
				h.str(term.Slug)
				h.str(term.Name)
				h.str(term.URL)
			}
			return h.h.Sum64() | 1
		}
	}
	return absent
}

func (v *versions) termPages(name string) uint64 {
	term := findTerm(v.s, name)
	if term == nil {
		return absent
	}
	h := newHasher()
	h.num(uint64(InTermPages))
	h.str(term.Name)
	h.str(term.URL)
	h.paths(term.Pages)
	return h.h.Sum64() | 1
}

// termName is the name of a term's inputs: "species/cat".
func termName(t *site.Term) string { return t.Taxonomy.Name + "/" + t.Slug }

func findTerm(s *site.Site, name string) *site.Term {
	taxonomy, slug, _ := strings.Cut(name, "/")
	for _, t := range s.Taxonomies {
		if t.Name == taxonomy {
			for _, term := range t.Terms {
				if term.Slug == slug {
					return term
				}
			}
		}
	}
	return nil
}

func boolNum(b bool) uint64 {
	if b {
		return 1
	}
	return 0
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

// guidesByPath is every guide in the order of its content path, which an
// edit never changes: the order of the search index's documents.
func guidesByPath(s *site.Site) []*site.Page {
	return slices.SortedFunc(slices.Values(s.Guides()), func(a, b *site.Page) int { return strings.Compare(a.Path, b.Path) })
}
