package render

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/sitefs"
)

// A theme's images are published as they are, less what a camera wrote
// into them: a logo photographed at home does not say where home is.
func TestThemeImagesLoseTheirMetadata(t *testing.T) {
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, image.NewGray(image.Rect(0, 0, 40, 30)), nil); err != nil {
		t.Fatal(err)
	}
	exif := append([]byte("Exif\x00\x00GPS 51.5N 0.12W taken at 12 Acacia Avenue"), make([]byte, 16)...)
	seg := []byte{0xff, 0xe1, byte((len(exif) + 2) >> 8), byte(len(exif) + 2)}
	tagged := append(append(append([]byte{}, photo.Bytes()[:2]...), seg...), exif...)
	tagged = append(tagged, photo.Bytes()[2:]...)
	site := fstest.MapFS{"assets/images/bad.png": {Data: []byte("not a png")}}
	if _, diags := LoadTheme(sitefs.Overlay(site, careguide.Default)); !strings.Contains(diags.Error(),
		"assets/images/bad.png is not a JPEG, PNG or WebP file careguide can read") {
		t.Errorf("a broken image is not an error: %v", diags)
	}
	site = fstest.MapFS{"assets/images/logo.jpg": {Data: tagged}}
	th, diags := LoadTheme(sitefs.Overlay(site, careguide.Default))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, a := range th.Assets {
		if a.Path == "assets/images/logo.jpg" {
			if bytes.Contains(a.Data, []byte("Acacia")) || !bytes.Equal(a.Data, photo.Bytes()) {
				t.Errorf("logo.jpg is published with its EXIF (%d bytes, %d without)", len(a.Data), photo.Len())
			}
			return
		}
	}
	t.Error("assets/images/logo.jpg is not published")
}
