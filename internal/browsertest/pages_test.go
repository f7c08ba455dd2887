package browsertest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageKinds has one page of each kind the default theme renders.
var pageKinds = []struct{ kind, path string }{
	{"home", "/"},
	{"section", "/guides/"},
	{"guide", "/guides/leash-training/"},
	{"page", "/about/"},
	{"taxonomy", "/species/"},
	{"term", "/species/cat/"},
	{"enrichment", "/enrichment/"},
	{"enrichment-filter", "/enrichment/effort/low/"},
	{"gear", "/gear/"},
	{"search", "/search/"},
	{"404", "/nope/"},
}

// eachPageKind runs check on a fresh tab for every page kind of the built
// default site, each as a subtest named prefix+kind.
func eachPageKind(t *testing.T, prefix string, check func(t *testing.T, tab *Tab, url, path, kind string)) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	for _, pk := range pageKinds {
		t.Run(prefix+pk.kind, func(t *testing.T) {
			url := srv.URL + pk.path
			check(t, b.NewTab(t, expect404(url, pk.path)), url, pk.path, pk.kind)
		})
	}
}

// expect404 is the URL allowed to answer 404: the 404 page's own.
func expect404(url, path string) string {
	if path == "/nope/" {
		return url
	}
	return ""
}

func TestPagesLoadWithoutErrors(t *testing.T) {
	eachPageKind(t, "", func(t *testing.T, tab *Tab, url, path, kind string) {
		var h1 string
		var sheets int
		tab.Run(t, "load "+url,
			chromedp.Navigate(url),
			chromedp.Text("h1", &h1, chromedp.ByQuery),
			chromedp.Evaluate(`document.styleSheets.length`, &sheets),
		)
		if sheets == 0 {
			t.Errorf("%s: no stylesheet loaded", path)
		}
		if kind == "404" && h1 != "Page not found" {
			t.Errorf("%s: h1 = %q, want the site's 404 page", path, h1)
		}
		for _, p := range tab.Log.List() {
			t.Errorf("%s: %s", path, p)
		}
	})
}

// overflowJS measures sideways scrolling and names the elements that
// stick out, so a failure says what to fix.
const overflowJS = `(() => {
	const root = document.documentElement, width = root.clientWidth;
	const wide = [...document.querySelectorAll('body *')]
		.filter(e => e.getBoundingClientRect().right > width + 0.5)
		.slice(0, 10)
		.map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ +/g, '.') : '') +
			' right=' + Math.round(e.getBoundingClientRect().right));
	return {scrollWidth: root.scrollWidth, clientWidth: width, wide};
})()`

type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Wide        []string `json:"wide"`
}

func TestNoSidewaysScrollAt320px(t *testing.T) {
	eachPageKind(t, "", func(t *testing.T, tab *Tab, url, path, _ string) {
		var got overflow
		tab.Run(t, "measure "+url,
			chromedp.EmulateViewport(320, 640),
			chromedp.Navigate(url),
			chromedp.Evaluate(overflowJS, &got),
		)
		t.Logf("%s: scrollWidth %d, clientWidth %d", path, got.ScrollWidth, got.ClientWidth)
		if got.ScrollWidth > got.ClientWidth {
			t.Errorf("%s at 320 px: scrollWidth %d > clientWidth %d; too wide: %s",
				path, got.ScrollWidth, got.ClientWidth, strings.Join(got.Wide, ", "))
		}
	})
}

// axeRunJS runs every axe-core rule that is not experimental (WCAG A/AA
// and best practices) and keeps what a failure message needs.
const axeRunJS = `axe.run(document).then(r => ({
	passes: r.passes.length,
	violations: r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\s+/g, ' ')),
	})),
}))`

type axeResult struct {
	Passes     int            `json:"passes"` // rules that passed: proof axe ran
	Violations []axeViolation `json:"violations"`
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func TestAccessibility(t *testing.T) {
	axeSrc, err := os.ReadFile(Tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The theme has a dark palette (prefers-color-scheme), so contrast is
	// checked in both, and a layout for phones, checked at 320 px.
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{1280, 320} {
			eachPageKind(t, fmt.Sprintf("%s-%d/", scheme, width), func(t *testing.T, tab *Tab, url, path, _ string) {
				axeCheck(t, tab, axeSrc, url, path, scheme, width)
			})
		}
	}
}

// axeCheck runs axe-core on url in tab at the given colour scheme and
// width, and fails t for each violation.
func axeCheck(t *testing.T, tab *Tab, axeSrc []byte, url, path, scheme string, width int64) {
	t.Helper()
	var res axeResult
	tab.Run(t, "axe "+url,
		chromedp.EmulateViewport(width, 800),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: scheme},
		}),
		chromedp.Navigate(url),
		chromedp.Evaluate(string(axeSrc), nil),
		chromedp.Evaluate(axeRunJS, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}),
	)
	if res.Passes == 0 {
		t.Errorf("%s (%s, %d px): axe passed no rule; did it run?", path, scheme, width)
	}
	for _, v := range res.Violations {
		t.Errorf("%s (%s, %d px): axe %s [%s] %s\n\t%s", path, scheme, width, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}
