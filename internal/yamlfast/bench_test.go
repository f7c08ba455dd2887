package yamlfast

import (
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
	"go.yaml.in/yaml/v3"
)

// benchDoc is a generated guide's frontmatter (~5.8 KB, every string
// double-quoted), the style of the benchmark sites.
var benchDoc = func() []byte {
	files := sitegen.Files(sitegen.Options{Guides: 3, Seed: 1})
	return frontmatter(files["content/section-1/guide-0001.md"])
}()

func BenchmarkParse(b *testing.B) {
	if _, ok := parseFast(benchDoc); !ok {
		b.Fatal("benchmark document is not on the fast path")
	}
	b.SetBytes(int64(len(benchDoc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkYAMLv3(b *testing.B) {
	b.SetBytes(int64(len(benchDoc)))
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(benchDoc, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// handwritten is ~5.5 KB in the hand-written style of the realistic
// sample (plain scalars, block scalars, comments): the sample plus more
// steps.
var handwritten = func() []byte {
	steps := realistic[strings.Index(realistic, "  - title: Introduce"):strings.Index(realistic, "gear:")]
	return []byte(realistic + "more_steps:\n" + strings.Repeat(steps, 12))
}()

func BenchmarkParseHandwritten(b *testing.B) {
	doc := handwritten
	if _, ok := parseFast(doc); !ok {
		b.Fatal("benchmark document is not on the fast path")
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkYAMLv3Handwritten(b *testing.B) {
	doc := handwritten
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(doc, &n); err != nil {
			b.Fatal(err)
		}
	}
}
