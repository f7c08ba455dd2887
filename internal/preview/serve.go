package preview

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Prefix is the reserved URL path the preview's own endpoints live under;
// it is never looked up in the build.
const Prefix = "/_careguide/"

const (
	scriptPath   = Prefix + "livereload.js"
	eventsPath   = Prefix + "events"
	warningsPath = Prefix + "warnings"
	maxPath      = 2048 // longer request paths are refused (400)
)

// ServeHTTP answers GET and HEAD from the current build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.refuse(w, r) {
		return
	}
	p := r.URL.Path
	if !validPath(p) {
		plain(w, http.StatusBadRequest, "careguide preview: bad request path")
		return
	}
	if strings.HasPrefix(p, Prefix) {
		s.serveOwn(w, r, p)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	snap := s.cur.Load()
	if snap.build == nil {
		s.serveHTML(w, r, snap, http.StatusServiceUnavailable, waitingPage, "")
		return
	}
	switch {
	case p+"/" == snap.base:
		redirect(w, r, snap.base, http.StatusMovedPermanently)
		return
	case p == "/" && snap.base != "/": // found there while this build is served
		redirect(w, r, snap.base, http.StatusFound)
		return
	}
	name, ok := strings.CutPrefix(p, snap.base)
	if !ok || hasDotSegment(name) {
		s.notFound(w, r, snap)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f := snap.build.Files[name]
	if f == nil && !isHTML(name) {
		f = snap.retired[name].file
	}
	switch {
	case f != nil && isHTML(name):
		s.serveHTML(w, r, snap, http.StatusOK, f.Bytes(), `"`+f.digest()+"-"+snap.id+`"`)
	case f != nil:
		serveFile(w, r, name, f)
	case snap.build.Files[name+"/index.html"] != nil:
		redirect(w, r, p+"/", http.StatusMovedPermanently)
	default:
		s.notFound(w, r, snap)
	}
}

// validPath accepts a decoded request path that names a file plainly:
// absolute, short, valid UTF-8, no control characters or backslashes, no
// empty, "." or ".." segments. Anything else is an attempt to leave the
// site or a client bug, answered 400 rather than guessed at. (Path
// cleaning would also make "//evil.example" a redirect target.)
func validPath(p string) bool {
	if len(p) == 0 || len(p) > maxPath || p[0] != '/' || !utf8.ValidString(p) ||
		strings.ContainsAny(p, "\\\x7f") {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < ' ' {
			return false
		}
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return false
		}
	}
	return true
}

// hasDotSegment reports whether a segment of name starts with a dot: the
// preview never serves dotfiles (".git", ".env", ".DS_Store").
func hasDotSegment(name string) bool {
	return strings.HasPrefix(name, ".") || strings.Contains(name, "/.")
}

func isHTML(name string) bool {
	ext := path.Ext(name)
	return ext == ".html" || ext == ".htm"
}

// serveFile answers with f's bytes; http.ServeContent handles HEAD,
// If-None-Match (against the strong ETag) and ranges.
func serveFile(w http.ResponseWriter, r *http.Request, name string, f *File) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("ETag", `"`+f.digest()+`"`)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.Bytes()))
}

// serveHTML answers with page plus the live-reload snippet. An ETag is
// given only with status 200: the bytes served depend on the build id, so
// it names both.
func (s *Server) serveHTML(w http.ResponseWriter, r *http.Request, snap *snapshot, status int, page []byte, etag string) {
	body := inject(page, snap.id)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notFound answers 404 with the build's 404.html, or plain text when the
// build has none.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if f := snap.build.Files["404.html"]; f != nil {
		s.serveHTML(w, r, snap, http.StatusNotFound, f.Bytes(), "")
		return
	}
	plain(w, http.StatusNotFound, "404 page not found")
}

// serveOwn answers the reserved paths: the live-reload script and the
// event stream.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, p string) {
	switch p {
	case eventsPath:
		s.serveEvents(w, r)
	case scriptPath:
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			methodNotAllowed(w, "GET, HEAD")
			return
		}
		serveFile(w, r, scriptPath, liveReloadJS)
	case warningsPath:
		s.serveWarnings(w, r)
	default:
		plain(w, http.StatusNotFound, "404 page not found")
	}
}

// serveWarnings answers the warnings of the page whose path is the page
// parameter, as a JSON list, from the build being served.
func (s *Server) serveWarnings(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, "GET")
		return
	}
	list := s.cur.Load().warnings[r.URL.Query().Get("page")]
	if list == nil {
		list = []Problem{}
	}
	data, err := json.Marshal(list)
	if err != nil {
		plain(w, http.StatusInternalServerError, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

// redirect sends a redirect with status to target, a validated path with no
// leading "//", keeping the query.
func redirect(w http.ResponseWriter, r *http.Request, target string, status int) {
	u := url.URL{Path: target, RawQuery: r.URL.RawQuery}
	w.Header().Set("Location", u.String())
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
}

func plain(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write([]byte(msg + "\n"))
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	plain(w, http.StatusMethodNotAllowed, "careguide preview: method not allowed")
}

// contentTypes is spelled out rather than taken from the OS mime tables,
// which differ between machines.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".gif":         "image/gif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
}

func contentType(name string) string {
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return ct
	}
	return "application/octet-stream"
}
