package output

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// makeSite makes a site dir with sources in content/, templates/ and assets/.
func makeSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	writeFiles(t, site, map[string]string{
		"site.yaml":                        "title: Pet care\n",
		"content/guides/leash-training.md": "# Leash training\n",
		"templates/guide.html":             "{{.Body}}\n",
		"assets/style.css":                 "body{}\n",
	})
	return site
}

// writeFiles writes files (slash paths) under dir the ordinary way, as a
// user or another tool would.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot describes every entry under dir: "d 0755" for dirs, "f 0644 <bytes>"
// for files, so two snapshots are equal only if the trees are identical.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			snap[filepath.ToSlash(rel)] = "d " + info.Mode().Perm().String()
		case d.Type().IsRegular():
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			snap[filepath.ToSlash(rel)] = "f " + info.Mode().Perm().String() + " " + string(data)
		default:
			snap[filepath.ToSlash(rel)] = "other " + d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func assertSame(t *testing.T, got, want map[string]string) {
	t.Helper()
	if maps.Equal(got, want) {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok || g != want[k] {
			t.Errorf("%s: got %.60q, want %.60q", k, g, want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected %.60q", k, got[k])
		}
	}
}

// beside lists the names next to dir other than dir itself: temp and old
// dirs a Write must not leave behind.
func beside(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			names = append(names, e.Name())
		}
	}
	return names
}

func assertNothingBeside(t *testing.T, dir string) {
	t.Helper()
	if names := beside(t, dir); len(names) > 0 {
		t.Errorf("left beside %s: %s", dir, strings.Join(names, ", "))
	}
}

func guideFiles(texts ...string) []File {
	var files []File
	for _, s := range texts {
		p, data, _ := strings.Cut(s, "=")
		files = append(files, File{Path: p, Data: []byte(data)})
	}
	return files
}

// wantFile is a snapshot entry for a file Write made. The mode is 0644 less
// the umask, which the test learns by making a file the same way.
func wantFile(t *testing.T, data string) string {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(probe)
	if err != nil {
		t.Fatal(err)
	}
	return "f " + info.Mode().Perm().String() + " " + data
}

func wantDir(t *testing.T) string {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(probe)
	if err != nil {
		t.Fatal(err)
	}
	return "d " + info.Mode().Perm().String()
}
