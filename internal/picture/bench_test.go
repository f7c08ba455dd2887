package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/image/draw"
)

// Benchmarks measure; nothing here asserts a duration. The photos are
// 4000×3000 JPEGs like a phone's (quality 90, about 2.5 MB each), made by
// testPhoto and kept in the temp dir between runs because drawing 50 of
// them takes a minute. CAREGUIDE_BENCH_PHOTOS sets how many (default 50).
//
//	go test ./internal/picture -run '^$' -bench Photos -benchtime 1x

func benchPhotoCount() int {
	if n, err := strconv.Atoi(os.Getenv("CAREGUIDE_BENCH_PHOTOS")); err == nil && n > 0 {
		return n
	}
	return 50
}

// benchPhotos returns the files of n photos, drawing those not yet kept.
func benchPhotos(b *testing.B, n int) []string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "careguide-bench-photos-1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	files := make([]string, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				files[i] = filepath.Join(dir, fmt.Sprintf("photo-%03d.jpg", i))
				if _, err := os.Stat(files[i]); err != nil {
					os.WriteFile(files[i], testJPEG(4000, 3000, uint64(i)), 0o644)
				}
			}
		})
	}
	wg.Wait()
	return files
}

func readPhoto(b *testing.B, file string) []byte {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// processAll processes the photos from 2×GOMAXPROCS goroutines, more
// callers than InFlight lets in at once, reading each file when its turn
// comes and dropping the result, as a build's parallel stage would.
func processAll(b *testing.B, p *Processor, files []string) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				if _, err := p.Process(files[i], readPhoto(b, files[i])); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// memoryWatch samples the heap while work runs and reads the process's
// peak resident memory from Linux, reset first where the kernel allows.
type memoryWatch struct {
	stop     chan struct{}
	done     chan struct{}
	peakHeap uint64
}

func watchMemory() *memoryWatch {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; best effort
	w := &memoryWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			w.peakHeap = max(w.peakHeap, ms.HeapAlloc)
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// cpuSeconds is the user and system time this process has used: on a
// shared machine it varies less than the wall clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func (w *memoryWatch) report(b *testing.B) {
	close(w.stop)
	<-w.done
	b.ReportMetric(float64(w.peakHeap)/(1<<20), "peak-heap-MB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(rss/(1<<20), "peak-RSS-MB")
	}
}

// peakRSS reads VmHWM from /proc/self/status, in bytes; 0 elsewhere.
func peakRSS() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024
		}
	}
	return 0
}

// benchCacheDir is where BenchmarkColdPhotos leaves its cache for
// BenchmarkWarmPhotos, which would otherwise have to make it again;
// TestMain removes it when the benchmarks are done.
var benchCacheDir = filepath.Join(os.TempDir(), fmt.Sprintf("careguide-bench-cache-%d", os.Getpid()))

func TestMain(m *testing.M) {
	code := m.Run()
	os.RemoveAll(benchCacheDir)
	os.Exit(code)
}

// BenchmarkColdPhotos is a first build: every photo decoded, scaled to four
// widths and encoded as WebP and JPEG, written to an empty cache.
func BenchmarkColdPhotos(b *testing.B) {
	photos := benchPhotos(b, benchPhotoCount())
	b.ResetTimer()
	for range b.N {
		os.RemoveAll(benchCacheDir)
		p := New(Options{CacheDir: benchCacheDir})
		w := watchMemory()
		start, cpu := time.Now(), cpuSeconds()
		processAll(b, p, photos)
		b.ReportMetric(time.Since(start).Seconds(), "s/build")
		b.ReportMetric((cpuSeconds()-cpu)/float64(len(photos)), "cpu-s/photo")
		w.report(b)
	}
}

// BenchmarkWarmPhotos is the next build: every photo comes from the cache.
func BenchmarkWarmPhotos(b *testing.B) {
	photos := benchPhotos(b, benchPhotoCount())
	dir := benchCacheDir
	processAll(b, New(Options{CacheDir: dir}), photos) // a no-op after BenchmarkColdPhotos
	b.ResetTimer()
	for range b.N {
		p := New(Options{CacheDir: dir})
		w := watchMemory()
		start := time.Now()
		processAll(b, p, photos)
		b.ReportMetric(time.Since(start).Seconds(), "s/build")
		w.report(b)
		if s := p.Stats(); s.Processed != 0 {
			b.Fatalf("warm build processed %d photos", s.Processed)
		}
	}
}

// BenchmarkInFlight shows that InFlight bounds memory, whatever the number
// of callers: 16 goroutines process 2000×1500 photos with each setting.
func BenchmarkInFlight(b *testing.B) {
	photos := make([][]byte, 24)
	for i := range photos {
		photos[i] = testJPEG(2000, 1500, uint64(100+i))
	}
	for _, inFlight := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprint(inFlight), func(b *testing.B) {
			for range b.N {
				p := New(Options{InFlight: inFlight})
				w := watchMemory()
				var next atomic.Int64
				var wg sync.WaitGroup
				for range 16 {
					wg.Go(func() {
						for i := int(next.Add(1) - 1); i < len(photos); i = int(next.Add(1) - 1) {
							if _, err := p.Process("p.jpg", photos[i]); err != nil {
								b.Error(err)
							}
						}
					})
				}
				wg.Wait()
				w.report(b)
			}
		})
	}
}

// BenchmarkScale compares ways to make the four widths from one 4000×3000
// photo: Catmull-Rom from the original (the reference), box shrink then
// Catmull-Rom (what Process does), and each width from the next wider.
// psnr-dB is the worst variant's distance from the reference.
func BenchmarkScale(b *testing.B) {
	src, err := jpeg.Decode(bytes.NewReader(readPhoto(b, benchPhotos(b, 1)[0])))
	if err != nil {
		b.Fatal(err)
	}
	widths := []int{1600, 1200, 800, 480}
	catmullRom := func(m image.Image, w int) *image.RGBA {
		out := image.NewRGBA(image.Rect(0, 0, w, w*3/4))
		draw.CatmullRom.Scale(out, out.Rect, m, m.Bounds(), draw.Src, nil)
		return out
	}
	reference := map[int]*image.RGBA{}
	for _, w := range widths {
		reference[w] = catmullRom(src, w)
	}
	ways := map[string]func() map[int]*image.RGBA{
		"direct": func() map[int]*image.RGBA {
			out := map[int]*image.RGBA{}
			for _, w := range widths {
				out[w] = catmullRom(src, w)
			}
			return out
		},
		"shrink+xdraw": func() map[int]*image.RGBA {
			base := shrink(src, shrinkFactor(4000, 1600))
			out := map[int]*image.RGBA{}
			for _, w := range widths {
				out[w] = catmullRom(base, w)
			}
			return out
		},
		"shrink+resample": func() map[int]*image.RGBA {
			base := shrink(src, shrinkFactor(4000, 1600))
			out := map[int]*image.RGBA{}
			for _, w := range widths {
				out[w] = resample(base, w, w*3/4)
			}
			return out
		},
		"resample": func() map[int]*image.RGBA {
			full := shrink(src, 1)
			out := map[int]*image.RGBA{}
			for _, w := range widths {
				out[w] = resample(full, w, w*3/4)
			}
			return out
		},
		"cascade": func() map[int]*image.RGBA {
			out := map[int]*image.RGBA{}
			from := src
			for _, w := range widths {
				out[w] = catmullRom(from, w)
				from = out[w]
			}
			return out
		},
	}
	for _, name := range []string{"direct", "shrink+xdraw", "shrink+resample", "resample", "cascade"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var got map[int]*image.RGBA
			for range b.N {
				got = ways[name]()
			}
			worst := math.Inf(1)
			for _, w := range widths {
				worst = min(worst, psnr(got[w], reference[w]))
			}
			b.ReportMetric(min(worst, 99), "psnr-dB")
		})
	}
}

func psnr(a, b *image.RGBA) float64 {
	var se float64
	for i := range a.Pix {
		if i%4 != 3 {
			d := float64(a.Pix[i]) - float64(b.Pix[i])
			se += d * d
		}
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(len(a.Pix)*3/4)))
}

// BenchmarkWebP compares libwebp's quality and method settings on a
// 1600×1200 variant; the chosen one is webpQuality, webpMethod.
func BenchmarkWebP(b *testing.B) {
	src, err := jpeg.Decode(bytes.NewReader(readPhoto(b, benchPhotos(b, 1)[0])))
	if err != nil {
		b.Fatal(err)
	}
	m := resample(shrink(src, 2), 1600, 1200)
	encodeWebP(flat(8, 8, image.White)) // compile the WebAssembly outside the timing
	for _, q := range []int{75, 80} {
		for _, method := range []int{0, 2, 3, 4, 6} {
			b.Run(fmt.Sprintf("q%d/m%d", q, method), func(b *testing.B) {
				var size int
				for range b.N {
					var out bytes.Buffer
					if err := webpEncodeWith(&out, m, q, method); err != nil {
						b.Fatal(err)
					}
					size = out.Len()
				}
				b.ReportMetric(float64(size)/1000, "kB")
			})
		}
	}
	b.Run("jpeg/q82", func(b *testing.B) {
		var size int
		for range b.N {
			out, err := encodeJPEG(m)
			if err != nil {
				b.Fatal(err)
			}
			size = len(out)
		}
		b.ReportMetric(float64(size)/1000, "kB")
	})
}
