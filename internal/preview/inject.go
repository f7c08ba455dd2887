package preview

import (
	"bytes"
	_ "embed"
)

//go:embed livereload.js
var liveReloadSource []byte

// liveReloadJS is served at scriptPath, with an ETag like any build file.
var liveReloadJS = NewFile("livereload.js", liveReloadSource)

// waitingPage is served (503) before the first build, so a tab opened
// early reloads by itself when the build lands, or shows its errors.
var waitingPage = []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Building…</title></head>
<body><p>careguide is building the site; this page reloads when it is ready.</p></body></html>
`)

// inject returns a copy of page with the build id and the live-reload
// script inserted just before </head>, else just after the <body> tag,
// else at the end. The build's own bytes are never changed.
func inject(page []byte, id string) []byte {
	snippet := `<meta name="careguide-build" content="` + id + `">` +
		`<script src="` + scriptPath + `" defer></script>`
	at := indexFold(page, "</head")
	if at < 0 {
		if body := indexFold(page, "<body"); body >= 0 {
			if end := bytes.IndexByte(page[body:], '>'); end >= 0 {
				at = body + end + 1
			}
		}
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(snippet))
	out = append(out, page[:at]...)
	out = append(out, snippet...)
	return append(out, page[at:]...)
}

// indexFold is the index of the first ASCII-case-insensitive match of tag
// (lower case) in page, or -1. It matches only whole tag names, so
// "<bodyguard>" is not "<body".
func indexFold(page []byte, tag string) int {
	for i := 0; ; {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		end := i + len(tag)
		if end <= len(page) && bytes.EqualFold(page[i:end], []byte(tag)) &&
			(end == len(page) || !isNameByte(page[end])) {
			return i
		}
		i++
	}
}

func isNameByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '-'
}
