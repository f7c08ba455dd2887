package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// plainInputs are typical frontmatter values; all must take the fast path.
var plainInputs = []string{
	"Feed twice a day.",
	"Guinea pig",
	"Syrian hamster (Mesocricetus auratus)",
	"Keep the cage between 18 and 24 °C; avoid draughts.",
	"Don't use cedar shavings!",
	"\"Fresh\" hay, every day",
	"Temperature > 25 degrees is too hot",
	"Step 2: clean the water bottle",
	"Größe: 120 × 60 cm — mindestens",
	"日本語のテキスト",
	"50% of the diet is hay",
	"C# and F# are not animals",
	"2024 was a good year",
	"1 hour",
	"x",
	"A sentence, with commas; colons: and (parentheses) {braces} / slashes ? and = signs + plus - minus.",
	"café au lait 😀",
	"ends with a period.",
	"The 3.5 kg rabbit",
	"e.g. wwwx is not a web address",
	"Price: $5 ^ 2",
}

func TestFastPathTakenForPlainText(t *testing.T) {
	for _, s := range plainInputs {
		if _, ok := plainHTML([]byte(s), false); !ok {
			t.Errorf("fast path refused %q", s)
		}
	}
}

func TestFastPathMatchesGoldmark(t *testing.T) {
	r := New()
	inputs := append([]string{}, plainInputs...)
	inputs = append(inputs, notPlain...)
	for _, s := range inputs {
		checkFastPath(t, r, []byte(s))
	}
}

// notPlain must take the slow path; listed to document why each rule exists.
var notPlain = []string{
	" leading space", "trailing space ", "tab\tinside", "two\nlines", "- list", "+ list", "* list",
	"1. list", "1) list", "# heading", "> quote", "===", "a *b*", "a_b_", "`code`", "[link]",
	"a <b>", "&amp;", "back\\slash", "a | b", "~~x~~", "see www.example.org", "http://x.org",
	"vet@example.org", "", "\x00", "\xff\xfe",
}

func checkFastPath(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	for _, inline := range []bool{false, true} {
		fast, ok := plainHTML(src, inline)
		if !ok {
			continue
		}
		slow := r.renderGoldmark(Doc{Source: src, Inline: inline})
		if !bytes.Equal(fast, slow.HTML) || len(slow.Problems) != 0 {
			t.Errorf("inline=%v %q:\nfast %q\nslow %q", inline, src, fast, slow.HTML)
		}
	}
}

// TestFastPathRandom compares the two paths on random text that is mostly
// plain but salted with every ASCII character and some multi-byte ones.
func TestFastPathRandom(t *testing.T) {
	alphabet := []string{"a", "b", "w", "W", ".", " ", " ", "1", "9", ":", "/", "(", ")", "'", "\"", ">", "=", "-",
		"+", "!", "?", "#", "$", "%", "^", "{", "}", ",", ";", "é", "\u00a0", "\u2003", "😀", "\u200b"}
	for c := byte(0x21); c < 0x7f; c++ {
		alphabet = append(alphabet, string(c))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	r := New()
	accepted := 0
	for range 20000 {
		var b []byte
		for range 1 + rng.IntN(30) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		if _, ok := plainHTML(b, false); ok {
			accepted++
		}
		checkFastPath(t, r, b)
	}
	if accepted < 1000 {
		t.Errorf("only %d random inputs took the fast path; the test checks too little", accepted)
	}
}

func FuzzFastPath(f *testing.F) {
	for _, s := range append(append([]string{}, plainInputs...), notPlain...) {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, s string) {
		checkFastPath(t, r, []byte(s))
	})
}
