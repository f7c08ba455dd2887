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
	Data []byte
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
	c := &Content{Pages: make([]*Page, len(mdPaths)), Files: make([]File, len(filePaths))}
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
	diags = append(diags, diag.Parallel(len(filePaths), func(i int) diag.List {
		data, err := fs.ReadFile(fsys, Dir+"/"+filePaths[i])
		c.Files[i] = File{Path: filePaths[i], Data: data}
		if err != nil {
			return diag.List{{File: Dir + "/" + filePaths[i], Code: diag.CodeRead, Message: err.Error()}}
		}
		return nil
	})...)
	return c, diags
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
