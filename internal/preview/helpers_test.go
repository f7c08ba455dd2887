package preview_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/careguide/careguide/internal/preview"
)

// files makes a Build from name → content pairs.
func files(pairs ...string) *preview.Build {
	b := &preview.Build{Files: map[string]*preview.File{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		b.Files[pairs[i]] = preview.NewFile(pairs[i], []byte(pairs[i+1]))
	}
	return b
}

// page is a small HTML page with a title, a heading and a stylesheet.
func page(title, css string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title +
		`</title><link rel="stylesheet" href="/` + css + `"></head><body><h1>` + title + `</h1></body></html>`
}

const notFoundPage = `<!doctype html><html lang="en"><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>`

// site is a Build with one file of every kind the preview must type.
func site() *preview.Build {
	return files(
		"index.html", page("Home", "css/main.3f2a9c1e.css"),
		"guides/leash-training/index.html", page("Leash training", "css/main.3f2a9c1e.css"),
		"404.html", notFoundPage,
		"css/main.3f2a9c1e.css", "h1 { color: #333 }",
		"js/main.330b9afc.js", "console.log('hi')",
		"search/index.json", `{"entries":[]}`,
		"sitemap.xml", `<?xml version="1.0"?><urlset/>`,
		"images/cat.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"images/cat.png", "\x89PNG\r\n\x1a\n",
		"images/cat.jpg", "\xff\xd8\xff",
		"images/cat.jpeg", "\xff\xd8\xff",
		"images/cat.webp", "RIFF....WEBP",
		"images/cat.gif", "GIF89a",
		"favicon.ico", "\x00\x00\x01\x00",
		"robots.txt", "User-agent: *\n",
		"fonts/body.woff2", "wOF2",
		"data.bin", "\x00\x01",
		".env", "SECRET=do-not-serve",
		"guides/.hidden/index.html", "<p>SECRET hidden page</p>",
		"_careguide/events", "SECRET shadowed by the reserved prefix",
	)
}

// start serves a new Server on 127.0.0.1 until the test ends, with b
// published unless it is nil.
func start(t testing.TB, b *preview.Build, opts preview.Options) (*preview.Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	if opts.Addr == "" {
		opts.Addr = ts.Listener.Addr().String()
	}
	s := preview.New(opts)
	if b != nil {
		s.Publish(b, false)
	}
	ts.Config.Handler = s
	ts.Start()
	// Cleanups run last-registered first: the streams end before
	// ts.Close waits for every request to finish.
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close)
	return s, ts
}

// rawGet sends target as the request line verbatim (no client-side
// cleaning or escaping) and returns the answer. Extra header lines go in
// headers, e.g. "Origin: http://evil.example".
func rawGet(t testing.TB, addr, method, target, host string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second)) // a hang guard
	var req bytes.Buffer
	fmt.Fprintf(&req, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", method, target, host)
	for _, h := range headers {
		req.WriteString(h + "\r\n")
	}
	req.WriteString("\r\n")
	if _, err := conn.Write(req.Bytes()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %.80s: %v", method, target, err)
	}
	if resp.Header.Get("Content-Type") == "text/event-stream; charset=utf-8" {
		return resp, nil // a stream does not end; the caller only wants the status
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %.80s: reading body: %v", method, target, err)
	}
	return resp, body
}

var snippetRE = regexp.MustCompile(`<meta name="careguide-build" content="([^"]*)"><script src="/_careguide/livereload.js" defer></script>`)

// uninject checks that body carries the live-reload snippet exactly once
// and returns the body without it and the build id it names.
func uninject(t testing.TB, body []byte) (page []byte, id string) {
	t.Helper()
	page, id, err := cutSnippet(body)
	if err != nil {
		t.Fatal(err)
	}
	return page, id
}

// cutSnippet is uninject for goroutines other than the test's.
func cutSnippet(body []byte) (page []byte, id string, err error) {
	all := snippetRE.FindAllSubmatchIndex(body, -1)
	if len(all) != 1 {
		return nil, "", fmt.Errorf("live-reload snippet found %d times in %.200q", len(all), body)
	}
	m := all[0]
	page = append(append([]byte(nil), body[:m[0]]...), body[m[1]:]...)
	return page, string(body[m[2]:m[3]]), nil
}

// waitFor polls cond until it holds; the limit only guards against hangs.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

func contains(body []byte, s string) bool { return strings.Contains(string(body), s) }
