package picture

import (
	"image/color"
	"testing"
)

// Image files come from anyone: metadata parsing must never panic or
// trust an offset. go test -fuzz FuzzMetadata ./internal/picture
func FuzzMetadata(f *testing.F) {
	jpg := encodeJPEGTest(f, flat(8, 8, color.White), 80)
	f.Add(withJPEGSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), exifWithGPS(6)...)))
	f.Add(withJPEGSegment(jpg, 0xe2, append([]byte("ICC_PROFILE\x00\x01\x01"), displayP3Profile()...)))
	f.Add(withPNGChunk(encodePNGTest(f, flat(4, 4, color.Black)), "eXIf", exifWithGPS(3)))
	if still, err := encodeWebP(flat(4, 4, color.White)); err == nil {
		f.Add(webpExtended(f, still, 4, 4, 0x28, map[string][]byte{"ICCP": displayP3Profile()}, map[string][]byte{"EXIF": exifWithGPS(8)}))
	}
	f.Add(displayP3Profile())
	f.Add(exifWithGPS(5))
	f.Fuzz(func(t *testing.T, data []byte) {
		if w, h, _, err := Probe(data); err == nil && (w <= 0 || h <= 0) {
			t.Errorf("Probe gave %dx%d without an error", w, h)
		}
		if o := exifOrientation(data); o < 1 || o > 8 {
			t.Errorf("orientation %d", o)
		}
		newTransform(data)
		var s source
		jpegMeta(data, &s)
		pngMeta(data, &s)
		webpMeta(data, &s)
		inflateICCP(data)
	})
}

func FuzzCheckSVG(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>x</script></svg>`))
	f.Add([]byte(`<svg width="10" height="5"><a href="javascript:x">y</a></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, h, err := CheckSVG(data, false)
		if err == nil && (w <= 0 || h <= 0) {
			t.Errorf("%dx%d without an error", w, h)
		}
	})
}
