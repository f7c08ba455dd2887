package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout bounds every tab: a page load and the checks run in it. It is a
// limit against hangs, not a performance assertion.
const Timeout = 30 * time.Second

// RequiredEnv names the variable that turns a missing browser or tool from
// a skip into a failure (CI sets it to 1).
const RequiredEnv = "CAREGUIDE_BROWSER_REQUIRED"

// Unavailable skips the test because something it needs is missing, or
// fails it when RequiredEnv is set.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(RequiredEnv) == "1" {
		t.Fatalf("%s (%s=1, so this is a failure, not a skip)", msg, RequiredEnv)
	}
	t.Skip(msg)
}

// FindChromium returns the Chromium binary to use: $CAREGUIDE_CHROMIUM,
// then /usr/bin/chromium, then chromium or chromium-browser in PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("CAREGUIDE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("headless Chromium not found: CAREGUIDE_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("headless Chromium not found: apt-get install chromium")
}

// Browser is one headless Chromium process; each Open makes a new tab.
type Browser struct {
	ctx context.Context
}

// StartBrowser starts headless Chromium with a fresh profile and stops it
// when the test ends. It skips the test when Chromium is missing (see
// Unavailable).
func StartBrowser(t testing.TB) *Browser {
	t.Helper()
	bin, err := FindChromium()
	if err != nil {
		Unavailable(t, "%v", err)
	}
	// The flags are spelled out, not chromedp.DefaultExecAllocatorOptions,
	// so what runs in CI is exactly what the issue reviewed: no sandbox
	// (containers), no GPU, and nothing that reaches the network.
	profile, err := os.MkdirTemp("", "careguide-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		removeProfile(t, profile)
	})

	// The first Run starts the process and ties it to ctx, so it cannot take
	// a context timeout (that would kill the browser when it expires); the
	// start is bounded by a timer that cancels everything instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Run(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("starting %s: %v", bin, err)
		}
	case <-time.After(Timeout):
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: no answer within %v", bin, Timeout)
	}
	return &Browser{ctx: ctx}
}

// Tab is one browser tab. Its context carries the Timeout, so every
// chromedp call made with it is bounded.
type Tab struct {
	Ctx context.Context
	Log *Problems
}

// NewTab opens a tab that records console errors, uncaught exceptions and
// failed requests into Log from the start, and closes it when the test
// ends. expect404 names the one document URL allowed to answer 404 (the
// 404 page itself), or is empty.
func (b *Browser) NewTab(t testing.TB, expect404 string) *Tab {
	t.Helper()
	timeoutCtx, cancelTimeout := context.WithTimeout(b.ctx, Timeout)
	ctx, cancel := chromedp.NewContext(timeoutCtx)
	t.Cleanup(func() { cancel(); cancelTimeout() })
	log := newProblems(expect404)
	chromedp.ListenTarget(ctx, log.observe)
	return &Tab{Ctx: ctx, Log: log}
}

// Run runs actions in the tab and fails the test on error.
func (tab *Tab) Run(t testing.TB, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(tab.Ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// removeProfile deletes Chromium's profile dir. Chromium's helper
// processes can still be writing to it for a moment after the browser has
// exited, which makes t.TempDir's cleanup fail the test; so this retries
// a few times and only logs if the dir stays.
func removeProfile(t testing.TB, dir string) {
	var err error
	for range 20 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("leaving Chromium profile %s: %v", dir, err)
}
