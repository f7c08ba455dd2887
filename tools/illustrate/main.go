// Command illustrate draws the illustrations of the default site's guides:
// simple flat pictures of cats and their gear, each showing what its guide
// advises. A ginger cat in an H-style harness explores a fenced backyard
// on a slack leash; a tape measure goes round a cat's chest and two
// fingers slide under a strap (the harness guide's steps); the gear laid
// out; a breakaway collar with an ID tag; a cat in a plain box beside a
// puzzle feeder; a cat sitting for a treat; a wand toy put away in a
// cupboard; a carrier, harness and leash ready by the door.
//
// Every picture is our own work, drawn by this program: shapes written in
// Go (ellipses, rounded rectangles, Bézier curves and bands along them),
// rasterised with golang.org/x/image/vector and written as PNG, which
// keeps flat colour small and exact. Nothing is traced or taken from
// elsewhere.
//
// Input: nothing but this code. Output: one PNG per entry in
// illustrations, written beside the guides that show them (a guide refers
// to a picture by its file name). Run it from the repository's root:
//
//	go run ./tools/illustrate
//
// Flags:
//
//	-dir DIR    where to write the PNGs (default content/guides)
//	-only FILE  draw only this one, e.g. -only safe-play-cover.png
//
// The one thing to know before changing it: the PNGs in content/guides
// are this program's output, and its test fails when a committed picture
// is not exactly what the program draws. To change a picture, change the
// code, run the program and commit both. Drawing is deterministic: no
// randomness, no clock, no map order, and curves are flattened in a fixed
// number of steps. (The committed files are drawn on amd64, as CI is;
// see the test for what it allows elsewhere.)
//
// To add a picture: write a func(*canvas) in a scenes file, from the
// shapes of canvas.go, the cats of cat.go and the gear of gear.go; add it
// to illustrations; run the program; and refer to the new file from a
// guide's frontmatter with alt text that says what it shows. The test
// fails for a picture no guide uses.
//
// Covers are 1600x1000 so the site's widest image size has full detail;
// step pictures are 1200x800. Keep them readable at 480 pixels wide:
// large shapes, no text, no thin lines that carry meaning alone.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
)

// illustration is one picture and the file it is written to.
type illustration struct {
	file string
	w, h int
	bg   color.RGBA
	draw func(c *canvas)
}

// illustrations are every picture the default site uses, in the order of
// the guides that show them.
var illustrations = []illustration{
	{"leash-training-cover.png", 1600, 1000, sky, leashTrainingCover},
	{"choosing-a-harness-cover.png", 1600, 1000, rgb(0xEEDFC8), choosingHarnessCover},
	{"harness-measure-chest.png", 1200, 800, wall, harnessMeasureChest},
	{"harness-fit-two-fingers.png", 1200, 800, wall, harnessFitTwoFingers},
	{"collars-id-cover.png", 1600, 1000, sage, collarsCover},
	{"indoor-enrichment-cover.png", 1600, 1000, mint, enrichmentCover},
	{"teaching-tricks-cover.png", 1600, 1000, lavender, teachingTricksCover},
	{"safe-play-cover.png", 1600, 1000, lavender, safePlayCover},
	{"emergency-ready-cover.png", 1600, 1000, peach, emergencyCover},
}

func main() {
	dir := flag.String("dir", filepath.Join("content", "guides"), "where to write the PNGs")
	only := flag.String("only", "", "draw only the illustration with this file name")
	flag.Parse()
	if err := run(*dir, *only); err != nil {
		fmt.Fprintln(os.Stderr, "illustrate:", err)
		os.Exit(1)
	}
}

func run(dir, only string) error {
	drawn := 0
	for _, il := range illustrations {
		if only != "" && il.file != only {
			continue
		}
		data, err := il.png()
		if err != nil {
			return fmt.Errorf("%s: %w", il.file, err)
		}
		path := filepath.Join(dir, il.file)
		// An unchanged picture is not rewritten, so a running preview
		// server sees no change.
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			fmt.Printf("%s: unchanged, %d bytes\n", path, len(data))
		} else {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				return err
			}
			fmt.Printf("%s: wrote %d bytes\n", path, len(data))
		}
		drawn++
	}
	if drawn == 0 {
		return fmt.Errorf("no illustration is called %q", only)
	}
	return nil
}

// picture draws the illustration.
func (il illustration) picture() *image.RGBA {
	c := newCanvas(il.w, il.h, il.bg)
	il.draw(c)
	return c.img
}

// png draws the illustration and encodes it. The default compression
// makes files 3% larger than the best, in a fifth of the time.
func (il illustration) png() ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, il.picture()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
