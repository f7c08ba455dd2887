// Package sitefs layers a site dir over the theme built into the binary, so
// a site overrides the default theme file by file: a site's own
// templates/guide.html replaces the default one, and everything it lacks
// comes from the embedded copy.
//
// The one thing to know before changing it: directory listings are the union
// of both layers, sorted, so what a build sees does not depend on which
// layer a file came from.
package sitefs

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// Overlay returns an fs.FS that opens names in top first, then in bottom.
func Overlay(top, bottom fs.FS) fs.FS { return overlay{top, bottom} }

type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return o.bottom.Open(name)
}

// ReadDir merges both layers; an entry in top hides the same name below.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	topEntries, topErr := fs.ReadDir(o.top, name)
	bottomEntries, bottomErr := fs.ReadDir(o.bottom, name)
	if topErr != nil && bottomErr != nil {
		return nil, topErr
	}
	seen := map[string]bool{}
	var all []fs.DirEntry
	for _, e := range append(topEntries, bottomEntries...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			all = append(all, e)
		}
	}
	slices.SortFunc(all, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return all, nil
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(o.top, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return data, err
	}
	return fs.ReadFile(o.bottom, name)
}
