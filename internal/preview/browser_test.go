package preview_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/careguide/careguide/internal/browsertest"
	"github.com/careguide/careguide/internal/preview"
)

// tallPage is a build of one page, tall enough to scroll, whose heading
// takes its color from a stylesheet named css.
func tallPage(heading, css, color string) *preview.Build {
	return files(
		"index.html", `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>`+heading+
			`</title><link rel="stylesheet" href="/css/`+css+`"></head><body><h1>`+heading+
			`</h1><div style="height:5000px"></div><p>end</p></body></html>`,
		"css/"+css, "h1 { color: "+color+" }",
		"favicon.ico", "\x00\x00\x01\x00",
	)
}

// TestBrowser covers what a person sees in an open tab (TESTPLAN A1, A9,
// B19): reload on a new build, stylesheets swapped in place, the error
// overlay, and reconnecting after the server restarts.
func TestBrowser(t *testing.T) {
	b := browsertest.StartBrowser(t)
	t.Run("reload", func(t *testing.T) { testReload(t, b) })
	t.Run("css-swap", func(t *testing.T) { testCSSSwap(t, b) })
	t.Run("overlay", func(t *testing.T) { testOverlay(t, b) })
	t.Run("warnings", func(t *testing.T) { testWarnings(t, b) })
	t.Run("restart", func(t *testing.T) { testRestart(t, b) })
}

// open loads url in a new tab and waits until the page listens to the
// server's events.
func open(t *testing.T, b *browsertest.Browser, url string, s *preview.Server) *browsertest.Tab {
	t.Helper()
	tab := b.NewTab(t, "")
	tab.Run(t, "open "+url, chromedp.Navigate(url), chromedp.WaitVisible("h1", chromedp.ByQuery))
	waitFor(t, "the tab's event stream", func() bool { return s.Streams() > 0 })
	return tab
}

// checkLog fails on console errors and failed requests, except the event
// stream's own, which a reload or a server restart cuts on purpose.
func checkLog(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, p := range tab.Log.List() {
		if !strings.Contains(p, preview.Prefix+"events") {
			t.Error(p)
		}
	}
}

// poll evaluates expr in the tab until it returns something other than
// null and stores that in res. Unlike chromedp.Poll it survives the page
// reloading by itself between tries, which is what these tests wait for;
// the tab's timeout guards against hangs.
func poll(t *testing.T, tab *browsertest.Tab, what, expr string, res any) {
	t.Helper()
	for {
		var raw []byte
		err := chromedp.Run(tab.Ctx, chromedp.Evaluate(expr, &raw))
		if err == nil && string(raw) != "null" {
			if err := json.Unmarshal(raw, res); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			return
		}
		if tab.Ctx.Err() != nil {
			t.Fatalf("%s: gave up: %v", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// builtJS returns the page's build id once its heading is the one wanted,
// else null, reading both from one document.
func builtJS(heading string) string {
	return `(() => {
		const h = document.querySelector('h1'), m = document.querySelector('meta[name="careguide-build"]');
		return h && m && h.textContent === ` + strconv.Quote(heading) + ` ? m.content : null;
	})()`
}

const buildJS = `document.querySelector('meta[name="careguide-build"]').content`

func testReload(t *testing.T, b *browsertest.Browser) {
	s, ts := start(t, tallPage("First", "main.aaaaaaaa.css", "rgb(200, 0, 0)"), preview.Options{})
	tab := open(t, b, ts.URL+"/", s)
	s.Publish(tallPage("Second", "main.aaaaaaaa.css", "rgb(200, 0, 0)"), false)
	var build string
	poll(t, tab, "wait for the new build", builtJS("Second"), &build)
	if build != s.BuildID() {
		t.Errorf("page shows build %q, want %q", build, s.BuildID())
	}
	checkLog(t, tab)
}

func testCSSSwap(t *testing.T, b *browsertest.Browser) {
	s, ts := start(t, tallPage("Styled", "main.aaaaaaaa.css", "rgb(200, 0, 0)"), preview.Options{})
	tab := open(t, b, ts.URL+"/", s)
	var before float64
	tab.Run(t, "mark the page and scroll",
		chromedp.Evaluate(`window.careguideTestMark = 'same page'; window.scrollTo(0, 1200); window.scrollY`, &before),
	)
	if before != 1200 {
		t.Fatalf("scrolled to %v, want 1200", before)
	}
	s.Publish(tallPage("Styled", "main.bbbbbbbb.css", "rgb(0, 0, 200)"), true)
	var got struct {
		Mark   string   `json:"mark"`
		Scroll float64  `json:"scroll"`
		Links  []string `json:"links"`
		Build  string   `json:"build"`
	}
	tab.Run(t, "wait for the new stylesheet",
		chromedp.Poll(`getComputedStyle(document.querySelector('h1')).color === 'rgb(0, 0, 200)' &&
			document.querySelectorAll('link[rel=stylesheet]').length === 1`, nil),
		chromedp.Evaluate(`({
			mark: window.careguideTestMark || '',
			scroll: window.scrollY,
			links: [...document.querySelectorAll('link[rel=stylesheet]')].map(l => new URL(l.href).pathname),
			build: `+buildJS+`,
		})`, &got),
	)
	if got.Mark != "same page" {
		t.Errorf("the page reloaded (its window variable is gone); want the stylesheet swapped in place")
	}
	if got.Scroll != 1200 {
		t.Errorf("scroll position %v after the swap, want 1200", got.Scroll)
	}
	if len(got.Links) != 1 || got.Links[0] != "/css/main.bbbbbbbb.css" {
		t.Errorf("stylesheets %v, want /css/main.bbbbbbbb.css", got.Links)
	}
	if got.Build != s.BuildID() {
		t.Errorf("page build %q, want %q", got.Build, s.BuildID())
	}
	checkLog(t, tab)
}

// overlayJS reads the error overlay as a person would, or returns null
// while there is none.
const overlayJS = `(() => {
	const host = document.getElementById('careguide-overlay');
	if (!host || !host.shadowRoot) return null;
	const r = host.shadowRoot, box = r.querySelector('section'), rect = box.getBoundingClientRect();
	const text = sel => (r.querySelector(sel) || {}).textContent || '';
	return {
		role: box.getAttribute('role'), title: text('h2'),
		pos: text('.pos'), message: text('.message'), hint: text('.hint'), source: text('pre'),
		images: r.querySelectorAll('img').length + document.querySelectorAll('img').length,
		visible: rect.top === 0 && rect.height > 0 && getComputedStyle(box).position === 'fixed',
	};
})()`

type overlay struct {
	Role    string `json:"role"`
	Title   string `json:"title"`
	Pos     string `json:"pos"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
	Source  string `json:"source"`
	Images  int    `json:"images"`
	Visible bool   `json:"visible"`
}

func testOverlay(t *testing.T, b *browsertest.Browser) {
	s, ts := start(t, tallPage("Guide", "main.aaaaaaaa.css", "rgb(200, 0, 0)"), preview.Options{})
	tab := open(t, b, ts.URL+"/", s)
	const xss = `unknown key "titel" <img src=x onerror="window.careguideXSS=1">`
	s.Fail([]preview.Problem{{
		File: "content/guides/leash-training.md", Line: 3, Col: 1,
		Message: xss, Hint: `did you mean "title"?`, Source: "titel: Leash training",
	}})
	want := overlay{
		Role: "dialog", Title: "Build failed",
		Pos: "content/guides/leash-training.md:3:1", Message: xss, Hint: `did you mean "title"?`,
		Source: "titel: Leash training\n^", Visible: true,
	}
	for _, when := range []string{"on the open page", "on a page loaded while it lasts"} {
		var got overlay
		if when != "on the open page" {
			tab.Run(t, "reload", chromedp.Reload())
		}
		poll(t, tab, "wait for the overlay "+when, overlayJS, &got)
		if got != want {
			t.Errorf("overlay %s:\n got %+v\nwant %+v", when, got, want)
		}
	}

	s.Publish(tallPage("Fixed", "main.aaaaaaaa.css", "rgb(200, 0, 0)"), false)
	var after struct {
		Overlay bool `json:"overlay"`
		XSS     bool `json:"xss"`
	}
	poll(t, tab, "wait for the fixed build", `document.querySelector('h1').textContent !== 'Fixed' ? null : {
		overlay: !!document.getElementById('careguide-overlay'),
		xss: window.careguideXSS !== undefined,
	}`, &after)
	if after.Overlay {
		t.Error("the overlay outlived the build that fixed the problem")
	}
	if after.XSS {
		t.Error("the problem's message ran as HTML")
	}
	checkLog(t, tab)
}

// warningsJS reads the warnings button and list as a person would, or
// returns null while there is no button.
const warningsJS = `(() => {
	const host = document.getElementById('careguide-warnings');
	if (!host || !host.shadowRoot) return null;
	const r = host.shadowRoot, button = r.querySelector('button'), list = r.querySelector('ol');
	const rect = button.getBoundingClientRect();
	return {
		button: button.textContent, expanded: button.getAttribute('aria-expanded'),
		listShown: !list.hidden && list.getBoundingClientRect().height > 0,
		items: [...list.querySelectorAll('li')].map(li => li.textContent),
		corner: rect.bottom > innerHeight - 40 && rect.right > innerWidth - 40,
		images: r.querySelectorAll('img').length + document.querySelectorAll('img').length,
	};
})()`

type warningsView struct {
	Button    string   `json:"button"`
	Expanded  string   `json:"expanded"`
	ListShown bool     `json:"listShown"`
	Items     []string `json:"items"`
	Corner    bool     `json:"corner"`
	Images    int      `json:"images"`
}

// testWarnings: a page with warnings shows a small button in a corner
// saying how many, which opens their list; a page without shows nothing,
// and the next build's warnings replace the last's.
func testWarnings(t *testing.T, b *browsertest.Browser) {
	build := tallPage("Warned", "main.aaaaaaaa.css", "rgb(200, 0, 0)")
	const xss = `guide cites no sources <img src=x onerror="window.careguideXSS=1">`
	build.Warnings = []preview.Problem{
		{File: "content/guides/a.md", Line: 1, Col: 1, Message: xss, Hint: "add a sources: list", Page: "/"},
		{File: "content/guides/a.md", Line: 9, Col: 11, Message: "step 2 says very little", Page: "/"},
		{File: "content/guides/b.md", Message: "on another page", Page: "/guides/b/"},
	}
	s, ts := start(t, build, preview.Options{})
	tab := open(t, b, ts.URL+"/", s)
	var got warningsView
	poll(t, tab, "wait for the warnings button", warningsJS, &got)
	if got.Button != "2 warnings" || got.Expanded != "false" || got.ListShown || !got.Corner {
		t.Errorf("before a click: %+v", got)
	}
	tab.Run(t, "open the list", chromedp.Evaluate(
		`document.getElementById('careguide-warnings').shadowRoot.querySelector('button').click()`, nil))
	poll(t, tab, "read the list", warningsJS, &got)
	if got.Expanded != "true" || !got.ListShown || len(got.Items) != 2 ||
		!strings.Contains(got.Items[0], "content/guides/a.md:1:1") || !strings.Contains(got.Items[0], xss) ||
		!strings.Contains(got.Items[1], "step 2 says very little") || got.Images != 0 {
		t.Errorf("after a click: %+v", got)
	}

	next := tallPage("Clean", "main.aaaaaaaa.css", "rgb(200, 0, 0)")
	s.Publish(next, false)
	var id string
	poll(t, tab, "wait for the clean build", builtJS("Clean"), &id)
	var gone bool
	poll(t, tab, "the button is gone", `document.getElementById('careguide-warnings') === null || null`, &gone)
	checkLog(t, tab)
}

// testRestart is TESTPLAN B19: the server stops and a new one starts on
// the same address with a new build; the open tab reconnects and reloads.
func testRestart(t *testing.T, b *browsertest.Browser) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	first := serveOn(t, l, tallPage("Before restart", "main.aaaaaaaa.css", "rgb(200, 0, 0)"))
	tab := open(t, b, "http://"+addr+"/", first.s)
	first.stop(t)

	var second *running
	waitFor(t, "the address to be free again", func() bool {
		l, err = net.Listen("tcp", addr)
		return err == nil
	})
	second = serveOn(t, l, tallPage("After restart", "main.bbbbbbbb.css", "rgb(0, 0, 200)"))
	var build string
	poll(t, tab, "wait for the tab to reload from the new server", builtJS("After restart"), &build)
	if build != second.s.BuildID() {
		t.Errorf("page shows build %q, want the new server's %q", build, second.s.BuildID())
	}
	checkLog(t, tab)
}

type running struct {
	s   *preview.Server
	srv *http.Server
}

// serveOn serves b on l the way `careguide serve` does, until stop or the
// end of the test.
func serveOn(t *testing.T, l net.Listener, b *preview.Build) *running {
	s := preview.New(preview.Options{Addr: l.Addr().String()})
	s.Publish(b, false)
	r := &running{s, &http.Server{Handler: s}}
	go r.srv.Serve(l)
	t.Cleanup(func() { r.stop(t) })
	return r
}

func (r *running) stop(t *testing.T) {
	r.s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a hang guard
	defer cancel()
	if err := r.srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
