package extlink

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/careguide/careguide/internal/diag"
)

// Target is one place a web address is written.
type Target struct {
	URL  string // as written, fragment and all
	File string // slash path relative to the site dir: "content/guides/x.md"
	Line int
	Col  int
}

// Checker requests addresses and remembers the answers. The zero value
// works: every field has a default.
type Checker struct {
	// Client makes the requests; nil means a client of its own. Its
	// redirects are not followed for it: the checker follows them itself,
	// to see each hop's status.
	Client       *http.Client
	PerHost      int           // requests in flight to one host; default 2
	Parallel     int           // requests in flight in all; default 16
	Timeout      time.Duration // for one request until its headers; default 15s
	MaxRetryWait time.Duration // the longest Retry-After honoured; default 20s
	UserAgent    string        // default "careguide link check"
	CacheFile    string        // "" keeps no cache
	MaxAge       time.Duration // answers younger than this are reused; default 24h; negative reuses none
	Now          func() time.Time
}

// Report is what one Check found.
type Report struct {
	Diags     diag.List // sorted by file, line and column
	Addresses int       // different addresses linked
	Requested int       // how many of them were asked this run; the rest came from the cache
}

// Check requests every address of targets that the cache has no fresh
// answer for, and reports the dead and moved ones at every place they are
// written. The error is about the cache file alone (it could not be
// written); the report is complete either way.
func (c *Checker) Check(ctx context.Context, targets []Target) (Report, error) {
	at := map[string][]Target{} // address -> where it is written
	for _, t := range targets {
		a := address(t.URL)
		at[a] = append(at[a], t)
	}
	addrs := make([]string, 0, len(at))
	for a := range at {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)

	now := c.now()
	cache := c.loadCache()
	results := make([]result, len(addrs))
	var todo []int
	for i, a := range addrs {
		if e, ok := cache[a]; ok && c.fresh(e, now) {
			results[i] = e
			continue
		}
		todo = append(todo, i)
	}
	c.fetchAll(ctx, addrs, interleave(addrs, todo), results)

	var err error
	if c.CacheFile != "" && len(todo) > 0 {
		for _, i := range todo {
			if results[i].keep() {
				cache[addrs[i]] = results[i]
			} else {
				delete(cache, addrs[i]) // an older answer is no longer the news
			}
		}
		err = c.saveCache(cache)
	}
	rep := Report{Addresses: len(addrs), Requested: len(todo)}
	for i, a := range addrs {
		for _, t := range at[a] {
			if d, ok := results[i].diagnose(t); ok {
				rep.Diags = append(rep.Diags, d)
			}
		}
	}
	rep.Diags.Sort()
	return rep, err
}

// address is what is requested for a written URL: the fragment stays in the
// browser, so two links that differ only there are one address.
func address(written string) string {
	a, _, _ := strings.Cut(written, "#")
	return a
}

// fetchAll requests addrs[i] for each i of todo into results[i], with at
// most Parallel requests at a time.
func (c *Checker) fetchAll(ctx context.Context, addrs []string, todo []int, results []result) {
	f := &fetcher{c: c, client: c.client(), hosts: map[string]chan struct{}{}}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(c.parallel(), len(todo)) {
		wg.Go(func() {
			for i := range next {
				results[i] = f.fetch(ctx, addrs[i])
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
}

// interleave orders todo so that consecutive addresses are on different
// hosts where it can: workers then wait less on one host's limit while
// other hosts sit idle.
func interleave(addrs []string, todo []int) []int {
	var hosts []string
	byHost := map[string][]int{}
	for _, i := range todo {
		h := host(addrs[i])
		if byHost[h] == nil {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	out := make([]int, 0, len(todo))
	for len(out) < len(todo) {
		for _, h := range hosts {
			if q := byHost[h]; len(q) > 0 {
				out = append(out, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return out
}

// host is the host (and port) an address is requested from, lowercased;
// the address itself when it does not parse, which fails later with a
// message of its own.
func host(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return addr
	}
	return strings.ToLower(u.Host)
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Checker) fresh(r result, now time.Time) bool {
	maxAge := c.MaxAge
	if maxAge == 0 {
		maxAge = 24 * time.Hour
	}
	age := now.Sub(r.Checked)
	return age >= 0 && age < maxAge // a time in the future is a clock that was wrong
}

func (c *Checker) parallel() int { return cmpOr(c.Parallel, 16) }
func (c *Checker) perHost() int  { return cmpOr(c.PerHost, 2) }
func (c *Checker) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	return "careguide link check"
}

func (c *Checker) timeout() time.Duration      { return cmpOr(c.Timeout, 15*time.Second) }
func (c *Checker) maxRetryWait() time.Duration { return cmpOr(c.MaxRetryWait, 20*time.Second) }

// cmpOr is v, or def when v is not positive.
func cmpOr[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// client is Client, or a default one, set not to follow redirects.
func (c *Checker) client() *http.Client {
	cl := http.Client{}
	if c.Client != nil {
		cl = *c.Client
	}
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cl
}
