package markdown

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"path"
	"reflect"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/sitegen"
	"github.com/yuin/goldmark/util"
)

// bodyResolver maps destinations as the content stage does for a page in
// dir: "x.md#f" becomes "/dir/x/#f", other destinations stay. A few names
// resolve to URLs that goldmark must escape or refuse, so that appendHref's
// slow branch is compared too.
type bodyResolver struct{ dir string }

func (r bodyResolver) ResolveLink(dest string) string {
	switch dest {
	case "evil.md":
		return "javascript:alert(1)"
	case "file.md":
		return "FILE:///etc/passwd"
	case "odd.md":
		return `/a b/ü?x=1&y="2"<>\%zz%41`
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	if !strings.HasSuffix(p, ".md") {
		return dest
	}
	p = strings.TrimSuffix(path.Join("/", r.dir, strings.TrimSuffix(p, ".md")), "_index")
	p = strings.TrimSuffix(p, "/") + "/"
	if hasFrag {
		p += "#" + frag
	}
	return p
}

// guideReserved are the ids a guide page reserves, as the content stage
// passes them, plus one that real and generated headings take.
var guideReserved = []string{"before-you-start", "safety", "steps", "gear", "enrichment", "related", "sources",
	"step-1", "step-2", "step-3", "before-you-begin", "why-this-matters"}

// checkBody compares the body fast path with the goldmark path for d and
// reports whether the fast path took it.
func checkBody(t *testing.T, r *Renderer, d Doc) bool {
	t.Helper()
	html, fast, ok := r.appendBody([]byte("kept:"), d)
	if !ok {
		if string(html) != "kept:" {
			t.Errorf("%q: refused, but dst changed to %q", d.Source, html)
		}
		return false
	}
	if mayLinkify(d.Source) {
		t.Errorf("%q: took a document Linkify could change", d.Source)
	}
	if !bytes.HasPrefix(html, []byte("kept:")) {
		t.Errorf("%q: dst's bytes were not kept", d.Source)
	}
	fast.HTML = string(html[len("kept:"):])
	if slow := r.renderGoldmark(d); !reflect.DeepEqual(fast, slow) {
		t.Errorf("%q:\nfast %#v\nslow %#v", d.Source, fast, slow)
	}
	return true
}

// guideBody is what follows a file's frontmatter.
func guideBody(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return data
	}
	if _, after, ok := bytes.Cut(data[3:], []byte("\n---\n")); ok {
		return after
	}
	return data
}

// realBodies are the bodies of the default site and of a generated one.
func realBodies(t testing.TB) (defaults, generated map[string][]byte) {
	defaults, generated = map[string][]byte{}, map[string][]byte{}
	for _, pattern := range []string{"content/*.md", "content/*/*.md"} {
		names, err := fs.Glob(careguide.Default, pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(careguide.Default, name)
			if err != nil {
				t.Fatal(err)
			}
			defaults[name] = guideBody(data)
		}
	}
	for name, data := range sitegen.Files(sitegen.Options{Guides: 50, Seed: 3}) {
		if strings.HasSuffix(name, ".md") {
			generated[name] = guideBody(data)
		}
	}
	if len(defaults) < 10 || len(generated) < 50 {
		t.Fatalf("only %d default and %d generated bodies", len(defaults), len(generated))
	}
	return defaults, generated
}

// The bodies of the default site and of a generated one render the same on
// both paths, with and without reserved ids, and most take the fast path.
func TestBodyFastPathOnRealContent(t *testing.T) {
	r := New()
	defaults, generated := realBodies(t)
	for _, set := range []struct {
		name   string
		bodies map[string][]byte
		want   float64 // the share of bodies that must take the fast path
	}{
		// Most default guides end in a [!VET] callout, which the fast path
		// leaves to goldmark as it does every quote: the share that makes a
		// big site fast is the generated one's.
		{"default site", defaults, 0.25},
		{"generated site", generated, 0.99},
	} {
		taken := 0
		for name, body := range set.bodies {
			dir := strings.TrimPrefix(path.Dir(name), "content")
			for _, reserved := range [][]string{nil, guideReserved} {
				d := Doc{Source: body, Links: bodyResolver{dir: dir}, Reserved: reserved}
				if checkBody(t, r, d) && reserved == nil {
					taken++
				}
				d.Links = nil
				checkBody(t, r, d)
			}
		}
		share := float64(taken) / float64(len(set.bodies))
		t.Logf("%s: %d of %d bodies (%.0f%%) take the fast path", set.name, taken, len(set.bodies), 100*share)
		if share < set.want {
			t.Errorf("%s: only %d of %d bodies take the fast path, want %.0f%%", set.name, taken, len(set.bodies), 100*set.want)
		}
	}
}

// bodyAccepted must take the fast path; each shows one accepted construct.
var bodyAccepted = []string{
	"",
	"Text.",
	"Text.\n",
	"Text.\n\n\n",
	"\n\nText after blank lines.",
	"One line\nand a second\nand a third.\n",
	"# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n",
	"## Tips\n\n## Tips\n\n## Tips\n",
	"## Before you start\n\nText.\n\n## Steps\n",
	"## Don't panic: *really*\n",
	"## A [linked](x.md) heading\n",
	"## Größe und so\n",
	"## 日本語\n",
	"## (Optional) extras\n",
	"## \"Quoted\"\n",
	"- one\n- two\n- three\n",
	"Intro.\n\n- one\n- *two*\n- see [three](three.md)\n\nOutro.\n",
	"- a\n\n## H\n\n- b\n",
	"- a\n\nText.\n\n- b\n",
	"See [the guide](guide.md).",
	"[Start](../section-1/guide-0001.md#step-2) here.",
	"A [link](x.md) and [another](y.md#z) on a line.",
	"[a](b)[c](d)",
	"[a](b_c) [d](e))",
	"A [link with *emphasis*](x.md).",
	"*Emphasis around a [link](x.md) here*",
	"*a [b *c* d](x) e*",
	"Query [x](/search?q=cats) no",
	"[x](a%20b) [y](a%zz) [z](/p;q,r+s=t:u)",
	"[x](evil.md) [y](file.md) [z](odd.md)",
	"[x](javascript:alert) [y](FILE:x) [z](data:x) [w](vbscript:x)",
	"\"Quotes\" and > and (parens) and 'apostrophes' and #hash and 50%.",
	"(Parenthesised) start.\n'Quoted' start.\n\"Double\" start.",
	"*Patience* is a virtue.\n**Strong** start.",
	"Line ends with a closer *x*\n*y* starts the next.",
	"Stop! Then go.",
	"C# and F#.",
	"2024 was a good year.\n10 to 15 minutes.",
	"Ünïcödé first.\n\u00a0nbsp first.",
}

// bodyRefused must take the goldmark path; each shows why a rule exists.
var bodyRefused = []string{
	// Block syntax.
	" leading space", "trailing space ", "tab\there", "A\r\nB", "A\n\n\t\nB", "A\n  \nB",
	"1. ordered", "1) ordered", "A\n1. ordered", "> quote", "A\n> quote", "    code", "```\ncode\n```",
	"~~~\ncode\n~~~", "<div>html</div>", "<!-- note -->", "---", "***", "___", "A\n---", "A\n===",
	"A\n- list interrupts", "- item\nlazy continuation", "- item\n  continued", "- a\n\n- loose",
	"- a\n\n\n- loose", "* star list", "+ plus list", "-no space", "- ", "-", "- # heading item",
	"- - nested", "- 1. nested", "- > quote", "- [x](y) task", "- [ ] task", "A\n## interrupts",
	"## H\ntext right after", "## H\n- list right after", "#no space", "####### seven", "#", "## ",
	"##  two spaces", "## closing ##", "## C# in a heading", "A | B\n--|--", "A\n:-", "A\n:--|",
	"a\n|b", "[ref]: /url", "[^1]: note", "Term\n: definition",
	// Inline syntax.
	"`code`", "_under_", "a_b", "~~strike~~", "<b>raw</b>", "&amp;", "&#106;", "back\\slash",
	"a\\\nhard break", "line  \nhard break", "![image](x.png)", "![", "[ref]", "[ref][]", "[a][b]",
	"[a] (b)", "[](empty)", "[a]()", "[^1]", "[a](<b>)", "[a](b \"title\")", "[a](b c)", "[a](b(c))",
	"[a](b\\c)", "[a](b&amp;c)", "[a](b'c)", "[a](b\"c)", "[a](b*c)", "[a](b", "[a]",
	"[a [b](c)](d)", "a]b", "a[b", "[*a*](x)", "*[a](x)*", "**a [b](c)**", "[x](javascript:alert(1))", "[x](/q?a&b)", "*a [b* c](x)",
	"[a *b](x) c*", "*a*b", "a*b*", "***a***", "*a **b** c*", "**a*", "* a*", "*a *",
	// Linkify and invalid input.
	"see www.example.org", "http://x.org", "vet@example.org", "[a](http://x.org)", "[a](mailto:a@b)",
	"\x00", "\xff", "a\x7fb", "a\vb",
}

func TestBodyFastPathTable(t *testing.T) {
	r := New()
	for _, s := range bodyAccepted {
		for _, d := range []Doc{
			{Source: []byte(s)},
			{Source: []byte(s), Links: bodyResolver{dir: "/guides"}, Reserved: guideReserved},
		} {
			if !checkBody(t, r, d) {
				t.Errorf("refused %q", s)
			}
		}
	}
	for _, s := range bodyRefused {
		if checkBody(t, r, Doc{Source: []byte(s), Links: bodyResolver{}}) {
			t.Errorf("took %q", s)
		}
	}
	// Inline documents have a fast path of their own.
	if _, _, ok := r.appendBody(nil, Doc{Source: []byte("Text."), Inline: true}); ok {
		t.Error("took an inline document")
	}
}

// The fast path refuses what checkLimits refuses, measured the same way.
func TestBodyFastPathLimits(t *testing.T) {
	within := strings.Repeat("(", 11584)
	beyond := within + "("
	for _, tt := range []struct {
		r    *Renderer
		src  string
		took bool
	}{
		{New(), within, true},
		{New(), beyond, false},
		{New(), "Intro.\n\n" + beyond + "\n\nOutro.", false},
		{New(), strings.Repeat("*a* ", 6000) + "x", false},
		{New(), strings.Repeat("(((((\n", 3000), false}, // only the lines together are too costly
		{New(), strings.Repeat("(((((\n\n", 3000), true},
		{New(), strings.Repeat("A long paragraph (of words).\n", 2000), true},
		{New(WithMaxNesting(0)), "- a", false},
		{New(WithMaxNesting(0)), "a", true},
		{New(WithMaxNesting(-1)), "a\nb", false}, // "a" alone takes appendPlainHTML
	} {
		if took := checkBody(t, tt.r, Doc{Source: []byte(tt.src)}); took != tt.took {
			t.Errorf("%.40q: took %v, want %v", tt.src, took, tt.took)
		}
		res := tt.r.Render(Doc{Source: []byte(tt.src)})
		if refused := len(res.Problems) > 0; refused == tt.took {
			t.Errorf("%.40q: problems %+v", tt.src, res.Problems)
		}
	}
	for name, src := range pathological() {
		if checkBody(t, New(), Doc{Source: []byte(src)}) {
			t.Errorf("took pathological input %s", name)
		}
	}
}

// plainURLByte must describe goldmark's escaping exactly.
func TestPlainURLByte(t *testing.T) {
	for c := range 256 {
		b := []byte{'/', byte(c), 'x'}
		kept := bytes.Equal(util.EscapeHTML(util.URLEscape(b, true)), b)
		if plainURLByte[c] && !kept {
			t.Errorf("%q is not written as is", byte(c))
		}
	}
}

func FuzzBodyFastPath(f *testing.F) {
	for _, s := range append(append([]string{}, bodyAccepted...), bodyRefused...) {
		f.Add(s, true)
	}
	for _, s := range []string{benchGuide, "## Tips\n\nText [a](b.md).\n\n- x\n- y\n"} {
		f.Add(s, false)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string, resolve bool) {
		d := Doc{Source: []byte(src), Reserved: guideReserved}
		if resolve {
			d.Links = bodyResolver{dir: "/guides"}
		}
		checkBody(t, r, d)
	})
}

// TestBodyFastPathRandom compares the two paths on random bodies: lines of
// the accepted constructs, salted with near misses.
func TestBodyFastPathRandom(t *testing.T) {
	prefixes := []string{"", "", "", "## ", "# ", "###### ", "- ", "- "}
	badPrefixes := []string{"####### ", "#", "-", "* ", "1. ", "> ", "  ", "\t", "[^1]: ", "=", "---", ":-"}
	good := []string{"Cat", "dog", "a", "1", "é", "😀", " ", " ", " ", "*a*", "**b**", " *c* ", "[x](y.md)",
		" [t](../s/g.md#step-1) ", "[u](odd.md)", "[v](evil.md)", "(", ")", "\"", ">", "'", "!", ".", ",", ":",
		"?", "=", "#", "%", "\u00a0", "[*e*](f.md)", "*g [h](i.md) j*"}
	bad := []string{"*", "**", "[", "]", "](", "_", "`", "~", "&", "<", "\\", "^", "|", "\r", "\t", "![i](j)",
		"[k]", "[](l)", "[m](n o)", "@", "www.", "http://"}
	seps := []string{"\n", "\n", "\n", "\n\n", "\n\n", "\n\n", "\n\n", "\n\n", "\n\n", "\n\n\n"}
	rng := rand.New(rand.NewPCG(3, 4))
	r := New()
	taken := 0
	for range 20000 {
		var b []byte
		for range 1 + rng.IntN(6) {
			var line []byte
			for range 1 + rng.IntN(8) {
				if len(line) > 0 && rng.IntN(4) != 0 {
					line = append(line, ' ')
				}
				if rng.IntN(30) == 0 {
					line = append(line, bad[rng.IntN(len(bad))]...)
				} else {
					line = append(line, good[rng.IntN(len(good))]...)
				}
			}
			if rng.IntN(10) != 0 { // mostly without the blanks that are refused
				line = bytes.TrimSpace(line)
			}
			if rng.IntN(20) == 0 {
				b = append(b, badPrefixes[rng.IntN(len(badPrefixes))]...)
			} else {
				b = append(b, prefixes[rng.IntN(len(prefixes))]...)
			}
			b = append(b, line...)
			b = append(b, seps[rng.IntN(len(seps))]...)
		}
		if rng.IntN(4) == 0 {
			b = b[:rng.IntN(len(b)+1)]
		}
		d := Doc{Source: b, Reserved: guideReserved}
		if rng.IntN(2) == 0 {
			d.Links = bodyResolver{dir: "/guides"}
		}
		if checkBody(t, r, d) {
			taken++
		}
	}
	if taken < 1000 {
		t.Errorf("only %d random bodies took the fast path; the test checks too little", taken)
	}
}
