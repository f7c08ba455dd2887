package preview_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/preview"
)

// B12: the preview binds loopback unless the user names another host.
func TestListenDefaultsToLoopback(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "127.0.0.1:1313"},
		{"8080", "127.0.0.1:8080"},
		{":8080", "127.0.0.1:8080"},
		{"localhost", "localhost:1313"},
		{"localhost:", "localhost:1313"},
		{"::1", "[::1]:1313"},
		{"[::1]:9000", "[::1]:9000"},
		{"0.0.0.0:9000", "0.0.0.0:9000"},
		{"192.168.1.5", "192.168.1.5:1313"},
	} {
		if got := preview.ListenAddr(tc.in); got != tc.want {
			t.Errorf("ListenAddr(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if preview.DefaultAddr != "127.0.0.1:1313" {
		t.Errorf("DefaultAddr = %q", preview.DefaultAddr)
	}
	for _, port := range []string{"0", ":0"} {
		l, err := preview.Listen(port)
		if err != nil {
			t.Fatal(err)
		}
		ip := l.Addr().(*net.TCPAddr).IP
		l.Close()
		if !ip.IsLoopback() || ip.To4() == nil {
			t.Errorf("Listen(%q) bound %v, want 127.0.0.1", port, ip)
		}
	}
}

// B13: only the preview's own names get answers (DNS rebinding), and only
// its own pages may use the event stream.
func TestRefusesForeignHostsAndOrigins(t *testing.T) {
	_, ts := start(t, site(), preview.Options{Hosts: []string{"Cats.Test"}})
	addr := ts.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for _, tc := range []struct {
		host   string
		origin string
		path   string
		want   int
	}{
		{host: addr, want: 200},
		{host: "localhost:" + port, want: 200},
		{host: "LocalHost", want: 200},
		{host: "localhost.:" + port, want: 200},
		{host: "[::1]:" + port, want: 200},
		{host: "127.0.0.1", want: 200},
		{host: "cats.test:" + port, want: 200},
		{host: "evil.example", want: 403},
		{host: "evil.example:" + port, want: 403},
		{host: "localhost.evil.example:" + port, want: 403},
		{host: "127.0.0.1.nip.io:" + port, want: 403},
		{host: "127.0.0.2:" + port, want: 403},
		{host: "127.0.0.1:1", want: 403},
		{host: "evil.example", path: "/_careguide/events", want: 403},
		{host: addr, path: "/_careguide/events", want: 200},
		{host: addr, path: "/_careguide/events", origin: "http://" + addr, want: 200},
		{host: addr, path: "/_careguide/events", origin: "http://localhost:" + port, want: 200},
		{host: addr, path: "/_careguide/events", origin: "http://evil.example", want: 403},
		{host: addr, path: "/_careguide/events", origin: "http://evil.example:" + port, want: 403},
		{host: addr, path: "/_careguide/events", origin: "null", want: 403},
		{host: addr, path: "/_careguide/events", origin: "https://" + addr, want: 403},
		{host: addr, path: "/_careguide/events", origin: "http://" + addr + "/x", want: 403},
		{host: addr, path: "/", origin: "http://evil.example", want: 403},
	} {
		path := tc.path
		if path == "" {
			path = "/"
		}
		var headers []string
		if tc.origin != "" {
			headers = append(headers, "Origin: "+tc.origin)
		}
		resp, body := rawGet(t, addr, "GET", path, tc.host, headers...)
		if resp.StatusCode != tc.want {
			t.Errorf("GET %s Host %q Origin %q: %d, want %d\n%s", path, tc.host, tc.origin, resp.StatusCode, tc.want, body)
		}
		if tc.want == 403 && !contains(body, "careguide preview: refusing") {
			t.Errorf("GET %s Host %q Origin %q: refusal does not explain itself: %q", path, tc.host, tc.origin, body)
		}
	}
}

// Bound to all interfaces, the preview answers IP addresses (a phone on
// the LAN) but still no foreign names.
func TestAllInterfacesAcceptsIPsNotNames(t *testing.T) {
	_, ts := start(t, site(), preview.Options{Addr: "0.0.0.0:1313"})
	addr := ts.Listener.Addr().String()
	for host, want := range map[string]int{
		"192.168.1.5:1313": 200, "[fe80::1]:1313": 200, "localhost:1313": 200,
		"evil.example:1313": 403, "192.168.1.5:8080": 403,
	} {
		if resp, _ := rawGet(t, addr, "GET", "/", host); resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// B14, B15: no request path reaches anything but the build's files; the
// attempts are refused (400) or not found (404, the site's 404 page).
func TestTraversalBattery(t *testing.T) {
	_, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	for _, tc := range traversalBattery {
		resp, body := rawGet(t, addr, "GET", tc.target, addr)
		if resp.StatusCode != tc.want {
			t.Errorf("GET %.100s: %d, want %d", tc.target, resp.StatusCode, tc.want)
		}
		if contains(body, "SECRET") || contains(body, "<h1>Home") || contains(body, "h1 { color") {
			t.Errorf("GET %.100s served a file it must not: %.200q", tc.target, body)
		}
		if resp.StatusCode == 404 && !strings.HasPrefix(tc.target, preview.Prefix) && !contains(body, "Page not found") {
			t.Errorf("GET %.100s: 404 without the site's 404 page: %.200q", tc.target, body)
		}
	}
}

// traversalBattery is TESTPLAN B14 plus dotfiles (B15); it also seeds
// FuzzServePath.
var traversalBattery = []struct {
	target string
	want   int
}{
	{"/..", 400},
	{"/../", 400},
	{"/../etc/passwd", 400},
	{"/../../../../../../etc/passwd", 400},
	{"/guides/../index.html", 400},
	{"/guides/leash-training/../../404.html", 400},
	{"/./index.html", 400},
	{"/%2e%2e/", 400},
	{"/%2e%2e/etc/passwd", 400},
	{"/%2E%2E/%2E%2E/etc/passwd", 400},
	{"/.%2e/index.html", 400},
	{"/..%2f..%2fetc%2fpasswd", 400},
	{"/guides/..%2f404.html", 400},
	{"/guides%2f..%2f..%2findex.html", 400},
	{"/%5c..%5c..%5cetc%5cpasswd", 400},
	{"/..%5cindex.html", 400},
	{`/..\..\etc\passwd`, 400},
	{"/%252e%252e/%252e%252e/etc/passwd", 404},
	{"/%252e%252e%252fetc%252fpasswd", 404},
	{"/index.html%00", 400},
	{"/index.html%00.css", 400},
	{"/%00", 400},
	{"/index.html%0d%0aSet-Cookie:%20x=1", 400},
	{"/%c0%ae%c0%ae/etc/passwd", 400},
	{"/%ff", 400},
	{"//etc/passwd", 400},
	{"//evil.example/", 400},
	{"/guides//leash-training/", 400},
	{"/" + strings.Repeat("a/", 1100), 400},
	{"/" + strings.Repeat("%2e%2e/", 400), 400},
	{"/" + strings.Repeat("x", 3000), 400},
	{"http://127.0.0.1/../etc/passwd", 400},
	{"/.env", 404},
	{"/.git/config", 404},
	{"/%2eenv", 404},
	{"/guides/.hidden/", 404},
	{"/guides/.hidden/index.html", 404},
	{"/...", 404},
	{"/..;/index.html", 404},
	{"/etc/passwd", 404},
	{"/_careguide/", 404},
	{"/_careguide/../index.html", 400},
	{"/_careguide/%2e%2e/index.html", 400},
}

// B16: unknown paths get the site's 404 page with status 404; no
// directory is listed (B18).
func TestNotFound(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	for _, path := range []string{"/no-such-page/", "/no-such-file.css", "/guides/", "/css/", "/images", "/guides/missing", "/index.html/"} {
		resp, body := rawGet(t, addr, "GET", path, addr)
		if resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
		got, id := uninject(t, body)
		if string(got) != notFoundPage || id != s.BuildID() {
			t.Errorf("GET %s: body %q build %q, want the site's 404 page of build %q", path, got, id, s.BuildID())
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}

	// A build without a 404 page gets a plain one.
	b := site()
	delete(b.Files, "404.html")
	s.Publish(b, false)
	resp, body := rawGet(t, addr, "GET", "/no-such-page/", addr)
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || !contains(body, "not found") {
		t.Errorf("no 404.html: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

// B17: Content-Type comes from the extension, never from sniffing.
func TestContentTypes(t *testing.T) {
	_, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	for path, want := range map[string]string{
		"/":                         "text/html; charset=utf-8",
		"/guides/leash-training/":   "text/html; charset=utf-8",
		"/css/main.3f2a9c1e.css":    "text/css; charset=utf-8",
		"/js/main.330b9afc.js":      "text/javascript; charset=utf-8",
		"/search/index.json":        "application/json",
		"/sitemap.xml":              "application/xml",
		"/images/cat.svg":           "image/svg+xml",
		"/images/cat.png":           "image/png",
		"/images/cat.jpg":           "image/jpeg",
		"/images/cat.jpeg":          "image/jpeg",
		"/images/cat.webp":          "image/webp",
		"/images/cat.gif":           "image/gif",
		"/favicon.ico":              "image/x-icon",
		"/robots.txt":               "text/plain; charset=utf-8",
		"/fonts/body.woff2":         "font/woff2",
		"/data.bin":                 "application/octet-stream",
		"/_careguide/livereload.js": "text/javascript; charset=utf-8",
	} {
		resp, _ := rawGet(t, addr, "GET", path, addr)
		h := resp.Header
		if resp.StatusCode != 200 || h.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, resp.StatusCode, h.Get("Content-Type"), want)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: X-Content-Type-Options %q, Cache-Control %q", path, h.Get("X-Content-Type-Options"), h.Get("Cache-Control"))
		}
	}
}

// B18: HEAD and conditional GET.
func TestHeadAndETag(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	const css = "/css/main.3f2a9c1e.css"

	head, body := rawGet(t, addr, "HEAD", css, addr)
	etag := head.Header.Get("ETag")
	if head.StatusCode != 200 || len(body) != 0 || head.ContentLength != int64(len("h1 { color: #333 }")) {
		t.Errorf("HEAD %s: %d, %d body bytes, Content-Length %d", css, head.StatusCode, len(body), head.ContentLength)
	}
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
		t.Fatalf("ETag %q, want a strong one", etag)
	}
	if resp, body := rawGet(t, addr, "GET", css, addr, "If-None-Match: "+etag); resp.StatusCode != 304 || len(body) != 0 {
		t.Errorf("If-None-Match with the ETag: %d and %d bytes, want 304 and none", resp.StatusCode, len(body))
	}
	if resp, _ := rawGet(t, addr, "GET", css, addr, `If-None-Match: "other"`); resp.StatusCode != 200 {
		t.Errorf("If-None-Match with another ETag: %d, want 200", resp.StatusCode)
	}

	// A page's ETag names its build: the same bytes in a new build carry a
	// new build id, so the browser must not keep the old copy.
	first, _ := rawGet(t, addr, "GET", "/", addr)
	if resp, _ := rawGet(t, addr, "GET", "/", addr, "If-None-Match: "+first.Header.Get("ETag")); resp.StatusCode != 304 {
		t.Errorf("page revalidated in the same build: %d, want 304", resp.StatusCode)
	}
	if resp, body := rawGet(t, addr, "HEAD", "/no-such-page/", addr); resp.StatusCode != 404 || len(body) != 0 {
		t.Errorf("HEAD of a missing page: %d with %d body bytes", resp.StatusCode, len(body))
	}
	s.Publish(site(), false)
	if resp, _ := rawGet(t, addr, "GET", "/", addr, "If-None-Match: "+first.Header.Get("ETag")); resp.StatusCode != 200 {
		t.Errorf("page revalidated after a new build: %d, want 200", resp.StatusCode)
	}
	// site() made new Files with the same bytes: an asset's ETag is its bytes'.
	if resp, _ := rawGet(t, addr, "GET", css, addr, "If-None-Match: "+etag); resp.StatusCode != 304 {
		t.Errorf("same CSS bytes in a new build: %d, want 304", resp.StatusCode)
	}

	if resp, _ := rawGet(t, addr, "POST", "/", addr); resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q, want 405 GET, HEAD", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestPagesAndRedirects(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	for path, want := range map[string]string{
		"/":                                 "index.html",
		"/index.html":                       "index.html",
		"/guides/leash-training/":           "guides/leash-training/index.html",
		"/guides/leash-training/?q=x":       "guides/leash-training/index.html",
		"/guides/leash-training/index.html": "guides/leash-training/index.html",
	} {
		resp, body := rawGet(t, addr, "GET", path, addr)
		got, id := uninject(t, body)
		if resp.StatusCode != 200 || !bytes.Equal(got, site().Files[want].Bytes()) || id != s.BuildID() {
			t.Errorf("GET %s: %d %q (build %q), want %s of build %q", path, resp.StatusCode, got, id, want, s.BuildID())
		}
	}
	for path, want := range map[string]string{
		"/guides/leash-training":     "/guides/leash-training/",
		"/guides/leash-training?q=x": "/guides/leash-training/?q=x",
	} {
		resp, _ := rawGet(t, addr, "GET", path, addr)
		if resp.StatusCode != 301 || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d Location %q, want 301 %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

// The snippet goes before </head>, else after <body>, else at the end; the
// Build's own bytes never change.
func TestInjection(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{"<html><head><title>x</title></head><body></body></html>", "<html><head><title>x</title>@</head><body></body></html>"},
		{"<HTML><HEAD></HEAD></HTML>", "<HTML><HEAD>@</HEAD></HTML>"},
		{"<p>no head</p><body class=x><p>hi</p>", "<p>no head</p><body class=x>@<p>hi</p>"},
		{"<bodyguard><p>just text", "<bodyguard><p>just text@"},
		{"", "@"},
	} {
		b := files("index.html", tc.page)
		s, ts := start(t, b, preview.Options{})
		addr := ts.Listener.Addr().String()
		_, body := rawGet(t, addr, "GET", "/", addr)
		got := snippetRE.ReplaceAllString(string(body), "@")
		if got != tc.want || !contains(body, s.BuildID()) {
			t.Errorf("page %q served as %q, want %q", tc.page, got, tc.want)
		}
		if string(b.Files["index.html"].Bytes()) != tc.page {
			t.Errorf("serving changed the build's bytes to %q", b.Files["index.html"].Bytes())
		}
	}
}

func TestBasePath(t *testing.T) {
	b := site()
	b.BasePath = "care"
	s, ts := start(t, b, preview.Options{})
	addr := ts.Listener.Addr().String()
	check := func(cases map[string]int, where map[string]string) {
		t.Helper()
		for path, want := range cases {
			resp, _ := rawGet(t, addr, "GET", path, addr)
			if resp.StatusCode != want {
				t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
			}
			if loc := resp.Header.Get("Location"); loc != where[path] {
				t.Errorf("GET %s: Location %q, want %q", path, loc, where[path])
			}
		}
	}
	check(map[string]int{
		"/care/": 200, "/care/css/main.3f2a9c1e.css": 200, "/care/guides/leash-training/": 200,
		"/care": 301, "/": 302, "/css/main.3f2a9c1e.css": 404, "/guides/leash-training/": 404,
		"/care/.env": 404, "/care/../care/": 400,
	}, map[string]string{"/care": "/care/", "/": "/care/"})
	// The base path is the build's: a site.yaml edit that moves the site
	// moves the preview with the next build.
	b = site()
	b.BasePath = "/shelter/care/"
	s.Publish(b, false)
	check(map[string]int{"/shelter/care/": 200, "/care/": 404, "/": 302},
		map[string]string{"/": "/shelter/care/"})
	s.Publish(site(), false)
	check(map[string]int{"/": 200, "/care/": 404}, nil)
}

// Before the first build, pages wait (503) with the live-reload snippet,
// so they reload when it lands.
func TestBeforeFirstBuild(t *testing.T) {
	s, ts := start(t, nil, preview.Options{})
	addr := ts.Listener.Addr().String()
	resp, body := rawGet(t, addr, "GET", "/guides/x/", addr)
	if _, id := uninject(t, body); resp.StatusCode != 503 || id != s.BuildID() {
		t.Errorf("before the first build: %d build %q", resp.StatusCode, id)
	}
}

// Build ids differ between builds and between servers (restarts).
func TestBuildIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 3 {
		s := preview.New(preview.Options{})
		for range 3 {
			if id := s.BuildID(); seen[id] {
				t.Fatalf("build id %q used twice", id)
			} else {
				seen[id] = true
			}
			s.Publish(site(), false)
		}
		s.Close()
	}
}

// A build's warnings are served to the page they are about, as JSON, and
// a page without any gets an empty list.
func TestWarnings(t *testing.T) {
	b := files("index.html", page("Home", "main.css"), "guides/a/index.html", page("A", "main.css"))
	b.Warnings = []preview.Problem{
		{File: "content/guides/a.md", Line: 1, Col: 1, Message: "guide cites no sources", Page: "/guides/a/"},
		{File: "content/guides/a.md", Line: 9, Col: 11, Message: "step 2 says very little", Page: "/guides/a/"},
		{File: "content/guides/b.md", Message: "no updated date", Page: "/guides/b/"},
	}
	_, ts := start(t, b, preview.Options{})
	for page, want := range map[string][]string{
		"/guides/a/": {"guide cites no sources", "step 2 says very little"},
		"/":          {},
		"/nowhere/":  {},
	} {
		resp, err := http.Get(ts.URL + preview.Prefix + "warnings?page=" + url.QueryEscape(page))
		if err != nil {
			t.Fatal(err)
		}
		var got []preview.Problem
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: %v, %s", page, err, resp.Header.Get("Content-Type"))
		}
		var messages []string
		for _, p := range got {
			messages = append(messages, p.Message)
		}
		if !slices.Equal(messages, want) && !(len(messages) == 0 && len(want) == 0) {
			t.Errorf("warnings of %s: %q, want %q", page, messages, want)
		}
	}
}
