package site

import (
	"encoding/hex"
	"path"
	"strconv"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/picture"
)

// Picture is an image of content/ made ready to publish (package picture):
// the build's images stage fills Site.Pictures with them, by content path.
// An SVG has a size and no variants: it is published as it is.
type Picture struct {
	*picture.Picture
	Path string // content path of the source: "guides/harness-fit.jpg"
	// Files are where the Variants are published, in their order: the
	// source's name, the width and a hash of the bytes, so a changed image
	// gets new names and a host may cache each for a year.
	Files []string
}

// IsImage reports whether a content file is an image careguide processes
// (or, for SVG, checks and publishes as it is).
func IsImage(p string) bool {
	return content.IsPhoto(p) || IsSVG(p)
}

// IsSVG reports whether a content file is an SVG image.
func IsSVG(p string) bool { return strings.EqualFold(path.Ext(p), ".svg") }

// NewPicture names the published files of pic, made from the content file
// at p.
func NewPicture(p string, pic *picture.Picture) *Picture {
	stem := strings.TrimSuffix(p, path.Ext(p))
	files := make([]string, len(pic.Variants))
	for i, v := range pic.Variants {
		sum := v.Sum
		ext := v.Format
		if ext == "jpeg" {
			ext = "jpg"
		}
		files[i] = stem + "-" + strconv.Itoa(v.Width) + "w." + hex.EncodeToString(sum[:4]) + "." + ext
	}
	return &Picture{Picture: pic, Path: p, Files: files}
}

// Original is the index of the variant published under the source's own
// name too, so that a link to the file itself still works and carries no
// metadata: the widest of the source's own format, or else the widest
// fallback (an opaque PNG photo is published as JPEG; browsers tell an
// image's format by its bytes). -1 for an SVG, which has no variants.
func (p *Picture) Original() int {
	want := map[string]string{".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}[strings.ToLower(path.Ext(p.Path))]
	same, fallback := -1, -1
	for i, v := range p.Variants {
		if v.Format == want && (same < 0 || v.Width > p.Variants[same].Width) {
			same = i
		}
		if v.Format == p.Fallback() && (fallback < 0 || v.Width > p.Variants[fallback].Width) {
			fallback = i
		}
	}
	if same >= 0 {
		return same
	}
	return fallback
}
