package build

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// BenchmarkSearchIndexShare10k measures what the search index costs a
// build of the generated 10,000-guide site: each op is two builds, as
// BenchmarkBuildInMemory10k makes them, one with the index's outputs and
// one without, in turn in one process, so that a slower minute of a
// shared machine slows both alike. It reports the index's share of a
// build with it, pair by pair, as the median and quartiles over the ops,
// in wall time (index-wall-%), in the CPU time the runtime counts as the
// program's and the garbage collector's (index-cpu-%), and the share of
// the bytes allocated (index-alloc-%) and of the peak heap, live objects
// and garbage not yet swept, as sampled every half millisecond
// (index-peak-%). Shares of time of single pairs vary by ten points on a
// busy machine: on this project's 2-core VM a run of 60 pairs puts the
// median within about a point, fewer pairs wander further (the
// searchindex package doc has the numbers). A build with the index
// begins it ahead of its plan (render.StartSearch), as careguide build
// does; one without begins none.
//
//	go test ./internal/build -run '^$' -bench SearchIndexShare10k -benchtime 60x
//
// Each build's goroutines carry the profile label index=with or
// index=without, so that with -cpuprofile the two kinds of build compare
// function by function (pprof -tagfocus 'index=^with$', and
// 'index=without'): what the index costs the rest of the build shows
// there too. The garbage collector's own goroutines carry no label.
func BenchmarkSearchIndexShare10k(b *testing.B) {
	siteDir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(siteDir, sitegen.Options{Guides: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	defer func() { leaveOut = nil }()
	cpu := []metrics.Sample{{Name: "/cpu/classes/user:cpu-seconds"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	// cost is what one build takes: wall seconds, CPU seconds, bytes
	// allocated, the peak heap's bytes.
	cost := func(without bool) (c [4]float64) {
		leaveOut = nil
		if without {
			leaveOut = searchIndexOutput
		}
		runtime.GC() // each build starts from the same heap
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		metrics.Read(cpu)
		start, cpu0, alloc0 := time.Now(), cpu[0].Value.Float64()+cpu[1].Value.Float64(), m.TotalAlloc
		heap := make(chan uint64)
		stop := make(chan struct{})
		go func() { // samples the heap until the build is done
			sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			peak := uint64(0)
			tick := time.NewTicker(time.Millisecond / 2)
			defer tick.Stop()
			for {
				metrics.Read(sample)
				peak = max(peak, sample[0].Value.Uint64())
				select {
				case <-tick.C:
				case <-stop:
					heap <- peak
					return
				}
			}
		}()
		var index atomic.Int64 // the index's files made
		var res *Result
		label := "with"
		if without {
			label = "without"
		}
		pprof.Do(context.Background(), pprof.Labels("index", label), func(context.Context) {
			res = Build(os.DirFS(siteDir), careguide.Default, Options{Emit: func(f render.File) error {
				if strings.HasPrefix(f.Path, "search/") && f.Done == nil {
					index.Add(1)
				}
				if f.Done != nil {
					f.Done()
				}
				return nil
			}})
		})
		if res.Diags.HasErrors() {
			b.Fatal(res.Diags)
		}
		if made := index.Load(); (made == 0) != without {
			b.Fatalf("a build without the index: %v; the index's files made: %d", without, made)
		}
		metrics.Read(cpu)
		wall := time.Since(start).Seconds()
		close(stop)
		peak := <-heap
		runtime.ReadMemStats(&m)
		return [4]float64{wall, cpu[0].Value.Float64() + cpu[1].Value.Float64() - cpu0, float64(m.TotalAlloc - alloc0), float64(peak)}
	}
	cost(false) // the first build of a process also warms it up
	var shares [4][]float64
	for i := 0; b.Loop(); i++ {
		var with, without [4]float64
		if i%2 == 0 {
			with, without = cost(false), cost(true)
		} else { // the other way round, so that neither always goes first
			without, with = cost(true), cost(false)
		}
		for k := range shares {
			shares[k] = append(shares[k], 100*(with[k]-without[k])/with[k])
		}
	}
	for k, name := range []string{"index-wall-%", "index-cpu-%", "index-alloc-%", "index-peak-%"} {
		slices.Sort(shares[k])
		n := len(shares[k])
		b.ReportMetric(shares[k][n/2], name)
		if k != 2 { // allocation is steady
			b.ReportMetric(shares[k][n/4], name[:len(name)-1]+"p25")
			b.ReportMetric(shares[k][(3*n)/4], name[:len(name)-1]+"p75")
		}
	}
}

// searchIndexOutput reports whether o is one of the search index's files,
// which a build without the index leaves out (leaveOut).
func searchIndexOutput(o render.Output) bool {
	return strings.HasPrefix(o.Path, "search/") && !o.Page()
}

// BenchmarkBuildOnce1k and 10k build a generated site, made in memory,
// once an op: with the search index (with), without its files (without),
// or not at all (none: the site is only generated). They are for counting
// instructions with callgrind, which repeat from run to run where times
// on a shared VM do not: the index's share of a build's instructions is
// (with - without) / (with - none), each the total of one process.
//
//	go test -c -o /tmp/build.test ./internal/build
//	for k in none with without; do GOGC=off GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 \
//	  valgrind --tool=callgrind --callgrind-out-file=/dev/null /tmp/build.test \
//	  -test.run '^$' -test.bench "BuildOnce1k/^$k$" -test.benchtime 1x 2>&1 | grep Collected; done
//
// asyncpreemptoff keeps valgrind from failing on the runtime's signals;
// GOGC=off leaves out the garbage collector, whose share moves by a few
// percent from run to run (leave it out of the command to count it).
// On 2026-12-06, 1k: 2.56 G instructions with the index, 2.22 G without
// and 0.13 G for none, so the index is 13.8% of the build's (17.7% before
// the analyser's quick loop; 10k, built the same way: 13.3%, was 17.4%).
func BenchmarkBuildOnce1k(b *testing.B)  { benchmarkOnce(b, 1000) }
func BenchmarkBuildOnce10k(b *testing.B) { benchmarkOnce(b, 10000) }

func benchmarkOnce(b *testing.B, guides int) {
	for _, kind := range []string{"none", "with", "without"} {
		b.Run(kind, func(b *testing.B) {
			fsys := sitegen.FS(sitegen.Options{Guides: guides, Seed: 1})
			defer func() { leaveOut = nil }()
			if kind == "without" {
				leaveOut = searchIndexOutput
			}
			for b.Loop() {
				if kind == "none" {
					continue
				}
				res := Build(fsys, careguide.Default, Options{Emit: func(f render.File) error {
					if f.Done != nil {
						f.Done()
					}
					return nil
				}})
				if res.Diags.HasErrors() {
					b.Fatal(res.Diags)
				}
			}
		})
	}
}
