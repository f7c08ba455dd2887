package picture

import (
	"image"
	"math"
)

// resample scales m to w×h with the Catmull-Rom kernel, stretched by the
// scale factor when shrinking so every source pixel counts.
//
// Why not golang.org/x/image/draw, whose CatmullRom gives the same picture
// (TestResampleMatchesXDraw)? Its two passes keep a float64 buffer of
// 32 bytes per pixel of source height × target width: 77 MB for one
// 1600-wide variant of a 12-megapixel photo, 187 MB of garbage per photo
// for the four widths, and with two scales at once the reason a 50-photo
// build peaked at 736 MB of heap. This one runs the vertical pass first,
// one output row at a time, so it keeps a single row of state, and in
// integers: 14-bit fixed-point weights, which also makes it the same on
// every CPU. Measured in BenchmarkScale.
func resample(m *image.RGBA, w, h int) *image.RGBA {
	sw, sh := m.Rect.Dx(), m.Rect.Dy()
	if sw == w && sh == h {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xs, ys := newTaps(sw, w), newTaps(sh, h)
	column := make([]int32, sw*4) // one row after the vertical pass, 8.8 fixed point
	for y := range h {
		clear(column)
		first, weights := ys.at(y)
		for k, wt := range weights {
			row := m.Pix[(first+k)*m.Stride : (first+k)*m.Stride+sw*4]
			wt := int32(wt)
			for i, p := range row {
				column[i] += wt * int32(p)
			}
		}
		for i := range column {
			column[i] = (column[i] + 1<<5) >> 6 // 14 fraction bits to 8
		}
		dst := out.Pix[y*out.Stride : y*out.Stride+w*4]
		for x := range w {
			first, weights := xs.at(x)
			var r, g, b, a int64
			src := column[first*4:]
			for k, wt := range weights {
				p := src[k*4 : k*4+4 : k*4+4]
				r += wt * int64(p[0])
				g += wt * int64(p[1])
				b += wt * int64(p[2])
				a += wt * int64(p[3])
			}
			// 14 + 8 fraction bits; premultiplied colour never exceeds alpha.
			av := clampByte((a + 1<<21) >> 22)
			d := dst[x*4 : x*4+4 : x*4+4]
			d[0] = min(clampByte((r+1<<21)>>22), av)
			d[1] = min(clampByte((g+1<<21)>>22), av)
			d[2] = min(clampByte((b+1<<21)>>22), av)
			d[3] = av
		}
	}
	return out
}

func clampByte(v int64) uint8 { return uint8(max(0, min(255, v))) }

// taps are the weights of one axis: output pixel i reads source pixels
// first[i] onward, with weights[i*n : i*n+count[i]].
type taps struct {
	first, count []int
	weights      []int64
	n            int
}

func (t *taps) at(i int) (int, []int64) {
	return t.first[i], t.weights[i*t.n : i*t.n+t.count[i]]
}

// newTaps computes Catmull-Rom weights mapping src pixels onto dst. Pixel
// centres line up as in x/image/draw: output i sits at source position
// (i+0.5)·src/dst. Taps outside the image are dropped and the rest
// renormalised; the fixed-point weights of each pixel sum to exactly 1<<14,
// so flat areas stay exactly flat.
func newTaps(src, dst int) *taps {
	scale := float64(src) / float64(dst)
	stretch := max(1, scale)
	radius := 2 * stretch
	n := int(math.Ceil(radius))*2 + 1
	t := &taps{first: make([]int, dst), count: make([]int, dst), weights: make([]int64, dst*n), n: n}
	ws := make([]float64, n)
	for i := range dst {
		centre := float64(float64(i)+0.5) * scale
		first := max(0, int(math.Ceil(centre-radius-0.5)))
		last := min(src-1, int(math.Floor(centre+radius-0.5)))
		var sum float64
		for j := first; j <= last; j++ {
			ws[j-first] = catmullRom(float64(float64(j)+0.5-centre) / stretch)
			sum += ws[j-first]
		}
		count := last - first + 1
		fixed := t.weights[i*n : i*n+count]
		var total, big int64
		for k := range fixed {
			fixed[k] = int64(math.Round(float64(ws[k]/sum) * (1 << 14)))
			total += fixed[k]
			if fixed[k] > fixed[big] {
				big = int64(k)
			}
		}
		fixed[big] += 1<<14 - total
		t.first[i], t.count[i] = first, count
	}
	return t
}

// catmullRom is the cubic with B=0, C=½ (Mitchell–Netravali notation).
// Every product is converted explicitly, which stops Go from fusing a
// multiply and an add on CPUs that have the instruction: the weights, and
// so the pixels, come out the same on all of them.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	x2 := float64(x * x)
	x3 := float64(x2 * x)
	switch {
	case x < 1:
		return float64(1.5*x3) - float64(2.5*x2) + 1
	case x < 2:
		return float64(-0.5*x3) + float64(2.5*x2) - float64(4*x) + 2
	}
	return 0
}
