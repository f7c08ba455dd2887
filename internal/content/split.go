package content

import (
	"bytes"
	"errors"

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
	open, openLine := firstLine(data)
	var format Format
	switch open {
	case "---":
		format = YAML
	case "+++":
		format = TOML
	default:
		return Split{Body: data, BodyLine: 1}, nil
	}
	var raw []byte
	found := false
	capture := func(b []byte, _ any) error { raw, found = bytes.Clone(b), true; return nil }
	rest, err := frontmatter.Parse(bytes.NewReader(data), nil,
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture))
	if err != nil {
		return Split{}, err
	}
	if !found {
		return Split{Format: format, FrontLine: openLine}, ErrUnclosed
	}
	bodyStart := len(data) - len(rest)
	return Split{
		Format:      format,
		Frontmatter: raw,
		FrontLine:   openLine + 1,
		Body:        data[bodyStart:],
		BodyLine:    bytes.Count(data[:bodyStart], []byte{'\n'}) + 1,
	}, nil
}

// firstLine returns the first non-blank line, trimmed, and its line number,
// the way adrg/frontmatter looks for an opening delimiter.
func firstLine(data []byte) (string, int) {
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := bytes.Cut(data, []byte{'\n'})
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n
		}
		data = rest
	}
	return "", 0
}
