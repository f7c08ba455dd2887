package content

import (
	"bufio"
	"bytes"
	"errors"
	"sync"

	"github.com/adrg/frontmatter"
)

// Format is the language a frontmatter block is written in.
type Format int

const (
	NoFrontmatter Format = iota
	YAML                 // between --- lines
	TOML                 // between +++ lines
)

// Split is a source file cut into its frontmatter and its Markdown body.
type Split struct {
	Format      Format
	Frontmatter []byte
	FrontLine   int // file line of the frontmatter's first line
	Body        []byte
	BodyLine    int // file line of the body's first line
}

// ErrUnclosed means a file opens a frontmatter block and never closes it.
var ErrUnclosed = errors.New("frontmatter is never closed")

// SplitFrontmatter finds the frontmatter block at the top of a file with
// adrg/frontmatter. data must already be free of a BOM and of CRLF line ends.
// On ErrUnclosed, FrontLine is the line of the opening delimiter.
func SplitFrontmatter(data []byte) (Split, error) {
	open, openLine, frontStart := firstLine(data)
	var format Format
	switch open {
	case "---":
		format = YAML
	case "+++":
		format = TOML
	default:
		return Split{Body: data, BodyLine: 1}, nil
	}
	// The library finds the closing delimiter; its length is all we keep.
	// Stopping it there saves copying the body, which it would otherwise
	// read into a buffer of its own, and Frontmatter can share data's bytes.
	frontLen, found := 0, false
	capture := func(b []byte, _ any) error { frontLen, found = len(b), true; return errFound }
	r := readers.Get().(*bufio.Reader)
	r.Reset(bytes.NewReader(data))
	_, err := frontmatter.Parse(r, nil,
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture))
	r.Reset(nil)
	readers.Put(r)
	if err != nil && !errors.Is(err, errFound) {
		return Split{}, err
	}
	if !found {
		return Split{Format: format, FrontLine: openLine}, ErrUnclosed
	}
	frontEnd := frontStart + frontLen
	bodyStart := len(data) // after the closing delimiter's line
	if i := bytes.IndexByte(data[frontEnd:], '\n'); i >= 0 {
		bodyStart = frontEnd + i + 1
	}
	return Split{
		Format:      format,
		Frontmatter: data[frontStart:frontEnd:frontEnd],
		FrontLine:   openLine + 1,
		Body:        data[bodyStart:],
		BodyLine:    bytes.Count(data[:bodyStart], []byte{'\n'}) + 1,
	}, nil
}

// errFound stops adrg/frontmatter once it has found the frontmatter.
var errFound = errors.New("frontmatter found")

// readers are adrg/frontmatter's line readers: it uses a *bufio.Reader it
// is given as it is, instead of making a 4 KB one per file.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// firstLine returns the first non-blank line, trimmed, its line number and
// the offset just after it, the way adrg/frontmatter looks for an opening
// delimiter.
func firstLine(data []byte) (string, int, int) {
	for n, off := 1, 0; off < len(data); n++ {
		line, _, _ := bytes.Cut(data[off:], []byte{'\n'})
		off += len(line) + 1
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n, min(off, len(data))
		}
	}
	return "", 0, 0
}
