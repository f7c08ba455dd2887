package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/site"
)

// What a Builder does between runs: which sources changed, and whether the
// last site can take the changed pages without linking again.

// reread reads the file or folder at rel (a slash path inside content/,
// "" for content/ itself) again and returns the paths of sources that
// changed: read anew, added or gone.
func (b *Builder) reread(rel string) []string {
	full := path.Join(content.Dir, rel)
	info, err := fs.Lstat(b.siteFS, full)
	if err == nil && info.Mode().IsRegular() {
		// The common case, one saved file: no need to look at the others.
		if !hidden(rel) && b.read(rel) {
			return []string{rel}
		}
		return nil
	}
	var changed []string
	if _, ok := b.sources[rel]; ok { // a file that went away or is no longer a plain file
		b.setSource(rel, nil)
		changed = append(changed, rel)
	}
	if err == nil && !info.IsDir() {
		return changed
	}
	// A folder, or a path gone that may have been one: what was under it
	// may be gone too, and a folder's files may be new.
	for p := range b.sources {
		if rel == "" || strings.HasPrefix(p, rel+"/") {
			if _, err := fs.Lstat(b.siteFS, path.Join(content.Dir, p)); err != nil {
				b.setSource(p, nil)
				changed = append(changed, p)
			}
		}
	}
	if err != nil || hidden(rel) {
		return changed
	}
	fs.WalkDir(b.siteFS, full, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != full && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel := strings.TrimPrefix(p, content.Dir+"/"); d.Type().IsRegular() && b.read(rel) {
			changed = append(changed, rel)
		}
		return nil
	})
	return changed
}

// hidden reports whether any part of rel is a name content.Load skips.
func hidden(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if part != "" && content.Ignored(part) {
			return true
		}
	}
	return false
}

// read parses or reads one file and reports whether it differs from what
// was there.
func (b *Builder) read(rel string) bool {
	file := content.Dir + "/" + rel
	old := b.sources[rel]
	if path.Ext(rel) != ".md" {
		f, err := content.LoadFile(b.siteFS, rel)
		switch {
		case err != nil:
			b.setSource(rel, &source{diags: diag.List{{File: file, Code: diag.CodeRead, Message: err.Error()}}})
		case old != nil && old.file != nil && old.file.Sum == f.Sum && string(old.file.Data) == string(f.Data):
			return false
		default:
			b.setSource(rel, &source{file: &f})
		}
		return true
	}
	data, err := fs.ReadFile(b.siteFS, file)
	if err != nil {
		b.setSource(rel, &source{diags: diag.List{{File: file, Code: diag.CodeRead, Message: err.Error()}}})
		return true
	}
	page, diags := content.Parse(rel, data, b.copts)
	if old != nil && old.page != nil && page != nil && old.page.Hash == page.Hash {
		return false
	}
	b.setSource(rel, &source{page: page, diags: diags})
	return true
}

// setSource makes src the source at rel, or forgets rel when src is nil,
// and notes when the sources' diagnostics need gathering again.
func (b *Builder) setSource(rel string, src *source) {
	if old := b.sources[rel]; old != nil && len(old.diags) > 0 || src != nil && len(src.diags) > 0 {
		b.contentDiag = nil
	}
	if src == nil {
		delete(b.sources, rel)
	} else {
		b.sources[rel] = src
	}
}

// swapPages puts re-parsed pages in their old pages' places in the linked
// site, when nothing linking depends on changed: same frontmatter, links
// and anchors, all of them published pages that parsed before and now. It
// returns the pages it swapped, and whether it could.
func (b *Builder) swapPages(changed []string) ([]*site.Page, bool) {
	swaps := map[*site.Page]*content.Page{}
	for _, rel := range changed {
		src := b.sources[rel]
		if src == nil || src.page == nil || src.diags.HasErrors() {
			return nil, false
		}
		sp := b.site.Lookup(rel)
		if sp == nil {
			return nil, false
		}
		old, now := sp.Page, src.page
		if old.Front != now.Front || !slices.Equal(old.Anchors, now.Anchors) || !sameTargets(old.Links, now.Links) {
			return nil, false
		}
		swaps[sp] = now
	}
	var swapped []*site.Page
	for sp, now := range swaps {
		sp.Page = now
		swapped = append(swapped, sp)
	}
	return swapped, true
}

// sameTargets reports whether two pages link to the same places in the
// same order, wherever in the file the links stand.
func sameTargets(a, b []content.Link) bool {
	return slices.EqualFunc(a, b, func(x, y content.Link) bool {
		x.Line, x.Col, y.Line, y.Col = 0, 0, 0, 0
		return x == y
	})
}
