package searchindex

import (
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
func Tokens[T string | []byte](buf []byte, text T, word func(w []byte)) []byte {
	buf, n := buf[:0], 0 // the word so far, lower case, and its runes
	end := func() {
		if n >= MinWord {
			word(buf)
		}
		buf, n = buf[:0], 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // the common case, without decoding
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				buf, n = append(buf, c), n+1
			case 'A' <= c && c <= 'Z':
				buf, n = append(buf, c+'a'-'A'), n+1
			case n > 0:
				end()
			}
			i++
			continue
		}
		var head [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(head[:copy(head[:], text[i:min(len(text), i+utf8.UTFMax)])])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) {
			buf, n = utf8.AppendRune(buf, unicode.ToLower(r)), n+1
		} else if n > 0 {
			end()
		}
		i += size
	}
	if n > 0 {
		end()
	}
	return buf
}

// Words is the words of text, as Tokens finds them: for tests and queries.
func Words(text string) []string {
	var words []string
	Tokens(nil, text, func(w []byte) { words = append(words, string(w)) })
	return words
}
