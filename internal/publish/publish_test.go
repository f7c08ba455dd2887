package publish

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/careguide/careguide/internal/output"
)

// page is a page with what minifying must keep: preformatted text, inline
// whitespace between words, JSON-LD and attributes a script selects on.
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Leash training</title>
  <script type="application/ld+json">{
    "@type": "HowTo",   "name": "Leash training",
    "step": [ {"@type": "HowToStep", "position": 1} ]
  }</script>
</head>
<body>
  <!-- a comment the reader never sees -->
  <p>Put the   <em>harness</em> on,
     then <strong>wait</strong>.</p>
  <pre><code>line one
    indented line two</code></pre>
  <form class="filters"><input type="text" name="q" value=""></form>
</body>
</html>
`

func TestMinifyKeepsWhatPagesNeed(t *testing.T) {
	m := NewMinifier()
	done := 0
	f, err := m.Minify(output.File{Path: "guides/x/index.html", Data: []byte(page), Done: func() { done++ }})
	if err != nil {
		t.Fatal(err)
	}
	got := string(f.Data)
	if done != 1 {
		t.Errorf("the original's Done was called %d times, want once", done)
	}
	if len(got) >= len(page) {
		t.Errorf("minified page is %d bytes, the original %d", len(got), len(page))
	}
	for _, want := range []string{
		"<pre><code>line one\n    indented line two</code></pre>",   // preformatted text untouched
		"Put the <em>harness</em> on,\nthen <strong>wait</strong>.", // one space or line break where there were several
		"</p>", "</body>", "</html>", "<head>", // document and end tags kept
		`type=text`, // a default attribute value kept
	} {
		if !strings.Contains(got, want) {
			t.Errorf("minified page lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "comment") {
		t.Errorf("minified page keeps the comment:\n%s", got)
	}
	_, ld, _ := strings.Cut(got, `<script type=application/ld+json>`)
	ld, _, _ = strings.Cut(ld, "</script>")
	var v map[string]any
	if err := json.Unmarshal([]byte(ld), &v); err != nil || v["name"] != "Leash training" {
		t.Errorf("JSON-LD %q no longer parses to the same value: %v", ld, err)
	}
	if strings.Contains(ld, "  ") {
		t.Errorf("JSON-LD %q was not minified", ld)
	}
	f.Done()
}

func TestMinifyLeavesOtherFilesAndFailures(t *testing.T) {
	m := NewMinifier()
	for _, f := range []output.File{
		{Path: "feed.xml", Data: []byte("<feed>\n  <title>x</title>\n</feed>\n")},
		{Path: "guides/x/photo.jpg", Data: []byte{0xff, 0xd8, 0xff}},
		{Path: "robots.txt", Data: []byte("User-agent: *\n")},
	} {
		got, err := m.Minify(f)
		if err != nil || !bytes.Equal(got.Data, f.Data) {
			t.Errorf("%s: Minify changed it (err %v)", f.Path, err)
		}
		if Minifies(f.Path) {
			t.Errorf("Minifies(%q) = true", f.Path)
		}
	}
	broken := output.File{Path: "assets/js/x.js", Data: []byte("function (")}
	got, err := m.Minify(broken)
	if err == nil {
		t.Errorf("no error for a script that does not parse; got %q", got.Data)
	}
	if !bytes.Equal(got.Data, broken.Data) {
		t.Errorf("a failed minify returned %q, want the file as it was", got.Data)
	}
}

func TestMinifyCSSAndJS(t *testing.T) {
	m := NewMinifier()
	css, err := m.MinifyBytes("assets/css/main.css", []byte("body {\n  color: #ff0000;\n  margin: 0px;\n}\n"))
	if err != nil || string(css) != "body{color:red;margin:0}" {
		t.Errorf("CSS minified to %q (%v)", css, err)
	}
	js, err := m.MinifyBytes("assets/js/main.js", []byte("// say hello\nfunction hello(name) {\n  const greeting = 'hi ' + name;\n  return greeting;\n}\n"))
	if err != nil || strings.Contains(string(js), "say hello") || strings.Contains(string(js), "greeting") {
		t.Errorf("JS minified to %q (%v)", js, err)
	}
}

// text makes n bytes of text that compresses, as pages do.
func text(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString("<li><a href=\"/guides/leash-training/#step-")
		b.WriteByte(byte('0' + i%10))
		b.WriteString("\">Introduce the harness</a></li>\n")
	}
	return b.Bytes()[:n]
}

func TestCompressDecompressesToTheOriginal(t *testing.T) {
	for _, n := range []int{MinSize, 4 << 10, 300 << 10} {
		f := output.File{Path: "guides/index.html", Data: text(n)}
		copies, err := Compress(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(copies) != 2 || copies[0].Path != "guides/index.html.gz" || copies[1].Path != "guides/index.html.br" {
			t.Fatalf("%d bytes: copies %v, want .gz and .br", n, paths(copies))
		}
		zr, err := gzip.NewReader(bytes.NewReader(copies[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		if zr.Name != "" || !zr.ModTime.IsZero() || zr.Comment != "" {
			t.Errorf("gzip header has name %q, time %v, comment %q; want none", zr.Name, zr.ModTime, zr.Comment)
		}
		for _, c := range []struct {
			name string
			r    io.Reader
		}{{"gzip", zr}, {"brotli", brotli.NewReader(bytes.NewReader(copies[1].Data))}} {
			got, err := io.ReadAll(c.r)
			if err != nil || !bytes.Equal(got, f.Data) {
				t.Errorf("%d bytes: %s copy decompresses to %d bytes (%v), not the original", n, c.name, len(got), err)
			}
		}
		for _, c := range copies {
			c.Done()
		}
	}
}

func TestCompressSkips(t *testing.T) {
	for _, f := range []output.File{
		{Path: "index.html", Data: text(MinSize - 1)},        // too small to pay
		{Path: "guides/x/photo.jpg", Data: text(10 << 10)},   // not text
		{Path: "search/index.json", Data: noise(4 << 10)},    // would grow
		{Path: "schema/guide.json.gz", Data: text(10 << 10)}, // a copy itself
		{Path: "assets/favicon.svg", Data: []byte("<svg/>")}, // tiny
	} {
		copies, err := Compress(f)
		if err != nil || len(copies) != 0 {
			t.Errorf("%s (%d bytes): copies %v (%v), want none", f.Path, len(f.Data), paths(copies), err)
		}
	}
}

// noise is bytes that no compressor can make smaller.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// TestTransformsAreReproducible compresses and minifies the same files
// from many goroutines at once, with pooled writers and buffers reused in
// any order, and wants the same bytes every time.
func TestTransformsAreReproducible(t *testing.T) {
	m := NewMinifier()
	inputs := []output.File{
		{Path: "a.html", Data: []byte(page)},
		{Path: "b.html", Data: text(20 << 10)},
		{Path: "c.css", Data: []byte(strings.Repeat("main { margin: 0 auto; padding: 1rem; }\n", 40))},
	}
	run := func() map[string]string {
		got := map[string]string{}
		for _, in := range inputs {
			f, err := m.Minify(output.File{Path: in.Path, Data: bytes.Clone(in.Data)})
			if err != nil {
				t.Error(err)
			}
			got[f.Path] = string(f.Data)
			copies, err := Compress(f)
			if err != nil {
				t.Error(err)
			}
			for _, c := range copies {
				got[c.Path] = string(c.Data)
				c.Done()
			}
			f.Done()
		}
		return got
	}
	want := run()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				got := run()
				for p, w := range want {
					if got[p] != w {
						t.Errorf("%s differs from the first run's", p)
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestHeaders(t *testing.T) {
	f := Headers(nil, []string{"assets/js/main.330b9afc.js", "assets/css/main.f74c0600.css"})
	want := "/assets/css/main.f74c0600.css\n  Cache-Control: public, max-age=31536000, immutable\n" +
		"/assets/js/main.330b9afc.js\n  Cache-Control: public, max-age=31536000, immutable\n"
	if f.Path != "_headers" || !strings.HasSuffix(string(f.Data), want) || !strings.HasPrefix(string(f.Data), "# ") {
		t.Errorf("_headers:\n%s\nwant comments, then:\n%s", f.Data, want)
	}
	own := "/*\n  X-Frame-Options: DENY"
	f = Headers([]byte(own), []string{"assets/css/main.f74c0600.css"})
	if !strings.HasPrefix(string(f.Data), own+"\n\n# ") {
		t.Errorf("the site's own rules are not first, as written:\n%s", f.Data)
	}
}

func paths(files []output.File) []string {
	var ps []string
	for _, f := range files {
		ps = append(ps, f.Path)
	}
	return ps
}
