package picture

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckSVG(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg"`
	tests := []struct {
		name      string
		svg       string
		w, h      int
		kind      error
		msg       string
		line, col int
	}{
		{"size", `<svg ` + ns + ` width="120" height="80"><rect width="10" height="10"/></svg>`, 120, 80, nil, "", 0, 0},
		{"px and decimals", `<svg ` + ns + ` width="99.6px" height="50px"/>`, 100, 50, nil, "", 0, 0},
		{"viewBox", `<?xml version="1.0"?>` + "\n" + `<svg ` + ns + ` viewBox="0 0 640 480"/>`, 640, 480, nil, "", 0, 0},
		{"viewBox with commas", `<svg ` + ns + ` viewBox="0,0,300,150"/>`, 300, 150, nil, "", 0, 0},
		{"width and viewBox", `<svg ` + ns + ` width="200" viewBox="0 0 400 100"/>`, 200, 50, nil, "", 0, 0},
		{"percent", `<svg ` + ns + ` width="100%" height="100%" viewBox="0 0 50 40"/>`, 50, 40, nil, "", 0, 0},
		{"safe link", `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 9 9"><a xlink:href="https://example.org/"><text>on</text></a><use href="#x"/></svg>`, 9, 9, nil, "", 0, 0},

		{"script", "<svg " + ns + ` viewBox="0 0 9 9">` + "\n  <script>alert(1)</script></svg>", 0, 0, ErrUnsafeSVG, "the SVG contains <script>", 2, 3},
		{"event handler", `<svg ` + ns + ` viewBox="0 0 9 9" onload="alert(1)"/>`, 0, 0, ErrUnsafeSVG, `the SVG has an event handler, onload="..."`, 1, 1},
		{"handler in upper case", `<svg ` + ns + ` viewBox="0 0 9 9"><rect ONCLICK="x()"/></svg>`, 0, 0, ErrUnsafeSVG, "event handler, ONCLICK", 0, 0},
		{"foreignObject", `<svg ` + ns + ` viewBox="0 0 9 9"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>`, 0, 0, ErrUnsafeSVG, "<foreignObject>", 0, 0},
		{"javascript href", `<svg ` + ns + ` viewBox="0 0 9 9"><a href=" JavaScript:alert(1)">x</a></svg>`, 0, 0, ErrUnsafeSVG, `javascript: address in href`, 0, 0},
		{"javascript split by a tab", `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 9 9"><a xlink:href="java&#9;script:alert(1)">x</a></svg>`, 0, 0, ErrUnsafeSVG, "javascript:", 0, 0},
		{"animation sets href", `<svg ` + ns + ` viewBox="0 0 9 9"><a><set attributeName="href" to="javascript:alert(1)"/>x</a></svg>`, 0, 0, ErrUnsafeSVG, `javascript: address in to=`, 0, 0},
		{"entity", `<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg ` + ns + ` viewBox="0 0 9 9"/>`, 0, 0, ErrUnsafeSVG, "entities", 0, 0},

		{"no size", `<svg ` + ns + `><circle r="4"/></svg>`, 0, 0, ErrSVGSize, "the SVG has no size", 0, 0},
		{"not svg", `<html><body/></html>`, 0, 0, ErrCorrupt, "the root element is <html>, not <svg>", 0, 0},
		{"not xml", `<svg ` + ns + ` viewBox="0 0 9 9"><g></svg>`, 0, 0, ErrCorrupt, "the SVG is not well-formed XML", 0, 0},
		{"empty", "  \n", 0, 0, ErrEmpty, "the file is empty", 0, 0},
		{"no elements", `<?xml version="1.0"?>`, 0, 0, ErrCorrupt, "no <svg> element", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h, err := CheckSVG([]byte(tt.svg), false)
			if tt.kind == nil {
				if err != nil || w != tt.w || h != tt.h {
					t.Errorf("got %d×%d, %v; want %d×%d", w, h, err, tt.w, tt.h)
				}
				return
			}
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want %v containing %q", err, tt.kind, tt.msg)
			}
			e, _ := errors.AsType[*Error](err)
			if tt.line != 0 && (e.Line != tt.line || e.Col != tt.col) {
				t.Errorf("at %d:%d, want %d:%d", e.Line, e.Col, tt.line, tt.col)
			}
			if tt.kind == ErrUnsafeSVG && !strings.Contains(e.Hint, "unsafe_html") {
				t.Errorf("hint %q does not mention unsafe_html", e.Hint)
			}
		})
	}
}

// With unsafe_html the site trusts its SVGs: script passes, size is read.
func TestCheckSVGUnsafeOK(t *testing.T) {
	svg := `<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" onload="go()"><script>go()</script><foreignObject/></svg>`
	w, h, err := CheckSVG([]byte(svg), true)
	if err != nil || w != 40 || h != 30 {
		t.Errorf("got %d×%d, %v", w, h, err)
	}
}
