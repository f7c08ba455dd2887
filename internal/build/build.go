// Package build runs the stages of one build in order and times each:
// config, content, link, lint, theme, render. It is the table of contents of
// careguide; each stage lives in its own package and passes plain data to
// the next.
//
// Input: the site dir as an fs.FS and the default theme as another; the
// site's own templates and assets override the default file by file.
// Output: a Result with the files of the site, or the files streamed to
// Options.Emit (nothing is written here), and every diagnostic.
package build

import (
	"io/fs"
	"time"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/lint"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitefs"
)

// Options change what a build publishes.
type Options struct {
	Drafts  bool   // publish drafts
	BaseURL string // overrides site.yaml's base_url when set
	// Lint runs the lint step: warnings about guide quality (package lint).
	// It is opt-in so that callers which only want the site, such as tests
	// and tools, are not handed warnings they did not ask about.
	Lint bool
	// Emit, when set, receives each file as soon as it is rendered (from
	// several goroutines at once) instead of Result.Files, so a big site is
	// never all in memory. An error from Emit fails the build.
	Emit func(render.File) error
}

// Result is the outcome of one build.
type Result struct {
	Files   []render.File // the site, sorted by path; nil with Options.Emit or errors
	Site    *site.Site
	Diags   diag.List // sorted
	Timings []Timing  // one per stage, in order
}

// Timing is how long one stage took.
type Timing struct {
	Stage    string
	Duration time.Duration
}

// Build builds the site in siteFS, taking missing templates and assets from
// theme.
func Build(siteFS, theme fs.FS, opts Options) *Result {
	r := &Result{}
	defer func() { r.Diags.Sort() }()
	var (
		cfg   *config.Site
		c     *content.Content
		s     *site.Site
		th    *render.Theme
		files []render.File
	)
	steps := []struct {
		name string
		run  func() diag.List
	}{
		{"config", func() (d diag.List) { cfg, d = config.Load(siteFS); return d }},
		{"content", func() (d diag.List) { c, d = content.Load(siteFS, ContentOptions(cfg, opts)); return d }},
		{"link", func() (d diag.List) { s, d = site.Link(cfg, c, site.Options{Drafts: opts.Drafts}); return d }},
		// lint only warns; it runs even when content or links have errors,
		// so check reports every problem in one run.
		{"lint", func() diag.List {
			if !opts.Lint {
				return nil
			}
			return lint.Check(s)
		}},
		{"theme", func() (d diag.List) { th, d = render.LoadTheme(sitefs.Overlay(siteFS, theme)); return d }},
		{"render", func() (d diag.List) {
			if opts.Emit != nil {
				return render.Render(s, th, opts.Emit)
			}
			files, d = render.All(s, th)
			return d
		}},
	}
	for _, step := range steps {
		start := time.Now()
		d := step.run()
		r.Timings = append(r.Timings, Timing{step.name, time.Since(start)})
		r.Diags = append(r.Diags, d...)
		// Content, link and lint problems are all worth reporting in one
		// run; past them, a broken site would only add noise.
		if r.Diags.HasErrors() && step.name != "content" && step.name != "link" {
			return r
		}
	}
	r.Site, r.Files = s, files
	return r
}

// ContentOptions are the parse options a site's config and the build's
// options call for. It applies opts.BaseURL to cfg.
func ContentOptions(cfg *config.Site, opts Options) *content.Options {
	if opts.BaseURL != "" {
		cfg.SetBaseURL(opts.BaseURL)
	}
	return &content.Options{
		Markdown:   markdown.New(markdown.WithUnsafeHTML(cfg.UnsafeHTML)),
		BasePath:   cfg.BasePath(),
		Taxonomies: cfg.Taxonomies,
	}
}
