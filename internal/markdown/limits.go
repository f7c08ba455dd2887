package markdown

import "fmt"

// goldmark's parser is quadratic (or worse) on some inputs: 40,000 nested
// list markers on one line take seconds, "[](" repeated takes close to a
// minute. goldmark cannot be interrupted, so checkLimits refuses such input
// in one linear pass before parsing.
//
// Two estimates are made:
//
//   - nesting: for each line that opens a container, the list, quote and
//     footnote markers on it plus the levels its indentation could add
//     (each nested list level needs at least two more columns). It is meant
//     as an upper bound: an underestimate is still caught after parsing by
//     docState.walk, just more slowly. It ignores code blocks, so a code
//     line starting with 65 '>' or a marker indented 130 columns is refused.
//   - complexity: the inline parser's costly cases are a scan per opening
//     delimiter across the rest of the paragraph, so the cost of a
//     paragraph is bounded by (delimiters in it) x (its length). Paragraphs
//     cannot span blank lines, so text between blank lines is measured.

// complexityBudget is the largest delimiters x bytes product rendered. The
// worst input we found at this budget ("[](" repeated, 11 KB) took 60-200 ms
// on a loaded 2-core machine; a 20 KB paragraph with 1,000 delimiters, far
// beyond any real guide, uses a sixth of it. Table rows count as one
// paragraph here, so a table of many hundreds of rows full of links could
// be refused; splitting it is the remedy the Problem suggests.
const complexityBudget = 1 << 27

// costlyDelimiter marks the bytes that make goldmark's inline parser scan ahead.
var costlyDelimiter = [256]bool{'[': true, ']': true, '(': true, '<': true,
	'*': true, '_': true, '~': true, '`': true}

// sizeProblem reports src larger than WithMaxBytes allows, or nil.
func (r *Renderer) sizeProblem(src []byte) *Problem {
	if len(src) <= r.cfg.maxBytes {
		return nil
	}
	return &Problem{Line: 1, Col: 1,
		Message: fmt.Sprintf("the text is %d bytes; the limit is %d", len(src), r.cfg.maxBytes),
		Hint:    "split it into several pages"}
}

// checkLimits returns the first limit src breaks, or nil.
func (r *Renderer) checkLimits(src []byte, inline bool) *Problem {
	if p := r.sizeProblem(src); p != nil {
		return p
	}
	var para paragraphCost
	lineNo := 0
	for start := 0; start < len(src); {
		lineNo++
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		start = end + 1
		if isBlankLine(line) {
			if p := para.finish(); p != nil {
				return p
			}
			continue
		}
		para.add(line, lineNo)
		if inline {
			continue // inline mode has no containers: "> x" there is text
		}
		if d := nestingEstimate(line); d > r.cfg.maxNesting {
			p := nestingProblem(d, r.cfg.maxNesting)
			p.Line, p.Col = lineNo, 1
			return &p
		}
	}
	return para.finish()
}

// paragraphCost accumulates the complexity of the text since the last blank line.
type paragraphCost struct {
	firstLine  int
	bytes      int64
	delimiters int64
}

func (pc *paragraphCost) add(line []byte, lineNo int) {
	if pc.firstLine == 0 {
		pc.firstLine = lineNo
	}
	pc.bytes += int64(len(line)) + 1
	for _, c := range line {
		if costlyDelimiter[c] {
			pc.delimiters++
		}
	}
}

func (pc *paragraphCost) finish() *Problem {
	defer func() { *pc = paragraphCost{} }()
	if pc.delimiters*pc.bytes <= complexityBudget {
		return nil
	}
	return &Problem{Line: pc.firstLine, Col: 1,
		Message: fmt.Sprintf("this paragraph has %d markup characters in %d bytes, too many to render safely",
			pc.delimiters, pc.bytes),
		Hint: "split it into shorter paragraphs, lists or tables with blank lines between them"}
}

func isBlankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
			return false
		}
	}
	return true
}

// nestingEstimate bounds the container depth a line opens; 0 if it opens none.
func nestingEstimate(line []byte) int {
	// A trailing run like "* * * *" is a thematic break, not nested lists.
	breakChar, breakFrom := trailingRun(line)
	markers, extraCols, col := 0, 0, 0
	for i := 0; i < len(line); {
		ws := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			w := 1
			if line[i] == '\t' {
				w = 4 - col%4
			}
			col, ws, i = col+w, ws+w, i+1
		}
		// The space after a marker belongs to the marker; more is indentation.
		if markers > 0 && ws > 0 {
			ws--
		}
		n := markerLen(line[i:])
		if n == 0 || (line[i] == breakChar && i >= breakFrom) {
			break
		}
		markers++
		extraCols += ws
		col, i = col+n, i+n
	}
	if markers == 0 {
		return 0
	}
	return markers + (extraCols+1)/2
}

// markerLen is the length of the container marker at the start of s, or 0.
func markerLen(s []byte) int {
	if len(s) == 0 {
		return 0
	}
	spaceOrEnd := func(i int) bool { return i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' }
	switch c := s[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if spaceOrEnd(1) {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 1
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') && spaceOrEnd(i+1) {
			return i + 1
		}
	case c == '[':
		return footnoteMarkerLen(s)
	}
	return 0
}

// footnoteMarkerLen matches "[^label]:", which opens a footnote container.
func footnoteMarkerLen(s []byte) int {
	if len(s) < 4 || s[1] != '^' {
		return 0
	}
	for i := 2; i < len(s) && i < 1000; i++ {
		switch s[i] {
		case ']':
			if i+1 < len(s) && s[i+1] == ':' && i > 2 {
				return i + 2
			}
			return 0
		case '[':
			return 0
		}
	}
	return 0
}

// trailingRun finds where the line's tail of one character among "*-_"
// (with spaces) starts, so that a thematic break is not counted as markers.
func trailingRun(line []byte) (c byte, from int) {
	i := len(line) - 1
	for i >= 0 && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
		i--
	}
	if i < 0 || (line[i] != '*' && line[i] != '-' && line[i] != '_') {
		return 0, len(line) + 1
	}
	c = line[i]
	for i >= 0 && (line[i] == c || line[i] == ' ' || line[i] == '\t') {
		i--
	}
	return c, i + 1
}
