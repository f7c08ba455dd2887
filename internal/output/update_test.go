package output

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestUpdateChangesFilesInPlace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, []File{{Path: "index.html", Data: []byte("home")},
		{Path: "guides/a/index.html", Data: []byte("a")}, {Path: "guides/b/index.html", Data: []byte("b")}}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, dir)
	err := Update(dir, []File{{Path: "index.html", Data: []byte("home 2")}, {Path: "new/index.html", Data: []byte("new")}},
		[]string{"guides/b/index.html"})
	if err != nil {
		t.Fatal(err)
	}
	want["index.html"] = "f -rw-r--r-- home 2"
	want["new"] = want["guides"]
	want["new/index.html"] = "f -rw-r--r-- new"
	delete(want, "guides/b/index.html")
	delete(want, "guides/b") // left empty
	assertSame(t, snapshot(t, dir), want)
	if left := beside(t, dir); len(left) != 0 {
		t.Errorf("update left %v beside the output", left)
	}
}

func TestUpdateRefusesDirsCareguideDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes.txt": "mine"})
	err := Update(dir, []File{{Path: "notes.txt", Data: []byte("overwritten")}}, nil)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("Update of a dir without the marker: %v, want ErrRefused", err)
	}
	assertSame(t, snapshot(t, dir), map[string]string{"notes.txt": "f -rw-r--r-- mine"})
	for _, bad := range []string{"../escape", "/abs", "a/../../b"} {
		Write(filepath.Join(dir, "out"), nil, Options{})
		if err := Update(filepath.Join(dir, "out"), []File{{Path: bad, Data: []byte("x")}}, nil); err == nil {
			t.Errorf("Update accepted path %q", bad)
		}
		if err := Update(filepath.Join(dir, "out"), nil, []string{bad}); err == nil {
			t.Errorf("Update removed path %q", bad)
		}
	}
}
