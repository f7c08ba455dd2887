package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/site"
)

// runCmd runs one command function, as Run's switch will.
func runCmd(t *testing.T, cmd func([]string, io.Writer, io.Writer) int, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cmd(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// buildSite builds the site in dir the way "careguide build" does and
// fails the test on any error diagnostic.
func buildSite(t *testing.T, dir string, drafts bool) *build.Result {
	t.Helper()
	res := build.Build(os.DirFS(dir), careguide.Default, build.Options{Drafts: drafts})
	if res.Diags.HasErrors() {
		t.Fatalf("build of %s failed:\n%v", dir, res.Diags)
	}
	return res
}

func pageAt(s *site.Site, p string) *site.Page {
	for _, page := range s.Pages {
		if page.Path == p {
			return page
		}
	}
	return nil
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A new guide, exactly as the archetype writes it, builds without a single
// diagnostic once drafts are published, and is left out otherwise.
func TestNewGuideBuilds(t *testing.T) {
	dir := writeSite(t, goodSite)
	code, stdout, stderr := runCmd(t, runNew, "guide", "guides/leash-training", "--site", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := filepath.Join(dir, "content", "guides", "leash-training.md")
	if strings.TrimSpace(stdout) != want {
		t.Errorf("stdout %q, want the created path %q", stdout, want)
	}
	text := readFile(t, want)
	for _, line := range []string{"title: Leash training\n", "updated: " + time.Now().Format(time.DateOnly) + "\n", "draft: true\n"} {
		if !strings.Contains(text, line) {
			t.Errorf("new guide lacks %q:\n%s", line, text)
		}
	}
	res := buildSite(t, dir, true)
	if len(res.Diags) != 0 {
		t.Errorf("diagnostics for a new guide:\n%v", res.Diags)
	}
	page := pageAt(res.Site, "guides/leash-training.md")
	if page == nil || page.Title != "Leash training" || !page.Draft || len(page.Steps) != 1 {
		t.Fatalf("new guide not built as a draft with one step: %+v", page)
	}
	if res := buildSite(t, dir, false); pageAt(res.Site, "guides/leash-training.md") != nil {
		t.Error("a new guide is a draft, yet it was published without --drafts")
	}
}

// --title may hold YAML's special characters; the content/ prefix and a
// missing folder are fine; flags may come first.
func TestNewTitleAndPaths(t *testing.T) {
	dir := writeSite(t, goodSite)
	title := `Harness: "the basics" # part 1`
	code, stdout, stderr := runCmd(t, runNew, "--site", dir, "--title", title, "guide", "content/harnesses/fitting/index.md")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasSuffix(strings.TrimSpace(stdout), filepath.Join("content", "harnesses", "fitting", "index.md")) {
		t.Errorf("stdout %q", stdout)
	}
	res := buildSite(t, dir, true)
	if page := pageAt(res.Site, "harnesses/fitting/index.md"); page == nil || page.Title != title {
		t.Errorf("page %+v, want title %q", page, title)
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	dir := writeSite(t, goodSite)
	existing := filepath.Join(dir, "content", "guides", "a.md")
	before := readFile(t, existing)
	for _, arg := range []string{"guides/a.md", "guides/a", "content/guides/a.md", "guides/a/index.md"} {
		code, stdout, stderr := runCmd(t, runNew, "guide", arg, "--site", dir)
		if code != ExitContent || stdout != "" || !strings.Contains(stderr, "content/guides/a.md already exists") {
			t.Errorf("new guide %s: exit %d, stdout %q, stderr %q; want exit 1 naming the file", arg, code, stdout, stderr)
		}
	}
	if readFile(t, existing) != before {
		t.Error("an existing guide was changed")
	}
	if exists(filepath.Join(dir, "content", "guides", "a", "index.md")) {
		t.Error("made guides/a/index.md, which clashes with guides/a.md")
	}
}

func TestNewRefusesBadPaths(t *testing.T) {
	dir := writeSite(t, goodSite)
	abs := filepath.Join(t.TempDir(), "x.md")
	for _, arg := range []string{
		"../x.md", "guides/../../x.md", "content/../site", "/etc/x.md", abs,
		"x.md", "content/x.md", "guides/_index.md", "guides/.hidden.md", "guides/#x.md", "",
	} {
		code, _, stderr := runCmd(t, runNew, "guide", arg, "--site", dir)
		if code != ExitUsage || !strings.HasPrefix(stderr, "careguide: bad guide path: ") {
			t.Errorf("new guide %q: exit %d, stderr %q; want exit 2 saying why", arg, code, stderr)
		}
	}
	if exists(abs) || exists(filepath.Join(filepath.Dir(dir), "x.md")) || exists(filepath.Join(dir, "x.md")) {
		t.Error("a refused path was written")
	}
	for _, args := range [][]string{{}, {"guide"}, {"page", "guides/x.md"}, {"guide", "guides/x.md", "guides/y.md"}, {"guide", "--nope", "guides/x.md"}} {
		if code, _, _ := runCmd(t, runNew, append(args, "--site", dir)...); code != ExitUsage {
			t.Errorf("new %q: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCmd(t, runNew, "guide", "guides/x.md", "--site", t.TempDir()); code != ExitUsage || !strings.Contains(stderr, "no site.yaml") {
		t.Errorf("no site.yaml: exit %d, %s", code, stderr)
	}
}

// A site's own archetype replaces careguide's.
func TestNewSiteArchetype(t *testing.T) {
	files := map[string]string{"templates/archetypes/guide.md": "---\ntitle: {{yaml .Title}}\ndescription: Ours.\nupdated: {{.Date}}\ndraft: true\n---\nOur own house style for {{.Path}}.\n"}
	for name, data := range goodSite {
		files[name] = data
	}
	dir := writeSite(t, files)
	if code, _, stderr := runCmd(t, runNew, "guide", "guides/b.md", "--site", dir); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := readFile(t, filepath.Join(dir, "content", "guides", "b.md"))
	if !strings.Contains(text, "Our own house style for guides/b.md.") || strings.Contains(text, "steps:") {
		t.Errorf("the site's archetype was not used:\n%s", text)
	}
	buildSite(t, dir, true)
}

func TestNewBrokenArchetype(t *testing.T) {
	files := map[string]string{"templates/archetypes/guide.md": "---\ntitle: {{.Titel}}\n---\n"}
	for name, data := range goodSite {
		files[name] = data
	}
	dir := writeSite(t, files)
	code, _, stderr := runCmd(t, runNew, "guide", "guides/b.md", "--site", dir)
	if code != ExitContent || !strings.Contains(stderr, "templates/archetypes/guide.md") {
		t.Errorf("exit %d, stderr %q; want 1 naming the archetype", code, stderr)
	}
	if exists(filepath.Join(dir, "content", "guides", "b.md")) {
		t.Error("wrote a guide from a broken archetype")
	}
}

func TestNewHelp(t *testing.T) {
	code, stdout, stderr := runCmd(t, runNew, "--help")
	if code != ExitOK || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and the help on stdout only", code, stderr)
	}
	if code, _, stderr := runCmd(t, runNew, "--nope"); code != ExitUsage || !strings.Contains(stderr, "-nope") || !strings.Contains(stderr, "Usage:") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"careguide new guide <path>", "--title", "--site", "never replaced"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("new --help lacks %q:\n%s", want, stdout)
		}
	}
}
