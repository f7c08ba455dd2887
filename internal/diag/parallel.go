package diag

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel calls check(0) ... check(n-1) on every CPU and joins what they
// report in index order, so the result does not depend on scheduling.
// Stages use it to check or parse thousands of pages at once, and to
// compute per page on every core (site's relate and term sorts), where
// check reports nothing; check must be safe to call concurrently.
func Parallel(n int, check func(i int) List) List {
	lists := make([]List, n)
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				lists[i] = check(i)
			}
		})
	}
	wg.Wait()
	var all List
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
