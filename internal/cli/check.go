package cli

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/lint"
	"github.com/careguide/careguide/internal/render"
)

// checkFormats are the values --format accepts, in the order help lists them.
var checkFormats = []string{"text", "json", "github"}

// checkFormat is the --format flag. As a flag.Value it is refused while the
// flags are parsed, so a bad value is a usage error like an unknown flag.
type checkFormat string

func (f *checkFormat) String() string { return string(*f) }

func (f *checkFormat) Set(s string) error {
	for _, ok := range checkFormats {
		if s == ok {
			*f = checkFormat(s)
			return nil
		}
	}
	return fmt.Errorf("use %s", strings.Join(checkFormats, ", "))
}

// today is the day check measures reviews against; tests set their own.
var today = time.Now

// runCheck runs every check of a build and writes nothing. The problems are
// the command's output, so they go to stdout in the chosen format; the
// one-line summary goes to stderr, keeping stdout parseable. With
// --external it then asks every external link's server (package extlink),
// and its problems join the others.
func runCheck(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("check", "check [--site DIR] [--format text|json|github] [--drafts] [--strict] [--example] [--external]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml and content/ are")
	format := checkFormat("text")
	flags.Var(&format, "format", "how to print problems: text, json, or github (GitHub Actions annotations)")
	drafts := flags.Bool("drafts", false, "check pages marked draft: true as if published")
	example := flags.Bool("example", false, "check the sample site built into careguide")
	strict := flags.Bool("strict", false, "treat warnings as errors: report them as errors and exit 1; also list guides without a vet review")
	cacheDir := cacheDirFlag(flags)
	var ext externalFlags
	flags.BoolVar(&ext.on, "external", false, "also request every external link and source URL and report dead or moved ones (uses the network)")
	flags.StringVar(&ext.cache, "external-cache", "", "where --external keeps answers between runs (default: careguide/external.json in the user cache dir; off for none)")
	flags.DurationVar(&ext.maxAge, "external-max-age", 24*time.Hour, "--external reuses answers younger than this; 0 asks every address again")
	flags.DurationVar(&ext.timeout, "external-timeout", 15*time.Second, "how long --external waits for one answer")
	if code, ok := parse(flags, args, stdout); !ok {
		return code
	}
	fsys, absSite, err := siteFS(*siteDir, *example)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage // no site where the user pointed
	}
	discard := func(f render.File) error {
		if f.Done != nil {
			f.Done()
		}
		return nil
	}
	res := build.Build(fsys, careguide.Default, build.Options{Drafts: *drafts, Emit: discard, Lint: true, CacheDir: imageCache(*cacheDir, absSite)})
	if res.Site != nil {
		// The review dates are the one thing check measures against the
		// clock; a build never does (lint.Reviews).
		res.Diags = append(res.Diags, lint.Reviews(res.Site, today())...)
		res.Diags.Sort()
	}
	var externalNote string
	if ext.on && res.Site != nil { // never in a build: only check asks the network
		var diags diag.List
		diags, externalNote = checkExternal(res.Site, ext)
		res.Diags = append(res.Diags, diags...)
		res.Diags.Sort()
	}
	if *strict {
		// Promoted before printing, so every format and the summary agree
		// with the exit code.
		for i := range res.Diags {
			res.Diags[i].Severity = diag.Error
		}
	}
	switch format {
	case "json":
		stdout.Write(res.Diags.JSON())
	case "github":
		io.WriteString(stdout, res.Diags.GitHub())
	default:
		printDiagnostics(stdout, fsys, res.Diags)
	}
	if externalNote != "" {
		fmt.Fprintln(stderr, externalNote)
	}
	if *strict && res.Site != nil {
		if files := lint.Unreviewed(res.Site); len(files) > 0 {
			fmt.Fprintf(stderr, "not reviewed by a vet yet (their pages say so; add reviewed_by: and reviewed_on: once one has checked them):\n  %s\n",
				strings.Join(files, "\n  "))
		}
	}
	fmt.Fprintln(stderr, checkSummary(res, fsys))
	if res.Diags.HasErrors() {
		return ExitContent
	}
	return ExitOK
}

// checkSummary is "2 errors, 1 warning in 14 files", or "no problems in 10
// pages" for a clean site.
func checkSummary(res *build.Result, fsys fs.FS) string {
	errs := res.Diags.Errors()
	warns := len(res.Diags) - errs
	if errs+warns == 0 && res.Site != nil {
		return "no problems in " + count(len(res.Site.Pages), "page")
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, count(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, count(warns, "warning"))
	}
	if len(parts) == 0 {
		parts = append(parts, "no problems")
	}
	return strings.Join(parts, ", ") + " in " + count(sourceFiles(fsys), "file")
}

// sourceFiles counts the files a build reads from the site: site.yaml and
// everything under content/ that content.Load does not skip. A site that
// fails early has no pages to count, so the summary counts these instead.
func sourceFiles(fsys fs.FS) int {
	n := 0
	if _, err := fs.Stat(fsys, config.File); err == nil {
		n++
	}
	fs.WalkDir(fsys, content.Dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // the build has reported it
		case p != content.Dir && content.Ignored(d.Name()) && d.IsDir():
			return fs.SkipDir
		case p != content.Dir && content.Ignored(d.Name()):
		case d.Type().IsRegular():
			n++
		}
		return nil
	})
	return n
}
