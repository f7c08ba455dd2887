package extlink

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// publisher is a web server on loopback with a path for each way a link can
// fare. It counts the requests each path gets and the most it had in flight
// at once.
//
//	/ok...            200
//	/dead...          404
//	/broken           500
//	/to/CODE/REST     redirects with CODE to /REST
//	/loop             301 to /to/302/loop, which leads back
//	/no-head          405 to HEAD, 200 to GET
//	/busy             429 with Retry-After: 0 the first time, then 200
//	/always-busy      429 with Retry-After: 0
//	/slow             never answers; returns when the client gives up
//	/gate...          waits until its gate has n requests waiting at once
//
// After failAll, every path answers 500.
type publisher struct {
	*httptest.Server
	mu          sync.Mutex
	hits        map[string]int // "HEAD /ok" -> requests
	inFlight    int
	maxInFlight int
	busyLeft    int
	failing     bool  // every path answers 500
	gate        *gate // shared by publishers whose limits are tested together
}

func newPublisher(t *testing.T, g *gate) *publisher {
	p := &publisher{hits: map[string]int{}, busyLeft: 1, gate: g}
	p.Server = httptest.NewServer(p)
	t.Cleanup(p.Close)
	return p
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.Method+" "+r.URL.Path]++
	p.inFlight++
	p.maxInFlight = max(p.maxInFlight, p.inFlight)
	busy := p.busyLeft > 0 && r.URL.Path == "/busy"
	if busy {
		p.busyLeft--
	}
	failing := p.failing
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight--
		p.mu.Unlock()
	}()
	path := r.URL.Path
	switch {
	case failing:
		w.WriteHeader(http.StatusInternalServerError)
	case strings.HasPrefix(path, "/ok"):
	case strings.HasPrefix(path, "/dead"):
		w.WriteHeader(http.StatusNotFound)
	case path == "/broken":
		w.WriteHeader(http.StatusInternalServerError)
	case strings.HasPrefix(path, "/to/"):
		code, rest, _ := strings.Cut(strings.TrimPrefix(path, "/to/"), "/")
		n, _ := strconv.Atoi(code)
		http.Redirect(w, r, "/"+rest, n)
	case path == "/loop":
		http.Redirect(w, r, "/to/302/loop", http.StatusMovedPermanently)
	case path == "/no-head" && r.Method == http.MethodHead:
		w.WriteHeader(http.StatusMethodNotAllowed)
	case path == "/no-head":
	case busy, path == "/always-busy":
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	case path == "/busy":
	case path == "/slow":
		<-r.Context().Done()
	case strings.HasPrefix(path, "/gate"):
		p.gate.wait(r.Context())
	default:
		w.WriteHeader(http.StatusTeapot)
	}
}

// mostAtOnce is the most requests the server had in flight at once. The
// count drops when a handler returns, before the answer is sent, so it
// never counts a request the client has already finished with.
func (p *publisher) mostAtOnce() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxInFlight
}

func (p *publisher) failAll() {
	p.mu.Lock()
	p.failing = true
	p.mu.Unlock()
}

func (p *publisher) hitCounts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.hits {
		out[k] = v
	}
	return out
}

// gate holds requests until n of them are waiting at once, then lets them
// all through: requests that would not be made at once if the checker held
// them back wait for it, and no test waits on a clock.
type gate struct {
	mu      sync.Mutex
	n       int
	waiting int
	open    chan struct{}
}

func newGate(n int) *gate { return &gate{n: n, open: make(chan struct{})} }

func (g *gate) wait(ctx context.Context) {
	g.mu.Lock()
	g.waiting++
	if g.waiting == g.n {
		close(g.open)
	}
	g.mu.Unlock()
	select {
	case <-g.open:
	case <-ctx.Done():
	}
}

// startDNS runs a DNS server on loopback that answers every query "no such
// name", as the real DNS does for .invalid: the machine may have no
// network, and a resolver that cannot reach its server waits its timeout.
func startDNS(t *testing.T) string {
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := conn.ReadFrom(buf)
			if err != nil {
				return
			}
			if resp := nxdomain(buf[:n]); resp != nil {
				conn.WriteTo(resp, from)
			}
		}
	}()
	return conn.LocalAddr().String()
}

// nxdomain is the answer "no such name" to the DNS query q: its header
// with the response bit and RCODE 3, and its question; nothing else.
func nxdomain(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	i := 12
	for i < len(q) && q[i] != 0 { // the name's labels
		i += int(q[i]) + 1
	}
	end := i + 1 + 4 // the root label, type and class
	if end > len(q) {
		return nil
	}
	resp := append([]byte(nil), q[:end]...)
	resp[2] = 0x80 | q[2]&0x79 | 0x04 // response, the query's opcode and RD, authoritative
	resp[3] = 0x80 | 3                // recursion available, NXDOMAIN
	clear(resp[6:12])                 // no answers, authorities or additionals
	return resp
}

// testClient resolves names with the DNS server at dns alone, and trusts
// only the system's certificates, as the checker's own client does.
func testClient(dns string) *http.Client {
	resolver := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", dns)
	}}
	dialer := &net.Dialer{Resolver: resolver}
	return &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
}
