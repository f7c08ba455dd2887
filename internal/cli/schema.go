package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/schema"
)

// runSchema prints the JSON Schema of guide frontmatter, for editors. In a
// site dir it includes the site's own taxonomies; elsewhere it prints the
// schema for the default ones, so it works before a site exists.
func runSchema(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("schema", "schema [--site DIR]", stdout, stderr)
	siteDir := flags.String("site", ".", "the site dir whose site.yaml names extra taxonomies")
	if code, ok := parse(flags, args, stdout); !ok {
		return code
	}
	explicit := false
	flags.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "site" })
	fsys, _, err := siteFS(*siteDir, false)
	if err != nil {
		if explicit {
			fmt.Fprintln(stderr, "careguide:", err)
			return ExitUsage // no site where the user pointed
		}
		stdout.Write(schema.Guide(config.DefaultTaxonomies...))
		return ExitOK
	}
	cfg, diags := config.Load(fsys)
	if diags.HasErrors() {
		printDiagnostics(stderr, fsys, diags)
		return ExitContent
	}
	stdout.Write(schema.Guide(cfg.Taxonomies...))
	return ExitOK
}
