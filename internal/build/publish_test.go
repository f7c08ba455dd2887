package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/publish"
	"github.com/careguide/careguide/internal/render"
)

// files is a result's files by path.
func files(t *testing.T, r *Result) map[string][]byte {
	t.Helper()
	if !r.OK() {
		t.Fatalf("build failed:\n%v", r.Diags)
	}
	m := make(map[string][]byte, len(r.Files))
	for _, f := range r.Files {
		m[f.Path] = f.Data
	}
	return m
}

// TestPrecompressedFilesDecompressToTheOriginal builds the default site
// with every publish option and checks each copy against its file, and
// that every file worth compressing has its copies.
func TestPrecompressedFilesDecompressToTheOriginal(t *testing.T) {
	got := files(t, Build(careguide.Default, careguide.Default, Options{Minify: true, Precompress: true, Headers: true}))
	copies := 0
	for p, data := range got {
		var r io.Reader
		switch path.Ext(p) {
		case ".gz":
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			r = zr
		case ".br":
			r = brotli.NewReader(bytes.NewReader(data))
		default:
			if publish.Compressible(p, len(data)) && (got[p+".gz"] == nil || got[p+".br"] == nil) {
				t.Errorf("%s (%d bytes) has no .gz or no .br beside it", p, len(data))
			}
			continue
		}
		copies++
		orig, ok := got[strings.TrimSuffix(p, path.Ext(p))]
		if !ok {
			t.Errorf("%s has no original beside it", p)
			continue
		}
		plain, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(plain, orig) {
			t.Errorf("%s decompresses to %d bytes (%v), not to the %d of its original", p, len(plain), err, len(orig))
		}
		if len(data) >= len(orig) {
			t.Errorf("%s is %d bytes, its original %d: a copy must be smaller", p, len(data), len(orig))
		}
	}
	if copies < 40 {
		t.Errorf("only %d compressed copies in the default site", copies)
	}
	for _, tiny := range []string{"robots.txt"} {
		if got[tiny+".gz"] != nil {
			t.Errorf("%s.gz written for a %d-byte file", tiny, len(got[tiny]))
		}
	}
}

// TestMinifiedSite checks what a minified default site must keep: smaller
// pages, assets named by the bytes published and referenced by that name,
// a search index and JSON-LD that still parse, and _headers naming the
// fingerprinted assets.
func TestMinifiedSite(t *testing.T) {
	plain := files(t, Build(careguide.Default, careguide.Default, Options{}))
	minified := files(t, Build(careguide.Default, careguide.Default, Options{Minify: true, Headers: true}))
	page := "guides/leash-training/index.html"
	if len(minified[page]) >= len(plain[page]) {
		t.Errorf("%s: minified %d bytes, plain %d", page, len(minified[page]), len(plain[page]))
	}
	fingerprinted := regexp.MustCompile(`^assets/.*\.([0-9a-f]{8})\.(css|js)$`)
	var assets []string
	for p, data := range minified {
		m := fingerprinted.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		assets = append(assets, p)
		sum := sha256.Sum256(data)
		if m[1] != hex.EncodeToString(sum[:4]) {
			t.Errorf("%s: fingerprint %s, but its bytes hash to %x", p, m[1], sum[:4])
		}
		if plain[p] != nil {
			t.Errorf("%s has the same name minified and not", p)
		}
		if !bytes.Contains(minified["index.html"], []byte(path.Base(p))) && strings.HasSuffix(p, "main."+m[1]+".css") {
			t.Errorf("the home page does not link %s", p)
		}
		if !bytes.Contains(minified["_headers"], []byte("/"+p+"\n  Cache-Control: "+publish.Immutable+"\n")) {
			t.Errorf("_headers has no rule for %s:\n%s", p, minified["_headers"])
		}
	}
	if len(assets) < 2 {
		t.Fatalf("fingerprinted assets %v, want the theme's CSS and JS", assets)
	}
	for _, p := range []string{"search/meta.json", "search/t/0.json", "search/d/0.json", "schema/guide.json"} {
		if !json.Valid(minified[p]) {
			t.Errorf("%s is not valid JSON once minified", p)
		}
	}
	ld := regexp.MustCompile(`(?s)<script type=application/ld\+json>(.*?)</script>`).FindSubmatch(minified[page])
	if ld == nil || !json.Valid(ld[1]) {
		t.Errorf("%s: no JSON-LD, or not valid JSON once minified", page)
	}
	if !bytes.Equal(minified["feed.xml"], plain["feed.xml"]) {
		t.Error("feed.xml changed; XML is not minified")
	}
	for p := range plain {
		if _, ok := minified[p]; !ok && !fingerprinted.MatchString(p) {
			t.Errorf("%s is missing from the minified site", p)
		}
	}
}

// TestPublishIsReproducible builds the default site twice with every
// publish option, streaming as build does, and wants the same bytes.
func TestPublishIsReproducible(t *testing.T) {
	opts := Options{Minify: true, Precompress: true, Headers: true}
	first := files(t, Build(careguide.Default, careguide.Default, opts))
	var mu sync.Mutex
	streamed := map[string][]byte{}
	opts.Emit = func(f render.File) error { // from render's workers at once
		f = f.Keep()
		mu.Lock()
		streamed[f.Path] = f.Data
		mu.Unlock()
		return nil
	}
	if r := Build(careguide.Default, careguide.Default, opts); !r.OK() {
		t.Fatal(r.Diags)
	}
	if len(streamed) != len(first) {
		t.Errorf("%d files streamed, %d the first time", len(streamed), len(first))
	}
	for p, data := range first {
		if !bytes.Equal(streamed[p], data) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestOwnHeadersAreKept: a site's own content/_headers comes first in the
// _headers written, and without --headers it is published as it is.
func TestOwnHeadersAreKept(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":         {Data: []byte("title: Own headers\nbase_url: https://example.org/care/\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"content/_headers":  {Data: []byte("/*\n  X-Frame-Options: DENY\n")},
	}
	got := files(t, Build(site, careguide.Default, Options{Headers: true}))
	h := string(got["_headers"])
	if !strings.HasPrefix(h, "/*\n  X-Frame-Options: DENY\n\n# ") || !strings.Contains(h, "\n/assets/css/main.") {
		t.Errorf("_headers does not start with the site's own rules and name assets from the output root:\n%s", h)
	}
	got = files(t, Build(site, careguide.Default, Options{}))
	if string(got["_headers"]) != "/*\n  X-Frame-Options: DENY\n" {
		t.Errorf("without Headers, _headers is %q, want the site's own file", got["_headers"])
	}
}

// TestBuilderMinifies: a Builder applies Minify as Build does, so build
// --watch --minify writes what build --minify writes.
func TestBuilderMinifies(t *testing.T) {
	want := files(t, Build(careguide.Default, careguide.Default, Options{Minify: true}))
	b := New(careguide.Default, careguide.Default, Options{Minify: true})
	got := files(t, b.Build())
	if len(got) != len(want) {
		t.Errorf("Builder made %d files, Build %d", len(got), len(want))
	}
	for p, data := range want {
		if !bytes.Equal(got[p], data) {
			t.Errorf("%s: Builder and Build differ", p)
		}
	}
}

// TestMinifyFailureWarns: a site's script the minifier cannot parse is
// published as it is, named by its own bytes, with a warning at its path.
func TestMinifyFailureWarns(t *testing.T) {
	bad := []byte("let x = ;\n")
	site := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: Broken script\n")},
		"content/_index.md":    {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"assets/js/odd.js":     {Data: bad},
		"assets/css/extra.css": {Data: []byte("p {\n  margin: 0px;\n}\n")},
	}
	r := Build(site, careguide.Default, Options{Minify: true})
	got := files(t, r)
	sum := sha256.Sum256(bad)
	if data := got["assets/js/odd."+hex.EncodeToString(sum[:4])+".js"]; !bytes.Equal(data, bad) {
		t.Errorf("the script that does not parse is not published as it is, under its own fingerprint")
	}
	if len(r.Diags) != 1 || r.Diags[0].File != "assets/js/odd.js" || r.Diags[0].Code != "CG602" || r.Diags[0].Severity.String() != "warning" {
		t.Errorf("diagnostics %v, want one CG602 warning at assets/js/odd.js", r.Diags)
	}
	css := []byte("p{margin:0}")
	sum = sha256.Sum256(css)
	if !bytes.Equal(got["assets/css/extra."+hex.EncodeToString(sum[:4])+".css"], css) {
		t.Error("the site's own CSS is not minified and named by its minified bytes")
	}
}
