package content

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"
	"testing/fstest"
)

// Load keeps a photo's sha256, not its bytes; ReadFile reads them back
// when the images stage needs them, and refuses bytes that changed since.
func TestPhotosAreReadWhenNeeded(t *testing.T) {
	photo := []byte("\xff\xd8\xff pretend JPEG bytes")
	fsys := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: Home\n---\n")},
		"content/guides/harness.JPG": {Data: photo},
		"content/guides/notes.txt":   {Data: []byte("kept as it is")},
	}
	c, diags := Load(fsys, testOptions())
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files := map[string]File{}
	for _, f := range c.Files {
		files[f.Path] = f
	}
	jpg, txt := files["guides/harness.JPG"], files["guides/notes.txt"]
	if jpg.Data != nil || jpg.Sum != sha256.Sum256(photo) {
		t.Errorf("photo loaded as Data %q, Sum %x; want no bytes and their sha256", jpg.Data, jpg.Sum)
	}
	if string(txt.Data) != "kept as it is" || txt.Sum != [32]byte{} {
		t.Errorf("other file loaded as %q, %x", txt.Data, txt.Sum)
	}
	if b, err := jpg.ReadFile(fsys); err != nil || !bytes.Equal(b, photo) {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	fsys["content/guides/harness.JPG"] = &fstest.MapFile{Data: []byte("another photo")}
	if _, err := jpg.ReadFile(fsys); err == nil || !strings.Contains(err.Error(), "content/guides/harness.JPG changed during the build") {
		t.Errorf("a photo changed since it was loaded: %v", err)
	}
}
