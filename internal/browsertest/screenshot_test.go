package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestScreenshots refreshes docs/screenshots when CAREGUIDE_SCREENSHOTS=1.
// It writes into the repository, so it never runs by default.
func TestScreenshots(t *testing.T) {
	if os.Getenv("CAREGUIDE_SCREENSHOTS") != "1" {
		t.Skip("set CAREGUIDE_SCREENSHOTS=1 to refresh docs/screenshots")
	}
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	dir := filepath.Join(RepoRoot(t), "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"guide-leash-training", "/guides/leash-training/"},
		{"gear", "/gear/"},
		{"enrichment", "/enrichment/"},
	}
	type shot struct {
		name, path, scheme string
		width              int64
	}
	var shots []shot
	for _, p := range pages {
		for _, width := range []int64{1280, 375} {
			shots = append(shots, shot{fmt.Sprintf("%s-%d.png", p.name, width), p.path, "light", width})
		}
	}
	// One in dark, at each width: the theme's other palette.
	shots = append(shots, shot{"guide-leash-training-dark-1280.png", "/guides/leash-training/", "dark", 1280},
		shot{"home-dark-375.png", "/", "dark", 375})
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			tab := b.NewTab(t, "")
			var png []byte
			tab.Run(t, "screenshot "+s.path,
				chromedp.EmulateViewport(s.width, 800),
				emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
					{Name: "prefers-color-scheme", Value: s.scheme},
				}),
				chromedp.Navigate(srv.URL+s.path),
				// A whole-page picture shows the lazy images below the fold
				// too: ask for each now, and wait until all have come.
				chromedp.Evaluate(`Promise.all([...document.images].map(i => { i.loading = "eager"; return i.decode().catch(() => {}); }))`, nil,
					func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
				chromedp.FullScreenshot(&png, 100), // 100 means PNG
			)
			if err := os.WriteFile(filepath.Join(dir, s.name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}
