package yamlfast

import (
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// FuzzParse checks the package's one promise: for any input, Parse agrees
// with yaml.v3 (same error or not; equal trees ignoring comments), and the
// fast path never panics.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.doc))
	}
	files := sitegen.Files(sitegen.Options{Guides: 3, Seed: 1})
	for _, path := range []string{"content/section-1/guide-0001.md", "content/_index.md"} {
		f.Add(frontmatter(files[path]))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSame(t, "fuzz", data)
	})
}
