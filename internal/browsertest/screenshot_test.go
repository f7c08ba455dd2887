package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
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
		{"enrichment", "/enrichment/"},
	}
	for _, p := range pages {
		for _, width := range []int64{1280, 375} {
			name := fmt.Sprintf("%s-%d.png", p.name, width)
			t.Run(name, func(t *testing.T) {
				tab := b.NewTab(t, "")
				var png []byte
				tab.Run(t, "screenshot "+p.path,
					chromedp.EmulateViewport(width, 800),
					emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
						{Name: "prefers-color-scheme", Value: "light"},
					}),
					chromedp.Navigate(srv.URL+p.path),
					chromedp.FullScreenshot(&png, 100), // 100 means PNG
				)
				if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
