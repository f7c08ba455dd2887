package cli

import (
	"encoding/json"
	"testing"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/schema"
)

// Outside a site, "careguide schema" prints the schema for the default
// taxonomies: the test runs in internal/cli, which has no site.yaml.
func TestSchemaDefault(t *testing.T) {
	code, stdout, stderr := runCmd(t, runSchema)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !json.Valid([]byte(stdout)) {
		t.Fatalf("stdout is not JSON:\n%s", stdout)
	}
	if want := string(schema.Guide(config.DefaultTaxonomies...)); stdout != want {
		t.Errorf("stdout is not schema.Guide:\n%s", stdout)
	}
}

func TestSchemaSiteTaxonomies(t *testing.T) {
	dir := writeSite(t, map[string]string{config.File: "title: Cats\ntaxonomies: [species, breeds]\n"})
	code, stdout, stderr := runCmd(t, runSchema, "--site", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := string(schema.Guide("species", "breeds")); stdout != want {
		t.Errorf("stdout is not schema.Guide(species, breeds):\n%s", stdout)
	}
	var s struct{ Properties map[string]any }
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || s.Properties["breeds"] == nil {
		t.Errorf("the site's breeds taxonomy is not a key (err %v)", err)
	}
}

func TestSchemaErrors(t *testing.T) {
	code, stdout, _ := runCmd(t, runSchema, "--site", t.TempDir())
	if code != ExitUsage || stdout != "" {
		t.Errorf("--site without site.yaml: exit %d, stdout %q; want %d and nothing", code, stdout, ExitUsage)
	}
	dir := writeSite(t, map[string]string{config.File: "title: Cats\ntaxonomy: [breeds]\n"})
	code, stdout, stderr := runCmd(t, runSchema, "--site", dir)
	if code != ExitContent || stdout != "" || stderr == "" {
		t.Errorf("bad site.yaml: exit %d, stdout %q, stderr %q; want %d, nothing, the problem", code, stdout, stderr, ExitContent)
	}
	if code, _, _ := runCmd(t, runSchema, "extra"); code != ExitUsage {
		t.Errorf("an argument: exit %d, want %d", code, ExitUsage)
	}
}
