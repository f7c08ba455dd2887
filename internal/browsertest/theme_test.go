package browsertest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/cli"
)

// stepsJS reports the steps of a guide as a reader sees them: each step's
// checkbox (if any) and whether it is ticked and the step marked done,
// the progress line, and whether the list is still a numbered list.
const stepsJS = `(() => {
	const steps = [...document.querySelectorAll('ol.steps > li.step')];
	const progress = document.querySelector('.steps-progress');
	return {
		list: document.querySelector('ol.steps') ? document.querySelector('ol.steps').tagName : '',
		number: steps.length ? getComputedStyle(steps[0], '::before').content : '',
		titles: steps.filter(li => li.getClientRects().length && li.querySelector('h3')).length,
		inputs: document.querySelectorAll('ol.steps input').length,
		steps: steps.map(li => {
			const box = li.querySelector('.step-done input');
			return {id: li.id, box: !!box, checked: !!box && box.checked, done: li.classList.contains('is-done'),
				label: box ? box.closest('label').textContent : ''};
		}),
		progress: progress ? progress.textContent : '',
	};
})()`

type stepsState struct {
	List   string `json:"list"`
	Number string `json:"number"`
	Titles int    `json:"titles"`
	Inputs int    `json:"inputs"`
	Steps  []struct {
		ID      string `json:"id"`
		Box     bool   `json:"box"`
		Checked bool   `json:"checked"`
		Done    bool   `json:"done"`
		Label   string `json:"label"`
	} `json:"steps"`
	Progress string `json:"progress"`
}

// checkDone fails t unless exactly the steps in want are ticked and marked
// done, and the progress line counts them.
func checkDone(t *testing.T, when string, got stepsState, want ...string) {
	t.Helper()
	if len(got.Steps) < 3 {
		t.Fatalf("%s: %d steps on the page", when, len(got.Steps))
	}
	ticked := 0
	for _, s := range got.Steps {
		w := false
		for _, id := range want {
			w = w || s.ID == id
		}
		if !s.Box || s.Checked != w || s.Done != w {
			t.Errorf("%s: %s has a checkbox %v, ticked %v, marked done %v; want ticked and done %v", when, s.ID, s.Box, s.Checked, s.Done, w)
		}
		if !strings.HasPrefix(s.Label, "Mark as done") {
			t.Errorf("%s: %s's checkbox is labelled %q", when, s.ID, s.Label)
		}
		if s.Checked {
			ticked++
		}
	}
	if wantText := strings.Join([]string{itoa(ticked), "of", itoa(len(got.Steps)), "steps done"}, " "); got.Progress != wantText {
		t.Errorf("%s: progress says %q, want %q", when, got.Progress, wantText)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A reader ticks step 2 as done; after a reload it is still ticked, and
// after unticking it and reloading, no step is.
func TestStepProgressSurvivesReload(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/guides/leash-training/"
	tab := b.NewTab(t, "")
	var before, ticked, reloaded, unticked stepsState
	tab.Run(t, "tick step 2 of "+url+" and reload",
		chromedp.Navigate(url),
		chromedp.WaitReady(`#step-2 .step-done input`, chromedp.ByQuery),
		chromedp.Evaluate(stepsJS, &before),
		chromedp.Click(`#step-2 .step-done input`, chromedp.ByQuery),
		chromedp.Evaluate(stepsJS, &ticked),
		chromedp.Reload(),
		chromedp.WaitReady(`#step-2 .step-done input`, chromedp.ByQuery),
		chromedp.Evaluate(stepsJS, &reloaded),
		chromedp.Click(`#step-2 .step-done input`, chromedp.ByQuery),
		chromedp.Reload(),
		chromedp.WaitReady(`#step-2 .step-done input`, chromedp.ByQuery),
		chromedp.Evaluate(stepsJS, &unticked),
	)
	checkDone(t, "before", before)
	checkDone(t, "after ticking step 2", ticked, "step-2")
	checkDone(t, "after a reload", reloaded, "step-2")
	checkDone(t, "after unticking and a reload", unticked)
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}

// Without JavaScript the steps are a plain numbered list: every step and
// its title shows, numbered by the stylesheet, and there is no checkbox
// that could do nothing.
func TestStepsWithoutJavaScript(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/guides/leash-training/"
	tab := b.NewTab(t, "")
	var got stepsState
	tab.Run(t, "read the steps of "+url+" with JavaScript off",
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(url),
		chromedp.Evaluate(stepsJS, &got),
	)
	if got.List != "OL" || len(got.Steps) < 3 || got.Titles != len(got.Steps) {
		t.Errorf("steps: a %q list of %d steps, %d of them showing a title", got.List, len(got.Steps), got.Titles)
	}
	if got.Number != "counter(step)" {
		t.Errorf("steps are not numbered: ::before content %q", got.Number)
	}
	if got.Inputs != 0 || got.Progress != "" {
		t.Errorf("with JavaScript off the steps have %d inputs and progress %q; want none", got.Inputs, got.Progress)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}

// reviewedSite writes the default site into a temp dir with one guide
// reviewed, builds it, and returns the output dir: the default guides
// are honestly unreviewed, so the reviewed line needs a site of its own.
func reviewedSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(careguide.Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(careguide.Default, p)
		if err != nil {
			return err
		}
		if p == "content/guides/leash-training.md" {
			data = bytes.Replace(data, []byte("\ntitle:"), []byte("\nreviewed_by:\n  name: Dr Test Reviewer\n  credentials: BVSc\n  url: https://vets.example.org/team/\nreviewed_on: 2026-11-12\ntitle:"), 1)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	if code := cli.Run([]string{"build", "--site", dir, "-q", "--out", out}, &log, &log); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, log.String())
	}
	return out
}

// The review line shows under a reviewed guide's title, and an unreviewed
// guide says plainly that it has not been reviewed; both pass axe in
// light and dark, at desktop and phone width.
func TestReviewLineShows(t *testing.T) {
	axeSrc, err := os.ReadFile(Tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := StartBrowser(t)
	srv := Serve(t, reviewedSite(t))
	for path, want := range map[string]string{
		"/guides/leash-training/": "Reviewed by Dr Test Reviewer, BVSc, on 12 November 2026 · Next review due November 2027",
		"/guides/safe-play/":      "This guide has not been reviewed by a vet yet.",
	} {
		url := srv.URL + path
		var text string
		var visible bool
		tab := b.NewTab(t, "")
		tab.Run(t, "read the review line of "+url,
			chromedp.Navigate(url),
			chromedp.Text(`.guide-hero .review`, &text, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector('.guide-hero .review').getClientRects().length > 0`, &visible),
		)
		if !visible || !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("%s: review line %q (visible %v), want %q", path, text, visible, want)
		}
		for _, scheme := range []string{"light", "dark"} {
			for _, width := range []int64{1280, 320} {
				axeCheck(t, b.NewTab(t, ""), axeSrc, url, path, scheme, width)
			}
		}
	}
}

// /gear/ shows each item once: the harness and leash advice of several
// guides under one card each, and no two cards of a kind with one name.
func TestGearGroupedByItem(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/gear/"
	tab := b.NewTab(t, "")
	var got struct {
		Cards []struct {
			Kind  string `json:"kind"`
			Name  string `json:"name"`
			Froms int    `json:"froms"`
		} `json:"cards"`
	}
	tab.Run(t, "read the cards of "+url,
		chromedp.Navigate(url),
		chromedp.Evaluate(`({cards: [...document.querySelectorAll('section[id^="kind-"] .gear-card')].map(c => ({
			kind: c.closest('section').id, name: c.querySelector('h3').textContent,
			froms: c.querySelectorAll('.gear-advice > li > .from').length}))})`, &got),
	)
	seen := map[string]bool{}
	merged := 0
	for _, c := range got.Cards {
		key := c.Kind + "/" + strings.ToLower(strings.Join(strings.Fields(c.Name), " "))
		if seen[key] {
			t.Errorf("two %s cards named %q", c.Kind, c.Name)
		}
		seen[key] = true
		if c.Froms == 0 {
			t.Errorf("%s card %q has no guide's advice", c.Kind, c.Name)
		}
		if c.Froms > 1 {
			merged++
		}
	}
	if len(got.Cards) == 0 || merged == 0 {
		t.Errorf("%d cards, %d of them with more than one guide's advice; want some merged", len(got.Cards), merged)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}

// A guide's [!VET] callout is drawn as the theme's vet callout, titled,
// coloured apart from the page and the ordinary text around it, and every
// guide page shows what to do in an emergency with the disclaimer.
func TestCalloutsAndEmergencyShow(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/guides/safe-play/"
	tab := b.NewTab(t, "")
	var got struct {
		Title     string `json:"title"`
		Text      string `json:"text"`
		Visible   bool   `json:"visible"`
		Border    string `json:"border"`
		Back      string `json:"back"`
		PageBack  string `json:"pageBack"`
		Quotes    int    `json:"quotes"`
		Emergency string `json:"emergency"`
	}
	tab.Run(t, "read the callouts of "+url,
		chromedp.Navigate(url),
		chromedp.Evaluate(`(() => {
			const c = document.querySelector('.guide-main .callout.callout-vet[role="note"]');
			const e = document.querySelector('.emergency');
			if (!c || !e) return {};
			const s = getComputedStyle(c);
			return {title: c.querySelector('.callout-title').textContent, text: c.textContent,
				visible: c.getClientRects().length > 0, border: s.borderLeftColor, back: s.backgroundColor,
				pageBack: getComputedStyle(document.body).backgroundColor,
				quotes: document.querySelectorAll('.guide-main blockquote').length, emergency: e.textContent};
		})()`, &got),
	)
	if got.Title != "Call your vet" || !strings.Contains(got.Text, "call your vet straight away") || strings.Contains(got.Text, "[!VET]") || !got.Visible {
		t.Errorf("vet callout: title %q, text %q, visible %v", got.Title, got.Text, got.Visible)
	}
	if got.Back == got.PageBack || got.Border == got.Back || got.Border == "" {
		t.Errorf("the callout is not set apart: border %s, background %s on a page of %s", got.Border, got.Back, got.PageBack)
	}
	if got.Quotes != 0 {
		t.Errorf("%d block quotes left in the body; the marked one should be a callout", got.Quotes)
	}
	if !strings.Contains(got.Emergency, "In an emergency") || !strings.Contains(got.Emergency, "does not replace advice from a vet") {
		t.Errorf("emergency note: %q", got.Emergency)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}
