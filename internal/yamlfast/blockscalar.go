package yamlfast

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// blockScalar parses a |, |-, > or >- scalar whose indicator is at pos.
// parent is the column of the enclosing collection; content must be
// indented deeper. The node sits at the indicator, as in yaml.v3.
func (p *parser) blockScalar(pos, parent int) *yaml.Node {
	ln := &p.lines[p.li]
	literal := p.src[pos] == '|'
	i := pos + 1
	strip := i < ln.end && p.src[i] == '-'
	if strip {
		i++
	}
	p.lineTail(i, ln.end) // rejects |+, |2 and text after the indicator
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	n := p.scalar("!!str", "", style, pos)
	p.li++
	// The first line fixes the indentation. Blank first lines take part in
	// yaml.v3's detection in subtle ways, and an empty scalar has no first
	// line, so both fall back.
	// While detecting the indentation yaml.v3 rejects a tab after the
	// leading spaces.
	if p.li >= len(p.lines) || p.lines[p.li].kind == lineBlank ||
		p.lines[p.li].indent <= parent || p.src[p.lines[p.li].start+p.lines[p.li].indent] == '\t' {
		p.fail()
	}
	n.Value = p.blockText(p.lines[p.li].indent, literal, strip)
	return n
}

// blockText reads the content lines, indented at least indent, starting at
// the current line, and leaves p.li on the first line after them.
func (p *parser) blockText(indent int, literal, strip bool) string {
	var b strings.Builder
	b.Grow(p.blockSize(indent))
	breaks, last := 0, -1
	for ; p.li < len(p.lines); p.li++ {
		ln := &p.lines[p.li]
		if ln.kind == lineBlank {
			if ln.end-ln.start > indent {
				p.fail() // spaces beyond the indentation are content
			}
			breaks++
			continue
		}
		if ln.indent < indent {
			if p.src[ln.start+ln.indent] == '\t' {
				p.fail() // yaml.v3: tab where indentation is expected
			}
			break
		}
		text := p.src[ln.start+indent : ln.end]
		if !literal && (text[0] == ' ' || text[0] == '\t') {
			p.fail() // more-indented lines are not folded
		}
		if last >= 0 {
			p.lineBreaks(&b, literal, breaks)
		}
		b.WriteString(text)
		breaks, last = 0, p.li
	}
	// Clip keeps the final line break, if the input has one.
	if !strip && p.lines[last].end < len(p.src) {
		b.WriteByte('\n')
	}
	return b.String()
}

// lineBreaks writes what separates two content lines with breaks blank
// lines between them: literal keeps every break; folded turns a single
// break into a space and otherwise keeps only the blank lines' breaks.
func (p *parser) lineBreaks(b *strings.Builder, literal bool, breaks int) {
	switch {
	case literal:
		b.WriteByte('\n')
	case breaks == 0:
		b.WriteByte(' ')
	}
	for range breaks {
		b.WriteByte('\n')
	}
}

// blockSize bounds the length of the block scalar starting at the current
// line, so its value is built with a single allocation.
func (p *parser) blockSize(indent int) int {
	size := 0
	for k := p.li; k < len(p.lines); k++ {
		ln := &p.lines[k]
		if ln.kind != lineBlank && ln.indent < indent {
			break
		}
		size += ln.end - ln.start + 1
	}
	return size
}
