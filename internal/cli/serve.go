package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/preview"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/watch"
)

// serveMemoryLimit replaces build's limit for serve, which keeps the whole
// site in memory: at 10,000 guides about 450 MB live (parsed pages, the
// search index, and the pages deflated). The limit keeps the heap from
// growing to twice that while the first build makes garbage, and sits
// above the live data so that the collector does not run without pause
// after every save (at 380 MB, below it, a body edit took 440 ms p50).
const serveMemoryLimit = 640 << 20

func runServe(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("serve", "serve [--site DIR] [--addr 127.0.0.1:1313] [--drafts] [--open] [-q|-v]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir: where site.yaml and content/ are")
	addr := flags.String("addr", preview.DefaultAddr, "the address to listen on; another host than 127.0.0.1 only when you mean it")
	drafts := flags.Bool("drafts", false, "publish pages marked draft: true")
	open := flags.Bool("open", false, "open the preview in the browser")
	example := flags.Bool("example", false, "serve the sample site built into careguide (nothing to watch)")
	quiet := flags.Bool("q", false, "print only problems")
	verbose := flags.Bool("v", false, "print what each rebuild did")
	cacheDir := cacheDirFlag(flags)
	if code, ok := parse(flags, args, stdout); !ok {
		return code
	}
	fsys, absSite, err := siteFS(*siteDir, *example)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitUsage
	}
	ln, err := preview.Listen(*addr)
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintln(stderr, "  hint: another program (or another careguide serve) uses that port; pass --addr 127.0.0.1:1314, or another free port")
		}
		return ExitUsage
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve(ctx, ln, serveOptions{
		fsys: fsys, dir: absSite, drafts: *drafts, quiet: *quiet, verbose: *verbose, stderr: stderr,
		cacheDir: imageCache(*cacheDir, absSite),
		ready: func(url string) {
			if *open {
				openBrowser(url)
			}
		},
	})
	if err != nil {
		fmt.Fprintln(stderr, "careguide:", err)
		return ExitContent
	}
	return ExitOK
}

// serveOptions are what serve needs besides a listener.
type serveOptions struct {
	fsys           fs.FS
	dir            string // the site dir to watch; "" serves fsys without watching
	drafts         bool
	cacheDir       string // processed images; "" keeps them in memory
	quiet, verbose bool
	stderr         io.Writer
	ready          func(url string) // called once the first build is served
	// rebuilt, when set, hears of every rebuild after it is published or
	// shown as failed, with the paths of the batch it rebuilt (none for the
	// first build): tests and benchmarks wait on it. The serve loop waits
	// for it to return.
	rebuilt func(r *build.Result, paths []string)
	// sent, when set, hears of each batch the watcher hands over.
	sent func(watch.Batch)
}

// serve builds the site into memory, serves it on ln, and rebuilds what
// each batch of file changes touches until ctx ends. A failed rebuild
// prints its problems and shows them over the page in the browser; the
// last good build stays up.
func serve(ctx context.Context, ln net.Listener, o serveOptions) error {
	origin := "http://" + ln.Addr().String()
	srv := preview.New(preview.Options{Addr: ln.Addr().String()})
	p := &publisher{srv: srv, fsys: o.fsys, stderr: o.stderr, files: map[string]*preview.File{}, pending: map[string]*preview.File{},
		warner: &warner{w: o.stderr, fsys: o.fsys, quiet: o.quiet}}
	// Pages link to the preview, not to the published site, under the
	// path they will be published at. Each changed output goes to the
	// publisher as it is made, and is compressed there by the render
	// goroutines.
	builder := build.New(o.fsys, careguide.Default, build.Options{Drafts: o.drafts, Origin: origin, Emit: p.keep, Lint: true, CacheDir: o.cacheDir})
	var w *watch.Watcher
	if o.dir != "" {
		var err error
		// Watch before the first build, so no edit made during it is lost.
		if w, err = watch.New(o.dir, watch.Options{Exclude: []string{"public"}, Sent: o.sent}); err != nil {
			return err
		}
		defer w.Close()
	}
	start := time.Now()
	r := builder.Build()
	p.publish(r, false)
	if !o.quiet && r.OK() {
		fmt.Fprintf(o.stderr, "built %s in %v\n", count(len(r.Changed), "file"), time.Since(start).Round(time.Millisecond))
	}
	if o.rebuilt != nil {
		o.rebuilt(r, nil)
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	url := origin + "/"
	if r.Site != nil {
		url = origin + r.Site.Config.BasePath()
	}
	if !o.quiet {
		fmt.Fprintf(o.stderr, "serving %s (press Ctrl+C to stop)\n", url)
	}
	if o.ready != nil {
		o.ready(url)
	}
	var batches <-chan watch.Batch
	if w != nil {
		batches = w.Batches()
	}
	for {
		select {
		case <-ctx.Done():
			srv.Close()
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if hs.Shutdown(shut) != nil {
				// A connection opened but never used holds Shutdown for
				// seconds; a preview has nothing to finish for it.
				hs.Close()
			}
			return nil
		case err := <-served:
			return err
		case b, ok := <-batches:
			if !ok {
				return errors.New("the file watcher stopped")
			}
			start := time.Now()
			r := rebuildBatch(builder, b, o.stderr)
			p.forget(b.Paths)
			p.publish(r, cssOnly(b.Paths))
			if o.verbose && r.OK() {
				fmt.Fprintf(o.stderr, "rebuilt in %v: %s rendered, %s changed (%s)\n",
					time.Since(start).Round(time.Microsecond), count(r.Rendered, "page"),
					count(len(r.Changed), "file"), strings.Join(b.Paths, ", "))
			}
			if o.rebuilt != nil {
				o.rebuilt(r, b.Paths)
			}
		}
	}
}

// rebuildBatch rebuilds what one batch of changes touched, or everything
// when the watcher may have missed some.
func rebuildBatch(builder *build.Builder, b watch.Batch, stderr io.Writer) *build.Result {
	if !b.Rescan {
		return builder.Rebuild(b.Paths)
	}
	if b.Err != nil {
		fmt.Fprintf(stderr, "careguide: %v; reading every file again\n", b.Err)
	}
	return builder.Build()
}

// cssOnly reports whether a batch changed stylesheets and nothing else, so
// open pages can swap them without reloading.
func cssOnly(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, "assets/") || path.Ext(p) != ".css" {
			return false
		}
	}
	return len(paths) > 0
}

// publisher keeps the site the server serves, applying each result's
// changes: an unchanged output keeps its *preview.File, so its ETag is
// computed once.
type publisher struct {
	srv      *preview.Server
	fsys     fs.FS
	stderr   io.Writer
	warner   *warner
	files    map[string]*preview.File
	warnings []preview.Problem // the served build's
	// sources are the files the warnings quote, kept between builds: a
	// site with thousands of warnings would read as many files on every
	// save. A changed file is forgotten (forget).
	sources   map[string][]byte
	failed    bool // the last build failed: the overlay is up
	published bool // a build is being served

	mu      sync.Mutex
	pending map[string]*preview.File // outputs of the build in progress
}

// keep takes one changed output of the build in progress (rebuild's
// Options.Emit), from several goroutines at once.
func (p *publisher) keep(f render.File) error {
	pf := preview.NewFile(f.Path, f.Keep().Data)
	p.mu.Lock()
	p.pending[f.Path] = pf
	p.mu.Unlock()
	return nil
}

// forget drops the kept sources at or under the changed paths.
func (p *publisher) forget(changed []string) {
	for name := range p.sources {
		for _, c := range changed {
			if name == c || strings.HasPrefix(name, c+"/") {
				delete(p.sources, name)
				break
			}
		}
	}
}

func (p *publisher) publish(r *build.Result, cssOnly bool) {
	p.mu.Lock()
	pending := p.pending
	p.pending = map[string]*preview.File{}
	p.mu.Unlock()
	if !r.OK() {
		outcome := "the preview shows them until they are fixed"
		if p.published {
			outcome = "still serving the last good build"
		}
		reportFailed(p.stderr, p.fsys, r.Diags, outcome)
		p.srv.Fail(problems(p.fsys, r.Diags))
		p.failed = true
		return
	}
	p.warner.report(r.Diags)
	if p.sources == nil {
		p.sources = map[string][]byte{}
	}
	warnings := pageWarnings(p.fsys, r.Site, r.Diags, p.sources)
	if len(pending) == 0 && len(r.Removed) == 0 && p.published && !p.failed && slices.Equal(warnings, p.warnings) {
		return // a save that changed nothing: open pages need not reload
	}
	p.warnings = warnings
	if p.failed {
		fmt.Fprintln(p.stderr, "careguide: fixed; serving the new build")
		p.failed = false
	}
	p.published = true
	for _, name := range r.Removed {
		delete(p.files, name)
	}
	maps.Copy(p.files, pending)
	b := &preview.Build{Files: make(map[string]*preview.File, len(p.files)), Warnings: warnings, BasePath: r.Site.Config.BasePath()}
	for name, f := range p.files {
		b.Files[name] = f
	}
	p.srv.Publish(b, cssOnly)
}

// problems are the errors of a failed rebuild as the browser overlay shows
// them, with their source lines.
func problems(fsys fs.FS, diags diag.List) []preview.Problem {
	var list []preview.Problem
	sources := map[string][]byte{}
	for _, d := range diags {
		if d.Severity == diag.Warning {
			continue
		}
		list = append(list, preview.Problem{File: d.File, Line: d.Line, Col: d.Column,
			Message: d.Message, Hint: d.Hint, Source: sourceLine(fsys, sources, d)})
	}
	return list
}

// openBrowser opens url in the user's browser, if it can.
func openBrowser(url string) {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "explorer"
	}
	cmd := exec.Command(name, url)
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}

// Serve runs the preview of the site in dir on ln until ctx ends, printing
// to stderr: what `careguide serve --site dir` runs after its flags, for
// tests that drive it from a browser.
func Serve(ctx context.Context, ln net.Listener, dir string, stderr io.Writer) error {
	return serve(ctx, ln, serveOptions{fsys: os.DirFS(dir), dir: dir, stderr: stderr})
}
