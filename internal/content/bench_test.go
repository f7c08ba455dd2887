package content

import (
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// BenchmarkLoad1k parses a generated 1,000-guide site from memory: YAML,
// Markdown and link collection, without disk I/O.
func BenchmarkLoad1k(b *testing.B) {
	fsys := sitegen.FS(sitegen.Options{Guides: 1000, Seed: 1})
	opts := testOptions()
	b.ResetTimer()
	for b.Loop() {
		if _, diags := Load(fsys, opts); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
