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

// Tx is a Write that receives its files one at a time, as a build renders
// them, so the whole site never has to sit in memory. Files go into the temp
// dir beside the output; Commit swaps it in, Abort throws it away. Until
// Commit the output dir is untouched.
//
// Add is safe to call from many goroutines; it hands the file to a pool of
// writers, because making files waits on the disk, not the CPU.
type Tx struct {
	real, tmp string
	dirs      sync.Map // slash dir -> struct{}: made in tmp already
	queue     chan File
	writers   sync.WaitGroup
	mu        sync.Mutex
	err       error // the first error of any writer
	done      bool
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
	t := &Tx{real: real, tmp: tmp, queue: make(chan File, 4*minWorkers)}
	for range minWorkers {
		t.writers.Go(t.write)
	}
	return t, nil
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
	err := writeFile(filepath.Join(t.tmp, filepath.FromSlash(f.Path)), f.Data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("output path %q is produced twice, or is also a directory", f.Path)
	}
	return inOutput(err, f.Path)
}

// mkdirAll makes dir and its parents in the temp dir, each once.
func (t *Tx) mkdirAll(dir, forFile string) error {
	if _, made := t.dirs.Load(dir); made {
		return nil
	}
	if parent := path.Dir(dir); parent != "." {
		if err := t.mkdirAll(parent, forFile); err != nil {
			return err
		}
	}
	native := filepath.Join(t.tmp, filepath.FromSlash(dir))
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

// Commit waits for every queued file, writes the marker and swaps the new
// dir in. On error the previous output is left as it was.
func (t *Tx) Commit() error {
	defer lock.Unlock()
	t.finish()
	err := t.firstErr()
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

// Abort throws the new output away; the previous one stays.
func (t *Tx) Abort() {
	defer lock.Unlock()
	t.finish()
	_ = removeTree(t.tmp)
}
