package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/sitegen"
)

// Rebuild after one edit on a generated site: how long from a saved file
// to the new site in memory (the watcher and the server add their part;
// see the serve benchmark in internal/cli). p50 and p90 are per edit.
//
//	go test ./internal/build -run '^$' -bench Rebuild -benchtime 20x
func BenchmarkRebuildBodyEdit1k(b *testing.B)   { benchmarkEdit(b, 1000, appendBody) }
func BenchmarkRebuildBodyEdit10k(b *testing.B)  { benchmarkEdit(b, 10000, appendBody) }
func BenchmarkRebuildTitleEdit10k(b *testing.B) { benchmarkEdit(b, 10000, retitle) }
func BenchmarkRebuildNoChange10k(b *testing.B) {
	benchmarkEdit(b, 10000, func(s string) string { return s })
}

func benchmarkEdit(b *testing.B, n int, change func(string) string) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Guides: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	builder := build.New(os.DirFS(dir), careguide.Default, build.Options{Lint: true}) // as serve does
	if r := builder.Build(); !r.OK() {
		b.Fatal(r.Diags)
	}
	var all []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(p) != "_index.md" {
			rel, _ := filepath.Rel(dir, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(all)
	var times []time.Duration
	stages := map[string]time.Duration{}
	b.ResetTimer()
	for i := range b.N {
		g := all[(i*7919)%len(all)]
		data, err := os.ReadFile(filepath.Join(dir, g))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := os.WriteFile(filepath.Join(dir, g), []byte(change(string(data))), 0o644); err != nil {
			b.Fatal(err)
		}
		r := builder.Rebuild([]string{g})
		times = append(times, time.Since(start))
		for _, tm := range r.Timings {
			stages[tm.Stage] += tm.Duration
		}
		if !r.OK() {
			b.Fatal(r.Diags)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*9/10]), "p90-ms")
	for stage, d := range stages {
		b.ReportMetric(ms(d)/float64(b.N), stage+"-ms")
	}
}

func ms(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
