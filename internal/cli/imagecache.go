package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
)

// cacheDirFlag adds --cache-dir, where processed images are kept between
// runs, to flags.
func cacheDirFlag(flags *flag.FlagSet) *string {
	return flags.String("cache-dir", "", "where processed images are kept between builds (default: careguide/images in the user cache dir, one folder per site; off for none)")
}

// imageCache is the cache dir for the site at absSite ("" for the
// example): the flag's value, or a folder of the user's cache dir named
// after the site's path, so that two sites never prune each other's
// images. "off", or no user cache dir, keeps none.
func imageCache(flagValue, absSite string) string {
	switch {
	case flagValue == "off":
		return ""
	case flagValue != "":
		return flagValue
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	site := "example"
	if absSite != "" {
		sum := sha256.Sum256([]byte(absSite))
		site = filepath.Base(absSite) + "-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join(dir, "careguide", "images", site)
}

// displayCache names a cache dir for a message.
func displayCache(dir string) string {
	if dir == "" {
		return "memory (--cache-dir off)"
	}
	return dir
}
