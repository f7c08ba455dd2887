package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"
)

// ciFiles are the CI workflows `careguide init --ci NAME` writes, one per
// NAME. They are text/templates of CIData with [[ ]] delimiters, since
// GitHub Actions' own expressions are written ${{ }}.
//
//go:embed ci
var ciFiles embed.FS

// CIPaths says where each CI's workflow goes in the site dir.
var CIPaths = map[string]string{
	"github": ".github/workflows/careguide.yml",
}

// CINames lists the CIs init can set up, sorted.
func CINames() []string {
	var names []string
	for name := range CIPaths {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// CIData is what a workflow can use.
type CIData struct {
	// Version is the careguide the workflow installs: a release tag such
	// as v1.2.3, or "latest".
	Version string
}

var releaseTag = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// CIVersion is the version a workflow should install for a careguide whose
// own version is v: the same release, so CI checks with what the author
// runs, or the latest release for a build that is not one ("devel").
func CIVersion(v string) string {
	if releaseTag.MatchString(v) {
		return v
	}
	return "latest"
}

// CI returns the workflow of the named CI; name must be one of CINames.
func CI(name string, data CIData) (File, error) {
	p, ok := CIPaths[name]
	if !ok {
		return File{}, fmt.Errorf("no CI named %q (known: %s)", name, strings.Join(CINames(), ", "))
	}
	src, err := ciFiles.ReadFile("ci/" + name + ".yml")
	if err != nil {
		return File{}, err
	}
	t, err := template.New(name).Delims("[[", "]]").Option("missingkey=error").Parse(string(src))
	if err != nil {
		return File{}, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return File{}, err
	}
	return File{Path: p, Data: b.Bytes()}, nil
}
