package picture

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The cache keeps one file per processed source: a header, then every
// variant's bytes back to back. Its name is the sha256 of the settings and
// of the source bytes' sha256, under a two-letter folder:
//
//	<dir>/3f/3f9a…e1.pic
//
// A hit reads the header alone: the variants stay on disk until they are
// written out (Variant.Bytes), each checked against its sha256 then. A file
// is written to a temporary name and renamed, so readers see a whole entry
// or none; an entry whose size is not what its header says (a full disk, a
// crash, a hand edit) is a miss, and is made again.

const (
	entryMagic = "careguide picture cache 2\n"
	entryExt   = ".pic"
	// maxHeader bounds what a damaged entry can make load allocate.
	maxHeader = 1 << 16
	// tempMaxAge: an older temporary file was left by a crash, not by a
	// build still writing it.
	tempMaxAge = time.Hour
)

type cache struct {
	dir string

	mu  sync.Mutex
	err error // first failure, for Stats
}

type entryHeader struct {
	Width, Height int
	Color         string
	Alpha         bool
	Warnings      []string `json:",omitempty"`
	Variants      []entryVariant
}

type entryVariant struct {
	Format        string
	Width, Height int
	Size          int
	SHA256        string
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+entryExt)
}

func (c *cache) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

func (c *cache) firstErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// load returns the cached Picture for key, its variants left in the entry,
// or nil for a miss. A damaged entry is a miss; it is replaced when the
// Picture is stored again.
func (c *cache) load(key string) *Picture {
	if c.dir == "" {
		return nil
	}
	name := c.path(key)
	f, err := os.Open(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.fail(err)
		}
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	head := make([]byte, min(info.Size(), int64(len(entryMagic)+4+maxHeader)))
	if _, err := io.ReadFull(f, head); err != nil {
		return nil
	}
	return decodeEntry(head, info.Size(), name)
}

// decodeEntry reads the Picture of the entry called name from the start of
// its bytes, head, given the entry's whole size.
func decodeEntry(head []byte, size int64, name string) *Picture {
	rest, ok := bytes.CutPrefix(head, []byte(entryMagic))
	if !ok || len(rest) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint32(rest))
	if n > len(rest)-4 {
		return nil
	}
	var h entryHeader
	if json.Unmarshal(rest[4:4+n], &h) != nil {
		return nil
	}
	pic := &Picture{Width: h.Width, Height: h.Height, Color: h.Color, Alpha: h.Alpha, Warnings: h.Warnings}
	offset := int64(len(entryMagic) + 4 + n)
	for _, v := range h.Variants {
		sum, err := hex.DecodeString(v.SHA256)
		if v.Size < 0 || int64(v.Size) > size-offset || err != nil || len(sum) != sha256.Size {
			return nil
		}
		pic.Variants = append(pic.Variants, Variant{Format: v.Format, Width: v.Width, Height: v.Height,
			Size: v.Size, Sum: [32]byte(sum), entry: name, offset: offset})
		offset += int64(v.Size)
	}
	if offset != size || len(pic.Variants) == 0 {
		return nil
	}
	return pic
}

func encodeEntry(pic *Picture) []byte {
	h := entryHeader{Width: pic.Width, Height: pic.Height, Color: pic.Color, Alpha: pic.Alpha, Warnings: pic.Warnings}
	for _, v := range pic.Variants {
		h.Variants = append(h.Variants, entryVariant{v.Format, v.Width, v.Height, len(v.Data), hex.EncodeToString(v.Sum[:])})
	}
	head, _ := json.Marshal(h) // plain fields: cannot fail
	b := append([]byte(entryMagic), binary.BigEndian.AppendUint32(nil, uint32(len(head)))...)
	b = append(b, head...)
	for _, v := range pic.Variants {
		b = append(b, v.Data...)
	}
	return b
}

// store writes an entry atomically: a temporary file in the same folder,
// renamed over the final name. It returns the Picture to keep: one that
// reads its variants back from the entry, or pic itself when there is no
// cache or writing failed (failing to cache is not failing to build).
func (c *cache) store(key string, pic *Picture) *Picture {
	if c.dir == "" {
		return pic
	}
	b := encodeEntry(pic)
	if err := c.write(key, b); err != nil {
		c.fail(err)
		return pic
	}
	return decodeEntry(b, int64(len(b)), c.path(key))
}

func (c *cache) write(key string, b []byte) error {
	final := c.path(key)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(final), key+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), final)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Prune removes the cache entries this Processor has not asked for since
// New: after a full build, those of images the site no longer has. Only
// files the cache itself names are touched, so a cache dir pointed at the
// wrong place loses nothing else. Share a cache dir between sites only if
// you accept that building one prunes the other's entries.
func (p *Processor) Prune() error {
	c := &p.cache
	if c.dir == "" {
		return nil
	}
	shards, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []error
	for _, s := range shards {
		if !s.IsDir() || !isHex(s.Name(), 2) {
			continue
		}
		dir := filepath.Join(c.dir, s.Name())
		files, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if stale(f, s.Name(), p.used) {
				if err := os.Remove(filepath.Join(dir, f.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
		os.Remove(dir) // only succeeds when empty
	}
	return errors.Join(errs...)
}

// stale reports whether a file in shard folder is an entry nobody asked for,
// or a temporary file a crashed build left behind.
func stale(f fs.DirEntry, shard string, used map[string]bool) bool {
	name := f.Name()
	if !f.Type().IsRegular() || len(name) < 64 || name[:2] != shard || !isHex(name[:64], 64) {
		return false
	}
	switch rest := name[64:]; {
	case rest == entryExt:
		return !used[name[:64]]
	case strings.HasPrefix(rest, ".tmp"):
		info, err := f.Info()
		return err == nil && time.Since(info.ModTime()) > tempMaxAge
	}
	return false
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}
