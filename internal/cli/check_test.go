package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateCheck = flag.Bool("update", false, "rewrite the golden files under testdata/")

// checkFixture is a site with one of each problem a build reports.
const checkFixture = "testdata/check/site"

func runCheckArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runCheck(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// Check prints every problem of the fixture at once, in each format, byte
// for byte as in the goldens: paths are relative to the site dir, so the
// output does not depend on where the repository is.
func TestCheckGolden(t *testing.T) {
	for _, format := range checkFormats {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := runCheckArgs(t, "--site", checkFixture, "--format", format)
			if code != ExitContent {
				t.Errorf("exit %d, want %d; stderr: %s", code, ExitContent, stderr)
			}
			golden := filepath.Join("testdata", "check", format+".golden")
			if *updateCheck {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -run Check -update)", err)
			}
			if stdout != string(want) {
				t.Errorf("stdout differs from %s (refresh with -update and review the diff):\n%s", golden, stdout)
			}
			if want := "28 errors, 18 warnings in 46 files\n"; stderr != want {
				t.Errorf("stderr = %q, want %q", stderr, want)
			}
		})
	}
}

// The fixture really holds one of each problem: a code missing here means a
// fixture file stopped producing the problem it is named for.
func TestCheckFixtureCoversEveryProblem(t *testing.T) {
	_, stdout, _ := runCheckArgs(t, "--site", checkFixture, "--format", "github")
	for file, code := range map[string]string{
		"unknown-key.md":         "CG102",
		"wrong-type.md":          "CG103",
		"bad-enum.md":            "CG104",
		"bad-duration.md":        "CG104",
		"bad-date.md":            "CG104",
		"bad-url.md":             "CG104",
		"missing-description.md": "CG105",
		"unclosed.md":            "CG101",
		"invalid-yaml.md":        "CG101",
		"broken-link.md":         "CG202",
		"missing-anchor.md":      "CG203",
		"missing-image.md":       "CG204",
		"related-missing.md":     "CG302",
		"clash":                  "CG301",
		"latin1.md":              "CG100",
		"lint-stale.md":          "CG701",
		"lint-no-updated.md":     "CG702",
		"lint-outdoors.md":       "CG703",
		"lint-short-step.md":     "CG704",
		"missing-alt.md":         "CG207",
		"lint-poor-alt.md":       "CG711",
		"lint-duplicate-step.md": "CG710",
		"lint-spaced-image.md":   "CG206",
		"tab-indent.md":          "CG101",
		"impossible-date.md":     "CG104",
		"short-date.md":          "CG104",
		"bad-enum-part.md":       "CG104",
		"self-link.md":           "CG202",
		"corrupt.png":            "CG204", // not an image at all
		"corrupt-image.md":       "CG204", // and where it is shown
		"lint-no-sources.md":     "CG706",
		"lint-gear.md":           "CG707",
		"lint-orphan.md":         "CG708",
		"lint-duplicate.md":      "CG709",
		"review-due.md":          "CG714",
	} {
		if !strings.Contains(stdout, "file=content/guides/"+file) || !hasLine(stdout, "content/guides/"+file, code) {
			t.Errorf("no %s for %s in:\n%s", code, file, stdout)
		}
	}
	if strings.Contains(stdout, "review-current.md") {
		t.Errorf("a current review is reported:\n%s", stdout)
	}
	if !hasLine(stdout, "::warning file=content/guides/unsafe-link.md", "CG205") {
		t.Errorf("no CG205 warning for the javascript: link in:\n%s", stdout)
	}
}

// With --strict, check also lists the guides nobody has reviewed, as a
// note that fails nothing: a guide awaiting a reviewer says so to its
// readers. A guide reviewed on time is not among them.
func TestCheckStrictListsUnreviewedGuides(t *testing.T) {
	_, stdout, stderr := runCheckArgs(t, "--site", checkFixture, "--format", "github", "--strict")
	list := stderr[strings.Index(stderr, "not reviewed by a vet yet"):]
	for _, file := range []string{"good.md", "lint-stale.md"} {
		if !strings.Contains(list, "\n  content/guides/"+file+"\n") {
			t.Errorf("%s is not listed in:\n%s", file, stderr)
		}
	}
	for _, file := range []string{"review-due.md", "review-current.md"} {
		if strings.Contains(list, file) {
			t.Errorf("reviewed %s is listed", file)
		}
	}
	if _, _, stderr := runCheckArgs(t, "--site", checkFixture); strings.Contains(stderr, "not reviewed") {
		t.Errorf("without --strict: %s", stderr)
	}
	if !hasLine(stdout, "::error file=content/guides/review-due.md,line=6,col=3", "CG714") {
		t.Errorf("no CG714 error at reviewed_by of review-due.md in:\n%s", stdout)
	}
}

func hasLine(s, a, b string) bool {
	for line := range strings.Lines(s) {
		if strings.Contains(line, a) && strings.Contains(line, b) {
			return true
		}
	}
	return false
}

// The sample site has no errors and no warnings but lint's: whether its
// guides should also be lint-clean is a content decision (see docs/diagnostics.md).
func TestCheckClean(t *testing.T) {
	code, stdout, stderr := runCheckArgs(t, "--example", "--format", "github")
	if code != ExitOK {
		t.Errorf("exit %d, stderr %q; want 0", code, stderr)
	}
	for line := range strings.Lines(stdout) {
		if !strings.HasPrefix(line, "::warning ") || !strings.Contains(line, "title=CG7") {
			t.Errorf("not a lint warning: %s", line)
		}
	}
	if !strings.HasSuffix(stderr, " files\n") && !strings.HasSuffix(stderr, " pages\n") {
		t.Errorf("summary %q", stderr)
	}
}

// lintSite is a guide with every lint check's problem except the ones its
// site.yaml turns off.
func lintSite(t *testing.T, siteYAML string) string {
	return writeSite(t, map[string]string{
		"site.yaml":           siteYAML,
		"content/_index.md":   "---\ntitle: Home\n---\n[a](guides/a.md)\n",
		"content/guides/a.md": "---\ntitle: A\ndescription: a\nupdated: 2026-01-02\nsources:\n  - title: S\n---\n[x](javascript:alert(1))\n\n> Call your vet if in doubt.\n",
	})
}

// Warnings alone do not fail a check, and check writes nothing.
func TestCheckWarningsOnly(t *testing.T) {
	dir := lintSite(t, "title: T\n")
	code, stdout, stderr := runCheckArgs(t, "--site", dir, "--format", "github")
	if code != ExitOK || !strings.HasPrefix(stdout, "::warning ") || stderr != "1 warning in 3 files\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

// --strict reports warnings as errors and fails; lint warnings are among them.
func TestCheckStrict(t *testing.T) {
	dir := lintSite(t, "title: T\n")
	code, stdout, stderr := runCheckArgs(t, "--site", dir, "--format", "github", "--strict")
	if code != ExitContent || !strings.HasPrefix(stdout, "::error ") || !strings.HasPrefix(stderr, "not reviewed by a vet yet") ||
		!strings.HasSuffix(stderr, "1 error in 3 files\n") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	noSources := lintSite(t, "title: T\n")
	if err := os.WriteFile(filepath.Join(noSources, "content/guides/a.md"), []byte("---\ntitle: A\ndescription: a\nupdated: 2026-01-02\n---\n> Fine; call your vet if in doubt.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCheckArgs(t, "--site", noSources, "--strict")
	if code != ExitContent || !strings.Contains(stdout, "error: guide cites no sources") {
		t.Errorf("no sources: exit %d, stdout %q", code, stdout)
	}
	if err := os.WriteFile(filepath.Join(noSources, "site.yaml"), []byte("title: T\nlint:\n  disable: [no-sources]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCheckArgs(t, "--site", noSources, "--strict"); code != ExitOK || stdout != "" {
		t.Errorf("no-sources disabled: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if err := os.WriteFile(filepath.Join(noSources, "site.yaml"), []byte("title: T\nlint:\n  disable: [no-source]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runCheckArgs(t, "--site", noSources); code != ExitContent || !strings.Contains(stdout, `did you mean "no-sources"?`) {
		t.Errorf("typo in disable: exit %d, stdout %q", code, stdout)
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, stderr := runCheckArgs(t, "--example", "--format", "xml"); code != ExitUsage || !strings.Contains(stderr, "text, json, github") {
		t.Errorf("--format xml: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCheckArgs(t, "--nope"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code, _, stderr := runCheckArgs(t, "--site", t.TempDir()); code != ExitUsage || !strings.Contains(stderr, "has no site.yaml") {
		t.Errorf("no site.yaml: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runCheckArgs(t, "--help"); code != ExitOK || !strings.Contains(stdout, "--format") {
		t.Errorf("--help: exit %d, stdout %q", code, stdout)
	}
}
