package picture

import (
	"errors"
	"fmt"
	"strconv"
)

// Kinds of problem, for errors.Is. Every error this package returns about an
// image file is an *Error whose Kind is one of these.
var (
	ErrEmpty       = errors.New("empty image file")
	ErrUnsupported = errors.New("unsupported image format")
	ErrCorrupt     = errors.New("corrupt image")
	ErrTooLarge    = errors.New("image has too many pixels")
	ErrUnsafeSVG   = errors.New("unsafe SVG")
	ErrSVGSize     = errors.New("SVG without a size")
)

// Error says what is wrong with one image file, in words a contributor can
// act on. The caller adds where the image was referenced (file:line:col);
// Line and Col are a position inside the image file itself, known only for
// SVG (1-based, 0 when unknown).
type Error struct {
	Kind      error  // one of the Err values above
	Name      string // the name given to Process; "" from Probe and CheckSVG
	Msg       string // what is wrong, e.g. "6000x9000 is 54 megapixels; the limit is 50"
	Hint      string // how to fix it; may be ""
	Line, Col int
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%d:%d: %s", e.Line, e.Col, s)
	}
	if e.Name != "" {
		s = e.Name + ": " + s
	}
	return s
}

func (e *Error) Unwrap() error { return e.Kind }

func problem(kind error, hint, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// named sets the file name on an *Error, leaving other errors alone.
func named(err error, name string) error {
	var e *Error
	if errors.As(err, &e) && e.Name == "" {
		c := *e
		c.Name = name
		return &c
	}
	return err
}

// megapixels writes n pixels as megapixels the way a person would say it:
// "54", "50.1".
func megapixels(n int) string {
	mp := float64(n) / 1e6
	if mp >= 100 {
		return strconv.FormatFloat(mp, 'f', 0, 64)
	}
	return strconv.FormatFloat(float64(int(mp*10+0.5))/10, 'f', -1, 64)
}

func tooLarge(w, h, limit int) *Error {
	return problem(ErrTooLarge,
		"scale the image down before adding it; 3000 pixels on the long side is plenty for the web",
		"%dx%d is %s megapixels; the limit is %s", w, h, megapixels(w*h), megapixels(limit))
}
