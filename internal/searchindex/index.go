package searchindex

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"
)

// A Field is what a piece of a document's text is, and so how much a word
// found there counts.
type Field uint8

// The fields, from the one that counts most.
const (
	FieldTitle     Field = iota // the guide's title
	FieldStepTitle              // a step's title
	FieldName                   // a piece of gear's name, an enrichment idea's title
	FieldBody                   // every other text
)

// boost is how many times a word counts in each field: a word of the
// title says more about a guide than one of a step body.
var boost = [...]float64{FieldTitle: 6, FieldStepTitle: 3, FieldName: 2, FieldBody: 1}

// A Writer takes the text of one doc, section by section, as Build asks
// for it: the text is counted as it comes and need not be kept, so the
// text of a big site is never in memory all at once.
type Writer interface {
	// Section starts the next section (the first is the doc itself), with
	// its heading, which counts as f.
	Section(heading string, f Field)
	// Text is more text of the section, which counts as FieldBody. The
	// Writer keeps nothing of text: the caller may reuse its memory.
	Text(text []byte)
	// Marked is Text for marked-up text, whose words m reads out of the
	// markup as they come (MarkedWords).
	Marked(text []byte, m Markup)
	// Facet lists the doc under a facet: "species/cat".
	Facet(name string)
}

// A Doc is one thing a search finds: a guide. Its sections are where in it
// a word can be found, so a result can say "Step 3 of ..." and link there.
// Build takes docs through a Writer; a Doc writes itself to one (Write).
type Doc struct {
	Sections []Section // [0] is the guide itself: its title, description and body
	// Facets are what a search can be narrowed to: "species/cat",
	// "topics/training".
	Facets []string
}

// A Section is a part of a Doc with a place to link to.
type Section struct {
	Heading string   // the title of what it is: the guide's, the step's, the idea's
	Field   Field    // what Heading counts as
	Texts   []string // its plain text (FieldBody)
	// Label says where it is, under a result: "Guide" for section 0,
	// "Step 3 of" for the others, which a result follows with the heading
	// of section 0, the doc's title.
	Label  string
	Anchor string // the id in the guide's page; "" for the top
	// Excerpt is the text a result shows an excerpt of.
	Excerpt string
}

// An Index is the terms of a set of documents and where each is found,
// ready to be written out as files (files.go). It keeps each posting's
// counts rather than its impact, which Chunk works out as it writes: an
// impact depends on how many docs have the term, and an Update that
// changes one doc then changes the postings of that doc's terms alone.
type Index struct {
	Lang   *Language
	Layout Layout
	Docs   int
	terms  []string         // by id; sorted in a Build, new ones after an Update
	ids    map[string]int32 // term -> id; made for an Index that can Update
	posts  [][]rawPosting   // by term id: in order of doc
	length []uint8          // by doc: the class of its length (lengthClass)
	// Facets are each facet's docs, in order; FacetNames sorted.
	FacetNames []string
	FacetDocs  [][]int32

	// The terms of each chunk, words file and endings file, in order of
	// the term.
	chunkTerms, wordTerms, endingTerms [][]int32

	total int64 // the words of every doc: their average scales a body's weight
	top   float64
	norm  [256]float64 // by length class: BM25's length norm of a body that long

	docFacets [][]string // kept by an Index that can Update
}

// rawPosting is what a doc says of a term: the section where it counts
// most, the weight of its headings (headingUnit) and its count in the
// body, up to 255, where BM25 has long saturated. It is 8 bytes: a
// 10,000-guide site has 7 million, which a build makes twice over (as
// each doc's terms, then as each term's docs) and serve keeps from one
// rebuild to the next. The doc's length class is the Index's, by doc.
type rawPosting struct {
	doc     int32
	section uint16
	heading uint8
	body    uint8
}

// headingUnit is the step of a posting's heading weight: the greatest
// weight, every field's saturated, is about 25, and a step of 0.1 is far
// below the step of a quantized impact.
const headingUnit = 1.0 / 10

func headingWeight(w float64) uint8 {
	return uint8(min(math.MaxUint8, w/headingUnit+0.5)) // rounded as in quantize
}

func bodyCount(n uint32) uint8 { return uint8(min(n, math.MaxUint8)) }

// A Posting is one doc a term is found in.
type Posting struct {
	Doc     int32
	Impact  uint8  // 1 to MaxImpact: how much the term says about the doc
	Section uint16 // where in the doc the term counts most
}

// MaxImpact is the greatest Impact; impacts are stored as one character.
const MaxImpact = 63

// BM25's constants, as the literature tunes them. Each field saturates
// on its own and the fields' weights are then added with their boosts
// (BM25F's simple form), so a word of the title outweighs the same word
// said ten times in the body.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Write writes d to w.
func (d *Doc) Write(w Writer) {
	for i := range d.Sections {
		s := &d.Sections[i]
		w.Section(s.Heading, s.Field)
		for _, t := range s.Texts {
			w.Text([]byte(t))
		}
	}
	for _, f := range d.Facets {
		w.Facet(f)
	}
}

// An analyser counts the terms of docs, one at a time, for one goroutine.
// It numbers every word it meets, once, with the number of its stem, so a
// word met again costs a table lookup by its bytes as numbers (number)
// and no allocation: a 10,000-guide site has millions of words and a few
// thousand distinct ones.
type analyser struct {
	lang    *Language
	stop    map[string]bool
	words   map[string]int32 // word -> its stem's number; stopID for a stop word
	stems   map[string]int32 // stem -> its number
	terms   []string         // by number: the stem
	counts  []termCount      // by number: in the doc being analysed
	touched []int32          // the numbers counted in this doc
	recent  [1 << recentBits]recentWord
	long    [1 << longBits]longWord
	table   wordTable // every word of up to sixteen bytes, for a miss in recent or long
	buf     []byte    // the scanner's
	heading []byte    // the heading being counted
	section int       // the section being written; -1 before the first
	doc     uint16    // the doc being analysed, counted from 1, wrapping (termCount.mark)
	length  int
	facets  []string
}

// stopID is the number an analyser gives every stop word: a term that
// no doc lists, whose counts are never read. The loop that counts most
// words (quick) counts a stop word as any other, without the branch
// that a word of three in English would mispredict.
const stopID = 0

// termCount is one term's count in the doc being analysed.
type termCount struct {
	best   float64            // the score of the best section so far
	tf     [len(boost)]uint32 // in each field
	inSect [len(boost)]uint32 // the count in each field of the section current
	// mark is the doc (analyser.doc) and the section inSect counts, in
	// one number (analyser.mark): a term met again in the same section,
	// most words, is known by one comparison. The rest of a termCount
	// counts for that doc alone.
	mark    uint32
	section uint16 // the best section
}

// counted is what a doc contributes to the index: its terms, by their
// numbers in the analyser that read it, each with its counts and best
// section, and its length in words.
type counted struct {
	terms  []termWeight
	length int
}

// termWeight is a term's counts in a doc: in the body, and the score of
// the other fields, which BM25 does not scale by the doc's length.
type termWeight struct {
	id            int32
	section       uint16
	heading, body uint8 // as in rawPosting
}

func newAnalyser(lang *Language) *analyser {
	a := &analyser{lang: lang, stop: map[string]bool{}, words: map[string]int32{}, stems: map[string]int32{},
		terms: []string{stopID: ""}, counts: []termCount{stopID: {}}}
	for _, w := range lang.Stop {
		a.stop[w] = true
	}
	return a
}

// number is the number of the stem of w, stopID for a stop word; short is
// w packed (wordScanner.short), or 0 for a longer word. A word is looked
// up first in a table of recent words by its bytes, up to sixteen, as
// numbers: a multiplication and a comparison or two instead of hashing
// a string, for the words that make up most of a text; then in the
// wordTable, which has every such word met.
func (a *analyser) number(w []byte, short uint64) int32 {
	if short != 0 {
		slot := a.recentSlot(short)
		if slot.short != short {
			*slot = recentWord{short, a.known(w, short, 0)}
		}
		return slot.id
	}
	if len(w) > 16 {
		return a.lookup(w)
	}
	lo, hi := binary.LittleEndian.Uint64(w), pack(w[8:])
	slot := &a.long[wordHash(lo, hi)>>(64-longBits)]
	if slot.lo != lo || slot.hi != hi {
		*slot = longWord{lo, hi, a.known(w, lo, hi)}
	}
	return slot.id
}

// recentSlot is the slot of a word of up to eight bytes, packed, in the
// table of recent words.
func (a *analyser) recentSlot(short uint64) *recentWord {
	return &a.recent[wordHash(short, 0)>>(64-recentBits)]
}

// wordHash is the hash of a word packed as lo, its first eight bytes, and
// hi, the rest, by which the tables of words find it.
func wordHash(lo, hi uint64) uint64 { return (lo ^ hi*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15 }

// known is number for a word not in the tables of recent words: lo and
// hi are w packed, its first eight bytes and the rest.
func (a *analyser) known(w []byte, lo, hi uint64) int32 {
	slot := a.table.find(lo, hi)
	if slot.lo == 0 {
		*slot = wordSlot{lo, hi, a.lookup(w)}
		a.table.added()
	}
	return slot.id
}

// A wordTable is the stem's number of every word of up to sixteen bytes
// an analyser has met, by the word's first eight bytes (lo) and the rest
// (hi), as pack packs them: a hash table with open addressing, at most
// half full. The tables of recent words forget a word that another
// takes the slot of (one word in twenty, on the generated sites); it is
// found here again without hashing its string.
type wordTable struct {
	slots []wordSlot // a power of two of them; lo is 0 in an empty one
	used  int
}

type wordSlot struct {
	lo, hi uint64
	id     int32
}

// find is the slot of lo and hi, or the empty one where they would go.
func (t *wordTable) find(lo, hi uint64) *wordSlot {
	if t.slots == nil {
		t.slots = make([]wordSlot, 1<<12)
	}
	mask := uint64(len(t.slots) - 1)
	for i := wordHash(lo, hi) >> 32; ; i++ {
		if s := &t.slots[i&mask]; s.lo == 0 || s.lo == lo && s.hi == hi {
			return s
		}
	}
}

// added counts a slot just filled, and doubles the table once it is half
// full.
func (t *wordTable) added() {
	if t.used++; 2*t.used < len(t.slots) {
		return
	}
	old := t.slots
	t.slots, t.used = make([]wordSlot, 2*len(old)), 0
	for _, s := range old {
		if s.lo != 0 {
			*t.find(s.lo, s.hi) = s
			t.used++
		}
	}
}

// recentBits and longBits size an analyser's tables of recent words: of
// 4,096 words of up to eight bytes, in 64 KB, and of 1,024 longer ones,
// in 24 KB.
const recentBits, longBits = 12, 10

// recentWord is a word of up to eight bytes (wordScanner.short) and its
// stem's number.
type recentWord struct {
	short uint64
	id    int32
}

// longWord is a word of nine to sixteen bytes, its first eight and the
// rest packed as numbers, and its stem's number.
type longWord struct {
	lo, hi uint64
	id     int32
}

// lookup is number by the word's string: for a word met the first time,
// or longer than sixteen bytes.
func (a *analyser) lookup(w []byte) int32 {
	if id, ok := a.words[string(w)]; ok {
		return id
	}
	word := string(w)
	id := int32(stopID)
	if !a.stop[word] {
		stem := a.lang.Stem(word)
		var ok bool
		if id, ok = a.stems[stem]; !ok {
			id = int32(len(a.terms))
			a.stems[stem] = id
			a.terms = append(a.terms, stem)
			a.counts = append(a.counts, termCount{})
			// A doc's terms are each listed once: room for one more,
			// which quick lists without an append's call.
			a.touched = slices.Grow(a.touched, len(a.counts)-len(a.touched))
		}
	}
	a.words[word] = id
	return id
}

func (a *analyser) Section(heading string, f Field) {
	a.section++ // a new section: each term's count in it starts afresh
	a.heading = append(a.heading[:0], heading...)
	a.add(a.heading, f, nil)
}

func (a *analyser) Text(text []byte) { a.add(text, FieldBody, nil) }

func (a *analyser) Marked(text []byte, m Markup) { a.add(text, FieldBody, m) }

func (a *analyser) Facet(name string) { a.facets = append(a.facets, name) }

// add counts the words of text as f; m, when not nil, reads its markup.
// Most words are quick's to read, and every word is quick's to count.
// The loop reads most of the others itself: a word of lower case ASCII or
// of one capital and then lower case (found as lowerRun finds it, written
// out here), and the tags around words. Any other word, and what follows
// a character reference, is the wordScanner's (next). FuzzAnalyserCounts
// holds the three to Tokens and MarkedWords.
func (a *analyser) add(text []byte, f Field, m Markup) {
	section := uint16(max(0, min(a.section, math.MaxUint16)))
	s := wordScanner{text: text, buf: a.buf, class: &byteClass}
	if m != nil {
		s.class, s.markup = &markedClass, m
	}
	class, length := s.class, a.length
	mark := a.mark(section)
	counted := false // quick stopped at i just now: another call would stop there too
	for i := 0; ; {
		var w []byte
		var short uint64
		if s.ref != "" {
			goto scanner
		}
		if !counted && i+8 <= len(text) {
			var n int
			i, n = a.quick(text, i, f, mark, stopID)
			length += n
		}
		counted = false
		for i < len(text) && class[text[i]] == byteSep {
			i++
		}
		if i == len(text) {
			break
		}
		// A word of lower case ASCII, or of one capital and then lower
		// case ("Fit"), is read here, as a run of lower case letters and
		// digits found as lowerRun finds it.
		{
			start, capital, after := i, false, 0
			if c := class[text[i]]; c != byteLower {
				if c == byteMarkup && text[i] == '<' {
					// A tag where a word would start: a word ends
					// before it, and one starts after it, whatever tag.
					n, _ := m.Tag(text[i:])
					i += n
					continue
				}
				if c != byteUpper || i+1 == len(text) || class[text[i+1]] != byteLower {
					goto scanner
				}
				capital = true
				i++
			}
			if i+8 <= len(text) {
				x := binary.LittleEndian.Uint64(text[i:])
				if m := notLower(x); m != 0 {
					n := bits.TrailingZeros64(m) >> 3
					i, short = i+n, x&(1<<(8*n)-1)
				} else {
					i, short = longerRun(text, i)
				}
			} else {
				i, short = longerRun(text, i)
			}
			// The word ends at a separator, at the end, or at a tag
			// that stands for a space or is followed by one.
			if after = i; i < len(text) && class[text[i]] != byteSep {
				if class[text[i]] != byteMarkup || text[i] != '<' {
					i = start // the word goes on past the run
					goto scanner
				}
				n, space := m.Tag(text[i:])
				if after = i + n; !space && after < len(text) && class[text[after]] != byteSep {
					i = start
					goto scanner
				}
			}
			switch {
			case capital:
				w = append(s.buf[:0], text[start:i]...)
				w[0] += 'a' - 'A'
				s.buf, short = w, short<<8|uint64(w[0])
				if len(w) > 8 {
					short = 0
				}
			case i-start < MinWord:
				i = after
				continue
			default:
				w = text[start:i]
			}
			i = after
			goto count
		}
	scanner: // any other word is the wordScanner's
		s.at = i
		if w = s.next(); w == nil {
			break
		}
		i, short = s.at, s.short
	count:
		length++
		var id int32
		if slot := a.recentSlot(short); short != 0 && slot.short == short {
			id = slot.id // number's first step, inline
		} else {
			id = a.number(w, short)
		}
		// quick counts the word, and goes on with the words after it
		// that it can read; what is left of a reference is read first.
		after := text
		if s.ref != "" {
			after = nil
		}
		var n int
		i, n = a.quick(after, i, f, mark, id)
		length, counted = length+n, true
	}
	a.length = length
	a.buf = s.buf
}

// quick counts the word numbered id, then the words of text from i on,
// as f, while each is one it can count in a few instructions: lower case
// ASCII, or a capital and then lower case, of up to sixteen bytes,
// followed by a separator and found in the tables of recent words. It
// returns where it stopped, at the start of a word it left to add, and
// how many words of text it counted. add passes each word it read itself
// as id, stopID when there is none (a stop word is counted in no list),
// so that every word is counted here. quick makes no call and keeps few
// values, so that the loop keeps them in registers; it reads bytes as
// markedClass says, where the two classes differ ('<' and '&') stopping
// for add to read them. On the guides of a generated site it reads nine
// words of ten, and the index costs a sixth fewer instructions than with
// add's loop alone.
func (a *analyser) quick(text []byte, i int, f Field, mark uint32, id int32) (int, int) {
	counts := a.counts
	counts[stopID].mark = mark // so a stop word is counted, in no list, without a branch
	for n := 0; ; n++ {
		t := &counts[id]
		if t.mark != mark { // the term's first time in the section
			if t.mark>>16 != mark>>16 { // and in the doc
				*t = termCount{}
				// A doc's terms are each listed once, and lookup made room
				// for them: no call of append's.
				k := len(a.touched)
				a.touched = a.touched[:k+1]
				a.touched[k] = id
			} else {
				t.endSection()
			}
			t.mark, t.inSect = mark, [len(boost)]uint32{}
		}
		t.tf[f]++
		t.inSect[f]++

		// The next word.
		var end int
		for {
			if i+8 > len(text) {
				return i, n
			}
			c := markedClass[text[i]]
			if c == byteSep {
				i++
				continue
			}
			x := binary.LittleEndian.Uint64(text[i : i+8])
			if c == byteUpper {
				x |= 0x20 // lower case
			} else if c != byteLower {
				return i, n
			}
			if m := notLower(x); m != 0 {
				k := bits.TrailingZeros64(m) >> 3
				end = i + k
				if markedClass[text[end]] != byteSep {
					return i, n
				}
				if k < MinWord {
					i = end + 1
					continue
				}
				short := x & (1<<(8*k) - 1)
				slot := &a.recent[wordHash(short, 0)>>(64-recentBits)]
				if slot.short != short {
					return i, n
				}
				id = slot.id
				break
			}
			if i+16 > len(text) {
				return i, n
			}
			y := binary.LittleEndian.Uint64(text[i+8 : i+16])
			m := notLower(y)
			k := bits.TrailingZeros64(m) >> 3
			if end = i + 8 + k; m == 0 || markedClass[text[end]] != byteSep {
				return i, n
			}
			if k == 0 {
				slot := &a.recent[wordHash(x, 0)>>(64-recentBits)]
				if slot.short != x {
					return i, n
				}
				id = slot.id
			} else {
				hi := y & (1<<(8*k) - 1)
				slot := &a.long[wordHash(x, hi)>>(64-longBits)]
				if slot.lo != x || slot.hi != hi {
					return i, n
				}
				id = slot.id
			}
			break
		}
		i = end + 1 // past the separator
	}
}

// endSection scores the term in the section its inSect counts, once the
// term is met in another or the doc ends: a term's section is the one
// where it counts most, the first of equals. Scored as the term leaves a
// section, in the loop that has its counts at hand, rather than at the
// end of every section for each of its terms, the scoring reads no
// memory the count did not.
func (t *termCount) endSection() {
	if in := fieldsScore(&t.inSect); in > t.best {
		t.best, t.section = in, uint16(t.mark)
	}
}

// mark is termCount.mark for a section of the doc being analysed.
func (a *analyser) mark(section uint16) uint32 { return uint32(a.doc)<<16 | uint32(section) }

// analyse counts the terms of one doc, which write writes.
func (a *analyser) analyse(write func(w Writer)) counted {
	a.length, a.section, a.facets = 0, -1, nil
	if a.doc++; a.doc == 0 { // wrapped: a mark of 65,536 docs ago would match
		for i := range a.counts {
			a.counts[i].mark = 0
		}
		a.doc = 1
	}
	write(a)
	c := counted{terms: make([]termWeight, 0, len(a.touched)), length: a.length}
	for _, id := range a.touched {
		t := &a.counts[id]
		if t.best == 0 { // met in one section alone, which is its best: no score to compare
			t.section = uint16(t.mark)
		} else {
			t.endSection() // the last section it was met in
		}
		body := t.tf[FieldBody]
		heading := uint8(0)
		if t.tf[FieldTitle]|t.tf[FieldStepTitle]|t.tf[FieldName] != 0 { // most terms are in a body alone
			t.tf[FieldBody] = 0
			heading = headingWeight(fieldsScore(&t.tf))
		}
		c.terms = append(c.terms, termWeight{id, t.section, heading, bodyCount(body)})
	}
	a.touched = a.touched[:0]
	return c
}

// Build indexes n docs, write(i, w) writing the i-th to w; a doc's number
// is i. It asks for each doc once, from several goroutines at once
// (workers), and keeps only its counts. The result depends on the docs
// alone.
func Build(n int, write func(i int, w Writer), lang *Language, layout Layout, workers int) *Index {
	return build(n, write, lang, layout, workers, false)
}

// BuildForUpdates is Build for an Index that Update can change later: it
// also keeps a map of its terms and each doc's facets.
func BuildForUpdates(n int, write func(i int, w Writer), lang *Language, layout Layout, workers int) *Index {
	return build(n, write, lang, layout, workers, true)
}

func build(n int, write func(i int, w Writer), lang *Language, layout Layout, workers int, updatable bool) *Index {
	docs := make([]counted, n)
	facets := make([][]string, n)
	workers = max(1, min(workers, n))
	// Worker w reads the docs of span(w), in order, so that each term's
	// postings from it come after those of the workers before it.
	span := func(w int) (int, int) { return w * n / workers, (w + 1) * n / workers }
	each := func(work func(w int)) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { work(w) })
		}
		wg.Wait()
	}
	analysers := make([]*analyser, workers)
	df := make([][]int32, workers) // by worker, by its number: the docs of its span with the term
	each(func(w int) {
		a := newAnalyser(lang)
		analysers[w] = a
		df[w] = make([]int32, len(a.terms)) // the stop words' term, which no doc lists
		lo, hi := span(w)
		for i := lo; i < hi; i++ {
			docs[i] = a.analyse(func(w Writer) { write(i, w) })
			facets[i] = a.facets
			for len(df[w]) < len(a.terms) {
				df[w] = append(df[w], 0)
			}
			for _, t := range docs[i].terms {
				df[w][t.id]++
			}
		}
	})

	// Every analyser numbered its terms as it met them: number them
	// again, in order, for the whole index.
	ix := &Index{Lang: lang, Docs: n, Layout: layout}
	seen := map[string]bool{}
	for _, a := range analysers {
		for _, t := range a.terms[stopID+1:] {
			if !seen[t] {
				seen[t] = true
				ix.terms = append(ix.terms, t)
			}
		}
	}
	slices.Sort(ix.terms)
	global := make([][]int32, workers) // by worker, its number -> the index's
	each(func(w int) {
		global[w] = make([]int32, len(analysers[w].terms))
		for i, t := range analysers[w].terms {
			k, _ := slices.BinarySearch(ix.terms, t)
			global[w][i] = int32(k)
		}
	})
	// Each term's postings are a part of one array, from start[t] to
	// start[t+1], worker after worker, so doc after doc: next[w][t] is
	// worker w's count of docs with term t, then where it puts its next.
	next := make([][]int, workers)
	for w := range workers {
		next[w] = make([]int, len(ix.terms))
		for i, c := range df[w][stopID+1:] {
			next[w][global[w][stopID+1+i]] = int(c)
		}
	}
	start := make([]int, len(ix.terms)+1)
	for t := range ix.terms {
		at := start[t]
		for w := range workers {
			next[w][t], at = at, at+next[w][t]
		}
		start[t+1] = at
	}
	all := make([]rawPosting, start[len(ix.terms)])
	ix.posts = make([][]rawPosting, len(ix.terms))
	for t := range ix.posts {
		ix.posts[t] = all[start[t]:start[t+1]:start[t+1]] // an Update's append copies
	}
	ix.length = make([]uint8, n)
	total := make([]int64, workers)
	each(func(w int) {
		g, next := global[w], next[w]
		lo, hi := span(w)
		for i := lo; i < hi; i++ {
			total[w] += int64(docs[i].length)
			ix.length[i] = lengthClass(docs[i].length)
			for _, t := range docs[i].terms {
				id := g[t.id]
				all[next[id]] = rawPosting{doc: int32(i), section: t.section, heading: t.heading, body: t.body}
				next[id]++
			}
			docs[i] = counted{}
		}
	})
	for _, t := range total {
		ix.total += t
	}
	if updatable {
		ix.ids = make(map[string]int32, len(ix.terms))
		for i, t := range ix.terms {
			ix.ids[t] = int32(i)
		}
		ix.docFacets = facets
	}
	ix.facets(facets)
	ix.group()
	ix.scale()
	return ix
}

// lengthClass is a doc's length in words on a log scale, four classes to
// a doubling: BM25 scales a body's weight by its length, and with classes
// instead of lengths an edit of a few words changes the postings of the
// words edited, not of every word of the doc.
func lengthClass(words int) uint8 {
	return uint8(min(255, math.Round(4*math.Log2(float64(max(1, words))))))
}

// scale works out what turns counts into impacts: each length class's
// norm, from the average length's class, and the score of MaxImpact.
func (ix *Index) scale() {
	avg := float64(lengthClass(int(ix.total / int64(max(1, ix.Docs)))))
	for c := range ix.norm {
		ix.norm[c] = 1 - bm25B + bm25B*math.Exp2((float64(c)-avg)/4)
	}
	// A word found in one doc alone, once in its title and once in a step
	// title: fixed by the number of docs, so an Update of one doc does not
	// change the scale of the others.
	ix.top = idf(1, ix.Docs) * (boost[FieldTitle] + boost[FieldStepTitle])
}

// idf is BM25's weight of a term found in df of n docs.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Scale is what every impact depends on besides the term's own postings:
// when it changes, every chunk does.
func (ix *Index) Scale() [2]float64 { return [2]float64{ix.norm[0], ix.top} }

// weight is what impact scales the scores of a term found in df docs
// by: its BM25 weight (idf), over the score of MaxImpact.
func (ix *Index) weight(df int) float64 {
	if ix.top <= 0 {
		return 0
	}
	return idf(df, ix.Docs) / ix.top
}

// impact is the impact of posting p of a term whose weight is w.
func (ix *Index) impact(w float64, p rawPosting) uint8 {
	return quantize(w * (float64(p.heading)*headingUnit + boost[FieldBody]*saturate(float64(p.body), ix.norm[ix.length[p.doc]])))
}

// saturate is BM25's weight of a term found tf times in a field whose
// length, over the average, is norm (> 0): each more time counts less.
// It is 0 for a tf of 0, with no branch, which the impact of a posting
// would mispredict.
func saturate(tf, norm float64) float64 {
	return tf * (bm25K1 + 1) / (tf + bm25K1*norm)
}

// fieldsScore is the BM25 weight of a term's counts in each field, without
// scaling the body by its length: the weight of the headings, and how a
// doc's sections compare.
func fieldsScore(tf *[len(boost)]uint32) float64 {
	if tf[FieldTitle]|tf[FieldStepTitle]|tf[FieldName] == 0 { // most terms of a section
		return fieldWeight(FieldBody, tf[FieldBody])
	}
	return fieldWeight(FieldTitle, tf[FieldTitle]) + fieldWeight(FieldStepTitle, tf[FieldStepTitle]) +
		fieldWeight(FieldName, tf[FieldName]) + fieldWeight(FieldBody, tf[FieldBody])
}

// fieldWeight is the weight of a term found n times in field f.
func fieldWeight(f Field, n uint32) float64 {
	if n < uint32(len(weighted[f])) {
		return weighted[f][n]
	}
	return boost[f] * saturate(float64(n), 1)
}

// weighted is boost[f] * saturate(n, 1) for the small counts fieldsScore
// meets most, which it asks for once for every term of every section.
var weighted = func() (w [len(boost)][64]float64) {
	for f := range w {
		for n := range w[f] {
			w[f][n] = boost[f] * saturate(float64(n), 1)
		}
	}
	return w
}()

// quantize maps a score, over the score of MaxImpact, to 1..MaxImpact
// on a square-root scale, which keeps apart the small scores of common
// words; a reader squares it back (Impact).
func quantize(score float64) uint8 {
	x := MaxImpact * math.Sqrt(score)
	if x >= MaxImpact {
		return MaxImpact
	}
	// Rounded as math.Round, without its call or a branch: for 0 <= x <
	// MaxImpact, x + 0.5 is exact or rounds no further than to a whole
	// number that rounding x would reach (TestQuantizeRounds).
	return max(1, uint8(x+0.5))
}

// Impact is the score a quantized impact stands for, on a scale where
// only the order of sums matters.
func Impact(q uint8) float64 { return float64(q) * float64(q) }

func (ix *Index) facets(docs [][]string) {
	byName := map[string][]int32{}
	for i, d := range docs {
		for _, f := range d {
			if l := byName[f]; len(l) == 0 || l[len(l)-1] != int32(i) {
				byName[f] = append(l, int32(i))
			}
		}
	}
	for f := range byName {
		ix.FacetNames = append(ix.FacetNames, f)
	}
	slices.Sort(ix.FacetNames)
	for _, f := range ix.FacetNames {
		ix.FacetDocs = append(ix.FacetDocs, byName[f])
	}
}

// Find is the postings of term, or nil.
func (ix *Index) Find(term string) []Posting {
	id, ok := ix.id(term)
	if !ok {
		return nil
	}
	posts := ix.posts[id]
	w := ix.weight(len(posts))
	out := make([]Posting, len(posts))
	for i, p := range posts {
		out[i] = Posting{Doc: p.doc, Impact: ix.impact(w, p), Section: p.section}
	}
	return out
}

func (ix *Index) id(term string) (int32, bool) {
	if ix.ids != nil {
		id, ok := ix.ids[term]
		return id, ok && int(id) < len(ix.terms) && len(ix.posts[id]) > 0
	}
	i, ok := slices.BinarySearch(ix.terms, term)
	return int32(i), ok
}

// prefix2 is the first two runes of a term: the key of its words file.
func prefix2(term string) string {
	n := 0
	for i := range term {
		if n == 2 {
			return term[:i]
		}
		n++
	}
	return term
}

// last2 is the last two runes of a term: the key of its endings file.
func last2(term string) string {
	i, n := len(term), 0
	for i > 0 && n < 2 {
		_, size := utf8.DecodeLastRuneInString(term[:i])
		i -= size
		n++
	}
	return term[i:]
}
