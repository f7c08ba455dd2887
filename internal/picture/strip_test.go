package picture

import (
	"bytes"
	"image"
	"slices"
	"testing"
)

// Strip leaves the pixels of a file published as it is, byte for byte,
// and takes away EXIF, GPS, XMP, comments and text.
func TestStrip(t *testing.T) {
	exif := exifWithGPS(1)
	photo := encodeJPEGTest(t, testPhoto(400, 300, 3), 90)
	jpg := withJPEGSegment(photo, 0xfe, []byte("taken at 12 Acacia Avenue"))
	jpg = withJPEGSegment(jpg, 0xe1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket...))
	jpg = withJPEGSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), exif...))
	drawing := encodePNGTest(t, testPhoto(200, 100, 4))
	png := withPNGChunk(withPNGChunk(drawing, "eXIf", exif), "tEXt", []byte("Comment\x00taken at 12 Acacia Avenue"))
	still, err := encodeWebP(testPhoto(300, 200, 5))
	if err != nil {
		t.Fatal(err)
	}
	webp := webpExtended(t, still, 300, 200, webpEXIFFlag|webpXMPFlag, nil, map[string][]byte{"EXIF": exif, "XMP ": []byte(xmpPacket)})
	secrets := [][]byte{[]byte("Exif"), []byte("Acacia"), []byte("Careguide Test Phone"), []byte("GPSLatitude"), exif[len(exif)-24:]}

	for name, tc := range map[string]struct{ in, clean []byte }{"jpeg": {jpg, photo}, "png": {png, drawing}, "webp": {webp, nil}} {
		t.Run(name, func(t *testing.T) {
			out, ok := Strip(tc.in)
			if !ok {
				t.Fatal("not stripped")
			}
			for _, s := range secrets {
				if bytes.Contains(out, s) {
					t.Errorf("still contains %q", s)
				}
			}
			if tc.clean != nil && !bytes.Equal(out, tc.clean) { // exactly the file before its metadata was added
				t.Errorf("%d bytes, want the %d of the file without metadata", len(out), len(tc.clean))
			}
			a, _, err1 := image.Decode(bytes.NewReader(tc.in))
			b, _, err2 := image.Decode(bytes.NewReader(out))
			if err1 != nil || err2 != nil || a.Bounds() != b.Bounds() {
				t.Fatalf("decode: %v, %v", err1, err2)
			}
		})
	}
	if got := riffChunks(mustStrip(t, webp)); slices.Contains(got, "EXIF") || slices.Contains(got, "XMP ") {
		t.Errorf("WebP chunks %v", got)
	}
	if got := mustStrip(t, webp)[20]; got&(webpEXIFFlag|webpXMPFlag) != 0 {
		t.Errorf("VP8X still announces EXIF or XMP: flags %#x", got)
	}
	for _, bad := range [][]byte{[]byte("GIF89a"), jpg[:30], png[:20], []byte("RIFF\x00\x00\x00\x00WEBPVP8X")} {
		if _, ok := Strip(bad); ok {
			t.Errorf("Strip accepted %q", bad[:min(len(bad), 12)])
		}
	}
}

func mustStrip(t *testing.T, b []byte) []byte {
	t.Helper()
	out, ok := Strip(b)
	if !ok {
		t.Fatal("not stripped")
	}
	return out
}

// FuzzStrip: any input, no panic; what Strip returns, it returns again
// unchanged.
func FuzzStrip(f *testing.F) {
	f.Add([]byte{0xff, 0xd8, 0xff, 0xe1, 0, 4, 'a', 'b', 0xff, 0xda, 0, 2, 1})
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x00tEXt\x00\x00\x00\x00"))
	f.Add([]byte("RIFF\x0e\x00\x00\x00WEBPEXIF\x02\x00\x00\x00ab"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, ok := Strip(data)
		if !ok {
			return
		}
		again, ok := Strip(out)
		if !ok || !bytes.Equal(again, out) {
			t.Fatalf("stripping twice differs: %q then %q (ok %v)", out, again, ok)
		}
	})
}
