package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/watch"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("build", "build [--site DIR] [--out DIR] [--drafts] [--base-url URL] [--minify] [--precompress] [--headers] [--force] [--watch] [-q|-v]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml and content/ are")
	outDir := flags.String("out", "", "where to write the site (default: public/ in the site dir)")
	drafts := flags.Bool("drafts", false, "publish pages marked draft: true")
	baseURL := flags.String("base-url", "", "the address the site is published at, overriding site.yaml")
	force := flags.Bool("force", false, "write to an output dir careguide considers dangerous")
	example := flags.Bool("example", false, "build the sample site built into careguide")
	quiet := flags.Bool("q", false, "print only problems")
	verbose := flags.Bool("v", false, "print how long each stage took")
	watching := flags.Bool("watch", false, "keep running and rebuild what changes when files change")
	minify := flags.Bool("minify", false, "minify HTML, CSS, JS, JSON and SVG")
	precompress := flags.Bool("precompress", false, "write a .gz and a .br beside each text file, for nginx or Caddy to serve; implies --headers")
	headers := flags.Bool("headers", false, "write _headers: long cache lifetimes for fingerprinted assets (Netlify, Cloudflare Pages)")
	cacheDir := cacheDirFlag(flags)
	if code, ok := parse(flags, args, stdout); !ok {
		return code
	}
	if *baseURL != "" {
		if err := config.CheckBaseURL(*baseURL); err != nil {
			fmt.Fprintf(stderr, "careguide: --base-url: %v\n  hint: %s\n", err, config.BaseURLHint)
			return ExitUsage
		}
	}
	if *watching && (*precompress || *headers) {
		fmt.Fprintln(stderr, "careguide: --precompress and --headers make a site to publish; they do not combine with --watch\n"+
			"  hint: build once with them when you deploy")
		return ExitUsage
	}
	bopts := build.Options{Drafts: *drafts, BaseURL: *baseURL, Minify: *minify,
		Precompress: *precompress, Headers: *headers || *precompress}
	start := time.Now()
	fsys, absSite, err := siteFS(*siteDir, *example)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage // no site where the user pointed
	}
	bopts.CacheDir = imageCache(*cacheDir, absSite)
	out := *outDir
	if out == "" {
		out = filepath.Join(*siteDir, "public")
		if *example {
			out = "public"
		}
	}
	if *watching && !*example {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return watchBuild(ctx, fsys, absSite, out, bopts,
			output.Options{Force: *force, SiteDir: absSite}, *quiet, stderr)
	}
	// Open the output first: a dangerous output dir is refused before any
	// work, and pages are written while others still render.
	tx, err := output.Begin(out, output.Options{Force: *force, SiteDir: absSite})
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		if errors.Is(err, output.ErrRefused) {
			return ExitUsage
		}
		return ExitContent
	}
	// Whatever ends this build before Commit, a panic too, leaves the
	// previous output as it was and no temp dir behind.
	defer tx.Abort()
	var written atomic.Int64
	emit := func(f render.File) error {
		written.Add(1)
		return tx.Add(f)
	}
	bopts.Emit, bopts.Lint = emit, true
	res := build.Build(fsys, careguide.Default, bopts)
	printDiagnostics(stderr, fsys, buildReport(res.Diags))
	if *verbose {
		for _, t := range res.Timings {
			within := ""
			if t.Within != "" {
				within = fmt.Sprintf(" (within %s, summed over its workers)", t.Within)
			}
			fmt.Fprintf(stderr, "  %-8s %v%s\n", t.Stage, t.Duration.Round(time.Microsecond), within)
		}
		if n := res.Images; n.Made+n.Cached > 0 {
			fmt.Fprintf(stderr, "  images: %d made, %d from the cache in %s\n", n.Made, n.Cached, displayCache(bopts.CacheDir))
		}
	}
	if err := res.Images.CacheErr; err != nil && !*quiet {
		fmt.Fprintf(stderr, "careguide: the image cache cannot be used (%v); images are made again on each build\n", err)
	}
	if res.Diags.HasErrors() {
		fmt.Fprintln(stderr, failedLine(res.Diags, "the output was not changed"))
		return ExitContent
	}
	commitStart := time.Now()
	if err := tx.Commit(); err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	if *verbose {
		fmt.Fprintf(stderr, "  %-8s %v\n", "commit", time.Since(commitStart).Round(time.Microsecond))
	}
	if !*quiet {
		fmt.Fprintf(stderr, "built %s, %s in %v → %s\n", count(len(res.Site.Pages), "page"),
			count(int(written.Load()), "file"), time.Since(start).Round(time.Millisecond), out)
	}
	return ExitOK
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// reportFailed prints a failed build's problems as build prints them, and
// what became of the output.
func reportFailed(w io.Writer, fsys fs.FS, diags diag.List, outcome string) {
	printDiagnostics(w, fsys, buildReport(diags))
	fmt.Fprintln(w, failedLine(diags, outcome))
}

func failedLine(diags diag.List, outcome string) string {
	return fmt.Sprintf("careguide: build failed with %s; %s", count(diags.Errors(), "error"), outcome)
}

// buildShown is how many problems build prints: every error, and warnings
// up to this many. A site can have thousands of warnings (lint on a site
// imported from elsewhere), and a build buried under them hides its one
// error; careguide check lists them all.
const buildShown = 50

// buildReport is the diagnostics build prints: every error, then at most
// buildShown warnings and a line saying how many more check would show.
func buildReport(diags diag.List) diag.List {
	var shown diag.List
	warnings := 0
	for _, d := range diags {
		if d.Severity == diag.Warning {
			if warnings++; warnings > buildShown {
				continue
			}
		}
		shown = append(shown, d)
	}
	if more := warnings - buildShown; more > 0 {
		shown = append(shown, diag.Diagnostic{Severity: diag.Warning,
			Message: fmt.Sprintf("%s not shown", count(more, "more warning")),
			Hint:    "run careguide check to see every problem"})
	}
	return shown
}

// watchBuild is build --watch: a full build written like build writes it,
// then, for every batch of changes, only the files that changed, each
// replaced whole (output.Update), until ctx ends.
func watchBuild(ctx context.Context, fsys fs.FS, siteDir, out string, opts build.Options, oopts output.Options, quiet bool, stderr io.Writer) int {
	absOut, err := filepath.Abs(out)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	if err := output.CheckDir(absOut, oopts); err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	var exclude []string
	if rel, err := filepath.Rel(siteDir, absOut); err == nil && filepath.IsLocal(rel) {
		exclude = append(exclude, filepath.ToSlash(rel))
	}
	w, err := watch.New(siteDir, watch.Options{Exclude: exclude})
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	defer w.Close()
	opts.Lint = true
	builder := build.New(fsys, careguide.Default, opts)
	warnings := &warner{w: stderr, fsys: fsys, quiet: quiet}
	write := func(r *build.Result, first bool, start time.Time) {
		if !r.OK() {
			reportFailed(stderr, fsys, r.Diags, "the output was not changed")
			return
		}
		warnings.report(r.Diags)
		// Files holds what changed: after the first good build, everything.
		var err error
		if first {
			err = output.Write(absOut, r.Files, oopts)
		} else {
			err = output.Update(absOut, r.Files, r.Removed)
		}
		if err != nil {
			fmt.Fprintln(stderr, "careguide:", err)
		} else if !quiet {
			fmt.Fprintf(stderr, "wrote %s in %v → %s\n", count(len(r.Changed)+len(r.Removed), "change"),
				time.Since(start).Round(time.Millisecond), out)
		}
	}
	start := time.Now()
	first := builder.Build()
	write(first, true, start)
	written := first.OK()
	if !quiet {
		fmt.Fprintln(stderr, "watching for changes (press Ctrl+C to stop)")
	}
	for {
		select {
		case <-ctx.Done():
			return ExitOK
		case b, ok := <-w.Batches():
			if !ok {
				fmt.Fprintln(stderr, "careguide: the file watcher stopped")
				return ExitContent
			}
			start := time.Now()
			r := rebuildBatch(builder, b, stderr)
			write(r, !written, start)
			written = written || r.OK()
		}
	}
}
