package cli

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/careguide/careguide/internal/publish"
)

// TestDeployServers serves a `build --minify --precompress` of the sample
// site with the nginx and Caddy configs of docs/deploy.md, changed only to
// listen on a free loopback port and to serve the build's dir, and asks
// for what a browser would. A server that is not installed is skipped,
// unless CAREGUIDE_SERVERS_REQUIRED=1, as .ci/run sets once it has
// installed both.
func TestDeployServers(t *testing.T) {
	data, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run(t, "build", "--example", "-q", "--minify", "--precompress", "--out", out); code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	t.Run("nginx", func(t *testing.T) {
		base, brotli := startNginx(t, fenced(t, doc, "nginx"), out)
		checkServes(t, base, out, brotli)
	})
	t.Run("Caddy", func(t *testing.T) {
		checkServes(t, startCaddy(t, fenced(t, doc, "caddyfile"), out), out, true)
	})
}

// configure puts port and root into a recipe's config, failing the test
// when the recipe no longer has the line to change.
func configure(t *testing.T, config string, replace ...string) string {
	t.Helper()
	for i := 0; i < len(replace); i += 2 {
		if !strings.Contains(config, replace[i]) {
			t.Fatalf("the recipe has no %q to change:\n%s", replace[i], config)
		}
		config = strings.Replace(config, replace[i], replace[i+1], 1)
	}
	return config
}

func startNginx(t *testing.T, server, root string) (base string, withBrotli bool) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		missingServer(t, "nginx is not installed (Debian: apt-get install nginx libnginx-mod-http-brotli-static)")
	}
	dir, port := t.TempDir(), freePort(t)
	server = configure(t, server, "listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port), "root /srv/care/public;", "root "+root+";")
	var modules strings.Builder
	confs, _ := filepath.Glob("/etc/nginx/modules-enabled/*brotli*.conf")
	for _, c := range confs {
		fmt.Fprintf(&modules, "include %s;\n", c)
	}
	withBrotli = len(confs) > 0
	if !withBrotli {
		if os.Getenv("CAREGUIDE_SERVERS_REQUIRED") == "1" {
			t.Fatal("nginx has no brotli_static module (Debian: libnginx-mod-http-brotli-static)")
		}
		t.Log("no ngx_brotli module: checking gzip_static only")
		server = configure(t, server, "brotli_static on;", "")
	}
	mime := "types { text/html html; text/css css; application/javascript js; }"
	if _, err := os.Stat("/etc/nginx/mime.types"); err == nil {
		mime = "include /etc/nginx/mime.types;"
	}
	temp := ""
	for _, kind := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		temp += fmt.Sprintf("    %s_temp_path %s;\n", kind, filepath.Join(dir, kind))
	}
	conf := fmt.Sprintf("%sdaemon off;\nmaster_process off;\npid %s;\nerror_log stderr;\nevents {}\nhttp {\n    %s\n    access_log off;\n%s%s}\n",
		modules.String(), filepath.Join(dir, "nginx.pid"), mime, temp, server)
	file := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(file, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	startServer(t, port, exec.Command(bin, "-e", "stderr", "-c", file))
	return fmt.Sprintf("http://127.0.0.1:%d", port), withBrotli
}

func startCaddy(t *testing.T, caddyfile, root string) string {
	bin, err := exec.LookPath("caddy")
	if err != nil {
		missingServer(t, "caddy is not installed (Debian: apt-get install caddy)")
	}
	dir, port := t.TempDir(), freePort(t)
	caddyfile = configure(t, caddyfile, "care.example.org {", fmt.Sprintf("http://127.0.0.1:%d {", port), "root * /srv/care/public", "root * "+root)
	caddyfile = "{\n\tadmin off\n}\n\n" + caddyfile
	file := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(file, []byte(caddyfile), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "--config", file, "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	startServer(t, port, cmd)
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// missingServer skips the test, or fails it where the servers are
// required.
func missingServer(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CAREGUIDE_SERVERS_REQUIRED") == "1" {
		t.Fatalf("%s (CAREGUIDE_SERVERS_REQUIRED=1)", msg)
	}
	t.Skip(msg)
}

// startServer runs cmd until the test ends, once it answers on port.
func startServer(t *testing.T, port int, cmd *exec.Cmd) {
	t.Helper()
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("%s said:\n%s", filepath.Base(cmd.Path), logs.String())
		}
	})
	// A bound on a server that never starts, not a speed check.
	deadline := time.Now().Add(20 * time.Second)
	for {
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			conn.Close()
			return
		}
		select {
		case <-exited:
			t.Fatalf("%s exited: %s", filepath.Base(cmd.Path), logs.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %d: %s", filepath.Base(cmd.Path), port, logs.String())
		}
	}
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// checkServes asks the server at base for pages and assets as browsers
// do, and wants the files of out back, from their precompressed copies
// when the browser takes them.
func checkServes(t *testing.T, base, out string, withBrotli bool) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	get := func(path, encoding string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest("GET", base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	file := func(p string) []byte {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	encodings := []string{"", "gzip"}
	if withBrotli {
		encodings = append(encodings, "br")
	}
	css, _ := filepath.Glob(filepath.Join(out, "assets", "css", "main.*.css"))
	if len(css) != 1 {
		t.Fatalf("no one main.*.css in the build: %v", css)
	}
	cssPath := "assets/css/" + filepath.Base(css[0])
	// The biggest file of the search index: big enough to be precompressed.
	index, _ := filepath.Glob(filepath.Join(out, "search", "*", "*.json"))
	slices.SortFunc(index, func(a, b string) int { return cmp.Compare(fileSize(b), fileSize(a)) })
	if len(index) == 0 {
		t.Fatal("no search index files in the build")
	}
	indexPath, _ := filepath.Rel(out, index[0])
	indexPath = filepath.ToSlash(indexPath)
	for _, c := range []struct{ url, file, contentType string }{
		{"/", "index.html", "text/html"},
		{"/guides/leash-training/", "guides/leash-training/index.html", "text/html"},
		{"/" + indexPath, indexPath, "application/json"},
		{"/" + cssPath, cssPath, "text/css"},
	} {
		for _, enc := range encodings {
			accept := enc
			if enc == "br" {
				accept = "br, gzip" // as browsers send it: brotli must win
			}
			resp, body := get(c.url, accept)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != enc ||
				!strings.HasPrefix(resp.Header.Get("Content-Type"), c.contentType) {
				t.Errorf("GET %s (Accept-Encoding %q): %s, Content-Encoding %q, Content-Type %q; want 200, %q, %s",
					c.url, accept, resp.Status, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), enc, c.contentType)
				continue
			}
			if enc != "" && !bytes.Equal(body, file(c.file+map[string]string{"gzip": ".gz", "br": ".br"}[enc])) {
				t.Errorf("GET %s (%s) is not the precompressed copy the build wrote", c.url, enc)
			}
			r, err := decoders[enc](bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if plain, err := io.ReadAll(r); err != nil || !bytes.Equal(plain, file(c.file)) {
				t.Errorf("GET %s (%q) does not decode to %s (%v)", c.url, accept, c.file, err)
			}
		}
	}
	if resp, _ := get("/"+cssPath, ""); resp.Header.Get("Cache-Control") != publish.Immutable {
		t.Errorf("GET /%s: Cache-Control %q, want %q", cssPath, resp.Header.Get("Cache-Control"), publish.Immutable)
	}
	if resp, _ := get("/", ""); strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET /: Cache-Control %q; a page must not be immutable", resp.Header.Get("Cache-Control"))
	}
	if resp, body := get("/robots.txt", "gzip"); resp.StatusCode != http.StatusOK || !bytes.Equal(body, file("robots.txt")) {
		t.Errorf("GET /robots.txt (no copies, too small): %s, Content-Encoding %q", resp.Status, resp.Header.Get("Content-Encoding"))
	}
	if resp, body := get("/nope/", ""); resp.StatusCode != http.StatusNotFound || !bytes.Equal(body, file("404.html")) {
		t.Errorf("GET /nope/: %s, want 404 with the site's 404.html", resp.Status)
	}
}

func fileSize(name string) int64 {
	info, err := os.Stat(name)
	if err != nil {
		return 0
	}
	return info.Size()
}
