package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/render"
)

// photo is a PNG of w x h with gradients and noise, as an image a
// contributor adds; seed changes its pixels.
func photo(t testing.TB, w, h int, seed uint8) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8((x*7 + y*13 + int(seed)*31) % 23)
			m.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120 + n + seed, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func imageSite(t testing.TB) fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":                {Data: []byte("title: Pictures\nbase_url: https://example.org/care/\n")},
		"content/_index.md":        {Data: []byte("---\ntitle: Home\n---\n[A](guides/a.md), [B](guides/b.md) and [the photo itself](/guides/step.png).\n")},
		"content/guides/_index.md": {Data: []byte("---\ntitle: Guides\n---\n")},
		"content/guides/a.md": {Data: []byte("---\ntitle: A\ndescription: With pictures.\nupdated: 2026-11-20\n" +
			"image:\n  src: cover.png\n  alt: A cat in a harness\n  caption: Two fingers under the strap.\n  credit: Our shelter\n" +
			"steps:\n  - title: Look\n    body: Look at how the harness sits on the shoulders.\n    image: step.png\n    alt: The harness on a cat's shoulders\n" +
			"---\nThe fit: ![Two fingers under a strap](step.png \"A snug fit\")\n")},
		"content/guides/b.md":      {Data: []byte("---\ntitle: B\ndescription: No pictures.\n---\nText only.\n")},
		"content/guides/cover.png": {Data: photo(t, 1000, 625, 1)},
		"content/guides/step.png":  {Data: photo(t, 900, 600, 2)},
	}
}

// Images are published as WebP and JPEG ladders no wider than the source,
// under names that change with their bytes; pages show them as <picture>
// with their size; the source's own name serves the widest fallback.
func TestImagesArePublishedAsPictures(t *testing.T) {
	r := Build(imageSite(t), careguide.Default, Options{})
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	files := byPath(r.Files)
	variant := regexp.MustCompile(`^guides/step-(\d+)w\.[0-9a-f]{8}\.(webp|jpg)$`)
	formats := map[string]int{}
	for p := range files {
		if m := variant.FindStringSubmatch(p); m != nil {
			formats[m[2]]++
			if m[1] == "1200" || m[1] == "1600" {
				t.Errorf("%s is wider than its 900 px source", p)
			}
		}
	}
	if formats["webp"] < 2 || formats["webp"] != formats["jpg"] {
		t.Errorf("step.png variants: %v, want a WebP and a JPEG of each width, two widths or more", formats)
	}
	if orig := files["guides/step.png"]; len(orig) == 0 {
		t.Error("guides/step.png, which the home page links to, is not published")
	} else if cfg, _, err := image.DecodeConfig(bytes.NewReader(orig)); err != nil || cfg.Width > 900 {
		t.Errorf("guides/step.png: %v, %d px wide", err, cfg.Width)
	}
	page := string(files["guides/a/index.html"])
	for _, want := range []string{
		`<figure class="cover"><picture><source type="image/webp" srcset="/care/guides/cover-480w.`,
		`alt="A cat in a harness" width="1000" height="625" fetchpriority="high" style="--placeholder:#`,
		`<figcaption>Two fingers under the strap. <span class="credit">Our shelter</span></figcaption></figure>`,
		`alt="The harness on a cat&#39;s shoulders" width="900" height="600" loading="lazy" decoding="async"`,
		`alt="Two fingers under a strap" width="900" height="600" loading="lazy"`, // the body's image
		// Link previews and search engines get the cover as a full URL.
		`<meta property="og:image" content="https://example.org/care/guides/cover-1000w.`, // the widest up to 1200 px
		`<meta name="twitter:card" content="summary_large_image">`,
		`"dateModified":`, // the JSON-LD is there, with its image below
		`"image":"https://example.org/care/guides/cover-1000w.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("guides/a/index.html lacks %s", want)
		}
	}
	if n := strings.Count(page, "<picture>"); n != 3 {
		t.Errorf("guides/a/index.html has %d <picture>, want 3 (cover, step, body)", n)
	}
	if strings.Contains(page, `src="/care/guides/step.png"`) {
		t.Error("a page still shows the source file itself")
	}
}

// A changed image makes again exactly the pages that show it, and its
// files get new names; the old ones are removed.
func TestChangedImageRebuildsItsPages(t *testing.T) {
	fsys := imageSite(t)
	b := New(fsys, careguide.Default, Options{})
	if r := b.Build(); !r.OK() {
		t.Fatal(r.Diags)
	}
	fsys["content/guides/step.png"] = &fstest.MapFile{Data: photo(t, 900, 600, 3)}
	r := b.Rebuild([]string{"content/guides/step.png"})
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	if r.Rendered != 1 || !slices.Contains(r.Changed, "guides/a/index.html") || slices.Contains(r.Changed, "guides/b/index.html") {
		t.Errorf("rendered %d pages, changed %v; want guides/a/ alone", r.Rendered, r.Changed)
	}
	if !slices.ContainsFunc(r.Removed, func(p string) bool { return strings.HasPrefix(p, "guides/step-480w.") }) {
		t.Errorf("the old variants are not removed: %v", r.Removed)
	}
	full := Build(fsys, careguide.Default, Options{})
	if got, want := byPath(r.Files)["guides/a/index.html"], byPath(full.Files)["guides/a/index.html"]; !bytes.Equal(got, want) {
		t.Error("the rebuilt page differs from a full build's")
	}
}

// A file that is no image, or too big to decode safely, is an error at
// the file, and nothing is written.
func TestBadImages(t *testing.T) {
	fsys := imageSite(t)
	fsys["content/guides/step.png"] = &fstest.MapFile{Data: []byte("not a png")}
	fsys["content/guides/evil.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`)}
	r := Build(fsys, careguide.Default, Options{})
	got := r.Diags.Error()
	for _, want := range []string{"content/guides/step.png: ", "content/guides/evil.svg: ",
		"content/guides/a.md:13:12: image guides/step.png cannot be published\n\thint: see the error at content/guides/step.png"} {
		if !strings.Contains(got, want) {
			t.Errorf("no error for %s in:\n%s", want, got)
		}
	}
	if r.OK() || len(r.Files) != 0 {
		t.Errorf("a build with bad images wrote %d files", len(r.Files))
	}
}

// A missing image gets the file it likely meant, a name in other case
// first: it works on a laptop that ignores case, and breaks once published.
func TestMissingImageHints(t *testing.T) {
	fsys := imageSite(t)
	a := string(fsys["content/guides/a.md"].Data)
	a = strings.Replace(a, "image: step.png", "image: Step.PNG", 1)
	a = strings.Replace(a, "](step.png", "](stepp.png", 1)
	fsys["content/guides/a.md"] = &fstest.MapFile{Data: []byte(a)}
	got := Build(fsys, careguide.Default, Options{}).Diags.Error()
	for _, want := range []string{
		"image guides/Step.PNG does not exist\n\thint: the file is guides/step.png: names are case-sensitive once published",
		"image guides/stepp.png does not exist\n\thint: did you mean \"guides/step.png\"?",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// The site's assets/images/ holds images any page shows by their site
// path: processed as the images of content/ are, published at their own
// paths, found by templates with Asset, and a change to one makes again
// the pages that show it, as a full build would.
func TestSharedImages(t *testing.T) {
	fsys := imageSite(t)
	fsys["assets/images/paws.png"] = &fstest.MapFile{Data: photo(t, 1400, 700, 4)}
	fsys["content/guides/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\ndescription: A shared picture.\n" +
		"image:\n  src: /assets/images/paws.png\n  alt: Paw prints on a mat\n---\nAgain: ![Paw prints](/assets/images/paws.png).\n")}
	fsys["templates/partials/footer.html"] = &fstest.MapFile{Data: []byte(`{{define "footer"}}<footer><img src="{{$.Asset "images/paws.png"}}" alt=""></footer>{{end}}`)}
	b := New(fsys, careguide.Default, Options{})
	r := b.Build()
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	files := byPath(r.Files)
	page := string(files["guides/b/index.html"])
	for _, want := range []string{
		`<figure class="cover"><picture><source type="image/webp" srcset="/care/assets/images/paws-480w.`,
		`alt="Paw prints" width="1400" height="700" loading="lazy"`,
		`<img src="/care/assets/images/paws.png" alt="">`, // the footer's, from Asset
	} {
		if !strings.Contains(page, want) {
			t.Errorf("guides/b/index.html lacks %s", want)
		}
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(files["assets/images/paws.png"])); err != nil || cfg.Width != 1400 {
		t.Errorf("assets/images/paws.png is published %d px wide (%v), want its widest variant, 1400", cfg.Width, err)
	}
	if n := slices.IndexFunc(r.Files, func(f render.File) bool { return f.Path == "assets/images/paws.png" }); n < 0 ||
		slices.ContainsFunc(r.Files[n+1:], func(f render.File) bool { return f.Path == "assets/images/paws.png" }) {
		t.Error("assets/images/paws.png is not published once")
	}

	fsys["assets/images/paws.png"] = &fstest.MapFile{Data: photo(t, 1400, 700, 5)}
	r = b.Rebuild([]string{"assets/images/paws.png"})
	if !r.OK() {
		t.Fatal(r.Diags)
	}
	if !slices.Contains(r.Changed, "guides/b/index.html") || slices.Contains(r.Changed, "guides/a/index.html") {
		t.Errorf("changed %v; want guides/b/ and not guides/a/", r.Changed)
	}
	full := Build(fsys, careguide.Default, Options{})
	if got, want := byPath(r.Files)["guides/b/index.html"], byPath(full.Files)["guides/b/index.html"]; !bytes.Equal(got, want) {
		t.Error("the rebuilt page differs from a full build's")
	}

	delete(fsys, "assets/images/paws.png")
	r = b.Rebuild([]string{"assets/images/paws.png"})
	if r.OK() || !strings.Contains(r.Diags.Error(), "content/guides/b.md:5:8: image /assets/images/paws.png, which the site does not have") ||
		!strings.Contains(r.Diags.Error(), "content/guides/b.md:8:8: image /assets/images/paws.png") {
		t.Errorf("a shared image removed while a page shows it: %s", r.Diags)
	}
}

// A file of content/assets/images/ would be published where the shared
// image of the same name is: an error, not a silent choice.
func TestSharedImageClash(t *testing.T) {
	fsys := imageSite(t)
	fsys["assets/images/paws.png"] = &fstest.MapFile{Data: photo(t, 600, 300, 4)}
	fsys["content/assets/images/paws.png"] = &fstest.MapFile{Data: photo(t, 600, 300, 5)}
	r := Build(fsys, careguide.Default, Options{})
	want := "content/assets/images/paws.png: content/assets/images/paws.png and assets/images/paws.png are both published at /assets/images/paws.png"
	if r.OK() || !strings.Contains(r.Diags.Error(), want) {
		t.Errorf("got %s\nwant %s", r.Diags, want)
	}
}
