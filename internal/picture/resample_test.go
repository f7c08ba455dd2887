package picture

import (
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/draw"
)

// The fixed-point resampler against x/image/draw's Catmull-Rom, the plain
// float implementation, on a noisy photo and on transparency, for
// shrinking by whole and odd ratios, at edges and for tiny images.
func TestResampleMatchesXDraw(t *testing.T) {
	photo := testPhoto(640, 480, 16)
	translucent := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			a := uint8(x * 255 / 299)
			translucent.SetRGBA(x, y, color.RGBA{a / 2, uint8(y) * a / 255, a, a})
		}
	}
	sizes := []struct {
		m    *image.RGBA
		w, h int
	}{
		{photo, 480, 360}, {photo, 333, 250}, {photo, 101, 77}, {photo, 640, 480}, {photo, 7, 5},
		{photo, 800, 600}, // enlarging is never asked for, but works
		{translucent, 150, 100}, {translucent, 299, 199}, {translucent, 1, 1},
	}
	for _, s := range sizes {
		want := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
		draw.CatmullRom.Scale(want, want.Rect, s.m, s.m.Rect, draw.Src, nil)
		got := resample(s.m, s.w, s.h)
		worst := 0
		for i := range got.Pix {
			d := int(got.Pix[i]) - int(want.Pix[i])
			worst = max(worst, d, -d)
		}
		if p := psnr(got, want); worst > 2 || p < 50 {
			t.Errorf("%dx%d → %dx%d: off by up to %d levels, PSNR %.1f dB", s.m.Rect.Dx(), s.m.Rect.Dy(), s.w, s.h, worst, p)
		}
		for i := 0; i < len(got.Pix); i += 4 {
			if a := got.Pix[i+3]; got.Pix[i] > a || got.Pix[i+1] > a || got.Pix[i+2] > a {
				t.Fatalf("colour exceeds alpha at %d: %v", i/4, got.Pix[i:i+4])
			}
		}
	}
}

// A flat colour stays exactly flat: the weights of every pixel sum to one.
func TestResampleFlat(t *testing.T) {
	m := flat(997, 13, color.RGBA{37, 200, 255, 255})
	out := resample(m, 311, 5)
	for i := 0; i < len(out.Pix); i += 4 {
		if c := out.Pix[i : i+4]; c[0] != 37 || c[1] != 200 || c[2] != 255 || c[3] != 255 {
			t.Fatalf("pixel %d is %v", i/4, c)
		}
	}
}
