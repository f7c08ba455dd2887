package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/scaffold"
	"github.com/careguide/careguide/internal/sitefs"
)

const newHelp = `
<path> is inside the site's content/ dir: guides/leash-training.md and
content/guides/leash-training.md name the same file; ".md" is added when
missing and folders are made as needed. An existing file is never replaced.

The guide is made from templates/archetypes/guide.md: the site's own copy
if it has one, else careguide's. It starts as a draft dated today; see it
with "careguide build --drafts".
`

func runNew(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("new", "new guide <path> [--title T] [--site DIR]", stdout, stderr)
	title := flags.String("title", "", `the guide's title (default: from the file name, "leash-training.md" gives "Leash training")`)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml and content/ are")
	withHelp(flags, newHelp)
	pos, code, ok := parseInterspersed(flags, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(pos) == 0 || pos[0] != "guide" || len(pos) != 2 {
		fmt.Fprintln(stderr, "careguide: usage: careguide new guide <path> [--title T] [--site DIR]")
		if len(pos) > 0 && pos[0] != "guide" {
			fmt.Fprintf(stderr, "  hint: careguide new makes guides; %q is not something it can make\n", pos[0])
		}
		return ExitUsage
	}
	rel, err := scaffold.ContentPath(pos[1])
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	absSite, err := siteRoot(*siteDir, "new")
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	data, err := scaffold.Guide(sitefs.Overlay(os.DirFS(absSite), careguide.Default),
		scaffold.NewGuideData(rel, *title, time.Now().Format(time.DateOnly)))
	if err != nil {
		fmt.Fprintf(stderr, "careguide: %s: %v\n", scaffold.Archetype, err)
		return ExitContent
	}
	if err := writeGuide(filepath.Join(absSite, "content"), rel, data); err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	fmt.Fprintln(stdout, filepath.Join(*siteDir, "content", filepath.FromSlash(rel)))
	return ExitOK
}

// siteRoot is the absolute site dir, which must have a site.yaml: a guide
// or a template written anywhere else would never be built. cmd names the
// command in the hint.
func siteRoot(dir, cmd string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if !exists(filepath.Join(abs, config.File)) {
		return "", fmt.Errorf("%s has no %s, so it is not a careguide site\n"+
			"  hint: run careguide %s in a site dir, pass --site DIR, or make a site with careguide init",
			displayDir(abs), config.File, cmd)
	}
	return abs, nil
}

// writeGuide writes a new guide at content path rel, refusing to replace a
// file or to make a second page at the same address (x.md and x/index.md).
func writeGuide(contentDir, rel string, data []byte) error {
	other := scaffold.SameURL(rel)
	if exists(filepath.Join(contentDir, filepath.FromSlash(other))) {
		return fmt.Errorf("content/%s already exists and would publish at the same address as content/%s\n"+
			"  hint: edit content/%[1]s, or choose another name", other, rel)
	}
	err := createFile(filepath.Join(contentDir, filepath.FromSlash(rel)), data)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("content/%s already exists; careguide new never replaces a file\n"+
			"  hint: edit it, or choose another name", rel)
	}
	return err
}

// withHelp adds text after the flags in a command's --help.
func withHelp(flags *flag.FlagSet, text string) {
	flagsOnly := flags.Usage
	flags.Usage = func() {
		flagsOnly()
		fmt.Fprint(flags.Output(), text)
	}
}

// parseInterspersed parses flags that may come before, between or after
// the arguments ("new guide x.md --title T"), which flag.Parse alone stops
// at, and returns the arguments. --help answers on stdout only, with exit
// 0; a mistake and the usage go to stderr.
func parseInterspersed(flags *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, int, bool) {
	var pos []string
	for {
		// flag.Parse prints the usage itself, on help and on a mistake
		// alike; hold it until we know which one it was.
		var held bytes.Buffer
		flags.SetOutput(&held)
		rest := args
		err := flags.Parse(args)
		flags.SetOutput(stderr)
		if errors.Is(err, flag.ErrHelp) {
			flags.SetOutput(stdout)
			flags.Usage()
			return nil, ExitOK, false
		}
		if err != nil {
			stderr.Write(held.Bytes())
			return nil, ExitUsage, false
		}
		args = flags.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		if len(args) < len(rest) && rest[len(rest)-len(args)-1] == "--" {
			return append(pos, args...), 0, true // everything after -- is an argument
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// createFile writes a new file, making its folders, and fails with
// os.ErrExist rather than replace one: O_EXCL makes the check and the
// creation one step, so a file made meanwhile is not lost either.
func createFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name) // ours, half-written: a partial guide would only confuse
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}
