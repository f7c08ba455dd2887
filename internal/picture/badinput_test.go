package picture

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image/color"
	"strings"
	"testing"
)

// pngHeaderOnly is a PNG that claims w×h pixels and has none: what a
// decompression bomb looks like to DecodeConfig.
func pngHeaderOnly(t *testing.T, w, h int) []byte {
	b := encodePNGTest(t, flat(4, 4, color.White))
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestBadInput(t *testing.T) {
	jpg := testJPEG(800, 600, 8)
	tests := []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"empty.jpg", nil, ErrEmpty, "empty.jpg: the file is empty"},
		{"notes.jpg", []byte("these are my notes, not a photo"), ErrUnsupported, "notes.jpg: not a JPEG, PNG, GIF or WebP image"},
		{"IMG_0001.HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), ErrUnsupported, "IMG_0001.HEIC: HEIC photos are not supported"},
		{"logo.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrUnsupported, "logo.png: an SVG is not a raster image"},
		{"cut.jpg", jpg[:len(jpg)/2], ErrCorrupt, "cut.jpg: the JPEG file ends too early: it was probably cut off while copying"},
		{"header.jpg", jpg[:20], ErrCorrupt, "header.jpg: the JPEG file ends too early"},
		{"huge.png", pngHeaderOnly(t, 6000, 9000), ErrTooLarge, "huge.png: 6000x9000 is 54 megapixels; the limit is 50"},
		{"just-over.png", pngHeaderOnly(t, 10000, 5001), ErrTooLarge, "just-over.png: 10000x5001 is 50 megapixels; the limit is 50"},
		{"zero.png", pngHeaderOnly(t, 0, 10), ErrCorrupt, "zero.png: the PNG data is damaged"},
		{"garbled.png", pngHeaderOnly(t, 100, 100), ErrCorrupt, "garbled.png: the PNG"},
	}
	p := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Process(tt.name, tt.data)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want %v", err, tt.kind)
			}
			if !strings.HasPrefix(err.Error(), tt.msg) {
				t.Errorf("message\n got %q\nwant %q...", err, tt.msg)
			}
			e, ok := errors.AsType[*Error](err)
			if !ok || e.Name != tt.name || e.Hint == "" && tt.kind != ErrCorrupt {
				t.Errorf("not an *Error with name and hint: %#v", err)
			}
		})
	}
	if p.Stats().Processed != 0 {
		t.Errorf("processed %d", p.Stats().Processed)
	}
}

// The limit is checked on the header alone: 54 megapixels is refused
// before any memory is given to pixels, and a lower MaxPixels is honoured.
func TestMaxPixels(t *testing.T) {
	p := New(Options{MaxPixels: 1_000_000, Widths: []int{100}})
	_, err := p.Process("a.jpg", testJPEG(1200, 900, 9))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1200x900 is 1.1 megapixels; the limit is 1") {
		t.Errorf("got %v", err)
	}
	if _, err := p.Process("b.jpg", testJPEG(1000, 1000, 9)); err != nil {
		t.Errorf("exactly at the limit: %v", err)
	}
}

// Check finds what the header shows, with the name, and decodes nothing.
func TestCheck(t *testing.T) {
	p := New(Options{})
	if _, _, err := p.Check("huge.png", pngHeaderOnly(t, 6000, 9000)); !errors.Is(err, ErrTooLarge) ||
		err.Error() != "huge.png: 6000x9000 is 54 megapixels; the limit is 50" {
		t.Errorf("got %v", err)
	}
	if _, _, err := p.Check("notes.jpg", []byte("notes")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("got %v", err)
	}
	if w, h, err := p.Check("ok.png", pngHeaderOnly(t, 3000, 2000)); err != nil || w != 3000 || h != 2000 {
		t.Errorf("got %d, %d, %v: the header is all Check reads", w, h, err)
	}
}

func TestProbeErrors(t *testing.T) {
	if _, _, _, err := Probe(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, _, _, err := Probe([]byte("GIF89a")); !errors.Is(err, ErrCorrupt) {
		t.Errorf("GIF header only: %v", err)
	}
	w, h, f, err := Probe(pngHeaderOnly(t, 6000, 9000))
	if err != nil || w != 6000 || h != 9000 || f != "png" {
		t.Errorf("Probe = %d, %d, %q, %v: it only reads the header", w, h, f, err)
	}
}

// Damaged metadata is ignored, never trusted: offsets past the end,
// orientation out of range, ICC chunks that do not add up.
func TestDamagedMetadata(t *testing.T) {
	jpg := encodeJPEGTest(t, flat(40, 20, color.White), 90)
	exif := exifWithGPS(6)
	binary.LittleEndian.PutUint32(exif[4:], 1<<30) // IFD offset far past the end
	cases := map[string][]byte{
		"ifd offset":  withJPEGSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), exif...)),
		"orientation": withJPEGSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), exifWithGPS(9)...)),
		"short exif":  withJPEGSegment(jpg, 0xe1, []byte("Exif\x00\x00II*\x00")),
		"icc 1 of 3":  withJPEGSegment(jpg, 0xe2, append([]byte("ICC_PROFILE\x00\x01\x03"), displayP3Profile()...)),
		"icc junk":    withJPEGSegment(jpg, 0xe2, []byte("ICC_PROFILE\x00\x01\x01junk")),
	}
	for name, data := range cases {
		pic, err := New(Options{}).Process(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if pic.Width != 40 || pic.Height != 20 {
			t.Errorf("%s: %dx%d, want upright 40x20", name, pic.Width, pic.Height)
		}
	}
}

func TestMegapixels(t *testing.T) {
	for n, want := range map[int]string{54_000_000: "54", 50_000_000: "50", 50_100_000: "50.1", 1_080_000: "1.1", 123_456_789: "123"} {
		if got := megapixels(n); got != want {
			t.Errorf("megapixels(%d) = %q, want %q", n, got, want)
		}
	}
}
