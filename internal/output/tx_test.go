package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Files added from many goroutines at once all land, in their dirs.
func TestTxConcurrentAdd(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				p := fmt.Sprintf("s%d/g%d/index.html", i%5, w*50+i)
				if err := tx.Add(File{Path: p, Data: []byte(p)}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, out)
	for w := range 8 {
		for i := range 50 {
			p := fmt.Sprintf("s%d/g%d/index.html", i%5, w*50+i)
			if snap[p] != wantFile(t, p) {
				t.Fatalf("%s: %q", p, snap[p])
			}
		}
	}
	assertNothingBeside(t, out)
}

// Tx calls each file's Done once, after writing it: a Done that scribbles
// over the data, as a reused buffer would be, leaves the files whole.
func TestTxDoneAfterWrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		done = map[string]int{}
	)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				p := fmt.Sprintf("s%d/g%d/index.html", i%5, w*100+i)
				data := []byte(p)
				err := tx.Add(File{Path: p, Data: data, Done: func() {
					copy(data, strings.Repeat("X", len(data)))
					mu.Lock()
					done[p]++
					mu.Unlock()
				}})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, out)
	for w := range 4 {
		for i := range 100 {
			p := fmt.Sprintf("s%d/g%d/index.html", i%5, w*100+i)
			if snap[p] != wantFile(t, p) || done[p] != 1 {
				t.Fatalf("%s: %q, Done called %d times", p, snap[p], done[p])
			}
		}
	}
}

// E34 for streamed builds: an aborted Tx, or one whose files clash, leaves
// the previous output exactly as it was.
func TestTxFailureKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, guideFiles("index.html=old", "a/index.html=old a"), Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)

	tx, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = tx.Add(File{Path: "index.html", Data: []byte("new")})
	tx.Abort()
	assertSame(t, snapshot(t, out), before)
	assertNothingBeside(t, out)

	for _, clash := range [][]File{
		guideFiles("x/index.html=1", "x/index.html=2"),
		guideFiles("a=file", "a/b=inside"),
		guideFiles("ok.html=1", "../escape=2"),
	} {
		tx, err := Begin(out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range clash {
			_ = tx.Add(f)
		}
		err = tx.Commit()
		if err == nil || !strings.Contains(err.Error(), "unchanged") {
			t.Errorf("%v: commit error %v", clash, err)
		}
		assertSame(t, snapshot(t, out), before)
		assertNothingBeside(t, out)
	}
}

// Commit and Abort end a Tx once: an Abort deferred before a Commit does
// nothing after it, and the new output stands.
func TestAbortAfterCommit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(File{Path: "index.html", Data: []byte("home")}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	tx.Abort()
	if data, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || string(data) != "home" {
		t.Fatalf("after Commit and Abort: %q, %v", data, err)
	}
	// The lock was let go once: the next Tx begins.
	tx, err = Begin(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tx.Abort()
}
