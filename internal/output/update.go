package output

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
	// Every path is checked before any file is replaced.
	for _, f := range changed {
		if _, err := CleanPath(f.Path); err != nil {
			return err
		}
	}
	for _, p := range removed {
		if _, err := CleanPath(p); err != nil {
			return err
		}
	}
	tx, err := BeginUpdate(dir)
	if err != nil {
		return err
	}
	defer tx.Abort()
	for _, f := range changed {
		if err := tx.Add(f); err != nil {
			return err
		}
	}
	if err := tx.Remove(removed...); err != nil {
		return err
	}
	return tx.Commit()
}
