package site

import (
	"testing"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/sitegen"
)

// BenchmarkLink10k links a parsed 10,000-guide site: the one whole-site
// stage, which must stay cheap for rebuilds.
func BenchmarkLink10k(b *testing.B) {
	fsys := sitegen.FS(sitegen.Options{Guides: 10000, Seed: 1})
	cfg, _ := config.Load(fsys)
	c, diags := content.Load(fsys, &content.Options{Markdown: markdown.New(), BasePath: "/", Taxonomies: cfg.Taxonomies})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, diags := Link(cfg, c, Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
