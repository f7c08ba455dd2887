package watch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The tests use real files and real fsnotify. They never time the
// watcher: hang is only a guard against a test that would wait forever.
// To know that everything a test did has been reported, a test writes a
// sentinel file after it and waits until the watcher hands over the batch
// naming it (Options.Sent): fsnotify reports one site's events in the
// order they happened, so every change before the sentinel is in that
// batch or an earlier one, and batches the test has not taken merge into
// one. "No batch" is then a batch of the sentinel alone, whatever the
// machine's speed.

const hang = 5 * time.Second

// sentOf holds, for each Watcher a test started, the batches it has sent.
var sentOf sync.Map // *Watcher -> chan Batch

// newSite writes a small site into a temp dir.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, rel := range []string{
		"site.yaml",
		"content/dogs/walking.md",
		"content/dogs/health/vaccines.md",
		"content/cats/feeding.md",
		"templates/guide.html",
		"assets/style.css",
	} {
		write(t, root, rel)
	}
	return root
}

// write writes a file under root, making its folder.
func write(t *testing.T, root, rel string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("text of "+rel+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// rename renames from to to, to next-from to next-to, ..., all under root.
func rename(t *testing.T, root string, fromTo ...string) {
	t.Helper()
	for i := 0; i < len(fromTo); i += 2 {
		must(t, os.Rename(filepath.Join(root, fromTo[i]), filepath.Join(root, fromTo[i+1])))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, root string, opts Options) *Watcher {
	t.Helper()
	sent := make(chan Batch, 10000)
	opts.Sent = func(b Batch) {
		select {
		case sent <- b:
		default:
		}
	}
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	sentOf.Store(w, sent)
	t.Cleanup(func() { w.Close() })
	return w
}

// sentinels counts the sentinel files written, for unique names.
var sentinels atomic.Int64

// settle writes a sentinel file and waits until the watcher has sent the
// batch naming it, then takes the batch waiting for the caller: every
// change reported since the last batch taken. It returns that batch
// without the sentinel.
func settle(t *testing.T, w *Watcher) Batch {
	t.Helper()
	name := fmt.Sprintf("content/sentinel-%d.md", sentinels.Add(1))
	write(t, w.root, name)
	v, _ := sentOf.Load(w)
	for done := false; !done; {
		select {
		case b := <-v.(chan Batch):
			done = slices.Contains(b.Paths, name)
		case <-time.After(hang):
			t.Fatalf("the sentinel %s was never reported", name)
		}
	}
	b := next(t, w)
	if !slices.Contains(b.Paths, name) {
		t.Fatalf("batch %+v lacks the sentinel %s, sent before it", b, name)
	}
	b.Paths = slices.DeleteFunc(b.Paths, func(p string) bool { return p == name })
	return b
}

// next waits for the next batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("Batches closed")
		}
		return b
	case <-time.After(hang):
		t.Fatalf("no batch after %v", hang)
	}
	panic("unreachable")
}

// gather takes batches until they name every path in want, and returns
// the union of their paths and how many batches it took.
func gather(t *testing.T, w *Watcher, want ...string) (paths []string, batches int) {
	t.Helper()
	for {
		b := next(t, w)
		if b.Rescan {
			t.Fatalf("unexpected rescan: %v", b.Err)
		}
		batches++
		paths = slices.Compact(slices.Sorted(slices.Values(append(paths, b.Paths...))))
		if missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool {
			return slices.Contains(paths, p)
		}); len(missing) == 0 {
			return paths, batches
		}
	}
}

// none asserts that nothing was reported since the last batch taken.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	if b := settle(t, w); len(b.Paths) > 0 || b.Rescan {
		t.Fatalf("unexpected batch %+v", b)
	}
}

// exactly asserts that exactly want was reported since the last batch
// taken, in one batch.
func exactly(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	if b := settle(t, w); !slices.Equal(b.Paths, want) || b.Rescan {
		t.Fatalf("batch %+v, want exactly %q", b, want)
	}
}

// watched is the sorted slash paths, relative to the root, of every
// folder fsnotify watches.
func watched(t *testing.T, w *Watcher) []string {
	t.Helper()
	var rels []string
	for _, name := range w.fsw.WatchList() {
		rel, err := filepath.Rel(w.root, name)
		if err != nil || !filepath.IsLocal(rel) {
			t.Errorf("watching %s, outside the root %s", name, w.root)
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	slices.Sort(rels)
	return rels
}

func wantWatched(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	if got := watched(t, w); !slices.Equal(got, want) {
		t.Errorf("watching\n%q\nwant\n%q", got, want)
	}
}

// A2: a folder that appears is watched, and every file already in it is
// reported, however it appeared.
func TestNewFolder(t *testing.T) {
	t.Parallel()
	t.Run("mkdir then write", func(t *testing.T) {
		t.Parallel()
		root := newSite(t)
		w := start(t, root, Options{})
		write(t, root, "content/rabbits/hutch.md")
		gather(t, w, "content/rabbits", "content/rabbits/hutch.md")
		write(t, root, "content/rabbits/hay.md")
		exactly(t, w, "content/rabbits/hay.md")
	})
	t.Run("MkdirAll deep tree", func(t *testing.T) {
		t.Parallel()
		root := newSite(t)
		w := start(t, root, Options{})
		write(t, root, "content/a/b/c/d/e.md")
		write(t, root, "content/a/b/top.md")
		gather(t, w, "content/a", "content/a/b", "content/a/b/c", "content/a/b/c/d",
			"content/a/b/c/d/e.md", "content/a/b/top.md")
		write(t, root, "content/a/b/c/d/f.md")
		exactly(t, w, "content/a/b/c/d/f.md")
	})
	t.Run("moved in from outside", func(t *testing.T) {
		t.Parallel()
		root, outside := newSite(t), t.TempDir()
		write(t, outside, "birds/cage.md")
		write(t, outside, "birds/seed/millet.md")
		w := start(t, root, Options{})
		must(t, os.Rename(filepath.Join(outside, "birds"), filepath.Join(root, "content/birds")))
		// These files existed before the folder appeared: only the walk of
		// the new folder can report them.
		exactly(t, w, "content/birds", "content/birds/cage.md", "content/birds/seed", "content/birds/seed/millet.md")
		write(t, root, "content/birds/seed/oats.md")
		exactly(t, w, "content/birds/seed/oats.md")
	})
}

// A3: renaming a folder reports both names, watches the new one and
// leaves no watch under the old one.
func TestRenameFolder(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	must(t, os.Rename(filepath.Join(root, "content/dogs"), filepath.Join(root, "content/canines")))
	paths, _ := gather(t, w, "content/dogs", "content/canines", "content/canines/walking.md",
		"content/canines/health", "content/canines/health/vaccines.md")
	for _, p := range paths {
		if strings.HasPrefix(p, "content/dogs/") {
			t.Errorf("batch names %s: a folder that disappears is named alone", p)
		}
	}
	wantWatched(t, w, ".", "assets", "content", "content/canines", "content/canines/health", "content/cats", "templates")

	write(t, root, "content/canines/health/worms.md")
	exactly(t, w, "content/canines/health/worms.md")

	t.Run("moved out", func(t *testing.T) {
		must(t, os.Rename(filepath.Join(root, "content/canines"), filepath.Join(t.TempDir(), "canines")))
		exactly(t, w, "content/canines")
		wantWatched(t, w, ".", "assets", "content", "content/cats", "templates")
	})
}

// A4: deletes are reported, and a deleted folder's watches are gone.
func TestDelete(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	must(t, os.Remove(filepath.Join(root, "content/cats/feeding.md")))
	exactly(t, w, "content/cats/feeding.md")

	must(t, os.RemoveAll(filepath.Join(root, "content/dogs")))
	gather(t, w, "content/dogs")
	wantWatched(t, w, ".", "assets", "content", "content/cats", "templates")
}

// A5: an editor's atomic save is one batch that names the target.
func TestAtomicSave(t *testing.T) {
	t.Parallel()
	const target = "content/dogs/walking.md"
	for _, tc := range []struct {
		name string
		save func(t *testing.T, root string)
		want []string
	}{{
		name: "vim backupcopy=yes",
		save: func(t *testing.T, root string) {
			write(t, root, "content/dogs/4913")
			must(t, os.Remove(filepath.Join(root, "content/dogs/4913")))
			write(t, root, target+"~")
			write(t, root, "content/dogs/.walking.md.swp")
			write(t, root, target)
			must(t, os.Remove(filepath.Join(root, target+"~")))
		},
		want: []string{target},
	}, {
		name: "vim backupcopy=no",
		save: func(t *testing.T, root string) {
			write(t, root, "content/dogs/4913")
			must(t, os.Remove(filepath.Join(root, "content/dogs/4913")))
			rename(t, root, target, target+"~")
			write(t, root, target)
			must(t, os.Remove(filepath.Join(root, target+"~")))
		},
		want: []string{target},
	}, {
		name: "hidden temp file renamed over",
		save: func(t *testing.T, root string) {
			write(t, root, "content/dogs/.walking.md.tmp")
			rename(t, root, "content/dogs/.walking.md.tmp", target)
		},
		want: []string{target},
	}, {
		// sed -i's temp file has a name that is not ignored, so the batch
		// names it too, though it is gone: see the package doc.
		name: "sed -i",
		save: func(t *testing.T, root string) {
			write(t, root, "content/dogs/sedAb12Cd")
			rename(t, root, "content/dogs/sedAb12Cd", target)
		},
		want: []string{"content/dogs/sedAb12Cd", target},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t)
			w := start(t, root, Options{})
			tc.save(t, root)
			exactly(t, w, tc.want...)
		})
	}
}

// A6: editor noise alone sends no batch; so do hidden folders like .git.
func TestEditorNoise(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	for _, rel := range []string{
		"content/dogs/.walking.md.swp", "content/dogs/.walking.md.swx",
		"content/dogs/walking.md~", "content/dogs/#walking.md#", "content/dogs/4913",
		"content/dogs/.walking.md.tmp", ".git/index", ".git/objects/ab/cdef",
	} {
		write(t, root, rel)
	}
	// Emacs's lock file is a dangling symlink.
	must(t, os.Symlink("user@host.123", filepath.Join(root, "content/dogs/.#walking.md")))
	must(t, os.Remove(filepath.Join(root, "content/dogs/4913")))
	none(t, w)
	wantWatched(t, w, ".", "assets", "content", "content/cats", "content/dogs", "content/dogs/health", "templates")
}

// A7: a burst of 200 writes that the caller is too busy to take batch by
// batch reaches it as one batch naming all 200 files.
func TestBurst(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	var want []string
	for i := range 200 {
		rel := fmt.Sprintf("content/dogs/breed-%03d.md", i)
		write(t, root, rel)
		want = append(want, rel)
	}
	exactly(t, w, want...)
}

// A8: site.yaml, templates and assets are reported like content.
func TestSiteFiles(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	for _, rel := range []string{"site.yaml", "templates/guide.html", "assets/style.css", "templates/partials/gear.html"} {
		write(t, root, rel)
	}
	gather(t, w, "site.yaml", "templates/guide.html", "assets/style.css", "templates/partials", "templates/partials/gear.html")
}

// A10: an fsnotify error or overflow gives a rescan, never silence, and
// the tree is watched afresh. A real kernel queue overflow needs root to
// lower fs.inotify.max_queued_events, so the test hands the real error
// values to the real watcher the way fsnotify's Errors channel does:
// through forwardErrors into run.
func TestLostEvents(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{})
	errs := make(chan error)
	defer close(errs)
	go w.forwardErrors(errs)

	// Lose the watch of content/dogs, as if its events had been lost.
	must(t, w.fsw.Remove(filepath.Join(root, "content/dogs")))
	for _, err := range []error{fsnotify.ErrEventOverflow, io.EOF} {
		errs <- err
		b := next(t, w)
		if !b.Rescan || !errors.Is(b.Err, err) || len(b.Paths) != 0 {
			t.Errorf("after %v: batch %+v, want a rescan for it", err, b)
		}
	}
	wantWatched(t, w, ".", "assets", "content", "content/cats", "content/dogs", "content/dogs/health", "templates")
	write(t, root, "content/dogs/walking.md")
	exactly(t, w, "content/dogs/walking.md")
}

// Excluded folders are neither watched nor reported, also when they appear
// later, and also when a build swaps in a new output dir.
func TestExclude(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	write(t, root, "public/index.html")
	write(t, root, "drafts/keep.md")
	w := start(t, root, Options{Exclude: []string{"public", "./drafts/old/"}})
	write(t, root, "public/index.html")
	// How the output package replaces public/.
	write(t, root, ".public.tmp-1/index.html")
	rename(t, root, "public", ".public.old-1", ".public.tmp-1", "public")
	must(t, os.RemoveAll(filepath.Join(root, ".public.old-1")))
	write(t, root, "public/dogs/index.html")
	write(t, root, "drafts/old/x/y.md")
	none(t, w)
	wantWatched(t, w, ".", "assets", "content", "content/cats", "content/dogs", "content/dogs/health", "drafts", "templates")

	write(t, root, "publicity.md")
	write(t, root, "drafts/new.md")
	gather(t, w, "publicity.md", "drafts/new.md")
}

func TestIgnoreOption(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{Ignore: func(name string) bool { return name == "health" }})
	write(t, root, "content/dogs/health/fleas.md")
	write(t, root, "content/cats/health/fleas.md")
	none(t, w)
	write(t, root, "content/dogs/.walking.md.swp")
	exactly(t, w, "content/dogs/.walking.md.swp")
}

// Symlinked folders are named but never followed.
func TestSymlinks(t *testing.T) {
	t.Parallel()
	root, outside := newSite(t), t.TempDir()
	write(t, outside, "sub/a.md")
	must(t, os.Symlink(outside, filepath.Join(root, "content/before")))
	w := start(t, root, Options{})
	must(t, os.Symlink(outside, filepath.Join(root, "content/after")))
	exactly(t, w, "content/after")
	write(t, outside, "sub/b.md")
	write(t, outside, "c.md")
	none(t, w)
	wantWatched(t, w, ".", "assets", "content", "content/cats", "content/dogs", "content/dogs/health", "templates")
}

// Changes that never stop still give a batch after MaxWait.
func TestMaxWait(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	w := start(t, root, Options{Debounce: time.Hour, MaxWait: 50 * time.Millisecond})
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				write(t, root, "content/dogs/walking.md")
			}
		}
	}()
	b := next(t, w)
	close(stop)
	<-stopped
	if !slices.Equal(b.Paths, []string{"content/dogs/walking.md"}) {
		t.Errorf("batch %+v", b)
	}
}

// A caller that has not taken a batch finds the next one merged into it.
func TestSendMerges(t *testing.T) {
	t.Parallel()
	w := &Watcher{batches: make(chan Batch, 1)}
	w.send(Batch{Paths: []string{"b", "c"}})
	w.send(Batch{Paths: []string{"a", "c"}, Rescan: true, Err: io.EOF})
	w.send(Batch{Paths: []string{"d"}})
	b := <-w.batches
	if !slices.Equal(b.Paths, []string{"a", "b", "c", "d"}) || !b.Rescan || !errors.Is(b.Err, io.EOF) {
		t.Errorf("merged %+v", b)
	}
	if len(w.batches) != 0 {
		t.Error("more than one batch waiting")
	}
}

func TestNewFails(t *testing.T) {
	t.Parallel()
	root := newSite(t)
	for _, dir := range []string{"../public", "/public", ".", ""} {
		if w, err := New(root, Options{Exclude: []string{dir}}); err == nil {
			w.Close()
			t.Errorf("exclude %q: no error", dir)
		}
	}
	for _, bad := range []string{filepath.Join(root, "site.yaml"), filepath.Join(root, "missing")} {
		if w, err := New(bad, Options{}); err == nil {
			w.Close()
			t.Errorf("New(%s): no error", bad)
		}
	}
}

// Close is prompt, closes Batches, can be called twice and leaves no
// goroutine behind, also with a batch pending and one waiting untaken.
// Not parallel: it counts goroutines, and parallel tests only start after
// the sequential ones.
func TestClose(t *testing.T) {
	root := newSite(t)
	w, err := New(root, Options{})
	must(t, err)
	write(t, root, "content/dogs/walking.md")
	deadline := time.Now().Add(hang)
	for len(w.Batches()) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	write(t, root, "content/cats/feeding.md")
	must(t, w.Close())
	must(t, w.Close())
	for closed := false; !closed; {
		select {
		case _, ok := <-w.Batches():
			closed = !ok
		case <-time.After(hang):
			t.Fatal("Batches not closed")
		}
	}
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "fsnotify") && !strings.Contains(stacks, "internal/watch.(*Watcher)") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after Close:\n%s", stacks)
		}
		time.Sleep(time.Millisecond)
	}
}
