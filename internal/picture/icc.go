package picture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"io"
	"math"
	"sync"
)

// Colour: a photo's pixel values mean nothing without its profile. Phones
// tag photos with Display P3; shown as sRGB (what a browser assumes for a
// WebP or JPEG without a profile) they look dull. So pixels are converted
// from matrix/TRC profiles, the kind cameras and phones write, to sRGB:
// each channel through its tone curve to linear light, a 3×3 matrix through
// the profile connection space (XYZ, D50) into linear sRGB, clipped, and
// the sRGB curve back. Converting, instead of carrying the profile along,
// keeps every output small and right in every browser and image viewer.
//
// The pixel loop is integer arithmetic (lookup tables and a fixed-point
// matrix), so the result is the same bit for bit on every machine.

// srgbToXYZ holds the sRGB primaries adapted to D50 (Bradford), the
// colorants every ICC sRGB profile carries: columns are red, green, blue.
var srgbToXYZ = [3][3]float64{
	{0.4360747, 0.3850649, 0.1430804},
	{0.2225045, 0.7168786, 0.0606169},
	{0.0139322, 0.0971045, 0.7141733},
}

const (
	matrixShift = 14 // the fixed-point matrix has 14 fraction bits
	linearMax   = 65535
)

// colourTransform converts 8-bit pixels of one profile to sRGB.
type colourTransform struct {
	toLinear [3][256]int64 // per channel: encoded value → linear, 0..linearMax
	matrix   [3][3]int64   // linear source RGB → linear sRGB, fixed point
}

// srgbEncode maps linear light (0..linearMax) to an 8-bit sRGB value.
var srgbEncode = sync.OnceValue(func() *[linearMax + 1]uint8 {
	var t [linearMax + 1]uint8
	for i := range t {
		v := float64(i) / linearMax
		if v <= 0.0031308 {
			v *= 12.92
		} else {
			v = 1.055*math.Pow(v, 1/2.4) - 0.055
		}
		t[i] = uint8(math.Round(v * 255))
	}
	return &t
})

// newTransform reads an ICC profile. It returns nil when there is nothing
// to do (no profile, or one that is sRGB in all but name), and a warning
// for a profile it cannot apply, whose pixels are then kept as they are.
func newTransform(icc []byte) (*colourTransform, string) {
	if len(icc) == 0 {
		return nil, ""
	}
	p, why := parseICC(icc)
	if p == nil {
		return nil, "its colour profile was not applied (" + why + "); colours may look different: export it in sRGB to be sure"
	}
	toSRGB := mul(invert(srgbToXYZ), p.toXYZ)
	t := &colourTransform{}
	for c := range 3 {
		for v := range 256 {
			t.toLinear[c][v] = int64(math.Round(p.trc[c].eval(float64(v)/255) * linearMax))
		}
		for k := range 3 {
			t.matrix[c][k] = int64(math.Round(toSRGB[c][k] * (1 << matrixShift)))
		}
	}
	if t.identity() {
		return nil, ""
	}
	return t, ""
}

// identity reports whether the transform leaves every 8-bit value as it is,
// which is true for the sRGB profiles most cameras embed.
func (t *colourTransform) identity() bool {
	enc := srgbEncode()
	for c := range 3 {
		for k := range 3 {
			want := int64(0)
			if c == k {
				want = 1 << matrixShift
			}
			if d := t.matrix[c][k] - want; d < -32 || d > 32 { // 0.2%
				return false
			}
		}
		for v := range 256 {
			if int(enc[t.toLinear[c][v]]) != v {
				return false
			}
		}
	}
	return true
}

// apply converts m in place. m is premultiplied: colours of translucent
// pixels are divided by alpha before and multiplied after.
func (t *colourTransform) apply(m *image.RGBA) {
	enc := srgbEncode()
	for i := 0; i+3 < len(m.Pix); i += 4 {
		a := int64(m.Pix[i+3])
		if a == 0 {
			continue
		}
		var in [3]int64
		for c := range 3 {
			v := int64(m.Pix[i+c])
			if a != 255 {
				v = min(255, (v*255+a/2)/a)
			}
			in[c] = t.toLinear[c][v]
		}
		for c := range 3 {
			row := &t.matrix[c]
			l := (row[0]*in[0] + row[1]*in[1] + row[2]*in[2] + 1<<(matrixShift-1)) >> matrixShift
			v := int64(enc[max(0, min(linearMax, l))])
			if a != 255 {
				v = (v*a + 127) / 255
			}
			m.Pix[i+c] = uint8(v)
		}
	}
}

// profile is the part of an ICC profile that maps RGB to the PCS.
type profile struct {
	toXYZ [3][3]float64 // columns: the red, green and blue colorants
	trc   [3]curve
}

// parseICC reads a matrix/TRC RGB profile or a grey one (kTRC). Profiles
// built on lookup tables (printers, some scanners) are not read: the reason
// says so.
func parseICC(b []byte) (*profile, string) {
	if len(b) < 132 {
		return nil, "too short to be an ICC profile"
	}
	if size := int(binary.BigEndian.Uint32(b)); size >= 132 && size < len(b) {
		b = b[:size]
	}
	space, pcs := string(b[16:20]), string(b[20:24])
	if pcs != "XYZ " {
		return nil, "a lookup-table profile"
	}
	tags := map[string][]byte{}
	n := int(binary.BigEndian.Uint32(b[128:]))
	for i := range min(n, 1000) {
		e := 132 + i*12
		if e+12 > len(b) {
			break
		}
		off, size := int(binary.BigEndian.Uint32(b[e+4:])), int(binary.BigEndian.Uint32(b[e+8:]))
		if off >= 0 && size >= 0 && off <= len(b) && size <= len(b)-off {
			tags[string(b[e:e+4])] = b[off : off+size]
		}
	}
	p := &profile{}
	switch space {
	case "GRAY":
		k, ok := parseCurve(tags["kTRC"])
		if !ok {
			return nil, "a grey profile without a readable tone curve"
		}
		// Grey of any profile sits on the D50 white axis, as sRGB's does.
		p.toXYZ = srgbToXYZ
		p.trc = [3]curve{k, k, k}
		return p, ""
	case "RGB ":
	default:
		return nil, "a " + string(bytes.TrimSpace(b[16:20])) + " profile"
	}
	for c, name := range []string{"r", "g", "b"} {
		xyz, ok := parseXYZ(tags[name+"XYZ"])
		trc, ok2 := parseCurve(tags[name+"TRC"])
		if !ok || !ok2 {
			return nil, "a lookup-table profile"
		}
		for r := range 3 {
			p.toXYZ[r][c] = xyz[r]
		}
		p.trc[c] = trc
	}
	return p, ""
}

func s15f16(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }

func parseXYZ(b []byte) ([3]float64, bool) {
	if len(b) < 20 || string(b[:4]) != "XYZ " {
		return [3]float64{}, false
	}
	return [3]float64{s15f16(b[8:]), s15f16(b[12:]), s15f16(b[16:])}, true
}

// curve is an ICC tone curve: encoded value (0..1) to linear light (0..1).
type curve struct {
	kind  int        // paramCount index for para; -1 table; -2 gamma
	g     [7]float64 // gamma and the parametric function's parameters
	table []uint16
}

// paramCount is how many parameters each parametric function type has.
var paramCount = [5]int{1, 3, 4, 5, 7}

func parseCurve(b []byte) (curve, bool) {
	switch {
	case len(b) >= 12 && string(b[:4]) == "curv":
		n := int(binary.BigEndian.Uint32(b[8:]))
		switch {
		case n == 0:
			return curve{kind: -2, g: [7]float64{1}}, true
		case n == 1 && len(b) >= 14:
			return curve{kind: -2, g: [7]float64{float64(binary.BigEndian.Uint16(b[12:])) / 256}}, true
		case n >= 2 && n <= (len(b)-12)/2:
			t := make([]uint16, n)
			for i := range t {
				t[i] = binary.BigEndian.Uint16(b[12+2*i:])
			}
			return curve{kind: -1, table: t}, true
		}
	case len(b) >= 12 && string(b[:4]) == "para":
		kind := int(binary.BigEndian.Uint16(b[8:]))
		if kind >= len(paramCount) || len(b) < 12+4*paramCount[kind] {
			return curve{}, false
		}
		c := curve{kind: kind}
		for i := range paramCount[kind] {
			c.g[i] = s15f16(b[12+4*i:])
		}
		return c, true
	}
	return curve{}, false
}

// eval follows ICC.1:2022 10.6 (curveType) and 10.18 (parametricCurveType).
func (c curve) eval(x float64) float64 {
	g, a, b, cc, d, e, f := c.g[0], c.g[1], c.g[2], c.g[3], c.g[4], c.g[5], c.g[6]
	var y float64
	switch c.kind {
	case -2:
		y = math.Pow(x, g)
	case -1:
		pos := x * float64(len(c.table)-1)
		i := min(int(pos), len(c.table)-2)
		frac := pos - float64(i)
		y = (float64(c.table[i])*(1-frac) + float64(c.table[i+1])*frac) / 65535
	case 0:
		y = math.Pow(x, g)
	case 1:
		if a != 0 && x >= -b/a {
			y = math.Pow(a*x+b, g)
		}
	case 2:
		y = cc
		if a != 0 && x >= -b/a {
			y = math.Pow(a*x+b, g) + cc
		}
	case 3:
		y = cc * x
		if x >= d {
			y = math.Pow(a*x+b, g)
		}
	case 4:
		y = cc*x + f
		if x >= d {
			y = math.Pow(a*x+b, g) + e
		}
	}
	if math.IsNaN(y) {
		return 0
	}
	return max(0, min(1, y))
}

func mul(a, b [3][3]float64) [3][3]float64 {
	var m [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func invert(m [3][3]float64) [3][3]float64 {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	var r [3][3]float64
	for i := range 3 {
		for j := range 3 {
			// cofactor of (j, i), by cyclic indices
			a, b := (j+1)%3, (j+2)%3
			c, d := (i+1)%3, (i+2)%3
			r[i][j] = (m[a][c]*m[b][d] - m[a][d]*m[b][c]) / det
		}
	}
	return r
}

// inflateICCP reads a PNG iCCP chunk: a name, a zero byte, the compression
// method (0, zlib) and the compressed profile. Profiles over 4 MiB are not
// photo profiles and are ignored, which also stops a zlib bomb.
func inflateICCP(b []byte) []byte {
	i := bytes.IndexByte(b, 0)
	if i < 0 || i+2 > len(b) || b[i+1] != 0 {
		return nil
	}
	r, err := zlib.NewReader(bytes.NewReader(b[i+2:]))
	if err != nil {
		return nil
	}
	const limit = 4 << 20
	p, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil || len(p) > limit {
		return nil
	}
	return p
}
