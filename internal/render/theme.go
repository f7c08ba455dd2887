// Package render turns a linked site into files: HTML pages from the theme's
// html/template files, plus the sitemap, the Atom feed, robots.txt and the
// theme's assets with fingerprinted names.
//
// Input: a *site.Site and a Theme loaded from templates/ and assets/ of an
// fs.FS (the site dir layered over the embedded default theme). Output: a
// list of Files sorted by path, and diagnostics for template errors at the
// template's file and line. Rendering a page reads the Site and nothing
// else, so pages render in parallel.
//
// Templates see the site through views (view.go) that record, while each
// output is made, what it read (deps.go); a Record keeps that between
// builds, so that a rebuild makes again exactly the outputs whose inputs
// changed. The parts of a guide, and other markup that follows from data
// alone, come ready-made from package markup.
//
// The one thing to know before changing it: the templates are the public
// interface of this package; every field and method of the views is
// documented in docs/templates.md, so rename nothing without changing the
// docs, and hand templates nothing of the site except through a view that
// records it, or rebuilds will miss what they show.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/picture"
	"html/template"
)

// Layouts are the page templates a theme must have, one per kind of page.
var Layouts = []string{"home", "section", "guide", "page", "taxonomy", "term", "enrichment", "gear", "search", "404"}

// Theme is a parsed set of templates and the assets that go with them.
type Theme struct {
	layouts  map[string]*template.Template
	Assets   []File            // published under assets/, CSS and JS fingerprinted
	assetURL map[string]string // "css/main.css" -> "assets/css/main.3f2a1b9c.css" (no base path)
	// files says, for each layout, which file defines each of its
	// templates: a layout may define a partial of its own, and its cached
	// renderings are then its own too.
	files map[string]map[string]string
	// fingerprinted are the output paths of the assets named by their
	// content, for cache rules (package publish).
	fingerprinted []string
	minify        func(p string, data []byte) ([]byte, error)
	shared        map[string]bool // assets the images stage publishes
}

// ThemeOption changes how LoadTheme reads a theme.
type ThemeOption func(*Theme)

// WithAssetMinifier has LoadTheme pass every asset through fn before it
// is fingerprinted (build --minify), so that a fingerprint names the bytes
// published. When fn fails, the asset is published as read and LoadTheme
// warns.
func WithAssetMinifier(fn func(p string, data []byte) ([]byte, error)) ThemeOption {
	return func(th *Theme) { th.minify = fn }
}

// WithSharedImages leaves the site's shared images (content.SharedImages;
// shared holds their paths, "assets/images/x.jpg") to the build, which
// publishes them processed, at the same paths, as the images of content/
// are. Templates still find them with Asset.
func WithSharedImages(shared map[string]bool) ThemeOption {
	return func(th *Theme) { th.shared = shared }
}

// Fingerprinted returns the output paths of the assets whose names change
// with their content ("assets/css/main.3f2a1b9c.css"), which a browser may
// therefore cache for good.
func (th *Theme) Fingerprinted() []string { return th.fingerprinted }

// LoadTheme parses templates/*.html and templates/partials/*.html and reads
// assets/ from fsys. Every layout shares base.html and the partials.
func LoadTheme(fsys fs.FS, opts ...ThemeOption) (*Theme, diag.List) {
	th := &Theme{layouts: map[string]*template.Template{}, assetURL: map[string]string{}, files: map[string]map[string]string{}}
	for _, o := range opts {
		o(th)
	}
	warnings, d := th.loadAssets(fsys)
	if d != nil {
		return nil, d
	}
	shared := template.New("").Funcs(funcs)
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	for _, name := range append([]string{"templates/base.html"}, partials...) {
		if d := th.parseFile(fsys, shared, name); d != nil {
			return nil, diag.List{*d}
		}
	}
	var diags diag.List
	for _, layout := range Layouts {
		t, err := shared.Clone()
		if err != nil {
			return nil, diag.List{templateError("templates/base.html", err)}
		}
		if d := th.parseFile(fsys, t, "templates/"+layout+".html"); d != nil {
			diags = append(diags, *d)
			continue
		}
		th.layouts[layout] = t
		th.files[layout] = map[string]string{}
		for _, d := range t.Templates() {
			if d.Tree != nil {
				th.files[layout][d.Name()] = d.Tree.ParseName
			}
		}
	}
	return th, append(warnings, diags...)
}

// definedIn is the file that defines the named template for a layout.
func (th *Theme) definedIn(layout, name string) string { return th.files[layout][name] }

func (th *Theme) parseFile(fsys fs.FS, t *template.Template, name string) *diag.Diagnostic {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		d := diag.Errorf(name, 0, 0, diag.CodeTemplate, "the default theme has this file; restore it or remove your copy", "cannot read template: %v", err)
		return &d
	}
	if _, err := t.New(path.Base(name)).Parse(string(data)); err != nil {
		d := templateError(name, err)
		return &d
	}
	return nil
}

var templateLine = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a diagnostic at the
// template's file and line; html/template names files by base name.
func templateError(file string, err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{File: file, Code: diag.CodeTemplate, Message: msg,
		Hint: "see docs/templates.md for the values templates can use"}
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		d.Line, _ = strconv.Atoi(m[2])
		d.Column, _ = strconv.Atoi(m[3])
		d.Message = m[4]
		if m[1] != path.Base(file) {
			d.File = "templates/" + m[1]
			if strings.Count(m[1], "/") == 0 && !isLayout(m[1]) && m[1] != "base.html" {
				d.File = "templates/partials/" + m[1]
			}
		}
	}
	return d
}

func isLayout(name string) bool {
	for _, l := range Layouts {
		if l+".html" == name {
			return true
		}
	}
	return false
}

// loadAssets reads assets/, giving CSS and JS files names that change with
// their content, so browsers can cache them forever, and taking the
// metadata (EXIF, GPS, XMP) out of JPEG, PNG and WebP images. It returns
// the transform's warnings, and the errors of reading assets/.
func (th *Theme) loadAssets(fsys fs.FS) (warnings, errs diag.List) {
	var unreadable diag.List
	errs = walkFiles(fsys, "assets", func(p string, data []byte) {
		if th.shared[p] {
			th.assetURL[strings.TrimPrefix(p, "assets/")] = p
			return
		}
		switch strings.ToLower(path.Ext(p)) {
		case ".jpg", ".jpeg", ".png", ".webp": // published as they are, but never with where they were taken
			clean, ok := picture.Strip(data)
			if !ok {
				unreadable = append(unreadable, diag.Errorf(p, 0, 0, diag.CodeImage, "save or export it again as JPEG, PNG or WebP",
					"%s is not a JPEG, PNG or WebP file careguide can read", p))
				return
			}
			data = clean
		}
		if th.minify != nil {
			out, err := th.minify(p, data)
			if err != nil {
				warnings = append(warnings, diag.Diagnostic{File: p, Severity: diag.Warning, Code: diag.CodeMinify,
					Message: fmt.Sprintf("cannot minify this file, so it is published as it is: %v", err)})
			} else {
				data = out
			}
		}
		out := p
		if ext := path.Ext(p); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
			th.fingerprinted = append(th.fingerprinted, out)
		}
		th.assetURL[strings.TrimPrefix(p, "assets/")] = out
		th.Assets = append(th.Assets, File{Path: out, Data: data})
	})
	return warnings, append(errs, unreadable...)
}

func walkFiles(fsys fs.FS, dir string, fn func(p string, data []byte)) diag.List {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fn(p, data)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return diag.List{diag.Errorf(dir, 0, 0, diag.CodeRead, "", "cannot read %s: %v", dir, err)}
	}
	return nil
}

// asset returns the published path of an asset, for templates.
func (th *Theme) asset(name string) (string, error) {
	p, ok := th.assetURL[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return p, nil
}
