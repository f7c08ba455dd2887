package picture

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
)

// SVGs are published as they are, so the check is what keeps a drawing
// from running script on the site's origin when someone opens it directly.
// It refuses what can run script or pull in HTML: <script> (and the old
// <handler>), <foreignObject>, on* event attributes, javascript: addresses
// in any attribute (also in animations that set href), and entity
// declarations, which could spell any of those without showing them.

const unsafeSVGHint = "remove it, or set unsafe_html: true in site.yaml if you trust every SVG in the site"

// CheckSVG refuses an SVG that could run script, unless unsafeOK, and
// reads its displayed size from the root's width and height, or else its
// viewBox. Errors are *Error values with the line and column in the SVG.
func CheckSVG(data []byte, unsafeOK bool) (width, height int, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return 0, 0, problem(ErrEmpty, "", "the file is empty")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var line, col int // where the current token starts
	fail := func(kind error, hint, format string, args ...any) error {
		e := problem(kind, hint, format, args...)
		e.Line, e.Col = line, col
		return e
	}
	root := true
	for {
		line, col = d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return 0, 0, problem(ErrCorrupt, "", "no <svg> element")
			}
			break
		}
		if err != nil {
			e := &Error{Kind: ErrCorrupt, Msg: "the SVG is not well-formed XML: " + err.Error()}
			if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
				e.Msg, e.Line = "the SVG is not well-formed XML: "+se.Msg, se.Line
			}
			return 0, 0, e
		}
		switch t := tok.(type) {
		case xml.Directive:
			if !unsafeOK && bytes.Contains(t, []byte("<!ENTITY")) {
				return 0, 0, fail(ErrUnsafeSVG, unsafeSVGHint, "the SVG declares entities, which can hide script")
			}
		case xml.StartElement:
			if root {
				if t.Name.Local != "svg" {
					return 0, 0, fail(ErrCorrupt, "", "the root element is <%s>, not <svg>", t.Name.Local)
				}
				width, height = svgSize(t.Attr)
				root = false
			}
			if !unsafeOK {
				if why := unsafeElement(t); why != "" {
					return 0, 0, fail(ErrUnsafeSVG, unsafeSVGHint, "%s", why)
				}
			}
		}
	}
	if width <= 0 || height <= 0 {
		return 0, 0, problem(ErrSVGSize, `add width and height, or a viewBox, to the <svg> element, e.g. viewBox="0 0 800 600"`,
			"the SVG has no size: its <svg> element has neither width and height nor a viewBox")
	}
	return width, height, nil
}

// unsafeElement says why an element may run script, or "".
func unsafeElement(t xml.StartElement) string {
	switch strings.ToLower(t.Name.Local) {
	case "script", "handler":
		return "the SVG contains <" + t.Name.Local + ">"
	case "foreignobject":
		return "the SVG contains <foreignObject>, which can hold HTML"
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(name, "on") {
			return "the SVG has an event handler, " + a.Name.Local + `="..."`
		}
		if isScriptURL(a.Value) {
			return "the SVG has a javascript: address in " + a.Name.Local + `="..."`
		}
	}
	return ""
}

// isScriptURL reports whether v contains a javascript: address, spelled as a
// browser would still read it: any case, with spaces or control characters
// inside (entities are already decoded by the XML parser).
func isScriptURL(v string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if r > ' ' {
			b.WriteRune(r)
		}
	}
	return strings.Contains(b.String(), "javascript:") || strings.Contains(b.String(), "vbscript:")
}

// svgSize reads width and height in pixels (unitless or px); with other
// units or percentages it uses the viewBox, as browsers size such an image
// by its aspect ratio.
func svgSize(attrs []xml.Attr) (int, int) {
	var w, h, box string
	for _, a := range attrs {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "width":
			w = a.Value
		case "height":
			h = a.Value
		case "viewBox":
			box = a.Value
		}
	}
	pw, okw := svgLength(w)
	ph, okh := svgLength(h)
	if okw && okh {
		return pw, ph
	}
	f := strings.FieldsFunc(box, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return 0, 0
	}
	bw, err1 := strconv.ParseFloat(f[2], 64)
	bh, err2 := strconv.ParseFloat(f[3], 64)
	if err1 != nil || err2 != nil || bw <= 0 || bh <= 0 {
		return 0, 0
	}
	switch {
	case okw: // width given: height follows the viewBox's aspect ratio
		return pw, max(1, int(math.Round(float64(pw)*bh/bw)))
	case okh:
		return max(1, int(math.Round(float64(ph)*bw/bh))), ph
	}
	return max(1, int(math.Round(bw))), max(1, int(math.Round(bh)))
}

func svgLength(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, false
	}
	return max(1, int(math.Round(v))), true
}
