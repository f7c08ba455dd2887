package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"slices"
	"testing"
)

// A volunteer's phone photo, taken at home, with the location in EXIF and
// XMP and a comment: nothing of it may reach a published file.
func TestNoMetadataPublished(t *testing.T) {
	photo := encodeJPEGTest(t, testPhoto(1000, 750, 6), 90)
	photo = withJPEGSegment(photo, 0xfe, []byte("taken at 12 Acacia Avenue")) // COM
	photo = withJPEGSegment(photo, 0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket...))
	exif := exifWithGPS(1)
	photo = withJPEGSegment(photo, 0xe1, append([]byte("Exif\x00\x00"), exif...))

	transparent := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	for i := 3; i < len(transparent.Pix); i += 4 {
		transparent.Pix[i] = uint8(i)
	}
	drawing := withPNGChunk(encodePNGTest(t, transparent), "eXIf", exif)
	drawing = withPNGChunk(drawing, "tEXt", []byte("Comment\x00taken at 12 Acacia Avenue"))

	still, err := encodeWebP(testPhoto(500, 300, 7))
	if err != nil {
		t.Fatal(err)
	}
	const flagsEXIFXMP = 0x08 | 0x04
	webpPhoto := webpExtended(t, still, 500, 300, flagsEXIFXMP, nil, map[string][]byte{"EXIF": exif, "XMP ": []byte(xmpPacket)})

	// Bytes that would give the secret away, in any container.
	secrets := [][]byte{[]byte("Exif"), []byte("Acacia"), []byte("Careguide Test Phone"), []byte("GPSLatitude"),
		[]byte("adobe"), exif[len(exif)-24:]} // the latitude/longitude rationals

	p := New(Options{})
	for name, data := range map[string][]byte{"photo.jpg": photo, "drawing.png": drawing, "photo.webp": webpPhoto} {
		t.Run(name, func(t *testing.T) {
			if !bytes.Contains(data, []byte("Careguide Test Phone")) {
				t.Fatal("the test input lost its EXIF")
			}
			pic, err := p.Process(name, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range pic.Variants {
				for _, s := range secrets {
					if bytes.Contains(v.Data, s) {
						t.Errorf("%s %dw contains %q", v.Format, v.Width, s)
					}
				}
				checkOnlyPixels(t, v)
			}
		})
	}
}

// checkOnlyPixels asserts a variant's container holds image data and
// nothing else: no APPn or COM segment, no EXIF, XMP, ICCP or text chunk.
func checkOnlyPixels(t *testing.T, v Variant) {
	t.Helper()
	var allowed []string
	var got []string
	switch v.Format {
	case "jpeg":
		for _, m := range jpegMarkers(t, v.Data) {
			got = append(got, fmt.Sprintf("%02X", m))
		}
		allowed = []string{"DB", "C0", "C4", "DA", "DD"} // DQT SOF0 DHT SOS DRI
	case "webp":
		got = riffChunks(v.Data)
		allowed = []string{"VP8 ", "VP8L", "VP8X", "ALPH"}
	case "png":
		got = pngChunks(v.Data)
		allowed = []string{"IHDR", "PLTE", "tRNS", "IDAT", "IEND"}
	}
	for _, g := range got {
		if !slices.Contains(allowed, g) {
			t.Errorf("%s %dw has a %q segment; only %v may appear", v.Format, v.Width, g, allowed)
		}
	}
}

// EXIF orientation, all eight values, read from a JPEG's APP1. The stored
// image has a red mark at its top-left corner and a green one at its
// top-right; where they must end up comes from the EXIF specification's
// table ("0th row" and "0th column"), not from the code under test.
func TestOrientation(t *testing.T) {
	const W, H = 96, 64
	stored := flat(W, H, color.RGBA{128, 128, 128, 255})
	paint := func(x0, y0 int, c color.RGBA) {
		for y := y0; y < y0+16; y++ {
			for x := x0; x < x0+16; x++ {
				stored.SetRGBA(x, y, c)
			}
		}
	}
	red, green := color.RGBA{220, 20, 20, 255}, color.RGBA{20, 200, 20, 255}
	paint(0, 0, red)
	paint(W-16, 0, green)
	plain := encodeJPEGTest(t, stored, 95)

	type corner int
	const (
		topLeft corner = iota
		topRight
		bottomRight
		bottomLeft
	)
	// Where the stored top-left and top-right pixels are displayed.
	want := map[int][2]corner{
		1: {topLeft, topRight},
		2: {topRight, topLeft},
		3: {bottomRight, bottomLeft},
		4: {bottomLeft, bottomRight},
		5: {topLeft, bottomLeft},
		6: {topRight, bottomRight},
		7: {bottomRight, topRight},
		8: {bottomLeft, topLeft},
	}
	p := New(Options{})
	for o := 1; o <= 8; o++ {
		data := withJPEGSegment(plain, 0xe1, append([]byte("Exif\x00\x00"), exifWithGPS(o)...))
		w, h, format, err := Probe(data)
		wantW, wantH := W, H
		if o >= 5 {
			wantW, wantH = H, W
		}
		if err != nil || w != wantW || h != wantH || format != "jpeg" {
			t.Errorf("orientation %d: Probe = %d, %d, %q, %v; want %d, %d, jpeg", o, w, h, format, err, wantW, wantH)
		}
		pic, err := p.Process("o.jpg", data)
		if err != nil {
			t.Fatal(err)
		}
		if pic.Width != wantW || pic.Height != wantH {
			t.Errorf("orientation %d: %dx%d, want %dx%d", o, pic.Width, pic.Height, wantW, wantH)
		}
		m := decodeVariant(t, pic.Of("jpeg")[0])
		at := func(c corner) color.Color {
			x, y := 6, 6
			if c == topRight || c == bottomRight {
				x = wantW - 7
			}
			if c == bottomLeft || c == bottomRight {
				y = wantH - 7
			}
			return m.At(x, y)
		}
		if c := at(want[o][0]); !near(c, red, 40) {
			t.Errorf("orientation %d: red mark not at corner %d (found %v)", o, want[o][0], c)
		}
		if c := at(want[o][1]); !near(c, green, 40) {
			t.Errorf("orientation %d: green mark not at corner %d (found %v)", o, want[o][1], c)
		}
	}
}

func near(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { v := int(x>>8) - int(y>>8); return v <= tol && v >= -tol }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

// PNG (eXIf) and WebP (EXIF chunk) carry orientation too.
func TestOrientationOtherContainers(t *testing.T) {
	exif := exifWithGPS(6)
	pngData := withPNGChunk(encodePNGTest(t, flat(90, 30, color.White)), "eXIf", exif)
	still, err := encodeWebP(flat(90, 30, color.White))
	if err != nil {
		t.Fatal(err)
	}
	webpData := webpExtended(t, still, 90, 30, 0x08, nil, map[string][]byte{"EXIF": append([]byte("Exif\x00\x00"), exif...)})
	for name, data := range map[string][]byte{"png": pngData, "webp": webpData} {
		pic, err := New(Options{}).Process(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if pic.Width != 30 || pic.Height != 90 {
			t.Errorf("%s: %dx%d, want 30x90 (turned a quarter)", name, pic.Width, pic.Height)
		}
	}
}
