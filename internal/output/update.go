package output

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
)

// Update changes some files of dir, an output dir that Write or a Tx made,
// in place, for `careguide build --watch`: writing the whole site again
// for every edit would cost seconds on a big site. Each changed file is
// written to a temp file beside it and renamed over it, so a reader never
// sees a half-written file; each removed file is deleted, and so are the
// dirs it leaves empty. While Update runs the dir holds some files of the
// new build and some of the old, file by file; every file is whole.
//
// dir must carry the marker file (careguide made it), and every path must
// pass CleanPath.
func Update(dir string, changed []File, removed []string) error {
	if !isOwned(dir) {
		return fmt.Errorf("%w: %s was not written by careguide (no %s)", ErrRefused, dir, markerName)
	}
	for _, f := range changed {
		if err := checkPath(f.Path); err != nil {
			return fmt.Errorf("output path %.80q: %w", f.Path, err)
		}
	}
	for _, p := range removed {
		if err := checkPath(p); err != nil {
			return fmt.Errorf("output path %.80q: %w", p, err)
		}
	}
	for _, f := range changed {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return inOutput(err, f.Path)
		}
		tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".careguide-tmp")
		os.Remove(tmp) // left by a run that was killed here
		if err := writeFile(tmp, f.Data); err != nil {
			return inOutput(err, f.Path)
		}
		if err := os.Rename(tmp, name); err != nil {
			os.Remove(tmp)
			return inOutput(err, f.Path)
		}
	}
	for _, p := range removed {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !os.IsNotExist(err) {
			return inOutput(err, p)
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(d))) != nil {
				break // not empty, or gone
			}
		}
	}
	return nil
}
