package render

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/careguide/careguide/internal/searchindex"
	"github.com/careguide/careguide/internal/sitegen"
)

// typicalQueries are two-word queries a reader of a generated site types.
var typicalQueries = []string{"leash train", "fit harness", "clicker training", "puzzle feeders",
	"vet visit", "trim nails", "carrier calm", "outdoor time", "rabbit toys", "dog exercise"}

// BenchmarkSearchIndex10k makes the whole search index of a generated
// 10,000-guide site, every file of it, as a build does, and reports its
// size; the time and memory per op are what making the index alone
// takes (its share of a whole build is BenchmarkSearchIndexShare10k's, in
// internal/build). It then runs
// typicalQueries through searchindex.Reader and reports what each
// transfers: the script, the meta file, the words files and chunks the
// query reads and the files of its first ten results, as they are and
// gzipped.
//
//	go test ./internal/render -run '^$' -bench SearchIndex10k -benchtime 3x -benchmem
func BenchmarkSearchIndex10k(b *testing.B) {
	s, th := linkSite(b, sitegen.FS(sitegen.Options{Guides: 10000, Seed: 1}))
	plan := Plan(s, th)
	var outs []Output
	for _, o := range plan {
		if strings.HasPrefix(o.Path, searchDir) && !o.Page() {
			outs = append(outs, o)
		}
	}
	var files map[string][]byte
	b.ResetTimer()
	for b.Loop() {
		files = map[string][]byte{}
		var mu sync.Mutex
		diags := Make(s, th, outs, func(f File) error {
			data := f.Keep().Data // as Build keeps files: a copy, the memory handed back
			mu.Lock()
			files[f.Path] = data
			mu.Unlock()
			return nil
		}, nil, nil)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	b.StopTimer()
	total, docs := 0, 0
	for p, d := range files {
		total += len(d)
		if strings.HasPrefix(p, searchDir+"d/") {
			docs += len(d)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(total)/(1<<20), "index-MB")
	b.ReportMetric(float64(docs)/(1<<20), "docfiles-MB")

	script := searchScript(b, th)
	var most, sum, mostGz, sumGz int
	for _, q := range typicalQueries {
		raw, gz := queryTransfer(b, files, q)
		raw += len(script)
		gz += gzipSize(script)
		most, sum = max(most, raw), sum+raw
		mostGz, sumGz = max(mostGz, gz), sumGz+gz
	}
	b.ReportMetric(float64(most)/1000, "max-query-kB")
	b.ReportMetric(float64(sum)/float64(len(typicalQueries))/1000, "mean-query-kB")
	b.ReportMetric(float64(mostGz)/1000, "max-query-gz-kB")
	b.ReportMetric(float64(sumGz)/float64(len(typicalQueries))/1000, "mean-query-gz-kB")
	runtime.KeepAlive(files)
}

// queryTransfer is the bytes of the index files query reads, and the
// files of its first ten results, as they are and gzipped.
func queryTransfer(b *testing.B, files map[string][]byte, query string) (raw, gz int) {
	r, err := searchindex.Open(func(name string) ([]byte, error) {
		if d, ok := files[searchDir+name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no %s", name)
	})
	if err != nil {
		b.Fatal(err)
	}
	res, err := r.Search(query)
	if err != nil {
		b.Fatal(err)
	}
	if len(res) == 0 {
		b.Fatalf("%q finds nothing", query)
	}
	read := r.Read
	for _, x := range res[:min(10, len(res))] {
		read = append(read, searchindex.DocFile(x.Doc))
	}
	for _, name := range read {
		raw += len(files[searchDir+name])
		gz += gzipSize(files[searchDir+name])
	}
	return raw, gz
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// searchScript is the bytes of the theme's search.js, as published.
func searchScript(b *testing.B, th *Theme) []byte {
	for _, a := range th.Assets {
		if strings.HasPrefix(a.Path, "assets/js/search.") && strings.HasSuffix(a.Path, ".js") {
			return a.Data
		}
	}
	b.Fatal("the theme has no search.js")
	return nil
}
