package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// E35: dangerous output dirs are refused unless forced, and the refusal
// says what is wrong and what to do.
func TestCheckDirRefusesDangerousDirs(t *testing.T) {
	home := filepath.Join(t.TempDir(), "home")
	writeFiles(t, home, map[string]string{"notes.txt": "mine"})
	t.Setenv("HOME", home)
	site := makeSite(t)
	foreign := t.TempDir()
	writeFiles(t, foreign, map[string]string{"thesis.tex": "years of work"})
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct{ name, dir, why string }{
		{"root", "/", "root of a filesystem"},
		{"home", home, "your home directory"},
		{"home parent", filepath.Dir(home), "contains your home directory"},
		{"site", site, "the site dir itself"},
		{"site parent", filepath.Dir(site), "contains the site dir"},
		{"content", filepath.Join(site, "content"), "content/"},
		{"inside content", filepath.Join(site, "content", "x"), "content/"},
		{"templates", filepath.Join(site, "templates"), "templates/"},
		{"assets", filepath.Join(site, "assets", "public"), "assets/"},
		{"spelled oddly", site + "/content/../templates/", "templates/"},
		{"symlink to site", link, "the site dir itself"},
		{"foreign", foreign, "careguide did not create it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, site)
			err := CheckDir(c.dir, Options{SiteDir: site})
			if err == nil {
				t.Fatalf("CheckDir(%s) = nil; want a refusal", c.dir)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.why) || !strings.Contains(msg, "pass --force to use it anyway") ||
				!strings.Contains(msg, "choose an empty or new directory") {
				t.Errorf("CheckDir(%s) = %q; want it to say %q and what to do", c.dir, msg, c.why)
			}
			if err := CheckDir(c.dir, Options{SiteDir: site, Force: true}); err != nil {
				t.Errorf("CheckDir(%s) with Force = %v", c.dir, err)
			}
			assertSame(t, snapshot(t, site), before)
		})
	}
}

func TestCheckDirRefusesSiteGivenRelative(t *testing.T) {
	site := makeSite(t)
	t.Chdir(filepath.Dir(site))
	if err := CheckDir(filepath.Join(site, "content"), Options{SiteDir: "site"}); err == nil {
		t.Error("CheckDir accepted content/ when the site dir was given as a relative path")
	}
	if err := CheckDir("site/content", Options{SiteDir: site}); err == nil {
		t.Error("CheckDir accepted a relative content/ when the site dir was given absolute")
	}
}

func TestCheckDirAccepts(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	site := makeSite(t)
	empty := t.TempDir()
	owned := t.TempDir()
	writeFiles(t, owned, map[string]string{markerName: "", "index.html": "old"})
	for _, c := range []struct{ name, dir string }{
		{"public in site", filepath.Join(site, "public")},
		{"new", filepath.Join(t.TempDir(), "public")},
		{"new with new parents", filepath.Join(t.TempDir(), "a", "b", "public")},
		{"empty", empty},
		{"has marker", owned},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckDir(c.dir, Options{SiteDir: site}); err != nil {
				t.Errorf("CheckDir(%s) = %v", c.dir, err)
			}
		})
	}
}

func TestCheckDirRefusesFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"public": "a file"})
	if err := CheckDir(filepath.Join(dir, "public"), Options{Force: true}); err == nil ||
		!strings.Contains(err.Error(), "not a directory") {
		t.Errorf("CheckDir(a file) = %v; want not a directory", err)
	}
}

// A link to a dir not made yet is judged by where it points.
func TestCheckDirFollowsDanglingLinks(t *testing.T) {
	site := makeSite(t)
	dir := t.TempDir()
	toNew := filepath.Join(dir, "public")
	if err := os.Symlink(filepath.Join(dir, "www", "pets"), toNew); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(toNew, Options{SiteDir: site}); err != nil {
		t.Errorf("CheckDir(link to a new dir) = %v", err)
	}
	toContent := filepath.Join(dir, "sneaky")
	rel, err := filepath.Rel(dir, filepath.Join(site, "content", "new"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(rel, toContent); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(toContent, Options{SiteDir: site}); err == nil || !strings.Contains(err.Error(), "content/") {
		t.Errorf("CheckDir(link into content/) = %v; want a refusal", err)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if err := CheckDir(loop, Options{}); err == nil {
		t.Error("CheckDir(a link to itself) = nil")
	}
}

// E34: a run killed between its two renames leaves no public/ and a
// .public.old-* dir; the next CheckDir or Write brings the old site back.
func TestRecoverKilledBetweenRenames(t *testing.T) {
	for _, via := range []string{"CheckDir", "Write"} {
		t.Run(via, func(t *testing.T) {
			public := filepath.Join(t.TempDir(), "public")
			v1 := guideFiles("index.html=v1", "guides/leash/index.html=leash v1")
			if err := Write(public, v1, Options{}); err != nil {
				t.Fatal(err)
			}
			want := snapshot(t, public)
			killBetweenRenames(t, public)

			switch via {
			case "CheckDir":
				if err := CheckDir(public, Options{}); err != nil {
					t.Fatal(err)
				}
				assertSame(t, snapshot(t, public), want)
			case "Write":
				if err := Write(public, guideFiles("index.html=v2"), Options{}); err != nil {
					t.Fatal(err)
				}
				assertSame(t, snapshot(t, public), map[string]string{
					"index.html": wantFile(t, "v2"), markerName: want[markerName],
				})
			}
			assertNothingBeside(t, public)
		})
	}
}

// killBetweenRenames leaves dir as a Write killed after its first rename
// would: the output moved aside, a half-written temp dir beside it.
func killBetweenRenames(t *testing.T, dir string) {
	t.Helper()
	parent := filepath.Dir(dir)
	if err := os.Rename(dir, filepath.Join(parent, ".public.old-0123456789abcdef")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Join(parent, ".public.tmp-fedcba9876543210"), map[string]string{"index.html": "half"})
}

func TestRecoverRestoresForeignDirButStillRefusesIt(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	writeFiles(t, public, map[string]string{"thesis.tex": "years of work"})
	want := snapshot(t, public)
	killBetweenRenames(t, public)
	if err := CheckDir(public, Options{}); err == nil {
		t.Error("CheckDir accepted a foreign dir restored from a killed run")
	}
	assertSame(t, snapshot(t, public), want)
	assertNothingBeside(t, public)
}

func TestRecoverRemovesLeftoversButNotLookalikes(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	if err := Write(public, guideFiles("index.html=v1"), Options{}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, public)
	parent := filepath.Dir(public)
	writeFiles(t, parent, map[string]string{
		".public.old-0000000000000001/index.html":   "killed before deleting old",
		".public.trash-0000000000000002/index.html": "killed while deleting",
		".public.tmp-0000000000000003/index.html":   "killed while writing",
		".public.tmp-notes/keep.txt":                "not ours",
		".public.old-123/keep.txt":                  "not ours",
		".other.tmp-0000000000000004/keep.txt":      "another output's",
	})
	if err := CheckDir(public, Options{}); err != nil {
		t.Fatal(err)
	}
	assertSame(t, snapshot(t, public), want)
	got := strings.Join(beside(t, public), " ")
	if got != ".other.tmp-0000000000000004 .public.old-123 .public.tmp-notes" {
		t.Errorf("beside public after recovery: %s", got)
	}
}

func TestRecoverRefusesToGuessBetweenOldDirs(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	parent := filepath.Dir(public)
	writeFiles(t, parent, map[string]string{
		".public.old-0000000000000001/index.html": "one",
		".public.old-0000000000000002/index.html": "two",
	})
	err := CheckDir(public, Options{})
	if err == nil || !strings.Contains(err.Error(), "several earlier outputs") {
		t.Fatalf("CheckDir = %v; want an error about several old dirs", err)
	}
	if n := len(beside(t, public)); n != 2 {
		t.Errorf("%d dirs beside public; want both old dirs kept", n)
	}
}
