// Package browsertest checks the built default site in a real browser:
// every page kind loads in headless Chromium with no console error and no
// failed request, nothing scrolls sideways at 320 px, axe-core finds no
// accessibility violation, the guide's JSON-LD has one HowToStep per step,
// and html-validate accepts every page. The tests live in this package;
// the rest of it is the support they share.
//
// Inputs: the default site (built with `careguide build --example` into a
// temp dir and served on 127.0.0.1, and built again with --minify for
// TestMinifiedSite, which runs every check on it), Chromium, and the npm
// tools pinned in tools/browser (install them with
// `npm ci --prefix tools/browser`).
// Output: test results, and with CAREGUIDE_SCREENSHOTS=1 the screenshots
// in docs/screenshots.
//
// The one thing to know before changing it: a missing Chromium or missing
// npm tools make the tests skip, so a laptop without them still runs
// `go test ./...`; CI sets CAREGUIDE_BROWSER_REQUIRED=1 to turn those skips
// into failures, so the checks can never silently stop running there.
// Every browser call is bounded by a timeout, so a hung browser fails a
// test rather than stalling CI.
package browsertest
