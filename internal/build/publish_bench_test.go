package build

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/sitegen"
)

// What the publish options add to an in-memory build of 1,000 generated
// guides. On the 2-core VM a 10,000-guide `careguide build` into tmpfs
// took about 8 s of CPU time plain, 15 s with --minify, 34 s with
// --precompress and 43 s with both.
//
//	go test ./internal/build -run '^$' -bench Publish -benchtime 3x
func BenchmarkPublish1k(b *testing.B) {
	siteDir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(siteDir, sitegen.Options{Guides: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts Options
	}{
		{"plain", Options{}},
		{"minify", Options{Minify: true}},
		{"precompress", Options{Precompress: true, Headers: true}},
		{"both", Options{Minify: true, Precompress: true, Headers: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				var bytes atomic.Int64
				opts := c.opts
				opts.Emit = func(f render.File) error {
					bytes.Add(int64(len(f.Data)))
					if f.Done != nil {
						f.Done()
					}
					return nil
				}
				if res := Build(os.DirFS(siteDir), careguide.Default, opts); res.Diags.HasErrors() {
					b.Fatal(res.Diags)
				}
				b.ReportMetric(float64(bytes.Load())/(1<<20), "MB")
			}
		})
	}
}
