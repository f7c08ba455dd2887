package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Write replaces dir with exactly files, atomically from a reader's point of
// view: it calls CheckDir, writes everything and the marker file into a new
// dir beside dir, and swaps it in with two renames (see
// the package doc). On any error the previous dir is left as it was and the
// temp dir is removed.
//
// Every path must pass CleanPath; two files with one path, a path that is
// also another file's dir, or a path inside the marker's name are errors.
func Write(dir string, files []File, opts Options) error {
	// Validate first, so that a bad path fails before anything is written.
	if err := planTree(files); err != nil {
		return err
	}
	tx, err := Begin(dir, opts)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := tx.Add(f); err != nil {
			break // Commit reports it and removes the temp dir
		}
	}
	return tx.Commit()
}

// planTree checks files before anything is written: every path clean, no
// path twice, no path that is both a file and another file's dir.
func planTree(files []File) error {
	index := make(map[string]int, len(files))
	under := make(map[string]string) // dir -> one file inside it, for messages
	for i, f := range files {
		if _, err := CleanPath(f.Path); err != nil {
			return err
		}
		if first, _, _ := strings.Cut(f.Path, "/"); first == markerName {
			return fmt.Errorf("output path %q: %s is reserved for careguide's marker file", f.Path, markerName)
		}
		if j, dup := index[f.Path]; dup {
			return fmt.Errorf("output path %q is produced twice (files %d and %d of the build)", f.Path, j+1, i+1)
		}
		index[f.Path] = i
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if _, seen := under[d]; seen {
				break // its parents were added with it
			}
			under[d] = f.Path
		}
	}
	for _, f := range files {
		if inside, clash := under[f.Path]; clash {
			return fmt.Errorf("output path %q is both a file and the directory holding %q", f.Path, inside)
		}
	}
	return nil
}

// inOutput names the file in an error by its output path: the temp dir's
// name means nothing to the user and would be gone by the time they look.
func inOutput(err error, p string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %.200s: %w", pe.Op, p, pe.Err)
	}
	return err
}

// syncDir flushes a dir's entries, which fsync of the files in it does not
// promise to do.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // Windows cannot fsync a dir; NTFS journals entries itself.
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// swap puts the complete dir tmp in place of real and deletes what was
// there. Between its two renames real does not exist; recoverDir handles a
// run that dies there.
func swap(tmp, real string) error {
	parent, base := filepath.Dir(real), filepath.Base(real)
	old := ""
	switch _, err := os.Lstat(real); {
	case err == nil:
		old = sideName(parent, base, kindOld)
		if err := os.Rename(real, old); err != nil {
			_ = removeTree(tmp)
			return fmt.Errorf("moving the previous output aside (%s is unchanged): %w", real, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		_ = removeTree(tmp)
		return fmt.Errorf("output dir: %w", err)
	}
	if err := os.Rename(tmp, real); err != nil {
		if old != "" {
			// If this fails too, the next run restores old.
			_ = os.Rename(old, real)
		}
		_ = removeTree(tmp)
		return fmt.Errorf("moving the new output into place: %w", err)
	}
	syncErr := syncDir(parent)
	if old != "" {
		// The new site is in place; an old dir that cannot be deleted now
		// is deleted (or reported) by the next run.
		_ = discard(old, base)
	}
	if syncErr != nil {
		return fmt.Errorf("the new output is in %s but could not be flushed to disk: %w", real, syncErr)
	}
	return nil
}

// minWorkers is the fewest goroutines parallel uses. Making files and dirs
// spends its time waiting on the disk, not the CPU: on a 2-CPU VM, 16
// workers wrote 30,000 files 2.5 times as fast as 4.
const minWorkers = 16

// parallel calls fn(0) ... fn(n-1) on a pool of goroutines and returns the
// error of the lowest i that failed. After a failure no new calls start.
func parallel(n int, fn func(i int) error) error {
	workers := min(n, max(minWorkers, 2*runtime.GOMAXPROCS(0)))
	var (
		next   atomic.Int64
		failed atomic.Bool
		wg     sync.WaitGroup
		errs   = make([]error, n)
	)
	for range workers {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = fn(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
