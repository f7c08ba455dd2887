package publish

import (
	"compress/gzip"
	"io"
	"path"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/careguide/careguide/internal/output"
)

// MinSize is the smallest file Compress compresses. A smaller response
// fits in one network packet either way, so a copy would save no round
// trip and only add a file (h5bp's server configs draw the line here too).
const MinSize = 256

// Levels of compression; see the package doc for why these.
const (
	GzipLevel     = 6 // what gzip.DefaultCompression means today, named so it cannot move
	BrotliQuality = 5
)

// compressedTypes are the text files worth compressing; images, fonts and
// archives are compressed already.
var compressedTypes = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".json": true,
	".webmanifest": true, ".xml": true, ".txt": true, ".svg": true,
	".csv": true, ".map": true, ".ics": true,
}

// Compressible reports whether Compress would consider a file at p of n
// bytes: a text type, at least MinSize bytes.
func Compressible(p string, n int) bool {
	return n >= MinSize && compressedTypes[path.Ext(p)]
}

// Compress returns f's gzip copy (f.Path+".gz") and brotli copy
// (f.Path+".br"), each only when it is smaller than f, and none for a file
// that is not Compressible. f is left as it is; each copy's Done hands its
// memory back. Safe for concurrent use.
func Compress(f output.File) ([]output.File, error) {
	if !Compressible(f.Path, len(f.Data)) {
		return nil, nil
	}
	var out []output.File
	for _, c := range codecs {
		b := getBuf(len(f.Data) / 3)
		w := c.get(&b.Buffer)
		_, err := w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		c.pool.Put(w)
		if err != nil {
			b.done()
			for _, o := range out {
				o.Done()
			}
			return nil, err
		}
		if b.Len() >= len(f.Data) {
			b.done()
			continue
		}
		out = append(out, output.File{Path: f.Path + c.ext, Data: b.Bytes(), Done: b.done})
	}
	return out, nil
}

// compressor is a writer Reset to write to a new dst: pooled, because a
// brotli writer's tables cost more to make than a page costs to compress.
type compressor interface {
	io.WriteCloser
	Reset(dst io.Writer)
}

type codec struct {
	ext  string
	pool *sync.Pool
}

func (c codec) get(dst io.Writer) compressor {
	w := c.pool.Get().(compressor)
	w.Reset(dst)
	return w
}

var codecs = []codec{
	{".gz", &sync.Pool{New: func() any {
		// The header stays empty: no name, no modification time, so the
		// bytes depend on the content alone.
		w, err := gzip.NewWriterLevel(nil, GzipLevel)
		if err != nil {
			panic(err) // GzipLevel is a valid level
		}
		return w
	}}},
	{".br", &sync.Pool{New: func() any {
		return brotli.NewWriterLevel(nil, BrotliQuality)
	}}},
}
