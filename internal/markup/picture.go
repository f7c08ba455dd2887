package markup

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// Img is an image ready to show: its size, its placeholder colour and
// where its published files are. render makes one from a site.Picture.
type Img struct {
	Width, Height int
	Color         string // the average colour, shown until the image loads; "" for none
	// Src is the plain src: the widest fallback (JPEG or PNG), or the file
	// itself for an SVG.
	Src string
	// WebP and Fallback are srcset values ("/a-480w.1f2e.webp 480w, ..."),
	// empty for an SVG.
	WebP, Fallback string
}

// Sizes tell the browser how wide an image shows, so it fetches the
// narrowest variant that is sharp: the theme's content column is at most
// 42rem (672 px) wide, and a card's image a third of that on wide screens.
const (
	SizesContent = "(min-width: 44rem) 42rem, 100vw"
	SizesCard    = "(min-width: 44rem) 14rem, 100vw"
)

// Picture is img as a <picture>: WebP first, the fallback for browsers
// without it, width and height on the <img> so nothing moves when it
// loads, and the average colour as the custom property --placeholder,
// which the default theme shows behind the image until it loads. An image
// out of view loads lazily; an eager one (a cover, at the top of its page)
// loads first.
func Picture(img *Img, alt, sizes string, eager bool) template.HTML {
	var w writer
	w.picture(img, alt, sizes, eager)
	return w.done()
}

func (w *writer) picture(img *Img, alt, sizes string, eager bool) {
	if img.WebP != "" {
		w.raw(`<picture><source type="image/webp" srcset="`)
		w.text(img.WebP)
		w.raw(`" sizes="`)
		w.text(sizes)
		w.raw(`">`)
	}
	w.raw(`<img src="`)
	w.url(img.Src)
	if img.Fallback != "" {
		w.raw(`" srcset="`)
		w.text(img.Fallback)
		w.raw(`" sizes="`)
		w.text(sizes)
	}
	w.raw(`" alt="`)
	w.text(alt)
	w.raw(`" width="` + strconv.Itoa(img.Width) + `" height="` + strconv.Itoa(img.Height) + `"`)
	if eager {
		w.raw(` fetchpriority="high"`)
	} else {
		w.raw(` loading="lazy" decoding="async"`)
	}
	if img.Color != "" { // a custom property: the theme decides how to show it
		w.raw(` style="--placeholder:`)
		w.text(img.Color)
		w.raw(`"`)
	}
	w.raw(`>`)
	if img.WebP != "" {
		w.raw(`</picture>`)
	}
}

// Cover is a guide's cover image as a <figure>: eager, since it is the top
// of its page, with its caption and credit under it.
func Cover(img *Img, alt string, caption template.HTML, credit string) template.HTML {
	var w writer
	w.raw(`<figure class="cover">`)
	w.picture(img, alt, SizesContent, true)
	if caption != "" || credit != "" {
		w.raw("<figcaption>")
		w.html(caption)
		if credit != "" {
			if caption != "" {
				w.raw(" ")
			}
			w.raw(`<span class="credit">`)
			w.text(credit)
			w.raw("</span>")
		}
		w.raw("</figcaption>")
	}
	w.raw("</figure>")
	return w.done()
}

// ReplaceImages rewrites each <img src="..." alt="..."> that Markdown
// rendered into a <picture> when pics knows its src; others, and any
// attributes besides a title, stay as they are. An image with a title
// alone in its paragraph, ![alt](x.jpg "caption"), becomes a <figure>
// with the title as its caption.
func ReplaceImages(body template.HTML, pics Pictures) template.HTML {
	src := string(body)
	var w writer
	changed := false
	for {
		i := strings.Index(src, `<img src="`)
		if i < 0 {
			break
		}
		tag, url, alt, title, ok := imgTag(src[i:])
		var img *Img
		if ok {
			img = pics(url)
		}
		switch {
		case !ok:
			w.raw(src[:i+1]) // past the '<', to look further on
			src = src[i+1:]
		case img == nil:
			w.raw(src[:i+len(tag)])
			src = src[i+len(tag):]
		case title != "" && strings.HasSuffix(src[:i], "<p>") && strings.HasPrefix(src[i+len(tag):], "</p>"):
			// A titled image alone in its paragraph is a figure, and its
			// title the caption (the title stays HTML-escaped as written).
			w.raw(src[:i-len("<p>")])
			w.raw("<figure>")
			w.picture(img, alt, SizesContent, false)
			w.raw("<figcaption>" + title + "</figcaption></figure>")
			src = src[i+len(tag)+len("</p>"):]
			changed = true
		default:
			w.raw(src[:i])
			w.picture(img, alt, SizesContent, false)
			src = src[i+len(tag):]
			changed = true
		}
	}
	if !changed {
		return body
	}
	w.raw(src)
	return w.done()
}

// imgTag reads the <img> tag at the start of s as goldmark writes it:
// src, then alt, then perhaps a title. It returns the tag, the URL and the
// alt text unescaped, and the title as written (escaped); ok is false for
// any other shape, which stays as it is.
func imgTag(s string) (tag, url, alt, title string, ok bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", "", "", "", false
	}
	tag = s[:end+1]
	rest, found := strings.CutPrefix(tag, `<img src="`)
	url, rest, found2 := strings.Cut(rest, `"`)
	rest, found3 := strings.CutPrefix(rest, ` alt="`)
	alt, rest, found4 := strings.Cut(rest, `"`)
	if !found || !found2 || !found3 || !found4 {
		return "", "", "", "", false
	}
	rest = strings.TrimSuffix(strings.TrimSuffix(rest, ">"), " /")
	if rest != "" {
		t, found := strings.CutPrefix(rest, ` title="`)
		title, found2 = strings.CutSuffix(t, `"`)
		if !found || !found2 || strings.Contains(title, `"`) {
			return "", "", "", "", false
		}
	}
	return tag, html.UnescapeString(url), html.UnescapeString(alt), title, true
}
