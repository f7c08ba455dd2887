package yamlfast

import "go.yaml.in/yaml/v3"

// Block structure. Every collection is identified by the column (0-based,
// equal to the byte offset in the line since everything before it is ASCII)
// of its keys or dashes. After each entry the parser moves to the next
// non-blank, non-comment line and decides by its indentation alone:
// shallower ends the collection, equal continues it, deeper is a syntax
// error or a multi-line scalar, so it falls back. That one rule is what
// keeps continuation lines and stray indentation off the fast path.

// mapping parses a block mapping whose keys sit at column indent; the first
// key is on the current line (possibly after "- ").
func (p *parser) mapping(indent int) *yaml.Node {
	p.enter()
	m := p.node(yaml.MappingNode, "!!map", p.li+1, indent+1)
	base := len(p.stack)
	for {
		p.entry(p.lines[p.li].start + indent)
		if !p.sibling(indent) {
			break
		}
	}
	m.Content = p.collect(base)
	p.depth--
	return m
}

// sibling skips blank lines and reports whether the next line continues the
// block at indent; a line indented deeper than its siblings is not in the
// fast subset.
func (p *parser) sibling(indent int) bool {
	p.skipBlank()
	if p.li >= len(p.lines) || p.lines[p.li].indent < indent {
		return false
	}
	if p.lines[p.li].indent > indent {
		p.fail()
	}
	return true
}

// entry parses "key: value" with the key at byte offset off.
func (p *parser) entry(off int) {
	ln := &p.lines[p.li]
	if ln.hasTab {
		p.fail() // tabs as separators or indentation: let yaml.v3 decide
	}
	colon := keyEnd(p.src, off, ln.end)
	if colon < 0 {
		p.fail()
	}
	p.push(p.plain(off, colon))
	p.push(p.value(colon+1, off-ln.start, true))
}

// keyEnd returns the offset of the ':' ending a simple key at off, or -1.
// yaml.v3 forgets a potential key after 1024 characters, so long keys
// fall back.
func keyEnd(src string, off, end int) int {
	if off >= end || !wordByte[src[off]] || src[off] == '-' {
		return -1
	}
	i := off + 1
	for i < end && wordByte[src[i]] {
		i++
	}
	if i < end && src[i] == ':' && (i+1 == end || src[i+1] == ' ') && i-off < 1000 {
		return i
	}
	return -1
}

// wordByte marks the characters of simple keys: [A-Za-z0-9_-].
var wordByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-'
	}
	return t
}()

// isDash reports a block sequence entry indicator at off: '-' followed by
// a space or the end of the line.
func isDash(src string, off, end int) bool {
	return off < end && src[off] == '-' && (off+1 == end || src[off+1] == ' ')
}

// value parses what follows an indicator (':' or '-') ending just before
// off. parent is the column of the enclosing collection, which bounds the
// indentation of nested content; inMapping allows the value to be a
// sequence at the key's own indentation.
func (p *parser) value(off, parent int, inMapping bool) *yaml.Node {
	ln := &p.lines[p.li]
	pos := skipSpaces(p.src, off, ln.end)
	if pos < ln.end && p.src[pos] != '#' {
		return p.inline(pos, parent)
	}
	// Nothing on this line: the value is on the following lines or empty.
	// yaml.v3 puts an empty value right after its indicator.
	nullLine, nullCol := p.li+1, p.col(off)
	p.li++
	p.skipBlank()
	if p.li < len(p.lines) {
		next := &p.lines[p.li]
		start := next.start + next.indent
		switch {
		case next.indent > parent && isDash(p.src, start, next.end):
			return p.sequence(next.indent, false)
		case next.indent > parent:
			return p.mapping(next.indent)
		case next.indent == parent && inMapping && isDash(p.src, start, next.end):
			return p.sequence(next.indent, true)
		}
	}
	return p.node(yaml.ScalarNode, "!!null", nullLine, nullCol)
}

// sequence parses a block sequence whose dashes sit at column indent.
// An indentless sequence (at its parent key's column) ends at the first
// line that is not an entry; that line belongs to the parent mapping.
func (p *parser) sequence(indent int, indentless bool) *yaml.Node {
	p.enter()
	s := p.node(yaml.SequenceNode, "!!seq", p.li+1, indent+1)
	base := len(p.stack)
	for {
		ln := &p.lines[p.li]
		off := ln.start + indent
		if !isDash(p.src, off, ln.end) {
			if indentless {
				break
			}
			p.fail()
		}
		if ln.hasTab {
			p.fail()
		}
		p.push(p.item(off+1, indent))
		if !p.sibling(indent) {
			break
		}
	}
	s.Content = p.collect(base)
	p.depth--
	return s
}

// item parses a sequence entry's content starting after its dash at off.
func (p *parser) item(off, indent int) *yaml.Node {
	ln := &p.lines[p.li]
	pos := skipSpaces(p.src, off, ln.end)
	if pos < ln.end && p.src[pos] != '#' {
		if isDash(p.src, pos, ln.end) {
			p.fail() // "- - x": compact nested sequence
		}
		if keyEnd(p.src, pos, ln.end) >= 0 {
			return p.mapping(pos - ln.start)
		}
	}
	return p.value(off, indent, false)
}

func skipSpaces(src string, i, end int) int {
	for i < end && src[i] == ' ' {
		i++
	}
	return i
}

// inline parses a value that starts on the current line at pos and moves
// to the line after it.
func (p *parser) inline(pos, parent int) *yaml.Node {
	ln := &p.lines[p.li]
	var n *yaml.Node
	var end int
	switch p.src[pos] {
	case '"':
		n, end = p.doubleQuoted(pos, ln.end)
	case '\'':
		n, end = p.singleQuoted(pos, ln.end)
	case '[':
		n, end = p.flowSequence(pos, ln.end)
	case '|', '>':
		return p.blockScalar(pos, parent)
	default:
		n, end = p.plainValue(pos, ln.end)
	}
	p.lineTail(end, ln.end)
	p.li++
	return n
}

// lineTail accepts only spaces and a space-separated comment after a value;
// anything else (": " after a quoted key, stray characters) falls back.
func (p *parser) lineTail(i, end int) {
	j := skipSpaces(p.src, i, end)
	if j < end && (p.src[j] != '#' || j == i) {
		p.fail()
	}
}
