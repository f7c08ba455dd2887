package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// plainInputs are typical frontmatter values; all must take the fast path,
// in block and in inline mode.
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
	"",
	// Simple emphasis.
	"Let your dog set the pace; *never* pull.",
	"**Stop** if your cat pants.",
	"a *b*",
	"*a*",
	"**a**",
	"*Never* lift by the scruff",
	"*a*\n\n*b*",
	"one *two* three **four** five *six*",
	"*a* **b** *c*",
	"*a b c*",
	"**9 out of 10** vets",
	"*5* kg",
	"*a*, *b*; *c*: *d*! *e*? (see *f*)",
	"*a*.x",
	"*a* > *b* \"c\"",
	"a  *b*",
	"*Größe 1* kg",
	"**x (y) z**",
	"*a*)",
	// Trailing newlines and paragraphs.
	"Check the water bottle.\n",
	"Check the water bottle.\n\n",
	"Check the water bottle.\n\n\n",
	"*a*\n",
	"A\n\nB\n\n",
	"Para one.\n\nPara two.\n",
	"Para one.\n\nPara two.",
	"One.\n\nTwo.\n\nThree.\n",
	"Fill the bowl halfway; **never** to the brim.\n\nRefresh the water *twice* a day.\n",
	"x *a*\n\n*b* y\n",
	"**Stop** now.\n\n*Then* wait.\n",
	// Just within checkLimits' complexity budget.
	strings.Repeat("(", 11584),
}

// notPlain must take the slow path in both modes; listed to document why
// each rule exists.
var notPlain = []string{
	" leading space", "trailing space ", "tab\tinside", "two\nlines", "- list", "+ list", "* list",
	"1. list", "1) list", "# heading", "> quote", "===", "a_b_", "`code`", "[link]",
	"a <b>", "&amp;", "back\\slash", "a | b", "~~x~~", "see www.example.org", "http://x.org",
	"vet@example.org", "\x00", "\xff\xfe",
	// '*' that is not simple emphasis.
	"a*b*", "*a *", "* a*", "**a*", "*a**", "***a***", "*a*b", "_a_", "__a__", "*a\n*", "* a", "**",
	"*", "a * b", "2*3*4", "*a", "a*", "*a* *", "**a", "*a**b*", "**a *b* c**", "*a **b** c*",
	"*a*_", "*a*-", "*a*\"", "*a*'", "*a*]", "(*a*)", "x(*a*)", "\"*a*\"", "*.a*", "*a.*",
	"*é*", "*a*\u00a0b", "x\u00a0*a*", "*a* \"*c*\"", "*-a*", "* * *", "** **", "*****", "*a*?*b",
	"*a**b**", "**a**b",
	// Newlines and paragraphs.
	"\n", "\n\n", "\nA", "\n\nA", "A\n\n\nB", "A\nB\n", "A\n \n", "A\n\n B", "A \n",
	"A\r\n", "A\r\n\r\nB\r\n", "A\n\n# B", "A\n\n- B", "A\n\n1. B", "A\n\n* B", "A\n\n> B",
	"A\n\n===", "A\n\n---", "A\n\n    code", "A\n\n\tB", "A\n\nB ", "A\n\nwww.x.org", "A\n\n[x]",
	"A\n\n*b", "A\n===\n",
	// Beyond checkLimits' complexity budget: goldmark's path refuses it.
	strings.Repeat("(", 11585),
	strings.Repeat("*a* ", 6000) + "x",
}

func TestFastPathMatchesGoldmark(t *testing.T) {
	r := New()
	for _, s := range plainInputs {
		for _, inline := range []bool{false, true} {
			if _, ok := plainHTML([]byte(s), inline); !ok {
				t.Errorf("inline=%v: fast path refused %q", inline, s)
			}
		}
		checkFastPath(t, r, []byte(s))
	}
	for _, s := range notPlain {
		for _, inline := range []bool{false, true} {
			if _, ok := plainHTML([]byte(s), inline); ok {
				t.Errorf("inline=%v: fast path took %q", inline, s)
			}
		}
		checkFastPath(t, r, []byte(s))
	}
}

func checkFastPath(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	for _, inline := range []bool{false, true} {
		fast, ok := plainHTML(src, inline)
		if !ok {
			continue
		}
		slow := r.renderGoldmark(Doc{Source: src, Inline: inline})
		if fast != slow.HTML || len(slow.Problems) != 0 {
			t.Errorf("inline=%v %q:\nfast %q\nslow %q", inline, src, fast, slow.HTML)
		}
	}
}

// TestFastPathRandom compares the two paths on random text that is mostly
// plain but salted with every ASCII character, some multi-byte ones, and
// the pieces of emphasis and paragraphs.
func TestFastPathRandom(t *testing.T) {
	alphabet := []string{"a", "b", "w", "W", ".", " ", " ", "1", "9", ":", "/", "(", ")", "'", "\"", ">", "=", "-",
		"+", "!", "?", "#", "$", "%", "^", "{", "}", ",", ";", "é", "\u00a0", "\u2003", "😀", "\u200b",
		"*", "*", "**", " *", "* ", "*a*", " **b** ", "\n", "\n\n", "\n\n", "Cat"}
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
		if len(s) < 1000 { // the long ones only test checkLimits' budget
			f.Add(s)
		}
	}
	r := New()
	f.Fuzz(func(t *testing.T, s string) {
		checkFastPath(t, r, []byte(s))
	})
}

// plainHTML is the fast path's HTML for src as a string.
func plainHTML(src []byte, inline bool) (string, bool) {
	html, ok := appendPlainHTML(nil, src, inline)
	return string(html), ok
}

// renderGoldmark is the full path, with its HTML in Result.HTML as Render
// returns it.
func (r *Renderer) renderGoldmark(d Doc) Result {
	html, res := r.appendGoldmark(nil, d)
	res.HTML = string(html)
	return res
}
