package searchindex

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Reader searches an index through its files, as search.js does: it is
// the reference the script follows, and what the tests and benchmarks ask
// which files a query reads. It reads each file once, when a query first
// needs it.
type Reader struct {
	open   func(name string) ([]byte, error)
	Read   []string // the files read, in order
	Lang   Language
	Docs   int
	Layout Layout
	chunks map[int]map[string]string
	lists  map[string][]wordCount // words and endings files, by name
	facets map[string]string
}

type wordCount struct {
	term string
	docs int
}

// Open reads an index's meta file through open, which reads a file of the
// index by its name (MetaFile, ChunkFile(3), ...).
func Open(open func(name string) ([]byte, error)) (*Reader, error) {
	r := &Reader{open: open, chunks: map[int]map[string]string{}, lists: map[string][]wordCount{}}
	var meta struct {
		Docs, Chunks, Words, Endings int
		Lang, Vowels                 string
		Stop                         []string
		Steps                        [][][]any
	}
	if err := r.read(MetaFile, &meta); err != nil {
		return nil, err
	}
	r.Docs, r.Layout = meta.Docs, Layout{Chunks: meta.Chunks, WordFiles: meta.Words, EndingFiles: meta.Endings}
	r.Lang = Language{Code: meta.Lang, Stop: meta.Stop, Vowels: meta.Vowels}
	for _, step := range meta.Steps {
		var rules []Rule
		for _, rule := range step {
			if len(rule) != 3 {
				return nil, fmt.Errorf("%s: a rule is not [suffix, replace, min]: %v", MetaFile, rule)
			}
			suffix, _ := rule[0].(string)
			replace, _ := rule[1].(string)
			n, _ := rule[2].(float64)
			rules = append(rules, Rule{suffix, replace, int(n)})
		}
		r.Lang.Steps = append(r.Lang.Steps, rules)
	}
	return r, nil
}

func (r *Reader) read(name string, v any) error {
	data, err := r.open(name)
	if err != nil {
		return err
	}
	r.Read = append(r.Read, name)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// A Result is one doc a query found, and where in it.
type Result struct {
	Doc     int
	Section int
	Score   float64
}

// How much a term found for a word counts, by how it was found.
const (
	weightExact  = 1
	weightPrefix = 0.8 // the last word, still being typed
	weightTypo   = 0.6
)

// maxAlternatives bounds the terms a word being typed or mistyped stands
// for (the most common ones are kept): each may need a chunk of its own.
const maxAlternatives = 3

// A candidate is a term a word of a query may mean.
type candidate struct {
	term   string
	weight float64
}

// Terms is what the words of query may mean: for each word, the terms to
// look up, with their weights. The last word also finds the terms it
// begins (it may still be being typed), and a word of five or more
// letters that is not a term finds the terms one edit away (a letter
// added, left out, changed, or two swapped), from the word or from its
// stem when that is five letters or more ("harnes" is not the stem
// "harn" and so "hard" one edit away). Those are first looked for among
// the terms that start with the same two letters, in the word's words
// file; only a word that finds nothing there, not even a term it begins,
// reads an endings file (typoByEnding).
func (r *Reader) Terms(query string) ([][]candidate, error) {
	var words []string
	for _, w := range Words(query) {
		if !r.Lang.IsStop(w) {
			words = append(words, w)
		}
	}
	out := make([][]candidate, len(words))
	for i, w := range words {
		stem := r.Lang.Stem(w)
		list, err := r.termCounts(WordsFile(r.Layout.WordsOf(w)))
		if err != nil {
			return nil, err
		}
		var exact bool
		var prefix, typo []wordCount
		for _, wc := range list {
			switch {
			case wc.term == stem:
				exact = true
			case i == len(words)-1 && utf8.RuneCountInString(w) >= 3 && strings.HasPrefix(wc.term, w):
				prefix = append(prefix, wc)
			case typoOf(wc.term, w, stem):
				typo = append(typo, wc)
			}
		}
		if !exact && len(prefix) == 0 && len(typo) == 0 && utf8.RuneCountInString(w) >= 5 {
			if typo, err = r.typoByEnding(w, stem); err != nil {
				return nil, err
			}
		}
		if exact {
			out[i] = append(out[i], candidate{stem, weightExact})
		} else {
			out[i] = appendCommon(out[i], typo, weightTypo)
		}
		out[i] = appendCommon(out[i], prefix, weightPrefix)
	}
	return out, nil
}

// typoOf reports whether term is one edit away from a word of five or
// more letters, or from its stem when that is five letters or more.
func typoOf(term, word, stem string) bool {
	return utf8.RuneCountInString(word) >= 5 && (oneEdit(term, word) || utf8.RuneCountInString(stem) >= 5 && oneEdit(term, stem))
}

// typoByEnding is the terms one edit away from word or stem that the
// word's words file cannot list: those with the typo in the first two
// letters, which end in the same two letters (minEnding). It reads the
// endings file of the stem when that is five letters or more, the one a
// plural ("hranesses") needs, and then, if that finds nothing, the word's.
func (r *Reader) typoByEnding(word, stem string) ([]wordCount, error) {
	if r.Layout.EndingFiles == 0 { // an index from before endings files
		return nil, nil
	}
	var files []int
	if utf8.RuneCountInString(stem) >= 5 {
		files = append(files, r.Layout.EndingsOf(stem))
	}
	if n := r.Layout.EndingsOf(word); !slices.Contains(files, n) {
		files = append(files, n)
	}
	var typo []wordCount
	for _, n := range files {
		list, err := r.termCounts(EndingsFile(n))
		if err != nil {
			return nil, err
		}
		for _, wc := range list {
			if typoOf(wc.term, word, stem) {
				typo = append(typo, wc)
			}
		}
		if len(typo) > 0 {
			break
		}
	}
	return typo, nil
}

// termCounts reads a words or endings file, once.
func (r *Reader) termCounts(name string) ([]wordCount, error) {
	if list, ok := r.lists[name]; ok {
		return list, nil
	}
	var raw [][2]any
	if err := r.read(name, &raw); err != nil {
		return nil, err
	}
	list := make([]wordCount, 0, len(raw))
	for _, e := range raw {
		t, _ := e[0].(string)
		d, _ := e[1].(float64)
		list = append(list, wordCount{t, int(d)})
	}
	r.lists[name] = list
	return list, nil
}

// appendCommon appends the maxAlternatives terms of list found in the
// most docs.
func appendCommon(c []candidate, list []wordCount, weight float64) []candidate {
	slices.SortStableFunc(list, func(a, b wordCount) int { return cmp.Compare(b.docs, a.docs) })
	for _, wc := range list[:min(len(list), maxAlternatives)] {
		c = append(c, candidate{wc.term, weight})
	}
	return c
}

// oneEdit reports whether a and b differ by exactly one edit: a rune
// inserted, deleted or replaced, or two neighbours swapped.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > 1 {
		return false
	}
	i := 0
	for i < len(y) && x[i] == y[i] {
		i++
	}
	if i == len(x) { // the same
		return false
	}
	if len(x) > len(y) { // one more rune in x, at i
		return string(x[i+1:]) == string(y[i:])
	}
	if string(x[i+1:]) == string(y[i+1:]) { // replaced
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
}

// Search finds the docs that have every word of query, best first, each
// with the section where its words count most; facets, when given, keep
// the docs that have every one of them ("species/cat").
func (r *Reader) Search(query string, facets ...string) ([]Result, error) {
	words, err := r.Terms(query)
	if err != nil || len(words) == 0 {
		return nil, err
	}
	type hit struct {
		score    float64
		words    int
		sections map[int]float64
	}
	hits := map[int32]*hit{}
	for i, cands := range words {
		best := map[int32]Posting{}
		bestScore := map[int32]float64{}
		for _, c := range cands {
			posts, err := r.postings(c.term)
			if err != nil {
				return nil, err
			}
			for _, p := range posts {
				if s := c.weight * Impact(p.Impact); s > bestScore[p.Doc] {
					best[p.Doc], bestScore[p.Doc] = p, s
				}
			}
		}
		for doc, p := range best {
			h := hits[doc]
			if h == nil {
				if i > 0 {
					continue // a doc must have every word
				}
				h = &hit{sections: map[int]float64{}}
				hits[doc] = h
			}
			if h.words != i {
				continue
			}
			h.words++
			h.score += bestScore[doc]
			h.sections[int(p.Section)] += bestScore[doc]
		}
	}
	keep, err := r.facetDocs(facets)
	if err != nil {
		return nil, err
	}
	var out []Result
	for doc, h := range hits {
		if h.words != len(words) || keep != nil && !keep[doc] {
			continue
		}
		res := Result{Doc: int(doc), Score: h.score, Section: -1}
		top := -1.0
		for s, v := range h.sections {
			if v > top || v == top && s < res.Section {
				res.Section, top = s, v
			}
		}
		out = append(out, res)
	}
	slices.SortFunc(out, func(a, b Result) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc)) })
	return out, nil
}

// postings reads the postings of term from its chunk.
func (r *Reader) postings(term string) ([]Posting, error) {
	n := r.Layout.ChunkOf(term)
	chunk, ok := r.chunks[n]
	if !ok {
		if err := r.read(ChunkFile(n), &chunk); err != nil {
			return nil, err
		}
		r.chunks[n] = chunk
	}
	return decodePostings(chunk[term])
}

func (r *Reader) facetDocs(facets []string) (map[int32]bool, error) {
	if len(facets) == 0 {
		return nil, nil
	}
	if r.facets == nil {
		if err := r.read(FacetsFile, &r.facets); err != nil {
			return nil, err
		}
	}
	var keep map[int32]bool
	for _, f := range facets {
		docs, err := decodeNumbers(r.facets[f])
		if err != nil {
			return nil, err
		}
		next := map[int32]bool{}
		doc := int32(0)
		for _, d := range docs {
			doc += int32(d)
			if keep == nil || keep[doc] {
				next[doc] = true
			}
		}
		keep = next
	}
	return keep, nil
}

// decodePostings reads postings as Chunk writes them.
func decodePostings(s string) ([]Posting, error) {
	var out []Posting
	doc := int32(0)
	for i := 0; i < len(s); {
		delta, n, err := number(s, i)
		if err != nil {
			return nil, err
		}
		i = n
		if i >= len(s) {
			return nil, fmt.Errorf("postings end inside one")
		}
		impact := strings.IndexByte(Digits, s[i])
		i++
		section, n, err := number(s, i)
		if err != nil || impact < 1 {
			return nil, fmt.Errorf("bad posting at %d", i)
		}
		i = n
		doc += int32(delta)
		out = append(out, Posting{Doc: doc, Impact: uint8(impact), Section: uint16(section)})
	}
	return out, nil
}

func decodeNumbers(s string) ([]uint64, error) {
	var out []uint64
	for i := 0; i < len(s); {
		v, n, err := number(s, i)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		i = n
	}
	return out, nil
}

// number reads a number as appendNumber writes it, from s[i:], and
// returns where it ends.
func number(s string, i int) (uint64, int, error) {
	var v uint64
	for shift := 0; i < len(s) && shift < 64; shift += 5 {
		d := strings.IndexByte(Digits, s[i])
		if d < 0 {
			return 0, i, fmt.Errorf("%q is not a digit", s[i])
		}
		i++
		v |= uint64(d&31) << shift
		if d < 32 {
			return v, i, nil
		}
	}
	return 0, i, fmt.Errorf("a number runs past the end")
}
