package browsertest

import (
	"os"
	"testing"
)

// TestMain gives the tests a user cache dir of their own, so that the
// images careguide processes while they build sites land there, and go
// with it, not in the cache of the person running them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "careguide-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
