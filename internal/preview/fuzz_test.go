package preview_test

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/preview"
)

// FuzzServePath: whatever the request target, the server does not panic,
// answers with one of the expected statuses, and a 200 is exactly the file
// the path names (plus the live-reload snippet for a page).
func FuzzServePath(f *testing.F) {
	for _, tc := range traversalBattery {
		f.Add(tc.target)
	}
	for _, p := range []string{"/", "/guides/leash-training", "/guides/leash-training/", "/css/main.3f2a9c1e.css",
		"/_careguide/livereload.js", "/_careguide/events", "/index.html?x=1", "/images/cat.webp"} {
		f.Add(p)
	}
	b := site()
	s := preview.New(preview.Options{Addr: "127.0.0.1:1313"})
	s.Publish(b, false)
	s.Close() // the event stream answers at once instead of streaming
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(
			"GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:1313\r\n\r\n")))
		if err != nil || req.RequestURI != target {
			return // the real server would have refused it before the handler
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		body := w.Body.Bytes()
		switch p := req.URL.Path; w.Code {
		case 200:
			checkServed(t, b, s, p, body)
		case 301:
			want := (&url.URL{Path: p + "/", RawQuery: req.URL.RawQuery}).String()
			if loc := w.Header().Get("Location"); loc != want || strings.HasPrefix(loc, "//") {
				t.Errorf("%q: redirect to %q, want %q", target, loc, want)
			}
		case 304, 400, 403, 404, 405:
		case 503:
			if p != "/_careguide/events" {
				t.Errorf("%q: 503", target)
			}
		default:
			t.Errorf("%q: status %d", target, w.Code)
		}
	})
}

// checkServed fails unless body is the file request path p names.
func checkServed(t *testing.T, b *preview.Build, s *preview.Server, p string, body []byte) {
	t.Helper()
	if p == "/_careguide/livereload.js" {
		return
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f := b.Files[name]
	if f == nil {
		t.Fatalf("%q: 200 for %q, which is not in the build", p, name)
	}
	if strings.HasSuffix(name, ".html") {
		page, id := uninject(t, body)
		if !bytes.Equal(page, f.Bytes()) || id != s.BuildID() {
			t.Errorf("%q: served %q, want %s", p, page, name)
		}
		return
	}
	if !bytes.Equal(body, f.Bytes()) {
		t.Errorf("%q: served %q, want %s", p, body, name)
	}
}
