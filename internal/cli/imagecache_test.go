package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The image cache: a second build makes no image, and a build prunes the
// images the site no longer uses.
func TestImageCache(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	for i := range m.Pix {
		m.Pix[i] = uint8(i * 7)
	}
	m.Set(0, 0, color.NRGBA{A: 255})
	var pic bytes.Buffer
	if err := png.Encode(&pic, m); err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, map[string]string{
		"site.yaml":           "title: T\n",
		"content/_index.md":   "---\ntitle: Home\n---\n![A test pattern](pattern.png)\n",
		"content/pattern.png": pic.String(),
	})
	cache := filepath.Join(t.TempDir(), "images")
	build := func() string {
		t.Helper()
		code, _, stderr := run(t, "build", "--site", dir, "--cache-dir", cache, "-v")
		if code != ExitOK {
			t.Fatalf("build: exit %d\n%s", code, stderr)
		}
		return stderr
	}
	entries := func() int {
		n := 0
		filepath.WalkDir(cache, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	if out := build(); !strings.Contains(out, "images: 1 made, 0 from the cache in "+cache) {
		t.Errorf("first build:\n%s", out)
	}
	if out := build(); !strings.Contains(out, "images: 0 made, 1 from the cache") {
		t.Errorf("second build:\n%s", out)
	}
	if n := entries(); n != 1 {
		t.Errorf("%d cache entries, want 1", n)
	}
	os.Remove(filepath.Join(dir, "content", "pattern.png"))
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\nNo picture.\n"), 0o644)
	build()
	if n := entries(); n != 0 {
		t.Errorf("%d cache entries after the image went, want 0 (pruned)", n)
	}
}
