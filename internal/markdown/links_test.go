package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// dangerousDests are written in a Markdown destination; none may survive.
var dangerousDests = []string{
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	"JAVASCRIPT:alert(1)",
	"vbscript:msgbox(1)",
	"VBScript:msgbox(1)",
	"data:text/html;base64,PHNjcmlwdD4=",
	"data:image/png;base64,iVBORw0KGgo=",
	"DATA:text/html,x",
	"&#106;avascript:alert(1)",
	"&#x6A;avascript:alert(1)",
	"&#0152;avascript:alert(1)", // goldmark v1.8.7 reads a leading 0 as octal: 0152 is j
	"java&#x09;script:alert(1)",
	"java&#9;script:alert(1)",
	"java&#10;script:alert(1)",
	"java&Tab;script:alert(1)",
	"java&NewLine;script:alert(1)",
	"javascript&colon;alert(1)",
	"javascript&#58;alert(1)",
	"&amp;#106;avascript:alert(1)",
	"%6Aavascript:alert(1)",
	"%6aavascript%3Aalert(1)",
	"java%09script:alert(1)",
	"%256Aavascript:alert(1)",
	"javascript\\:alert(1)",
	"<javascript:alert(1)>",
	"<java\tscript:alert(1)>",
	"&#1;javascript:alert(1)",
	"&#x20;javascript:alert(1)",
	" \x01javascript:alert(1)",
}

func TestDangerousDestinations(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		r := New(WithUnsafeHTML(unsafe))
		for _, dest := range dangerousDests {
			for _, src := range []string{
				"[x](" + dest + ")",
				"![x](" + dest + ")",
				"[x][r]\n\n[r]: " + dest,
			} {
				res := r.Render(Doc{Source: []byte(src)})
				html := string(res.HTML)
				if hasDangerousAttr(html) || !strings.Contains(html, `="#"`) {
					t.Errorf("unsafe=%v %q:\n%s", unsafe, src, html)
				}
				if len(res.Problems) != 1 {
					t.Errorf("unsafe=%v %q: problems %+v, want one", unsafe, src, res.Problems)
				}
			}
		}
	}
}

func TestDangerousAutolinks(t *testing.T) {
	for _, src := range []string{"<javascript:alert(1)>", "<JAVASCRIPT:alert(1)>", "<data:text/html,x>", "<vbscript:x>"} {
		res := New().Render(Doc{Source: []byte(src)})
		if html := string(res.HTML); hasDangerousAttr(html) || !strings.Contains(html, `href="#"`) {
			t.Errorf("%q rendered as %s", src, html)
		}
		if len(res.Problems) != 1 {
			t.Errorf("%q: problems %+v, want one", src, res.Problems)
		}
	}
}

func TestSafeDestinationsKept(t *testing.T) {
	for _, dest := range []string{"care.md", "/guides/x/#step-2", "https://example.org/a?b=1", "mailto:vet@example.org",
		"javascript-tips.md", "notes/data:x.md", "#data", "tel:+441234"} {
		html := string(New().Render(Doc{Source: []byte("[x](" + dest + ")")}).HTML)
		if strings.Contains(html, `href="#"`) {
			t.Errorf("%q was neutralised: %s", dest, html)
		}
	}
}

type mapResolver map[string]string

func (m mapResolver) ResolveLink(dest string) string {
	if v, ok := m[dest]; ok {
		return v
	}
	return dest
}

func TestResolver(t *testing.T) {
	res := mapResolver{
		"../guides/x.md#step-2": "/guides/x/#step-2",
		"hay.jpg":               "/img/hay.5f3a.jpg",
		"a_b.md":                "/a/?x=1&y=2",
		"evil.md":               "JavaScript:alert(1)",
	}
	src := "[Step 2](../guides/x.md#step-2) ![Hay](hay.jpg) [ref][r] [esc](a\\_b.md) [bad](evil.md)\n\n[r]: ../guides/x.md#step-2\n"
	got := New().Render(Doc{Source: []byte(src), Links: res})
	html := string(got.HTML)
	for _, want := range []string{
		`<a href="/guides/x/#step-2">Step 2</a>`,
		`<img src="/img/hay.5f3a.jpg" alt="Hay">`,
		`<a href="/guides/x/#step-2">ref</a>`,
		`<a href="/a/?x=1&amp;y=2">esc</a>`,
		`<a href="#">bad</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	var dests []string
	for _, l := range got.Links {
		dests = append(dests, l.Dest)
	}
	wantDests := []string{"../guides/x.md#step-2", "hay.jpg", "../guides/x.md#step-2", "a_b.md", "evil.md"}
	if !reflect.DeepEqual(dests, wantDests) {
		t.Errorf("Link.Dest = %q, want %q (unresolved)", dests, wantDests)
	}
	if len(got.Problems) != 1 || got.Problems[0].Col != len(src[:strings.Index(src, "[bad]")])+1 {
		t.Errorf("problems %+v, want one at [bad]", got.Problems)
	}
}

func TestLinkPositions(t *testing.T) {
	src := strings.Join([]string{
		"[first](a.md) and [second](b.md)", // 1
		"",                                 // 2
		"* item [in list](c.md)",           // 3
		"  * nested ![photo *of* hay](hay.png \"t\")", // 4
		"", // 5
		"> quoted [ref][r] and <https://x.org> and https://y.org", // 6
		"",                              // 7
		"| a | b |",                     // 8
		"|---|---|",                     // 9
		"| [cell](d.md) | ![](e.png) |", // 10
		"",                              // 11
		"Text[^1] [[nested]](f.md)",     // 12
		"",                              // 13
		"[^1]: Note [in note](g.md)",    // 14
		"",                              // 15
		"[r]: ref.md",                   // 16
	}, "\n")
	want := []Link{
		{Dest: "a.md", Line: 1, Col: 1},
		{Dest: "b.md", Line: 1, Col: 19},
		{Dest: "c.md", Line: 3, Col: 8},
		{Dest: "hay.png", Image: true, Alt: "photo of hay", Line: 4, Col: 12},
		{Dest: "ref.md", Line: 6, Col: 10},
		{Dest: "https://x.org", Line: 6, Col: 23},
		{Dest: "https://y.org", Line: 6, Col: 43},
		{Dest: "d.md", Line: 10, Col: 3},
		{Dest: "e.png", Image: true, Line: 10, Col: 18},
		{Dest: "f.md", Line: 12, Col: 10},
		{Dest: "g.md", Line: 14, Col: 12},
	}
	got := New().Render(Doc{Source: []byte(src)}).Links
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links:\n got %+v\nwant %+v", got, want)
	}
	for _, l := range got {
		line := strings.Split(src, "\n")[l.Line-1]
		if c := line[l.Col-1]; c != '[' && c != '!' && c != '<' && !strings.HasPrefix(line[l.Col-1:], l.Dest) {
			t.Errorf("%+v points at %q", l, c)
		}
	}
}

func TestLinkPositionsInline(t *testing.T) {
	got := New().Render(Doc{Source: []byte("see\n[a](a.md) ![b](b.png)"), Inline: true}).Links
	want := []Link{{Dest: "a.md", Line: 2, Col: 1}, {Dest: "b.png", Image: true, Alt: "b", Line: 2, Col: 11}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links:\n got %+v\nwant %+v", got, want)
	}
}

// A link or image written with a space in its address is shown as text by
// CommonMark; careguide says so where it starts, and only there.
func TestSpacedDestinations(t *testing.T) {
	r := New()
	tests := []struct {
		src       string
		line, col int // 0: no warning
		hint      string
	}{
		{"See ![hot](Hot Pavement.JPG) here.", 1, 5, "![hot](<Hot Pavement.JPG>)"},
		{"Read\n[the plan](my plan.md).", 2, 1, "[the plan](<my plan.md>)"},
		{"- item\n- see [x](a b) too", 2, 7, "[x](<a b>)"},
		{"# A [heading](with space)", 1, 5, "[heading](<with space>)"},
		{"![hot](<Hot Pavement.JPG>)", 0, 0, ""},              // the fix: a link
		{`[x](a.md "a title")`, 0, 0, ""},                     // a title: a link
		{"`[a](b c)` in code", 0, 0, ""},                      // code is not a link
		{"```\n[a](b c)\n```", 0, 0, ""},                      // nor in a code block
		{"A remark (with spaces) [and](brackets).", 0, 0, ""}, // nothing like it
	}
	for _, tt := range tests {
		res := r.Render(Doc{Source: []byte(tt.src)})
		var got []Problem
		for _, p := range res.Problems {
			if p.Spaced {
				got = append(got, p)
			}
		}
		switch {
		case tt.line == 0 && len(got) > 0:
			t.Errorf("%q: %+v, want no warning", tt.src, got)
		case tt.line == 0:
		case len(got) != 1 || got[0].Line != tt.line || got[0].Col != tt.col || !got[0].Warning || !strings.Contains(got[0].Hint, tt.hint):
			t.Errorf("%q: %+v, want one warning at %d:%d with %q", tt.src, got, tt.line, tt.col, tt.hint)
		}
	}
}
