package preview

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// event is what the event stream sends: the state of the server, once on
// connect and again after every change. The page compares Build with the
// build id it was loaded with (its careguide-build meta) and reloads when
// they differ, unless Kind is "css" and From is its own id: then it swaps
// stylesheets as CSS says (old URL path → new) and takes Build as its id.
//
// Warnings counts the served build's warnings; a page with any asks for
// its own at warningsPath, so that the stream stays small on a site with
// thousands.
type event struct {
	Build    string            `json:"build"`
	Kind     string            `json:"kind"` // "reload", "css" or "error"
	From     string            `json:"from,omitempty"`
	CSS      map[string]string `json:"css,omitempty"`
	Problems []Problem         `json:"problems,omitempty"`
	Warnings int               `json:"warnings,omitempty"`
}

func encodeEvent(ev event) []byte {
	data, err := json.Marshal(ev)
	if err != nil {
		panic(err) // strings, ints and maps of strings always marshal
	}
	// json.Marshal never writes a raw newline, so one data line suffices.
	return append(append([]byte("data: "), data...), "\n\n"...)
}

// serveEvents streams the server's state as server-sent events until the
// client leaves or the Server is closed.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, "GET")
		return
	}
	select {
	case <-s.done:
		plain(w, http.StatusServiceUnavailable, "careguide preview: shutting down")
		return
	default:
	}
	rc := http.NewResponseController(w)
	// A stream lasts as long as the tab; a WriteTimeout on the
	// http.Server must not cut it. Not every ResponseWriter supports it.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	// The browser reconnects by itself after this many ms when the
	// stream ends (server restart).
	if _, err := w.Write([]byte("retry: 500\n\n")); err != nil {
		return
	}
	s.streams.Add(1)
	defer s.streams.Add(-1)
	for {
		snap := s.cur.Load()
		if _, err := w.Write(snap.event); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		// Changes that land while a slow client is writing coalesce:
		// it gets the latest state, which is all the page needs.
		select {
		case <-snap.changed:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// cssMoves pairs the stylesheets old has and b lacks with the ones b has
// and old lacks, by name without the fingerprint ("css/main.3f2a9c1e.css"
// → "css/main.css"), as URL paths. A stylesheet not paired is reloaded in
// place by the page under its own name.
func cssMoves(old, b *Build) map[string]string {
	gone := map[string][]string{}
	for name := range old.Files {
		if _, ok := b.Files[name]; !ok && path.Ext(name) == ".css" {
			gone[unfingerprint(name)] = append(gone[unfingerprint(name)], name)
		}
	}
	came := map[string][]string{}
	for name := range b.Files {
		if _, ok := old.Files[name]; !ok && path.Ext(name) == ".css" {
			came[unfingerprint(name)] = append(came[unfingerprint(name)], name)
		}
	}
	moves := map[string]string{}
	for stem, from := range gone {
		if to := came[stem]; len(from) == 1 && len(to) == 1 {
			moves[urlPath(b.BasePath, from[0])] = urlPath(b.BasePath, to[0])
		}
	}
	return moves
}

// unfingerprint drops a hex fingerprint before the extension:
// "css/main.3f2a9c1e.css" → "css/main.css".
func unfingerprint(name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	fp := path.Ext(stem)
	if len(fp) < 7 || strings.Trim(fp[1:], "0123456789abcdef") != "" {
		return name
	}
	return strings.TrimSuffix(stem, fp) + ext
}

// urlPath is the escaped URL path a page uses for the file name, on a
// site under base.
func urlPath(base, name string) string {
	return (&url.URL{Path: cleanBase(base) + name}).EscapedPath()
}
