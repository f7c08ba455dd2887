package render

import (
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
	"golang.org/x/tools/txtar"
)

// testSiteHead starts the txtar sites of render tests: a site.yaml with a
// base path, a home page and a guides section.
const testSiteHead = `-- site.yaml --
title: Test guides
base_url: https://example.org/care/
-- content/_index.md --
---
title: Welcome
---
-- content/guides/_index.md --
---
title: Guides
---
`

// linkSite runs the stages before render on a site in memory and loads the
// default theme: what every render test and benchmark starts from.
func linkSite(tb testing.TB, fsys fstest.MapFS) (*site.Site, *Theme) {
	tb.Helper()
	cfg, diags := config.Load(fsys)
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	c, diags := content.Load(fsys, &content.Options{Markdown: markdown.New(), BasePath: cfg.BasePath(), Taxonomies: cfg.Taxonomies})
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	s, diags := site.Link(cfg, c, site.Options{})
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	th, diags := LoadTheme(careguide.Default)
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	return s, th
}

// txtarFS is a txtar archive as a file system.
func txtarFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}
