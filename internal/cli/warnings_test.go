package cli

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careguide/careguide/internal/diag"
)

// A kept site prints its warnings once, then only the new ones.
func TestWarnerPrintsNewWarnings(t *testing.T) {
	var out bytes.Buffer
	w := &warner{w: &out, fsys: fstest.MapFS{}}
	stale := diag.Diagnostic{File: "content/a.md", Line: 1, Column: 1, Severity: diag.Warning, Message: "no updated date"}
	orphan := diag.Diagnostic{File: "content/b.md", Line: 1, Column: 1, Severity: diag.Warning, Message: "no other page links to this guide"}
	short := diag.Diagnostic{File: "content/a.md", Line: 9, Column: 3, Severity: diag.Warning, Message: "step 1 says very little"}

	w.report(diag.List{stale, orphan})
	if got := out.String(); !strings.Contains(got, "no updated date") || !strings.Contains(got, "no other page links") || strings.Contains(got, "since the last build") {
		t.Errorf("first build printed:\n%s", got)
	}
	out.Reset()
	w.report(diag.List{stale, orphan})
	if out.Len() != 0 {
		t.Errorf("an edit with the same warnings printed:\n%s", out.String())
	}
	w.report(diag.List{stale, short})
	if got := out.String(); !strings.Contains(got, "1 new warning since the last build") || !strings.Contains(got, "step 1 says very little") || strings.Contains(got, "no updated date") {
		t.Errorf("an edit with one new warning printed:\n%s", got)
	}
	out.Reset()
	w.report(diag.List{stale, short, orphan}) // the orphan came back: new again
	if got := out.String(); !strings.Contains(got, "no other page links") {
		t.Errorf("a warning that came back was not printed:\n%s", got)
	}
}
