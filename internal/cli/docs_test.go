package cli

import (
	"fmt"
	"os"
	"regexp"
	"slices"
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
	for _, cmd := range [][]string{{"build"}, {"serve"}, {"check"}, {"new", "guide"}, {"init"}, {"schema"}, {"theme", "list"}, {"theme", "eject"}} {
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

// commandLine is one careguide command found in a doc or a workflow.
type commandLine struct {
	where string   // for messages: "docs/deploy.md:12"
	args  []string // after the program: "build", "--minify", ...
}

// careguideCommands finds every careguide command in text: a line (joined
// with the next when it ends in a backslash) where the program is
// careguide, or go run/install of careguide's cmd/careguide@VERSION, up to
// the end of the line or a shell operator. Quotes are removed as a shell
// would; variables stay as written.
func careguideCommands(where, text string) []commandLine {
	var found []commandLine
	lines := strings.Split(strings.ReplaceAll(text, "\\\n", " "), "\n")
	for i, line := range lines {
		words := shellWords(line)
		for j := 0; j < len(words); j++ {
			w := words[j]
			program := w == "careguide" ||
				strings.Contains(w, "/cmd/careguide@") && j >= 2 && words[j-2] == "go" && words[j-1] == "run"
			if !program || j+1 >= len(words) || !isCommand(words[j+1]) {
				continue
			}
			var args []string
			for _, a := range words[j+1:] {
				if a == "&&" || a == "||" || a == ";" || a == "|" || strings.HasPrefix(a, "#") {
					break
				}
				args = append(args, a)
			}
			found = append(found, commandLine{where: fmt.Sprintf("%s:%d", where, i+1), args: args})
		}
	}
	return found
}

func isCommand(w string) bool {
	return slices.Contains([]string{"build", "serve", "check", "new", "init", "schema", "theme", "version"}, w)
}

// shellWords splits a line into words as a POSIX shell would for the
// simple commands docs show: whitespace separates, quotes group and go.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	quote, started := rune(0), false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, started = r, true
		case r == ' ' || r == '\t' || r == '`':
			if started {
				words = append(words, w.String())
				w.Reset()
				started = false
			}
		default:
			w.WriteRune(r)
			started = true
		}
	}
	if started {
		words = append(words, w.String())
	}
	return words
}

// checkCommands fails the test for each command line that names a flag
// its command's --help does not list.
func checkCommands(t *testing.T, cmds []commandLine) {
	t.Helper()
	helps := map[string][]string{}
	for _, c := range cmds {
		name := c.args[0]
		if name == "version" {
			continue
		}
		flags, ok := helps[name]
		if !ok {
			helpArgs := []string{name, "--help"}
			switch name {
			case "new":
				helpArgs = []string{"new", "guide", "--help"}
			case "theme":
				helpArgs = []string{"theme", "list", "--help"}
			}
			code, stdout, _ := run(t, helpArgs...)
			if code != ExitOK {
				t.Fatalf("%s --help: exit %d", name, code)
			}
			for _, m := range flagName.FindAllStringSubmatch(stdout, -1) {
				flags = append(flags, strings.TrimLeft(m[1], "-"))
			}
			helps[name] = flags
		}
		for _, a := range c.args[1:] {
			if !strings.HasPrefix(a, "-") || a == "-" {
				continue
			}
			flag, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if !slices.Contains(flags, flag) {
				t.Errorf("%s: careguide %s has no flag %s", c.where, name, a)
			}
		}
	}
}
