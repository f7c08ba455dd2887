package build

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/output"
	"github.com/careguide/careguide/internal/render"
)

// BenchmarkPhotoSite builds a site of one guide per photo (2000x1500
// JPEGs with noise, as phone photos are), from files on disk to an output
// dir, with an image cache: first cold, then warm. It reports the peak
// live heap of each, which must not grow with the number of photos: a
// build holds no photo's bytes, nor their variants', beyond the few being
// made or written at that moment. CAREGUIDE_BENCH_PHOTOS sets how many
// (default 200); the photos are kept in the temp dir between runs.
//
//	go test ./internal/build -run '^$' -bench PhotoSite -benchtime 1x
func BenchmarkPhotoSite(b *testing.B) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("CAREGUIDE_BENCH_PHOTOS")); err == nil && v > 0 {
		n = v
	}
	siteDir := photoSite(b, n)
	for b.Loop() {
		cache := b.TempDir()
		for _, run := range []string{"cold", "warm"} {
			runtime.GC()
			peak := watchHeap()
			start := time.Now()
			out := filepath.Join(b.TempDir(), "public")
			tx, err := output.Begin(out, output.Options{SiteDir: siteDir})
			if err != nil {
				b.Fatal(err)
			}
			res := Build(os.DirFS(siteDir), careguide.Default, Options{CacheDir: cache, Emit: func(f render.File) error { return tx.Add(f) }})
			if res.Diags.HasErrors() {
				b.Fatal(res.Diags)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), run+"-s")
			b.ReportMetric(float64(peak())/(1<<20), run+"-peak-heap-MB")
			if run == "warm" && res.Images.Made != 0 {
				b.Fatalf("warm build made %d images", res.Images.Made)
			}
		}
	}
}

// watchHeap samples the live heap every few milliseconds until the
// returned function is called, which gives the highest seen.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// photoSite writes (or finds, from an earlier run) a site of n guides,
// each with a photo as its cover.
func photoSite(b *testing.B, n int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("careguide-bench-photosite-%d", n))
	files := map[string]string{
		"site.yaml":                "title: Photos\nbase_url: https://example.org/\n",
		"content/_index.md":        "---\ntitle: Home\n---\nPhotos.\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
	}
	for i := range n {
		files[fmt.Sprintf("content/guides/g%04d/index.md", i)] = fmt.Sprintf("---\ntitle: Guide %d\ndescription: A guide with a photo.\n"+
			"image:\n  src: photo.jpg\n  alt: A cat sitting in a harness, number %d\n---\nSee ![the harness from the side](photo.jpg).\n", i, i)
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				name := filepath.Join(dir, fmt.Sprintf("content/guides/g%04d/photo.jpg", i))
				if _, err := os.Stat(name); err == nil {
					continue
				}
				if err := os.WriteFile(name, noisyJPEG(2000, 1500, uint64(i)), 0o644); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
	return dir
}

// noisyJPEG draws gradients with per-pixel noise: a photo's entropy, so
// encoders work as hard as on a real one.
func noisyJPEG(w, h int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8(rng.IntN(24))
			m.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, uint8(seed*37) + n, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90})
	return buf.Bytes()
}
