package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// imagesJS scrolls through the page so every lazy image loads, waits for
// them, and reports what the browser saw: the layout shifts Chromium
// recorded since the page started, and each image's state.
const imagesJS = `(async () => {
  const shifts = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) shifts.push(e.value); })
    .observe({type: "layout-shift", buffered: true});
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(r => setTimeout(r, 30));
  }
  const imgs = [...document.images];
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)));
  return {
    shift: shifts.reduce((a, b) => a + b, 0),
    images: imgs.map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0,
      sized: i.hasAttribute("width") && i.hasAttribute("height"), inPicture: i.parentElement.tagName === "PICTURE"})),
  };
})()`

type imagesState struct {
	Shift  float64
	Images []struct {
		Src       string
		OK        bool
		Sized     bool
		InPicture bool
	}
}

// A guide with a cover and step images: every image loads from its WebP
// variant, each has its size, and nothing on the page moves while they
// load (Chromium records no layout shift).
func TestGuideImagesLoadWithoutLayoutShift(t *testing.T) {
	b := StartBrowser(t)
	srv := Serve(t, BuildSite(t))
	url := srv.URL + "/guides/choosing-a-harness/"
	tab := b.NewTab(t, "")
	var got imagesState
	// A slow network, so the page is laid out before its images arrive:
	// an image without a size would push the text down when it came.
	tab.Run(t, "load the images of "+url, network.Enable(),
		network.EmulateNetworkConditions(false, 150, 400*1024, 400*1024),
		chromedp.Navigate(url),
		chromedp.Evaluate(imagesJS, &got, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if len(got.Images) < 3 {
		t.Fatalf("%d images on %s, want the cover and two step images", len(got.Images), url)
	}
	for _, img := range got.Images {
		if !img.OK || !img.Sized || !img.InPicture || !strings.HasSuffix(img.Src, ".webp") {
			t.Errorf("image %+v: want loaded, sized, in a <picture>, from WebP", img)
		}
	}
	if got.Shift != 0 {
		t.Errorf("the page shifted by %.4f while its images loaded, want 0", got.Shift)
	}
	for _, p := range tab.Log.List() {
		t.Error(p)
	}
}
