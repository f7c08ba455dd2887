package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/careguide/careguide/internal/cli"
)

// siteChecks are the tests that check the built default site; a variant's
// test runs each of them on its own build. Screenshots (a record, not a
// check) and the preview (which builds in memory) are not among them.
var siteChecks = []siteCheck{
	{"PagesLoadWithoutErrors", TestPagesLoadWithoutErrors},
	{"NoSidewaysScrollAt320px", TestNoSidewaysScrollAt320px},
	{"Accessibility", TestAccessibility},
	{"HTMLIsValid", TestHTMLIsValid},
	{"GuideJSONLDHasOneHowToStepPerStep", TestGuideJSONLDHasOneHowToStepPerStep},
	{"GuideImagesLoadWithoutLayoutShift", TestGuideImagesLoadWithoutLayoutShift},
	{"SearchAsYouType", TestSearchAsYouType},
	{"SearchReadsQueryFromURL", TestSearchReadsQueryFromURL},
	{"EnrichmentFiltersInPlace", TestEnrichmentFiltersInPlace},
	{"EnrichmentFilterLinksWithoutJavaScript", TestEnrichmentFilterLinksWithoutJavaScript},
	{"StepProgressSurvivesReload", TestStepProgressSurvivesReload},
	{"StepsWithoutJavaScript", TestStepsWithoutJavaScript},
	{"GearGroupedByItem", TestGearGroupedByItem},
}

type siteCheck struct {
	name string
	run  func(*testing.T)
}

// TestMinifiedSite asks of the site built with --minify everything asked
// of the plain one: a minifier that broke a script, a stylesheet, the
// JSON-LD, the markup or an accessible name fails one of the checks.
func TestMinifiedSite(t *testing.T) {
	if _, err := FindChromium(); err != nil {
		Unavailable(t, "%v", err) // at once, not once per check
	}
	t.Run("IsMinified", func(t *testing.T) {
		minified := BuildSite(t)
		plain := filepath.Join(t.TempDir(), "public")
		var out bytes.Buffer
		if code := cli.Run([]string{"build", "--example", "-q", "--out", plain}, &out, &out); code != 0 {
			t.Fatalf("build: exit %d\n%s", code, out.String())
		}
		for _, page := range []string{"index.html", "guides/leash-training/index.html"} {
			m, err1 := os.ReadFile(filepath.Join(minified, page))
			p, err2 := os.ReadFile(filepath.Join(plain, page))
			if err1 != nil || err2 != nil || len(m) >= len(p) {
				t.Errorf("%s: %d bytes with --minify, %d without (%v, %v)", page, len(m), len(p), err1, err2)
			}
		}
	})
	for _, check := range siteChecks {
		t.Run(check.name, check.run)
	}
}

// TestSubPathSite asks the same of the site built for a base path
// (https://shelter.example.org/care/ publishes under /care/) and served
// only there: a link, asset, script fetch or form that forgot the base
// path fails a load or the search, and its page shows it.
//
// It runs the checks a base path can fail (pathChecks); layout, markup
// and accessibility read the same pages whatever their path, and the
// plain and minified builds check those.
func TestSubPathSite(t *testing.T) {
	if _, err := FindChromium(); err != nil {
		Unavailable(t, "%v", err)
	}
	for _, check := range siteChecks {
		if slices.Contains(pathChecks, check.name) {
			t.Run(check.name, check.run)
		}
	}
}

// pathChecks are the siteChecks that load a URL the site made: a page, an
// image, a script, a fetch of the search index, a link or a form.
var pathChecks = []string{"PagesLoadWithoutErrors", "GuideJSONLDHasOneHowToStepPerStep", "SearchAsYouType",
	"SearchReadsQueryFromURL", "EnrichmentFiltersInPlace", "EnrichmentFilterLinksWithoutJavaScript",
	"StepProgressSurvivesReload", "GearGroupedByItem"}

// Every name in pathChecks is a check: a renamed check would otherwise
// quietly leave the sub-path site.
func TestPathChecksAreChecks(t *testing.T) {
	for _, name := range pathChecks {
		if !slices.ContainsFunc(siteChecks, func(c siteCheck) bool { return c.name == name }) {
			t.Errorf("pathChecks names %q, which is not in siteChecks", name)
		}
	}
}
