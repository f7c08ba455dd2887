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

// linker rewrites the destinations written in one page's Markdown and
// remembers every internal one for the link stage to check:
//   - a link to a .md file ("../guides/x.md", "/guides/x.md") becomes the
//     page's URL;
//   - a site path ("/about/", "/feed.xml") is a path from the site's root,
//     not the host's: it gets the base path, so "/about/" is written out as
//     "/care/about/" on a site published at https://example.org/care/;
//   - a URL relative to the page ("../other/", ending in a slash) is left
//     as written, which a browser resolves under any base path, and is
//     checked where a browser would take it;
//   - any other relative path is a file beside the page's source, which
//     becomes its site path.
type linker struct {
	dir      string // content folder of the source file
	urlDir   string // the page's URL inside the site, without the base path: "guides/x/", "" for home
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
	case link.URL && !strings.HasPrefix(dest, "/"):
		return dest // relative: right under any base path
	case link.URL:
		href = l.basePath + link.Target
		if _, query, ok := strings.Cut(strings.SplitN(dest, "#", 2)[0], "?"); ok {
			href += "?" + query
		}
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

// target says where dest points inside the site, or false for external
// addresses.
func (l linker) target(dest string) (Link, bool) {
	if isExternal(dest) {
		return Link{}, false
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	switch {
	case p == "":
		return Link{Fragment: frag, Page: true}, true
	case strings.HasSuffix(p, ".md") && strings.HasPrefix(p, "/"):
		return Link{Target: path.Clean(p[1:]), Fragment: frag, Page: true}, true
	case strings.HasSuffix(p, ".md"):
		return Link{Target: path.Join(l.dir, p), Fragment: frag, Page: true}, true
	case strings.HasPrefix(p, "/"):
		return Link{Target: SitePath(p), Fragment: frag, URL: true}, true
	case strings.HasSuffix(p, "/"):
		return Link{Target: l.relative(p), Fragment: frag, URL: true}, true
	}
	return Link{Target: path.Join(l.dir, p), Fragment: frag}, true
}

// relative resolves a URL relative to the page as a browser does, from
// the page's full path; one that leaves the site (above the base path)
// keeps a leading "../", which matches nothing.
func (l linker) relative(p string) string {
	full := SitePath(l.basePath + l.urlDir + p) // "care/about/"
	base := strings.TrimPrefix(l.basePath, "/")
	if rest, ok := strings.CutPrefix(full, base); ok {
		return rest
	}
	return "../" + full
}

// SitePath cleans a path from the site's root ("/a/../about/") into the
// form Link.Target has for URLs: no leading slash, a trailing one kept
// ("about/"; "" for the root). A path that climbs above the root keeps its
// leading "..", which matches nothing.
func SitePath(p string) string {
	clean := path.Clean(p)
	if clean == "/" {
		return ""
	}
	clean = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(p, "/") {
		clean += "/"
	}
	return clean
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

// RootLink resolves dest as written where no page is there to be relative
// to, such as a menu in site.yaml: it returns the href to write out and
// the link to check, or internal false for an external address, which is
// written out as it stands.
func RootLink(basePath, dest string) (href string, link Link, internal bool) {
	l := linker{basePath: basePath}
	link, internal = l.target(dest)
	if !internal {
		return dest, link, false
	}
	return l.ResolveLink(dest), link, true
}
