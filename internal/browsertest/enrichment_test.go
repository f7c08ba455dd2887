package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ideasJS reports the enrichment page's count line and the ideas a reader
// can see (hidden ones have no layout box).
const ideasJS = `(() => ({
	path: location.pathname,
	count: document.getElementById('idea-count').textContent,
	total: document.querySelectorAll('.idea').length,
	selects: document.querySelectorAll('form.filters select').length,
	visible: [...document.querySelectorAll('.idea')].filter(li => li.getClientRects().length > 0)
		.map(li => ({effort: li.dataset.effort, indoor: li.dataset.indoor})),
}))()`

type ideasState struct {
	Path    string `json:"path"`
	Count   string `json:"count"`
	Total   int    `json:"total"`
	Selects int    `json:"selects"`
	Visible []struct {
		Effort string `json:"effort"`
		Indoor string `json:"indoor"`
	} `json:"visible"`
}

// choose picks a value in one of the filter selects as a reader would, so
// the page sees a change event.
func choose(dimension, value string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => {
		const s = document.querySelector('form.filters select[name=%q]');
		s.value = %q;
		s.dispatchEvent(new Event('change', {bubbles: true}));
	})()`, dimension, value), nil)
}

// checkIdeas fails the test unless the count line counts the visible ideas
// and every visible idea matches want (dimension -> data-* value).
func checkIdeas(t *testing.T, got ideasState, want map[string]string) {
	t.Helper()
	n := len(got.Visible)
	if wantCount := fmt.Sprintf("%d idea", n); !strings.HasPrefix(got.Count, wantCount) {
		t.Errorf("count says %q, but %d ideas are visible", got.Count, n)
	}
	for i, v := range got.Visible {
		if e, ok := want["effort"]; ok && v.Effort != e {
			t.Errorf("visible idea %d has data-effort=%q, want %q", i, v.Effort, e)
		}
		if in, ok := want["indoor"]; ok && v.Indoor != in {
			t.Errorf("visible idea %d has data-indoor=%q, want %q", i, v.Indoor, in)
		}
	}
}

func TestEnrichmentFiltersInPlace(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/enrichment/"
	tab := b.NewTab(t, "")
	var all, low, lowIndoor ideasState
	tab.Run(t, "filter "+url,
		chromedp.Navigate(url),
		chromedp.WaitReady(`form.filters select[name="effort"]`, chromedp.ByQuery),
		chromedp.Evaluate(ideasJS, &all),
		choose("effort", "low"),
		chromedp.Evaluate(ideasJS, &low),
		choose("indoor", "true"),
		chromedp.Evaluate(ideasJS, &lowIndoor),
	)
	checkIdeas(t, all, nil)
	if len(all.Visible) != all.Total || all.Total == 0 {
		t.Fatalf("before filtering %d of %d ideas are visible, want all", len(all.Visible), all.Total)
	}
	checkIdeas(t, low, map[string]string{"effort": "low"})
	if n := len(low.Visible); n == 0 || n >= all.Total {
		t.Errorf("effort low shows %d of %d ideas, want fewer but some", n, all.Total)
	}
	checkIdeas(t, lowIndoor, map[string]string{"effort": "low", "indoor": "true"})
	if len(lowIndoor.Visible) == 0 || len(lowIndoor.Visible) > len(low.Visible) {
		t.Errorf("effort low and indoors shows %d ideas, effort low alone %d", len(lowIndoor.Visible), len(low.Visible))
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}

func TestEnrichmentFilterLinksWithoutJavaScript(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/enrichment/"
	tab := b.NewTab(t, "")
	var before, after ideasState
	tab.Run(t, "follow the Low effort link on "+url,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(url),
		chromedp.Evaluate(ideasJS, &before),
		chromedp.Click(`//nav[contains(@class,"filters")]//a[normalize-space()="Low effort"]`, chromedp.BySearch),
		chromedp.WaitReady(`//h1[normalize-space()="Enrichment ideas: Low effort"]`, chromedp.BySearch),
		chromedp.Evaluate(ideasJS, &after),
	)
	if before.Selects != 0 {
		t.Errorf("with JavaScript off, /enrichment/ has %d filter selects; filters.js ran", before.Selects)
	}
	if after.Path != basePath(t)+"/enrichment/effort/low/" {
		t.Errorf("the Low effort link led to %s", after.Path)
	}
	checkIdeas(t, after, map[string]string{"effort": "low"})
	if n := len(after.Visible); n == 0 || n != after.Total || n >= before.Total {
		t.Errorf("/enrichment/effort/low/ shows %d of its %d ideas (all ideas: %d)", n, after.Total, before.Total)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}
