package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// From the moment an edited guide is written to the moment the preview
// answers with the new HTML: the watcher's debounce, the rebuild and the
// swap, measured through real fsnotify and a real HTTP server. p50 and p90
// are per edit; rss-MB is the whole test process's peak resident memory.
//
//	go test ./internal/cli -run '^$' -bench Serve -benchtime 30x
func BenchmarkServeBodyEdit1k(b *testing.B)   { benchmarkServeEdit(b, 1000, false) }
func BenchmarkServeBodyEdit10k(b *testing.B)  { benchmarkServeEdit(b, 10000, false) }
func BenchmarkServeTitleEdit10k(b *testing.B) { benchmarkServeEdit(b, 10000, true) }

func benchmarkServeEdit(b *testing.B, guides int, title bool) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(serveMemoryLimit)) // as runServe sets it
	p := startPreview(b, generated(b, guides))
	all := guideFiles(b, p.dir)
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		rel := all[(i*7919)%len(all)]
		marker := "Edit number " + strconv.Itoa(i) + " of the benchmark"
		text := p.read(b, rel)
		if title {
			text = strings.Replace(text, "title: ", "title: "+marker+" ", 1)
		} else {
			text += "\n" + marker + ".\n"
		}
		url := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md") + "/"
		start := time.Now()
		p.write(b, rel, text)
		for {
			if _, body := p.get(b, url); strings.Contains(body, marker) {
				break
			}
			if time.Since(start) > hangGuard {
				b.Fatalf("the edit never showed; stderr:\n%s", p.stderr)
			}
			// A browser would wait for the reload event; polling without a
			// pause would take a core from the rebuild it is timing.
			time.Sleep(time.Millisecond)
		}
		times = append(times, time.Since(start))
		drain(p)
	}
	b.StopTimer()
	report(b, times)
}

// A save that changes nothing: from the write to the end of the rebuild.
func BenchmarkServeNoChange10k(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(serveMemoryLimit))
	p := startPreview(b, generated(b, 10000))
	rel := guideFiles(b, p.dir)[0]
	var times []time.Duration
	b.ResetTimer()
	for range b.N {
		text := p.read(b, rel)
		start := time.Now()
		p.write(b, rel, text)
		if r := p.next(b); r.Rendered != 0 {
			b.Fatalf("a save without changes rendered %d pages", r.Rendered)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	report(b, times)
}

// guideFiles lists a generated site's guides, as slash paths in the site.
func guideFiles(b *testing.B, dir string) []string {
	var all []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "_index.md" {
			rel, _ := filepath.Rel(dir, p)
			all = append(all, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(all) == 0 {
		b.Fatal("no guides")
	}
	slices.Sort(all)
	return all
}

func drain(p *previewSite) {
	for {
		select {
		case <-p.results:
		default:
			return
		}
	}
}

func report(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.SplitSeq(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				b.ReportMetric(float64(kb)/1024, "rss-MB")
			}
		}
	}
}
