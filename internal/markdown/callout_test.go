package markdown

import (
	"bytes"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// Each kind, as GitHub and as Obsidian write it, renders to exactly this.
func TestCalloutGolden(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"tip", "> [!TIP]\n> Pair every look at the harness with a treat.\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				"<p>Pair every look at the harness with a treat.</p>\n</div>\n"},
		{"note", "> [!NOTE]\n> Most cats take a week.\n",
			`<div class="callout callout-note" role="note"><p class="callout-title">Note</p>` + "\n" +
				"<p>Most cats take a week.</p>\n</div>\n"},
		{"warning", "> [!WARNING]\n> Never leave a harnessed cat alone.\n",
			`<div class="callout callout-warning" role="note"><p class="callout-title">Warning</p>` + "\n" +
				"<p>Never leave a harnessed cat alone.</p>\n</div>\n"},
		{"vet", "> [!VET]\n> She has not eaten for a day.\n",
			`<div class="callout callout-vet" role="note"><p class="callout-title">Call your vet</p>` + "\n" +
				"<p>She has not eaten for a day.</p>\n</div>\n"},
		{"lowercase kind", "> [!tip]\n> Short sessions.\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				"<p>Short sessions.</p>\n</div>\n"},
		{"mixed case kind", "> [!Vet]\n> Blood in the urine.\n",
			`<div class="callout callout-vet" role="note"><p class="callout-title">Call your vet</p>` + "\n" +
				"<p>Blood in the urine.</p>\n</div>\n"},
		{"custom title", "> [!VET] Call your vet now if\n> she strains in the litter box.\n",
			`<div class="callout callout-vet" role="note"><p class="callout-title">Call your vet now if</p>` + "\n" +
				"<p>she strains in the litter box.</p>\n</div>\n"},
		{"title escaped", "> [!NOTE]   Dogs <b>& \"cats\"</b>  \n> Text.\n",
			`<div class="callout callout-note" role="note"><p class="callout-title">Dogs &lt;b&gt;&amp; &quot;cats&quot;&lt;/b&gt;</p>` + "\n" +
				"<p>Text.</p>\n</div>\n"},
		{"blank line after marker", "> [!TIP]\n>\n> Text.\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				"<p>Text.</p>\n</div>\n"},
		{"marker alone", "> [!WARNING]\n",
			`<div class="callout callout-warning" role="note"><p class="callout-title">Warning</p>` + "\n</div>\n"},
		{"lazy continuation", "> [!TIP]\nLazy line.\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				"<p>Lazy line.</p>\n</div>\n"},
		{"CRLF", "> [!TIP] Title\r\n> Text.\r\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Title</p>` + "\n" +
				"<p>Text.</p>\n</div>\n"},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(WithUnsafeHTML(unsafe))
		for _, tt := range tests {
			res := render(t, r, Doc{Source: []byte(tt.src)})
			if res.HTML != tt.want {
				t.Errorf("%s (unsafe %v):\ngot  %q\nwant %q", tt.name, unsafe, res.HTML, tt.want)
			}
			if len(res.Problems) > 0 || len(res.UnknownCallouts) > 0 {
				t.Errorf("%s: problems %+v, unknown %+v", tt.name, res.Problems, res.UnknownCallouts)
			}
		}
	}
}

// A callout holds any blocks a quote can: paragraphs, lists, links
// (resolved and recorded at their place in the source), headings with
// ids, quotes and other callouts.
func TestCalloutNestedContent(t *testing.T) {
	src := "Intro.\n\n" +
		"> [!VET] Call your vet now if\n" +
		"> - she has not eaten for **a day**\n" +
		"> - see [the signs](signs.md#pain)\n" +
		">\n" +
		"> ### Before you go\n" +
		">\n" +
		"> Bring a stool sample.\n" +
		">\n" +
		"> > [!NOTE]\n" +
		"> > Inner.\n"
	res := render(t, New(), Doc{Source: []byte(src), Links: mapResolver{"signs.md#pain": "/guides/signs/#pain"}})
	want := "<p>Intro.</p>\n" +
		`<div class="callout callout-vet" role="note"><p class="callout-title">Call your vet now if</p>` + "\n" +
		"<ul>\n<li>she has not eaten for <strong>a day</strong></li>\n" +
		`<li>see <a href="/guides/signs/#pain">the signs</a></li>` + "\n</ul>\n" +
		`<h3 id="before-you-go">Before you go</h3>` + "\n" +
		"<p>Bring a stool sample.</p>\n" +
		`<div class="callout callout-note" role="note"><p class="callout-title">Note</p>` + "\n" +
		"<p>Inner.</p>\n</div>\n" +
		"</div>\n"
	if res.HTML != want {
		t.Errorf("got\n%s\nwant\n%s", res.HTML, want)
	}
	wantLinks := []Link{{Dest: "signs.md#pain", Line: 5, Col: 9}}
	if !reflect.DeepEqual(res.Links, wantLinks) {
		t.Errorf("links %+v, want %+v", res.Links, wantLinks)
	}
	wantHeadings := []Heading{{Level: 3, ID: "before-you-go", Text: "Before you go"}}
	if !reflect.DeepEqual(res.Headings, wantHeadings) {
		t.Errorf("headings %+v, want %+v", res.Headings, wantHeadings)
	}
}

// A callout inside a list item, and the marker's own line kept out of a
// table or a link reference definition that follows it.
func TestCalloutInOtherBlocks(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"in a list item", "- Step one.\n\n  > [!TIP]\n  > Go slow.\n",
			"<ul>\n<li>\n<p>Step one.</p>\n" +
				`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				"<p>Go slow.</p>\n</div>\n</li>\n</ul>\n"},
		{"table", "> [!NOTE]\n> | Age | Meals |\n> |---|---|\n> | kitten | 4 |\n",
			`<div class="callout callout-note" role="note"><p class="callout-title">Note</p>` + "\n" +
				"<table>\n<thead>\n<tr>\n<th>Age</th>\n<th>Meals</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td>kitten</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>\n</div>\n"},
		{"reference definition", "> [!TIP]\n> [rspca]: https://www.rspca.org.uk\n> See [rspca].\n",
			`<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>` + "\n" +
				`<p>See <a href="https://www.rspca.org.uk">rspca</a>.</p>` + "\n</div>\n"},
	}
	r := New()
	for _, tt := range tests {
		if got := render(t, r, Doc{Source: []byte(tt.src)}).HTML; got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// withoutCallouts is r's block pipeline with Linkify and without the
// callout extension: plain goldmark as careguide configures it.
func withoutCallouts(r *Renderer) goldmark.Markdown {
	ext := slices.DeleteFunc(blockExtensions(true), func(e goldmark.Extender) bool { return e == goldmark.Extender(calloutExtension{}) })
	if len(ext) != len(blockExtensions(true))-1 {
		panic("the callout extension is not among the block extensions")
	}
	return blockPipeline(r.cfg, ext)
}

// checkUnchanged compares the block pipeline with and without callouts.
func checkUnchanged(t *testing.T, r, plain goldmark.Markdown, ours *Renderer, src []byte) {
	t.Helper()
	d := Doc{Source: src, Links: mapResolver{}}
	with, without := renderHTML(ours, d, r), renderHTML(ours, d, plain)
	with.UnknownCallouts = nil // the one thing callouts add to a quote they leave alone
	if !reflect.DeepEqual(with, without) {
		t.Errorf("%q:\nwith callouts    %#v\nwithout callouts %#v", src, with, without)
	}
}

// ordinaryQuotes are quotes and near-misses of markers that stay as
// goldmark renders them.
var ordinaryQuotes = []string{
	"> A quote.\n",
	"> Line one\n> line two\n>\n> Paragraph two.\n",
	"> - a\n> - b\n\n> 1. one\n",
	"> > nested\n> > > deeper\n",
	"> # Heading\n> text\n",
	"> ```\n> [!TIP]\n> ```\n",
	"> [!FOO]\n> An unknown kind.\n",
	"> [!CAUTION] GitHub has it, careguide does not\n",
	"> Text first\n> [!TIP]\n",
	"> [!TIP]x\n",
	"> [!TIP]+ folded\n",
	"> [!]\n",
	"> [! TIP]\n",
	"> [!TIP\n",
	"> [!TIP]: /a-reference\n> [!TIP]\n",
	"[!TIP]\nnot in a quote\n",
	"- [!TIP] in a list\n",
	">\n",
	">\tTabbed [!TIP]\n",
	"> *emphasis* and [a link](x.md) and <b>html</b>\n",
	"Text\n> lazy quote\ncontinued\n",
}

func TestOrdinaryQuotesUnchanged(t *testing.T) {
	r := New()
	plain := withoutCallouts(r)
	for _, s := range ordinaryQuotes {
		checkUnchanged(t, r.block, plain, r, []byte(s))
		if strings.Contains(r.Render(Doc{Source: []byte(s)}).HTML, "callout") {
			t.Errorf("%q became a callout", s)
		}
	}
	// The real bodies with their callouts taken out: the default guides end
	// in a [!VET] one, a callout as meant, not an ordinary quote.
	defaults, generated := realBodies(t)
	compared := 0
	for _, bodies := range []map[string][]byte{defaults, generated} {
		for _, src := range bodies {
			if src = withoutMarkers(src); src != nil {
				checkUnchanged(t, r.block, plain, r, src)
				compared++
			}
		}
	}
	if compared < 50 {
		t.Errorf("only %d real bodies compared", compared)
	}
}

// withoutMarkers is src with its callout marker lines dropped, so its
// quotes are ordinary ones; nil if a "[!" is left elsewhere.
func withoutMarkers(src []byte) []byte {
	var out []byte
	for line := range bytes.Lines(src) {
		if m := calloutLine.Find(line); m == nil {
			out = append(out, line...)
		}
	}
	if bytes.Contains(out, []byte("[!")) {
		return nil
	}
	return out
}

var calloutLine = regexp.MustCompile(`^> \[!(TIP|NOTE|WARNING|VET)\][^\n]*\n$`)

// Every document without a marker renders as goldmark without callouts
// renders it, Result and all.
func FuzzCalloutsLeaveOtherQuotes(f *testing.F) {
	for _, s := range ordinaryQuotes {
		f.Add(s)
	}
	for _, s := range []string{"> a\n\n> b", "- > q\n  > r", "> | a |\n> |---|\n", "> [x]\n\n[x]: /y", "Text[^1]\n\n[^1]: > note"} {
		f.Add(s)
	}
	r := New()
	plain := withoutCallouts(r)
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "[!") || r.checkLimits([]byte(src), false) != nil {
			return
		}
		checkUnchanged(t, r.block, plain, r, []byte(src))
	})
}

// An unknown kind is reported where its '[' is, and the quote is left as
// it was; a known one is not reported.
func TestUnknownCallouts(t *testing.T) {
	src := "Text.\n\n> [!FOO] Title\n> body\n\n- item\n\n  > [!Tipp]\n\n> [!TIP]\n> fine\n"
	res := render(t, New(), Doc{Source: []byte(src)})
	want := []UnknownCallout{{Kind: "FOO", Line: 3, Col: 3}, {Kind: "Tipp", Line: 8, Col: 5}}
	if !reflect.DeepEqual(res.UnknownCallouts, want) {
		t.Errorf("unknown callouts %+v, want %+v", res.UnknownCallouts, want)
	}
	if !strings.Contains(res.HTML, "<blockquote>\n<p>[!FOO] Title\nbody</p>\n</blockquote>") {
		t.Errorf("the unknown callout is not a plain quote:\n%s", res.HTML)
	}
}

// Neither fast path takes a callout, so goldmark renders every one.
func TestCalloutsTakeGoldmark(t *testing.T) {
	r := New()
	for _, s := range []string{"> [!TIP]\n> Text.", "> [!NOTE]", "Intro.\n\n> [!VET]\n> Now.\n"} {
		if _, ok := plainHTML([]byte(s), false); ok {
			t.Errorf("plain fast path took %q", s)
		}
		if checkBody(t, r, Doc{Source: []byte(s)}) {
			t.Errorf("body fast path took %q", s)
		}
		if got := r.Render(Doc{Source: []byte(s)}).HTML; !strings.Contains(got, `<div class="callout`) {
			t.Errorf("%q rendered without its callout:\n%s", s, got)
		}
	}
}

// Inline mode, for one-line frontmatter values, has no quotes and so no
// callouts.
func TestNoCalloutsInline(t *testing.T) {
	got := New().Render(Doc{Source: []byte("> [!TIP] treats"), Inline: true}).HTML
	if want := "&gt; [!TIP] treats"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The plain text of a callout says its title once, then its body, and
// never the marker.
func TestCalloutText(t *testing.T) {
	r := New()
	tests := []struct{ src, want string }{
		{"> [!VET] Call your vet now if\n> she stops eating.", "Call your vet now if she stops eating."},
		{"> [!TIP]\n> Go slow.\n\nThen walk.", "Tip Go slow. Then walk."},
		{"> [!VET]\n> - Vomiting\n> - Lethargy", "Call your vet Vomiting Lethargy"},
	}
	for _, tt := range tests {
		if got := Text(r.Render(Doc{Source: []byte(tt.src)}).HTML); got != tt.want {
			t.Errorf("%q: text %q, want %q", tt.src, got, tt.want)
		}
	}
}

// A callout is a level of nesting, as the quote it replaces was.
func TestCalloutNesting(t *testing.T) {
	r := New(WithMaxNesting(2))
	res := r.Render(Doc{Source: []byte("> [!TIP]\n> > [!NOTE]\n> > - deep")})
	if res.HTML != "" || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "the limit is 2") {
		t.Errorf("three levels rendered with a limit of 2: %q %+v", res.HTML, res.Problems)
	}
	doc := New().pipeline(false, false).Parser().Parse(text.NewReader([]byte("> [!TIP]\n> > [!NOTE]\n> > - deep")))
	st := newDocState(Doc{}, 2)
	if st.walk(doc) {
		t.Errorf("the walk let three levels of callouts and a list through a limit of 2")
	}
}
