package yamlfast

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// plain makes a plain scalar node from src[start:end] (already trimmed).
func (p *parser) plain(start, end int) *yaml.Node {
	v := p.src[start:end]
	tag := resolvePlain(v)
	if tag == "" {
		p.fail()
	}
	return p.scalar(tag, v, 0, start)
}

// indicators are the characters that cannot start a plain scalar (or do so
// only in ways this package leaves to yaml.v3).
const indicators = "-?:,[]{}#&*!|>'\"%@`"

// plainValue scans a block-context plain scalar at pos up to the end of the
// line or a " #" comment, and returns it and the offset after its text.
func (p *parser) plainValue(pos, end int) (*yaml.Node, int) {
	src := p.src
	if c := src[pos]; strings.IndexByte(indicators, c) >= 0 {
		// "-x" is a plain scalar; "- " would be a sequence, not allowed here.
		if c != '-' || pos+1 == end || src[pos+1] == ' ' {
			p.fail()
		}
	}
	stop := commentStart(src, pos+1, end)
	for i := pos; ; i++ {
		c := strings.IndexByte(src[i:stop], ':')
		if c < 0 {
			break
		}
		i += c
		if i+1 == end || src[i+1] == ' ' {
			p.fail() // a mapping key where a value belongs
		}
	}
	for stop > pos && src[stop-1] == ' ' {
		stop--
	}
	return p.plain(pos, stop), stop
}

// commentStart returns the offset of the first " #" comment in
// src[from:end], or end.
func commentStart(src string, from, end int) int {
	for i := from; ; i++ {
		h := strings.IndexByte(src[i:end], '#')
		if h < 0 {
			return end
		}
		if i += h; src[i-1] == ' ' {
			return i
		}
	}
}

// doubleQuoted scans a one-line double-quoted scalar at pos; the value is
// a substring of the input unless it has escapes.
func (p *parser) doubleQuoted(pos, end int) (*yaml.Node, int) {
	src := p.src
	var buf []byte
	run := pos + 1 // start of the text not yet copied into buf
	for {
		q := strings.IndexByte(src[run:end], '"')
		if q < 0 {
			p.fail() // continues on the next line
		}
		q += run
		bs := strings.IndexByte(src[run:q], '\\')
		if bs < 0 {
			v := src[pos+1 : q]
			if buf != nil {
				v = string(append(buf, src[run:q]...))
			}
			return p.scalar("!!str", v, yaml.DoubleQuotedStyle, pos), q + 1
		}
		bs += run
		if buf == nil {
			buf = make([]byte, 0, end-pos)
		}
		buf = append(buf, src[run:bs]...)
		var last int
		buf, last = p.escape(buf, bs+1, end)
		run = last + 1
	}
}

// escape decodes the escape whose letter is at i, as yaml.v3 does, and
// returns the offset of its last byte. Unknown or invalid escapes and
// escaped line breaks fall back (yaml.v3 reports or folds them).
func (p *parser) escape(buf []byte, i, end int) ([]byte, int) {
	if i >= end {
		p.fail()
	}
	if r := simpleEscape(p.src[i]); r >= 0 {
		return utf8.AppendRune(buf, r), i
	}
	size := 0
	switch p.src[i] {
	case 'x':
		size = 2
	case 'u':
		size = 4
	case 'U':
		size = 8
	default:
		p.fail()
	}
	if i+size >= end {
		p.fail()
	}
	v := 0 // an int, not a rune: eight hex digits overflow int32
	for _, c := range []byte(p.src[i+1 : i+1+size]) {
		d := hexDigit(c)
		if d < 0 {
			p.fail()
		}
		v = v<<4 | d
	}
	if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
		p.fail()
	}
	return utf8.AppendRune(buf, rune(v)), i + size
}

// simpleEscape maps yaml.v3's single-character escapes; -1 if c is not one.
func simpleEscape(c byte) rune {
	switch c {
	case '0':
		return 0
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 't':
		return '\t'
	case 'n':
		return '\n'
	case 'v':
		return '\v'
	case 'f':
		return '\f'
	case 'r':
		return '\r'
	case 'e':
		return 0x1B
	case ' ', '"', '\'', '\\':
		return rune(c)
	case 'N':
		return 0x85
	case '_':
		return 0xA0
	case 'L':
		return 0x2028
	case 'P':
		return 0x2029
	}
	return -1
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// singleQuoted scans a one-line single-quoted scalar at pos; a doubled
// quote stands for one quote.
func (p *parser) singleQuoted(pos, end int) (*yaml.Node, int) {
	src := p.src
	var buf []byte
	run := pos + 1
	i := run
	for ; ; i++ {
		if i >= end {
			p.fail()
		}
		if src[i] != '\'' {
			continue
		}
		if i+1 < end && src[i+1] == '\'' {
			buf = append(buf, src[run:i+1]...)
			i++
			run = i + 1
			continue
		}
		break
	}
	v := src[pos+1 : i]
	if buf != nil {
		v = string(append(buf, src[run:i]...))
	}
	return p.scalar("!!str", v, yaml.SingleQuotedStyle, pos), i + 1
}

// flowSequence scans a one-line flow sequence of scalars at pos.
func (p *parser) flowSequence(pos, end int) (*yaml.Node, int) {
	p.enter()
	seq := p.node(yaml.SequenceNode, "!!seq", p.li+1, p.col(pos))
	seq.Style = yaml.FlowStyle
	base := len(p.stack)
	i := skipSpaces(p.src, pos+1, end)
	for i >= end || p.src[i] != ']' {
		var n *yaml.Node
		if i >= end {
			p.fail() // multi-line flow sequence
		}
		switch p.src[i] {
		case '"':
			n, i = p.doubleQuoted(i, end)
		case '\'':
			n, i = p.singleQuoted(i, end)
		default:
			n, i = p.flowPlain(i, end)
		}
		p.push(n)
		i = skipSpaces(p.src, i, end)
		if i < end && p.src[i] == ',' {
			i = skipSpaces(p.src, i+1, end)
			if i < end && p.src[i] == ']' {
				p.fail() // trailing comma
			}
		} else if i >= end || p.src[i] != ']' {
			p.fail()
		}
	}
	seq.Content = p.collect(base)
	p.depth--
	return seq, i + 1
}

// flowPlain scans a plain scalar inside a flow sequence, which ends at ','
// or ']'. Characters that would start nested collections, mapping pairs or
// comments fall back; ':' is kept only inside URLs ("https://").
func (p *parser) flowPlain(pos, end int) (*yaml.Node, int) {
	src := p.src
	if strings.IndexByte(indicators, src[pos]) >= 0 {
		p.fail()
	}
	i := pos + 1
loop:
	for ; i < end; i++ {
		switch src[i] {
		case ',', ']':
			break loop
		case '[', '{', '}', '?', '#':
			p.fail()
		case ':':
			if i+1 == end || src[i+1] != '/' {
				p.fail()
			}
		}
	}
	stop := i
	for src[stop-1] == ' ' {
		stop--
	}
	return p.plain(pos, stop), i
}
