package extlink

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/careguide/careguide/internal/diag"
)

// format writes diagnostics one a line, with the server's random address
// replaced by SRV so the expectation can be written down.
func format(diags diag.List, srv string) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s %s: %s\n", d.Code, d.Position(), strings.ReplaceAll(d.Message, srv, "SRV"))
	}
	return b.String()
}

// targets puts each address on its own line of one file, in the order given.
func targets(file string, urls ...string) []Target {
	ts := make([]Target, len(urls))
	for i, u := range urls {
		ts[i] = Target{URL: u, File: file, Line: i + 1, Col: 3}
	}
	return ts
}

// Every way a link can fare, against a real server: each address is asked
// once however often it is linked, every place it is linked gets its
// diagnostic, and one host never has more requests at once than PerHost.
func TestCheck(t *testing.T) {
	pub := newPublisher(t, nil)
	tlsPub := httptest.NewUnstartedServer(pub)          // its certificate is trusted by no one
	tlsPub.Config.ErrorLog = log.New(io.Discard, "", 0) // nor logs that it was refused
	tlsPub.StartTLS()
	t.Cleanup(tlsPub.Close)
	refused := closedPort(t)
	s := pub.URL
	ts := targets("content/guides/a.md",
		s+"/ok", s+"/dead", s+"/broken", s+"/to/301/ok/new", s+"/to/302/ok/temp",
		s+"/to/308/to/302/ok/after", s+"/to/301/dead/gone", s+"/loop", s+"/no-head",
		s+"/busy", s+"/always-busy", "https://nothing.invalid/page", tlsPub.URL+"/ok/tls",
		"http://"+refused+"/ok", "https://exa mple.org/",
	)
	ts = append(ts, targets("content/guides/b.md", s+"/ok#step-2", s+"/dead", s+"/to/301/ok/new#fit")...)
	ts = append(ts, targets("content/about.md", s+"/ok")...)

	c := &Checker{Client: testClient(startDNS(t)), PerHost: 2}
	rep, err := c.Check(context.Background(), ts)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(strings.ReplaceAll(format(rep.Diags, s), tlsPub.URL, "TLS"), refused, "REFUSED")
	want := `CG801 content/guides/a.md:2:3: link to SRV/dead is dead: 404 Not Found
CG801 content/guides/a.md:3:3: link to SRV/broken is dead: 500 Internal Server Error
CG802 content/guides/a.md:4:3: link to SRV/to/301/ok/new has moved permanently to SRV/ok/new
CG802 content/guides/a.md:6:3: link to SRV/to/308/to/302/ok/after has moved permanently to SRV/to/302/ok/after
CG801 content/guides/a.md:7:3: link to SRV/to/301/dead/gone is dead: it redirects to SRV/dead/gone, which answers 404 Not Found
CG803 content/guides/a.md:8:3: link to SRV/loop cannot be reached: its redirects loop back to SRV/loop
CG804 content/guides/a.md:11:3: link to SRV/always-busy was not checked: its server answered 429 Too Many Requests twice
CG803 content/guides/a.md:12:3: link to https://nothing.invalid/page cannot be reached: its host nothing.invalid does not exist (DNS)
CG803 content/guides/a.md:13:3: link to TLS/ok/tls cannot be reached: its TLS certificate is not valid: x509: certificate signed by unknown authority
CG803 content/guides/a.md:14:3: link to http://REFUSED/ok cannot be reached: the connection was refused
CG803 content/guides/a.md:15:3: link to https://exa mple.org/ cannot be reached: it is not a valid web address
CG801 content/guides/b.md:2:3: link to SRV/dead is dead: 404 Not Found
CG802 content/guides/b.md:3:3: link to SRV/to/301/ok/new#fit has moved permanently to SRV/ok/new#fit
`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	for _, d := range rep.Diags {
		if d.Hint == "" {
			t.Errorf("%s has no hint", d)
		}
		if wantWarning := d.Code == diag.CodeExternalMoved || d.Code == diag.CodeExternalRateLimited; (d.Severity == diag.Warning) != wantWarning {
			t.Errorf("%s: severity %s", d, d.Severity)
		}
	}
	if rep.Addresses != 15 || rep.Requested != 15 {
		t.Errorf("%d addresses, %d requested; want 15 and 15", rep.Addresses, rep.Requested)
	}
	wantHits := map[string]int{
		"HEAD /ok": 1, "HEAD /dead": 1, "GET /dead": 1, "HEAD /broken": 1, "GET /broken": 1,
		"HEAD /to/301/ok/new": 1, "HEAD /ok/new": 1,
		"HEAD /to/302/ok/temp": 1, "HEAD /ok/temp": 1,
		"HEAD /to/308/to/302/ok/after": 1, "HEAD /to/302/ok/after": 1, "HEAD /ok/after": 1,
		"HEAD /to/301/dead/gone": 1, "HEAD /dead/gone": 1, "GET /to/301/dead/gone": 1, "GET /dead/gone": 1,
		"HEAD /loop": 1, "HEAD /to/302/loop": 1,
		"HEAD /no-head": 1, "GET /no-head": 1,
		"HEAD /busy": 2, "HEAD /always-busy": 2,
	}
	if hits := pub.hitCounts(); !reflect.DeepEqual(hits, wantHits) {
		t.Errorf("requests:\n%v\nwant\n%v", hits, wantHits)
	}
	if n := pub.mostAtOnce(); n > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", n)
	}
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// A server that does not answer is reported as such after the timeout;
// the timeout is short, and what is asserted is the message, not a time.
func TestSlowServerTimesOut(t *testing.T) {
	pub := newPublisher(t, nil)
	c := &Checker{Timeout: 50 * time.Millisecond}
	rep, err := c.Check(context.Background(), targets("content/a.md", pub.URL+"/slow"))
	if err != nil {
		t.Fatal(err)
	}
	want := "CG803 content/a.md:1:3: link to SRV/slow cannot be reached: no answer within 50ms\n"
	if got := format(rep.Diags, pub.URL); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if hits := pub.hitCounts(); hits["GET /slow"] != 0 {
		t.Errorf("a timeout was asked again with GET: %v", hits)
	}
}

// PerHost bounds each host, not all of them: with two hosts and PerHost 2,
// four requests are in flight at once (the gate opens only then), and
// neither host ever sees a third. A right checker passes every time; one
// without the limit fails most runs (8 in 10 when tried), since what it
// sends after the gate opens may race the first answers.
func TestPerHostLimit(t *testing.T) {
	g := newGate(4)
	a, b := newPublisher(t, g), newPublisher(t, g)
	var urls []string
	for i := range 8 {
		urls = append(urls, fmt.Sprintf("%s/gate/%d", a.URL, i), fmt.Sprintf("%s/gate/%d", b.URL, i))
	}
	c := &Checker{PerHost: 2, Parallel: 16}
	rep, err := c.Check(context.Background(), targets("content/a.md", urls...))
	if err != nil || len(rep.Diags) > 0 {
		t.Fatalf("%v %v", err, rep.Diags)
	}
	if na, nb := a.mostAtOnce(), b.mostAtOnce(); na != 2 || nb != 2 {
		t.Errorf("most requests at once: %d and %d, want 2 and 2", na, nb)
	}
}

// A second run within MaxAge asks nothing, not even a server that now
// fails everything, and reports the same; once the answers are older than
// MaxAge, they are asked again.
func TestCache(t *testing.T) {
	pub := newPublisher(t, nil)
	cacheFile := filepath.Join(t.TempDir(), "sub", "external.json")
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	ts := targets("content/a.md", pub.URL+"/ok", pub.URL+"/dead", pub.URL+"/to/301/ok/new", pub.URL+"/to/301/dead/gone")
	check := func() (Report, string) {
		t.Helper()
		rep, err := (&Checker{CacheFile: cacheFile, Now: clock}).Check(context.Background(), ts)
		if err != nil {
			t.Fatal(err)
		}
		return rep, format(rep.Diags, pub.URL)
	}
	_, first := check()
	before := pub.hitCounts()

	pub.failAll()
	now = now.Add(23 * time.Hour)
	rep, second := check()
	if rep.Requested != 0 || second != first || !reflect.DeepEqual(pub.hitCounts(), before) {
		t.Errorf("within max age: %d asked, requests %v (before %v); diagnostics\n%s\nwant\n%s",
			rep.Requested, pub.hitCounts(), before, second, first)
	}

	now = now.Add(2 * time.Hour) // 25 hours after the first run
	rep, third := check()
	if rep.Requested != len(ts) || strings.Count(third, "500 Internal Server Error") != len(ts) {
		t.Errorf("after max age: %d asked, want %d; diagnostics\n%s", rep.Requested, len(ts), third)
	}
}

// A run with a shorter MaxAge asks again; when the new answer is not one to
// keep (here a 500), the old one goes too, so a later run with the default
// MaxAge does not reuse what is no longer true.
func TestCacheForgetsReplacedAnswers(t *testing.T) {
	pub := newPublisher(t, nil)
	cacheFile := filepath.Join(t.TempDir(), "external.json")
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	ts := targets("content/a.md", pub.URL+"/ok")
	check := func(maxAge time.Duration) Report {
		t.Helper()
		c := &Checker{CacheFile: cacheFile, MaxAge: maxAge, Now: func() time.Time { return now }}
		rep, err := c.Check(context.Background(), ts)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	check(0)
	pub.failAll()
	now = now.Add(time.Hour)
	if rep := check(time.Minute); rep.Requested != 1 || len(rep.Diags) != 1 {
		t.Fatalf("short max age: %d asked, %v", rep.Requested, rep.Diags)
	}
	if rep := check(0); rep.Requested != 1 || len(rep.Diags) != 1 {
		t.Errorf("default max age after a 500: %d asked, %v; want the 500 asked again", rep.Requested, rep.Diags)
	}
}

// Answers that may change by tomorrow are asked again on the next run: a
// server error, a 429, no answer. A cache file that is not a cache is
// replaced, not an error.
func TestCacheKeepsLastingAnswers(t *testing.T) {
	pub := newPublisher(t, nil)
	cacheFile := filepath.Join(t.TempDir(), "external.json")
	if err := os.WriteFile(cacheFile, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := targets("content/a.md", pub.URL+"/ok", pub.URL+"/broken", pub.URL+"/always-busy", "http://"+closedPort(t)+"/")
	c := &Checker{CacheFile: cacheFile}
	for run, want := range []int{4, 3} {
		rep, err := c.Check(context.Background(), ts)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Requested != want {
			t.Errorf("run %d asked %d addresses, want %d", run+1, rep.Requested, want)
		}
	}
	data, err := os.ReadFile(cacheFile)
	if err != nil || !strings.Contains(string(data), `"version": 1`) || !strings.Contains(string(data), pub.URL+"/ok") {
		t.Errorf("cache file %s: %v", data, err)
	}
}

// Retry-After is seconds or a date, capped; anything else waits a second.
func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"0":                             0,
		"7":                             7 * time.Second,
		"3600":                          20 * time.Second,
		"Fri, 20 Nov 2026 08:00:05 GMT": 5 * time.Second,
		"Fri, 20 Nov 2026 07:00:00 GMT": 0,
		"":                              time.Second,
		"soon":                          time.Second,
	} {
		if got := retryAfter(h, now, 20*time.Second); got != want {
			t.Errorf("Retry-After %q: %v, want %v", h, got, want)
		}
	}
}
