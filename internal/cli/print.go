package cli

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/careguide/careguide/internal/diag"
)

// printDiagnostics prints each diagnostic like a compiler does: position and
// message, the source line with a caret under the column, and the hint.
func printDiagnostics(w io.Writer, fsys fs.FS, diags diag.List) {
	sources := map[string][]byte{}
	for _, d := range diags {
		fmt.Fprintf(w, "%s\n", headline(d))
		if line := sourceLine(fsys, sources, d); line != "" {
			fmt.Fprintf(w, "  %s\n  %s^\n", line, caretPad(line, d.Column))
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", d.Hint)
		}
	}
}

func headline(d diag.Diagnostic) string {
	var b strings.Builder
	if pos := d.Position(); pos != "" {
		b.WriteString(pos + ": ")
	}
	b.WriteString(d.Severity.String() + ": " + d.Message)
	return b.String()
}

func sourceLine(fsys fs.FS, cache map[string][]byte, d diag.Diagnostic) string {
	if d.Line == 0 || d.File == "" {
		return ""
	}
	src, ok := cache[d.File]
	if !ok {
		src, _ = fs.ReadFile(fsys, d.File)
		cache[d.File] = src
	}
	for range d.Line - 1 { // to the line's start, without splitting the whole file
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return strings.TrimRight(string(src), "\r")
}

// caretPad is the whitespace that puts a caret under column col, keeping
// the line's tabs so the caret lines up in any terminal.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i := 0; i < col-1 && i < len(line); i++ {
		if line[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
