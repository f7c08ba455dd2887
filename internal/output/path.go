package output

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Limits on output paths. 255 bytes is the longest file name Linux, macOS
// and Windows filesystems accept; 4096 is Linux's PATH_MAX.
const (
	maxElemLen = 255
	maxPathLen = 4096
)

// File is one output of a build: a slash-separated path relative to the
// output dir ("guides/leash-training/index.html", "sitemap.xml") and its
// bytes. Package render makes Files and this package writes them; it is
// the one type of a file of the site from the one to the other.
type File struct {
	Path string
	Data []byte
	// Done, when set, may be called once, when Data is no longer needed,
	// and never before: Data's memory then holds a later page. Tx.Add calls
	// it from its writer once the file is written; Write does not call it.
	// A consumer that keeps Data, or does not know when it is done with it,
	// leaves Done alone and the garbage collector frees Data. Reusing the
	// memory of written pages saves a 10,000-guide build 300 MB of
	// allocation, and the collections they would cost.
	Done func()
}

// Keep is f for a consumer that holds on to its Data: a copy of just its
// bytes, with f's memory handed back for reuse.
func (f File) Keep() File {
	if f.Done == nil {
		return f
	}
	data := bytes.Clone(f.Data)
	f.Done()
	return File{Path: f.Path, Data: data}
}

// CleanPath validates an output path and returns it unchanged, or an error
// saying why it is not acceptable.
//
// It rejects rather than repairs: a path like "a/../b" or "a//b" means a bug
// in the stage that made it, and silently cleaning it could make two pages
// land on one file. Names starting with ".." are refused too. Names must be valid UTF-8 because every output path is
// also a URL path.
func CleanPath(p string) (string, error) {
	if err := checkPath(p); err != nil {
		return "", fmt.Errorf("output path %.80q: %w", p, err)
	}
	return p, nil
}

func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty")
	case len(p) > maxPathLen:
		return fmt.Errorf("longer than %d bytes", maxPathLen)
	case strings.HasPrefix(p, "/"):
		return errors.New("starts with /; output paths are relative to the output dir")
	case strings.Contains(p, `\`):
		return errors.New(`contains a backslash; use "/" to separate dirs`)
	case !utf8.ValidString(p):
		return errors.New("is not valid UTF-8")
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("contains control character %U", r)
		}
	}
	for elem := range strings.SplitSeq(p, "/") {
		switch {
		case elem == "":
			return errors.New(`has an empty element ("//" or a trailing "/")`)
		case elem == "." || elem == "..":
			return fmt.Errorf("has a %q element", elem)
		case strings.HasPrefix(elem, ".."):
			// Legal as a name, but no page needs it, and refusing it means
			// no output path can even look like a step out of the dir.
			return fmt.Errorf("has an element starting with \"..\" (%.40q)", elem)
		case len(elem) > maxElemLen:
			return fmt.Errorf("has an element longer than %d bytes", maxElemLen)
		}
	}
	// On Windows this also catches drive letters and reserved names like
	// NUL; elsewhere it repeats the checks above.
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return errors.New("is not a plain relative path on this system")
	}
	return nil
}
