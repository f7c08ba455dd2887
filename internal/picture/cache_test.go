package picture

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "[0-9a-f][0-9a-f]", "*"+entryExt))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestCacheHitAndMiss(t *testing.T) {
	dir := t.TempDir()
	photo := testJPEG(1300, 900, 10)

	first := New(Options{CacheDir: dir})
	made, err := first.Process("photo.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	if s := first.Stats(); s.Processed != 1 || s.Cached != 0 || s.CacheErr != nil {
		t.Fatalf("cold: %+v", s)
	}
	if n := len(entries(t, dir)); n != 1 {
		t.Fatalf("%d entries, want 1", n)
	}

	second := New(Options{CacheDir: dir})
	hit, err := second.Process("renamed.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	if s := second.Stats(); s.Processed != 0 || s.Cached != 1 {
		t.Fatalf("warm: %+v, want one cached and nothing decoded", s)
	}
	if !reflect.DeepEqual(made, hit) {
		t.Error("the cached picture differs from the one made")
	}

	// Other settings are another key.
	narrow := New(Options{CacheDir: dir, Widths: []int{320}})
	if _, err := narrow.Process("photo.jpg", photo); err != nil {
		t.Fatal(err)
	}
	if s := narrow.Stats(); s.Processed != 1 {
		t.Errorf("other widths: %+v, want processed", s)
	}
	// So is one changed byte of the source.
	changed := bytes.Clone(photo)
	changed[len(changed)-3] ^= 1
	if _, err := second.Process("photo.jpg", changed); err != nil {
		t.Fatal(err)
	}
	if s := second.Stats(); s.Processed != 1 {
		t.Errorf("changed source: %+v, want processed", s)
	}
}

// A damaged entry (a crash, a full disk, a hand edit) is a miss, and the
// entry is written again.
func TestCorruptEntryIsRewritten(t *testing.T) {
	dir := t.TempDir()
	photo := testJPEG(700, 500, 11)
	want, err := New(Options{CacheDir: dir}).Process("p.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	file := entries(t, dir)[0]
	good, _ := os.ReadFile(file)
	damage := map[string][]byte{
		"cut short":    good[:len(good)/2],
		"empty":        {},
		"other format": []byte("careguide picture cache 0\n"),
		"bad header":   append([]byte(entryMagic), 0, 0, 0, 5, '{', '{', '{', '{', '{'),
	}
	for name, b := range damage {
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		p := New(Options{CacheDir: dir})
		got, err := p.Process("p.jpg", photo)
		if err != nil {
			t.Fatal(err)
		}
		if s := p.Stats(); s.Processed != 1 || s.CacheErr != nil {
			t.Errorf("%s: %+v, want processed again", name, s)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: different picture", name)
		}
		if again, _ := os.ReadFile(file); !bytes.Equal(again, good) {
			t.Errorf("%s: entry not rewritten", name)
		}
	}
}

// A hit reads no variant: a Picture from a cache holds no image bytes, so
// a build of thousands of photos keeps none in memory, and Bytes reads
// each back exactly as made. A byte damaged since is an error there, and
// the entry is removed so the next build makes it again.
func TestCachedVariantsStayOnDisk(t *testing.T) {
	dir := t.TempDir()
	photo := testJPEG(900, 600, 14)
	inMemory, err := New(Options{}).Process("p.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"cold", "warm"} {
		pic, err := New(Options{CacheDir: dir}).Process("p.jpg", photo)
		if err != nil {
			t.Fatal(err)
		}
		if len(pic.Variants) != len(inMemory.Variants) {
			t.Fatalf("%s: %d variants, want %d", run, len(pic.Variants), len(inMemory.Variants))
		}
		for i, v := range pic.Variants {
			if v.Data != nil {
				t.Errorf("%s: variant %d holds its bytes in memory", run, i)
			}
			b, err := v.Bytes()
			if err != nil {
				t.Fatalf("%s: %v", run, err)
			}
			if want := inMemory.Variants[i]; !bytes.Equal(b, want.Data) || v.Sum != want.Sum || v.Size != len(b) {
				t.Errorf("%s: variant %d (%s %dw) differs from the one made in memory", run, i, v.Format, v.Width)
			}
		}
	}

	file := entries(t, dir)[0]
	good, _ := os.ReadFile(file)
	b := bytes.Clone(good)
	b[len(b)-100] ^= 0xff
	os.WriteFile(file, b, 0o644)
	pic, err := New(Options{CacheDir: dir}).Process("p.jpg", photo)
	if err != nil {
		t.Fatal(err)
	}
	last := pic.Variants[len(pic.Variants)-1]
	if _, err := last.Bytes(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("a damaged variant read back as %v, want an error saying so", err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Error("the damaged entry was not removed")
	}
	p := New(Options{CacheDir: dir})
	if _, err := p.Process("p.jpg", photo); err != nil || p.Stats().Processed != 1 {
		t.Errorf("after the damage: %v, %+v, want made again", err, p.Stats())
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(again, good) {
		t.Error("entry not made again as it was")
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	kept, dropped := testJPEG(500, 400, 12), testJPEG(500, 400, 13)
	first := New(Options{CacheDir: dir})
	for _, d := range [][]byte{kept, dropped} {
		if _, err := first.Process("x.jpg", d); err != nil {
			t.Fatal(err)
		}
	}
	// Files the cache did not make, and temporary files: a fresh one may be
	// another build's write in progress, an old one a crash's leftover.
	foreign := []string{"README", "ab/notes.txt", "zz/" + string(bytes.Repeat([]byte("a"), 64)) + entryExt}
	for _, f := range foreign {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), []byte("mine"), 0o644)
	}
	shard := filepath.Dir(entries(t, dir)[0])
	key := filepath.Base(shard) + string(bytes.Repeat([]byte("0"), 62))
	freshTemp := filepath.Join(shard, key+".tmp123")
	oldTemp := filepath.Join(shard, key+".tmp456")
	os.WriteFile(freshTemp, nil, 0o644)
	os.WriteFile(oldTemp, nil, 0o644)
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(oldTemp, long, long)

	second := New(Options{CacheDir: dir})
	keptPic, err := second.Process("x.jpg", kept)
	if err != nil {
		t.Fatal(err)
	}
	if err := second.Prune(); err != nil {
		t.Fatal(err)
	}
	if n := len(entries(t, dir)); n != 1 {
		t.Errorf("%d entries after prune, want 1", n)
	}
	third := New(Options{CacheDir: dir})
	if got, _ := third.Process("x.jpg", kept); third.Stats().Cached != 1 || !reflect.DeepEqual(got, keptPic) {
		t.Error("the used entry was pruned")
	}
	for _, f := range append(foreign, freshTemp[len(dir)+1:]) {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("prune removed %s, which it did not make or which is in use", f)
		}
	}
	if _, err := os.Stat(oldTemp); !os.IsNotExist(err) {
		t.Error("a crash's old temporary file survived the prune")
	}
	if err := New(Options{}).Prune(); err != nil {
		t.Errorf("no cache: %v", err)
	}
	if err := New(Options{CacheDir: filepath.Join(dir, "missing")}).Prune(); err != nil {
		t.Errorf("cache dir not made yet: %v", err)
	}
}

// A cache that cannot be written does not fail the build; Stats says why.
func TestUnwritableCache(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	p := New(Options{CacheDir: file})
	if _, err := p.Process("p.jpg", testJPEG(300, 200, 14)); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Processed != 1 || s.CacheErr == nil {
		t.Errorf("%+v, want processed with a cache error", s)
	}
}

// The same photo asked for by many pages at once is made once.
func TestSameSourceAtOnce(t *testing.T) {
	p := New(Options{})
	photo := testJPEG(900, 600, 15)
	var wg sync.WaitGroup
	pics := make([]*Picture, 6)
	for i := range pics {
		wg.Go(func() {
			var err error
			if pics[i], err = p.Process("p.jpg", photo); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if s := p.Stats(); s.Processed != 1 {
		t.Errorf("processed %d times", s.Processed)
	}
	for _, pic := range pics[1:] {
		if pic != pics[0] {
			t.Error("callers got different pictures")
		}
	}
}

// However many goroutines call Process, no more than InFlight images are
// decoded in memory at once.
func TestInFlightBound(t *testing.T) {
	photos := make([][]byte, 12)
	for i := range photos {
		photos[i] = testJPEG(400, 300, uint64(200+i))
	}
	for _, limit := range []int{1, 3} {
		p := New(Options{InFlight: limit})
		var wg sync.WaitGroup
		for _, photo := range photos {
			wg.Go(func() {
				if _, err := p.Process("p.jpg", photo); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if s := p.Stats(); s.PeakInFlight < 1 || s.PeakInFlight > limit || s.Processed != len(photos) {
			t.Errorf("InFlight %d: %+v", limit, s)
		}
	}
}

// A warm build reads no source: ProcessFile asks for the bytes only on a
// miss.
func TestProcessFileReadsOnlyOnMiss(t *testing.T) {
	dir := t.TempDir()
	photo := testJPEG(600, 400, 15)
	sum := sha256.Sum256(photo)
	reads := 0
	read := func() ([]byte, error) { reads++; return photo, nil }
	for range 2 {
		if _, err := New(Options{CacheDir: dir}).ProcessFile("p.jpg", sum, read); err != nil {
			t.Fatal(err)
		}
	}
	if reads != 1 {
		t.Errorf("source read %d times in a cold and a warm build, want once", reads)
	}
	if _, err := New(Options{}).ProcessFile("p.jpg", sum, func() ([]byte, error) { return nil, os.ErrNotExist }); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed read gave %v", err)
	}
}
