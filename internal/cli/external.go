package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/extlink"
	"github.com/careguide/careguide/internal/site"
)

// externalFlags are check's flags for --external.
type externalFlags struct {
	on      bool
	cache   string
	maxAge  time.Duration
	timeout time.Duration
}

// noCache is the --external-cache value that keeps no cache.
const noCache = "off"

// checkExternal requests the web addresses the site's published pages link
// to. It returns their diagnostics and a line for stderr saying how many
// were asked.
func checkExternal(s *site.Site, f externalFlags) (diag.List, string) {
	var targets []extlink.Target
	for _, p := range s.Pages {
		for _, e := range p.External {
			targets = append(targets, extlink.Target{URL: e.URL, File: content.Dir + "/" + p.Path, Line: e.Line, Col: e.Col})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Config.Menus)) { // site.yaml's menus link out too
		for _, it := range s.Config.Menus[name] {
			if u := it.URL; strings.HasPrefix(u.URL, "http://") || strings.HasPrefix(u.URL, "https://") {
				targets = append(targets, extlink.Target{URL: u.URL, File: config.File, Line: u.Line, Col: u.Col})
			}
		}
	}
	c := &extlink.Checker{
		Timeout:   f.timeout,
		MaxAge:    f.maxAge,
		UserAgent: "careguide/" + Version + " (link check)",
		CacheFile: f.cache,
	}
	if f.maxAge <= 0 {
		c.MaxAge = -1 // ask every address again
	}
	note := ""
	switch f.cache {
	case noCache:
		c.CacheFile = ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			note = fmt.Sprintf("careguide: no cache dir (%v), so every external link is asked again next time; pass --external-cache FILE\n", err)
		} else {
			c.CacheFile = filepath.Join(dir, "careguide", "external.json")
		}
	}
	rep, err := c.Check(context.Background(), targets)
	if err != nil {
		note += fmt.Sprintf("careguide: external link results not saved: %v\n", err)
	}
	addresses := fmt.Sprintf("%d external addresses", rep.Addresses)
	if rep.Addresses == 1 {
		addresses = "1 external address"
	}
	note += fmt.Sprintf("checked %s in %s, %d from the cache", addresses, count(len(targets), "link"), rep.Addresses-rep.Requested)
	return rep.Diags, note
}
