package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/sitegen"
)

// tree reads every file under dir but the marker, by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".careguide-output" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBuildPublishFlags: build --minify --precompress writes exactly what
// the same build makes in memory, and the same bytes twice.
func TestBuildPublishFlags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Guides: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var outs []map[string][]byte
	for i := range 2 {
		out := filepath.Join(t.TempDir(), "public")
		code, _, stderr := run(t, "build", "--site", dir, "--out", out, "--minify", "--precompress", "-v")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if i == 0 && (!strings.Contains(stderr, "minify ") || !strings.Contains(stderr, "compress ")) {
			t.Errorf("-v does not time minify and compress:\n%s", stderr)
		}
		outs = append(outs, tree(t, out))
	}
	want := build.Build(os.DirFS(dir), careguide.Default, build.Options{Minify: true, Precompress: true, Headers: true})
	if !want.OK() {
		t.Fatal(want.Diags)
	}
	if len(outs[0]) != len(want.Files) {
		t.Errorf("%d files written, %d made in memory", len(outs[0]), len(want.Files))
	}
	for _, f := range want.Files {
		if !bytes.Equal(outs[0][f.Path], f.Data) {
			t.Errorf("%s on disk differs from the build in memory", f.Path)
		}
	}
	for p, data := range outs[0] {
		if !bytes.Equal(outs[1][p], data) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	if outs[0]["_headers"] == nil || outs[0]["index.html.br"] == nil {
		t.Error("--precompress wrote no _headers or no index.html.br")
	}
}

func TestBuildPublishFlagsWithWatch(t *testing.T) {
	dir := writeSite(t, goodSite)
	for _, flag := range []string{"--precompress", "--headers"} {
		code, _, stderr := run(t, "build", "--site", dir, "--watch", flag)
		if code != ExitUsage || !strings.Contains(stderr, "do not combine with --watch") {
			t.Errorf("build --watch %s: exit %d, stderr %q", flag, code, stderr)
		}
	}
}
