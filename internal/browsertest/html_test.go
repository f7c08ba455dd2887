package browsertest

import (
	"context"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHTMLIsValid(t *testing.T) {
	validator := Tool(t, "html-validate/bin/html-validate.mjs")
	node, err := exec.LookPath("node")
	if err != nil {
		Unavailable(t, "node not found: install Node.js to run html-validate")
	}
	dir := BuildSite(t)
	var pages []string // every page the site has, at any depth
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < len(pageKinds) {
		t.Fatalf("found %d .html files in %s, want at least %d", len(pages), dir, len(pageKinds))
	}
	// A bound against a hung process, not a speed check.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	config := filepath.Join(RepoRoot(t), "tools", "browser", ".htmlvalidate.json")
	args := []string{validator, "--config", config}
	if slices.Contains(Variant(t), "--minify") {
		// A minifier drops the quotes an attribute value does not need;
		// quoting is a matter of source style, not of validity.
		args = append(args, "--rule", "attr-quotes:off")
	}
	args = append(args, pages...)
	out, err := exec.CommandContext(ctx, node, args...).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate over %d pages: %v\n%s", len(pages), err, out)
	}
}
