// Package cli is careguide's command line: it parses flags, runs a build,
// prints diagnostics and a summary on stderr and decides the exit code.
// It is the only package besides output (the site's files) and extlink (the
// network, for check --external) that touches the OS.
//
// Exit codes: 0 ok, 1 problems in the site's files, 2 a usage error.
package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/config"
)

// Version is set at link time: -ldflags "-X github.com/careguide/careguide/internal/cli.Version=v1.2.3".
var Version = "devel"

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

const usage = `careguide builds care-guide websites from Markdown.

Usage:
  careguide build [flags]    write the site to public/
  careguide serve [flags]    preview the site on 127.0.0.1 with live reload
  careguide check [flags]    report every problem in the site, writing nothing
  careguide new guide PATH   start a new guide from the archetype
  careguide init [DIR]       create a new site
  careguide theme list       list the default templates and assets
  careguide theme eject PATH copy one of them into the site to edit
  careguide schema           print the JSON Schema of guide frontmatter
  careguide version          print the version
  careguide help             show this help

Run "careguide build --help" for the flags of a command.
`

// Run runs careguide with args (without the program name) and returns the
// exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	limitMemory()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "theme":
		return runTheme(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "careguide", Version)
		return ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "careguide: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

// newFlags makes a flag set that prints its help to stdout on --help and
// to stderr on a mistake.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: careguide %s\n\nFlags:\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			dash := "--"
			if len(f.Name) == 1 {
				dash = "-"
			}
			fmt.Fprintf(fs.Output(), "  %s%s\t%s\n", dash, f.Name, f.Usage)
		})
	}
	return fs
}

// parse parses flags for a command that takes no arguments, answering
// --help on stdout (once) with exit 0.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	stderr := fs.Output()
	rest, code, ok := parseInterspersed(fs, args, stdout, stderr)
	if !ok {
		return code, false
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "careguide: unexpected argument %q\n", rest[0])
		return ExitUsage, false
	}
	return 0, true
}

// siteFS opens the site to build: the embedded example, or a dir with a
// site.yaml in it.
func siteFS(dir string, example bool) (fs.FS, string, error) {
	if example {
		return careguide.Default, "", nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(filepath.Join(abs, config.File)); err != nil {
		return nil, "", fmt.Errorf("%s has no %s, so it is not a careguide site\n"+
			"  hint: run careguide in a site dir, pass --site DIR, or pass --example to build the built-in sample site",
			displayDir(abs), config.File)
	}
	return os.DirFS(abs), abs, nil
}

func displayDir(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			if rel == "." {
				return "this directory"
			}
			return rel
		}
	}
	return abs
}

// memoryLimit is the heap size past which the garbage collector works
// harder. A build's live data is small (about 25 KB a guide with the
// search index and the designed theme's pages) but it makes garbage fast;
// without a limit the heap of a 10,000-guide build grows to twice its peak
// before the collector catches up. The limit sits just above what a
// 10,000-guide build keeps live: below it the collector runs without pause
// (at 340 MB, the limit before the search index read guides' bodies, a 10k
// build took 8.8-11.4 s and 17-18 CPU-s; at 480 MB 6.8-7.0 s and 13 CPU-s,
// peak RSS 500 MB). GOMEMLIMIT overrides it.
const memoryLimit = 480 << 20

// gcPercent lets the heap grow to five times what is live before a
// collection, where Go's default is twice; the memory limit, not this,
// bounds it. A build's live data grows from nothing while it parses: at
// the default, a 10,000-guide build collected about 30 times, two thirds of
// them while parsing, each marking all that had been parsed so far. At 400
// it collects about 13 times, for the same peak RSS. GOGC overrides it.
const gcPercent = 400

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
