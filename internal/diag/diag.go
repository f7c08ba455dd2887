// Package diag holds the problems a build finds, as data.
//
// Every stage reports what is wrong with the user's files as Diagnostic values
// instead of errors that stop the build, so one run reports every problem at
// once. A Diagnostic knows its file, line and column (1-based; 0 when unknown),
// a severity, a stable code, a message saying what is wrong and a hint saying
// how to fix it. Front ends (the terminal, JSON, the browser overlay) format the
// same values; nothing here prints.
//
// The one thing to know before changing it: codes are part of the user-facing
// contract (docs/ lists them), so never renumber one.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Codes group diagnostics by what went wrong. The hundreds say which stage
// found it: 1xx files and frontmatter, 2xx markdown and links, 3xx the site
// as a whole, 4xx templates, 5xx configuration, 6xx writing the output,
// 7xx lint: warnings about care-guide quality that never fail a build.
const (
	CodeRead         = "CG100" // a file cannot be read or is not text
	CodeFrontmatter  = "CG101" // frontmatter missing, unclosed or not YAML/TOML
	CodeUnknownKey   = "CG102"
	CodeType         = "CG103" // wrong YAML type
	CodeValue        = "CG104" // bad enum, duration, date, URL
	CodeRequired     = "CG105"
	CodeDuplicate    = "CG106" // duplicate key
	CodeMarkdown     = "CG201" // markdown limits
	CodeLink         = "CG202" // link to a missing page
	CodeAnchor       = "CG203" // link to a missing anchor
	CodeImage        = "CG204" // missing image
	CodeUnsafeLink   = "CG205" // javascript:, vbscript: or data: link, neutralised
	CodeURLClash     = "CG301" // two sources, one URL
	CodeRelated      = "CG302" // related guide missing
	CodeTemplate     = "CG401"
	CodeConfig       = "CG501"
	CodeWrite        = "CG601" // the output could not be written
	CodeMinify       = "CG602" // a file could not be minified; published as it is
	CodeStale        = "CG701" // updated long before the site's newest guide
	CodeNoUpdated    = "CG702" // guide has no updated date
	CodeNoSafety     = "CG703" // outdoor guide without a safety note
	CodeShortStep    = "CG704" // step body says very little
	CodeNoAlt        = "CG705" // image without alt text
	CodeNoSources    = "CG706" // guide cites no sources
	CodeGearNoChoice = "CG707" // gear with neither choose nor avoid
	CodeOrphan       = "CG708" // guide nothing links to
	CodeDupTitle     = "CG709" // two guides share a title
)

// Diagnostic is one problem in one place.
type Diagnostic struct {
	File     string // slash path relative to the site dir, e.g. "content/guides/x.md"
	Line     int
	Column   int
	Severity Severity
	Code     string
	Message  string
	Hint     string
}

// String formats d the way compilers do: "file:line:col: message (hint)".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Position())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Position is "file:line:col", shortened when line or column are unknown.
func (d Diagnostic) Position() string {
	switch {
	case d.File == "":
		return ""
	case d.Line == 0:
		return d.File
	case d.Column == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
}

// List is the diagnostics of one build.
type List []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file, line, column and message, so a build that
// finds its problems in parallel still reports them in a stable order.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Error makes a List usable as an error: each diagnostic on its own lines.
func (l List) Error() string {
	parts := make([]string, len(l))
	for i, d := range l {
		parts[i] = d.String()
	}
	return strings.Join(parts, "\n")
}

// Errorf is a short way to make an error diagnostic.
func Errorf(file string, line, col int, code, hint, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Column: col, Code: code,
		Message: fmt.Sprintf(format, args...), Hint: hint}
}

// Suggest returns a "did you mean" hint naming the candidate closest to word,
// or "" when none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+2
	for _, c := range candidates {
		if d := distance(strings.ToLower(word), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Errors counts the errors in l.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}
