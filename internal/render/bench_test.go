package render

import (
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/sitegen"
)

// BenchmarkRender renders a generated 1,000-guide site (no parsing, no
// writing): the cost of the templates alone.
func BenchmarkRender1k(b *testing.B) {
	fsys := sitegen.FS(sitegen.Options{Guides: 1000, Seed: 1})
	cfg, diags := config.Load(fsys)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	c, diags := content.Load(fsys, &content.Options{Markdown: markdown.New(), BasePath: "/", Taxonomies: cfg.Taxonomies})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	s, _ := site.Link(cfg, c, site.Options{})
	th, diags := LoadTheme(careguide.Default)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, diags := All(s, th); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
