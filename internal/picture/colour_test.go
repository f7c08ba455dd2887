package picture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
)

// rgbToXYZ builds the linear RGB → XYZ matrix of a colour space from the
// chromaticities of its primaries and white point (the textbook method).
func rgbToXYZ(r, g, b, white [2]float64) [3][3]float64 {
	xyz := func(c [2]float64) [3]float64 { return [3]float64{c[0] / c[1], 1, (1 - c[0] - c[1]) / c[1]} }
	pr, pg, pb, w := xyz(r), xyz(g), xyz(b), xyz(white)
	m := [3][3]float64{{pr[0], pg[0], pb[0]}, {pr[1], pg[1], pb[1]}, {pr[2], pg[2], pb[2]}}
	s := mulVec(invert(m), w)
	for i := range 3 {
		for j := range 3 {
			m[i][j] *= s[j]
		}
	}
	return m
}

func mulVec(m [3][3]float64, v [3]float64) [3]float64 {
	var r [3]float64
	for i := range 3 {
		r[i] = m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2]
	}
	return r
}

var (
	d65       = [2]float64{0.3127, 0.3290}
	p3ToXYZ   = rgbToXYZ([2]float64{0.680, 0.320}, [2]float64{0.265, 0.690}, [2]float64{0.150, 0.060}, d65)
	sRGBToXYZ = rgbToXYZ([2]float64{0.64, 0.33}, [2]float64{0.30, 0.60}, [2]float64{0.15, 0.06}, d65)
)

// bradfordD65toD50 adapts XYZ from D65 to the ICC's D50 connection space.
func bradfordD65toD50() [3][3]float64 {
	bfd := [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
	src := mulVec(bfd, [3]float64{0.95047, 1, 1.08883})
	dst := mulVec(bfd, [3]float64{0.96422, 1, 0.82521})
	scale := [3][3]float64{{dst[0] / src[0]}, {0, dst[1] / src[1]}, {0, 0, dst[2] / src[2]}}
	return mul(invert(bfd), mul(scale, bfd))
}

// displayP3Profile writes an ICC v4 matrix/TRC profile for Display P3, as
// Apple's phones embed: P3 primaries adapted to D50 and the sRGB tone
// curve as a parametric curve (type 3).
func displayP3Profile() []byte {
	colorants := mul(bradfordD65toD50(), p3ToXYZ)
	be := binary.BigEndian
	s15 := func(b []byte, v float64) []byte { return be.AppendUint32(b, uint32(int32(math.Round(v*65536)))) }
	xyzTag := func(x, y, z float64) []byte { return s15(s15(s15([]byte("XYZ \x00\x00\x00\x00"), x), y), z) }
	trc := be.AppendUint16([]byte("para\x00\x00\x00\x00"), 3)
	trc = append(trc, 0, 0)
	for _, v := range []float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045} {
		trc = s15(trc, v)
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"rXYZ", xyzTag(colorants[0][0], colorants[1][0], colorants[2][0])},
		{"gXYZ", xyzTag(colorants[0][1], colorants[1][1], colorants[2][1])},
		{"bXYZ", xyzTag(colorants[0][2], colorants[1][2], colorants[2][2])},
		{"wtpt", xyzTag(0.96422, 1, 0.82521)},
		{"rTRC", trc}, {"gTRC", trc}, {"bTRC", trc},
	}
	header := make([]byte, 128)
	be.PutUint32(header[8:], 0x04300000) // version 4.3
	copy(header[12:], "mntrRGB XYZ ")
	copy(header[36:], "acsp")
	copy(header[68:], xyzTag(0.96422, 1, 0.82521)[8:]) // illuminant
	table := be.AppendUint32(nil, uint32(len(tags)))
	var data []byte
	at := 128 + 4 + 12*len(tags)
	for _, t := range tags {
		table = append(append(table, t.sig...), be.AppendUint32(be.AppendUint32(nil, uint32(at+len(data))), uint32(len(t.data)))...)
		data = append(data, t.data...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	p := append(append(header, table...), data...)
	be.PutUint32(p, uint32(len(p)))
	return p
}

// p3ToSRGB converts an 8-bit Display P3 colour to 8-bit sRGB the direct way,
// in D65 with the exact sRGB curves: independent of the ICC path.
func p3ToSRGB(c [3]uint8) [3]float64 {
	decode := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	encode := func(x float64) float64 {
		x = max(0, min(1, x))
		if x <= 0.0031308 {
			return 255 * 12.92 * x
		}
		return 255 * (1.055*math.Pow(x, 1/2.4) - 0.055)
	}
	lin := mulVec(mul(invert(sRGBToXYZ), p3ToXYZ), [3]float64{decode(c[0]), decode(c[1]), decode(c[2])})
	return [3]float64{encode(lin[0]), encode(lin[1]), encode(lin[2])}
}

// A Display P3 photo keeps its colours: the output's pixels are the sRGB
// conversion of the source, whichever container carried the profile.
func TestDisplayP3ToSRGB(t *testing.T) {
	patches := [][3]uint8{{200, 100, 50}, {100, 170, 120}, {60, 120, 210}, {128, 128, 128}}
	src := image.NewRGBA(image.Rect(0, 0, 128, 128))
	for i, c := range patches {
		x0, y0 := i%2*64, i/2*64
		for y := y0; y < y0+64; y++ {
			for x := x0; x < x0+64; x++ {
				src.SetRGBA(x, y, color.RGBA{c[0], c[1], c[2], 255})
			}
		}
	}
	icc := displayP3Profile()
	// Split the profile in two APP2 segments, as large profiles are.
	half := len(icc) / 2
	jpg := encodeJPEGTest(t, src, 100)
	jpg = withJPEGSegment(jpg, 0xe2, append([]byte("ICC_PROFILE\x00\x02\x02"), icc[half:]...))
	jpg = withJPEGSegment(jpg, 0xe2, append([]byte("ICC_PROFILE\x00\x01\x02"), icc[:half]...))
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(icc)
	zw.Close()
	png := withPNGChunk(encodePNGTest(t, src), "iCCP", append([]byte("Display P3\x00\x00"), z.Bytes()...))
	still, err := encodeWebP(src)
	if err != nil {
		t.Fatal(err)
	}
	webp := webpExtended(t, still, 128, 128, 0x20, map[string][]byte{"ICCP": icc}, nil)

	p := New(Options{})
	for name, data := range map[string][]byte{"p3.jpg": jpg, "p3.png": png, "p3.webp": webp} {
		pic, err := p.Process(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range pic.Variants {
			m := decodeVariant(t, v)
			for i, c := range patches {
				want := p3ToSRGB(c)
				if min(want[0], want[1], want[2]) < 1 || max(want[0], want[1], want[2]) > 254 {
					t.Fatalf("P3 %v is outside sRGB (%.0f): pick a colour both can show", c, want)
				}
				got := patchMean(m, i%2*64+24, i/2*64+24, 16)
				for k := range 3 {
					if d := math.Abs(got[k] - want[k]); d > 3 {
						t.Errorf("%s → %s: P3 %v became %.0f, want sRGB %.0f", name, v.Format, c, got, want)
						break
					}
				}
				// The test means something only if ignoring the profile fails it.
				if i < 3 && math.Abs(want[0]-float64(c[0]))+math.Abs(want[1]-float64(c[1]))+math.Abs(want[2]-float64(c[2])) < 12 {
					t.Fatalf("P3 %v and sRGB %.0f are too close to tell a conversion", c, want)
				}
			}
		}
		if len(pic.Warnings) != 0 {
			t.Errorf("%s: warnings %q", name, pic.Warnings)
		}
	}
}

func patchMean(m image.Image, x0, y0, n int) [3]float64 {
	var s [3]float64
	for y := y0; y < y0+n; y++ {
		for x := x0; x < x0+n; x++ {
			c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			s[0] += float64(c.R)
			s[1] += float64(c.G)
			s[2] += float64(c.B)
		}
	}
	for i := range s {
		s[i] /= float64(n * n)
	}
	return s
}

// An sRGB profile changes nothing, so nothing is converted.
func TestSRGBProfileIsLeftAlone(t *testing.T) {
	p := displayP3Profile()
	colorants := mul(bradfordD65toD50(), sRGBToXYZ)
	for c, tag := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		i := bytes.Index(p, []byte(tag))
		off := binary.BigEndian.Uint32(p[i+4:])
		for r := range 3 {
			binary.BigEndian.PutUint32(p[int(off)+8+4*r:], uint32(int32(math.Round(colorants[r][c]*65536))))
		}
	}
	if tr, warning := newTransform(p); tr != nil || warning != "" {
		t.Errorf("sRGB profile: transform %v, warning %q; want none", tr != nil, warning)
	}
	if tr, _ := newTransform(displayP3Profile()); tr == nil {
		t.Error("Display P3 profile: no transform")
	}
}

func TestProfilesNotApplied(t *testing.T) {
	lab := displayP3Profile()
	copy(lab[20:], "Lab ")
	cmyk := displayP3Profile()
	copy(cmyk[16:], "CMYK")
	noTRC := bytes.Replace(displayP3Profile(), []byte("gTRC"), []byte("gXXX"), 1)
	for name, icc := range map[string][]byte{"lab": lab, "cmyk": cmyk, "no-trc": noTRC, "short": []byte("ICC")} {
		tr, warning := newTransform(icc)
		if tr != nil || !strings.Contains(warning, "colour profile was not applied") {
			t.Errorf("%s: transform %v, warning %q", name, tr != nil, warning)
		}
	}
}

func TestCurves(t *testing.T) {
	be := binary.BigEndian
	curv := func(vals ...uint16) []byte {
		b := be.AppendUint32([]byte("curv\x00\x00\x00\x00"), uint32(len(vals)))
		for _, v := range vals {
			b = be.AppendUint16(b, v)
		}
		return b
	}
	para := func(kind uint16, params ...float64) []byte {
		b := be.AppendUint16([]byte("para\x00\x00\x00\x00"), kind)
		b = append(b, 0, 0)
		for _, v := range params {
			b = be.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	tests := []struct {
		name string
		tag  []byte
		x    float64
		want float64
	}{
		{"identity", curv(), 0.3, 0.3},
		{"gamma 2.2", curv(563), 0.5, math.Pow(0.5, 563.0/256)},
		{"table", curv(0, 16384, 65535), 0.25, 0.125},
		{"type 0", para(0, 1.8), 0.5, math.Pow(0.5, 1.8)},
		{"type 1", para(1, 2, 1, -0.5), 0.25, 0},
		{"type 1 above", para(1, 2, 1, -0.5), 0.75, 0.0625},
		{"type 2", para(2, 2, 1, -0.5, 0.1), 0.25, 0.1},
		{"type 3 linear part", para(3, 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045), 0.02, 0.02 / 12.92},
		{"type 4", para(4, 2, 1, 0, 0.5, 0.5, 0.1, 0.2), 0.25, 0.325},
		{"type 4 above", para(4, 2, 1, 0, 0.5, 0.5, 0.1, 0.2), 0.8, 0.74},
	}
	for _, tt := range tests {
		c, ok := parseCurve(tt.tag)
		if !ok {
			t.Errorf("%s: not parsed", tt.name)
			continue
		}
		if got := c.eval(tt.x); math.Abs(got-tt.want) > 1e-4 {
			t.Errorf("%s: f(%g) = %g, want %g", tt.name, tt.x, got, tt.want)
		}
	}
	for _, bad := range [][]byte{nil, []byte("curv"), para(5, 1), para(4, 1, 2), []byte("mft2\x00\x00\x00\x00\x00\x00\x00\x00")} {
		if _, ok := parseCurve(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestInvert(t *testing.T) {
	m := [3][3]float64{{2, 1, 0.5}, {-1, 3, 0}, {0.25, 0, 1}}
	id := mul(m, invert(m))
	for i := range 3 {
		for j := range 3 {
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(id[i][j]-want) > 1e-12 {
				t.Fatalf("m × m⁻¹ = %v", id)
			}
		}
	}
}
