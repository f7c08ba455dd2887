package markdown

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

func staircase(levels int) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat("  ", i) + "* level\n")
	}
	return b.String()
}

func TestNestingLimit(t *testing.T) {
	tests := []struct {
		name, src string
		refused   bool
		line      int
	}{
		{"markers on one line", strings.Repeat("* ", 100) + "x", true, 1},
		{"quotes", "intro\n\n" + strings.Repeat(">", 65) + " x", true, 3},
		{"quotes with spaces", strings.Repeat("> ", 65) + "x", true, 1},
		{"ordered", strings.Repeat("1. ", 65) + "x", true, 1},
		{"mixed", strings.Repeat("> - ", 33) + "x", true, 1},
		{"footnotes", strings.Repeat("[^a]: ", 65) + "x", true, 1},
		{"staircase", staircase(70), true, 0},
		{"at the limit", strings.Repeat("> ", 64) + "x", false, 0},
		{"staircase within", staircase(20), false, 0},
		{"thematic break", strings.Repeat("* ", 100), false, 0},
		{"dashes break", "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", false, 0},
		{"emphasis not a list", strings.Repeat("*a ", 100), false, 0},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render(Doc{Source: []byte(tt.src)})
			refused := len(res.Problems) > 0
			if refused != tt.refused {
				t.Fatalf("refused = %v, want %v; problems %+v", refused, tt.refused, res.Problems)
			}
			if !refused {
				return
			}
			p := res.Problems[0]
			if len(res.HTML) != 0 || !strings.Contains(p.Message, "the limit is 64") || p.Hint == "" {
				t.Errorf("got HTML %d bytes, problem %+v", len(res.HTML), p)
			}
			if tt.line != 0 && p.Line != tt.line {
				t.Errorf("problem on line %d, want %d", p.Line, tt.line)
			}
		})
	}
}

func TestNestingLimitOption(t *testing.T) {
	src := []byte("> > > x")
	if res := New(WithMaxNesting(2)).Render(Doc{Source: src}); len(res.Problems) != 1 || len(res.HTML) != 0 {
		t.Errorf("limit 2: %+v", res)
	}
	if res := New(WithMaxNesting(3)).Render(Doc{Source: src}); len(res.Problems) != 0 {
		t.Errorf("limit 3: %+v", res.Problems)
	}
	// Inline mode has no containers, so markers there are only text.
	if res := New(WithMaxNesting(2)).Render(Doc{Source: src, Inline: true}); len(res.Problems) != 0 {
		t.Errorf("inline: %+v", res.Problems)
	}
}

// TestNestingBackstop checks the walk's own nesting check, which catches
// whatever the pre-scan's estimate misses, by calling it directly.
func TestNestingBackstop(t *testing.T) {
	r := New(WithMaxNesting(2))
	doc := r.block.Parser().Parse(text.NewReader([]byte("> > > x")))
	st := newDocState(Doc{Source: []byte("> > > x")}, 2)
	if st.walk(doc) || len(st.res.Problems) != 1 || !strings.Contains(st.res.Problems[0].Message, "3 levels") {
		t.Errorf("walk did not refuse: %+v", st.res.Problems)
	}
}

func TestSizeLimit(t *testing.T) {
	r := New(WithMaxBytes(100))
	res := r.Render(Doc{Source: []byte(strings.Repeat("word ", 30))})
	if len(res.HTML) != 0 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "the limit is 100") {
		t.Errorf("got %+v", res)
	}
	if res := r.Render(Doc{Source: []byte(strings.Repeat("*w* ", 25))}); len(res.Problems) != 0 {
		t.Errorf("100 bytes refused: %+v", res.Problems)
	}
}

func TestComplexityLimit(t *testing.T) {
	r := New()
	res := r.Render(Doc{Source: []byte("fine\n\n" + strings.Repeat("[](", 20000))})
	if len(res.HTML) != 0 || len(res.Problems) != 1 || res.Problems[0].Line != 3 {
		t.Errorf("got %+v", res.Problems)
	}
	// The same delimiters split into paragraphs are fine.
	res = r.Render(Doc{Source: []byte(strings.Repeat("[a](b) *c* `d`\n\n", 5000))})
	if len(res.Problems) != 0 || len(res.Links) != 5000 {
		t.Errorf("split paragraphs: %d links, problems %+v", len(res.Links), res.Problems)
	}
}

// TestPathological runs inputs that make goldmark quadratic or deeply
// recursive. It asserts no durations (the machines are noisy); a regression
// shows up as a test timeout. BenchmarkPathological measures them.
func TestPathological(t *testing.T) {
	r := New()
	for name, src := range pathological() {
		for _, inline := range []bool{false, true} {
			res := r.Render(Doc{Source: []byte(src), Inline: inline})
			if len(res.HTML) == 0 && len(res.Problems) == 0 {
				t.Errorf("%s (inline %v): neither HTML nor a problem", name, inline)
			}
		}
	}
}

func BenchmarkPathological(b *testing.B) {
	r := New()
	cases := pathological()
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		src := []byte(cases[name])
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r.Render(Doc{Source: src})
			}
		})
	}
}

func pathological() map[string]string {
	return map[string]string{
		"nested-star-lines": staircase(1000),
		"nested-stars":      strings.Repeat("* ", 40000) + "x",
		"nested-quotes":     strings.Repeat(">", 40000) + "x",
		"nested-quotes-sp":  strings.Repeat("> ", 40000) + "x",
		"nested-ordered":    strings.Repeat("1. ", 40000) + "x",
		"nested-footnotes":  strings.Repeat("[^a]: ", 40000) + "x",
		"wide-table":        strings.Repeat("|a", 20000) + "|\n" + strings.Repeat("|-", 20000) + "|\n" + strings.Repeat("|b", 20000) + "|\n",
		"open-brackets":     strings.Repeat("[", 100000),
		"open-images":       strings.Repeat("![", 100000),
		"open-links":        strings.Repeat("[a](", 50000),
		"empty-links":       strings.Repeat("[](", 100000),
		"angle-dests":       strings.Repeat("[a](<", 30000),
		"titles":            strings.Repeat("[a](b \"\n", 30000),
		"shortcut-refs":     strings.Repeat("[a]\n", 100000),
		"emphasis":          strings.Repeat("a**_b", 60000),
		"deep-emphasis":     strings.Repeat("*", 50000) + "a" + strings.Repeat("*", 50000),
		"backticks":         strings.Repeat("`a", 100000),
		"raw-html":          strings.Repeat("<a ", 100000),
		"many-list-items":   strings.Repeat("- [ ] x\n", 100000),
		"long-plain-line":   strings.Repeat("word ", 200000),
		"nul-bytes":         strings.Repeat("\x00", 100000),
		"entities":          strings.Repeat("&#", 100000),
		"footnote-refs":     strings.Repeat("[^a]", 20000) + "\n\n[^a]: x",
	}
}

func TestSizeLimitBeforeFastPath(t *testing.T) {
	res := New(WithMaxBytes(10)).Render(Doc{Source: []byte("plain text that is too long"), Inline: true})
	if len(res.HTML) != 0 || len(res.Problems) != 1 {
		t.Errorf("got %+v", res)
	}
}
