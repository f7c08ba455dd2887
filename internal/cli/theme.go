package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/diag"
)

const themeHelp = `
careguide theme list prints every file of the default theme: the templates
and assets built into careguide. A file the site has its own copy of is
marked "overridden": the build uses the site's copy instead.

careguide theme eject PATH copies one of them into the site, where it
overrides the default and is yours to edit: templates/guide.html,
templates/partials/footer.html, assets/css/main.css ... A name that is
unique among the defaults may be shortened (guide.html, css/main.css).
Folders are made as needed; an existing file is never replaced.
`

// themeUsage is the one-line usage of theme, for usage errors.
const themeUsage = "careguide: usage: careguide theme list [--site DIR] | careguide theme eject PATH [--site DIR]"

// themeDirs are the folders of the default site that make its theme.
var themeDirs = []string{"templates", "assets"}

func runTheme(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("theme", "theme (list | eject PATH) [--site DIR]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml is")
	withHelp(flags, themeHelp)
	pos, code, ok := parseInterspersed(flags, args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(pos) == 1 && pos[0] == "list":
	case len(pos) == 2 && pos[0] == "eject":
	default:
		fmt.Fprintln(stderr, themeUsage)
		if len(pos) > 0 && pos[0] != "list" && pos[0] != "eject" {
			fmt.Fprintf(stderr, "  hint: careguide theme can list or eject; %q is neither\n", pos[0])
		}
		return ExitUsage
	}
	absSite, err := siteRoot(*siteDir, "theme")
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	defaults, err := themeFiles(careguide.Default)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err) // the binary's own files: not the user's doing
		return ExitContent
	}
	if pos[0] == "list" {
		listTheme(stdout, stderr, defaults, absSite)
		return ExitOK
	}
	return ejectTheme(stdout, stderr, defaults, absSite, *siteDir, pos[1])
}

// themeFiles are the slash paths of every file of the theme in fsys,
// sorted: fs.WalkDir visits each folder's entries in name order.
func themeFiles(fsys fs.FS) ([]string, error) {
	var files []string
	for _, dir := range themeDirs {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// listTheme prints each default file, marking those the site overrides,
// and a count on stderr so that stdout stays one file a line.
func listTheme(stdout, stderr io.Writer, defaults []string, absSite string) {
	width := 0
	for _, p := range defaults {
		width = max(width, len(p))
	}
	overridden := 0
	for _, p := range defaults {
		if !exists(filepath.Join(absSite, filepath.FromSlash(p))) {
			fmt.Fprintln(stdout, p)
			continue
		}
		overridden++
		fmt.Fprintf(stdout, "%-*s  overridden\n", width, p)
	}
	fmt.Fprintf(stderr, "%d default theme files; the site overrides %d\n", len(defaults), overridden)
}

// ejectTheme copies the default file named by name into the site.
func ejectTheme(stdout, stderr io.Writer, defaults []string, absSite, siteDir, name string) int {
	p, err := defaultNamed(defaults, name)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	data, err := fs.ReadFile(careguide.Default, p)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	err = createFile(filepath.Join(absSite, filepath.FromSlash(p)), data)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "careguide: %s already exists in the site; careguide theme eject never replaces a file\n"+
			"  hint: edit it; to start again from the default, move it away and eject it again\n", p)
		return ExitContent
	}
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	fmt.Fprintln(stdout, filepath.Join(siteDir, filepath.FromSlash(p)))
	return ExitOK
}

// defaultNamed is the default theme file name names: its path, or the end
// of exactly one path ("guide.html", "css/main.css"). An unknown name's
// error suggests the nearest file.
func defaultNamed(defaults []string, name string) (string, error) {
	name = path.Clean(strings.TrimPrefix(filepath.ToSlash(name), "./"))
	var matches []string
	for _, p := range defaults {
		if p == name {
			return p, nil
		}
		if strings.HasSuffix(p, "/"+name) {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
	default:
		return "", fmt.Errorf("%q names %d default theme files: %s\n  hint: give the whole path",
			name, len(matches), strings.Join(matches, ", "))
	}
	hint := ""
	for _, word := range []string{name, "templates/" + name, "assets/" + name} {
		if hint = diag.Suggest(word, defaults); hint != "" {
			break
		}
	}
	if hint == "" {
		hint = "careguide theme list shows every default template and asset"
	} else {
		hint += " (careguide theme list shows them all)"
	}
	return "", fmt.Errorf("the default theme has no file %q\n  hint: %s", name, hint)
}
