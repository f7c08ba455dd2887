package extlink

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// cacheVersion is written in the file; a file of another version is
// ignored, so a change of format only costs one run its cache.
const cacheVersion = 1

// cacheFile is the cache's JSON: addresses in sorted order (encoding/json
// sorts map keys), so two runs with the same answers write the same bytes.
type cacheFile struct {
	Version   int               `json:"version"`
	Addresses map[string]result `json:"addresses"`
}

// loadCache reads the cache, or returns an empty one when there is none or
// it cannot be read: a cache is only ever a shortcut.
func (c *Checker) loadCache() map[string]result {
	if c.CacheFile != "" {
		var f cacheFile
		data, err := os.ReadFile(c.CacheFile)
		if err == nil && json.Unmarshal(data, &f) == nil && f.Version == cacheVersion && f.Addresses != nil {
			return f.Addresses
		}
	}
	return map[string]result{}
}

// saveCache drops the answers too old to be used again and writes the rest
// to a temp file beside the cache, then renames it over the cache.
func (c *Checker) saveCache(cache map[string]result) error {
	now := c.now()
	keepFor := max(c.MaxAge, 24*time.Hour) // a later run with the default may still use them
	for a, r := range cache {
		if age := now.Sub(r.Checked); age < 0 || age >= keepFor {
			delete(cache, a)
		}
	}
	data, err := json.MarshalIndent(cacheFile{Version: cacheVersion, Addresses: cache}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(c.CacheFile)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".external-*.json")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.CacheFile)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
