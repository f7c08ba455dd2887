package picture

import (
	"image"
	"image/color"
)

// videoRange holds the pixels of a lossy WebP as decoded. VP8 stores
// BT.601 "video range" YCbCr (black at Y=16, white at 235), while Go's
// image.YCbCr means JPEG's full range, so letting Go convert them shows
// every WebP washed out: lifted blacks, dimmed whites, weaker colour
// (golang/go#40173, open; gen2brain/webp's decoder returns the same planes).
// shrink reads these rows with the right conversion instead.
type videoRange struct {
	ycc     *image.YCbCr
	alpha   []uint8 // nil when opaque
	aStride int
}

func newVideoRange(m image.Image) image.Image {
	switch m := m.(type) {
	case *image.YCbCr:
		return &videoRange{ycc: m}
	case *image.NYCbCrA:
		return &videoRange{ycc: &m.YCbCr, alpha: m.A, aStride: m.AStride}
	}
	return m // lossless WebP decodes to NRGBA, which is right as it is
}

func (v *videoRange) ColorModel() color.Model { return color.RGBAModel }
func (v *videoRange) Bounds() image.Rectangle { return v.ycc.Rect }

func (v *videoRange) Opaque() bool {
	if v.alpha == nil {
		return true
	}
	for _, a := range v.alpha {
		if a != 0xff {
			return false
		}
	}
	return true
}

func (v *videoRange) At(x, y int) color.Color {
	var row [4]uint8
	v.pixel(row[:], x, y)
	return color.RGBA{row[0], row[1], row[2], row[3]}
}

// readRow writes row y as premultiplied RGBA into dst.
func (v *videoRange) readRow(dst []uint8, y int) {
	r := v.ycc.Rect
	for x := r.Min.X; x < r.Max.X; x++ {
		i := (x - r.Min.X) * 4
		v.pixel(dst[i:i+4], x, y)
	}
}

// BT.601 video range to full-range RGB, in 16.16 fixed point:
// 255/219 for luma, 255/224 × the JPEG coefficients for chroma.
const (
	vY   = 76309  // 1.164383
	vRCr = 104597 // 1.596027
	vGCb = 25675  // 0.391762
	vGCr = 53279  // 0.812968
	vBCb = 132201 // 2.017232
)

func (v *videoRange) pixel(dst []uint8, x, y int) {
	m := v.ycc
	yy := (int32(m.Y[m.YOffset(x, y)]) - 16) * vY
	ci := m.COffset(x, y)
	cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
	rgb := [3]int32{yy + vRCr*cr, yy - vGCb*cb - vGCr*cr, yy + vBCb*cb}
	a := int32(0xff)
	if v.alpha != nil {
		a = int32(v.alpha[(y-m.Rect.Min.Y)*v.aStride+(x-m.Rect.Min.X)])
	}
	for c, val := range rgb {
		val = max(0, min(255, (val+1<<15)>>16))
		dst[c] = uint8((val*a + 127) / 255)
	}
	dst[3] = uint8(a)
}
