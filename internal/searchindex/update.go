package searchindex

import (
	"slices"
	"strings"
)

// Changed says which files of an index an Update may have changed: the
// chunks, words files and endings files of the terms of the docs it
// indexed again, before and after, or every one of them when the scale of
// impacts moved (All).
type Changed struct {
	All                    bool
	Chunks, Words, Endings []int
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
	nx.chunkTerms, nx.wordTerms, nx.endingTerms = slices.Clone(ix.chunkTerms), slices.Clone(ix.wordTerms), slices.Clone(ix.endingTerms)
	nx.docFacets = slices.Clone(ix.docFacets)
	chunks, words, endings := map[int]bool{}, map[int]bool{}, map[int]bool{}
	touch := func(id int32, df bool) { // df: the term's count of docs changes, and so its words and endings files
		t := nx.terms[id]
		chunks[nx.Layout.ChunkOf(t)] = true
		if df {
			words[nx.Layout.WordsOf(t)] = true
			if hasEnding(t) {
				endings[nx.Layout.EndingsOf(t)] = true
			}
		}
	}
	a := newAnalyser(ix.Lang)
	facetsChanged, lengthCloned := false, false
	for _, doc := range docs {
		// The doc as it was and as it is: a posting that is the same in
		// both, the common case for most words of an edited guide, is left
		// alone, and so is its chunk.
		old := a.analyse(func(w Writer) { was(doc, w) })
		c := a.analyse(func(w Writer) { write(doc, w) })
		facetsChanged = facetsChanged || !slices.Equal(nx.docFacets[doc], a.facets)
		nx.docFacets[doc] = a.facets
		nx.total += int64(c.length) - int64(old.length)
		// A doc whose length moved to another class changes the impact
		// of every posting it has.
		length := lengthClass(c.length)
		sameLength := nx.length[doc] == length
		if !sameLength {
			if !lengthCloned {
				nx.length, lengthCloned = slices.Clone(ix.length), true
			}
			nx.length[doc] = length
		}
		before := make(map[int32]rawPosting, len(old.terms)) // by the analyser's number
		for _, t := range old.terms {
			before[t.id] = rawPosting{doc: int32(doc), section: t.section, heading: t.heading, body: t.body}
		}
		for _, t := range c.terms {
			p := rawPosting{doc: int32(doc), section: t.section, heading: t.heading, body: t.body}
			if q, ok := before[t.id]; ok {
				delete(before, t.id)
				if q == p && sameLength {
					continue
				}
			}
			id := nx.intern(a.terms[t.id])
			posts := nx.posts[id]
			k, found := slices.BinarySearchFunc(posts, int32(doc), byDoc)
			touch(id, !found)
			if found {
				posts = slices.Clone(posts)
				posts[k] = p
				nx.posts[id] = posts
			} else {
				nx.posts[id] = slices.Insert(slices.Clone(posts), k, p)
			}
		}
		for n := range before { // the terms the doc no longer has
			id, ok := nx.ids[a.terms[n]]
			if !ok || int(id) >= len(nx.terms) {
				continue
			}
			touch(id, true)
			posts := nx.posts[id]
			if k, ok := slices.BinarySearchFunc(posts, int32(doc), byDoc); ok {
				nx.posts[id] = slices.Delete(slices.Clone(posts), k, k+1)
			}
		}
	}
	if facetsChanged {
		nx.FacetNames, nx.FacetDocs = nil, nil
		nx.facets(nx.docFacets)
	}
	nx.scale()
	if nx.Scale() != ix.Scale() {
		return &nx, Changed{All: true}
	}
	return &nx, Changed{Chunks: sortedKeys(chunks), Words: sortedKeys(words), Endings: sortedKeys(endings)}
}

func byDoc(p rawPosting, doc int32) int { return int(p.doc - doc) }

// intern is the id of term, made if it is new: new terms join their
// chunk, words file and endings file in order, as a Build would have put
// them.
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

// place puts a new term in the lists of its chunk, words file and endings
// file.
func (ix *Index) place(id int32) {
	insert := func(lists [][]int32, i int) {
		list := lists[i]
		k, _ := slices.BinarySearchFunc(list, ix.terms[id], func(t int32, term string) int { return strings.Compare(ix.terms[t], term) })
		lists[i] = slices.Insert(slices.Clone(list), k, id)
	}
	insert(ix.chunkTerms, ix.Layout.ChunkOf(ix.terms[id]))
	insert(ix.wordTerms, ix.Layout.WordsOf(ix.terms[id]))
	if hasEnding(ix.terms[id]) {
		insert(ix.endingTerms, ix.Layout.EndingsOf(ix.terms[id]))
	}
}

func sortedKeys(m map[int]bool) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
