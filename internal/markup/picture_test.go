package markup

import (
	"html/template"
	"strings"
	"testing"
)

func TestReplaceImages(t *testing.T) {
	img := &Img{Width: 900, Height: 600, Color: "#a1b2c3", Src: "/g/x-800w.1.jpg",
		WebP: "/g/x-480w.2.webp 480w, /g/x-800w.3.webp 800w", Fallback: "/g/x-480w.4.jpg 480w, /g/x-800w.1.jpg 800w"}
	pics := func(url string) *Img {
		if url == "/g/x.jpg" {
			return img
		}
		return nil
	}
	picture := `<picture><source type="image/webp" srcset="/g/x-480w.2.webp 480w, /g/x-800w.3.webp 800w" sizes="` + SizesContent +
		`"><img src="/g/x-800w.1.jpg" srcset="/g/x-480w.4.jpg 480w, /g/x-800w.1.jpg 800w" sizes="` + SizesContent +
		`" alt="A &lt;b&gt; cat" width="900" height="600" loading="lazy" decoding="async" style="--placeholder:#a1b2c3"></picture>`
	tests := []struct{ body, want string }{
		{`<p>See <img src="/g/x.jpg" alt="A &lt;b&gt; cat"> here.</p>`, `<p>See ` + picture + ` here.</p>`},
		{`<p><img src="/g/x.jpg" alt="A &lt;b&gt; cat" title="Two &amp; fingers"></p>`,
			`<figure>` + picture + `<figcaption>Two &amp; fingers</figcaption></figure>`},
		{`<p>In text: <img src="/g/x.jpg" alt="A &lt;b&gt; cat" title="t"></p>`, `<p>In text: ` + picture + `</p>`},
		{`<p><img src="/elsewhere.jpg" alt="x"></p>`, `<p><img src="/elsewhere.jpg" alt="x"></p>`},         // not the site's
		{`<p><img src="/g/x.jpg" class="y" alt="x"></p>`, `<p><img src="/g/x.jpg" class="y" alt="x"></p>`}, // not goldmark's shape
	}
	for _, tt := range tests {
		if got := string(ReplaceImages(template.HTML(tt.body), pics)); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.body, got, tt.want)
		}
	}
	if !strings.Contains(string(Picture(img, "a", SizesCard, true)), `fetchpriority="high" style=`) {
		t.Error("an eager picture is not fetched first")
	}
}
