package searchindex

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Language says how the words of one language become the terms of the
// index: which words are too common to index, and how a word is cut to its
// stem. It is data, not code, because search.js reads the same data from
// the index's meta file and applies it with the same few lines the Go side
// uses (Stem): a second language is a second Language value, and an index
// per language, with no new code in the browser.
type Language struct {
	// Code is the language's tag, as site.yaml's language: "en".
	Code string
	// Stop are the words left out of the index and out of queries.
	Stop []string
	// Vowels are the letters of which a stem must keep at least one: a
	// rule that would leave none is not applied ("string" stays whole).
	Vowels string
	// Steps are applied in order, each once: the first rule of a step
	// whose suffix ends the word, and whose stem would keep at least
	// MinStem runes and a vowel, replaces the suffix; the other rules of
	// that step are then skipped.
	Steps [][]Rule
}

// Rule replaces a suffix of a word.
type Rule struct {
	Suffix, Replace string
	MinStem         int // the least runes the word may have once replaced
}

// English stems plurals, -ing and -ed, as a user of search expects
// ("harnesses" finds "harness", "training" finds "trained"), and not more:
// a light stemmer that leaves unrelated words apart.
var English = Language{
	Code: "en",
	Stop: []string{"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "her", "his",
		"in", "into", "is", "it", "its", "of", "on", "or", "so", "that", "the", "their", "them", "then", "they",
		"this", "to", "was", "were", "will", "with", "you", "your"},
	Vowels: "aeiouy",
	Steps: [][]Rule{
		{ // plurals
			{"ies", "y", 3}, {"sses", "ss", 3}, {"shes", "sh", 3}, {"ches", "ch", 3}, {"xes", "x", 3},
			{"ss", "ss", 0}, {"us", "us", 0}, {"is", "is", 0}, {"s", "", 3},
		},
		{ // -ing and -ed
			{"eed", "eed", 0}, {"ied", "y", 3}, {"ing", "", 3}, {"ed", "", 3},
		},
		{ // the consonant doubled before -ing and -ed: running, stopped
			{"bb", "b", 3}, {"dd", "d", 3}, {"gg", "g", 3}, {"mm", "m", 3}, {"nn", "n", 3},
			{"pp", "p", 3}, {"rr", "r", 3}, {"tt", "t", 3},
		},
		{ // a silent e, so "use" meets "using"
			{"ee", "ee", 0}, {"e", "", 3},
		},
	},
}

// Stem is the term a word (lower case, from Tokens) is indexed and
// searched as.
func (l *Language) Stem(word string) string {
	for _, step := range l.Steps {
		for _, r := range step {
			stem, ok := strings.CutSuffix(word, r.Suffix)
			if !ok {
				continue
			}
			stem += r.Replace
			if utf8.RuneCountInString(stem) < r.MinStem || !strings.ContainsAny(stem, l.Vowels) {
				continue
			}
			word = stem
			break
		}
	}
	return word
}

// IsStop reports whether word is one of the language's stop words.
func (l *Language) IsStop(word string) bool {
	for _, s := range l.Stop {
		if s == word {
			return true
		}
	}
	return false
}

// MinWord is the fewest runes a word has to be a term: a single letter
// (the s of "cat's") finds nothing useful.
const MinWord = 2

// Tokens calls word for each word of text, lower case, in order: a word
// is a run of letters and digits; everything else separates words. Words
// shorter than MinWord are skipped. buf is scratch space, returned for
// the next call. search.js splits the same way (/[^\p{L}\p{N}]+/u).
func Tokens(buf []byte, text []byte, word func(w []byte)) []byte {
	s := wordScanner{text: text, buf: buf, class: &byteClass}
	for w := s.next(); w != nil; w = s.next() {
		word(w)
	}
	return s.buf
}

// Markup says how to read the text out of marked-up text, such as HTML,
// for Writer.Marked: which bytes are a tag and whether it stands for a
// space between words, and which are a character reference and what it
// stands for. The words of marked-up text are the words of the text it
// stands for, read without making that text first.
type Markup interface {
	// Tag is the length of the tag at the start of text, text[0] being
	// '<', and whether it separates words.
	Tag(text []byte) (n int, space bool)
	// Entity is the length of the character reference at the start of
	// text, text[0] being '&', and the text it stands for; n is 0 when
	// text does not start with one and the '&' is text.
	Entity(text []byte) (n int, ref string)
}

// MarkedWords is the words of marked-up text, as Tokens finds them in the
// text it stands for.
func MarkedWords(text []byte, m Markup) []string {
	var words []string
	s := wordScanner{text: text, markup: m, class: &markedClass}
	for w := s.next(); w != nil; w = s.next() {
		words = append(words, string(w))
	}
	return words
}

// A wordScanner finds the words of a text one at a time, as Tokens says,
// in a caller's loop rather than through a func value a word. The
// analyser reads the common words itself and asks next for the rest.
type wordScanner struct {
	text []byte
	at   int    // where the next word is looked for
	buf  []byte // where a word that text does not hold in lower case is made
	// short is the bytes of the word next found packed into a number, the
	// first one lowest, when it has at most eight; else 0. No letter or
	// digit is a zero byte, so two words have the same short only when
	// they are the same.
	short uint64
	// class is byteClass for plain text; markedClass, with markup, which
	// says what its tags and character references are.
	class  *[256]uint8
	markup Markup
	// ref is what is left of the text of a character reference that a
	// word ended in: it is read before text[at:].
	ref string
}

// Classes of bytes, for the scanner: a separator, a lower case letter or
// digit, an upper case letter, the start or middle of a longer rune, and
// in marked-up text the start of a tag or character reference.
const (
	byteSep = iota
	byteLower
	byteUpper
	byteRune
	byteMarkup
)

var byteClass, markedClass = func() (plain, marked [256]uint8) {
	for b := range 256 {
		switch {
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			plain[b] = byteLower
		case 'A' <= b && b <= 'Z':
			plain[b] = byteUpper
		case b >= utf8.RuneSelf:
			plain[b] = byteRune
		}
	}
	marked = plain
	marked['<'], marked['&'] = byteMarkup, byteMarkup
	return plain, marked
}()

// next is the next word, lower case, or nil when there are no more: a
// slice of text when text has it so (most words), else of buf. It
// returns the word rather than keeping it, since storing a pointer in
// the scanner would cost a write barrier a word while the garbage
// collector runs.
func (s *wordScanner) next() []byte {
	text, class, i := s.text, s.class, s.at
	for {
		if s.ref != "" { // a reference's text, which made reads
			s.at = i
			if w := s.made(); w != nil {
				return w
			}
			i = s.at
			continue
		}
		if i >= len(text) {
			s.at = i
			return nil
		}
		c := class[text[i]]
		if c == byteSep { // most often the one space between words
			i++
			continue
		}
		start := i
		if c == byteLower {
			var short uint64
			if i, short = lowerRun(text, i); i == len(text) || class[text[i]] == byteSep {
				if i-start < MinWord {
					continue
				}
				s.at, s.short = i, short
				return text[start:i]
			}
		}
		// Any other word is made in buf, from its start.
		s.at = start
		if w := s.made(); w != nil {
			return w
		}
		i = s.at
	}
}

// made reads the word at s.at, after what is left of a reference, rune by
// rune into buf, and returns it; or nil, having read what it did, when it
// is shorter than MinWord or there is none.
func (s *wordScanner) made() []byte {
	text, buf, n := s.text, s.buf[:0], 0
	for {
		var r rune
		switch {
		case s.ref != "":
			var size int
			r, size = utf8.DecodeRuneInString(s.ref)
			s.ref = s.ref[size:]
		case s.at == len(text):
			return s.end(buf, n)
		case text[s.at] < utf8.RuneSelf:
			c := text[s.at]
			switch s.class[c] {
			case byteSep:
				return s.end(buf, n)
			case byteUpper:
				c += 'a' - 'A'
			case byteMarkup:
				if c == '<' {
					size, space := s.markup.Tag(text[s.at:])
					s.at += size
					if space && n > 0 {
						return s.end(buf, n)
					}
					continue
				}
				if size, ref := s.markup.Entity(text[s.at:]); size > 0 {
					s.at += size
					s.ref = ref
					continue
				}
				// A bare '&': a separator, like any other.
				s.at++
				if n > 0 {
					return s.end(buf, n)
				}
				continue
			}
			s.at++
			buf, n = append(buf, c), n+1
			continue
		default:
			var size int
			r, size = utf8.DecodeRune(text[s.at:])
			s.at += size
		}
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
			if n > 0 {
				return s.end(buf, n)
			}
			continue
		}
		buf, n = utf8.AppendRune(buf, unicode.ToLower(r)), n+1
	}
}

// end ends the word made in buf, of n runes: it is the word when it has
// MinWord runes or more.
func (s *wordScanner) end(buf []byte, n int) []byte {
	s.buf = buf
	if n < MinWord {
		return nil
	}
	s.short = pack(buf)
	return buf
}

// lowerRun is where the run of lower case ASCII letters and digits that
// starts at text[i] ends, and the run's bytes packed as
// wordScanner.short; text[i] is one. The run is looked at eight bytes at
// once while there are eight: a run of fewer, most words, is found in the
// first eight (analyser.add does this much itself).
func lowerRun(text []byte, i int) (end int, short uint64) {
	if i+8 <= len(text) {
		x := binary.LittleEndian.Uint64(text[i:])
		if m := notLower(x); m != 0 {
			n := bits.TrailingZeros64(m) >> 3
			return i + n, x & (1<<(8*n) - 1)
		}
	}
	return longerRun(text, i)
}

// longerRun is lowerRun for a run of eight bytes or more, or near the end
// of text.
func longerRun(text []byte, i int) (end int, short uint64) {
	start := i
	for i+8 <= len(text) {
		if m := notLower(binary.LittleEndian.Uint64(text[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
		i += 8
	}
	for i < len(text) && byteClass[text[i]] == byteLower {
		i++
	}
	return i, pack(text[start:i])
}

// notLower has the high bit set of each byte of x, eight bytes of text
// the first lowest, that is not a lower case ASCII letter or a digit; at
// least up to and including the first byte of a longer rune, the only
// bytes whose sums below can carry into the next byte.
func notLower(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	letters := (x + ones*(0x80-'a')) &^ (x + ones*(0x7f-'z')) // high bit: 'a' <= c <= 'z'
	digits := (x + ones*(0x80-'0')) &^ (x + ones*(0x7f-'9'))
	return ^((letters | digits) &^ x) & highs
}

// pack is a word of at most eight bytes as a number, the first byte
// lowest (wordScanner.short); 0 for a longer one.
func pack(w []byte) uint64 {
	if len(w) > 8 {
		return 0
	}
	var k uint64
	for i, c := range w {
		k |= uint64(c) << (8 * i)
	}
	return k
}

// Words is the words of text, as Tokens finds them: for tests and queries.
func Words(text string) []string {
	var words []string
	Tokens(nil, []byte(text), func(w []byte) { words = append(words, string(w)) })
	return words
}
