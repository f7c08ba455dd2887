package output

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

func TestCleanPathAccepts(t *testing.T) {
	for _, p := range []string{
		"a",
		"sitemap.xml",
		"guides/leash-training/index.html",
		".well-known/security.txt",
		"a../b..",
		"guides/hämster-care/index.html",
		"with space/x.html",
		strings.Repeat("a", maxElemLen),
		strings.Repeat(strings.Repeat("a", 99)+"/", 40) + strings.Repeat("b", 95), // exactly 4095 bytes
	} {
		got, err := CleanPath(p)
		if err != nil || got != p {
			t.Errorf("CleanPath(%.40q) = %.40q, %v; want it unchanged", p, got, err)
		}
	}
}

func TestCleanPathRejects(t *testing.T) {
	for _, c := range []struct{ path, why string }{
		{"", "empty"},
		{"/etc/passwd", "starts with /"},
		{"../x", `".." element`},
		{"a/../../x", `".." element`},
		{"a/./b", `"." element`},
		{"..a", `starting with ".."`},
		{"a/..b", `starting with ".."`},
		{".", `"." element`},
		{"a//b", "empty element"},
		{"a/", "empty element"},
		{`a\b`, "backslash"},
		{`..\x`, "backslash"},
		{"a\x00b", "control character"},
		{"a\nb", "control character"},
		{"a\x7fb", "control character"},
		{"a\u0085b", "control character"},
		{"a\xffb", "UTF-8"},
		{strings.Repeat("a", maxElemLen+1), "longer than 255"},
		{strings.Repeat("a/", maxPathLen/2) + "b", "longer than 4096"},
	} {
		got, err := CleanPath(c.path)
		if err == nil || got != "" {
			t.Errorf("CleanPath(%.40q) = %.40q, %v; want an error", c.path, got, err)
			continue
		}
		if !strings.Contains(err.Error(), c.why) {
			t.Errorf("CleanPath(%.40q) error %q does not say %q", c.path, err, c.why)
		}
	}
}

// FuzzOutputPath checks that whatever CleanPath accepts names a file inside
// the output dir.
func FuzzOutputPath(f *testing.F) {
	for _, seed := range []string{
		"a/b.html", "../x", "/etc/passwd", "a//b", `a\b`, "a/./b", "%2e%2e/x",
		"a\x00b", "", "..", ".", "a/..", "..a", "C:/x", "//x", "a/b/",
		strings.Repeat("a", 255), strings.Repeat("a", 256),
		strings.Repeat("ab/", 1365) + "c", strings.Repeat("../", 2000),
	} {
		f.Add(seed)
	}
	root := filepath.FromSlash("/srv/site/public")
	f.Fuzz(func(t *testing.T, p string) {
		got, err := CleanPath(p)
		if err != nil {
			if got != "" {
				t.Fatalf("CleanPath(%q) returned %q with error %v", p, got, err)
			}
			return
		}
		if got != p {
			t.Fatalf("CleanPath(%q) = %q; it must reject, not repair", p, got)
		}
		if path.Clean(got) != got || strings.HasPrefix(got, "..") || path.IsAbs(got) || got == "." {
			t.Fatalf("CleanPath(%q) = %q, which is not a clean relative path", p, got)
		}
		if strings.ContainsAny(got, "\\\x00") || len(got) > maxPathLen {
			t.Fatalf("CleanPath(%q) = %q, which has a backslash or NUL or is too long", p, got)
		}
		joined := filepath.Join(root, filepath.FromSlash(got))
		if !within(root, joined) || joined == root {
			t.Fatalf("CleanPath(%q) = %q, which joins to %q, outside %q", p, got, joined, root)
		}
		if again, err := CleanPath(got); err != nil || again != got {
			t.Fatalf("CleanPath is not idempotent on %q: %q, %v", got, again, err)
		}
	})
}
