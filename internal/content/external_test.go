package content

import (
	"reflect"
	"testing"
	"unsafe"
)

const externalGuide = `---
title: Harness fitting
description: Fit it right.
before_you_start:
  - Read [the RSPCA's advice](https://www.rspca.org.uk/cats) first.
steps:
  - title: Measure
    body: |
      Measure the chest.

      Compare with [the chart](HTTPS://example.org/chart#sizes).
sources:
  - title: Harness guide
    url: https://example.org/harness
  - title: Not checked
    url: not a url
  - url: http://example.net/walks
    title: Walks
---
See [mail](mailto:a@example.org), [a page](other.md) and
![a photo](https://img.example.org/cat.jpg "cat").

> Written bare: https://bare.example.org/walks, <https://angle.example.org/>, <mailto:b@example.org>.
`

// External links are every http(s) address the page names, where it is
// written: sources' url: values, frontmatter texts (inline and block) and
// the body, images and bare addresses included; mailto: and content links
// are not.
func TestExternalLinks(t *testing.T) {
	p, _ := Parse("guides/harness.md", []byte(externalGuide), testOptions())
	want := []ExternalLink{
		{URL: "https://example.org/harness", Line: 14, Col: 10},
		{URL: "http://example.net/walks", Line: 17, Col: 10},
		{URL: "https://img.example.org/cat.jpg", Line: 21, Col: 1},
		{URL: "https://bare.example.org/walks", Line: 23, Col: 17},
		{URL: "https://angle.example.org/", Line: 23, Col: 49},
		{URL: "https://www.rspca.org.uk/cats", Line: 5, Col: 10},
		{URL: "HTTPS://example.org/chart#sizes", Line: 11, Col: 20},
	}
	if !reflect.DeepEqual(p.External, want) {
		t.Errorf("external links\n%+v\nwant\n%+v", p.External, want)
	}
	// A source's address is the Source's own string, not a copy of it.
	if unsafe.StringData(p.External[0].URL) != unsafe.StringData(string(p.Sources[0].URL)) {
		t.Error("the source URL was copied")
	}
}

// TOML frontmatter has no positions: its sources point at the block's
// first line, as its other problems do.
func TestExternalLinksTOML(t *testing.T) {
	src := "+++\ntitle = \"T\"\ndescription = \"d\"\n[[sources]]\ntitle = \"S\"\nurl = \"https://example.org/s\"\n+++\nBody.\n"
	p, diags := Parse("guides/t.md", []byte(src), testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := []ExternalLink{{URL: "https://example.org/s", Line: 2, Col: 1}}
	if !reflect.DeepEqual(p.External, want) {
		t.Errorf("external links %+v, want %+v", p.External, want)
	}
}
