package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markup"
	"github.com/careguide/careguide/internal/picture"
	"github.com/careguide/careguide/internal/site"
)

// Pictures: the images of content/, processed by the build's images stage
// (site.Site.Pictures), are shown as <picture> elements wherever a page
// shows one: a step's, a piece of gear's or an idea's image, a guide's
// cover, and the images of a Markdown body. A page that shows an image
// records it (InImage), so a changed image makes again exactly the pages
// that show it.

// img is the image published at url, as markup shows it, or nil for a
// URL that is no processed image of the site.
func (sc *scope) img(url string) *markup.Img {
	s := sc.run.site
	p, ok := strings.CutPrefix(url, s.Config.BasePath())
	if !ok {
		return nil
	}
	pic := s.Pictures[p]
	if pic == nil {
		return nil
	}
	sc.read(InImage, p)
	return imgOf(pic, s.Config.BasePath())
}

// imgOf is pic as markup shows it, on a site under base.
func imgOf(pic *site.Picture, base string) *markup.Img {
	img := &markup.Img{Width: pic.Width, Height: pic.Height, Color: pic.Color, Src: base + pic.Path}
	if len(pic.Files) == 0 { // an SVG: the file itself
		return img
	}
	var webp, fallback []string
	widest := -1
	for i, v := range pic.Variants {
		entry := base + pic.Files[i] + " " + strconv.Itoa(v.Width) + "w"
		if v.Format == "webp" {
			webp = append(webp, entry)
			continue
		}
		fallback = append(fallback, entry)
		if widest < 0 || v.Width > pic.Variants[widest].Width {
			widest = i
		}
	}
	img.WebP, img.Fallback = strings.Join(webp, ", "), strings.Join(fallback, ", ")
	if widest >= 0 {
		img.Src = base + pic.Files[widest]
	}
	return img
}

// Cover is the guide's cover image as a <figure>, with its caption and
// credit, loaded first: it is the top of the page. Empty without one.
func (v *Page) Cover() template.HTML {
	img := v.coverImg()
	if img == nil {
		return ""
	}
	c := &v.source.Image
	return markup.Cover(img, c.Alt.Text, c.Caption.HTML, c.Credit)
}

// coverImg is the guide's cover as markup shows it (an SVG's, or one the
// site did not process, as its plain URL), or nil without one.
func (v *Page) coverImg() *markup.Img {
	url := v.source.Image.URL
	if url == "" {
		return nil
	}
	if img := v.scope.img(url); img != nil {
		return img
	}
	return &markup.Img{Src: url}
}

// Thumb is the guide's cover as a card shows it: small, lazy, and with
// empty alt text, since the card's link names the guide and a screen
// reader need not hear about the picture twice. Empty without a cover.
func (v *Page) Thumb() template.HTML {
	img := v.coverImg()
	if img == nil {
		return ""
	}
	return markup.Picture(img, "", markup.SizesCard, false)
}

// bodyPictures turns the plain <img> tags of a Markdown body into
// <picture> elements for the images the site processed.
func (sc *scope) bodyPictures(body template.HTML, hasImages bool) template.HTML {
	if !hasImages || !strings.Contains(string(body), "<img ") {
		return body
	}
	return markup.ReplaceImages(body, sc.img)
}

// hasImages reports whether a page's links include an image, which its
// body may show.
func hasImages(links []content.Link) bool {
	for _, l := range links {
		if l.Image {
			return true
		}
	}
	return false
}

// shareWidth is the width of the cover variant a link preview shows:
// large enough for a wide card, as Open Graph asks (1200 px).
const shareWidth = 1200

// shareImage is the full URL of the page's cover for link previews
// (og:image) and its JSON-LD: the widest fallback variant no wider than
// shareWidth, or the narrowest. "" for a page without a cover.
func (sc *scope) shareImage(p *site.Page) string {
	s := sc.run.site
	if p == nil || p.Image.URL == "" {
		return ""
	}
	path, _ := strings.CutPrefix(p.Image.URL, s.Config.BasePath())
	pic := s.Pictures[path]
	if pic == nil {
		return s.Config.AbsURL(p.Image.URL) // an SVG, as it is
	}
	sc.read(InImage, path)
	best := -1
	for i, v := range pic.Variants { // each format narrowest first
		if v.Format == pic.Fallback() && (best < 0 || v.Width <= shareWidth) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return s.Config.AbsURL(s.Config.BasePath() + pic.Files[best])
}

// bytes returns a variant's bytes, read back from the image cache when
// they are not in memory; a failure is the output's error.
func (sc *scope) bytes(v picture.Variant) []byte {
	b, err := v.Bytes()
	if err != nil {
		sc.err = err
	}
	return b
}
