package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"slices"
	"testing"

	"golang.org/x/image/webp"
)

func encodePNGTest(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEGTest(t testing.TB, m image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeVariant decodes an output with decoders independent of the ones
// that made it (x/image/webp is not libwebp).
func decodeVariant(t testing.TB, v Variant) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch v.Format {
	case "webp":
		m, err = webp.Decode(bytes.NewReader(v.Data))
		if err == nil {
			m = videoToRGB(m)
		}
	case "jpeg":
		m, err = jpeg.Decode(bytes.NewReader(v.Data))
	case "png":
		m, err = png.Decode(bytes.NewReader(v.Data))
	}
	if err != nil {
		t.Fatalf("%s %dw: %v", v.Format, v.Width, err)
	}
	if b := m.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
		t.Fatalf("%s %dw says %dx%d, decodes to %dx%d", v.Format, v.Width, v.Width, v.Height, b.Dx(), b.Dy())
	}
	return m
}

// videoToRGB converts a lossy WebP's video-range BT.601 planes to RGB with
// the textbook floating-point formulas (x/image/webp's image.YCbCr would be
// read as full range, golang/go#40173).
func videoToRGB(m image.Image) image.Image {
	var ycc *image.YCbCr
	var alpha func(x, y int) uint8
	switch m := m.(type) {
	case *image.YCbCr:
		ycc = m
		alpha = func(int, int) uint8 { return 255 }
	case *image.NYCbCrA:
		ycc = &m.YCbCr
		alpha = func(x, y int) uint8 { return m.A[m.AOffset(x, y)] }
	default:
		return m
	}
	out := image.NewNRGBA(ycc.Rect)
	for y := ycc.Rect.Min.Y; y < ycc.Rect.Max.Y; y++ {
		for x := ycc.Rect.Min.X; x < ycc.Rect.Max.X; x++ {
			c := ycc.YCbCrAt(x, y)
			l := (float64(c.Y) - 16) * 255 / 219
			cb, cr := (float64(c.Cb)-128)*255/224, (float64(c.Cr)-128)*255/224
			r := l + 1.402*cr
			g := l - 0.344136*cb - 0.714136*cr
			b := l + 1.772*cb
			out.SetNRGBA(x, y, color.NRGBA{clamp8(r), clamp8(g), clamp8(b), alpha(x, y)})
		}
	}
	return out
}

func gradient(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return m
}

func shape(p *Picture) string {
	var s []string
	for _, v := range p.Variants {
		s = append(s, fmt.Sprintf("%s %dx%d", v.Format, v.Width, v.Height))
	}
	return fmt.Sprint(s)
}

func TestLadder(t *testing.T) {
	p := New(Options{})
	tests := []struct {
		name  string
		w, h  int
		alpha bool
		want  string
	}{
		{"photo.jpg", 2000, 1500, false, "[webp 480x360 webp 800x600 webp 1200x900 webp 1600x1200 jpeg 480x360 jpeg 800x600 jpeg 1200x900 jpeg 1600x1200]"},
		{"between-steps.jpg", 1000, 500, false, "[webp 480x240 webp 800x400 webp 1000x500 jpeg 480x240 jpeg 800x400 jpeg 1000x500]"},
		{"exactly-a-step.jpg", 800, 600, false, "[webp 480x360 webp 800x600 jpeg 480x360 jpeg 800x600]"},
		{"just-above-a-step.jpg", 500, 250, false, "[webp 500x250 jpeg 500x250]"},
		{"near-a-step.jpg", 1300, 650, false, "[webp 480x240 webp 800x400 webp 1300x650 jpeg 480x240 jpeg 800x400 jpeg 1300x650]"},
		{"tiny.png", 300, 200, true, "[webp 300x200 png 300x200]"},
		{"one-pixel.png", 1, 1, false, "[webp 1x1 jpeg 1x1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := image.Image(gradient(tt.w, tt.h)) // cheap to encode: only sizes matter here
			if tt.alpha {
				n := image.NewNRGBA(m.Bounds())
				for i := range n.Pix {
					n.Pix[i] = uint8(i)
				}
				m = n
			}
			pic, err := p.Process(tt.name, encodePNGTest(t, m))
			if err != nil {
				t.Fatal(err)
			}
			if got := shape(pic); got != tt.want {
				t.Errorf("variants\n got %s\nwant %s", got, tt.want)
			}
			if pic.Width != tt.w || pic.Height != tt.h || pic.Alpha != tt.alpha {
				t.Errorf("got %dx%d alpha %v, want %dx%d alpha %v", pic.Width, pic.Height, pic.Alpha, tt.w, tt.h, tt.alpha)
			}
			for _, v := range pic.Variants {
				decodeVariant(t, v)
			}
		})
	}
}

// A tiny ladder step on a wide image: the shrink factor is capped, and
// the resampler does the rest.
func TestExtremeShrink(t *testing.T) {
	pic, err := New(Options{Widths: []int{2}}).Process("strip.png", encodePNGTest(t, gradient(3000, 20)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(pic), "[webp 2x1 jpeg 2x1]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestCustomWidths(t *testing.T) {
	p := New(Options{Widths: []int{640, 320, 320, -1}})
	pic, err := p.Process("a.jpg", testJPEG(1000, 1000, 2))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(pic), "[webp 320x320 webp 640x640 jpeg 320x320 jpeg 640x640]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A photo processed twice, and by processors with different parallelism,
// gives the same bytes: output is reproducible. (Shrinking by 2 included.)
func TestDeterministic(t *testing.T) {
	data := testJPEG(1000, 700, 3)
	var runs [][]Variant
	for _, inFlight := range []int{1, 1, 3} {
		pic, err := New(Options{InFlight: inFlight, Widths: []int{200, 300, 400}}).Process("photo.jpg", data)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, pic.Variants)
	}
	for i := 1; i < len(runs); i++ {
		if !slices.EqualFunc(runs[0], runs[i], func(a, b Variant) bool {
			return a.Format == b.Format && a.Width == b.Width && bytes.Equal(a.Data, b.Data)
		}) {
			t.Errorf("run %d made different bytes than run 0", i)
		}
	}
}

// The variants look like the source: scaling and encoding lose detail,
// not the picture.
func TestVariantsResembleSource(t *testing.T) {
	src := testPhoto(1000, 750, 4)
	pic, err := New(Options{}).Process("photo.png", encodePNGTest(t, src))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range pic.Variants {
		m := decodeVariant(t, v)
		// Compare 8×8 block means, which scaling keeps.
		if d := blockDiff(src, m, 8); d > 6 {
			t.Errorf("%s %dw: mean block difference %.1f levels", v.Format, v.Width, d)
		}
	}
}

// blockDiff compares a and b (any sizes) as n×n grids of mean colours and
// returns the mean absolute difference per channel, in 8-bit levels.
func blockDiff(a, b image.Image, n int) float64 {
	ga, gb := blockMeans(a, n), blockMeans(b, n)
	var sum float64
	for i := range ga {
		d := ga[i] - gb[i]
		sum += max(d, -d)
	}
	return sum / float64(len(ga))
}

func blockMeans(m image.Image, n int) []float64 {
	b := m.Bounds()
	out := make([]float64, n*n*3)
	counts := make([]float64, n*n)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			cell := (y-b.Min.Y)*n/b.Dy()*n + (x-b.Min.X)*n/b.Dx()
			out[cell*3] += float64(c.R)
			out[cell*3+1] += float64(c.G)
			out[cell*3+2] += float64(c.B)
			counts[cell]++
		}
	}
	for i := range out {
		out[i] /= counts[i/3]
	}
	return out
}

func TestInputFormats(t *testing.T) {
	src := testPhoto(640, 480, 5)
	var g bytes.Buffer
	if err := gif.Encode(&g, src, nil); err != nil {
		t.Fatal(err)
	}
	deep := image.NewNRGBA64(src.Rect)
	grey := image.NewGray(src.Rect)
	for y := range 480 {
		for x := range 640 {
			deep.Set(x, y, src.At(x, y))
			grey.Set(x, y, src.At(x, y))
		}
	}
	inputs := map[string][]byte{
		"photo.jpg":  encodeJPEGTest(t, src, 90),
		"16-bit.png": encodePNGTest(t, deep),
		"photo.png":  encodePNGTest(t, src),
		"photo.gif":  g.Bytes(),
		"photo.webp": func() []byte {
			b, err := encodeWebP(src)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}(),
	}
	p := New(Options{})
	for name, data := range map[string][]byte{"grey.jpg": encodeJPEGTest(t, grey, 90), "grey.png": encodePNGTest(t, grey)} {
		pic, err := p.Process(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := blockDiff(grey, decodeVariant(t, pic.Variants[1]), 8); d > 3 {
			t.Errorf("%s: differs from the source by %.1f levels", name, d)
		}
	}
	for name, data := range inputs {
		pic, err := p.Process(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := shape(pic), "[webp 480x360 webp 640x480 jpeg 480x360 jpeg 640x480]"; got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
		if d := blockDiff(src, decodeVariant(t, pic.Variants[1]), 8); d > 8 {
			t.Errorf("%s: differs from the source by %.1f levels", name, d)
		}
	}
}
