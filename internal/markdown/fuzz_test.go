package markdown

import (
	"bytes"
	"html"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/sitegen"
	"github.com/yuin/goldmark"
)

func FuzzRenderMarkdown(f *testing.F) {
	seeds := []string{
		"# Title\n\nSome *text* with `code` and [a link](x.md).",
		"* a\n  * b\n    * c\n      1. d\n\n> quote\n> > nested",
		strings.Repeat("* ", 80) + "x",
		strings.Repeat(">", 80),
		"| a | b |\n|---|:-:|\n| [x](javascript:alert(1)) | ![i](data:image/png;base64,AA) |",
		"[x](javascript:alert(1)) [y](&#106;avascript:1) [z](java&#x09;script:1) <javascript:1>",
		"[r][x]\n\n[x]: JaVaScRiPt:alert(1)",
		"<script>alert(1)</script>\n\n<a href=\"javascript:x\">y</a> <img src=x onerror=alert(1)>",
		"- [ ] task\n- [x] done\n\n~~old~~ https://example.org www.example.org a@b.co",
		"Text[^1]\n\n[^1]: note [^2]\n[^2]: deeper",
		"```\ncode <b>\n```\n\n    indented\n\n<!-- comment -->",
		strings.Repeat("[", 500) + strings.Repeat("](x)", 200),
		"Setext\n===\n\nAnd\n---\n\n***\n\n1) one\n2) two",
		"plain frontmatter value",
		"> [!VET] <script>alert(1)</script>\n> - [x](javascript:1)\n>\n> > [!tip]\n> > [!FOO]",
		"\x00\r\n\t\v\f\xff",
	}
	for _, s := range seeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	safe, unsafe := New(), New(WithUnsafeHTML(true))
	f.Fuzz(func(t *testing.T, src string, inline bool) {
		d := Doc{Source: []byte(src), Inline: inline, Links: mapResolver{}}
		res := safe.Render(d)
		if attr, bad := dangerousAttr(string(res.HTML)); bad {
			t.Errorf("dangerous attribute %q in\n%s", attr, res.HTML)
		}
		if tag, ok := onlyMarkdownTags(string(res.HTML)); !ok {
			t.Errorf("raw HTML tag <%s> in safe output\n%s", tag, res.HTML)
		}
		if len(res.HTML) > 0 && hasLimitProblem(res.Problems) {
			t.Errorf("HTML rendered despite %+v", res.Problems)
		}
		if again := safe.Render(d); !reflect.DeepEqual(res, again) {
			t.Errorf("rendering twice differs")
		}
		res = unsafe.Render(d)
		if len(res.HTML) > 0 && hasLimitProblem(res.Problems) {
			t.Errorf("unsafe: HTML rendered despite %+v", res.Problems)
		}
	})
}

func hasLimitProblem(ps []Problem) bool {
	for _, p := range ps {
		if strings.Contains(p.Message, "the limit is") || strings.Contains(p.Message, "too many to render") {
			return true
		}
	}
	return false
}

func hasDangerousAttr(s string) bool {
	_, bad := dangerousAttr(s)
	return bad
}

// dangerousAttr finds an href or src attribute whose value, as a browser
// decodes it, starts with a dangerous scheme. It is written independently
// of isDangerousURL so that the two can check each other.
func dangerousAttr(s string) (string, bool) {
	for _, name := range []string{`href="`, `src="`} {
		for rest := s; ; {
			i := strings.Index(rest, name)
			if i < 0 {
				break
			}
			rest = rest[i+len(name):]
			end := strings.IndexByte(rest, '"')
			if end < 0 {
				end = len(rest)
			}
			val := html.UnescapeString(rest[:end])
			var b bytes.Buffer
			for _, c := range []byte(val) {
				if c > ' ' && c != 0x7f {
					b.WriteByte(c)
				}
			}
			v := strings.ToLower(b.String())
			for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
				if strings.HasPrefix(v, scheme) {
					return rest[:end], true
				}
			}
		}
	}
	return "", false
}

// markdownTags are the elements goldmark and its extensions emit. With
// unsafe HTML off, any other element came from the author's raw HTML.
var markdownTags = map[string]bool{
	"p": true, "a": true, "img": true, "em": true, "strong": true, "code": true, "pre": true,
	"del": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"input": true, "sup": true, "div": true,
}

func onlyMarkdownTags(s string) (string, bool) {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		s = strings.TrimPrefix(s[i+1:], "/")
		end := strings.IndexAny(s, " >")
		if end < 0 {
			end = len(s)
		}
		if !markdownTags[s[:end]] {
			return s[:end], false
		}
		i = strings.IndexByte(s, '<')
	}
	return "", true
}

// Documents mayLinkify rules out render the same without Linkify.
func FuzzLinkifySkip(f *testing.F) {
	for _, s := range []string{
		"Some *text* and [a link](x.md), then more words.\n\n- a list\n- of things",
		"trailing spaces  \nhard break\\\nand soft\nbreak", "(parens) ~~strike~~ _under_ *star*",
		"http:/not quite, ftp: no, wwwdot, https:example", "| a | b |\n|---|---|\n| (c) | ~d~ |",
		"Text[^1]\n\n[^1]: note", "<b>raw</b> &amp; `code ( * _ ~`",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string, inline bool) {
		if mayLinkify([]byte(src)) || r.checkLimits([]byte(src), inline) != nil {
			return
		}
		d := Doc{Source: []byte(src), Inline: inline, Links: mapResolver{}}
		with, without := renderHTML(r, d, r.pipeline(inline, true)), renderHTML(r, d, r.pipeline(inline, false))
		if !reflect.DeepEqual(with, without) {
			t.Fatalf("%q: with Linkify\n%+v\nwithout\n%+v", src, with, without)
		}
	})
}

// The documents of the default site and of a generated one render the same
// without Linkify when mayLinkify rules them out, and most are ruled out.
func TestLinkifySkipOnRealContent(t *testing.T) {
	r := New()
	skipped, total := 0, 0
	check := func(name string, src []byte) {
		for _, inline := range []bool{false, true} {
			total++
			if mayLinkify(src) {
				continue
			}
			skipped++
			d := Doc{Source: src, Inline: inline, Links: mapResolver{}}
			if with, without := renderHTML(r, d, r.pipeline(inline, true)), renderHTML(r, d, r.pipeline(inline, false)); !reflect.DeepEqual(with, without) {
				t.Errorf("%s (inline %v): with Linkify\n%s\nwithout\n%s", name, inline, with.HTML, without.HTML)
			}
		}
	}
	body := func(data []byte) []byte { // frontmatter holds source URLs
		if _, after, ok := bytes.Cut(data[3:], []byte("\n---\n")); ok {
			return after
		}
		return data
	}
	for name, data := range sitegen.Files(sitegen.Options{Guides: 50, Seed: 3}) {
		check(name, body(data))
	}
	entries, err := fs.Glob(careguide.Default, "content/*/*.md")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no default content: %v", err)
	}
	for _, name := range entries {
		data, _ := fs.ReadFile(careguide.Default, name)
		check(name, body(data))
	}
	if skipped < total/2 {
		t.Errorf("mayLinkify ruled out only %d of %d documents", skipped, total)
	}
}

// renderHTML is renderWith with its HTML in Result.HTML.
func renderHTML(r *Renderer, d Doc, md goldmark.Markdown) Result {
	html, res := r.renderWith(nil, d, md)
	res.HTML = string(html)
	return res
}
