package browsertest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// Problems collects what went wrong while a tab loaded pages: console
// errors, uncaught exceptions, browser log errors, requests that failed or
// answered 400 or more. Events arrive on chromedp's goroutine, hence the
// lock.
type Problems struct {
	expect404 string

	mu   sync.Mutex
	urls map[network.RequestID]string
	list []string
}

func newProblems(expect404 string) *Problems {
	return &Problems{expect404: expect404, urls: map[network.RequestID]string{}}
}

// List returns the problems seen so far.
func (p *Problems) List() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

func (p *Problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *Problems) observe(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
			p.add("console.%s: %s", ev.Type, remoteText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		// Network entries ("Failed to load resource") repeat what the
		// network events below report, and would flag the expected 404.
		if e := ev.Entry; e.Level == log.LevelError && e.Source != log.SourceNetwork {
			p.add("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		p.mu.Lock()
		p.urls[ev.RequestID] = ev.Request.URL
		p.mu.Unlock()
	case *network.EventResponseReceived:
		r := ev.Response
		if r.Status < 400 {
			return
		}
		if ev.Type == network.ResourceTypeDocument && r.URL == p.expect404 && r.Status == 404 {
			return
		}
		p.add("HTTP %d for %s %s", r.Status, ev.Type, r.URL)
	case *network.EventLoadingFailed:
		p.mu.Lock()
		url := p.urls[ev.RequestID]
		p.mu.Unlock()
		p.add("request failed: %s %s: %s %s", ev.Type, url, ev.ErrorText, ev.BlockedReason)
	}
}

func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}
