package picture

import (
	"encoding/binary"
	"image"
)

// exifOrientation reads tag 0x0112 from the first IFD of an EXIF (TIFF)
// block: the one value of EXIF that changes how a photo looks. Anything
// unreadable means 1, upright, as browsers treat it. A dozen lines here
// instead of an EXIF library: we read one tag and publish none.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int64(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1
	}
	n := int(order.Uint16(tiff[ifd:]))
	for i := range n {
		e := ifd + 2 + int64(i)*12
		if e+12 > int64(len(tiff)) {
			return 1
		}
		const tagOrientation, typeShort = 0x0112, 3
		if order.Uint16(tiff[e:]) != tagOrientation {
			continue
		}
		if order.Uint16(tiff[e+2:]) != typeShort {
			return 1
		}
		if v := int(order.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}

// orient turns m (stored pixels) into the picture as displayed, for each of
// EXIF's eight orientations. The mapping, for a displayed pixel (x, y) of a
// W×H stored image:
//
//	1 (x, y)        2 (W-1-x, y)      3 (W-1-x, H-1-y)  4 (x, H-1-y)
//	5 (y, x)        6 (y, H-1-x)      7 (W-1-y, H-1-x)  8 (W-1-y, x)
func orient(m *image.RGBA, orientation int) *image.RGBA {
	if orientation <= 1 || orientation > 8 {
		return m
	}
	W, H := m.Rect.Dx(), m.Rect.Dy()
	dw, dh := W, H
	if orientation >= 5 {
		dw, dh = H, W
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		o := y * out.Stride
		for x := range dw {
			sx, sy := x, y
			switch orientation {
			case 2:
				sx = W - 1 - x
			case 3:
				sx, sy = W-1-x, H-1-y
			case 4:
				sy = H - 1 - y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, H-1-x
			case 7:
				sx, sy = W-1-y, H-1-x
			case 8:
				sx, sy = W-1-y, x
			}
			i := sy*m.Stride + sx*4
			copy(out.Pix[o:o+4], m.Pix[i:i+4])
			o += 4
		}
	}
	return out
}
