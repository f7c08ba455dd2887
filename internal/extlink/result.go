package extlink

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/careguide/careguide/internal/diag"
)

// result is what became of one address. The exported fields are what the
// cache keeps.
type result struct {
	Status  int       `json:"status"`             // the final answer's status; 0 when none came
	MovedTo string    `json:"moved_to,omitempty"` // the address after the last permanent redirect from the written one
	Final   string    `json:"final,omitempty"`    // where the redirects ended, when they did not end at the address
	Checked time.Time `json:"checked"`
	Problem string    `json:"-"` // why no answer came
	Hint    string    `json:"-"`
	odd     bool      // the request broke off in a way a GET may not
}

// headQuirk reports whether a HEAD's outcome may be the server's handling
// of HEAD rather than the page's: many servers refuse HEAD (405, 501, 403)
// or break off, and some answer it 404 for pages a GET finds.
func (r result) headQuirk() bool {
	if r.Problem != "" {
		return r.odd
	}
	return r.Status >= 400 && r.Status != http.StatusTooManyRequests
}

// keep reports whether r is worth caching: an answer that will likely
// still hold tomorrow.
func (r result) keep() bool {
	switch {
	case r.Problem != "" || r.Status == 0:
		return false
	case r.Status < 400:
		return true
	case r.Status == http.StatusRequestTimeout, r.Status == http.StatusTooEarly, r.Status == http.StatusTooManyRequests:
		return false
	}
	return r.Status < 500
}

// diagnose says what is wrong with t, linked to an address that gave r.
func (r result) diagnose(t Target) (diag.Diagnostic, bool) {
	d := diag.Diagnostic{File: t.File, Line: t.Line, Column: t.Col}
	switch {
	case r.Problem != "":
		d.Code, d.Message, d.Hint = diag.CodeExternalUnreachable, fmt.Sprintf("link to %s cannot be reached: %s", t.URL, r.Problem), r.Hint
	case r.Status == http.StatusTooManyRequests:
		d.Severity, d.Code = diag.Warning, diag.CodeExternalRateLimited
		d.Message = fmt.Sprintf("link to %s was not checked: its server answered %s twice", t.URL, statusText(r.Status))
		d.Hint = "the server limits how often it may be asked; run check --external again later (answers already found are cached)"
	case r.Status >= 400:
		d.Code, d.Message, d.Hint = diag.CodeExternalDead, r.deadMessage(t.URL), deadHint(r.Status)
	case r.MovedTo != "":
		to := withFragment(r.MovedTo, t.URL)
		d.Severity, d.Code = diag.Warning, diag.CodeExternalMoved
		d.Message = fmt.Sprintf("link to %s has moved permanently to %s", t.URL, to)
		d.Hint = "link to " + to + " instead: the old address may stop redirecting"
	default:
		return d, false
	}
	return d, true
}

func (r result) deadMessage(written string) string {
	if r.Final != "" {
		return fmt.Sprintf("link to %s is dead: it redirects to %s, which answers %s", written, r.Final, statusText(r.Status))
	}
	return fmt.Sprintf("link to %s is dead: %s", written, statusText(r.Status))
}

func deadHint(status int) string {
	switch {
	case status >= 500:
		return "the site's server failed; if it still fails tomorrow, link to another copy of the page or remove the link"
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "the server refuses programs or wants a login; if the page opens in a private browser window, link to a copy anyone can read"
	}
	return "find where the page went and link there, link to an archived copy (web.archive.org), or remove the link"
}

// statusText is "404 Not Found": the code and its standard name, not the
// server's own words, so a cached answer reads as a fresh one.
func statusText(code int) string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", code, http.StatusText(code)))
}

// withFragment is to with the fragment of the written address, which the
// request left out, when to has none of its own.
func withFragment(to, written string) string {
	_, frag, ok := strings.Cut(written, "#")
	if !ok || strings.Contains(to, "#") {
		return to
	}
	return to + "#" + frag
}
