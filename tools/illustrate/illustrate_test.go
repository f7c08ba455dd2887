package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// guidesDir is where the program writes by default, from this package's
// directory.
var guidesDir = filepath.Join("..", "..", "content", "guides")

// TestCommittedPicturesAreDrawn keeps the program the source of the
// pictures: a PNG edited by hand, or code changed without running the
// program, fails here.
func TestCommittedPicturesAreDrawn(t *testing.T) {
	for _, il := range illustrations {
		t.Run(il.file, func(t *testing.T) {
			got, err := il.png()
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(guidesDir, il.file))
			if err != nil {
				t.Fatalf("%v: run go run ./tools/illustrate from the repository's root", err)
			}
			if bytes.Equal(got, want) {
				return
			}
			worst, changed := compare(t, got, want)
			pixels := il.w * il.h
			// The committed pictures are drawn on amd64, like CI's. Where
			// the compiler fuses multiply-adds (arm64) a curve's edge may
			// come out a shade different; a hand edit is more than that.
			if runtime.GOARCH != "amd64" && worst <= 8 && changed < pixels/1000 {
				t.Skipf("%d pixels differ by at most %d levels on %s", changed, worst, runtime.GOARCH)
			}
			if changed == 0 {
				t.Fatalf("same pixels, different PNG bytes (a new Go's encoder?): run go run ./tools/illustrate and commit the result")
			}
			t.Fatalf("%d pixels differ from what the program draws, by up to %d levels: change the program, not the PNG, then run go run ./tools/illustrate", changed, worst)
		})
	}
}

// compare decodes two PNGs and says how many pixels differ and by how
// much at most, in any channel.
func compare(t *testing.T, a, b []byte) (worst, changed int) {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the committed file: %v", err)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("the committed file is %v, the program draws %v", ib.Bounds().Size(), ia.Bounds().Size())
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			d := channelDiff(ia, ib, x, y)
			if d > 0 {
				changed++
				worst = max(worst, d)
			}
		}
	}
	return worst, changed
}

func channelDiff(a, b image.Image, x, y int) int {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	d := 0
	for _, p := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		d = max(d, absDiff(int(p[0]>>8), int(p[1]>>8)))
	}
	return d
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// TestDrawingIsDeterministic: two drawings of each picture are the same
// pixels, so the committed files and the site built from them are
// reproducible.
func TestDrawingIsDeterministic(t *testing.T) {
	for _, il := range illustrations {
		if !bytes.Equal(il.picture().Pix, il.picture().Pix) {
			t.Errorf("%s: two drawings differ", il.file)
		}
	}
}

// TestPicturesAreUsedAndSized: every picture is shown by some guide, and
// has the size its kind needs (covers wide enough for the site's largest
// image width, 1600).
func TestPicturesAreUsedAndSized(t *testing.T) {
	guides, err := filepath.Glob(filepath.Join(guidesDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, g := range guides {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(data)
	}
	seen := map[string]bool{}
	for _, il := range illustrations {
		if seen[il.file] {
			t.Errorf("%s is in the list twice", il.file)
		}
		seen[il.file] = true
		if !strings.Contains(text.String(), il.file) {
			t.Errorf("%s: no guide shows it; use it or take it off the list", il.file)
		}
		cover := strings.HasSuffix(il.file, "-cover.png")
		if cover && (il.w != 1600 || il.h != 1000) || !cover && (il.w != 1200 || il.h != 800) {
			t.Errorf("%s is %dx%d; covers are 1600x1000 and step pictures 1200x800", il.file, il.w, il.h)
		}
	}
}

// TestRun writes into a directory, leaves an unchanged file alone and
// refuses a name it does not draw.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	name := illustrations[0].file
	if err := run(dir, name); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	old := time.Unix(1, 0)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, name); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("an unchanged picture was written again (%v)", err)
	}
	if err := run(dir, "no-such.png"); err == nil {
		t.Error("a name it does not draw was accepted")
	}
}
