package preview_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/careguide/careguide/internal/preview"
)

// stormBuild is build n of the load test: every page names n in its
// title, all through its body and at its end, and links a stylesheet
// fingerprinted for n that names n too. A response mixing two builds, or
// cut short, shows more than one n or lacks the end.
func stormBuild(n int) *preview.Build {
	mark := fmt.Sprintf("build-%d;", n)
	css := fmt.Sprintf("css/main.%08x.css", n)
	b := files(css, "/* "+mark+" */ h1 { color: #123 }\n"+strings.Repeat("/* "+mark+" */\n", 500))
	for _, name := range []string{"index.html", "guides/a/index.html", "guides/b/index.html", "guides/c/index.html"} {
		b.Files[name] = preview.NewFile(name, []byte(`<!doctype html><html><head><title>`+mark+
			`</title><link rel="stylesheet" href="/`+css+`"></head><body><p>`+
			strings.Repeat(mark+" ", 1000)+`</p><footer>end `+mark+`</footer></body></html>`))
	}
	b.Files["404.html"] = preview.NewFile("404.html", []byte(notFoundPage))
	b.Files["images/cat.webp"] = sharedImage // unchanged outputs keep their *File
	return b
}

var sharedImage = preview.NewFile("images/shared.webp", []byte("RIFF....WEBP"))

var (
	markRE = regexp.MustCompile(`build-(\d+);`)
	cssRE  = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`)
)

// marks returns the one build number all of body's marks name, or -1
// when they disagree or there are none.
func marks(body []byte) int {
	n := -1
	for _, m := range markRE.FindAllSubmatch(body, -1) {
		k, _ := strconv.Atoi(string(m[1]))
		if n != -1 && k != n {
			return -1
		}
		n = k
	}
	return n
}

// TestLoadDuringBuildStorm is TESTPLAN F38: keep-alive clients fetch
// pages and their stylesheets while builds are published as fast as they
// come. No request fails, no page is torn, every page's build id is the
// build its content came from, and every stylesheet a page links loads
// with that same build's content.
func TestLoadDuringBuildStorm(t *testing.T) {
	const builds, workers = 200, 4
	s, ts := start(t, stormBuild(0), preview.Options{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	t.Cleanup(client.CloseIdleConnections)

	var mu sync.Mutex
	idOf := map[string]int{s.BuildID(): 0} // build id → n, written by the publisher
	type seen struct {
		id string
		n  int
	}
	var pages []seen

	tick := make(chan struct{}, 1) // a request finished: the publisher may go on
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				path := []string{"/", "/guides/a/", "/guides/b/", "/guides/c/"}[(i+w)%4]
				body, err := get(client, ts.URL+path, "text/html; charset=utf-8")
				if err != nil {
					t.Error(err)
					return
				}
				page, id, err := cutSnippet(body)
				if err != nil {
					t.Error(err)
					return
				}
				n := marks(page)
				if n < 0 || !strings.HasSuffix(string(page), fmt.Sprintf("end build-%d;</footer></body></html>", n)) {
					t.Errorf("GET %s: torn page (%d bytes): %.120q ... %.120q", path, len(body), body, body[max(0, len(body)-120):])
					return
				}
				mu.Lock()
				pages = append(pages, seen{id, n})
				mu.Unlock()
				m := cssRE.FindSubmatch(page)
				css, err := get(client, ts.URL+string(m[1]), "text/css; charset=utf-8")
				if err != nil {
					t.Error(err)
					return
				}
				if got := marks(css); got != n {
					t.Errorf("page of build %d links %s, which serves build %d", n, m[1], got)
				}
				select {
				case tick <- struct{}{}:
				default:
				}
			}
		})
	}
	for n := 1; n <= builds && !t.Failed(); n++ {
		<-tick
		s.Publish(stormBuild(n), n%3 == 0)
		mu.Lock()
		idOf[s.BuildID()] = n
		mu.Unlock()
	}
	close(stop)
	wg.Wait()

	for _, p := range pages {
		if n, ok := idOf[p.id]; !ok || n != p.n {
			t.Errorf("a page of build %d carried build id %q, which is build %d", p.n, p.id, n)
		}
	}
	t.Logf("%d pages and their stylesheets fetched over %d builds", len(pages), builds)
}

// get fetches url and checks the status and Content-Type; a body shorter
// than its Content-Length is an error from the client.
func get(c *http.Client, url, contentType string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", url, err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != contentType {
		return nil, fmt.Errorf("GET %s: %d %q: %.200q", url, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	return body, nil
}
