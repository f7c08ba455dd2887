package searchindex

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Layout is how an index is spread over files: how many chunks the terms'
// postings are dealt to, how many words files list the terms by their
// first two letters, and how many endings files list them by their last
// two. It depends on the number of docs alone, so a build knows every
// file's path before it indexes anything.
type Layout struct {
	Chunks, WordFiles, EndingFiles int
}

// NewLayout is the layout of an index of docs documents: about docs/8
// chunks, a power of two from 8 to 1024, so a term's chunk holds a few
// terms besides it; an eighth as many words files, and as many endings
// files.
func NewLayout(docs int) Layout {
	c := 8
	for c < docs/8 && c < 1024 {
		c *= 2
	}
	return Layout{Chunks: c, WordFiles: max(4, c/8), EndingFiles: max(4, c/8)}
}

// ChunkOf is the chunk that holds term's postings.
func (l Layout) ChunkOf(term string) int { return int(hash(term) % uint32(l.Chunks)) }

// WordsOf is the words file that lists term, and every term that starts
// with the same two letters.
func (l Layout) WordsOf(term string) int { return int(hash(prefix2(term)) % uint32(l.WordFiles)) }

// EndingsOf is the endings file that lists term, if it has minEnding
// runes or more, with every such term that ends in the same two letters.
func (l Layout) EndingsOf(term string) int { return int(hash(last2(term)) % uint32(l.EndingFiles)) }

// minEnding is the fewest runes of a term in an endings file. The file is
// there to find a word of five or more letters typed with a typo that
// changes its first two, which its words file cannot: one edit (at most
// the third letter, for two swapped) leaves the last two as they were, so
// the word's last two are the term's, and the term has four or more. The
// last three would spread the terms more evenly, but "tarin" (train) would
// change them.
const minEnding = 4

// hash is FNV-1a, 32 bits, of the UTF-8 bytes of s: a few lines in
// search.js too.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// The files of an index, relative to its folder.
const (
	MetaFile   = "meta.json"
	FacetsFile = "facets.json"
)

// ChunkFile is the file of chunk i.
func ChunkFile(i int) string { return "t/" + strconv.Itoa(i) + ".json" }

// WordsFile is the file of words file i.
func WordsFile(i int) string { return "w/" + strconv.Itoa(i) + ".json" }

// EndingsFile is the file of endings file i.
func EndingsFile(i int) string { return "e/" + strconv.Itoa(i) + ".json" }

// DocFile is the file of doc n: what a result shows of it.
func DocFile(n int) string { return "d/" + strconv.Itoa(n) + ".json" }

func (ix *Index) group() {
	ix.chunkTerms = make([][]int32, ix.Layout.Chunks)
	ix.wordTerms = make([][]int32, ix.Layout.WordFiles)
	ix.endingTerms = make([][]int32, ix.Layout.EndingFiles)
	for i, t := range ix.terms { // sorted, so each group is too
		c, w := ix.Layout.ChunkOf(t), ix.Layout.WordsOf(t)
		ix.chunkTerms[c] = append(ix.chunkTerms[c], int32(i))
		ix.wordTerms[w] = append(ix.wordTerms[w], int32(i))
		if hasEnding(t) {
			e := ix.Layout.EndingsOf(t)
			ix.endingTerms[e] = append(ix.endingTerms[e], int32(i))
		}
	}
}

// hasEnding reports whether term is long enough to be in an endings file.
func hasEnding(term string) bool { return utf8.RuneCountInString(term) >= minEnding }

// Chunk is chunk i: an object of each of its terms and the term's
// postings, {"harness":"<postings>", ...}, terms in order. The postings are
// one string, each posting the doc's distance from the one before (from 0
// for the first), its impact and its section, in the digits of Digits:
// a number is written five bits a digit, low bits first, with 32 added
// to every digit but the last; an impact is one digit.
func (ix *Index) Chunk(i int) []byte { return ix.AppendChunk(nil, i) }

// AppendChunk appends Chunk(i) to b: a build that writes the chunks one
// after another makes them in the same memory.
func (ix *Index) AppendChunk(b []byte, i int) []byte {
	size := 2 // about the most it takes: b grows once, if at all
	for _, t := range ix.chunkTerms[i] {
		size += len(ix.terms[t]) + 6 + 4*len(ix.posts[t])
	}
	b = slices.Grow(b, size)
	b = append(b, '{')
	start := len(b)
	for _, t := range ix.chunkTerms[i] {
		if len(ix.posts[t]) == 0 { // a term an Update took out of every doc
			continue
		}
		if len(b) > start {
			b = append(b, ',')
		}
		b = appendString(b, ix.terms[t])
		b = append(b, ':', '"')
		posts := ix.posts[t]
		w, prev := ix.weight(len(posts)), int32(0)
		for _, p := range posts {
			b = appendNumber(b, uint64(p.doc-prev))
			b = append(b, Digits[ix.impact(w, p)])
			b = appendNumber(b, uint64(p.section))
			prev = p.doc
		}
		b = append(b, '"')
	}
	return append(b, '}', '\n')
}

// Words is words file i: its terms, in order, each with the number of
// docs it is found in: [["harness",12], ...]. A search reads it to finish
// a word being typed and to find a word typed with a typo.
func (ix *Index) Words(i int) []byte { return ix.AppendWords(nil, i) }

// AppendWords appends Words(i) to b.
func (ix *Index) AppendWords(b []byte, i int) []byte { return ix.termCounts(b, ix.wordTerms[i]) }

// Endings is endings file i, as a words file: [["harness",12], ...]. A
// search reads it only for a word with a typo its words file does not
// find, one in the word's first two letters.
func (ix *Index) Endings(i int) []byte { return ix.AppendEndings(nil, i) }

// AppendEndings appends Endings(i) to b.
func (ix *Index) AppendEndings(b []byte, i int) []byte { return ix.termCounts(b, ix.endingTerms[i]) }

// termCounts appends a list of terms to b, each with its number of docs,
// leaving out those an Update took out of every doc.
func (ix *Index) termCounts(b []byte, terms []int32) []byte {
	b = append(b, '[')
	start := len(b)
	for _, t := range terms {
		if len(ix.posts[t]) == 0 {
			continue
		}
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, ix.terms[t])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(len(ix.posts[t])), 10)
		b = append(b, ']')
	}
	return append(b, ']', '\n')
}

// Facets is every facet's docs: {"species/cat":"<docs>", ...}, each
// list of docs as the distances of postings.
func (ix *Index) Facets() []byte {
	b := []byte{'{'}
	for n, f := range ix.FacetNames {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f)
		b = append(b, ':', '"')
		prev := int32(0)
		for _, d := range ix.FacetDocs[n] {
			b = appendNumber(b, uint64(d-prev))
			prev = d
		}
		b = append(b, '"')
	}
	return append(b, '}', '\n')
}

// Meta is the meta file, the one file every search reads first: the
// number of docs, the layout, and the language's stop words and stemming
// rules (Language).
//
//	{"docs":8,"chunks":8,"words":4,"endings":4,"lang":"en","stop":["a",...],
//	 "vowels":"aeiouy","steps":[[["ies","y",3],...],...]}
func Meta(docs int, l Layout, lang *Language) []byte {
	b := []byte(`{"docs":`)
	b = strconv.AppendInt(b, int64(docs), 10)
	b = append(b, `,"chunks":`...)
	b = strconv.AppendInt(b, int64(l.Chunks), 10)
	b = append(b, `,"words":`...)
	b = strconv.AppendInt(b, int64(l.WordFiles), 10)
	b = append(b, `,"endings":`...)
	b = strconv.AppendInt(b, int64(l.EndingFiles), 10)
	b = append(b, `,"lang":`...)
	b = appendString(b, lang.Code)
	b = append(b, `,"stop":[`...)
	for i, w := range lang.Stop {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, w)
	}
	b = append(b, `],"vowels":`...)
	b = appendString(b, lang.Vowels)
	b = append(b, `,"steps":[`...)
	for i, step := range lang.Steps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, r := range step {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendString(b, r.Suffix)
			b = append(b, ',')
			b = appendString(b, r.Replace)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(r.MinStem), 10)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, "]}\n"...)
}

// DocJSON is doc's file: its URL and, for each section, its heading,
// label, anchor and excerpt: {"url":"/guides/x/","s":[["Title","Guide",
// "","Excerpt..."], ...]}. It needs no index: a doc's file changes with
// the doc alone. DocWriter writes the same without a Doc.
func DocJSON(doc *Doc, url string) []byte {
	w := NewDocWriter(nil, url)
	for i := range doc.Sections {
		s := &doc.Sections[i]
		w.Section(s.Heading, s.Label, s.Anchor, []byte(s.Excerpt))
	}
	return w.Bytes()
}

// DocWriter writes a doc's file (DocJSON) section by section, appending
// to memory its caller gives: a build makes 10,000 of them, one after
// another, in memory it hands on from one to the next.
type DocWriter struct {
	b []byte
	n int
}

// NewDocWriter starts the file of the doc at url, appended to b.
func NewDocWriter(b []byte, url string) DocWriter {
	b = append(b, `{"url":`...)
	b = appendString(b, url)
	return DocWriter{b: append(b, `,"s":[`...)}
}

// Section adds the next section.
func (w *DocWriter) Section(heading, label, anchor string, excerpt []byte) {
	b := w.b
	if w.n > 0 {
		b = append(b, ',')
	}
	w.n++
	b = append(b, '[')
	b = appendString(b, heading)
	b = append(b, ',')
	b = appendString(b, label)
	b = append(b, ',')
	b = appendString(b, anchor)
	b = append(b, ',')
	b = appendString(b, excerpt)
	w.b = append(b, ']')
}

// Bytes ends the file and returns the memory NewDocWriter was given with
// the file appended.
func (w *DocWriter) Bytes() []byte { return append(w.b, "]}\n"...) }

// Digits are the 64 digits of postings, none of which JSON escapes.
const Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func appendNumber(b []byte, n uint64) []byte {
	for n >= 32 {
		b = append(b, Digits[32+n&31])
		n >>= 5
	}
	return append(b, Digits[n])
}

// appendString appends s as a JSON string, with <, > and & escaped as
// \u003c, \u003e and \u0026 so no text can close a <script> if a page
// ever inlines a file; invalid UTF-8 becomes U+FFFD.
func appendString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		// The run of bytes that need no escape, appended at once.
		j := i
		for j < len(s) && jsonPlain[s[j]] {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			var head [utf8.UTFMax]byte
			r, size := utf8.DecodeRune(head[:copy(head[:], s[i:min(len(s), i+utf8.UTFMax)])])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else if r == '\u2028' || r == '\u2029' {
				b = append(b, `\u202`...)
				b = append(b, hex[r&0xf])
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default: // a control character, <, > or &
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
	}
	return append(b, '"')
}

// jsonPlain marks the bytes appendString copies as they are: printable
// ASCII but for the quote, the backslash, <, > and &.
var jsonPlain = func() (plain [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		plain[c] = !strings.ContainsRune("\"\\<>&", c)
	}
	return plain
}()
