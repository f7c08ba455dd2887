package browsertest

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/searchindex"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
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

// searchFor waits until the results for q are shown and returns them.
func searchFor(q string) string {
	return `(() => {
	const status = document.getElementById('search-status').textContent;
	if (!status.includes('for “' + ` + strconv.Quote(q) + ` + '”')) return null;
	return {status, results: [...document.querySelectorAll('#search-results li')].map(li => ({
		title: li.querySelector('a').textContent,
		href: li.querySelector('a').getAttribute('href'),
		where: li.querySelector('.where').textContent,
	}))};
})()`
}

// requests records the paths of the files a tab asks for under prefix.
type requests struct {
	mu    sync.Mutex
	paths []string
}

func (r *requests) listen(tab *Tab, prefix string) {
	chromedp.ListenTarget(tab.Ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && strings.HasPrefix(e.Request.URL, prefix) {
			r.mu.Lock()
			r.paths = append(r.paths, strings.TrimPrefix(e.Request.URL, prefix))
			r.mu.Unlock()
		}
	})
}

func (r *requests) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(slices.Values(slices.Compact(slices.Sorted(slices.Values(r.paths)))))
}

// TestSearchFindsAndFetchesOnlyItsChunks types queries, typos among them,
// checks the first result, and checks in Chromium's network log that the
// page asked for exactly the index files package searchindex's Reader
// reads for the query, and the files of the results shown: an endings
// file only for a typo in a word's first two letters.
func TestSearchFindsAndFetchesOnlyItsChunks(t *testing.T) {
	b := StartBrowser(t)
	dir := BuildSite(t)
	srv := Serve(t, dir)
	for _, c := range []struct {
		query, title, where, fragment string
		endings                       int // endings files read
	}{
		{"harnes", "Choosing and fitting a cat harness and leash", "Guide", "", 0},
		{"vacination", "Vaccinations, parasite control and vet clearance", "Guide", "", 0},
		{"leash training", "How to leash train your cat", "Guide", "", 0},
		{"puzzle feeder", "", "Enrichment idea in Indoor enrichment for cats", "#idea-3", 0},
		{"avccination", "Vaccinations, parasite control and vet clearance", "Guide", "", 1},
		{"leash tarining", "How to leash train your cat", "Guide", "", 1}, // the stem's ending, "in"
	} {
		reader, err := searchindex.Open(func(name string) ([]byte, error) {
			return os.ReadFile(filepath.Join(dir, "search", filepath.FromSlash(name)))
		})
		if err != nil {
			t.Fatal(err)
		}
		want, err := reader.Search(c.query)
		if err != nil || len(want) == 0 {
			t.Fatalf("the Go reader finds nothing for %q: %v", c.query, err)
		}
		wantFiles := slices.Clone(reader.Read)
		if n := len(slices.DeleteFunc(slices.Clone(wantFiles), func(f string) bool { return !strings.HasPrefix(f, "e/") })); n != c.endings {
			t.Errorf("%q: the Go reader reads %v, want %d endings files", c.query, wantFiles, c.endings)
		}
		for _, r := range want[:min(10, len(want))] {
			wantFiles = append(wantFiles, searchindex.DocFile(r.Doc))
		}
		slices.Sort(wantFiles)

		tab := b.NewTab(t, "")
		var got searchAnswer
		var reqs requests
		reqs.listen(tab, srv.URL+"/search/")
		tab.Run(t, "search "+c.query,
			chromedp.Navigate(srv.URL+"/search/"),
			chromedp.WaitReady("#search-q", chromedp.ByQuery),
			chromedp.SendKeys("#search-q", c.query, chromedp.ByQuery),
			chromedp.Poll(searchFor(c.query), &got),
		)
		checkAnswer(t, got)
		if len(got.Results) == 0 {
			continue // checkAnswer said so
		}
		first := got.Results[0]
		if c.title != "" && first.Title != c.title || first.Where != c.where || !strings.HasSuffix(first.Href, c.fragment) {
			t.Errorf("%q: first result %+v, want %q, %q, a link to %q", c.query, first, c.title, c.where, c.fragment)
		}
		if n := len(want); !strings.HasPrefix(got.Status, strconv.Itoa(n)+" result") {
			t.Errorf("%q: status %q, the Go reader finds %d", c.query, got.Status, n)
		}
		for _, p := range tab.Log.List() {
			t.Error(p)
		}

		// The files of the whole query, asked for by a page that opens
		// with it: typing asks for those of each word typed on the way.
		tab = b.NewTab(t, "")
		reqs = requests{}
		reqs.listen(tab, srv.URL+"/search/")
		tab.Run(t, "search ?q="+c.query,
			chromedp.Navigate(srv.URL+"/search/?q="+url.QueryEscape(c.query)),
			chromedp.Poll(searchFor(c.query), &got),
		)
		var files []string
		for _, p := range reqs.list() {
			if strings.HasSuffix(p, ".json") {
				files = append(files, p)
			}
		}
		if !slices.Equal(files, wantFiles) {
			t.Errorf("%q: the page asked for\n%v\nwant\n%v", c.query, files, wantFiles)
		}
	}
}

// TestSearchStemsAsGoDoes holds search.js's words and stems against
// package searchindex's, word by word: every word of the default site's
// guides, and words that test the edges of the rules (doubled consonants,
// a stem with no vowel left, letters beyond ASCII, digits).
func TestSearchStemsAsGoDoes(t *testing.T) {
	var text strings.Builder
	fs.WalkDir(careguide.Default, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := fs.ReadFile(careguide.Default, p)
			text.Write(data)
			text.WriteByte('\n')
		}
		return nil
	})
	text.WriteString(`harnesses boxes brushes watches flies tries studied agreed running stopped hopping
		using uses sings string strings ss us is bus glass classes cried eyed bed sled red
		Café naïve ÉCOLE Straße İstanbul ǅemal über cats' cat's 24h 10m 3rd x y zz
		ηλιος καλημέρα ΟΔΟΣ ΣΟΦΙΑ Ⅻ собаки кошки 猫 ねこ مرحبا`)
	dir := BuildSite(t)
	reader, err := searchindex.Open(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, "search", filepath.FromSlash(name)))
	})
	if err != nil {
		t.Fatal(err)
	}
	var want [][2]string
	for _, w := range searchindex.Words(text.String()) {
		want = append(want, [2]string{w, reader.Lang.Stem(w)})
	}
	b := StartBrowser(t)
	srv := Serve(t, dir)
	tab := b.NewTab(t, "")
	var got [][2]string
	tab.Run(t, "search.js terms",
		chromedp.Navigate(srv.URL+"/search/"),
		chromedp.WaitReady("#search-q", chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById('search').terms(`+strconv.Quote(text.String())+`)`, &got,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if len(want) < 1000 {
		t.Fatalf("only %d words to compare", len(want))
	}
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			t.Fatalf("word %d: search.js says %v, Go says %v", i, got[i:min(i+3, len(got))], want[i:min(i+3, len(want))])
		}
	}
}

// TestSearchAccessibleWithResults runs axe on /search/ with results,
// filters and the status shown, in both colour schemes: the page without a
// query is checked with every other page (TestAccessibility).
func TestSearchAccessibleWithResults(t *testing.T) {
	axeSrc, err := os.ReadFile(Tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	for _, scheme := range []string{"light", "dark"} {
		tab := b.NewTab(t, "")
		var got searchAnswer
		var res axeResult
		tab.Run(t, "axe /search/?q=harness ("+scheme+")",
			chromedp.EmulateViewport(1280, 800),
			emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
			chromedp.Navigate(srv.URL+"/search/?q=harness&species=cat"),
			chromedp.Poll(searchFor("harness"), &got),
			chromedp.Evaluate(string(axeSrc), nil),
			chromedp.Evaluate(axeRunJS, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		)
		checkAnswer(t, got)
		if res.Passes == 0 {
			t.Errorf("%s: axe passed no rule; did it run?", scheme)
		}
		for _, v := range res.Violations {
			t.Errorf("%s: axe %s [%s] %s\n\t%s", scheme, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
	}
}
