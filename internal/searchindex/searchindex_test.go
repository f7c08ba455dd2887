package searchindex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for text, want := range map[string]string{
		"Fit the HARNESS, then walk.":    "fit the harness then walk",
		"cat's 2-3 days; a 10":           "cat days 10", // single letters and digits are not words
		"Ça fait déjà vu – Übung":        "ça fait déjà vu übung",
		"  ":                             "",
		"ten10x <em>emphasis</em>&amp;x": "ten10x em emphasis em amp",
	} {
		if got := strings.Join(Words(text), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

// The scanner finds the words of any text as the rule Tokens states does:
// runs of letters, digits and nonspacing marks, each rune lower-cased,
// of at least MinWord runes; with the packed form of the short ones.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Fit the HARNESS, then walk.", "Ça fait déjà vu – Übung", "abcdefgh abcdefghi x1 İstanbul ΣΊΣΥΦΟΣ", "a\xffb\xe2\x80", "end8char"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		for _, field := range strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) || r == utf8.RuneError
		}) {
			if utf8.RuneCountInString(field) >= MinWord {
				want = append(want, strings.Map(unicode.ToLower, field))
			}
		}
		sc := wordScanner{text: []byte(s), class: &byteClass}
		var got []string
		for w := sc.next(); w != nil; w = sc.next() {
			got = append(got, string(w))
			if want := pack([]byte(w)); sc.short != want {
				t.Errorf("%q: word %q packs as %#x, want %#x", s, w, sc.short, want)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("words of %q = %q, want %q", s, got, want)
		}
	})
}

// FuzzAnalyserCounts holds the analyser, which finds most words in its
// own loop, to Tokens and MarkedWords: it counts each word they find,
// stop words left out, under its stem.
func FuzzAnalyserCounts(f *testing.F) {
	for _, s := range []string{"Fit the HARNESS, then walk the cat; the cat walks.", "abcdefgh abcdefghi abcdefgh x1 İstanbul", "a\xffb\xe2\x80 end8char",
		"<p>harness</p><b>fit</b>ted &amp;caf&e;s <p", "walk<i>ing</i> walking<p>walk &e;&e; <", "twelve12char twelve12char"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, marked bool) {
		var m Markup
		words := Words(s)
		if marked {
			m, words = testMarkup{}, MarkedWords([]byte(s), testMarkup{})
		}
		want := map[string]uint32{}
		for _, w := range words {
			if !English.IsStop(w) {
				want[English.Stem(w)]++
			}
		}
		a := newAnalyser(&English)
		a.doc, a.section = 1, 0 // as analyse starts a doc and Section its first section
		a.add([]byte(s), FieldBody, m)
		got := map[string]uint32{}
		for _, id := range a.touched {
			got[a.terms[id]] = a.counts[id].tf[FieldBody]
		}
		if !maps.Equal(got, want) || a.length != len(words) {
			t.Errorf("%q (marked %v): counted %v in %d words, want %v in %d", s, marked, got, a.length, want, len(words))
		}
	})
}

// FuzzAnalyserSections holds what the analyser makes of a doc of several
// sections, each a heading of its own field and a marked-up body, to
// what the words MarkedWords finds say: each term's counts, its best
// section and the weight of its headings. A word met again is counted
// by quick, the first time by add, so the two meet in every section.
func FuzzAnalyserSections(f *testing.F) {
	for _, s := range []string{
		"Harness#Fit the harness; the HARNESS fits.|Walks#Walk, walk<p>walk and <b>walk</b>ing|Harness fit#harness harness harness",
		"#abcdefghijklmnop abcdefghijklmnop abcdefghijklmnopq twelve12char twelve12char|x#Twelve12char é &e;s &e;s",
		"a#a a a a|b#the the cats cats Cats|c#cat cat cat cat cat cat cat cat cat",
		"#|Cat#|Cat#cat is here.", // a tie of a step's title and a name with one more word: the first wins
		"#|#|Cat#|#cat cat cat cat cat cat cat cat cat cat cat cat cat", // thirteen times in a body just outweighs a name
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		type section struct {
			heading string
			field   Field
			body    []byte
		}
		var sections []section
		for i, part := range strings.Split(s, "|") {
			heading, body, _ := strings.Cut(part, "#")
			sections = append(sections, section{heading, Field(i % int(FieldBody)), []byte(body)})
		}
		// The reference: each term's counts by section and field.
		type counts [len(boost)]uint32
		bySection := map[string][]counts{}
		count := func(j int, f Field, words []string) {
			for _, w := range words {
				if English.IsStop(w) {
					continue
				}
				term := English.Stem(w)
				if bySection[term] == nil {
					bySection[term] = make([]counts, len(sections))
				}
				bySection[term][j][f]++
			}
		}
		for j, sec := range sections {
			count(j, sec.field, Words(sec.heading))
			count(j, FieldBody, MarkedWords(sec.body, testMarkup{}))
		}
		want := map[string]termWeight{}
		for term, secs := range bySection {
			var total counts
			best, at := 0.0, 0
			for j := range secs {
				for f := range total {
					total[f] += secs[j][f]
				}
				if score := fieldsScore((*[len(boost)]uint32)(&secs[j])); score > best {
					best, at = score, j
				}
			}
			body := total[FieldBody]
			total[FieldBody] = 0
			want[term] = termWeight{section: uint16(at), heading: headingWeight(fieldsScore((*[len(boost)]uint32)(&total))), body: bodyCount(body)}
		}
		a := newAnalyser(&English)
		for range 2 { // the second time, every word is in the tables of recent words
			c := a.analyse(func(w Writer) {
				for _, sec := range sections {
					w.Section(sec.heading, sec.field)
					w.Marked(sec.body, testMarkup{})
				}
			})
			got := map[string]termWeight{}
			for _, tw := range c.terms {
				term := a.terms[tw.id]
				tw.id = 0
				got[term] = tw
			}
			if !maps.Equal(got, want) {
				t.Fatalf("%q: counted %v, want %v", s, got, want)
			}
		}
	})
}

// testMarkup is a Markup for tests: a tag is from < to >, a space
// between words when its name starts with p; &amp; stands for "&" and
// &e; for "é".
type testMarkup struct{}

func (testMarkup) Tag(text []byte) (int, bool) {
	n := bytes.IndexByte(text, '>')
	if n < 0 {
		return 1, true
	}
	return n + 1, n > 1 && text[1] == 'p'
}

func (testMarkup) Entity(text []byte) (int, string) {
	switch {
	case bytes.HasPrefix(text, []byte("&amp;")):
		return 5, "&"
	case bytes.HasPrefix(text, []byte("&e;")):
		return 3, "é"
	}
	return 0, ""
}

func TestEnglishStem(t *testing.T) {
	for word, want := range map[string]string{
		"harness": "harness", "harnesses": "harness", "cats": "cat", "puppies": "puppy", "leashes": "leash",
		"boxes": "box", "training": "train", "trained": "train", "trains": "train", "running": "run",
		"stopped": "stop", "feeding": "feed", "feeds": "feed", "bake": "bak", "baking": "bak", "baked": "bak", "use": "use", "using": "using",
		"string": "string", "thing": "thing", "gas": "gas", "bus": "bus", "vaccinations": "vaccination",
		"tried": "try", "free": "free", "fitting": "fit", "fit": "fit",
	} {
		if got := English.Stem(word); got != want {
			t.Errorf("Stem(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"harness", "harnes", true}, {"vaccination", "vacination", true}, {"harness", "hardness", true},
		{"leash", "laesh", true}, {"leash", "leash", false}, {"leash", "lash", true}, {"leash", "slash", false},
		{"cat", "dog", false}, {"kätzchen", "katzchen", true}, {"ab", "abcd", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want || oneEdit(c.b, c.a) != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v both ways", c.a, c.b, got, c.want)
		}
	}
}

func TestLast2(t *testing.T) {
	for term, want := range map[string]string{"harness": "ss", "kätzchen": "en", "größe": "ße", "süß": "üß", "ab": "ab", "a": "a"} {
		if got := last2(term); got != want {
			t.Errorf("last2(%q) = %q, want %q", term, got, want)
		}
	}
}

// testDocs are three guides: one about harnesses, one about leash
// training that mentions a harness in a step, one about play.
func testDocs() []Doc {
	return []Doc{
		{Sections: []Section{
			{Heading: "Fitting a harness", Field: FieldTitle, Texts: []string{"Choose a harness that fits."}, Label: "Guide"},
			{Heading: "Measure the chest", Field: FieldStepTitle, Texts: []string{"Use a soft tape."}, Label: "Step 1", Anchor: "step-1"},
		}, Facets: []string{"species/cat", "topics/equipment"}},
		{Sections: []Section{
			{Heading: "Leash training", Field: FieldTitle, Texts: []string{"From first steps to first stroll."}, Label: "Guide"},
			{Heading: "Introduce the harness", Field: FieldStepTitle, Texts: []string{"Let your cat sniff it."}, Label: "Step 1", Anchor: "step-1"},
			{Heading: "Treat pouch", Field: FieldName, Texts: []string{"Keep treats at hand while training."}, Label: "Gear", Anchor: "gear"},
		}, Facets: []string{"species/cat", "topics/training"}},
		{Sections: []Section{
			{Heading: "Safe play", Field: FieldTitle, Texts: []string{"Put string away; a harness is no toy."}, Label: "Guide"},
		}, Facets: []string{"species/dog"}},
	}
}

// files builds testDocs and returns the files of the index, by name.
func files(t *testing.T, layout Layout, workers int) map[string][]byte {
	t.Helper()
	docs := testDocs()
	ix := Build(len(docs), func(i int, w Writer) { docs[i].Write(w) }, &English, layout, workers)
	out := map[string][]byte{MetaFile: Meta(len(docs), layout, &English), FacetsFile: ix.Facets()}
	for i := range layout.Chunks {
		out[ChunkFile(i)] = ix.Chunk(i)
	}
	for i := range layout.WordFiles {
		out[WordsFile(i)] = ix.Words(i)
	}
	for i := range layout.EndingFiles {
		out[EndingsFile(i)] = ix.Endings(i)
	}
	for i := range docs {
		out[DocFile(i)] = DocJSON(&docs[i], fmt.Sprintf("/guides/%d/", i))
	}
	for name, data := range out {
		if !json.Valid(data) {
			t.Fatalf("%s is not JSON: %s", name, data)
		}
	}
	return out
}

func open(t *testing.T, files map[string][]byte) *Reader {
	t.Helper()
	r, err := Open(func(name string) ([]byte, error) {
		if d, ok := files[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no file %s", name)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every term is in exactly the chunk and words file its hash names, and
// nowhere else; the index does not depend on how many workers made it.
func TestChunks(t *testing.T) {
	layout := Layout{Chunks: 8, WordFiles: 4, EndingFiles: 4}
	one := files(t, layout, 1)
	for _, workers := range []int{2, 3} { // spans of 1 and 2 docs, and of 1 each
		more := files(t, layout, workers)
		for name, data := range one {
			if string(more[name]) != string(data) {
				t.Errorf("%s differs made by 1 and %d workers:\n%s\n%s", name, workers, data, more[name])
			}
		}
	}
	terms := 0
	for i := range layout.Chunks {
		var chunk map[string]string
		if err := json.Unmarshal(one[ChunkFile(i)], &chunk); err != nil {
			t.Fatal(err)
		}
		for term, posts := range chunk {
			terms++
			if layout.ChunkOf(term) != i {
				t.Errorf("%q is in chunk %d, its hash names %d", term, i, layout.ChunkOf(term))
			}
			if _, err := decodePostings(posts); err != nil || posts == "" {
				t.Errorf("%q: postings %q: %v", term, posts, err)
			}
		}
	}
	words := listedTerms(t, one, layout.WordFiles, WordsFile, layout.WordsOf)
	if terms == 0 || terms != len(words) {
		t.Errorf("%d terms in chunks, %d in words files", terms, len(words))
	}
	endings := listedTerms(t, one, layout.EndingFiles, EndingsFile, layout.EndingsOf)
	for _, term := range endings {
		if len([]rune(term)) < minEnding {
			t.Errorf("%q is in an endings file, want %d runes or more", term, minEnding)
		}
	}
	long := len(endings)
	if long == 0 || long >= terms {
		t.Errorf("%d terms in endings files, want some but not all %d: short ones are left out", long, terms)
	}
	if !strings.Contains(string(one[ChunkFile(layout.ChunkOf("harness"))]), `"harness":`) {
		t.Error("harness is not in its chunk")
	}
	for _, stop := range English.Stop {
		if strings.Contains(string(one[ChunkFile(layout.ChunkOf(stop))]), `"`+stop+`":`) {
			t.Errorf("stop word %q is indexed", stop)
		}
	}
}

// listedTerms is the terms the n words or endings files of files list,
// which must each be in the file of names name(of(term)).
func listedTerms(t *testing.T, files map[string][]byte, n int, name func(int) string, of func(string) int) []string {
	t.Helper()
	var terms []string
	for i := range n {
		var list [][2]any
		if err := json.Unmarshal(files[name(i)], &list); err != nil {
			t.Fatal(err)
		}
		for _, wc := range list {
			term := wc[0].(string)
			if of(term) != i {
				t.Errorf("%q is in %s, want %s", term, name(i), name(of(term)))
			}
			terms = append(terms, term)
		}
	}
	return terms
}

// An index of no docs is one of no terms, and its files are JSON.
func TestNoDocs(t *testing.T) {
	layout := NewLayout(0)
	ix := Build(0, func(int, Writer) {}, &English, layout, 2)
	if len(ix.terms) != 0 {
		t.Errorf("terms %q, want none", ix.terms)
	}
	for i := range layout.Chunks {
		if c := ix.Chunk(i); !json.Valid(c) {
			t.Errorf("chunk %d: %s", i, c)
		}
	}
}

func TestLayout(t *testing.T) {
	for docs, chunks := range map[int]int{0: 8, 8: 8, 100: 16, 1000: 128, 10000: 1024, 1000000: 1024} {
		if l := NewLayout(docs); l.Chunks != chunks || l.WordFiles < 4 {
			t.Errorf("NewLayout(%d) = %+v, want %d chunks", docs, l, chunks)
		}
	}
}

func TestRanking(t *testing.T) {
	r := open(t, files(t, NewLayout(3), 2))
	for _, c := range []struct {
		query   string
		facets  []string
		docs    []int
		section int // of the first
	}{
		{"harness", nil, []int{0, 1, 2}, 0},   // title > step title > body
		{"harnesses", nil, []int{0, 1, 2}, 0}, // stemmed
		{"harnes", nil, []int{0, 1, 2}, 0},    // a typo
		{"arness", nil, []int{0, 1, 2}, 0},    // a typo in the first two letters
		{"harness sniff", nil, []int{1}, 1},   // every word, where both are
		{"treats pouch", nil, []int{1}, 2},    // in a gear section
		{"leash trai", nil, []int{1}, 0},      // the last word being typed
		{"harness", []string{"species/cat"}, []int{0, 1}, 0},
		{"harness", []string{"species/cat", "topics/training"}, []int{1}, 1},
		{"the", nil, nil, 0}, // stop words find nothing
		{"giraffe", nil, nil, 0},
	} {
		res, err := r.Search(c.query, c.facets...)
		if err != nil {
			t.Fatal(err)
		}
		var docs []int
		for _, x := range res {
			docs = append(docs, x.Doc)
		}
		if !slices.Equal(docs, c.docs) || len(res) > 0 && res[0].Section != c.section {
			t.Errorf("Search(%q, %v) = %+v, want docs %v, section %d first", c.query, c.facets, res, c.docs, c.section)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	want := []Posting{{0, 1, 0}, {31, 63, 31}, {32, 7, 32}, {40000, 12, 1000}, {1 << 30, 2, 0}}
	var b []byte
	prev := int32(0)
	for _, p := range want {
		b = appendNumber(b, uint64(p.Doc-prev))
		b = append(b, Digits[p.Impact])
		b = appendNumber(b, uint64(p.Section))
		prev = p.Doc
	}
	got, err := decodePostings(string(b))
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("decode(encode(%v)) = %v, %v", want, got, err)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "<script>&", "\x00\x1f\u2028", "\xff", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("appendString(%q) = %s: %v", s, b, err)
		}
		if want := strings.ToValidUTF8(s, "\ufffd"); got != want && !strings.ContainsRune(s, 0xfffd) {
			t.Errorf("appendString(%q) reads back as %q", s, got)
		}
		if strings.ContainsAny(string(b), "<>&\u2028\u2029") {
			t.Errorf("appendString(%q) = %s has a raw <, >, &, U+2028 or U+2029", s, b)
		}
	})
}

// An Update of some docs makes the same files as a Build of the docs as
// they are after it, and says which files it may have changed.
func TestUpdateMatchesBuild(t *testing.T) {
	before, after := testDocs(), testDocs()
	after[1].Sections[1].Texts = []string{"Let your cat sniff it, then reward with a treat."}
	after[1].Sections = append(after[1].Sections, Section{Heading: "Clicker", Field: FieldName, Texts: []string{"A clicker marks the moment."}})
	after[1].Facets = []string{"species/cat"}
	after[2].Sections[0].Texts = nil // a word ("string") no other doc has goes away
	layout := Layout{Chunks: 8, WordFiles: 4, EndingFiles: 4}
	write := func(docs []Doc) func(int, Writer) { return func(i int, w Writer) { docs[i].Write(w) } }
	ix := BuildForUpdates(len(before), write(before), &English, layout, 2)
	old := ix.Chunk(0)
	updated, changed := ix.Update([]int{1, 2}, write(before), write(after))
	want := Build(len(after), write(after), &English, layout, 1)
	if string(ix.Chunk(0)) != string(old) {
		t.Error("Update changed the index it was made from")
	}
	same := func(name string, got, want []byte) {
		if string(got) != string(want) {
			t.Errorf("%s after Update:\n%s\nBuild:\n%s", name, got, want)
		}
	}
	for i := range layout.Chunks {
		same(ChunkFile(i), updated.Chunk(i), want.Chunk(i))
		if string(ix.Chunk(i)) != string(updated.Chunk(i)) && !changed.All && !slices.Contains(changed.Chunks, i) {
			t.Errorf("%s changed, yet Update does not say so (%+v)", ChunkFile(i), changed)
		}
	}
	for i := range layout.WordFiles {
		same(WordsFile(i), updated.Words(i), want.Words(i))
		if string(ix.Words(i)) != string(updated.Words(i)) && !changed.All && !slices.Contains(changed.Words, i) {
			t.Errorf("%s changed, yet Update does not say so (%+v)", WordsFile(i), changed)
		}
	}
	for i := range layout.EndingFiles {
		same(EndingsFile(i), updated.Endings(i), want.Endings(i))
		if string(ix.Endings(i)) != string(updated.Endings(i)) && !changed.All && !slices.Contains(changed.Endings, i) {
			t.Errorf("%s changed, yet Update does not say so (%+v)", EndingsFile(i), changed)
		}
	}
	// The new word and the word gone are each in an endings file, which
	// changed with them.
	for _, term := range []string{"clicker", "string"} {
		if !changed.All && !slices.Contains(changed.Endings, layout.EndingsOf(term)) {
			t.Errorf("Changed.Endings = %v, want the endings file of %q, %d", changed.Endings, term, layout.EndingsOf(term))
		}
	}
	same(FacetsFile, updated.Facets(), want.Facets())
	if updated.Find("string") != nil || len(updated.Find("clicker")) != 1 {
		t.Errorf("string: %v, clicker: %v", updated.Find("string"), updated.Find("clicker"))
	}
}

// typoLayout has more words files than NewLayout(3), so that the typos of
// the tests below are not in the words file of the term they mean.
var typoLayout = Layout{Chunks: 8, WordFiles: 64, EndingFiles: 16}

// A word of five or more letters with a typo in its first two letters
// finds its term through the endings file of its last two; a shorter
// one finds nothing.
func TestTypoInFirstTwoLetters(t *testing.T) {
	index := files(t, typoLayout, 1)
	for _, c := range []struct {
		query, term string
	}{
		{"lesah", "leash"},       // five letters, the typo the words file finds
		{"garness", "harness"},   // the first letter changed
		{"hqrness", "harness"},   // the second
		{"ahrness", "harness"},   // the two swapped
		{"arness", "harness"},    // the first left out
		{"tharness", "harness"},  // one put before it
		{"hranesses", "harness"}, // the stem's ending, "ess", not the word's, "ses"
		{"rtaining", "train"},    // the stem alone is one edit away
	} {
		r := open(t, index)
		words, err := r.Terms(c.query)
		if err != nil {
			t.Fatal(err)
		}
		if len(words) != 1 || !slices.Contains(words[0], candidate{c.term, weightTypo}) {
			t.Errorf("Terms(%q) = %v, want %q as a typo", c.query, words, c.term)
		}
		if res, _ := r.Search(c.query); len(res) == 0 {
			t.Errorf("Search(%q) finds nothing", c.query)
		}
		if ending := slices.ContainsFunc(r.Read, func(name string) bool { return strings.HasPrefix(name, "e/") }); ending != (c.query != "lesah") {
			t.Errorf("Search(%q) read %v: an endings file only for a typo in the first two letters", c.query, r.Read)
		}
	}
	for _, short := range []string{"asfe", "tsring"[:4], "ahrn"} { // safe, stri(ng), harn(ess)
		r := open(t, index)
		if res, err := r.Search(short); err != nil || len(res) > 0 {
			t.Errorf("Search(%q) = %v, %v; want nothing: a word under five letters has no typo", short, res, err)
		}
	}
}

// Every term of five or more letters is found again from every one-edit
// typo that changes its first two letters and leaves five letters or
// more: each left out, changed, or one put before it, and the first or
// second swapped with the next.
func TestEveryTypoInFirstTwoLettersFinds(t *testing.T) {
	index := files(t, typoLayout, 1)
	r := open(t, index)
	var terms []string
	for name, data := range index {
		if strings.HasPrefix(name, "w/") {
			var list [][2]any
			json.Unmarshal(data, &list)
			for _, wc := range list {
				if term := wc[0].(string); len([]rune(term)) >= 5 {
					terms = append(terms, term)
				}
			}
		}
	}
	if len(terms) < 10 {
		t.Fatalf("only %d terms to try: %v", len(terms), terms)
	}
	for _, term := range terms {
		x := []rune(term)
		typos := []string{string(x[1:]), string(x[:1]) + string(x[2:]), // a letter left out
			string(x[1]) + string(x[0]) + string(x[2:]), string(x[0]) + string(x[2]) + string(x[1]) + string(x[3:])} // two swapped
		for i := range 2 {
			typos = append(typos, string(x[:i])+"q"+string(x[i+1:]), string(x[:i])+"q"+string(x[i:]))
		}
		for _, typo := range typos {
			if len([]rune(typo)) < 5 {
				continue
			}
			words, err := r.Terms(typo)
			if err != nil {
				t.Fatal(err)
			}
			if len(words) == 1 && slices.Contains(words[0], candidate{r.Lang.Stem(typo), weightExact}) {
				continue // the typo is a word of its own
			}
			if len(words) != 1 || !slices.Contains(words[0], candidate{term, weightTypo}) {
				t.Errorf("Terms(%q) = %v, want %q as a typo", typo, words, term)
			}
		}
	}
}

// An endings file is read only for a word of five or more letters that its
// words file finds nothing for: a query without a typo, or with one the
// words file finds, reads nothing more than it did before there were any.
func TestEndingsReadOnlyWhenNeeded(t *testing.T) {
	index := files(t, typoLayout, 1)
	for _, c := range []struct {
		query   string
		endings int
	}{
		{"harness", 0},
		{"harnes", 0},     // the words file finds the typo
		{"leash trai", 0}, // the word being typed
		{"asfe", 0},       // too short to have a typo
		{"harness arness", 1},
		{"arness leahs", 1},
		{"giraffe", 2}, // its stem's, "giraff", and its own: the price of a word the index lacks
	} {
		r := open(t, index)
		if _, err := r.Search(c.query); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, name := range r.Read {
			if strings.HasPrefix(name, "e/") {
				n++
			}
		}
		if n != c.endings {
			t.Errorf("%q read %v, want %d endings files", c.query, r.Read, c.endings)
		}
	}
}

// A doc whose length moves to another class changes the impact of every
// term it has, though none of its counts changed: an Update says so for
// each of their chunks, and the other docs keep theirs.
func TestUpdateOfALengthClass(t *testing.T) {
	text := func(i, stops int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "guide%d ", i)
		for w := range 80 {
			fmt.Fprintf(&b, "w%d ", w%40)
		}
		b.WriteString(strings.Repeat("the ", stops))
		return b.String()
	}
	docs := func(stops int) []Doc {
		var d []Doc
		for i := range 64 {
			d = append(d, Doc{Sections: []Section{{Heading: "Guide", Field: FieldTitle, Texts: []string{text(i, stops*max(0, 1-i))}}}})
		}
		return d
	}
	// 40 stop words more: no term's count changes, but the doc is longer
	// by two length classes.
	before, after := docs(0), docs(40)
	if lengthClass(82) == lengthClass(122) {
		t.Fatal("the edit does not change the length class; the test tests nothing")
	}
	layout := Layout{Chunks: 64, WordFiles: 8, EndingFiles: 8}
	write := func(docs []Doc) func(int, Writer) { return func(i int, w Writer) { docs[i].Write(w) } }
	ix := BuildForUpdates(len(before), write(before), &English, layout, 2)
	updated, changed := ix.Update([]int{0}, write(before), write(after))
	want := Build(len(after), write(after), &English, layout, 1)
	if changed.All {
		t.Fatal("Update says every file changed; the test needs the scale to stay")
	}
	for i := range layout.Chunks {
		if string(updated.Chunk(i)) != string(want.Chunk(i)) {
			t.Errorf("%s after Update:\n%s\nBuild:\n%s", ChunkFile(i), updated.Chunk(i), want.Chunk(i))
		}
		if string(ix.Chunk(i)) != string(updated.Chunk(i)) && !slices.Contains(changed.Chunks, i) {
			t.Errorf("%s changed, yet Update does not say so (%v)", ChunkFile(i), changed.Chunks)
		}
	}
	if len(changed.Chunks) < 2 {
		t.Errorf("Update changed chunks %v, want those of the doc's 41 terms", changed.Chunks)
	}
}

// TestQuantizeRounds holds quantize's rounding, which adds a half and
// truncates, to math.Round's: at every half step of the scale, on either
// side of it, and at scores spread over the whole scale and past it.
func TestQuantizeRounds(t *testing.T) {
	want := func(score float64) uint8 {
		return uint8(max(1, min(MaxImpact, math.Round(MaxImpact*math.Sqrt(score)))))
	}
	var scores []float64
	for k := 0.0; k <= MaxImpact+1; k += 0.5 {
		s := (k / MaxImpact) * (k / MaxImpact)
		for _, x := range []float64{s, math.Nextafter(s, 0), math.Nextafter(s, 2)} {
			for range 3 { // and the next scores out, whose roots may land either side
				scores = append(scores, x)
				x = math.Nextafter(x, 2)
			}
		}
	}
	for i := range 100000 {
		scores = append(scores, float64(i)/90000)
	}
	bad := 0
	for _, s := range scores {
		if got := quantize(s); got != want(s) && bad < 10 {
			t.Errorf("quantize(%v) = %d, math.Round gives %d", s, got, want(s))
			bad++
		}
	}
}

// An analyser numbers docs in 16 bits for its marks: when the number
// wraps, a term's mark from 65,536 docs ago must not pass for this doc's.
func TestAnalyserDocNumberWraps(t *testing.T) {
	a := newAnalyser(&English)
	doc := func(w Writer) { w.Section("Cats", FieldTitle) }
	if c := a.analyse(doc); len(c.terms) != 1 {
		t.Fatalf("first doc: %d terms, want 1", len(c.terms))
	}
	a.doc = math.MaxUint16 // as after 65,534 docs more, none with "cats"
	if c := a.analyse(doc); len(c.terms) != 1 || c.terms[0].heading == 0 {
		t.Errorf("the doc after the number wrapped: terms %v, want the title's one", c.terms)
	}
}

// A site with more words than the tables of recent words have slots:
// every word, met again after thousands of others, has its stem's number,
// and words that share a slot, or their first eight bytes, do not take
// each other's.
func TestAnalyserNumbersManyWords(t *testing.T) {
	var words []string
	for n := range 20000 {
		w := []byte("q")
		for k := n; k > 0 || len(w) < 3; k /= 26 {
			w = append(w, byte('a'+k%26))
		}
		if n%3 == 0 { // some of nine to sixteen bytes, all alike in their first eight
			w = append([]byte("qzzzzzzz"), w...)
		}
		words = append(words, string(w))
	}
	a := newAnalyser(&English)
	text := []byte(strings.Join(words, " "))
	for range 2 { // the second time, each is known
		a.analyse(func(w Writer) { w.Section("", FieldTitle); w.Text(text) })
		for _, w := range words {
			id := a.number([]byte(w), pack([]byte(w)))
			if id == stopID || a.terms[id] != English.Stem(w) {
				t.Fatalf("%q is number %d, the stem %q", w, id, a.terms[id])
			}
		}
	}
	stems := map[string]bool{}
	for _, w := range words {
		stems[English.Stem(w)] = true
	}
	if len(a.terms)-1 != len(stems) || a.table.used != len(words) { // terms[stopID] stands for the stop words
		t.Errorf("%d terms, %d words in the table; want %d and %d", len(a.terms)-1, a.table.used, len(stems), len(words))
	}
}

// The Append forms of the files add to what their memory holds and
// leave it be: written one after another into one buffer, as a build
// writes them, each is its file and nothing of the one before.
func TestAppendFilesInOneBuffer(t *testing.T) {
	docs := testDocs()
	layout := NewLayout(len(docs))
	ix := Build(len(docs), func(i int, w Writer) { docs[i].Write(w) }, &English, layout, 1)
	buf := []byte("before")
	check := func(name string, appendFile func([]byte) []byte, want []byte) {
		t.Helper()
		got := appendFile(buf[:6])
		if string(got[:6]) != "before" || string(got[6:]) != string(want) {
			t.Errorf("%s appended to %q: %q, want %q after it", name, buf[:6], got, want)
		}
		buf = got // the next file reuses this one's memory
	}
	for i := range layout.Chunks {
		check(ChunkFile(i), func(b []byte) []byte { return ix.AppendChunk(b, i) }, ix.Chunk(i))
	}
	for i := range layout.WordFiles {
		check(WordsFile(i), func(b []byte) []byte { return ix.AppendWords(b, i) }, ix.Words(i))
	}
	for i := range layout.EndingFiles {
		check(EndingsFile(i), func(b []byte) []byte { return ix.AppendEndings(b, i) }, ix.Endings(i))
	}
	for i := range docs {
		url := fmt.Sprintf("/guides/%d/", i)
		check(DocFile(i), func(b []byte) []byte {
			w := NewDocWriter(b, url)
			for _, s := range docs[i].Sections {
				w.Section(s.Heading, s.Label, s.Anchor, []byte(s.Excerpt))
			}
			return w.Bytes()
		}, DocJSON(&docs[i], url))
	}
}
