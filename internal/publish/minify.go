package publish

import (
	"bytes"
	"path"
	"regexp"
	"sync"

	"github.com/careguide/careguide/internal/output"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// minifiedTypes maps the extensions Minify handles to the media type its
// minifier is registered under.
var minifiedTypes = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
}

// Minifier minifies files by their extension. It is safe for concurrent
// use; make one per build.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier with the options the package doc gives.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepDefaultAttrVals: true,
	})
	m.AddFunc("text/css", css.Minify)
	// The HTML minifier hands inline scripts and JSON-LD to these by their
	// type attribute.
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return &Minifier{m: m}
}

// Minifies reports whether Minify changes files with p's extension.
func Minifies(p string) bool {
	_, ok := minifiedTypes[path.Ext(p)]
	return ok
}

// Minify returns f minified. For a file it minifies it calls f.Done (the
// bytes are no longer needed) and returns a File whose Done hands its own
// memory back; any other file it returns as it is. On an error, such as
// a script in a syntax the minifier cannot parse, it returns f as it is
// with the error, and the caller may publish f unminified.
func (m *Minifier) Minify(f output.File) (output.File, error) {
	mediatype, ok := minifiedTypes[path.Ext(f.Path)]
	if !ok {
		return f, nil
	}
	b := getBuf(len(f.Data))
	if err := m.m.Minify(mediatype, &b.Buffer, bytes.NewReader(f.Data)); err != nil {
		b.done()
		return f, err
	}
	if f.Done != nil {
		f.Done()
	}
	return output.File{Path: f.Path, Data: b.Bytes(), Done: b.done}, nil
}

// MinifyBytes is Minify for bytes that no File owns, such as a theme asset
// before it is fingerprinted.
func (m *Minifier) MinifyBytes(p string, data []byte) ([]byte, error) {
	mediatype, ok := minifiedTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.m.Minify(mediatype, &out, bytes.NewReader(data)); err != nil {
		return data, err
	}
	return out.Bytes(), nil
}

// buf is the memory of one file this package makes, handed back to bufs
// by the File's Done once the file is written, as render does with pages:
// a 10,000-guide build would otherwise allocate its whole size again for
// each transform.
type buf struct {
	bytes.Buffer
	done func()
}

var bufs sync.Pool

// getBuf returns an empty buf with room for size bytes.
func getBuf(size int) *buf {
	b, ok := bufs.Get().(*buf)
	if !ok {
		b = &buf{}
		b.done = func() {
			if b.Cap() <= 1<<20 { // not one huge file's for every later one
				bufs.Put(b)
			}
		}
	}
	b.Reset()
	b.Grow(size)
	return b
}
