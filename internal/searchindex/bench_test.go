package searchindex

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// BenchmarkBuild indexes the source files of 1,000 generated guides as
// text, one section each: the cost of reading words, which is most of an
// index's cost. It reports the time per word.
//
//	go test ./internal/searchindex -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	fsys := sitegen.FS(sitegen.Options{Guides: 1000, Seed: 1})
	var texts [][]byte
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := fs.ReadFile(fsys, p)
			texts = append(texts, data)
		}
		return nil
	})
	words := 0
	for _, t := range texts {
		Tokens(nil, t, func([]byte) { words++ })
	}
	layout := NewLayout(len(texts))
	b.ResetTimer()
	for b.Loop() {
		Build(len(texts), func(i int, w Writer) { w.Section("", FieldTitle); w.Text(texts[i]) }, &English, layout, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
}
