package browsertest

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/careguide/careguide/internal/cli"
	"github.com/careguide/careguide/internal/sitegen"
)

// The contributor's loop in a real browser, end to end: a file saved in
// the site dir, real fsnotify, the rebuild, the preview server and the
// page in headless Chromium (TESTPLAN A1, A9, A11).
func TestPreviewReloadsAndShowsErrors(t *testing.T) {
	b := StartBrowser(t)
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Guides: 6, Sections: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cli.Serve(ctx, ln, dir, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	url := "http://" + ln.Addr().String() + "/section-1/guide-0001/"
	src := filepath.Join(dir, "content/section-1/guide-0001.md")
	original, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}

	tab := b.NewTab(t, "")
	var h1 string
	tab.Run(t, "open the guide", chromedp.Navigate(url), chromedp.Text("h1", &h1),
		// A mark on the window that a reload wipes out.
		chromedp.Evaluate(`window.beforeEdit = true`, nil))

	// A1, A11: the page reloads by itself, once, with the new text.
	edited := strings.Replace(string(original), "title: ", "title: Edited ", 1)
	if err := os.WriteFile(src, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, `document.querySelector("h1").textContent.startsWith("Edited ") && !window.beforeEdit`)

	// A9: a broken save shows the overlay with file:line:col and the
	// source line; the page under it is the last good one.
	broken := strings.Replace(string(original), "title: ", "titel: ", 1)
	if err := os.WriteFile(src, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay := `(document.getElementById("careguide-overlay")?.shadowRoot?.textContent || "")`
	waitJS(t, tab, overlay+`.includes("content/section-1/guide-0001.md:")`)
	var text string
	tab.Run(t, "read the overlay", chromedp.Evaluate(overlay, &text), chromedp.Text("h1", &h1))
	if !regexp.MustCompile(`content/section-1/guide-0001\.md:2:1`).MatchString(text) || !strings.Contains(text, "titel: ") {
		t.Errorf("overlay does not show file:line:col and the source line: %q", text)
	}
	if !strings.HasPrefix(h1, "Edited ") {
		t.Errorf("under the overlay the page shows %q, want the last good page", h1)
	}

	// The fix clears the overlay and shows the fixed page.
	if err := os.WriteFile(src, []byte(strings.Replace(string(original), "title: ", "title: Fixed ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, `!document.getElementById("careguide-overlay") && document.querySelector("h1").textContent.startsWith("Fixed ")`)
	for _, problem := range tab.Log.List() {
		// A reload ends the page's event stream; the new page opens its own.
		if !strings.Contains(problem, "/_careguide/events: net::ERR_ABORTED") {
			t.Errorf("browser problem: %s", problem)
		}
	}
}

// waitJS polls a JavaScript condition in the tab; the deadline is a hang
// guard, not a speed check.
func waitJS(t *testing.T, tab *Tab, cond string) {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		var ok bool
		if err := chromedp.Run(tab.Ctx, chromedp.Evaluate(cond, &ok)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("never true in the browser: %s", cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
