package searchindex

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// sourceTexts is the source files of 1,000 generated guides, and how many
// words they have.
func sourceTexts(b *testing.B) (texts [][]byte, words int) {
	fsys := sitegen.FS(sitegen.Options{Guides: 1000, Seed: 1})
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			data, _ := fs.ReadFile(fsys, p)
			texts = append(texts, data)
		}
		return nil
	})
	for _, t := range texts {
		Tokens(nil, t, func([]byte) { words++ })
	}
	return texts, words
}

// BenchmarkBuild indexes the source files of 1,000 generated guides as
// text, one section each: the cost of reading words, which is most of an
// index's cost. It reports the time per word.
//
//	go test ./internal/searchindex -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	texts, words := sourceTexts(b)
	layout := NewLayout(len(texts))
	b.ResetTimer()
	for b.Loop() {
		Build(len(texts), func(i int, w Writer) { w.Section("", FieldTitle); w.Text(texts[i]) }, &English, layout, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
}

// BenchmarkChunks writes every chunk of the index of BenchmarkBuild: the
// cost of working out each posting's impact and writing it. It reports
// the time per posting.
//
//	go test ./internal/searchindex -run '^$' -bench Chunks -benchmem
func BenchmarkChunks(b *testing.B) {
	texts, _ := sourceTexts(b)
	ix := Build(len(texts), func(i int, w Writer) { w.Section("", FieldTitle); w.Text(texts[i]) }, &English, NewLayout(len(texts)), 1)
	postings := 0
	for _, p := range ix.posts {
		postings += len(p)
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range ix.Layout.Chunks {
			ix.Chunk(i)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(postings), "ns/posting")
}
