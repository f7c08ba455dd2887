package content

import (
	"strings"
	"testing"
)

// Every way an internal URL can be written, on a guide of a site published
// under /care/: what is written out, and what the link stage is asked to
// check.
func TestLinksUnderBasePath(t *testing.T) {
	tests := []struct {
		dest, href string
		link       Link
	}{
		{"other.md", "/care/guides/other/", Link{Target: "guides/other.md", Page: true}},
		{"/about.md#team", "/care/about/#team", Link{Target: "about.md", Fragment: "team", Page: true}},
		{"#step-2", "#step-2", Link{Fragment: "step-2", Page: true}},
		{"/about/", "/care/about/", Link{Target: "about/", URL: true}},
		{"/", "/care/", Link{URL: true}},
		{"/search/?q=harness#results", "/care/search/?q=harness#results", Link{Target: "search/", Fragment: "results", URL: true}},
		{"/feed.xml", "/care/feed.xml", Link{Target: "feed.xml", URL: true}},
		{"/guides/../about/", "/care/about/", Link{Target: "about/", URL: true}},
		{"/images/cat.jpg", "/care/images/cat.jpg", Link{Target: "images/cat.jpg", URL: true}},
		{"../play/", "../play/", Link{Target: "guides/play/", URL: true}},               // as the browser reads it, from /care/guides/leash/
		{"../../../x/", "../../../x/", Link{Target: "../x/", URL: true}},                // above the root: matches nothing
		{"harness.jpg", "/care/guides/harness.jpg", Link{Target: "guides/harness.jpg"}}, // a file beside the source
		{"https://example.org/x", "https://example.org/x", Link{}},
		{"mailto:vet@example.org", "mailto:vet@example.org", Link{}},
		{"//cdn.example.org/x.js", "//cdn.example.org/x.js", Link{}},
	}
	l := linker{dir: "guides", urlDir: "guides/leash/", basePath: "/care/"}
	for _, tt := range tests {
		if got := l.ResolveLink(tt.dest); got != tt.href {
			t.Errorf("%s is written out as %q, want %q", tt.dest, got, tt.href)
		}
		got, internal := l.target(tt.dest)
		if internal != (tt.link != Link{}) || got != tt.link {
			t.Errorf("%s: link %+v (internal %v), want %+v", tt.dest, got, internal, tt.link)
		}
	}
}

// A page parsed under a base path rewrites its body's site paths, and a
// step image must be a file beside the guide, not a URL.
func TestParseUnderBasePath(t *testing.T) {
	opts := testOptions()
	opts.BasePath = "/care/"
	src := "---\ntitle: Home\n---\nSee [about](/about/) and [play](guides/play/).\n"
	p, diags := Parse("_index.md", []byte(src), opts)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if !strings.Contains(string(p.Body), `href="/care/about/"`) || !strings.Contains(string(p.Body), `href="guides/play/"`) {
		t.Errorf("body: %s", p.Body)
	}
	want := []Link{{Target: "about/", URL: true, Line: 4, Col: 5}, {Target: "guides/play/", URL: true, Line: 4, Col: 26}}
	if len(p.Links) != 2 || p.Links[0] != want[0] || p.Links[1] != want[1] {
		t.Errorf("links %+v, want %+v", p.Links, want)
	}
	// An image by its site path (a shared one, of assets/images/) gets the
	// base path, and the site stage checks it is there; a folder is no
	// image.
	guide := "---\ntitle: G\ndescription: d\nsteps:\n  - title: One\n    body: x\n    image: /assets/images/a.jpg\n    alt: a\n---\n"
	p, diags = Parse("guides/g.md", []byte(guide), opts)
	if len(diags) > 0 || p.Guide.Steps[0].ImageURL != "/care/assets/images/a.jpg" {
		t.Errorf("step image by its site path: %v, %q", diags, p.Guide.Steps[0].ImageURL)
	}
	guide = strings.Replace(guide, "/assets/images/a.jpg", "pics/", 1)
	if _, diags := Parse("guides/g.md", []byte(guide), opts); !strings.Contains(diags.Error(), "7:12: step image \"pics/\" is not an image file") {
		t.Errorf("step image as a folder: %v", diags)
	}
}
