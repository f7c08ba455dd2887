package output

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteMakesExactlyTheFiles(t *testing.T) {
	public := filepath.Join(t.TempDir(), "new", "parents", "public")
	files := guideFiles(
		"index.html=home",
		"sitemap.xml=<urlset/>",
		"guides/leash-training/index.html=leash",
		"guides/leash-training/steps/1/index.html=step one",
		"empty.txt=",
	)
	if err := Write(public, files, Options{}); err != nil {
		t.Fatal(err)
	}
	d := wantDir(t)
	assertSame(t, snapshot(t, public), map[string]string{
		"index.html":                               wantFile(t, "home"),
		"sitemap.xml":                              wantFile(t, "<urlset/>"),
		"guides":                                   d,
		"guides/leash-training":                    d,
		"guides/leash-training/index.html":         wantFile(t, "leash"),
		"guides/leash-training/steps":              d,
		"guides/leash-training/steps/1":            d,
		"guides/leash-training/steps/1/index.html": wantFile(t, "step one"),
		"empty.txt":                                wantFile(t, ""),
		markerName:                                 wantFile(t, string(markerData)),
	})
	if info, err := os.Stat(public); err != nil || info.Mode().Perm().String() != d[2:] {
		t.Errorf("output dir mode: %v, %v; want %s", info.Mode(), err, d[2:])
	}
	assertNothingBeside(t, public)
}

// E37: a second Write with fewer files leaves only those files.
func TestWriteRemovesFilesNoLongerBuilt(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	first := guideFiles("index.html=v1", "guides/leash/index.html=leash", "tags/dogs/index.html=dogs")
	if err := Write(public, first, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(public, guideFiles("index.html=v2"), Options{}); err != nil {
		t.Fatal(err)
	}
	assertSame(t, snapshot(t, public), map[string]string{
		"index.html": wantFile(t, "v2"),
		markerName:   wantFile(t, string(markerData)),
	})
	assertNothingBeside(t, public)
}

// E36: the same files, in any order, give byte-identical trees.
func TestWriteIsDeterministic(t *testing.T) {
	files := benchFiles(200)
	shuffled := slices.Clone(files)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })

	a := filepath.Join(t.TempDir(), "public")
	b := filepath.Join(t.TempDir(), "public")
	if err := Write(a, files, Options{}); err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, a)
	if err := Write(a, shuffled, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, shuffled, Options{}); err != nil {
		t.Fatal(err)
	}
	assertSame(t, snapshot(t, a), first)
	assertSame(t, snapshot(t, b), first)
}

// E34: a Write that fails, before or during writing, leaves the previous
// output byte for byte and nothing beside it.
func TestWriteFailureKeepsPreviousOutput(t *testing.T) {
	// A path CleanPath accepts but the OS refuses once it is joined to the
	// temp dir: longer than PATH_MAX. It fails in the middle of writing.
	long := strings.Repeat(strings.Repeat("d", 200)+"/", 19) + strings.Repeat("f", 200)
	if _, err := CleanPath(long); err != nil {
		t.Fatalf("test path must pass CleanPath: %v", err)
	}
	for _, c := range []struct {
		name  string
		files []File
		want  string
	}{
		{"invalid path", guideFiles("index.html=new", "../escape.html=x"), `"../escape.html"`},
		{"duplicate", guideFiles("a.html=1", "guides/x/index.html=2", "guides/x/index.html=3"), `"guides/x/index.html"`},
		{"file then dir", guideFiles("a=1", "a/b=2"), `"a"`},
		{"dir then file", guideFiles("a/b/c=1", "a/b=2"), `"a/b"`},
		{"marker", guideFiles(markerName + "=forged"), markerName},
		{"marker as dir", guideFiles(markerName + "/x=forged"), markerName},
		{"write fails midway", append(benchFiles(300), File{Path: long, Data: []byte("x")}), "is unchanged): open dddd"},
	} {
		t.Run(c.name, func(t *testing.T) {
			public := filepath.Join(t.TempDir(), "public")
			if err := Write(public, benchFiles(50), Options{}); err != nil {
				t.Fatal(err)
			}
			want := snapshot(t, public)
			err := Write(public, c.files, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Write = %v; want an error mentioning %s", err, c.want)
			}
			assertSame(t, snapshot(t, public), want)
			assertNothingBeside(t, public)
		})
	}
}

func TestWriteRefusesForeignDirUnlessForced(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"thesis.tex": "years of work"})
	want := snapshot(t, dir)
	if err := Write(dir, guideFiles("index.html=x"), Options{}); err == nil {
		t.Fatal("Write replaced a foreign dir")
	}
	assertSame(t, snapshot(t, dir), want)
	if err := Write(dir, guideFiles("index.html=x"), Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	// Now careguide owns it, so the next build needs no --force.
	if err := Write(dir, guideFiles("index.html=y"), Options{}); err != nil {
		t.Fatal(err)
	}
}

// A symlinked output dir: the target is replaced and the link kept, so a
// web server pointed at either sees the new site.
func TestWriteThroughSymlink(t *testing.T) {
	target := filepath.Join(t.TempDir(), "www")
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, guideFiles("index.html=v1"), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, guideFiles("index.html=v2"), Options{}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v, %v", info, err)
	}
	if data, err := os.ReadFile(filepath.Join(link, "index.html")); err != nil || string(data) != "v2" {
		t.Errorf("index.html through link = %q, %v; want v2", data, err)
	}
	assertNothingBeside(t, target)
}

func TestWriteEmptySite(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	if err := Write(public, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	assertSame(t, snapshot(t, public), map[string]string{markerName: wantFile(t, string(markerData))})
}

// benchFiles makes n small pages the way a site lays them out: one dir per
// guide, a few guides per section.
func benchFiles(n int) []File {
	files := make([]File, n)
	for i := range files {
		files[i] = File{
			Path: fmt.Sprintf("section-%02d/guide-%05d/index.html", i%20, i),
			Data: fmt.Appendf(nil, "<!doctype html><title>Guide %d</title>%s", i, strings.Repeat("<p>care</p>", 100)),
		}
	}
	return files
}

// BenchmarkWrite30000 rebuilds a 30,000-page site over the previous one:
// writing, flushing, swapping and deleting the old tree.
func BenchmarkWrite30000(b *testing.B) {
	files := benchFiles(30000)
	public := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if err := Write(public, files, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
