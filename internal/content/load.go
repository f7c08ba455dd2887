// Package content reads a site's content/ folder: every Markdown file becomes
// a Page (frontmatter decoded strictly, Markdown rendered, links collected
// with their positions) and every other file is kept to be published as is.
//
// Input: an fs.FS rooted at the site dir. Output: a *Content and the
// diagnostics of every file. Parsing a file depends on that file alone (a
// page's URL follows from its path), so files parse in parallel, and a
// rebuild can re-parse only what changed.
//
// The one thing to know before changing it: links are rewritten here but
// checked in the site package, which alone knows which pages exist.
package content

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/careguide/careguide/internal/diag"
)

// Dir is the folder of a site that holds its content.
const Dir = "content"

// Content is everything found under content/.
type Content struct {
	Pages []*Page // sorted by Path
	Files []File  // images and other files, sorted by Path
	// Failed holds the paths of Markdown files too broken to become pages;
	// links to them are not reported again as links to missing pages.
	Failed map[string]bool
}

// File is a non-Markdown file under content/, published at the same path.
type File struct {
	Path string // slash path inside content/
	// Data are the file's bytes; nil for a photo (IsPhoto), of which only
	// Sum is kept: the images stage reads a photo with ReadPhoto when it
	// has to process it, so a site of thousands of phone photos is never
	// all in memory at once.
	Data []byte
	Sum  [sha256.Size]byte // sha256 of a photo's bytes; zero for other files
	// Shared marks an image of the site's assets/images/ (SharedImages),
	// which any page shows by its site path, /assets/images/<name>; its
	// Path is "assets/images/<name>", where it is published.
	Shared bool
}

// SharedImages is the folder of a site whose images every page may show:
// a photo used by several guides, or a logo. They are processed like the
// images of content/, and published at the same path.
const SharedImages = "assets/images"

// Name is the file's path in the site dir, as messages name it.
func (f *File) Name() string {
	if f.Shared {
		return f.Path
	}
	return Dir + "/" + f.Path
}

// IsPhoto reports whether a content file is a raster image: JPEG, PNG, GIF
// or WebP.
func IsPhoto(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// ReadFile returns the file's bytes: Data, or a photo's bytes read from
// fsys, the site dir. A photo that no longer has the bytes Sum was made
// of is an error: it changed after it was loaded, and what is built
// from it would not match what the site was built with.
func (f *File) ReadFile(fsys fs.FS) ([]byte, error) {
	if !IsPhoto(f.Path) {
		return f.Data, nil
	}
	data, err := fs.ReadFile(fsys, f.Name())
	if err == nil && sha256.Sum256(data) != f.Sum {
		err = fmt.Errorf("%s changed during the build; it is built again when it is saved", f.Name())
	}
	return data, err
}

// LoadFile reads the content file at rel (a path inside content/): its
// bytes, or for a photo only their sha256.
func LoadFile(fsys fs.FS, rel string) (File, error) {
	return File{Path: rel}.load(fsys)
}

// load reads f's bytes, or a photo's sha256, read a piece at a time.
func (f File) load(fsys fs.FS) (File, error) {
	var err error
	if !IsPhoto(f.Path) {
		f.Data, err = fs.ReadFile(fsys, f.Name())
		return f, err
	}
	file, err := fsys.Open(f.Name())
	if err != nil {
		return f, err
	}
	defer file.Close()
	h := sha256.New()
	_, err = io.Copy(h, file)
	f.Sum = [sha256.Size]byte(h.Sum(nil))
	return f, err
}

// Load walks content/ in fsys and parses every page in parallel. It always
// returns a Content, empty when content/ cannot be read.
func Load(fsys fs.FS, opts *Options) (*Content, diag.List) {
	var mdPaths, filePaths []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != Dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // folders, and symlinks: never follow a link out of the site
		}
		rel := strings.TrimPrefix(p, Dir+"/")
		if path.Ext(rel) == ".md" {
			mdPaths = append(mdPaths, rel)
		} else {
			filePaths = append(filePaths, rel)
		}
		return nil
	})
	if err != nil {
		// An empty Content, so that the stages after this one report
		// their own problems instead of stumbling on nothing.
		return &Content{Failed: map[string]bool{}}, diag.List{{File: Dir, Code: diag.CodeRead, Message: err.Error(),
			Hint: "a site needs a content/ folder with at least content/_index.md"}}
	}
	shared, sharedDiags := sharedImages(fsys, filePaths)
	c := &Content{Pages: make([]*Page, len(mdPaths)), Files: make([]File, 0, len(filePaths)+len(shared))}
	diags := diag.Parallel(len(mdPaths), func(i int) diag.List {
		buf := sources.Get().(*[]byte)
		data, err := readFile(fsys, Dir+"/"+mdPaths[i], (*buf)[:0])
		if cap(data) <= MaxFileSize { // a file too big to parse is not kept for the next
			*buf = data
			defer sources.Put(buf)
		}
		if err != nil {
			return diag.List{{File: Dir + "/" + mdPaths[i], Code: diag.CodeRead, Message: err.Error()}}
		}
		page, diags := Parse(mdPaths[i], data, opts)
		c.Pages[i] = page
		return diags
	})
	c.Failed = map[string]bool{}
	for i, p := range c.Pages {
		if p == nil {
			c.Failed[mdPaths[i]] = true
		}
	}
	c.Pages = slices.DeleteFunc(c.Pages, func(p *Page) bool { return p == nil })
	for _, p := range filePaths {
		c.Files = append(c.Files, File{Path: p})
	}
	c.Files = append(c.Files, shared...)
	slices.SortFunc(c.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	diags = append(diags, diag.Parallel(len(c.Files), func(i int) diag.List {
		var err error
		if c.Files[i], err = c.Files[i].load(fsys); err != nil {
			return diag.List{{File: c.Files[i].Name(), Code: diag.CodeRead, Message: err.Error()}}
		}
		return nil
	})...)
	return c, append(diags, sharedDiags...)
}

// sharedImages lists the images of the site's assets/images/, with the
// error of any that has the path of a file of content/ (both would be
// published there).
func sharedImages(fsys fs.FS, inContent []string) ([]File, diag.List) {
	var (
		files []File
		diags diag.List
		taken = map[string]bool{}
	)
	for _, p := range inContent {
		if strings.HasPrefix(p, SharedImages+"/") {
			taken[p] = true
		}
	}
	fs.WalkDir(fsys, SharedImages, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // no such folder: nothing to share
		case Ignored(d.Name()) && p != SharedImages:
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular() || !IsPhoto(p) && !strings.EqualFold(path.Ext(p), ".svg"):
			return nil
		case taken[p]:
			diags = append(diags, diag.Errorf(Dir+"/"+p, 0, 0, diag.CodeRead,
				"keep one of them: images that several pages show belong in "+SharedImages+"/",
				"%s/%s and %s are both published at /%s", Dir, p, p, p))
			return nil
		}
		files = append(files, File{Path: p, Shared: true})
		return nil
	})
	return files, diags
}

// sources hold Markdown files while they parse: Parse keeps nothing of
// its input, so one buffer per CPU reads every file of a build.
var sources = sync.Pool{New: func() any { return new([]byte) }}

// readFile is fs.ReadFile into buf, which it grows as needed.
func readFile(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() < MaxFileSize {
		buf = slices.Grow(buf, int(info.Size())+1) // +1: room to see EOF
	}
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 512)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// Ignored reports whether a file or folder name is not content: hidden
// files, and the backup and swap files editors leave beside the real ones.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913"
}
