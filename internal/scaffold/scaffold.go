// Package scaffold makes the files of `careguide new` and `careguide init`:
// a new guide from an archetype, a new site that builds at once, and the
// CI workflow that checks and publishes it (init --ci).
//
// Input: the archetype (a text/template read from a site's fs.FS, which
// the caller layers over the embedded theme) and plain values (a title, a
// date). Output: file paths and bytes. Nothing here touches the OS: the
// command line decides where the bytes go and refuses to overwrite.
//
// The one thing to know before changing it: what this package writes must
// pass careguide's strict frontmatter checks as written, so the tests build
// every file it makes; keep the archetype's keys in step with
// internal/content's Guide.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/content"
	"go.yaml.in/yaml/v3"
)

// Archetype is where a site keeps the template of a new guide. A site's own
// copy overrides the one built into careguide.
const Archetype = "templates/archetypes/guide.md"

// GuideData is what an archetype can use: {{.Title}}, {{.Date}} and so on.
type GuideData struct {
	Title string // "Leash training"
	Date  string // today, YYYY-MM-DD
	Path  string // content path of the new guide: "guides/leash-training.md"
	// Allowed lists the values of each enumerated key, "a | b | c", so the
	// archetype's comments never drift from what the parser accepts.
	Allowed Allowed
}

// Allowed holds the allowed values of each enumerated frontmatter key.
type Allowed struct {
	Difficulty, GearKind, EnrichmentKind, Effort string
}

// NewGuideData fills in GuideData for a guide at content path p.
func NewGuideData(p, title, date string) GuideData {
	if title == "" {
		title = TitleFromPath(p)
	}
	alts := func(values []string) string { return strings.Join(values, " | ") }
	return GuideData{Title: title, Date: date, Path: p, Allowed: Allowed{
		Difficulty:     alts(content.Difficulties),
		GearKind:       alts(content.GearKinds),
		EnrichmentKind: alts(content.EnrichmentKinds),
		Effort:         alts(content.Efforts),
	}}
}

// funcs are the functions an archetype may call besides text/template's.
var funcs = template.FuncMap{"yaml": YAMLString}

// Guide executes the archetype in fsys with data.
func Guide(fsys fs.FS, data GuideData) ([]byte, error) {
	src, err := fs.ReadFile(fsys, Archetype)
	if err != nil {
		return nil, err
	}
	return execute(Archetype, string(src), data)
}

func execute(name, src string, data any) ([]byte, error) {
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// YAMLString writes s as a YAML scalar: plain when that reads back as the
// same text, quoted otherwise, so a title like "Harness: the basics" or
// "Yes" cannot break or change the frontmatter.
func YAMLString(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil || bytes.Count(out, []byte("\n")) > 1 {
		return fmt.Sprintf("%q", s) // a multi-line title: a JSON string is valid YAML
	}
	return strings.TrimSuffix(string(out), "\n")
}

// ErrPath says a guide path is not one careguide new can use; the command
// line reports it as a usage error.
var ErrPath = errors.New("bad guide path")

// ContentPath turns the path a user typed ("guides/x", "content/guides/x.md")
// into a slash path inside content/ ending in ".md". It refuses paths that
// leave content/ or that would not be a guide.
func ContentPath(arg string) (string, error) {
	bad := func(format string, a ...any) (string, error) {
		return "", fmt.Errorf("%w: %s", ErrPath, fmt.Sprintf(format, a...))
	}
	p := strings.ReplaceAll(arg, `\`, "/")
	switch {
	case strings.TrimSpace(p) == "":
		return bad("the path is empty; name the guide, e.g. guides/leash-training.md")
	case path.IsAbs(p) || (len(p) > 1 && p[1] == ':'):
		return bad("%q is absolute; give a path inside content/, e.g. guides/leash-training.md", arg)
	case strings.Contains("/"+p+"/", "/../"):
		return bad("%q leaves content/; give a path inside it, e.g. guides/leash-training.md", arg)
	}
	p = strings.TrimPrefix(path.Clean(p), "content/")
	if path.Ext(p) != ".md" {
		p += ".md"
	}
	dir, name := path.Split(p)
	if dir == "" {
		return bad("%q is not in a section; a guide lives in a folder such as guides/, e.g. guides/%s", arg, name)
	}
	if strings.HasPrefix(name, "_") {
		return bad("%q: names starting with _ are section pages (_index.md), not guides", arg)
	}
	for _, part := range strings.Split(p, "/") {
		if content.Ignored(part) {
			return bad("%q: careguide skips %q (hidden, backup or swap file names), so the guide would never be built", arg, part)
		}
	}
	return p, nil
}

// SameURL is the other content path that would publish at the same URL as
// p: "guides/x/index.md" for "guides/x.md" and the other way round.
func SameURL(p string) string {
	if path.Base(p) == "index.md" {
		return path.Dir(p) + ".md"
	}
	return strings.TrimSuffix(p, ".md") + "/index.md"
}

// TitleFromPath makes a title from a file name: "guides/leash-training.md"
// and "guides/leash-training/index.md" give "Leash training".
func TitleFromPath(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if name == "index" {
		name = path.Base(path.Dir(p))
	}
	if title := Humanize(name); title != "" {
		return title
	}
	return "Untitled guide"
}

// Humanize makes a name for people from a file or dir name: "cat-care" and
// "cat_care" give "Cat care"; "" when nothing is left.
func Humanize(name string) string {
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	title := strings.Join(words, " ")
	if title == "" || title == "." {
		return ""
	}
	r, size := utf8.DecodeRuneInString(title)
	return string(unicode.ToUpper(r)) + title[size:]
}
