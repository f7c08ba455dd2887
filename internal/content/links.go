package content

import (
	"net/url"
	"path"
	"strings"
)

// URLFor is the site path of the page made from the content file p
// ("guides/x.md" -> "/guides/x/"), under basePath ("/" or "/care/").
// It depends on the path alone, which is what lets pages be parsed, and
// their links rewritten, before the rest of the site is known.
func URLFor(basePath, p string) string {
	dir := pageDir(p)
	if dir == "" {
		return basePath
	}
	return basePath + dir + "/"
}

// pageDir is the folder inside the output that holds the page's index.html.
func pageDir(p string) string {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if file == "_index.md" || file == "index.md" {
		return dir
	}
	return path.Join(dir, strings.TrimSuffix(file, ".md"))
}

// linker rewrites the destinations written in one page's Markdown: links to
// .md files become page URLs, relative files become site paths, and every
// internal reference is remembered for the link stage to check.
type linker struct {
	dir      string // content folder of the source file
	basePath string
}

// ResolveLink implements markdown.LinkResolver.
func (l linker) ResolveLink(dest string) string {
	link, ok := l.target(dest)
	if !ok {
		return dest
	}
	href := ""
	switch {
	case link.Target == "":
		href = ""
	case link.Page:
		href = URLFor(l.basePath, link.Target)
	default:
		href = l.basePath + link.Target
	}
	if link.Fragment != "" {
		href += "#" + link.Fragment
	}
	return href
}

// target says where dest points inside the content, or false for external
// addresses and site paths that careguide does not check.
func (l linker) target(dest string) (Link, bool) {
	if isExternal(dest) {
		return Link{}, false
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if p == "" {
		return Link{Fragment: frag, Page: true}, true
	}
	isPage := strings.HasSuffix(p, ".md")
	if !isPage && (strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/")) {
		return Link{}, false // a site path such as /search/: not a content file
	}
	var target string
	if strings.HasPrefix(p, "/") {
		target = path.Clean(p[1:])
	} else {
		target = path.Join(l.dir, p)
	}
	return Link{Target: target, Fragment: frag, Page: isPage}, true
}

// isExternal reports whether dest has a scheme (https:, mailto:) or is
// protocol-relative (//host/x).
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}
