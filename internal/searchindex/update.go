package searchindex

import (
	"slices"
	"strings"
)

// Changed says which files of an index an Update may have changed: the
// chunks and words files of the terms of the docs it indexed again, before
// and after, or every one of them when the scale of impacts moved (All).
type Changed struct {
	All           bool
	Chunks, Words []int
}

// Update is a new Index in which the docs listed in docs are indexed
// again: was(i, w) writes the i-th as ix indexed it, and write(i, w) as it
// is now. Only the terms of those docs change: an edit of a guide costs
// the terms of that guide, not a Build. The result is the same Index as a
// Build of the docs as they are would make, but for the order of its
// terms, which no file shows. ix itself is left as it was, so a rebuild
// that fails keeps it. ix must come from BuildForUpdates or Update.
//
// Asking for a doc as it was, rather than keeping each doc's terms, keeps
// the memory of serve's index to its postings.
func (ix *Index) Update(docs []int, was, write func(i int, w Writer)) (*Index, Changed) {
	nx := *ix
	nx.terms = ix.terms[:len(ix.terms):len(ix.terms)] // appends copy; ids are shared, and only grow
	nx.posts = slices.Clone(ix.posts)
	nx.chunkTerms, nx.wordTerms = slices.Clone(ix.chunkTerms), slices.Clone(ix.wordTerms)
	nx.docFacets = slices.Clone(ix.docFacets)
	chunks, words := map[int]bool{}, map[int]bool{}
	touch := func(id int32) {
		t := nx.terms[id]
		chunks[nx.Layout.ChunkOf(t)], words[nx.Layout.WordsOf(t)] = true, true
	}
	a := newAnalyser(ix.Lang)
	for _, doc := range docs {
		old := a.analyse(func(w Writer) { was(doc, w) })
		for _, t := range old.terms {
			id, ok := nx.ids[a.terms[t.id]]
			if !ok || int(id) >= len(nx.terms) {
				continue
			}
			touch(id)
			posts := nx.posts[id]
			if k, ok := slices.BinarySearchFunc(posts, int32(doc), byDoc); ok {
				nx.posts[id] = slices.Delete(slices.Clone(posts), k, k+1)
			}
		}
		c := a.analyse(func(w Writer) { write(doc, w) })
		nx.total += int64(c.length) - int64(old.length)
		nx.docFacets[doc] = a.facets
		length := lengthClass(c.length)
		for _, t := range c.terms {
			id := nx.intern(a.terms[t.id])
			touch(id)
			posts := nx.posts[id]
			k, _ := slices.BinarySearchFunc(posts, int32(doc), byDoc)
			nx.posts[id] = slices.Insert(slices.Clone(posts), k, rawPosting{doc: int32(doc), heading: t.heading, body: t.body, section: t.section, length: length})
		}
	}
	nx.FacetNames, nx.FacetDocs = nil, nil
	nx.facets(nx.docFacets)
	nx.scale()
	if nx.Scale() != ix.Scale() {
		return &nx, Changed{All: true}
	}
	return &nx, Changed{Chunks: sortedKeys(chunks), Words: sortedKeys(words)}
}

func byDoc(p rawPosting, doc int32) int { return int(p.doc - doc) }

// intern is the id of term, made if it is new: new terms join their chunk
// and words file in order, as a Build would have put them.
func (ix *Index) intern(term string) int32 {
	if id, ok := ix.ids[term]; ok && int(id) < len(ix.terms) {
		return id
	}
	if id, ok := ix.ids[term]; ok { // made by an Update that was not kept
		for int(id) >= len(ix.terms) {
			ix.terms = append(ix.terms, "")
			ix.posts = append(ix.posts, nil)
		}
		ix.terms[id] = term
		ix.place(id)
		return id
	}
	id := int32(len(ix.terms))
	ix.terms = append(ix.terms, term)
	ix.posts = append(ix.posts, nil)
	ix.ids[term] = id
	ix.place(id)
	return id
}

// place puts a new term in its chunk's and words file's lists.
func (ix *Index) place(id int32) {
	insert := func(lists [][]int32, i int) {
		list := lists[i]
		k, _ := slices.BinarySearchFunc(list, ix.terms[id], func(t int32, term string) int { return strings.Compare(ix.terms[t], term) })
		lists[i] = slices.Insert(slices.Clone(list), k, id)
	}
	insert(ix.chunkTerms, ix.Layout.ChunkOf(ix.terms[id]))
	insert(ix.wordTerms, ix.Layout.WordsOf(ix.terms[id]))
}

func sortedKeys(m map[int]bool) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
