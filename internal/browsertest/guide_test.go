package browsertest

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// howToJS parses the page's JSON-LD the way a search engine would (a
// syntax error throws, failing the Evaluate) and pairs its HowToSteps with
// the steps on the page.
const howToJS = `(() => {
	const docs = [...document.querySelectorAll('script[type="application/ld+json"]')]
		.map(s => JSON.parse(s.textContent));
	const howTos = docs.flatMap(d => d['@graph'] || [d]).filter(d => d['@type'] === 'HowTo');
	const steps = howTos.length ? (howTos[0].step || []) : [];
	return {
		scripts: docs.length,
		howTos: howTos.length,
		stepTypes: steps.map(s => s['@type']),
		stepNames: steps.map(s => s.name),
		positions: steps.map(s => s.position),
		pageSteps: [...document.querySelectorAll('li[id^="step-"]')]
			.filter(li => /^step-\d+$/.test(li.id))
			.map(li => li.querySelector('h3').textContent.trim()),
	};
})()`

type howTo struct {
	Scripts   int      `json:"scripts"`
	HowTos    int      `json:"howTos"`
	StepTypes []string `json:"stepTypes"`
	StepNames []string `json:"stepNames"`
	Positions []int    `json:"positions"`
	PageSteps []string `json:"pageSteps"`
}

func TestGuideJSONLDHasOneHowToStepPerStep(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/guides/leash-training/"
	tab := b.NewTab(t, "")
	var got howTo
	tab.Run(t, "read JSON-LD of "+url, chromedp.Navigate(url), chromedp.Evaluate(howToJS, &got))

	if got.HowTos != 1 {
		t.Fatalf("%d HowTo objects in %d JSON-LD scripts, want 1", got.HowTos, got.Scripts)
	}
	if len(got.PageSteps) == 0 {
		t.Fatal(`no <li id="step-N"> on the page`)
	}
	if len(got.StepTypes) != len(got.PageSteps) {
		t.Errorf("%d JSON-LD steps, %d steps on the page", len(got.StepTypes), len(got.PageSteps))
	}
	for i, typ := range got.StepTypes {
		if typ != "HowToStep" {
			t.Errorf("step %d: @type %q, want HowToStep", i+1, typ)
		}
	}
	if !slices.Equal(got.StepNames, got.PageSteps) {
		t.Errorf("JSON-LD step names %q, page step titles %q", got.StepNames, got.PageSteps)
	}
	for i, pos := range got.Positions {
		if pos != i+1 {
			t.Errorf("JSON-LD positions %v, want 1..%d", got.Positions, len(got.Positions))
			break
		}
	}
}
