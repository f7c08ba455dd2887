package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/careguide/careguide/internal/scaffold"
)

const initHelp = `
Makes a new site in DIR (default: this directory): site.yaml, a home page,
a guides section and one example guide, which builds at once. DIR is made
if it is missing and must otherwise be empty (a .git folder is fine).
Templates and assets come from careguide until the site adds its own.

With --ci github it also writes .github/workflows/careguide.yml, a GitHub
Actions workflow that checks every pull request and publishes main to
GitHub Pages (see docs/deploy.md).
`

func runInit(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("init", "init [DIR] [--title T] [--ci github]", stdout, stderr)
	title := flags.String("title", "", `the site's title (default: from DIR's name, "cat-care" gives "Cat care")`)
	ci := flags.String("ci", "", "also write a CI workflow that checks pull requests and deploys: "+strings.Join(scaffold.CINames(), ", "))
	withHelp(flags, initHelp)
	pos, code, ok := parseInterspersed(flags, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "careguide: unexpected argument %q\n  hint: careguide init [DIR] makes one site\n", pos[1])
		return ExitUsage
	}
	if _, known := scaffold.CIPaths[*ci]; *ci != "" && !known {
		fmt.Fprintf(stderr, "careguide: --ci %q: no such CI\n  hint: careguide init --ci knows %s\n", *ci, strings.Join(scaffold.CINames(), ", "))
		return ExitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	if err := checkEmpty(dir); err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	if *title == "" {
		*title = siteTitle(dir)
	}
	files, err := scaffold.Site(scaffold.SiteData{Title: *title, Date: time.Now().Format(time.DateOnly)})
	if err == nil && *ci != "" {
		var workflow scaffold.File
		workflow, err = scaffold.CI(*ci, scaffold.CIData{Version: scaffold.CIVersion(Version)})
		files = append(files, workflow)
	}
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "Created a care-guide site in %s:\n", displayName(dir))
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := createFile(name, f.Data); err != nil {
			fmt.Fprintln(stderr, "careguide:", err)
			return ExitContent
		}
		fmt.Fprintf(stdout, "  %s\n", name)
	}
	site := ""
	if filepath.Clean(dir) != "." {
		site = " --site " + shellQuote(dir)
	}
	fmt.Fprintf(stdout, "\nNext, build it, then start a guide of your own:\n"+
		"  careguide build%s\n  careguide new guide guides/my-guide.md%[1]s\n", site)
	if *ci == "github" {
		fmt.Fprint(stdout, "\nTo publish on GitHub Pages, push the site to a GitHub repository (the site\n"+
			"at its root) and set Settings > Pages > Source to \"GitHub Actions\".\n")
	}
	return ExitOK
}

// checkEmpty makes dir if it is missing and refuses one with files in it:
// init must never mix its files with someone's work. A lone .git is
// allowed, since "git init" then "careguide init" is a natural order.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("cannot make a site in %s: %w", displayName(dir), err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".git" {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil
	}
	if len(names) > 3 {
		names = append(names[:3], "...")
	}
	return fmt.Errorf("%s is not empty (it has %s), and careguide init only makes a site in a new or empty dir\n"+
		"  hint: name a new dir, e.g. careguide init my-care-guides", displayName(dir), strings.Join(names, ", "))
}

// siteTitle makes a site title from the dir's name: "cat-care" gives
// "Cat care".
func siteTitle(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "Care guides"
	}
	if title := scaffold.Humanize(filepath.Base(abs)); title != "" && title != string(filepath.Separator) {
		return title
	}
	return "Care guides"
}

func displayName(dir string) string {
	if filepath.Clean(dir) == "." {
		return "this directory"
	}
	return dir
}

// shellQuote quotes dir for the hint only when a shell would split it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]#~&;|<>(){}!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
