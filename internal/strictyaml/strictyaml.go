// Package strictyaml decodes YAML nodes into Go structs strictly, reporting
// every problem with the line and column of the node that caused it.
//
// yaml.v3's own Decode stops at line numbers, ignores unknown keys on nodes and
// expands aliases; site.yaml and guide frontmatter need more: an unknown key is
// an error with a did-you-mean hint, a wrong type points at the value's column,
// and all problems of a file are reported together. Decode walks the node tree
// with reflection over `yaml:"name"` struct tags; a field tagged
// `cg:"required"` must be present. Types that need more than a type check
// (enums, durations, dates) implement Value.
//
// The one thing to know before changing it: aliases (*name) are refused rather
// than followed, which is what makes "billion laughs" input harmless here.
package strictyaml

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/careguide/careguide/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Value is implemented by types that decode and validate their own scalar.
// DecodeYAML returns a message and a hint when the value is wrong.
type Value interface {
	DecodeYAML(n *yaml.Node) (msg, hint string)
}

// Positioned is implemented by types that want to know where they were
// written (for example Markdown text whose links need a line and column).
// A struct is told where its mapping starts: its first key.
type Positioned interface {
	SetPosition(line, col int)
}

// Decoder holds what every problem report needs: the file name and the
// line of the YAML's first line in that file.
type Decoder struct {
	File       string
	LineOffset int // added to node lines: the YAML starts at file line LineOffset+1
	// Extra, when set, is asked about top-level keys no struct field claims;
	// it returns true when it took the key (for example a site-defined
	// taxonomy), decoding the value with Field.
	Extra func(d *Decoder, key, value *yaml.Node) bool
	diags diag.List
	// strs are the string fields set so far, still sharing the node tree's
	// memory; flush moves them all into one allocation of their own.
	strs    []reflect.Value
	strsLen int
}

// Decode fills the struct v points to from n and returns every problem found.
func (d *Decoder) Decode(n *yaml.Node, v any) diag.List {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	d.value(n, reflect.ValueOf(v).Elem(), true)
	d.flush()
	return d.diags
}

// Field decodes n into the value v points to, reporting problems with the
// rest of the document's.
func (d *Decoder) Field(n *yaml.Node, v any) {
	d.value(n, reflect.ValueOf(v).Elem(), false)
	d.flush()
}

// setString sets a string field to a node's text, which may share memory
// with the whole document: flush gives it a copy of its own before Decode
// returns, or the decoded strings would keep every guide's frontmatter
// alive for the build.
func (d *Decoder) setString(v reflect.Value, s string) {
	if s == "" {
		v.SetString("") // not s: even an empty slice of the document pins it
		return
	}
	v.SetString(s)
	d.strs = append(d.strs, v)
	d.strsLen += len(s)
}

// flush copies the strings set since the last flush into one new string
// and points each field at its part of it: one object for the garbage
// collector to mark, where a copy each made a guide's titles and names a
// hundred of them.
func (d *Decoder) flush() {
	if len(d.strs) == 0 {
		return
	}
	var b strings.Builder
	b.Grow(d.strsLen)
	for _, v := range d.strs {
		b.WriteString(v.String())
	}
	all := b.String()
	for _, v := range d.strs {
		n := v.Len()
		v.SetString(all[:n])
		all = all[n:]
	}
	clear(d.strs) // the fields, not the slice, belong to the caller
	d.strs, d.strsLen = d.strs[:0], 0
}

func (d *Decoder) report(n *yaml.Node, code, hint, format string, args ...any) {
	d.diags = append(d.diags, diag.Errorf(d.File, n.Line+d.LineOffset, n.Column, code, hint, format, args...))
}

var valueType = reflect.TypeFor[Value]()

func (d *Decoder) value(n *yaml.Node, v reflect.Value, top bool) {
	if n.Kind == yaml.AliasNode {
		d.report(n, diag.CodeFrontmatter, "write the value out in full", "YAML aliases (*%s) are not supported", n.Value)
		return
	}
	if reflect.PointerTo(v.Type()).Implements(valueType) {
		if msg, hint := v.Addr().Interface().(Value).DecodeYAML(n); msg != "" {
			d.report(n, diag.CodeValue, hint, "%s", msg)
		}
		d.position(n, v)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v, top)
	case reflect.Slice:
		d.sequence(n, v)
	case reflect.Map:
		d.mapping(n, v)
	case reflect.Interface:
		d.anyValue(n, v)
	default:
		d.scalar(n, v)
	}
}

func (d *Decoder) position(n *yaml.Node, v reflect.Value) {
	if p, ok := v.Addr().Interface().(Positioned); ok {
		p.SetPosition(n.Line+d.LineOffset, n.Column)
	}
}

// field is what Decode needs to know about one struct field.
type field struct {
	name     string
	index    int
	required bool
}

type structInfo struct {
	fields     []field
	names      []string
	positioned bool // the struct implements Positioned: it is told where its mapping starts
}

var positionedType = reflect.TypeFor[Positioned]()

var structCache sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if info, ok := structCache.Load(t); ok {
		return info.(*structInfo)
	}
	info := &structInfo{positioned: reflect.PointerTo(t).Implements(positionedType)}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		info.fields = append(info.fields, field{name: name, index: i, required: f.Tag.Get("cg") == "required"})
		info.names = append(info.names, name)
	}
	structCache.Store(t, info)
	return info
}

// Fields lists the YAML names of a struct type's fields, for docs and schemas.
func Fields(t reflect.Type) []string { return infoOf(t).names }

func (d *Decoder) structure(n *yaml.Node, v reflect.Value, top bool) {
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, "a mapping of keys to values")
		return
	}
	info := infoOf(v.Type())
	if info.positioned {
		d.position(n, v)
	}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if prev, dup := seen[key.Value]; dup {
			d.report(key, diag.CodeDuplicate, fmt.Sprintf("it was first set on line %d; keep one", prev.Line+d.LineOffset), "duplicate key %q", key.Value)
			continue
		}
		seen[key.Value] = key
		f, ok := info.lookup(key.Value)
		if !ok {
			if top && d.Extra != nil && d.Extra(d, key, val) {
				continue
			}
			hint := diag.Suggest(key.Value, info.names)
			if hint == "" {
				hint = "allowed keys: " + strings.Join(info.names, ", ")
			}
			d.report(key, diag.CodeUnknownKey, hint, "unknown key %q", key.Value)
			continue
		}
		if val.Tag == "!!null" {
			continue // "key:" with no value means "not set", as in Hugo
		}
		d.value(val, v.Field(f.index), false)
	}
	for _, f := range info.fields {
		if f.required && seen[f.name] == nil {
			d.report(n, diag.CodeRequired, fmt.Sprintf("add a line \"%s: ...\"", f.name), "missing required key %q", f.name)
		}
	}
	d.position(n, v)
}

func (info *structInfo) lookup(name string) (field, bool) {
	for _, f := range info.fields { // a dozen fields: a scan beats a map
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

func (d *Decoder) sequence(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.SequenceNode {
		d.wrongType(n, "a list")
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, s.Index(i), false)
	}
	v.Set(s)
}

func (d *Decoder) mapping(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String {
		d.wrongType(n, "a mapping of keys to values")
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(n.Content[i+1], elem, false)
		d.flush()                                // the map stores a copy of elem: its strings must be final
		key := strings.Clone(n.Content[i].Value) // as setString's copies
		m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

// anyValue decodes free-form values (site params) with yaml.v3 itself, after
// refusing aliases anywhere below n.
func (d *Decoder) anyValue(n *yaml.Node, v reflect.Value) {
	if alias := findAlias(n); alias != nil {
		d.value(alias, v, false)
		return
	}
	var x any
	if err := n.Decode(&x); err != nil {
		d.report(n, diag.CodeType, "", "%v", err)
		return
	}
	if x != nil {
		v.Set(reflect.ValueOf(x))
	}
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

func (d *Decoder) scalar(n *yaml.Node, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.wrongType(n, "text")
			return
		}
		d.setString(v, n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.wrongType(n, "true or false")
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.wrongType(n, "a whole number")
			return
		}
		v.SetInt(i)
	default:
		panic("strictyaml: unsupported field kind " + v.Kind().String())
	}
}

func (d *Decoder) wrongType(n *yaml.Node, want string) {
	d.report(n, diag.CodeType, hintFor(want), "expected %s, found %s", want, Describe(n))
}

func hintFor(want string) string {
	switch want {
	case "a list":
		return "write a list as [a, b] or as lines starting with \"- \""
	case "a mapping of keys to values":
		return "write \"key: value\" lines, indented under this one"
	case "text":
		return "put the text on the same line after the colon, in quotes if it contains \": \""
	}
	return ""
}

// Position is where a top-level key's value is written in a parsed
// document (or its mapping): its line and column, and false when the key
// is not there.
func Position(root *yaml.Node, key string) (line, col int, ok bool) {
	m := root
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1].Line, m.Content[i+1].Column, true
		}
	}
	return 0, 0, false
}

// Describe names what a node holds, in words a contributor knows.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	case "!!null":
		return "nothing"
	}
	return fmt.Sprintf("the text %q", n.Value)
}

var errLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// SyntaxError turns a yaml.v3 parse error about src into a diagnostic at
// its line. yaml.v3 knows only the line of a syntax error, not the column,
// and says "found character that cannot start any token" where a tab
// indents a line; a tab in the indentation is the one mistake named here
// outright, at its column.
func SyntaxError(file string, lineOffset int, src []byte, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := errLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if tabLine, col := indentTab(src, line); tabLine > 0 {
		return diag.Diagnostic{File: file, Line: tabLine + lineOffset, Column: col, Code: diag.CodeFrontmatter,
			Message: "a tab indents this line, and YAML indents with spaces only",
			Hint:    "replace the tab with spaces, as many as the lines around it use (two for each level)"}
	}
	if line > 0 {
		line += lineOffset
	}
	return diag.Diagnostic{File: file, Line: line, Code: diag.CodeFrontmatter,
		Message: "invalid YAML: " + msg,
		Hint:    "check indentation, and quote values that contain \": \" or start with [ { * & ! | > ' \" % @ `"}
}

// indentTab finds a tab in the indentation of src's line errLine (1-based),
// or else of the first line before it with one, and returns that line and
// the tab's column; 0 when there is none.
func indentTab(src []byte, errLine int) (int, int) {
	first, firstCol := 0, 0
	for i, text := range strings.Split(string(src), "\n") {
		n := i + 1
		if errLine > 0 && n > errLine {
			break
		}
		indent := len(text) - len(strings.TrimLeft(text, " \t"))
		if tab := strings.IndexByte(text[:indent], '\t'); tab >= 0 {
			if n == errLine {
				return n, tab + 1
			}
			if first == 0 {
				first, firstCol = n, tab+1
			}
		}
	}
	return first, firstCol
}
