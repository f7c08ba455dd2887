package browsertest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/cli"
)

// RepoRoot returns the directory holding go.mod, found upward from the
// test's working directory (the package dir under go test).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Tool returns the path of a file inside tools/browser/node_modules,
// skipping the test (see Unavailable) when the npm tools are not installed.
func Tool(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "tools", "browser", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Unavailable(t, "%s is missing: run npm ci --prefix tools/browser", p)
	}
	return p
}

// BuildSite builds the default site, as `careguide build --example` does,
// into a temp dir and returns that dir. Under a variant's test it adds the
// variant's flags.
func BuildSite(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	args := append([]string{"build", "--example", "-q", "--out", out}, Variant(t)...)
	var stdout, stderr bytes.Buffer
	if code := cli.Run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("careguide %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return out
}

// variants are the builds of the default site checked besides the plain
// one, by the flags they add. Each has a test of its name that runs the
// site checks as its subtests (variants_test.go), so every check a plain
// build passes is asked of the variant too.
var variants = map[string][]string{
	"TestMinifiedSite": {"--minify"},
	"TestSubPathSite":  {"--base-url", subPath},
}

// subPath is where TestSubPathSite's build is published, and served.
const subPath = "/care/"

// Variant returns the build flags of the variant whose test t runs under,
// none for the plain build.
func Variant(t testing.TB) []string {
	top, _, _ := strings.Cut(t.Name(), "/")
	return variants[top]
}

// basePath is the path the variant's build is published under: "" at a
// host's root.
func basePath(t testing.TB) string {
	flags := Variant(t)
	if i := slices.Index(flags, "--base-url"); i >= 0 {
		return strings.TrimSuffix(flags[i+1], "/")
	}
	return ""
}

// Serve serves the built site in dir on 127.0.0.1 until the test ends, as
// a static host would: a directory serves its index.html, and a path with
// no file gets the site's 404.html with status 404. A variant built for a
// base path is served under it, and nothing else is: the returned
// server's URL includes the path, so a test's srv.URL + "/guides/" is the
// guides page of either build.
func Serve(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	base := basePath(t)
	files := http.StripPrefix(base, http.FileServer(http.Dir(dir)))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, under := strings.CutPrefix(r.URL.Path, base)
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rel)))
		if strings.HasSuffix(rel, "/") {
			name = filepath.Join(name, "index.html")
		}
		if _, err := os.Stat(name); err != nil || !under {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(handler) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	srv.URL += base
	return srv
}
