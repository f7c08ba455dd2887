package render

import (
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// BenchmarkRender renders a generated 1,000-guide site (no parsing, no
// writing): the cost of the templates alone.
func BenchmarkRender1k(b *testing.B) {
	fsys := sitegen.FS(sitegen.Options{Guides: 1000, Seed: 1})
	s, th := linkSite(b, fsys)
	b.ResetTimer()
	for b.Loop() {
		if _, diags := All(s, th); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
