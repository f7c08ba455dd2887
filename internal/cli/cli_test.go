package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/sitegen"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var goodSite = map[string]string{
	"site.yaml":           "title: T\n",
	"content/_index.md":   "---\ntitle: Home\n---\n",
	"content/guides/a.md": "---\ntitle: A\ndescription: a\n---\n",
}

func TestBuild(t *testing.T) {
	dir := writeSite(t, goodSite)
	code, _, stderr := run(t, "build", "--site", dir, "-v")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"built 2 pages", "content ", "render ", "commit "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "guides", "a", "index.html")); err != nil {
		t.Error(err)
	}
	// -q keeps problems (here: lint warnings about the bare guide) and drops
	// the summary.
	if code, _, stderr := run(t, "build", "--site", dir, "-q"); code != ExitOK || strings.Contains(stderr, "built ") ||
		!strings.Contains(stderr, "warning: guide cites no sources") {
		t.Errorf("-q: exit %d, stderr %q", code, stderr)
	}
}

// A build with content errors exits 1, prints every problem with its source
// line and a caret, and writes nothing.
func TestBuildErrors(t *testing.T) {
	files := map[string]string{
		"site.yaml":           "title: T\n",
		"content/guides/a.md": "---\ntitle: A\ndescription: a\ndifficulty: hard\n---\n[x](nope.md)\n",
	}
	dir := writeSite(t, files)
	code, _, stderr := run(t, "build", "--site", dir)
	if code != ExitContent {
		t.Errorf("exit %d, want 1", code)
	}
	want := "content/guides/a.md:4:13: error: \"hard\" is not a difficulty\n  difficulty: hard\n              ^\n  hint:"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "a.md:6:1: error: link to guides/nope.md") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("a failed build wrote public/")
	}
}

func TestUsage(t *testing.T) {
	if code, stdout, stderr := run(t, "build", "--help"); code != ExitOK || !strings.Contains(stdout, "--base-url") || stderr != "" {
		t.Errorf("build --help: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, stdout, _ := run(t, "--help"); code != ExitOK || !strings.Contains(stdout, "careguide build") {
		t.Errorf("--help: %d", code)
	}
	if code, _, _ := run(t, "build", "--nope"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code, _, _ := run(t, "frobnicate"); code != ExitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, _, _ := run(t); code != ExitUsage {
		t.Errorf("no command: exit %d", code)
	}
	if code, stdout, _ := run(t, "version"); code != ExitOK || !strings.HasPrefix(stdout, "careguide ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

func TestNoSiteYAML(t *testing.T) {
	code, _, stderr := run(t, "build", "--site", t.TempDir())
	if code != ExitUsage || !strings.Contains(stderr, "has no site.yaml") || !strings.Contains(stderr, "--example") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// E35 through the command line: a foreign non-empty dir is refused unless --force.
func TestRefusesForeignOutput(t *testing.T) {
	dir := writeSite(t, goodSite)
	out := writeSite(t, map[string]string{"precious.txt": "keep me"})
	if code, _, stderr := run(t, "build", "--site", dir, "--out", out); code != ExitUsage || !strings.Contains(stderr, "--force") {
		t.Fatalf("exit %d, want 2 and a hint: %s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "precious.txt")); string(data) != "keep me" {
		t.Fatal("user file lost")
	}
	if code, _, stderr := run(t, "build", "--site", dir, "--out", out, "--force"); code != ExitOK {
		t.Errorf("--force: %s", stderr)
	}
}

func TestBaseURLFlag(t *testing.T) {
	dir := writeSite(t, goodSite)
	if code, _, stderr := run(t, "build", "--site", dir, "--base-url", "https://x.example/sub"); code != ExitOK {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !strings.Contains(string(data), `href="/sub/guides/a/"`) {
		t.Errorf("links do not use the base path:\n%s", data)
	}
}

// build prints every error but caps warnings; check shows them all.
func TestBuildCapsWarnings(t *testing.T) {
	files := map[string]string{"site.yaml": "title: T\n", "content/_index.md": "---\ntitle: Home\n---\n"}
	for i := range buildShown + 7 {
		files[fmt.Sprintf("content/guides/g%03d.md", i)] = fmt.Sprintf("---\ntitle: G%d\ndescription: d\n---\n", i)
	}
	dir := writeSite(t, files)
	_, _, stderr := run(t, "build", "--site", dir, "-q")
	// each guide has four warnings (no sources, no date, orphan, no vet advice)
	if got := strings.Count(stderr, ": warning: "); got != buildShown {
		t.Errorf("%d warnings printed, want %d", got, buildShown)
	}
	if !strings.Contains(stderr, "more warnings not shown") || !strings.Contains(stderr, "careguide check") {
		t.Errorf("no pointer to check:\n%s", stderr[max(0, len(stderr)-300):])
	}
	_, stdout, _ := run(t, "check", "--site", dir)
	if got := strings.Count(stdout, ": warning: "); got != 4*(buildShown+7) {
		t.Errorf("check printed %d warnings, want all %d", got, 4*(buildShown+7))
	}
}

// The files build writes, through writers that hand each page's memory
// back for the next page, are the files of a build held in memory.
func TestBuildWritesWhatItRenders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Guides: 150, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run(t, "build", "--site", dir, "--out", out, "-q"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := build.Build(os.DirFS(dir), careguide.Default, build.Options{})
	if want.Diags.HasErrors() || len(want.Files) < 200 {
		t.Fatalf("%d files: %v", len(want.Files), want.Diags)
	}
	for _, f := range want.Files {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Fatalf("%s on disk differs from the build in memory (%v)", f.Path, err)
		}
	}
}

// A bad --base-url is a usage error before anything is built; a site with
// no content/ fails with a clear error and leaves no temp dir beside the
// output.
func TestOddInput(t *testing.T) {
	dir := writeSite(t, goodSite)
	code, _, stderr := run(t, "build", "--site", dir, "--base-url", "example.org")
	if code != ExitUsage || !strings.Contains(stderr, "--base-url") || !strings.Contains(stderr, "hint:") {
		t.Errorf("--base-url example.org: exit %d, %s", code, stderr)
	}
	lonely := writeSite(t, map[string]string{"site.yaml": "title: Lonely\n"})
	code, _, stderr = run(t, "build", "--site", lonely)
	if code != ExitContent || !strings.Contains(stderr, "content") {
		t.Errorf("a site without content/: exit %d, %s", code, stderr)
	}
	entries, err := os.ReadDir(lonely)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "site.yaml" {
			t.Errorf("a failed build left %s behind", e.Name())
		}
	}
}
