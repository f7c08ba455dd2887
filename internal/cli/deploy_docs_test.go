package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/build"
	"github.com/careguide/careguide/internal/scaffold"
)

// fence is one fenced code block of a Markdown file: its info string
// ("toml netlify.toml") and its text.
type fence struct {
	info, text string
	line       int
}

var fenceRE = regexp.MustCompile("(?ms)^```([^\n]*)\n(.*?)^```$")

func fences(doc string) []fence {
	var fs []fence
	for _, m := range fenceRE.FindAllStringSubmatchIndex(doc, -1) {
		fs = append(fs, fence{info: doc[m[2]:m[3]], text: doc[m[4]:m[5]], line: strings.Count(doc[:m[0]], "\n") + 1})
	}
	return fs
}

// fenced returns the one block whose info string is info, failing the
// test when there is not exactly one.
func fenced(t *testing.T, doc, info string) string {
	t.Helper()
	var found []string
	for _, f := range fences(doc) {
		if f.info == info {
			found = append(found, f.text)
		}
	}
	if len(found) != 1 {
		t.Fatalf("docs/deploy.md has %d blocks of ```%s, want 1", len(found), info)
	}
	return found[0]
}

var inlineCode = regexp.MustCompile("`([^`\n]+)`")

// TestDeployDocs checks the recipes of docs/deploy.md: every careguide
// command in it uses flags that exist, the workflow it shows is the one
// init writes, the Netlify and Wrangler files parse and publish public/,
// and the nginx and Caddy configs serve the precompressed copies and give
// a year's cache to exactly the fingerprinted assets of a real build.
func TestDeployDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)

	var cmds []commandLine
	for _, f := range fences(doc) {
		for _, c := range careguideCommands("docs/deploy.md", f.text) {
			c.where = fmt.Sprintf("docs/deploy.md:%d (block)", f.line)
			cmds = append(cmds, c)
		}
	}
	for i, line := range strings.Split(doc, "\n") {
		for _, m := range inlineCode.FindAllStringSubmatch(line, -1) {
			for _, c := range careguideCommands("docs/deploy.md", m[1]) {
				c.where = fmt.Sprintf("docs/deploy.md:%d", i+1)
				cmds = append(cmds, c)
			}
		}
	}
	if len(cmds) < 10 {
		t.Fatalf("found %d careguide commands in docs/deploy.md; is the scan broken?", len(cmds))
	}
	checkCommands(t, cmds)

	workflow, err := scaffold.CI("github", scaffold.CIData{Version: "latest"})
	if err != nil {
		t.Fatal(err)
	}
	if got := fenced(t, doc, "yaml "+workflow.Path); got != string(workflow.Data) {
		t.Errorf("the workflow in docs/deploy.md is not the one careguide init --ci github writes; paste it again:\n%s", workflow.Data)
	}

	var netlify struct {
		Build struct{ Command, Publish string }
	}
	if _, err := toml.Decode(fenced(t, doc, "toml netlify.toml"), &netlify); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	publishes(t, "netlify.toml", netlify.Build.Command, netlify.Build.Publish, "--headers")

	var wrangler struct {
		Name                string
		PagesBuildOutputDir string `toml:"pages_build_output_dir"`
	}
	if _, err := toml.Decode(fenced(t, doc, "toml wrangler.toml"), &wrangler); err != nil {
		t.Fatalf("wrangler.toml: %v", err)
	}
	if wrangler.PagesBuildOutputDir != "public" {
		t.Errorf("wrangler.toml publishes %q, want public", wrangler.PagesBuildOutputDir)
	}

	// A real build's assets, to try the servers' fingerprint patterns on.
	res := build.Build(careguide.Default, careguide.Default, build.Options{Minify: true})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	fingerprinted := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`)
	nginx := fenced(t, doc, "nginx")
	caddy := fenced(t, doc, "caddyfile")
	for name, c := range map[string]struct {
		text    string
		pattern *regexp.Regexp
		must    []string
	}{
		"nginx": {nginx, regexp.MustCompile(`location ~ "([^"]+)"`),
			[]string{"gzip_static on;", "brotli_static on;", "root /srv/care/public;", "error_page 404 /404.html;", "public, max-age=31536000, immutable"}},
		"Caddy": {caddy, regexp.MustCompile(`path_regexp (\S+)`),
			[]string{"precompressed br gzip", "root * /srv/care/public", "rewrite * /404.html", "public, max-age=31536000, immutable"}},
	} {
		for _, s := range c.must {
			if !strings.Contains(c.text, s) {
				t.Errorf("the %s config lacks %q", name, s)
			}
		}
		m := c.pattern.FindStringSubmatch(c.text)
		if m == nil {
			t.Errorf("the %s config has no pattern for fingerprinted assets", name)
			continue
		}
		re, err := regexp.Compile(m[1])
		if err != nil {
			t.Errorf("the %s pattern %q: %v", name, m[1], err)
			continue
		}
		for _, f := range res.Files {
			if got, want := re.MatchString("/"+f.Path), fingerprinted.MatchString(f.Path); got != want {
				t.Errorf("the %s pattern %q matches /%s: %v, want %v", name, m[1], f.Path, got, want)
			}
		}
	}
	// The table of hosts gives each the flags the recipes below use.
	for host, flag := range map[string]string{"GitHub Pages": "--minify", "Netlify, Cloudflare Pages": "--headers", "nginx, Caddy": "--precompress"} {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(host) + "[^|]* \\| `(careguide build[^`]*)`").FindStringSubmatch(doc)
		if row == nil || !slices.Contains(strings.Fields(row[1]), flag) {
			t.Errorf("the table of hosts has no careguide build with %s for %s", flag, host)
		}
	}
}

// publishes checks a host's build command and publish dir: a careguide
// build with the flag the host wants, into the dir the host publishes.
func publishes(t *testing.T, file, command, dir, flag string) {
	t.Helper()
	cmds := careguideCommands(file, command)
	if len(cmds) != 1 || cmds[0].args[0] != "build" || !slices.Contains(cmds[0].args, flag) {
		t.Errorf("%s: command %q is not one careguide build with %s", file, command, flag)
		return
	}
	out := "public"
	if i := slices.Index(cmds[0].args, "--out"); i >= 0 && i+1 < len(cmds[0].args) {
		out = cmds[0].args[i+1]
	}
	if filepath.Clean(dir) != out {
		t.Errorf("%s publishes %q, but the build writes %q", file, dir, out)
	}
}
