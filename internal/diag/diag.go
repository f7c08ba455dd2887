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
// 7xx lint: warnings about care-guide quality that never fail a build,
// 8xx check --external: links to other sites that are dead or moved.
const (
	CodeRead        = "CG100" // a file cannot be read or is not text
	CodeFrontmatter = "CG101" // frontmatter missing, unclosed or not YAML/TOML
	CodeUnknownKey  = "CG102"
	CodeType        = "CG103" // wrong YAML type
	CodeValue       = "CG104" // bad enum, duration, date, URL
	CodeRequired    = "CG105"
	CodeDuplicate   = "CG106" // duplicate key
	CodeMarkdown    = "CG201" // markdown limits
	CodeLink        = "CG202" // link to a missing page
	CodeAnchor      = "CG203" // link to a missing anchor
	CodeImage       = "CG204" // missing image
	CodeUnsafeLink  = "CG205" // javascript:, vbscript: or data: link, neutralised
	CodeSpacedLink  = "CG206" // a link or image with a space in its address, shown as text
	CodeNoAlt       = "CG207" // an image without alt text
	CodeURLClash    = "CG301" // two sources, one URL
	CodeRelated     = "CG302" // related guide missing
	CodeTemplate    = "CG401"
	CodeConfig      = "CG501"
	CodeWrite       = "CG601" // the output could not be written
	CodeMinify      = "CG602" // a file could not be minified; published as it is
	CodeStale       = "CG701" // updated long before the site's newest guide
	CodeNoUpdated   = "CG702" // guide has no updated date
	CodeNoSafety    = "CG703" // outdoor guide without a safety note
	CodeShortStep   = "CG704" // step body says very little
	// CG705 (missing alt text, a warning) is retired: it is the error
	// CodeNoAlt now. Codes are never reused.
	CodeNoSources    = "CG706" // guide cites no sources
	CodeGearNoChoice = "CG707" // gear with neither choose nor avoid
	CodeOrphan       = "CG708" // guide nothing links to
	CodeDupTitle     = "CG709" // two guides share a title
	CodeDupStep      = "CG710" // two steps of one guide share a title
	CodePoorAlt      = "CG711" // alt text that is a file name or says "image of"
	CodeNoVetAdvice  = "CG712" // guide never says when to call the vet
	CodeBareSource   = "CG713" // a source URL that is a site's home page, not the article
	CodeCallout      = "CG716" // a quote marked like a callout of an unknown kind ("> [!FOO]")
	CodeReviewDue    = "CG714" // the guide's next vet review is due (check only: against today)
)

// Codes of check --external, the one check that asks the network: 8xx.
const (
	CodeExternalDead        = "CG801" // the server answered 4xx or 5xx
	CodeExternalMoved       = "CG802" // moved permanently (301, 308): link to the new address
	CodeExternalUnreachable = "CG803" // DNS, TLS, refused, timeout, redirect loop
	CodeExternalRateLimited = "CG804" // 429 twice: not checked this time
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
// or "" when none is close enough to be a likely typo. Every candidate is
// considered. A candidate is close when the part where it differs from
// word (past what the two start and end with alike) is mostly the same,
// when it is two slips away from a long word, or when it contains word
// whole ("tag" for "id-tag"): a long shared
// prefix such as "guides/" makes no unrelated name look close.
func Suggest(word string, candidates []string) string {
	lower := strings.ToLower(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		d, ok := similar(lower, c)
		if ok && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// similar reports the edit distance between word and c, and whether c is
// close enough to word to suggest.
func similar(word, c string) (int, bool) {
	a, b := word, c
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	d := distance(a, b) // the same as distance(word, c), for less work
	switch {
	case d == 0:
		return 0, true
	case len(word) >= 3 && strings.Contains(strings.ToLower(c), word):
		return 1, true // ahead of a word as far off that does not contain it
	}
	// Mostly the same where they differ, or two slips in a long word
	// ("stail_after").
	return d, d <= (max(len(a), len(b))+1)/2 || d <= 2 && d <= len(word)/4
}

// distance is the edit distance between a and b, counting an insertion,
// a deletion, a change or a swap of two neighbouring letters ("abuot")
// as one edit each (optimal string alignment).
func distance(a, b string) int {
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		older, prev, cur := rows[0], rows[1], rows[2] // rows i-2, i-1, i
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], older[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, older
	}
	return rows[1][len(b)]
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
