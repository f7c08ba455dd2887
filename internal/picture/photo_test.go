package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// testPhoto draws a w×h image that compresses and scales like a photo: smooth
// lighting gradients, soft-edged shapes, fine stripes and sensor-like noise.
// Flat colour would flatter every codec; this does not. The same seed gives
// the same pixels.
func testPhoto(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	// Lighting: per-column and per-row waves, so each pixel costs additions.
	var col, row [3][]float64
	for c := range 3 {
		col[c], row[c] = make([]float64, w), make([]float64, h)
		fx, fy := 1+rng.Float64()*4, 1+rng.Float64()*4
		px, py := rng.Float64()*6, rng.Float64()*6
		for x := range w {
			col[c][x] = 60 * math.Sin(float64(x)/float64(w)*fx*math.Pi+px)
		}
		for y := range h {
			row[c][y] = 50*math.Cos(float64(y)/float64(h)*fy*math.Pi+py) + 120
		}
	}
	for y := range h {
		i := y * m.Stride
		for x := range w {
			for c := range 3 {
				m.Pix[i+c] = clamp8(col[c][x] + row[c][y])
			}
			m.Pix[i+3] = 255
			i += 4
		}
	}
	for range 24 {
		drawBlob(m, rng)
	}
	addNoise(m, rng)
	return m
}

// drawBlob paints a soft ellipse with fine stripes, like fur or fabric.
func drawBlob(m *image.RGBA, rng *rand.Rand) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cx, cy := rng.Float64()*float64(w), rng.Float64()*float64(h)
	rx, ry := (0.03+rng.Float64()*0.2)*float64(w), (0.03+rng.Float64()*0.2)*float64(h)
	tint := [3]float64{rng.Float64() * 255, rng.Float64() * 255, rng.Float64() * 255}
	period := 3 + rng.Float64()*9
	stripes := make([]float64, 64)
	for i := range stripes {
		stripes[i] = 1 + 0.15*math.Sin(float64(i)/period)
	}
	x0, x1 := max(0, int(cx-rx)), min(w, int(cx+rx)+1)
	y0, y1 := max(0, int(cy-ry)), min(h, int(cy+ry)+1)
	for y := y0; y < y1; y++ {
		dy := (float64(y) - cy) / ry
		for x := x0; x < x1; x++ {
			dx := (float64(x) - cx) / rx
			d := dx*dx + dy*dy
			if d >= 1 {
				continue
			}
			a := min(1, (1-d)*4) // soft edge
			stripe := stripes[(x+y)%len(stripes)]
			i := m.PixOffset(x, y)
			for c := range 3 {
				m.Pix[i+c] = clamp8(float64(m.Pix[i+c])*(1-a) + tint[c]*stripe*a)
			}
		}
	}
}

// addNoise adds roughly Gaussian noise (σ ≈ 6 levels), as a phone sensor
// does: the sum of three uniform bytes, centred.
func addNoise(m *image.RGBA, rng *rand.Rand) {
	for i := 0; i < len(m.Pix); i += 4 {
		r := rng.Uint64()
		for c := range 3 {
			n := int(r>>(c*16)&0xff) + int(r>>(c*16+8)&0xff) + int(r>>(48+c*5)&0x1f)*8 - 379
			m.Pix[i+c] = uint8(max(0, min(255, int(m.Pix[i+c])+n/20)))
		}
	}
}

func clamp8(v float64) uint8 {
	return uint8(max(0, min(255, math.Round(v))))
}

// testJPEG is testPhoto encoded as a phone would, at quality 90.
func testJPEG(w, h int, seed uint64) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testPhoto(w, h, seed), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// flat is a w×h image of one colour.
func flat(w, h int, c color.Color) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r, g, b, a := c.RGBA()
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	}
	return m
}
