package render

import (
	"bytes"
	"html/template"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/sitegen"
)

func TestDict(t *testing.T) {
	m, err := dict("Data", 1, "Pages", "x")
	if err != nil || m["Data"] != 1 || m["Pages"] != "x" {
		t.Errorf("dict = %v, %v", m, err)
	}
	if _, err := dict("odd"); err == nil {
		t.Error("odd number of arguments accepted")
	}
	if _, err := dict(1, 2); err == nil {
		t.Error("non-text key accepted")
	}
}

// cachedEach shows a partial for every value of a list, joined, and
// renders it once per value however many pages ask.
func TestCachedEach(t *testing.T) {
	runs := 0
	layout := template.Must(template.New("").Funcs(funcs).Funcs(template.FuncMap{
		"run": func() string { runs++; return "" },
	}).Parse(`{{define "item"}}{{run}}<i>{{.}}</i>{{end}}`))
	th := &Theme{layouts: map[string]*template.Template{"x": layout}, files: map[string]map[string]string{"x": {"item": "x.html"}}}
	d := &Data{scope: &scope{run: &run{theme: th}, layout: "x"}}
	for range 3 {
		got, err := cachedEach(d, "item", []string{"a", "<b>", "a"})
		if err != nil || got != "<i>a</i><i>&lt;b&gt;</i><i>a</i>" {
			t.Fatalf("cachedEach = %q, %v", got, err)
		}
	}
	if runs != 2 {
		t.Errorf("the partial ran %d times for 2 values", runs)
	}
	if _, err := cachedEach(d, "item", "a"); err == nil {
		t.Error("a value that is not a list accepted")
	}
	if _, err := cachedEach(d, "missing", []string{"x"}); err == nil {
		t.Error("a missing partial is not an error")
	}
}

// Pages and search index files whose memory is handed back with Done as
// soon as they are copied, and so reused for later ones at once, are the
// files All makes without reusing anything.
func TestDoneReusesPageMemory(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 60, Seed: 2}))
	want, diags := All(s, th)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var (
		mu    sync.Mutex
		got   = map[string]string{}
		dones int
		index int // of the search index's files
	)
	diags = Render(s, th, func(f File) error {
		mu.Lock()
		got[f.Path] = string(f.Data)
		mu.Unlock()
		if f.Done != nil {
			copy(f.Data, bytes.Repeat([]byte{'X'}, len(f.Data))) // as the next page will
			f.Done()
			mu.Lock()
			dones++
			if strings.HasPrefix(f.Path, searchDir) {
				index++
			}
			mu.Unlock()
		}
		return nil
	})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(got) != len(want) || dones < 2*60 || index < 60 {
		t.Fatalf("%d files, %d handed back, %d of the search index; want %d files, a page and the index's file of each guide handed back",
			len(got), dones, index, len(want))
	}
	for _, f := range want {
		if got[f.Path] != string(f.Data) {
			t.Errorf("%s differs from All's", f.Path)
		}
	}
}

// One plan renders twice at once, the same: a job is never written while
// it renders, and each render keeps its state to itself.
func TestPlanRendersTwiceAtOnce(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 30, Seed: 4}))
	plan := Plan(s, th)
	var wg sync.WaitGroup
	results := make([]map[string]string, 2)
	for i := range results {
		results[i] = map[string]string{}
		var mu sync.Mutex
		wg.Go(func() {
			diags := Make(s, th, plan, func(f File) error {
				mu.Lock()
				results[i][f.Path] = string(f.Keep().Data)
				mu.Unlock()
				return nil
			}, NewPending(s), nil)
			if diags.HasErrors() {
				t.Error(diags)
			}
		})
	}
	wg.Wait()
	if len(results[0]) != len(plan) || len(results[1]) != len(plan) {
		t.Fatalf("%d and %d files of %d planned", len(results[0]), len(results[1]), len(plan))
	}
	for p, data := range results[0] {
		if results[1][p] != data {
			t.Errorf("%s differs between two renders of one plan", p)
		}
	}
}

// A run lets the search index go once the last output that reads it is
// made, and not before: the pages after it do not hold its memory.
func TestRunLetsTheIndexGo(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 40, Seed: 3}))
	plan := Plan(s, th)
	r := newRun(s, th, plan, nil, nil)
	readers := int(r.indexLeft.Load())
	if readers < 4 {
		t.Fatalf("%d outputs read the index; want its chunks, words, endings and facets files", readers)
	}
	emit := func(f File) error {
		if f.Done != nil {
			f.Done()
		}
		return nil
	}
	report := func(d diag.Diagnostic) { t.Error(d) }
	made := 0
	for i := range plan {
		if !plan[i].index {
			continue
		}
		r.output(&plan[i], 0, emit, nil, report)
		if made++; made < readers && r.search == nil {
			t.Fatalf("the index let go after %d of the %d outputs that read it", made, readers)
		}
	}
	if r.search != nil {
		t.Errorf("the index is kept after all %d outputs that read it were made", readers)
	}
}

// A Make given a search index begun ahead of it writes the index's files
// from that one, the same bytes as a Make that makes its own, and the
// SearchAhead keeps nothing of it afterwards; one begun for another site
// is not used.
func TestMakeTakesTheSearchAhead(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 40, Seed: 3}))
	other, _ := linkSite(t, sitegen.FS(sitegen.Options{Guides: 12, Seed: 5}))
	plan := Plan(s, th)
	files := func(ahead *SearchAhead) map[string]string {
		out := map[string]string{}
		var mu sync.Mutex
		diags := Make(s, th, plan, func(f File) error {
			mu.Lock()
			out[f.Path] = string(f.Keep().Data)
			mu.Unlock()
			return nil
		}, nil, ahead)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return out
	}
	want := files(nil)
	ahead := StartSearch(s)
	if got := files(ahead); !maps.Equal(got, want) {
		t.Error("the files made with the index begun ahead differ from those made without")
	}
	if ahead.ix != nil {
		t.Error("the SearchAhead still holds the index after the Make that took it")
	}
	stray := StartSearch(other)
	if got := files(stray); !maps.Equal(got, want) {
		t.Error("a Make took the index begun for another site")
	}
	<-stray.done
	if stray.ix == nil {
		t.Error("a Make took the index of another site")
	}
}

// A panic while the index is made ahead is reported, as one while a Make
// makes it would be, by the outputs that wait for it: the build fails
// with an error instead of the process.
func TestSearchAheadPanicIsReported(t *testing.T) {
	s, th := linkSite(t, sitegen.FS(sitegen.Options{Guides: 5, Seed: 3}))
	ahead := &SearchAhead{site: s, done: make(chan struct{}), err: "out of words"}
	close(ahead.done)
	diags := Make(s, th, Plan(s, th), func(f File) error {
		if f.Done != nil {
			f.Done()
		}
		return nil
	}, nil, ahead)
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "careguide failed making this file: out of words") {
		t.Errorf("diagnostics %v, want the index's panic reported", diags)
	}
}
