package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/render"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("build", "build [--site DIR] [--out DIR] [--drafts] [--base-url URL] [--force] [-q|-v]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml and content/ are")
	outDir := flags.String("out", "", "where to write the site (default: public/ in the site dir)")
	drafts := flags.Bool("drafts", false, "publish pages marked draft: true")
	baseURL := flags.String("base-url", "", "the address the site is published at, overriding site.yaml")
	force := flags.Bool("force", false, "write to an output dir careguide considers dangerous")
	example := flags.Bool("example", false, "build the sample site built into careguide")
	quiet := flags.Bool("q", false, "print only problems")
	verbose := flags.Bool("v", false, "print how long each stage took")
	if code, ok := parse(flags, args, stdout); !ok {
		return code
	}
	start := time.Now()
	fsys, absSite, err := siteFS(*siteDir, *example)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	out := *outDir
	if out == "" {
		out = filepath.Join(*siteDir, "public")
		if *example {
			out = "public"
		}
	}
	res := build.Build(fsys, careguide.Default, build.Options{Drafts: *drafts, BaseURL: *baseURL})
	printDiagnostics(stderr, fsys, res.Diags)
	if *verbose {
		for _, t := range res.Timings {
			fmt.Fprintf(stderr, "  %-8s %v\n", t.Stage, t.Duration.Round(time.Microsecond))
		}
	}
	if res.Diags.HasErrors() {
		fmt.Fprintf(stderr, "careguide: build failed with %s; nothing was written\n", count(res.Diags.Errors(), "error"))
		return ExitContent
	}
	writeStart := time.Now()
	if err := output.Write(out, toOutput(res.Files), output.Options{Force: *force, SiteDir: absSite}); err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	if *verbose {
		fmt.Fprintf(stderr, "  %-8s %v\n", "write", time.Since(writeStart).Round(time.Microsecond))
	}
	if !*quiet {
		fmt.Fprintf(stderr, "built %s, %s in %v → %s\n", count(len(res.Site.Pages), "page"),
			count(len(res.Files), "file"), time.Since(start).Round(time.Millisecond), out)
	}
	return ExitOK
}

func toOutput(files []render.File) []output.File {
	out := make([]output.File, len(files))
	for i, f := range files {
		out[i] = output.File{Path: f.Path, Data: f.Data}
	}
	return out
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
