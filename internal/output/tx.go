package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Tx is the one way files reach the output dir: it receives them one at a
// time, as a build makes them, so the whole site never has to sit in
// memory, and hands each to a pool of writers, because making files waits
// on the disk, not the CPU. A Tx from Begin writes a new site into a temp
// dir beside the output; Commit swaps it in, Abort throws it away, and
// until Commit the output dir is untouched. A Tx from BeginUpdate changes
// an output dir in place, file by file, each written beside itself and
// renamed over the old one (see Update).
//
// Add is safe to call from many goroutines. Commit and Abort end the Tx;
// after the first, both do nothing, so `defer tx.Abort()` cleans up after
// any early return or panic.
type Tx struct {
	real    string
	tmp     string // the new site's dir; "" when updating real in place
	removed []string
	dirs    sync.Map // slash dir -> struct{}: made already
	queue   chan File
	writers sync.WaitGroup
	mu      sync.Mutex
	err     error // the first error of any writer
	done    bool  // the writers have stopped
	ended   bool  // Commit or Abort ran
}

// Begin checks dir like CheckDir and opens a Tx that will replace it. Only
// one Tx or Write runs at a time in a process; Commit or Abort ends it.
func Begin(dir string, opts Options) (*Tx, error) {
	lock.Lock()
	real, err := checkDir(dir, opts)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	parent := filepath.Dir(real)
	if parent == real {
		lock.Unlock()
		return nil, fmt.Errorf("cannot write the site into %s: a filesystem root cannot be replaced, even with --force", real)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("creating the parent of the output dir: %w", err)
	}
	tmp := sideName(parent, filepath.Base(real), kindTmp)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("creating a temp dir for the new output: %w", err)
	}
	return start(real, tmp), nil
}

// BeginUpdate opens a Tx that changes dir, an output dir careguide made,
// in place: the files added replace theirs, and Remove's go away. The
// output's own lock is not held, since the dir is never replaced whole;
// only one Tx of either kind may change one dir at a time.
func BeginUpdate(dir string) (*Tx, error) {
	if !isOwned(dir) {
		return nil, fmt.Errorf("%w: %s was not written by careguide (no %s)", ErrRefused, dir, markerName)
	}
	lock.Lock()
	return start(dir, ""), nil
}

func start(real, tmp string) *Tx {
	t := &Tx{real: real, tmp: tmp, queue: make(chan File, 4*minWorkers)}
	for range minWorkers {
		t.writers.Go(t.write)
	}
	return t
}

// base is the dir files are written under.
func (t *Tx) base() string {
	if t.tmp != "" {
		return t.tmp
	}
	return t.real
}

// Remove deletes paths of the output when an in-place Tx commits, and the
// dirs they leave empty.
func (t *Tx) Remove(paths ...string) error {
	for _, p := range paths {
		if err := t.check(p); err != nil {
			t.fail(err)
			return err
		}
	}
	t.mu.Lock()
	t.removed = append(t.removed, paths...)
	t.mu.Unlock()
	return nil
}

// Add queues one file, and calls its Done once it is written. It returns
// the first error any file has met so far, without queueing f or calling
// its Done; after an error the Tx can only be aborted.
func (t *Tx) Add(f File) error {
	if err := t.check(f.Path); err != nil {
		t.fail(err)
		return err
	}
	if err := t.firstErr(); err != nil {
		return err
	}
	t.queue <- f
	return nil
}

func (t *Tx) check(p string) error {
	if _, err := CleanPath(p); err != nil {
		return err
	}
	if first, _, _ := strings.Cut(p, "/"); first == markerName {
		return fmt.Errorf("output path %q: %s is reserved for careguide's marker file", p, markerName)
	}
	return nil
}

func (t *Tx) write() {
	for f := range t.queue {
		if t.firstErr() == nil { // else drain: Commit or Abort is coming
			if err := t.writeOne(f); err != nil {
				t.fail(err)
			}
		}
		if f.Done != nil {
			f.Done()
		}
	}
}

func (t *Tx) writeOne(f File) error {
	if dir := path.Dir(f.Path); dir != "." {
		if err := t.mkdirAll(dir, f.Path); err != nil {
			return err
		}
	}
	name := filepath.Join(t.base(), filepath.FromSlash(f.Path))
	if t.tmp == "" {
		// In place: a reader sees the old file or the new one, never half.
		tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".careguide-tmp")
		os.Remove(tmp) // left by a run that was killed here
		if err := writeFile(tmp, f.Data); err != nil {
			return inOutput(err, f.Path)
		}
		if err := os.Rename(tmp, name); err != nil {
			os.Remove(tmp)
			return inOutput(err, f.Path)
		}
		return nil
	}
	err := writeFile(name, f.Data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("output path %q is produced twice, or is also a directory", f.Path)
	}
	return inOutput(err, f.Path)
}

// mkdirAll makes dir and its parents where files are written, each once.
func (t *Tx) mkdirAll(dir, forFile string) error {
	if _, made := t.dirs.Load(dir); made {
		return nil
	}
	if parent := path.Dir(dir); parent != "." {
		if err := t.mkdirAll(parent, forFile); err != nil {
			return err
		}
	}
	native := filepath.Join(t.base(), filepath.FromSlash(dir))
	err := os.Mkdir(native, 0o755)
	if errors.Is(err, fs.ErrExist) { // another writer made it, or a file has its name
		if info, serr := os.Lstat(native); serr == nil && info.IsDir() {
			err = nil
		} else {
			return fmt.Errorf("output path %q is both a file and the directory holding %q", dir, forFile)
		}
	}
	if err != nil {
		return inOutput(err, dir)
	}
	t.dirs.Store(dir, struct{}{})
	return nil
}

func (t *Tx) fail(err error) {
	t.mu.Lock()
	if t.err == nil {
		t.err = err
	}
	t.mu.Unlock()
}

func (t *Tx) firstErr() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// finish stops the writers, once.
func (t *Tx) finish() {
	if !t.done {
		t.done = true
		close(t.queue)
		t.writers.Wait()
	}
}

// end reports whether the Tx was still open, and closes it.
func (t *Tx) end() bool {
	if t.ended {
		return false
	}
	t.ended = true
	return true
}

// Commit waits for every queued file and finishes: a new site gets the
// marker and is swapped in, and on error the previous output is left as
// it was; an in-place Tx removes what Remove named.
func (t *Tx) Commit() error {
	if !t.end() {
		return nil
	}
	defer lock.Unlock()
	t.finish()
	err := t.firstErr()
	if t.tmp == "" {
		if err == nil {
			err = t.removeFiles()
		}
		return err
	}
	if err == nil {
		err = inOutput(writeFile(filepath.Join(t.tmp, markerName), markerData), markerName)
	}
	if err != nil {
		// A temp dir that cannot be removed now is removed by the next run.
		_ = removeTree(t.tmp)
		return fmt.Errorf("writing the new output (%s is unchanged): %w", t.real, err)
	}
	return swap(t.tmp, t.real)
}

// removeFiles deletes the files Remove named, and the dirs they leave
// empty.
func (t *Tx) removeFiles() error {
	for _, p := range t.removed {
		if err := os.Remove(filepath.Join(t.real, filepath.FromSlash(p))); err != nil && !os.IsNotExist(err) {
			return inOutput(err, p)
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(t.real, filepath.FromSlash(d))) != nil {
				break // not empty, or gone
			}
		}
	}
	return nil
}

// Abort ends a Tx that did not Commit: a new site is thrown away and the
// previous one stays; an in-place Tx stops, keeping the files it already
// replaced. After Commit it does nothing.
func (t *Tx) Abort() {
	if !t.end() {
		return
	}
	defer lock.Unlock()
	t.finish()
	if t.tmp != "" {
		_ = removeTree(t.tmp)
	}
}
