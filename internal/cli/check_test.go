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
			if want := "15 errors, 1 warning in 21 files\n"; stderr != want {
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
	} {
		if !strings.Contains(stdout, "file=content/guides/"+file) || !hasLine(stdout, "content/guides/"+file, code) {
			t.Errorf("no %s for %s in:\n%s", code, file, stdout)
		}
	}
	if !hasLine(stdout, "::warning file=content/guides/unsafe-link.md", "CG205") {
		t.Errorf("no CG205 warning for the javascript: link in:\n%s", stdout)
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

func TestCheckClean(t *testing.T) {
	code, stdout, stderr := runCheckArgs(t, "--example", "--format", "json")
	if code != ExitOK || stdout != "[]\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and []", code, stdout, stderr)
	}
	if !strings.HasPrefix(stderr, "no problems in ") || !strings.HasSuffix(stderr, " pages\n") {
		t.Errorf("summary %q", stderr)
	}
	code, stdout, _ = runCheckArgs(t, "--example")
	if code != ExitOK || stdout != "" {
		t.Errorf("text: exit %d, stdout %q", code, stdout)
	}
}

// Warnings alone do not fail a check, and check writes nothing.
func TestCheckWarningsOnly(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.yaml":           "title: T\n",
		"content/guides/a.md": "---\ntitle: A\ndescription: a\n---\n[x](javascript:alert(1))\n",
	})
	code, stdout, stderr := runCheckArgs(t, "--site", dir, "--format", "github")
	if code != ExitOK || !strings.HasPrefix(stdout, "::warning ") || stderr != "1 warning in 2 files\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
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
