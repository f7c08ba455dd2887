package build

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/publish"
	"github.com/careguide/careguide/internal/render"
)

// publisher applies package publish's transforms to each output as render
// makes it, on render's workers: they run in parallel, and no page waits
// in memory for a stage after render. The publish stage then adds the
// _headers file and reports what the transforms cost.
type publisher struct {
	minifier *publish.Minifier // nil without Options.Minify
	compress bool
	headers  bool
	theme    map[string]bool // the theme's assets, minified as it loaded
	next     func(render.File) error

	mu    sync.Mutex
	diags diag.List     // minify warnings
	own   []byte        // the site's own _headers, merged with careguide's
	files []render.File // what a Build without Options.Emit made

	minifyTime, compressTime atomic.Int64
}

// newPublisher returns this run's publisher, or nil when it has nothing
// to do. A Builder only minifies (see Options.Precompress).
func (b *Builder) newPublisher() *publisher {
	p := &publisher{compress: b.opts.Precompress && !b.keep, headers: b.opts.Headers && !b.keep}
	if b.opts.Minify {
		p.minifier = publish.NewMinifier()
		p.theme = make(map[string]bool, len(b.th.Assets))
		for _, a := range b.th.Assets {
			p.theme[a.Path] = true
		}
	}
	if p.minifier == nil && !p.compress && !p.headers {
		return nil
	}
	p.next = b.opts.Emit
	if p.next == nil {
		p.next = func(f render.File) error {
			p.mu.Lock()
			p.files = append(p.files, f.Keep())
			p.mu.Unlock()
			return nil
		}
	}
	return p
}

// emit is Options.Emit for a Build with transforms: the file minified,
// then its compressed copies. The copies are made before the file is
// handed on, since the writer may reuse its memory once it is written.
func (p *publisher) emit(f render.File) error {
	f = p.minify(f)
	if p.headers && f.Path == publish.HeadersPath {
		p.mu.Lock()
		p.own = bytes.Clone(f.Data)
		p.mu.Unlock()
		if f.Done != nil {
			f.Done()
		}
		return nil
	}
	var copies []render.File
	if p.compress {
		start := time.Now()
		var err error
		copies, err = publish.Compress(f)
		p.compressTime.Add(int64(time.Since(start)))
		if err != nil {
			return fmt.Errorf("compressing %s: %w", f.Path, err)
		}
	}
	if err := p.next(f); err != nil {
		return err
	}
	for _, c := range copies {
		if err := p.next(c); err != nil {
			return err
		}
	}
	return nil
}

// minify returns f minified when Options.Minify asks for it, and f as it
// is, with a warning, when the minifier fails on it.
func (p *publisher) minify(f render.File) render.File {
	if p.minifier == nil || p.theme[f.Path] || !publish.Minifies(f.Path) {
		return f
	}
	start := time.Now()
	out, err := p.minifier.Minify(f)
	p.minifyTime.Add(int64(time.Since(start)))
	if err != nil {
		p.mu.Lock()
		p.diags = append(p.diags, diag.Diagnostic{File: f.Path, Severity: diag.Warning, Code: diag.CodeMinify,
			Message: fmt.Sprintf("cannot minify this output, so it is published as it is: %v", err)})
		p.mu.Unlock()
	}
	return out
}

// publish finishes the transforms render's workers ran: it adds _headers,
// reports minify warnings and the transforms' time, and, for a Build
// without Options.Emit, hands over the files.
func (b *Builder) publish(r *Result, _ []string) bool {
	p := b.pub
	b.pub = nil
	if p == nil || r.Diags.HasErrors() {
		return !r.Diags.HasErrors()
	}
	if p.headers {
		if err := p.next(publish.Headers(p.own, b.th.Fingerprinted())); err != nil {
			r.Diags = append(r.Diags, diag.Diagnostic{File: publish.HeadersPath, Code: diag.CodeWrite, Message: err.Error()})
			return false
		}
	}
	r.Diags = append(r.Diags, p.diags...)
	if p.minifier != nil {
		r.Timings = append(r.Timings, Timing{Stage: "minify", Duration: time.Duration(p.minifyTime.Load()), Within: "render"})
	}
	if p.compress {
		r.Timings = append(r.Timings, Timing{Stage: "compress", Duration: time.Duration(p.compressTime.Load()), Within: "render"})
	}
	if !b.keep && b.opts.Emit == nil {
		slices.SortFunc(p.files, func(x, y render.File) int { return strings.Compare(x.Path, y.Path) })
		r.Files = p.files
		for _, f := range p.files {
			r.Changed = append(r.Changed, f.Path)
		}
	}
	return true
}
