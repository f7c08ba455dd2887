package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// markerName is the file that says careguide made a dir. Without it an
// existing non-empty dir is someone else's, and replacing it would delete
// their files.
const markerName = ".careguide-output"

var markerData = []byte("careguide writes this directory; every build replaces all of it.\n")

// sourceDirs are the site's input dirs, relative to the site dir. Writing
// output into one of them would delete the user's sources.
var sourceDirs = []string{"content", "templates", "assets"}

// lock serializes CheckDir and Write within a process: recovery removes
// stale temp dirs, which would pull the floor from under a concurrent Write
// into the same dir (serve and a rebuild, say).
var lock sync.Mutex

// Options say where a site lives and whether to skip the safety checks.
type Options struct {
	// Force allows a dangerous output dir (see CheckDir).
	Force bool
	// SiteDir is the site's own dir, absolute or relative. The output may
	// not be it, contain it, or be inside its content/, templates/ or
	// assets/ dir. Empty skips those checks.
	SiteDir string
}

// CheckDir reports whether dir is safe to replace with a built site. Unless
// opts.Force is set it refuses a filesystem root, the home dir or any dir
// containing it, the site dir or any dir containing it, the site's content/,
// templates/ and assets/ dirs and anything inside them, and an existing
// non-empty dir without the marker file. Paths are made absolute and
// symlinks resolved first.
//
// If a previous Write was killed between its two renames, CheckDir first
// renames the previous output back into place, so it checks (and the build
// replaces) what the user last had. Stale temp dirs are removed.
func CheckDir(dir string, opts Options) error {
	lock.Lock()
	defer lock.Unlock()
	_, err := checkDir(dir, opts)
	return err
}

// checkDir is CheckDir without the lock; it returns the resolved dir, which
// is what Write replaces.
func checkDir(dir string, opts Options) (string, error) {
	real, err := resolve(dir)
	if err != nil {
		return "", fmt.Errorf("output dir %s: %w", dir, err)
	}
	if !opts.Force {
		if err := checkPlace(real, opts.SiteDir); err != nil {
			return "", err
		}
	}
	if err := recoverDir(real); err != nil {
		return "", err
	}
	return real, checkContents(real, opts.Force)
}

// checkPlace refuses dirs that are dangerous because of where they are.
func checkPlace(real, siteDir string) error {
	if filepath.Dir(real) == real {
		return refuse(real, "it is the root of a filesystem")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := resolve(home); err == nil && within(real, h) {
			if real == h {
				return refuse(real, "it is your home directory")
			}
			return refuse(real, "it contains your home directory "+h)
		}
	}
	if siteDir == "" {
		return nil
	}
	site, err := resolve(siteDir)
	if err != nil {
		return fmt.Errorf("site dir %s: %w", siteDir, err)
	}
	for _, sub := range sourceDirs {
		if within(filepath.Join(site, sub), real) {
			return refuse(real, "it is the site's "+sub+"/ dir or inside it, where your sources live")
		}
	}
	if real == site {
		return refuse(real, "it is the site dir itself")
	}
	if within(real, site) {
		return refuse(real, "it contains the site dir "+site)
	}
	return nil
}

// ErrRefused is wrapped by every error that refuses a dangerous output dir,
// so the command line can tell a bad --out from a failing disk.
var ErrRefused = errors.New("refusing to write the site")

func refuse(dir, why string) error {
	return fmt.Errorf("%w into %s: %s, and a build deletes everything in its output dir; "+
		"choose an empty or new directory, or pass --force to use it anyway", ErrRefused, dir, why)
}

// checkContents refuses an existing dir that holds someone else's files.
func checkContents(real string, force bool) error {
	info, err := os.Lstat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output dir: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output dir %s exists and is not a directory; remove it or choose another path", real)
	}
	if force || isOwned(real) {
		return nil
	}
	empty, err := isEmpty(real)
	if err != nil {
		return fmt.Errorf("output dir: %w", err)
	}
	if !empty {
		return fmt.Errorf("%w into %s: it is not empty and careguide did not create it (it has no %s file), "+
			"and a build deletes everything in it; choose an empty or new directory, or pass --force to use it anyway",
			ErrRefused, real, markerName)
	}
	return nil
}

func isOwned(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, markerName))
	return err == nil && info.Mode().IsRegular()
}

// isEmpty reads one name only: the dir may be huge.
func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// resolve makes p absolute and resolves symlinks in the part of it that
// exists, so that two spellings of one dir compare equal even when the
// output dir does not exist yet. A link to a dir not made yet resolves to
// that dir: a first build through public -> /var/www/pets creates it.
func resolve(p string) (string, error) {
	return resolveLinks(p, 0)
}

func resolveLinks(p string, links int) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	cur, rest := abs, ""
	for {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if target, err := os.Readlink(cur); err == nil {
			if links >= 40 { // as many as Linux follows
				return "", fmt.Errorf("%s: too many levels of symbolic links", abs)
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(cur), target)
			}
			return resolveLinks(filepath.Join(target, rest), links+1)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether inner is outer or inside it. Both must be
// absolute and clean.
func within(outer, inner string) bool {
	rel, err := filepath.Rel(outer, inner)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
