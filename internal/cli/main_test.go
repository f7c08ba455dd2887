package cli

import (
	"os"
	"testing"
	"time"
)

// testToday is the day check measures reviews against in every test, so
// that the goldens do not change with the calendar.
var testToday = time.Date(2027, time.March, 1, 9, 30, 0, 0, time.UTC)

// TestMain gives the tests a user cache dir of their own, so that the
// images careguide processes while they build sites land there, and go
// with it, not in the cache of the person running them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "careguide-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	today = func() time.Time { return testToday }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
