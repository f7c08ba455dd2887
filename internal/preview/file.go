package preview

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"
	"sync"
)

// File is one file of a build, served from memory. Text files (HTML, CSS,
// JS, JSON, XML, SVG) are kept deflated: a preview of 10,000 guides holds
// about 290 MB of pages, which compress five to one, and inflating one
// page for a request costs microseconds. A File never changes once made.
// It is not output.File, the bytes render makes and output writes: it is
// what the server keeps of them to answer with, compressed, with its ETag.
type File struct {
	raw  []byte // the bytes, when kept as they are
	zip  []byte // the bytes deflated, when kept that way
	size int

	hashOnce sync.Once
	hash     string // hex of the first bytes of the SHA-256 of the bytes
}

// compressMin is the size below which compressing saves too little.
const compressMin = 1 << 10

// NewFile returns a File holding data; name, the file's path in the build,
// says whether it is text worth compressing. The File may keep data
// itself, so the caller must not change it afterwards.
func NewFile(name string, data []byte) *File {
	f := &File{raw: data, size: len(data)}
	if len(data) >= compressMin && compressible[path.Ext(name)] {
		f.zip, f.raw = deflate(data), nil
	}
	return f
}

var compressible = map[string]bool{".html": true, ".htm": true, ".css": true, ".js": true,
	".json": true, ".xml": true, ".svg": true, ".txt": true}

// Bytes returns the file's bytes; for a compressed file a new copy each
// time, which the caller may keep.
func (f *File) Bytes() []byte {
	if f.zip == nil {
		return f.raw
	}
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	r.(flate.Resetter).Reset(bytes.NewReader(f.zip), nil)
	out := make([]byte, 0, f.size)
	buf := bytes.NewBuffer(out)
	if _, err := buf.ReadFrom(r); err != nil {
		panic("preview: inflating a file deflated in memory: " + err.Error()) // cannot happen
	}
	return buf.Bytes()
}

// digest hashes the bytes once per File; the rebuild loop reuses the same
// *File for outputs that did not change, so the hash survives rebuilds.
func (f *File) digest() string {
	f.hashOnce.Do(func() {
		sum := sha256.Sum256(f.Bytes())
		f.hash = hex.EncodeToString(sum[:12])
	})
	return f.hash
}

// Deflate state is large (a writer allocates about 1 MB), so it is pooled.
var (
	deflaters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

func deflate(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data) / 4)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&out)
	w.Write(data) // writes to a bytes.Buffer do not fail
	w.Close()
	return bytes.Clone(out.Bytes()) // the buffer's spare room would be kept for the server's life
}
