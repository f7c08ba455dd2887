// Command careguide builds care-guide websites from Markdown. See
// internal/cli for the commands and docs/ for the manual.
package main

import (
	"os"

	"github.com/careguide/careguide/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
