package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A new site builds at once, with no diagnostic at all, and "careguide
// build" writes it; then a guide made with "new" builds in it too.
func TestInitBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cat-care")
	code, stdout, stderr := runCmd(t, runInit, dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"site.yaml", "content/_index.md", "content/guides/_index.md", "content/guides/first-guide.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if !exists(p) || !strings.Contains(stdout, p+"\n") {
			t.Errorf("%s not made or not listed:\n%s", name, stdout)
		}
	}
	if !strings.Contains(stdout, "careguide build --site "+dir+"\n") {
		t.Errorf("stdout does not say what to run next:\n%s", stdout)
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "site.yaml")), "title: Cat care\n") {
		t.Error("site title not taken from the dir name")
	}
	res := buildSite(t, dir, false)
	if len(res.Diags) != 0 {
		t.Errorf("diagnostics for a new site:\n%v", res.Diags)
	}
	guide := pageAt(res.Site, "guides/first-guide.md")
	if guide == nil || guide.Draft || len(guide.Steps) == 0 || len(guide.Gear) == 0 || len(guide.Safety) == 0 || len(guide.Sources) == 0 {
		t.Fatalf("the example guide is not a published guide with steps, gear, safety and sources: %+v", guide)
	}
	for _, s := range guide.Sources {
		if !strings.HasPrefix(string(s.URL), "https://") {
			t.Errorf("source %q is not https", s.URL)
		}
	}
	if code, _, stderr := runCmd(t, runBuild, "--site", dir, "-q"); code != ExitOK || stderr != "" {
		t.Fatalf("careguide build: exit %d: %s", code, stderr)
	}
	if !exists(filepath.Join(dir, "public", "guides", "first-guide", "index.html")) {
		t.Error("build wrote no page for the example guide")
	}

	if code, _, stderr := runCmd(t, runNew, "guide", "guides/nail-trimming.md", "--site", dir); code != ExitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	if res := buildSite(t, dir, true); len(res.Diags) != 0 {
		t.Errorf("diagnostics after new:\n%v", res.Diags)
	}
}

func TestInitHereAndTitle(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCmd(t, runInit, "--title", "Rabbit care: the basics")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "this directory") || !strings.Contains(stdout, "  careguide build\n") {
		t.Errorf("stdout:\n%s", stdout)
	}
	res := buildSite(t, ".", false)
	if res.Site.Config.Title != "Rabbit care: the basics" {
		t.Errorf("title %q", res.Site.Config.Title)
	}
}

func TestInitRefusesNonEmpty(t *testing.T) {
	dir := writeSite(t, map[string]string{"notes.txt": "mine"})
	code, stdout, stderr := runCmd(t, runInit, dir)
	if code != ExitContent || stdout != "" || !strings.Contains(stderr, "is not empty (it has notes.txt)") || !strings.Contains(stderr, "hint:") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 with a hint", code, stdout, stderr)
	}
	if exists(filepath.Join(dir, "site.yaml")) || readFile(t, filepath.Join(dir, "notes.txt")) != "mine" {
		t.Error("init touched a non-empty dir")
	}
	// A repository made first is not "someone's work".
	gitOnly := writeSite(t, map[string]string{".git/HEAD": "ref: refs/heads/main\n"})
	if code, _, stderr := runCmd(t, runInit, gitOnly); code != ExitOK {
		t.Errorf("dir with only .git: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCmd(t, runInit, "a", "b"); code != ExitUsage {
		t.Errorf("two dirs: exit %d, want 2", code)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if code, _, _ := runCmd(t, runInit, file); code != ExitContent {
		t.Errorf("a file as DIR: exit %d, want 1", code)
	}
}

func TestInitHelp(t *testing.T) {
	code, stdout, stderr := runCmd(t, runInit, "--help")
	if code != ExitOK || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 0 and the help on stdout only", code, stderr)
	}
	if code, _, stderr := runCmd(t, runInit, "--nope"); code != ExitUsage || !strings.Contains(stderr, "-nope") || !strings.Contains(stderr, "Usage:") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"careguide init [DIR]", "--title", "must otherwise be empty"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init --help lacks %q:\n%s", want, stdout)
		}
	}
}
