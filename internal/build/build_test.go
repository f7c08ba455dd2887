package build

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSites builds every txtar site under testdata/sites and compares the
// whole output (or the diagnostics, for broken sites) with its golden file
// under testdata/golden. Refresh with go test ./internal/build -update.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range archives {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Drafts: strings.Contains(string(ar.Comment), "drafts: true")}
			got := Build(archiveFS(ar), careguide.Default, opts)
			compareGolden(t, filepath.Join("testdata/golden", name+".txtar"), summarize(got))
		})
	}
}

func archiveFS(ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// summarize is a result as a txtar archive: diagnostics in the comment, and
// the site's files, except the theme's assets, which every site shares.
func summarize(r *Result) []byte {
	ar := &txtar.Archive{}
	var comment bytes.Buffer
	for _, d := range r.Diags {
		comment.WriteString(d.String() + "\n")
	}
	ar.Comment = comment.Bytes()
	for _, f := range r.Files {
		if strings.HasPrefix(f.Path, "assets/") {
			continue
		}
		ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	return txtar.Format(ar)
}

func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run with -update and review the diff\n%s", golden, firstDiff(want, got))
	}
}

// firstDiff shows the first line that differs, enough to start looking.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return ""
}
