package build

import (
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/render"
	"github.com/careguide/careguide/internal/sitegen"
)

// Cold builds of generated sites, from files on disk to a new output dir,
// as a first `careguide build` does. Run with:
//
//	go test ./internal/build -run '^$' -bench . -benchtime 3x
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000) }

func benchmarkBuild(b *testing.B, guides int) {
	dir := b.TempDir()
	siteDir := filepath.Join(dir, "site")
	if err := sitegen.Write(siteDir, sitegen.Options{Guides: guides, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// A new dir each time: replacing the previous output would time
		// deleting it too, which a cold build does not do.
		out := filepath.Join(dir, "public"+strconv.Itoa(i))
		tx, err := output.Begin(out, output.Options{SiteDir: siteDir})
		if err != nil {
			b.Fatal(err)
		}
		emit := func(f render.File) error { return tx.Add(f) }
		res := Build(os.DirFS(siteDir), careguide.Default, Options{Emit: emit})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Site.Pages)), "pages")
	}
}

// The same builds with every file thrown away as it is made: the compute
// alone, without the disk. On this project's 2-core VM (ext4 mounted with
// discard) the CLI builds 10,000 guides into tmpfs in about 2.1 s and into
// a new dir on a quiet disk in 2.5-2.9 s: ext4 makes the 24,000 files and
// dirs at about twice tmpfs's CPU. Deleting a big tree at the same time (a
// previous benchmark's temp dirs, an old output), or the disk still writing
// back an earlier build, makes the same writes several times slower, so the
// to-disk numbers above vary from run to run more than these.
//
//	go test ./internal/build -run '^$' -bench InMemory -benchtime 3x
func BenchmarkBuildInMemory1k(b *testing.B)  { benchmarkInMemory(b, 1000) }
func BenchmarkBuildInMemory10k(b *testing.B) { benchmarkInMemory(b, 10000) }

func benchmarkInMemory(b *testing.B, guides int) {
	siteDir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(siteDir, sitegen.Options{Guides: guides, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var bytes atomic.Int64
		res := Build(os.DirFS(siteDir), careguide.Default, Options{Emit: func(f render.File) error {
			bytes.Add(int64(len(f.Data)))
			if f.Done != nil {
				f.Done() // as the CLI's writers do once a page is on disk
			}
			return nil
		}})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags)
		}
		b.ReportMetric(float64(bytes.Load())/(1<<20), "MB")
	}
}
