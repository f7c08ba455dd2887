package publish

import (
	"bytes"
	"slices"

	"github.com/careguide/careguide/internal/output"
)

// HeadersPath is where Netlify and Cloudflare Pages look for header rules:
// the root of the published dir. Neither serves the file itself.
const HeadersPath = "_headers"

// Immutable is the Cache-Control of a fingerprinted asset: its name
// changes whenever its bytes do, so a browser may keep it a year and never
// ask again.
const Immutable = "public, max-age=31536000, immutable"

// Headers returns the _headers file: the site's own rules (own, from a
// content/_headers file; nil when it has none) and then a rule for each
// fingerprinted asset, given as output paths, in sorted order.
func Headers(own []byte, fingerprinted []string) output.File {
	var b bytes.Buffer
	if len(own) > 0 {
		b.Write(own)
		if own[len(own)-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString("# Written by careguide build: fingerprinted assets change name when they\n" +
		"# change, so browsers may keep them for a year. Pages keep the host's\n" +
		"# default, which has browsers check for a newer version.\n")
	for _, p := range slices.Sorted(slices.Values(fingerprinted)) {
		b.WriteString("/" + p + "\n  Cache-Control: " + Immutable + "\n")
	}
	return output.File{Path: HeadersPath, Data: b.Bytes()}
}
