package markdown

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

func render(t *testing.T, r *Renderer, d Doc) Result {
	t.Helper()
	res := r.Render(d)
	for _, p := range res.Problems {
		t.Logf("problem %d:%d: %s", p.Line, p.Col, p.Message)
	}
	return res
}

func TestExtensions(t *testing.T) {
	r := New()
	tests := []struct {
		name, src string
		want      []string // substrings of the HTML
	}{
		{"table", "| Food | Amount |\n|------|-------:|\n| hay | unlimited |\n",
			[]string{"<table>", "<th>Food</th>", `<td style="text-align:right">unlimited</td>`, "</table>"}},
		{"task list", "- [ ] clean cage\n- [x] fill water\n",
			[]string{`<li><input disabled="" type="checkbox"> clean cage</li>`,
				`<li><input checked="" disabled="" type="checkbox"> fill water</li>`}},
		{"strikethrough", "~~daily~~ weekly", []string{"<del>daily</del> weekly"}},
		{"linkify url", "see https://example.org/care now", []string{`<a href="https://example.org/care">https://example.org/care</a>`}},
		{"linkify www", "see www.example.org now", []string{`<a href="http://www.example.org">www.example.org</a>`}},
		{"linkify email", "mail vet@example.org", []string{`<a href="mailto:vet@example.org">vet@example.org</a>`}},
		{"footnote", "Hay[^1].\n\n[^1]: Timothy hay.\n",
			[]string{`<sup id="fnref:1"><a href="#fn:1"`, `<li id="fn:1">`, "Timothy hay."}},
		{"no typographer", `"quotes" -- and... 'single'`, []string{"&quot;quotes&quot; -- and... 'single'"}},
		{"fenced code", "```go\nx := 1 < 2\n```\n", []string{`<pre><code class="language-go">x := 1 &lt; 2`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(render(t, r, Doc{Source: []byte(tt.src)}).HTML)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, src, safe, unsafe string
	}{
		{"inline", "a <b>bold</b> c", "<p>a &lt;b&gt;bold&lt;/b&gt; c</p>\n", "<p>a <b>bold</b> c</p>\n"},
		{"block", "<div class=\"x\">\nhi\n</div>\n", "<p>&lt;div class=&quot;x&quot;&gt;\nhi\n&lt;/div&gt;</p>\n", "<div class=\"x\">\nhi\n</div>\n"},
		{"script block", "<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", "<script>alert(1)</script>\n"},
		{"inline comment dropped", "a <!-- note --> b", "<p>a  b</p>\n", "<p>a <!-- note --> b</p>\n"},
		{"block comment dropped", "<!-- note\nto self -->\n\ntext", "<p>text</p>\n", "<!-- note\nto self -->\n<p>text</p>\n"},
		{"unclosed comment shown", "<!-- oops\n\ntext", "<p>&lt;!-- oops\n\ntext</p>\n", "<!-- oops\n\ntext"},
	}
	safe, unsafe := New(), New(WithUnsafeHTML(true))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(render(t, safe, Doc{Source: []byte(tt.src)}).HTML); got != tt.safe {
				t.Errorf("safe:\n got %q\nwant %q", got, tt.safe)
			}
			if got := string(render(t, unsafe, Doc{Source: []byte(tt.src)}).HTML); got != tt.unsafe {
				t.Errorf("unsafe:\n got %q\nwant %q", got, tt.unsafe)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	src := "# Before you start\n\n## Tips\n\n## Tips\n\n## Tips\n\n### Tips-1\n\n" +
		"## Don't *overfeed* `pellets` &amp; treats\n\n## Käfig reinigen\n\n## !!!\n\nSetext\n------\n"
	want := []Heading{
		{1, "before-you-start", "Before you start"},
		{2, "tips", "Tips"},
		{2, "tips-1", "Tips"},
		{2, "tips-2", "Tips"},
		{3, "tips-1-1", "Tips-1"},
		{2, "dont-overfeed-pellets-treats", "Don't overfeed pellets & treats"},
		{2, "käfig-reinigen", "Käfig reinigen"},
		{2, "heading", "!!!"},
		{2, "setext", "Setext"},
	}
	r := New()
	for run := range 2 { // IDs must not leak from one document into the next
		res := render(t, r, Doc{Source: []byte(src)})
		if !reflect.DeepEqual(res.Headings, want) {
			t.Fatalf("run %d headings:\n got %+v\nwant %+v", run, res.Headings, want)
		}
		for _, h := range want {
			if !strings.Contains(string(res.HTML), ` id="`+h.ID+`"`) {
				t.Errorf("HTML lacks id %q", h.ID)
			}
		}
	}
}

func TestInline(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Feed *twice* a day", "Feed <em>twice</em> a day"},
		{"# 3 hours", "# 3 hours"},
		{"- not a list", "- not a list"},
		{"> not a quote", "&gt; not a quote"},
		{"1. not a list", "1. not a list"},
		{"see [care](care.md)", `see <a href="care.md">care</a>`},
		{"two\nlines", "two\nlines"},
		{"first\n\nsecond", "<p>first</p>\n<p>second</p>\n"},
		{"", ""},
	}
	r := New()
	for _, tt := range tests {
		if got := string(render(t, r, Doc{Source: []byte(tt.src), Inline: true}).HTML); got != tt.want {
			t.Errorf("Inline %q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	r := New()
	src := []byte(benchGuide)
	want := r.Render(Doc{Source: src})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := r.Render(Doc{Source: src}); !reflect.DeepEqual(got, want) {
					t.Error("concurrent render differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestReservedIDs(t *testing.T) {
	res := New().Render(Doc{Source: []byte("## Safety\n\n## Step 1\n\n## Safety\n"), Reserved: []string{"safety", "step-1"}})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "safety-1 step-1-1 safety-2" {
		t.Errorf("ids %q", got)
	}
}

// AppendHTML appends what Render returns, after whatever dst held, and
// leaves dst as it was when a limit refuses the document: on the fast
// path, on the goldmark path, and when the walk or the size check refuses.
func TestAppendHTML(t *testing.T) {
	r := New(WithMaxBytes(200), WithMaxNesting(3))
	docs := []Doc{
		{Source: []byte("Feed *twice* a day."), Inline: true},
		{Source: []byte("Two\n\nparagraphs")},
		{Source: []byte("A [link](x.md) and `code`"), Inline: true, Links: mapResolver{"x.md": "/x/"}},
		{Source: []byte("## Heading\n\n- a\n- b\n")},
		{Source: []byte("* * * * * deep")},                // nesting limit
		{Source: []byte(strings.Repeat("too long ", 30))}, // size limit
		{Source: nil},
	}
	refused := 0
	for _, d := range docs {
		want := r.Render(d)
		if len(want.Problems) > 0 {
			refused++
		}
		prefix := []byte("<p>before</p>")
		got, res := r.AppendHTML(prefix, d)
		if string(got) != string(prefix)+want.HTML {
			t.Errorf("%q: appended %q, want %q after the prefix", d.Source, got, want.HTML)
		}
		if res.HTML != "" || !reflect.DeepEqual(res.Problems, want.Problems) || !reflect.DeepEqual(res.Links, want.Links) {
			t.Errorf("%q: result %+v, want %+v without HTML", d.Source, res, want)
		}
	}
	if refused != 2 {
		t.Errorf("%d documents refused, want the 2 over a limit", refused)
	}
}
