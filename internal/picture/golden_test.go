package picture

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gen2brain/webp"
)

var update = flag.Bool("update", false, "rewrite testdata/variants.sha256")

// The output bytes are pinned. The cache serves old entries for the same
// source and settings, so a change that alters them must bump version in
// encode.go; this test is the reminder. Refresh with go test -update after
// bumping, and review the diff.
func TestOutputPinned(t *testing.T) {
	if webp.Dynamic() == nil {
		t.Skip("a system libwebp encodes WebP here; the pinned bytes are the WebAssembly build's")
	}
	photo := testJPEG(900, 600, 17)
	photo = withJPEGSegment(photo, 0xe1, append([]byte("Exif\x00\x00"), exifWithGPS(6)...))
	photo = withJPEGSegment(photo, 0xe2, append([]byte("ICC_PROFILE\x00\x01\x01"), displayP3Profile()...))
	pic, err := New(Options{Widths: []int{200, 400}}).Process("pinned.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	fmt.Fprintf(&got, "version %s; %dx%d %s\n", version, pic.Width, pic.Height, pic.Color)
	for _, v := range pic.Variants {
		fmt.Fprintf(&got, "%s %dx%d %x\n", v.Format, v.Width, v.Height, sha256.Sum256(v.Data))
	}
	file := filepath.Join("testdata", "variants.sha256")
	if *update {
		if err := os.WriteFile(file, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the output bytes changed:\n%s\nwant:\n%s\nIf that is meant, bump version in encode.go (or the cache serves old bytes as new), then go test -update.", got.Bytes(), want)
	}
}
