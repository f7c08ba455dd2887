package yamlfast

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse parses a YAML document into a node tree identical to what
// yaml.Unmarshal(data, &node) gives (ignoring comments), or returns yaml.v3's
// error. Input outside the fast subset is parsed by yaml.v3 itself.
func Parse(data []byte) (*yaml.Node, error) {
	// A tree that is never released keeps its arena's chunks.
	if n, ok := tryFast(data, new(arena)); ok {
		return n, nil
	}
	return parseSlow(data)
}

func parseSlow(data []byte) (*yaml.Node, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// Tree is a parsed document whose nodes are recycled: a caller that is done
// with Root calls Release, and the next ParseTree reuses its nodes. A build
// parses thousands of frontmatter blocks and keeps none of their trees, so
// it allocates nodes for a few trees instead of for each.
type Tree struct {
	Root  *yaml.Node
	arena *arena
}

// ParseTree is Parse into a Tree. Nothing of Root may be used after
// Release.
func ParseTree(data []byte) (*Tree, error) {
	a := arenas.Get().(*arena)
	if n, ok := tryFast(data, a); ok {
		return &Tree{Root: n, arena: a}, nil
	}
	a.release()
	n, err := parseSlow(data)
	if err != nil {
		return nil, err
	}
	return &Tree{Root: n}, nil
}

// Release hands the tree's nodes to later parses.
func (t *Tree) Release() {
	if t.arena != nil {
		t.arena.release()
		t.arena, t.Root = nil, nil
	}
}

// arena holds the node and pointer chunks of one tree, and spare ones.
type arena struct {
	nodes, spareNodes [][]yaml.Node
	ptrs, sparePtrs   [][]*yaml.Node
}

var arenas = sync.Pool{New: func() any { return new(arena) }}

// nodeChunk hands out a chunk of nodes: a spare one, or a new one.
func (a *arena) nodeChunk() []yaml.Node {
	var c []yaml.Node
	if n := len(a.spareNodes); n > 0 {
		c, a.spareNodes = a.spareNodes[n-1], a.spareNodes[:n-1]
	} else {
		c = make([]yaml.Node, nodeChunk)
	}
	a.nodes = append(a.nodes, c)
	return c
}

// ptrChunk is nodeChunk for Content pointers, at least size of them.
func (a *arena) ptrChunk(size int) []*yaml.Node {
	var c []*yaml.Node
	if n := len(a.sparePtrs); n > 0 && len(a.sparePtrs[n-1]) >= size {
		c, a.sparePtrs = a.sparePtrs[n-1], a.sparePtrs[:n-1]
	} else {
		c = make([]*yaml.Node, max(size, ptrChunk))
	}
	a.ptrs = append(a.ptrs, c)
	return c
}

// release clears the chunks in use (so they pin no strings) and keeps them
// as spares.
func (a *arena) release() {
	for _, c := range a.nodes {
		clear(c)
	}
	for _, c := range a.ptrs {
		clear(c)
	}
	a.spareNodes, a.nodes = append(a.spareNodes, a.nodes...), a.nodes[:0]
	a.sparePtrs, a.ptrs = append(a.sparePtrs, a.ptrs...), a.ptrs[:0]
	// A huge document's chunks are not worth keeping for every later one.
	a.spareNodes = a.spareNodes[:min(len(a.spareNodes), maxSpare)]
	a.sparePtrs = a.sparePtrs[:min(len(a.sparePtrs), maxSpare)]
	arenas.Put(a)
}

// tryFast runs the fast path but treats an unexpected panic (a bug) as
// "not handled": yaml.v3 then gives the right answer instead of the build
// crashing. Tests call parseFast directly so such bugs still surface.
func tryFast(data []byte, a *arena) (n *yaml.Node, ok bool) {
	if !fastPath {
		return nil, false
	}
	defer func() {
		if recover() != nil {
			n, ok = nil, false
		}
	}()
	return parseIn(data, a)
}

// bail is the panic value that abandons the fast path. Panicking keeps the
// grammar functions free of error plumbing; it only happens on input that
// yaml.v3 will then parse far more slowly anyway.
type bail struct{}

// parseFast parses data if it lies in the fast subset; ok is false otherwise.
func parseFast(data []byte) (n *yaml.Node, ok bool) { return parseIn(data, new(arena)) }

// parseIn is parseFast with nodes from a.
func parseIn(data []byte, a *arena) (n *yaml.Node, ok bool) {
	if len(data) == 0 {
		return nil, false
	}
	s := scratchPool.Get().(*scratch)
	p := parser{data: data, src: string(data), scratch: s, arena: a}
	defer func() {
		p.release()
		if r := recover(); r != nil {
			if _, isBail := r.(bail); !isBail {
				panic(r)
			}
			n, ok = nil, false
		}
	}()
	if !p.splitLines() {
		return nil, false
	}
	return p.document(), true
}

// line describes one input line; offsets index parser.src.
type line struct {
	start, end int // end excludes the '\n'
	indent     int // leading spaces
	kind       lineKind
	hasTab     bool
	ascii      bool // columns are byte offsets
}

type lineKind uint8

const (
	lineText    lineKind = iota
	lineBlank            // empty or only spaces
	lineComment          // spaces, then '#'
)

// scratch holds buffers reused across parses; nothing in it outlives one.
type scratch struct {
	lines []line
	stack []*yaml.Node
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

type parser struct {
	data []byte // the input, for word-at-a-time validation
	src  string // one copy of data; scalar values are substrings of it
	*scratch
	li    int          // index of the current line
	depth int          // nesting of collections, bounded to stay off deep stacks
	nodes []yaml.Node  // unused part of the current node chunk
	ptrs  []*yaml.Node // unused part of the current Content chunk
	arena *arena       // where chunks come from
}

const (
	maxDepth  = 100
	nodeChunk = 64  // nodes per allocation, ~10 KB
	ptrChunk  = 256 // Content pointers per allocation, 2 KB
	maxSpare  = 16  // chunks of each kind an arena keeps: a guide needs a few
)

func (p *parser) release() {
	clear(p.stack[:cap(p.stack)]) // drop pointers so the pool does not pin trees
	p.stack = p.stack[:0]
	p.lines = p.lines[:0]
	scratchPool.Put(p.scratch)
	p.scratch = nil
}

func (p *parser) fail() { panic(bail{}) }

// splitLines fills p.lines and rejects input whose characters or line
// structure yaml.v3 treats specially: anything but LF line breaks,
// characters yaml.v3 refuses or treats as breaks/BOM, and document markers.
func (p *parser) splitLines() bool {
	src := p.src
	// Most frontmatter is plain ASCII; one word-at-a-time pass then
	// validates everything and lines need no byte-by-byte look.
	plain := plainText(p.data)
	for start := 0; start <= len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		p.lines = append(p.lines, line{start: start, end: end, kind: lineText, ascii: true})
		ln := &p.lines[len(p.lines)-1]
		i := start
		for i < end && src[i] == ' ' {
			i++
		}
		ln.indent = i - start
		switch {
		case i == end:
			ln.kind = lineBlank
		case src[i] == '#':
			ln.kind = lineComment
		case i == start && isMarker(src[start:end]):
			return false
		}
		if !plain && !p.checkLine(ln) {
			return false
		}
		start = end + 1
	}
	return true
}

// checkLine sets ln's flags for tabs and non-ASCII text, or reports false
// if the line holds characters the fast path leaves to yaml.v3.
func (p *parser) checkLine(ln *line) bool {
	src, end := p.src, ln.end
	for i := ln.start; i < end; i++ {
		if i+8 <= end && printableASCII8(binary.LittleEndian.Uint64(p.data[i:])) {
			i += 7
			continue
		}
		c := src[i]
		switch {
		case c >= 0x20 && c < 0x7f:
		case c == '\t':
			ln.hasTab = true
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(src[i:end])
			if !printable(r, size) {
				return false
			}
			i += size - 1
			ln.ascii = false
		default:
			return false // control characters, including CR
		}
	}
	return true
}

// plainText reports whether b holds only printable ASCII and '\n'.
func plainText(b []byte) bool {
	i := 0
	for ; i+16 <= len(b); i += 16 {
		if !textWord(binary.LittleEndian.Uint64(b[i:])) || !textWord(binary.LittleEndian.Uint64(b[i+8:])) {
			return false
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c != '\n' && (c < 0x20 || c >= 0x7f) {
			return false
		}
	}
	return true
}

// textWord reports whether each byte of w is printable ASCII or '\n'.
// Every step keeps bytes separate (no carries cross a byte), so the test
// is exact per byte.
func textWord(w uint64) bool {
	const low7, ones, highs = 0x7f7f7f7f7f7f7f7f, 0x0101010101010101, 0x8080808080808080
	atLeast20 := ((w&low7 + ones*(0x80-0x20)) | w) & highs
	nl := w ^ ones*'\n'
	notNL := ((nl&low7 + low7) | nl) & highs
	atLeast7f := ((w&low7 + ones) | w) & highs
	return (^atLeast20&notNL)|atLeast7f == 0
}

// printableASCII8 reports whether all eight bytes of w are in 0x20..0x7E,
// using the classic "has byte less than / greater than" bit tricks.
func printableASCII8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	less := (w - ones*0x20) & ^w & highs
	more := (w + ones*(0x7f-0x7e) | w) & highs
	return less|more == 0
}

// printable reports whether yaml.v3 reads r as an ordinary character. NEL,
// LS and PS are line breaks to it and U+FEFF is a BOM; all fall back.
func printable(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return false
	case r == 0x85, r == 0x2028, r == 0x2029, r == 0xFEFF:
		return false
	}
	return (r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// isMarker reports lines that may be document markers ("---", "...").
// yaml.v3 also requires a blank after them; falling back on every such
// line is simpler and costs nothing in practice.
func isMarker(s string) bool {
	return len(s) >= 3 && (s[:3] == "---" || s[:3] == "...")
}

// node hands out a Node from the current chunk: one allocation serves
// many. Chunks are small enough that a document wastes little of its last
// one, and large enough that a guide needs only a handful.
func (p *parser) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = p.arena.nodeChunk()
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
	return n
}

func (p *parser) scalar(tag, value string, style yaml.Style, pos int) *yaml.Node {
	n := p.node(yaml.ScalarNode, tag, p.li+1, p.col(pos))
	n.Value, n.Style = value, style
	return n
}

func (p *parser) push(n *yaml.Node) { p.stack = append(p.stack, n) }

// collect turns the children pushed since base into a Content slice carved
// from a shared chunk (capacity-capped, so appending never clobbers).
func (p *parser) collect(base int) []*yaml.Node {
	kids := p.stack[base:]
	k := len(kids)
	if k == 0 {
		return nil // yaml.v3 leaves empty collections' Content nil
	}
	if len(p.ptrs) < k {
		p.ptrs = p.arena.ptrChunk(k)
	}
	out := p.ptrs[:k:k]
	copy(out, kids)
	p.ptrs = p.ptrs[k:]
	p.stack = p.stack[:base] // stale pointers above base are cleared in release
	return out
}

// col is the 1-based column of byte offset pos on the current line.
// yaml.v3 counts characters, not bytes.
func (p *parser) col(pos int) int {
	start := p.lines[p.li].start
	if p.lines[p.li].ascii {
		return pos - start + 1
	}
	n := 1
	for i := start; i < pos; i++ {
		if c := p.src[i]; c < 0x80 || c >= 0xC0 {
			n++
		}
	}
	return n
}

// skipBlank moves p.li past blank and comment lines.
func (p *parser) skipBlank() {
	for p.li < len(p.lines) && p.lines[p.li].kind != lineText {
		p.li++
	}
}

func (p *parser) enter() {
	if p.depth++; p.depth > maxDepth {
		p.fail()
	}
}

// document parses the root, which must be a block mapping at column 1 that
// covers the whole input. yaml.v3 places the document where its first
// token is.
func (p *parser) document() *yaml.Node {
	p.skipBlank()
	if p.li >= len(p.lines) || p.lines[p.li].indent != 0 {
		p.fail()
	}
	doc := p.node(yaml.DocumentNode, "", p.li+1, 1)
	p.push(p.mapping(0))
	if p.li < len(p.lines) {
		p.fail()
	}
	doc.Content = p.collect(0)
	return doc
}
