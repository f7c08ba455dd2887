package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// check --external asks a real server on loopback about a guide's source
// and body links, and reports the dead one and the moved one where they are
// written; build and a plain check never ask. A second run answers from the
// cache.
func TestCheckExternal(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/ok", "/new":
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := writeSite(t, map[string]string{
		"site.yaml":         "title: T\nmenus:\n  main:\n    - name: Shelter\n      url: " + srv.URL + "/closed\n",
		"content/_index.md": "---\ntitle: Home\n---\n[a](guides/a.md)\n",
		"content/guides/a.md": "---\ntitle: A\ndescription: a\nupdated: 2026-01-02\nsources:\n  - title: Gone\n    url: " + srv.URL + "/gone\n---\n" +
			"Read [this](" + srv.URL + "/ok) and [that](" + srv.URL + "/old#fit).\n\n> Call your vet if in doubt.\n",
	})
	if code, _, stderr := run(t, "build", "--site", dir, "-q"); code != ExitOK || requests.Load() != 0 {
		t.Fatalf("build: exit %d, %d requests; %s", code, requests.Load(), stderr)
	}
	if code, _, _ := runCheckArgs(t, "--site", dir); code != ExitOK || requests.Load() != 0 {
		t.Fatalf("check: exit %d, %d requests", code, requests.Load())
	}

	cache := filepath.Join(t.TempDir(), "external.json")
	code, stdout, stderr := runCheckArgs(t, "--site", dir, "--external", "--external-cache", cache)
	col := len("Read [this]("+srv.URL+"/ok) and ") + 1
	for _, want := range []string{
		"content/guides/a.md:7:10: error: link to " + srv.URL + "/gone is dead: 404 Not Found\n      url: " + srv.URL + "/gone\n           ^\n  hint: ",
		fmt.Sprintf("content/guides/a.md:9:%d: warning: link to %s/old#fit has moved permanently to %[2]s/new#fit\n", col, srv.URL),
		"site.yaml:5:12: error: link to " + srv.URL + "/closed is dead: 404 Not Found\n", // a menu links out too
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code != ExitContent || strings.Contains(stdout, "/ok ") || !strings.Contains(stderr, "checked 4 external addresses in 4 links, 0 from the cache\n2 errors, 1 warning") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}

	asked := requests.Load()
	code, again, stderr := runCheckArgs(t, "--site", dir, "--external", "--external-cache", cache)
	if code != ExitContent || again != stdout || requests.Load() != asked || !strings.Contains(stderr, "4 from the cache") {
		t.Errorf("second run: exit %d, %d more requests, stderr %q, stdout:\n%s", code, requests.Load()-asked, stderr, again)
	}
}
