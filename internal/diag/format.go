package diag

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// jsonDiagnostic is the JSON shape of a Diagnostic. Every field is always
// present, so a script can read d.hint without checking that it exists.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

// JSON formats l as one JSON array indented by two spaces, ending in a
// newline. A clean build is "[]", never "null", so a script can always
// iterate over the result.
func (l List) JSON() []byte {
	out := make([]jsonDiagnostic, len(l))
	for i, d := range l {
		out[i] = jsonDiagnostic{File: d.File, Line: d.Line, Column: d.Column,
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Hint: d.Hint}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // messages quote <tags> and a & b; keep them readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err) // strings and ints only: encoding cannot fail
	}
	return b.Bytes()
}

// GitHub formats l as GitHub Actions workflow commands, one line each, so a
// CI run annotates the files of a pull request:
//
//	::error file=content/guides/x.md,line=4,col=13,title=CG104::"hard" is not a difficulty%0Ahint: ...
//
// Warnings use ::warning. The hint follows the message on its own line.
func (l List) GitHub() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("::" + d.Severity.String())
		var props []string
		if d.File != "" {
			props = append(props, "file="+escapeProperty(d.File))
		}
		if d.File != "" && d.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Line))
			if d.Column > 0 {
				props = append(props, "col="+strconv.Itoa(d.Column))
			}
		}
		if d.Code != "" {
			props = append(props, "title="+escapeProperty(d.Code))
		}
		if len(props) > 0 {
			b.WriteString(" " + strings.Join(props, ","))
		}
		msg := d.Message
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		b.WriteString("::" + escapeData(msg) + "\n")
	}
	return b.String()
}

// The Actions runner unescapes these sequences; an unescaped newline would
// end the command early, and in a property value an unescaped , or : would
// end the value.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
