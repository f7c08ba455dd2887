package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/careguide/careguide/internal/content"
)

// Batch is one debounced set of changes.
type Batch struct {
	// Paths are the slash paths relative to the root that were created,
	// written, removed or renamed (either name); sorted, no duplicates. A
	// path may be a folder or may no longer exist: see the package doc.
	Paths []string
	// Rescan is set when events may have been lost (fsnotify overflow or
	// error): the caller must treat every file as possibly changed.
	Rescan bool
	// Err says why Rescan is set, for the caller to show; nil otherwise.
	Err error
}

// Options tune a Watcher; the zero value gives the defaults.
type Options struct {
	// Debounce is the quiet time that ends a batch; default 20ms, small
	// because the preview must update within about 50ms of a save.
	Debounce time.Duration
	// MaxWait is how long after its first change a batch is sent even if
	// changes keep coming; default 1s.
	MaxWait time.Duration
	// Exclude are slash dirs relative to the root that are never watched
	// nor reported, e.g. "public", the output dir of build --watch.
	Exclude []string
	// Ignore reports whether a file or folder base name is not content;
	// nothing at or below such a name is reported. Default content.Ignored.
	Ignore func(name string) bool
	// Sent, when set, hears of each batch, from the watcher's goroutine,
	// once it is in the mailbox (merged there with one not yet taken, if
	// any): a test waits on it to know a change has reached the caller's
	// side, instead of waiting some milliseconds and hoping.
	Sent func(Batch)
}

// Watcher watches a site dir; see the package doc.
type Watcher struct {
	root    string // absolute, symlinks resolved
	opts    Options
	fsw     *fsnotify.Watcher
	dirs    map[string]bool // watched folders (OS paths); after New, only run touches it
	batches chan Batch      // one slot: see send
	errs    chan []error    // fsnotify's errors, from forwardErrors to run
	wg      sync.WaitGroup
}

// New watches root and every folder below it now. It fails if root is not
// a dir, an Exclude entry is not a slash path inside it, or a folder cannot
// be watched (e.g. the system's inotify watch limit is reached).
func New(root string, opts Options) (*Watcher, error) {
	root, err := filepath.Abs(root)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a dir", root)
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.Ignore == nil {
		opts.Ignore = content.Ignored
	}
	exclude := make([]string, len(opts.Exclude))
	for i, dir := range opts.Exclude {
		exclude[i] = path.Clean(dir)
		if !fs.ValidPath(exclude[i]) || exclude[i] == "." {
			return nil, fmt.Errorf("watch: exclude %q: not a slash path inside the site dir", dir)
		}
	}
	opts.Exclude = exclude

	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		root:    root,
		opts:    opts,
		fsw:     fsw,
		dirs:    map[string]bool{},
		batches: make(chan Batch, 1),
		errs:    make(chan []error),
	}
	if err := w.watchTree(root, nil); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.wg.Go(func() { w.forwardErrors(fsw.Errors) })
	w.wg.Go(func() { w.run(fsw.Events) })
	return w, nil
}

// Batches delivers the batches; it is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Close stops watching, drops changes not yet sent and closes the Batches
// channel. It returns once the watcher's goroutines have ended.
func (w *Watcher) Close() error {
	// Closing fsnotify closes its Events and Errors, which ends run and
	// forwardErrors.
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

// run turns fsnotify's events into batches until Events is closed.
func (w *Watcher) run(events <-chan fsnotify.Event) {
	defer close(w.batches)
	var (
		b     = pending{paths: map[string]bool{}}
		quiet = time.NewTimer(time.Hour) // fires Debounce after the last change
		full  = time.NewTimer(time.Hour) // fires MaxWait after the first change
		open  bool                       // b has changes; full is running
	)
	quiet.Stop()
	full.Stop()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			if !w.handle(ev, &b) {
				continue
			}
		case errs := <-w.errs:
			w.rewatch(errs, &b)
		case <-quiet.C:
			full.Stop()
			open = false
			w.send(b.take())
			continue
		case <-full.C:
			quiet.Stop()
			open = false
			w.send(b.take())
			continue
		}
		quiet.Reset(w.opts.Debounce)
		if !open {
			full.Reset(w.opts.MaxWait)
			open = true
		}
	}
}

// handle adds what ev changed to b, keeps the watches in step with the
// folders, and reports whether b changed.
func (w *Watcher) handle(ev fsnotify.Event, b *pending) bool {
	rel := w.rel(ev.Name)
	if rel == "." || w.skip(rel) || !ev.Has(fsnotify.Create|fsnotify.Write|fsnotify.Remove|fsnotify.Rename) {
		return false
	}
	b.paths[rel] = true
	if ev.Has(fsnotify.Remove | fsnotify.Rename) {
		w.unwatch(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		// Lstat, not Stat: a symlink to a folder is not followed.
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			b.fail(w.watchTree(ev.Name, b.paths))
		}
	}
	return true
}

// rewatch marks b for a rescan after fsnotify's errors, and watches the
// tree afresh: folders made, moved or removed while events were lost would
// otherwise go unwatched or keep a watch under a stale name.
func (w *Watcher) rewatch(errs []error, b *pending) {
	b.fail(errors.Join(errs...))
	w.unwatch(w.root)
	b.fail(w.watchTree(w.root, nil))
}

// watchTree watches dir and every folder below it, skipping excluded and
// ignored ones and not following symlinks, and adds every path it finds
// to report unless report is nil. It carries on past folders it cannot
// watch and returns their errors.
func (w *Watcher) watchTree(dir string, report map[string]bool) error {
	var errs []error
	filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		rel := w.rel(name)
		switch {
		case err != nil:
			// A folder removed or moved while we walk has its own event.
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("%s: %w", rel, err))
			}
			return nil
		case w.skip(rel):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if report != nil && rel != "." {
			report[rel] = true
		}
		if !d.IsDir() {
			return nil
		}
		err = w.fsw.Add(name)
		switch {
		case err == nil:
			w.dirs[name] = true
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fsnotify.ErrClosed):
		default:
			errs = append(errs, fmt.Errorf("watch %s: %w", rel, err))
		}
		return nil
	})
	return errors.Join(errs...)
}

// unwatch removes the watches of dir and every folder below it, if dir is
// a watched folder.
func (w *Watcher) unwatch(dir string) {
	if !w.dirs[dir] {
		return
	}
	for name := range w.dirs {
		if name == dir || strings.HasPrefix(name, dir+string(filepath.Separator)) {
			// Fails when the folder was deleted: fsnotify has then dropped
			// the watch already.
			w.fsw.Remove(name)
			delete(w.dirs, name)
		}
	}
}

// rel is the slash path of an OS path under the root; "." for the root.
func (w *Watcher) rel(name string) string {
	rel, err := filepath.Rel(w.root, name)
	if err != nil {
		return "." // not under the root: fsnotify only names paths we watch
	}
	return filepath.ToSlash(rel)
}

// skip reports whether rel is excluded or has an ignored element.
func (w *Watcher) skip(rel string) bool {
	if rel == "." {
		return false
	}
	for _, dir := range w.opts.Exclude {
		if rel == dir || strings.HasPrefix(rel, dir+"/") {
			return true
		}
	}
	for name := range strings.SplitSeq(rel, "/") {
		if w.opts.Ignore(name) {
			return true
		}
	}
	return false
}

// send puts b in the one-slot mailbox, merged with the batch already there
// if the caller has not taken it: it never waits for the caller.
func (w *Watcher) send(b Batch) {
	sent := b
	select {
	case old := <-w.batches:
		b = Batch{
			Paths:  slices.Compact(slices.Sorted(slices.Values(append(old.Paths, b.Paths...)))),
			Rescan: old.Rescan || b.Rescan,
			Err:    errors.Join(old.Err, b.Err),
		}
	default:
	}
	w.batches <- b // cannot block: run is the only sender and the slot is free
	if w.opts.Sent != nil {
		w.opts.Sent(sent)
	}
}

// forwardErrors hands fsnotify's errors to run without ever making fsnotify
// wait: fsnotify may send an error while holding the lock that run needs
// for Add and Remove, so waiting for run could deadlock.
func (w *Watcher) forwardErrors(in <-chan error) {
	var held []error
	for {
		var out chan<- []error
		if len(held) > 0 {
			out = w.errs
		}
		select {
		case err, ok := <-in:
			if !ok {
				return
			}
			held = append(held, err)
		case out <- held:
			held = nil
		}
	}
}

// pending is the batch being gathered.
type pending struct {
	paths  map[string]bool
	rescan bool
	errs   []error
}

// fail marks the batch for a rescan because of err, unless err is nil.
func (p *pending) fail(err error) {
	if err != nil {
		p.rescan = true
		p.errs = append(p.errs, err)
	}
}

// take returns the batch and starts a new one.
func (p *pending) take() Batch {
	b := Batch{Rescan: p.rescan, Err: errors.Join(p.errs...)}
	b.Paths = slices.Sorted(maps.Keys(p.paths))
	*p = pending{paths: map[string]bool{}}
	return b
}
