package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

var flagName = regexp.MustCompile(`(?m)^\s+(--?[a-z][a-z-]*)\t`)

// TestCLIDocs fails when a command or flag exists but docs/cli.md does not
// mention it: the help output is the source of truth for what exists.
func TestCLIDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, cmd := range [][]string{{"build"}, {"serve"}, {"check"}, {"new", "guide"}, {"init"}, {"schema"}} {
		if !strings.Contains(doc, "careguide "+cmd[0]) {
			t.Errorf("docs/cli.md does not show careguide %s", cmd[0])
		}
		code, stdout, _ := run(t, append(cmd, "--help")...)
		if code != ExitOK {
			t.Fatalf("%s --help: exit %d", cmd[0], code)
		}
		flags := flagName.FindAllStringSubmatch(stdout, -1)
		if len(flags) == 0 {
			t.Fatalf("%s --help lists no flags:\n%s", cmd[0], stdout)
		}
		for _, m := range flags {
			if !strings.Contains(doc, "`"+m[1]) {
				t.Errorf("docs/cli.md does not document %s %s", cmd[0], m[1])
			}
		}
	}
}
