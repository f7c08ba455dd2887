// Package careguide carries the default site inside the binary: its
// content/, templates/, assets/ and site.yaml. A site on disk is layered
// over this one for templates and assets, so a new site needs only
// site.yaml and content/, and `careguide build --example` builds this
// repository's own care guide from anywhere.
package careguide

import "embed"

// Default is the default site and theme, rooted like a site dir. "all:"
// keeps content/_index.md, which embed would skip for its leading "_".
//
//go:embed site.yaml all:content templates assets
var Default embed.FS
