package browsertest

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// searchResultsJS waits until the search page has answered (the status says
// how many results) and returns the status and every result shown.
const searchResultsJS = `(() => {
	const status = document.getElementById('search-status').textContent;
	if (!/result/.test(status)) return null;
	return {
		status,
		results: [...document.querySelectorAll('#search-results li')].map(li => ({
			title: li.querySelector('a').textContent,
			href: li.querySelector('a').getAttribute('href'),
			where: li.querySelector('.where').textContent,
		})),
	};
})()`

type searchResult struct {
	Title string `json:"title"`
	Href  string `json:"href"`
	Where string `json:"where"`
}

type searchAnswer struct {
	Status  string         `json:"status"`
	Results []searchResult `json:"results"`
}

var resultCount = regexp.MustCompile(`^\d+ results?\b`)

// checkAnswer fails the test unless the status counts the results shown.
func checkAnswer(t *testing.T, got searchAnswer) {
	t.Helper()
	if !resultCount.MatchString(got.Status) {
		t.Errorf("status %q, want \"N results\"", got.Status)
	}
	if len(got.Results) == 0 || len(got.Results) > 50 {
		t.Errorf("%d results shown, want 1 to 50", len(got.Results))
	}
}

func TestSearchAsYouType(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/search/"
	tab := b.NewTab(t, "")
	var got searchAnswer
	tab.Run(t, "search "+url,
		chromedp.Navigate(url),
		chromedp.SendKeys("#search-q", "harness", chromedp.ByQuery),
		chromedp.Poll(searchResultsJS, &got),
	)
	checkAnswer(t, got)
	var guide, step bool
	for _, r := range got.Results {
		guide = guide || r.Title == "Choosing and fitting a cat harness and leash" && r.Where == "Guide"
		step = step || strings.HasPrefix(r.Where, "Step") && strings.Contains(r.Where, "leash train")
	}
	if !guide {
		t.Errorf("no result for the harness guide in %+v", got.Results)
	}
	if !step {
		t.Errorf("no result for a step of the leash-training guide in %+v", got.Results)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}

func TestSearchReadsQueryFromURL(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/search/?q=string"
	tab := b.NewTab(t, "")
	var got searchAnswer
	var value string
	tab.Run(t, "search "+url,
		chromedp.Navigate(url),
		chromedp.Poll(searchResultsJS, &got),
		chromedp.Value("#search-q", &value, chromedp.ByQuery),
	)
	checkAnswer(t, got)
	if value != "string" {
		t.Errorf("search box holds %q, want the ?q= value \"string\"", value)
	}
	found := false
	for _, r := range got.Results {
		found = found || strings.HasPrefix(r.Href, basePath(t)+"/guides/safe-play/")
	}
	if !found {
		t.Errorf("no result from the safe-play guide in %+v", got.Results)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}
