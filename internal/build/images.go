package build

import (
	"bytes"
	"errors"
	"sync"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/picture"
	"github.com/careguide/careguide/internal/site"
)

// images processes the site's images (package picture) into
// Site.Pictures: every image on a first run, then only those whose bytes
// changed. Processing is the costly part of a photo-heavy build, so it
// runs on every core, within the memory bound of the Processor, and a
// cache dir (Options.CacheDir) makes the next build skip it.
func (b *Builder) images(r *Result, _ []string) bool {
	s := r.Site
	if s.Pictures != nil { // a body edit kept the linked site, and its pictures
		r.Diags = append(r.Diags, b.imageDiag...)
		return true
	}
	if b.proc == nil {
		b.proc = picture.New(picture.Options{CacheDir: b.opts.CacheDir})
	}
	before := b.proc.Stats()
	defer func() {
		after := b.proc.Stats()
		r.Images.Made, r.Images.Cached = after.Processed-before.Processed, after.Cached-before.Cached
		r.Images.CacheErr = after.CacheErr
	}()
	var files []*content.File
	for i := range s.Files {
		if site.IsImage(s.Files[i].Path) {
			files = append(files, &s.Files[i])
		}
	}
	made := make([]imageSource, len(files))
	diags := diag.Parallel(len(files), func(i int) diag.List {
		pic, d := b.picture(files[i], s.Config.UnsafeHTML)
		made[i] = imageSource{file: *files[i], pic: pic, diags: d}
		return d
	})
	s.Pictures = make(map[string]*site.Picture, len(files))
	kept := make(map[string]*imageSource, len(files))
	for i, f := range files {
		if made[i].pic != nil {
			s.Pictures[f.Path] = made[i].pic
		}
		kept[f.Path] = &made[i]
	}
	b.imageSources = nil
	if b.keep {
		b.imageSources = kept
	}
	if diags.HasErrors() {
		diags = append(diags, failedReferences(s, kept)...)
	}
	b.imageDiag = diags
	r.Diags = append(r.Diags, diags...)
	return true
}

// failedReferences reports, where each is shown, the images that could not
// be processed: the file's own error says why, and each place that shows
// it is where a contributor looks.
func failedReferences(s *site.Site, images map[string]*imageSource) diag.List {
	var diags diag.List
	for _, p := range s.Pages {
		for _, l := range p.Links {
			src := images[l.Target]
			if !l.Image || src == nil || !src.diags.HasErrors() {
				continue
			}
			diags = append(diags, diag.Errorf(content.Dir+"/"+p.Path, l.Line, l.Col, diag.CodeImage,
				"see the error at "+src.file.Name(), "image %s cannot be published", l.Target))
		}
	}
	return diags
}

// imageSource is what a Builder keeps of one image between runs: the
// file's bytes for an SVG, a photo's sha256, and what was made of it.
type imageSource struct {
	file  content.File
	pic   *site.Picture
	diags diag.List
}

// picture processes one image, or takes it from the last run when its
// bytes are the same.
func (b *Builder) picture(f *content.File, unsafeSVG bool) (*site.Picture, diag.List) {
	if old := b.imageSources[f.Path]; old != nil && old.file.Sum == f.Sum && sameBytes(old.file.Data, f.Data) {
		return old.pic, old.diags
	}
	file := f.Name()
	if site.IsSVG(f.Path) {
		w, h, err := picture.CheckSVG(f.Data, unsafeSVG)
		if err != nil {
			return nil, diag.List{imageError(file, err)}
		}
		return &site.Picture{Picture: &picture.Picture{Width: w, Height: h}, Path: f.Path}, nil
	}
	pic, err := b.process(f)
	if err != nil {
		return nil, diag.List{imageError(file, err)}
	}
	var diags diag.List
	for _, w := range pic.Warnings {
		diags = append(diags, diag.Diagnostic{File: file, Severity: diag.Warning, Code: diag.CodeImage, Message: w})
	}
	return site.NewPicture(f.Path, pic), diags
}

// sameBytes reports whether an SVG's bytes are the ones checked last time
// (a photo's are compared by their sha256). A file that was not read
// again holds the very same bytes, which costs nothing to see.
func sameBytes(old, now []byte) bool {
	if len(old) != len(now) {
		return false
	}
	return len(old) == 0 || &old[0] == &now[0] || bytes.Equal(old, now)
}

// process makes a Picture with the Builder's Processor, which reads the
// photo only if its cache does not have it; without a cache dir, a
// picture made once in this process is made once (tests and tools build
// the same images again and again).
func (b *Builder) process(f *content.File) (*picture.Picture, error) {
	read := func() ([]byte, error) { return f.ReadFile(b.siteFS) }
	if b.opts.CacheDir != "" {
		return b.proc.ProcessFile(f.Path, f.Sum, read)
	}
	if pic, ok := memo.Load(f.Sum); ok {
		return pic.(*picture.Picture), nil
	}
	pic, err := b.proc.ProcessFile(f.Path, f.Sum, read)
	if err == nil {
		memo.Store(f.Sum, pic)
	}
	return pic, err
}

// memo holds the pictures made without a cache dir, by the sha256 of the
// source's bytes, for the life of the process.
var memo sync.Map

func imageError(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Code: diag.CodeImage, Message: err.Error()}
	var pe *picture.Error
	if errors.As(err, &pe) {
		d.Message, d.Hint = pe.Msg, pe.Hint
	}
	return d
}
