package diag

import (
	"strconv"
	"sync/atomic"
	"testing"
)

func TestParallel(t *testing.T) {
	var calls atomic.Int64
	got := Parallel(1000, func(i int) List {
		calls.Add(1)
		if i%3 != 0 {
			return nil
		}
		return List{{File: strconv.Itoa(i)}, {File: strconv.Itoa(i) + "b"}}
	})
	if calls.Load() != 1000 {
		t.Errorf("%d calls, want 1000", calls.Load())
	}
	if len(got) != 2*334 {
		t.Fatalf("%d diagnostics, want %d", len(got), 2*334)
	}
	for k, d := range got {
		want := strconv.Itoa(k / 2 * 3)
		if k%2 == 1 {
			want += "b"
		}
		if d.File != want {
			t.Fatalf("diagnostic %d is %q, want %q: not in index order", k, d.File, want)
		}
	}
	if got := Parallel(0, func(int) List { t.Fatal("called"); return nil }); got != nil {
		t.Errorf("Parallel(0) = %v", got)
	}
}
