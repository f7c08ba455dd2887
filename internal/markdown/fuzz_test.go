package markdown

import (
	"bytes"
	"html"
	"reflect"
	"strings"
	"testing"
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
