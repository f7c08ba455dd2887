package extlink

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// maxRedirects is how many hops are followed, as browsers and Go's client do.
const maxRedirects = 10

// fetcher requests addresses for one Check, keeping each host's slots.
type fetcher struct {
	c      *Checker
	client *http.Client
	mu     sync.Mutex
	hosts  map[string]chan struct{} // host -> a slot for each request it may have in flight
}

// fetch finds out what became of one address: HEAD first, then GET when
// the HEAD answer may be the server's quirk rather than the page's fate.
func (f *fetcher) fetch(ctx context.Context, addr string) result {
	if u, err := url.Parse(addr); err != nil || u.Host == "" {
		return result{Problem: "it is not a valid web address", Hint: "write the whole address, e.g. https://example.org/page, with %20 for spaces", Checked: f.c.now()}
	}
	r := f.follow(ctx, http.MethodHead, addr)
	if r.headQuirk() {
		r = f.follow(ctx, http.MethodGet, addr)
	}
	r.Checked = f.c.now()
	return r
}

// follow requests addr with method and follows its redirects.
func (f *fetcher) follow(ctx context.Context, method, addr string) result {
	var r result
	permanent := true // every hop so far was permanent
	seen := map[string]bool{}
	for cur := addr; ; {
		if seen[cur] {
			r.Problem, r.Hint = fmt.Sprintf("its redirects loop back to %s", cur), "open it in a browser; if it loops there too, link to another copy of the page"
			return r
		}
		if len(seen) > maxRedirects {
			r.Problem, r.Hint = fmt.Sprintf("it redirects more than %d times", maxRedirects), "open it in a browser and link to where it ends up"
			return r
		}
		seen[cur] = true
		resp, err := f.request(ctx, method, cur)
		if err != nil {
			r.Problem, r.Hint, r.odd = problem(err, f.c.timeout())
			return r
		}
		next, isRedirect := redirect(resp, cur)
		if !isRedirect {
			r.Status = resp.StatusCode
			if cur != addr {
				r.Final = cur
			}
			return r
		}
		if next == "" {
			r.Problem, r.Hint = fmt.Sprintf("it redirects to %q, which is not a web address", resp.Header.Get("Location")), "link to the page it should lead to"
			return r
		}
		if permanent && (resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusPermanentRedirect) {
			r.MovedTo = next
		} else {
			permanent = false
		}
		cur = next
	}
}

// redirect says whether resp redirects and where to: "" when the Location
// is not an http(s) address.
func redirect(resp *http.Response, from string) (string, bool) {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return "", false
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return "", false // nowhere to go: the status is the answer
	}
	base, err := url.Parse(from)
	if err != nil {
		return "", true
	}
	next, err := base.Parse(loc)
	if err != nil || (next.Scheme != "http" && next.Scheme != "https") || next.Host == "" {
		return "", true
	}
	next.Fragment, next.RawFragment = "", ""
	return next.String(), true
}

// request makes one request, asking once more after a 429 once the server
// says it may.
func (f *fetcher) request(ctx context.Context, method, addr string) (*http.Response, error) {
	resp, err := f.once(ctx, method, addr)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	wait := retryAfter(resp.Header.Get("Retry-After"), f.c.now(), f.c.maxRetryWait())
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return f.once(ctx, method, addr)
}

// once makes one request within the timeout, holding one of the host's
// slots until its answer's headers are in. The body is never read: the
// status is all a check needs.
func (f *fetcher) once(ctx context.Context, method, addr string) (*http.Response, error) {
	req, err := http.NewRequest(method, addr, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.c.userAgent())
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	slot := f.slot(req.URL.Host)
	select { // before the timeout starts: waiting for a slot is not the server's slowness
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-slot }()
	ctx, cancel := context.WithTimeout(ctx, f.c.timeout())
	defer cancel()
	resp, err := f.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp, nil
}

func (f *fetcher) slot(host string) chan struct{} {
	host = strings.ToLower(host)
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.hosts[host]
	if s == nil {
		s = make(chan struct{}, f.c.perHost())
		f.hosts[host] = s
	}
	return s
}

// retryAfter is how long a Retry-After header asks to wait (seconds or an
// HTTP date), at most limit; one second when it says nothing usable.
func retryAfter(h string, now time.Time, limit time.Duration) time.Duration {
	wait := time.Second
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		wait = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		wait = max(t.Sub(now), 0)
	}
	return min(wait, limit)
}

// problem describes err, a request that got no answer, for a contributor:
// what went wrong, how to fix it, and whether a GET might do better.
func problem(err error, timeout time.Duration) (msg, hint string, odd bool) {
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		badHost x509.HostnameError
		invalid x509.CertificateInvalidError
		record  tls.RecordHeaderError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "the check was stopped before it answered", "run check --external again", false
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("no answer within %s", timeout), "if the site is up in a browser, run check --external again later or with a longer --external-timeout", false
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return fmt.Sprintf("its host %s does not exist (DNS)", dnsErr.Name), "check the address's spelling; if the site is gone, link to an archived copy or remove the link", false
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("its host %s could not be looked up (DNS: %s)", dnsErr.Name, dnsErr.Err), "check your network, then run check --external again", false
	case errors.As(err, &certErr):
		return "its TLS certificate is not valid: " + certErr.Err.Error(), certHint, false
	case errors.As(err, &unknown), errors.As(err, &badHost), errors.As(err, &invalid):
		return "its TLS certificate is not valid: " + cause(err), certHint, false
	case errors.As(err, &record):
		return "it does not speak HTTPS at this address", "check whether the address should start with http://", false
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the connection was refused", "the site is down or gone; if it is still down tomorrow, link to an archived copy or remove the link", false
	}
	return cause(err), "open it in a browser; if it fails there too, link to an archived copy or remove the link", true
}

const certHint = "browsers refuse it too: link to another copy of the page, or to the site's http:// address if it has no valid certificate"

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// cause is err without the "Head "https://...": " that url.Error puts
// before it: the message names the address already.
func cause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}
