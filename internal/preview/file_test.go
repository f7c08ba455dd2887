package preview

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Text files are kept deflated and served as they were made.
func TestFilesKeptCompressed(t *testing.T) {
	page := []byte("<!doctype html><html><head><title>Big</title></head><body>" +
		strings.Repeat("<p>Reward calm behaviour with a treat.</p>\n", 500) + "</body></html>")
	css := []byte(strings.Repeat("body { color: #222; }\n", 200))
	image := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)
	files := map[string]*File{"guides/big/index.html": NewFile("guides/big/index.html", page),
		"css/main.css": NewFile("css/main.css", css), "images/x.png": NewFile("images/x.png", image)}
	for name, f := range files {
		want := map[string][]byte{"guides/big/index.html": page, "css/main.css": css, "images/x.png": image}[name]
		if !bytes.Equal(f.Bytes(), want) {
			t.Errorf("%s: Bytes() differ from the bytes given", name)
		}
		if compressed := f.zip != nil; compressed != (name != "images/x.png") {
			t.Errorf("%s: compressed %v", name, compressed)
		}
		if f.zip != nil && len(f.zip)*4 > len(want) {
			t.Errorf("%s: kept %d bytes for %d", name, len(f.zip), len(want))
		}
	}
	s := New(Options{Addr: "127.0.0.1:1313"})
	s.Publish(&Build{Files: files}, false)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for name, want := range map[string][]byte{"css/main.css": css, "images/x.png": image} {
		req, _ := http.NewRequest("GET", srv.URL+"/"+name, nil)
		req.Host = "127.0.0.1:1313"
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Equal(body, want) {
			t.Errorf("%s served %d bytes, want the %d made", name, len(body), len(want))
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/guides/big/", nil)
	req.Host = "127.0.0.1:1313"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(body, inject(page, s.BuildID())) {
		t.Error("the page served is not the page made plus the live-reload snippet")
	}
}
