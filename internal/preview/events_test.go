package preview_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/preview"
)

type state struct {
	Build    string
	Kind     string
	From     string
	CSS      map[string]string
	Problems []preview.Problem
}

// stream reads the event stream of the server at url.
type stream struct {
	r    *bufio.Reader
	body io.Closer
}

func openStream(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/_careguide/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("event stream: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return &stream{r: bufio.NewReader(resp.Body), body: resp.Body}
}

// next returns the next state sent, or ok false when the stream ended.
func (s *stream) next(t *testing.T) (st state, ok bool) {
	t.Helper()
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return st, false
		}
		if data, found := strings.CutPrefix(line, "data: "); found {
			if err := json.Unmarshal([]byte(data), &st); err != nil {
				t.Fatalf("event %q: %v", data, err)
			}
			return st, true
		}
	}
}

func TestEventStream(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	es := openStream(t, ts.URL)
	first, _ := es.next(t)
	if first.Build != s.BuildID() || first.Kind != "reload" {
		t.Errorf("on connect: %+v, want the current build %q", first, s.BuildID())
	}

	// A cssOnly publish says which stylesheet replaces which.
	b := site()
	b.Files["css/main.77aa0011.css"] = b.Files["css/main.3f2a9c1e.css"]
	delete(b.Files, "css/main.3f2a9c1e.css")
	b.Files["css/print.css"] = preview.NewFile("css/print.css", []byte("@media print {}"))
	s.Publish(b, true)
	got, _ := es.next(t)
	want := state{Build: s.BuildID(), Kind: "css", From: first.Build,
		CSS: map[string]string{"/css/main.3f2a9c1e.css": "/css/main.77aa0011.css"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after a cssOnly publish: %+v, want %+v", got, want)
	}

	problems := []preview.Problem{{File: "content/guides/x.md", Line: 3, Col: 7, Message: "bad", Hint: "fix it", Source: "titel: x"}}
	s.Fail(problems)
	got, _ = es.next(t)
	if want := (state{Build: s.BuildID(), Kind: "error", Problems: problems}); !reflect.DeepEqual(got, want) {
		t.Errorf("after Fail: %+v, want %+v", got, want)
	}
	// Pages opened while the failure lasts see it too.
	if late, _ := openStream(t, ts.URL).next(t); late.Kind != "error" || len(late.Problems) != 1 {
		t.Errorf("a stream opened after Fail: %+v", late)
	}

	s.Publish(site(), false)
	got, _ = es.next(t)
	if got.Kind != "reload" || got.Build != s.BuildID() || got.Problems != nil {
		t.Errorf("after Publish: %+v, want a reload with no problems", got)
	}

	s.Close()
	if st, ok := es.next(t); ok {
		t.Errorf("stream still open after Close: %+v", st)
	}
	if resp, _ := rawGet(t, ts.Listener.Addr().String(), "GET", "/_careguide/events", ts.Listener.Addr().String()); resp.StatusCode != 503 {
		t.Errorf("event stream after Close: %d, want 503", resp.StatusCode)
	}
}

// A11: a page hears of a build only once that build is being served.
func TestEventsFollowTheSwap(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	es := openStream(t, ts.URL)
	es.next(t)
	go func() {
		for range 50 {
			s.Publish(site(), false)
		}
		s.Fail([]preview.Problem{{Message: "the end"}}) // the last state: the reader stops there
	}()
	// Build ids end in a sequence number: ".7" comes before ".8".
	seq := func(id string) int {
		n, _ := strconv.Atoi(id[strings.LastIndexByte(id, '.')+1:])
		return n
	}
	for {
		st, ok := es.next(t)
		if !ok {
			t.Fatal("stream ended")
		}
		_, body := rawGet(t, addr, "GET", "/", addr)
		if _, id := uninject(t, body); seq(id) < seq(st.Build) {
			t.Errorf("event announced %q, then a page came from the earlier build %q", st.Build, id)
		}
		if st.Kind == "error" {
			return
		}
	}
}

// F38: a page of an earlier build still gets its assets after a new build
// renamed them; removed pages are gone at once.
func TestEarlierBuildsAssets(t *testing.T) {
	s, ts := start(t, site(), preview.Options{})
	addr := ts.Listener.Addr().String()
	for i, fp := range []string{"00000001", "00000002", "00000003"} {
		s.Publish(files(
			"index.html", page("Home", "css/main."+fp+".css"),
			"css/main."+fp+".css", "h1 { color: #00"+fp[7:]+" }",
		), false)
		for j := 1; j <= i+1; j++ {
			path := "/css/main.0000000" + string(rune('0'+j)) + ".css"
			resp, body := rawGet(t, addr, "GET", path, addr)
			if resp.StatusCode != 200 || string(body) != "h1 { color: #00"+string(rune('0'+j))+" }" {
				t.Errorf("build %d: GET %s: %d %q", i+1, path, resp.StatusCode, body)
			}
		}
	}
	if resp, _ := rawGet(t, addr, "GET", "/guides/leash-training/", addr); resp.StatusCode != 404 {
		t.Errorf("a page of an earlier build: %d, want 404", resp.StatusCode)
	}
}
