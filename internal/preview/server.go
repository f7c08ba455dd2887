package preview

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Build is one complete, consistent build. Files is keyed by slash path
// inside the site, exactly as rendered ("index.html",
// "guides/leash-training/index.html", "404.html", "css/main.3f2a9c1e.css").
// Warnings are the build's warnings, each with the Page it is about; a page
// shows its own, unobtrusively. A Build must not be changed once published.
type Build struct {
	Files    map[string]*File
	Warnings []Problem
	// BasePath is the URL path the site was built for: "/care/" when its
	// base URL is https://example.org/care/; empty means "/". The preview
	// serves the build there, as it will be published, and "/" redirects
	// to it.
	BasePath string
}

// Problem is one reason a rebuild failed, as the overlay shows it, or one
// warning of a good build.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // 1-based; 0 when unknown
	Col     int    `json:"col"`  // 1-based; 0 when unknown
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	Source  string `json:"source,omitempty"` // the source line, may be empty
	// Page is the URL path of the page the problem is about
	// ("/guides/leash-training/"), or empty; warnings show on it.
	Page string `json:"page,omitempty"`
}

// Options configure a Server.
type Options struct {
	// Addr is the address the listener is bound to, e.g. "127.0.0.1:1313"
	// (pass the listener's Addr().String(), so port 0 is resolved). Its
	// host and port feed the Host check.
	Addr string
	// Hosts are extra Host names to answer, for a preview reached by a
	// name other than localhost or the bound address.
	Hosts []string
}

// Server serves the current Build and tells open pages when it changes.
// Its methods are safe to call from any goroutine.
type Server struct {
	hosts hostCheck
	ids   idSource

	mu      sync.Mutex // serializes Publish and Fail
	cur     atomic.Pointer[snapshot]
	done    chan struct{}
	closing sync.Once
	streams atomic.Int64 // open event streams, for tests
}

// snapshot is everything a request reads, swapped in as one pointer so a
// request sees one build and the state that goes with it, never a mix.
type snapshot struct {
	build    *Build // nil until the first Publish
	base     string // build.BasePath, cleaned: "/" or "/care/"
	id       string
	retired  map[string]retired   // assets of earlier builds this one lacks
	warnings map[string][]Problem // the build's warnings, by the page they are about
	event    []byte               // the server-sent event describing this state
	changed  chan struct{}        // closed when a newer snapshot replaces this one
}

// New returns a Server with nothing published: until the first Publish,
// pages answer 503 with a placeholder that reloads when the build lands.
func New(opts Options) *Server {
	s := &Server{
		hosts: newHostCheck(opts.Addr, opts.Hosts),
		ids:   newIDSource(),
		done:  make(chan struct{}),
	}
	first := &snapshot{id: s.ids.next(), changed: make(chan struct{})}
	first.event = encodeEvent(event{Build: first.id, Kind: "reload"})
	s.cur.Store(first)
	return s
}

// Publish starts serving b, gives it a new build id, then tells every open
// page to reload or, when cssOnly, to swap its stylesheets in place. It
// clears any error overlay. Pages hear of b only after it is being served.
func (s *Server) Publish(b *Build, cssOnly bool) {
	if b == nil {
		b = &Build{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	next := &snapshot{
		build:    b,
		base:     cleanBase(b.BasePath),
		id:       s.ids.next(),
		retired:  retire(old, b, time.Now()),
		warnings: map[string][]Problem{},
		changed:  make(chan struct{}),
	}
	for _, w := range b.Warnings {
		next.warnings[w.Page] = append(next.warnings[w.Page], w)
	}
	ev := event{Build: next.id, Kind: "reload", Warnings: len(b.Warnings)}
	if cssOnly && old.build != nil {
		ev = event{Build: next.id, Kind: "css", From: old.id, CSS: cssMoves(old.build, b), Warnings: len(b.Warnings)}
	}
	next.event = encodeEvent(ev)
	s.swap(old, next)
}

// Fail shows problems on every open page, and on pages loaded until the
// next Publish, while the last good build keeps being served.
func (s *Server) Fail(problems []Problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	next := *old
	next.changed = make(chan struct{})
	next.event = encodeEvent(event{Build: old.id, Kind: "error", Problems: problems})
	s.swap(old, &next)
}

// swap makes next current and only then wakes the event streams.
func (s *Server) swap(old, next *snapshot) {
	s.cur.Store(next)
	close(old.changed)
}

// BuildID returns the id of the build being served.
func (s *Server) BuildID() string { return s.cur.Load().id }

// Close ends the event streams, so http.Server.Shutdown can finish. Pages
// keep being served; new event streams are refused.
func (s *Server) Close() {
	s.closing.Do(func() { close(s.done) })
}

// How long an asset that left the build stays available to pages loaded
// from an earlier build, and how many such assets are kept at most.
const (
	keepRetired = time.Minute
	maxRetired  = 4096
)

type retired struct {
	file *File
	left time.Time
}

// retire returns the assets (non-HTML files) that pages of recent builds
// may still ask for but build b lacks: a page from build N asks for its
// fingerprinted CSS after build N+1 renamed it. HTML is never kept: a
// removed page must 404.
func retire(old *snapshot, b *Build, now time.Time) map[string]retired {
	kept := make(map[string]retired)
	for name, r := range old.retired {
		if _, back := b.Files[name]; !back && now.Sub(r.left) < keepRetired {
			kept[name] = r
		}
	}
	if old.build != nil {
		for name, f := range old.build.Files {
			if _, still := b.Files[name]; !still && !isHTML(name) {
				kept[name] = retired{f, now}
			}
		}
	}
	if len(kept) > maxRetired {
		names := make([]string, 0, len(kept))
		for name := range kept {
			names = append(names, name)
		}
		slices.SortFunc(names, func(a, b string) int { return kept[b].left.Compare(kept[a].left) })
		for _, name := range names[maxRetired:] {
			delete(kept, name)
		}
	}
	return kept
}

// idSource makes build ids unique across server restarts: the start time
// and a random part tell servers apart, the sequence tells builds apart.
type idSource struct {
	prefix string
	seq    atomic.Uint64
}

func newIDSource() idSource {
	var r [3]byte
	rand.Read(r[:]) // never fails (crypto/rand, Go 1.24+)
	return idSource{prefix: strconv.FormatInt(time.Now().UnixNano(), 36) + hex.EncodeToString(r[:])}
}

func (s *idSource) next() string {
	return s.prefix + "." + strconv.FormatUint(s.seq.Add(1), 10)
}

// cleanBase turns a base path into "/" or "/dir/".
func cleanBase(p string) string {
	p = "/" + trimSlashes(p)
	if p != "/" {
		p += "/"
	}
	return p
}

func trimSlashes(p string) string {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	for len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}
