package cli

import (
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/preview"
	"github.com/careguide/careguide/internal/site"
)

// warner prints the warnings of a site kept up to date (serve, build
// --watch): all of them after the first build, as build prints them, and
// after that only those new since the last good build, so an edit shows
// what it caused and not the site's whole list again.
type warner struct {
	w     io.Writer
	fsys  fs.FS
	shown map[diag.Diagnostic]bool // the last good build's
	quiet bool
}

func (wr *warner) report(diags diag.List) {
	now := map[diag.Diagnostic]bool{}
	var fresh diag.List
	for _, d := range diags {
		if d.Severity != diag.Warning {
			continue
		}
		now[d] = true
		if !wr.shown[d] {
			fresh = append(fresh, d)
		}
	}
	first := wr.shown == nil
	wr.shown = now
	if len(fresh) == 0 || wr.quiet && !first {
		return
	}
	if !first {
		fmt.Fprintf(wr.w, "careguide: %s since the last build:\n", count(len(fresh), "new warning"))
	}
	printDiagnostics(wr.w, wr.fsys, buildReport(fresh))
}

// pageWarnings are a build's warnings as the preview shows them, each on
// the page made from the file it is about. sources caches the files their
// lines come from; a caller that keeps it between builds forgets the files
// that changed.
func pageWarnings(fsys fs.FS, s *site.Site, diags diag.List, sources map[string][]byte) []preview.Problem {
	var list []preview.Problem
	for _, d := range diags {
		if d.Severity != diag.Warning {
			continue
		}
		page := ""
		if rel, ok := strings.CutPrefix(d.File, content.Dir+"/"); ok && s != nil {
			if p := s.Lookup(rel); p != nil {
				page = p.URL
			}
		}
		list = append(list, preview.Problem{File: d.File, Line: d.Line, Col: d.Column, Message: d.Message,
			Hint: d.Hint, Source: sourceLine(fsys, sources, d), Page: page})
	}
	return list
}
