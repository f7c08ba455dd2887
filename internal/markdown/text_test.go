package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, c := range []struct{ html, want string }{
		{"<p>Put the <strong>harness</strong> &amp; leash\n on.</p>", "Put the harness & leash on."},
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<p>One</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "One a b"},
		{"<em>bo</em>ld", "bold"},
		{"line<br>break", "line break"},
		{`<a href="/x/">link</a>, then`, "link, then"},
		{"&quot;quoted&quot; &#39;x&#39; &#x41; &am &amp", `"quoted" 'x' A &am &amp`},
		{"  <p> spaced \t out </p>  ", "spaced out"},
		{"<p>unfinished <tag", "unfinished"},
		{"", ""},
	} {
		if got := Text(c.html); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.html, got, c.want)
		}
	}
}

// With a limit, AppendText appends the start of the whole text: more than
// limit bytes of it, or all of it.
func TestAppendTextLimit(t *testing.T) {
	pieces := []string{"<p>", "</p>", "<em>", "</em>", " ", "\n", "word", "é", "&amp;", "&#39;", "&nope", "<", ">", "<br>"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		h, whole := b.String(), Text(b.String())
		limit := r.IntN(40)
		got := string(AppendText([]byte("x"), h, limit))[1:]
		// A rune, an entity's text or a space past the limit, no more.
		if !strings.HasPrefix(whole, got) || (len(got) <= limit && got != whole) || len(got) > limit+8 || !utf8.ValidString(got) {
			t.Fatalf("AppendText(%q, %d) = %q; the whole text is %q", h, limit, got, whole)
		}
	}
}
