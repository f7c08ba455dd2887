package output

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The dirs Write keeps beside the output dir, named ".<base>.<kind>-<16 hex>".
const (
	kindTmp   = "tmp"   // a new output being written; garbage if found later
	kindOld   = "old"   // the previous output, complete, moved aside by a swap
	kindTrash = "trash" // being deleted; garbage
)

const randLen = 16

// sideName returns a new random name for a dir beside the output dir.
// The randomness only has to avoid collisions, not be unguessable: the
// names live in the user's own dir.
func sideName(parent, base, kind string) string {
	return filepath.Join(parent, fmt.Sprintf(".%s.%s-%0*x", base, kind, randLen, rand.Uint64()))
}

// sideKind returns the kind of a dir beside the output dir, or "" if the
// name is not one Write makes. The suffix must be exactly what sideName
// makes so that an unrelated ".public.tmp-notes" is never touched.
func sideKind(base, name string) string {
	rest, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return ""
	}
	kind, suffix, ok := strings.Cut(rest, "-")
	if !ok || len(suffix) != randLen || strings.Trim(suffix, "0123456789abcdef") != "" {
		return ""
	}
	switch kind {
	case kindTmp, kindOld, kindTrash:
		return kind
	}
	return ""
}

// recoverDir repairs what a killed Write left beside real: if real is
// missing but a previous output was moved aside, it is moved back; every
// other leftover is deleted.
func recoverDir(real string) error {
	parent, base := filepath.Dir(real), filepath.Base(real)
	if parent == real {
		return nil
	}
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("looking for leftovers of earlier builds: %w", err)
	}
	var olds, garbage []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		switch sideKind(base, e.Name()) {
		case kindOld:
			olds = append(olds, filepath.Join(parent, e.Name()))
		case kindTmp, kindTrash:
			garbage = append(garbage, filepath.Join(parent, e.Name()))
		}
	}
	olds, err = restoreOld(real, olds)
	if err != nil {
		return err
	}
	for _, dir := range append(garbage, olds...) {
		if err := discard(dir, base); err != nil {
			return fmt.Errorf("removing %s, left over from an earlier build: %w; delete it by hand", dir, err)
		}
	}
	return nil
}

// restoreOld moves the previous output back to real if a Write died
// between its two renames. It returns the old dirs that are now garbage.
func restoreOld(real string, olds []string) ([]string, error) {
	_, err := os.Lstat(real)
	if err == nil || len(olds) == 0 {
		return olds, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output dir: %w", err)
	}
	if len(olds) > 1 {
		// Only one old dir can exist when real is missing unless someone
		// moved things by hand; guessing could bring back a stale site.
		return nil, fmt.Errorf("output dir %s is missing and there are several earlier outputs beside it (%s); "+
			"rename the one to keep to %s and delete the others", real, strings.Join(olds, ", "), real)
	}
	if err := os.Rename(olds[0], real); err != nil {
		return nil, fmt.Errorf("restoring the previous output %s to %s: %w", olds[0], real, err)
	}
	return nil, nil
}

// discard deletes a dir beside the output dir named base. It renames it
// to a trash name first so that, if deletion is interrupted, the
// half-deleted dir is never taken for a complete old output.
func discard(dir, base string) error {
	if sideKind(base, filepath.Base(dir)) != kindTrash {
		trash := sideName(filepath.Dir(dir), base, kindTrash)
		if err := os.Rename(dir, trash); err != nil {
			return err
		}
		dir = trash
	}
	return removeTree(dir)
}

// removeTree deletes dir and everything in it. A site's old output can be
// 30,000 files, and os.RemoveAll deletes them one at a time while each
// unlink waits on the disk, so this works level by level: list the dirs of
// a level in parallel, unlink their files in parallel, then remove the
// dirs deepest first. Anything it trips over is left to os.RemoveAll.
func removeTree(dir string) error {
	levels := [][]string{{dir}}
	for {
		files, subdirs, err := listLevel(levels[len(levels)-1])
		if err == nil {
			err = parallel(len(files), func(i int) error { return os.Remove(files[i]) })
		}
		if err != nil {
			return os.RemoveAll(dir)
		}
		if len(subdirs) == 0 {
			break
		}
		levels = append(levels, subdirs)
	}
	for _, level := range slices.Backward(levels) {
		if err := parallel(len(level), func(i int) error { return os.Remove(level[i]) }); err != nil {
			return os.RemoveAll(dir)
		}
	}
	return nil
}

// listLevel lists dirs in parallel and returns the files (and symlinks,
// which are removed, never followed) and the subdirs in them.
func listLevel(dirs []string) (files, subdirs []string, err error) {
	var mu sync.Mutex
	err = parallel(len(dirs), func(i int) error {
		f, err := os.Open(dirs[i])
		if err != nil {
			return err
		}
		entries, err := f.ReadDir(-1) // unsorted: order does not matter here
		f.Close()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, e := range entries {
			name := filepath.Join(dirs[i], e.Name())
			if e.IsDir() {
				subdirs = append(subdirs, name)
			} else {
				files = append(files, name)
			}
		}
		return nil
	})
	return files, subdirs, err
}
