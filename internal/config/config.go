// Package config reads site.yaml, the one file that says what a site is
// called, where it will live and how its guides are grouped.
//
// Input: an fs.FS rooted at the site dir. Output: a *Site with defaults filled
// in, or diagnostics pointing at the offending line and column. Unknown keys
// and wrong types are errors, never ignored: a typo in site.yaml would
// otherwise silently change the published site.
package config

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

// File is the name of the configuration file at the top of a site dir.
const File = "site.yaml"

// ErrNoSite is returned when the dir has no site.yaml.
var ErrNoSite = errors.New("no " + File)

// Site is site.yaml.
type Site struct {
	Title       string                `yaml:"title" cg:"required"`
	BaseURL     string                `yaml:"base_url"`
	Language    string                `yaml:"language"`
	Description string                `yaml:"description"`
	Author      string                `yaml:"author"`
	Taxonomies  []string              `yaml:"taxonomies"`
	Menus       map[string][]MenuItem `yaml:"menus"`
	Params      map[string]any        `yaml:"params"`
	UnsafeHTML  bool                  `yaml:"unsafe_html"`
	// Paginate is how many guides a section or term page lists before the
	// rest go on /page/2/ and on; 0 after Parse never happens (see fillDefaults).
	Paginate int  `yaml:"paginate"`
	Lint     Lint `yaml:"lint"`
	// Emergency is what every guide page tells a reader whose animal
	// needs a vet now; a theme shows a general line when it is not set.
	Emergency Emergency `yaml:"emergency"`
	// ReviewEvery is how long a guide's vet review holds: the next one is
	// due this many months after reviewed_on. 0 after Parse never happens.
	ReviewEvery ReviewPeriod `yaml:"review_every"`
	Theme       Theme        `yaml:"theme"`
}

// Emergency is the emergency: mapping.
type Emergency struct {
	Text  string `yaml:"text" cg:"required"`
	Phone Phone  `yaml:"phone"`
}

// Phone is a phone number as people dial it: "+61 2 9555 0100",
// "(02) 9555 0100", "000".
type Phone string

var phoneValue = regexp.MustCompile(`^\+?[0-9][0-9 ().-]*$`)

func (p *Phone) DecodeYAML(n *yaml.Node) (string, string) {
	const hint = `write the number as people dial it, with digits, spaces, ( ) - and a leading +, e.g. "+61 2 9555 0100"`
	if n.Kind != yaml.ScalarNode {
		return "emergency.phone must be a single value", hint
	}
	v := strings.TrimSpace(n.Value)
	// E.164 numbers have at most 15 digits; 3 allows short emergency
	// numbers such as 000 or 999.
	if digits := len(telDigits(v)); !phoneValue.MatchString(v) || digits < 3 || digits > 15 {
		return fmt.Sprintf("emergency.phone %q is not a phone number", n.Value), hint
	}
	*p = Phone(strings.Clone(v))
	return "", ""
}

// Tel is the number as a tel: URL (RFC 3966): its digits, after a + when
// it starts with one. It is typed as a safe URL because html/template lets
// only http, https and mailto through an href; the number was checked to
// be digits and punctuation when site.yaml was read.
func (p Phone) Tel() template.URL {
	return template.URL("tel:" + telDigits(string(p)))
}

func telDigits(v string) string {
	var b strings.Builder
	for i, r := range v {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// DefaultReviewEvery is review_every when site.yaml does not set it: a
// year, as health publishers commonly review their pages.
const DefaultReviewEvery = 12

// Theme is the theme: mapping, what a site may change of the default
// theme without copying its files.
type Theme struct {
	// Accent is the colour of links, buttons and step numbers, "#0b6e4f";
	// "" leaves the theme's own.
	Accent Colour `yaml:"accent"`
	// Logo is an image in assets/ ("img/logo.svg") shown before the
	// site's title.
	Logo string `yaml:"logo"`
	// Footer is a line of text for the footer: an address, a phone number.
	Footer string `yaml:"footer"`
	// ShowReview says whether guides show who reviewed them and when
	// (default true).
	ShowReview Switch `yaml:"show_review"`
}

// Switch is a true or false setting whose default is not false: Set says
// site.yaml wrote it.
type Switch struct {
	On, Set bool
}

func (w *Switch) DecodeYAML(n *yaml.Node) (string, string) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return "expected true or false", "write true or false"
	}
	w.On, w.Set = n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
	return "", ""
}

// Colour is a colour written as CSS hex, "#0b6e4f" or "#0b5", kept as
// six lowercase digits.
type Colour string

var colourValue = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// minAccentContrast is WCAG's AA contrast for text: the accent colours
// link text on white and is the background of white text.
const minAccentContrast = 4.5

func (c *Colour) DecodeYAML(n *yaml.Node) (string, string) {
	const hint = "write a colour as # and six hex digits, e.g. \"#0b6e4f\" (quoted: # starts a comment in YAML)"
	if n.Kind != yaml.ScalarNode || !colourValue.MatchString(n.Value) {
		if n.Kind == yaml.ScalarNode && n.Value == "" {
			return "accent is empty", hint
		}
		return fmt.Sprintf("%q is not a colour", n.Value), hint
	}
	hex := strings.ToLower(n.Value[1:])
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if r := contrastWithWhite(hex); r < minAccentContrast {
		return fmt.Sprintf("accent %s has a contrast of %.1f:1 with white; links and buttons need %.1f:1", n.Value, r, minAccentContrast),
			"choose a darker shade of the colour"
	}
	*c = Colour("#" + hex)
	return "", ""
}

// contrastWithWhite is the WCAG 2 contrast ratio of a colour (six hex
// digits) with white.
func contrastWithWhite(hex string) float64 {
	lum := 0.0
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += weight * c
	}
	return 1.05 / (lum + 0.05)
}

// Lint is the lint: mapping, which tunes the warnings about guide quality.
type Lint struct {
	// StaleAfter is how many months a guide's updated date may lag behind
	// the newest updated date in the site; 0 in site.yaml means the default.
	StaleAfter Months `yaml:"stale_after"`
	// Disable names checks (by name or code) that report nothing.
	Disable []string `yaml:"disable"`
}

// LintCheck is one check lint can run, as site.yaml names it.
type LintCheck struct {
	Name string // "stale"
	Code string // diag.CodeStale
}

// LintChecks are the checks lint.disable accepts. They are listed here rather
// than in package lint because site.yaml is checked before lint runs, and
// config imports nothing downstream of it.
var LintChecks = []LintCheck{
	{"stale", diag.CodeStale},
	{"no-updated", diag.CodeNoUpdated},
	{"outdoors-without-safety", diag.CodeNoSafety},
	{"short-step", diag.CodeShortStep},
	{"poor-alt", diag.CodePoorAlt},
	{"no-sources", diag.CodeNoSources},
	{"gear-without-choices", diag.CodeGearNoChoice},
	{"orphan", diag.CodeOrphan},
	{"duplicate-title", diag.CodeDupTitle},
	{"duplicate-step", diag.CodeDupStep},
	{"no-vet-advice", diag.CodeNoVetAdvice},
	{"bare-source-url", diag.CodeBareSource},
	{"unknown-callout", diag.CodeCallout},
	{"review-due", diag.CodeReviewDue},
}

// DefaultStaleAfter is lint.stale_after when site.yaml does not set it.
const DefaultStaleAfter Months = 18

// Enabled reports whether the check is on: neither its name nor its code is
// in lint.disable.
func (l *Lint) Enabled(c LintCheck) bool {
	for _, d := range l.Disable {
		if strings.EqualFold(d, c.Name) || strings.EqualFold(d, c.Code) {
			return false
		}
	}
	return true
}

// Months is a whole number of months, written "18mo", "2y" or just 18.
type Months int

var monthsValue = regexp.MustCompile(`^([0-9]+)(mo|y)?$`)

func (m *Months) DecodeYAML(n *yaml.Node) (string, string) {
	return decodeMonths(n, (*int)(m), "stale_after", "use a positive number of months; to turn the check off, add stale to lint.disable")
}

// ReviewPeriod is review_every: months, written as Months are.
type ReviewPeriod int

func (m *ReviewPeriod) DecodeYAML(n *yaml.Node) (string, string) {
	return decodeMonths(n, (*int)(m), "review_every", "use a positive number of months, e.g. 12 or 1y")
}

func decodeMonths(n *yaml.Node, dst *int, key, rangeHint string) (string, string) {
	const hint = "write a number of months (18mo) or years (2y)"
	if n.Kind != yaml.ScalarNode {
		return key + " must be a single value", hint
	}
	v := monthsValue.FindStringSubmatch(n.Value)
	if v == nil {
		return fmt.Sprintf("%q is not a number of months or years", n.Value), hint
	}
	x, err := strconv.Atoi(v[1])
	if v[2] == "y" {
		x *= 12
	}
	if err != nil || x <= 0 || x > 1200 {
		return fmt.Sprintf("%s %q is out of range", key, n.Value), rangeHint
	}
	*dst = x
	return "", ""
}

// MenuItem is one entry of a named menu, as site.yaml writes it. The
// link stage checks its URL and gives it the base path (site.Site.Menus).
type MenuItem struct {
	Name   string `yaml:"name" cg:"required"`
	URL    Href   `yaml:"url" cg:"required"`
	Weight int    `yaml:"weight"`
}

// Href is a URL written in site.yaml ("/about/", "about.md",
// "https://example.org/"), kept with where it is written so that one
// which leads nowhere is reported there. A template prints it as the URL.
type Href struct {
	URL       string
	Line, Col int
}

func (h *Href) DecodeYAML(n *yaml.Node) (string, string) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" || strings.TrimSpace(n.Value) == "" {
		return "a url must be one text value", "write a path from the site's root, such as /about/, or a full URL"
	}
	h.URL = strings.Clone(n.Value)
	return "", ""
}

// SetPosition records where the URL is written.
func (h *Href) SetPosition(line, col int) { h.Line, h.Col = line, col }

func (h Href) String() string { return h.URL }

// DefaultPaginate is paginate when site.yaml does not set it.
const DefaultPaginate = 20

// DefaultTaxonomies group guides when site.yaml names none.
var DefaultTaxonomies = []string{"species", "topics"}

var taxonomyName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// Load reads and checks site.yaml from fsys.
func Load(fsys fs.FS) (*Site, diag.List) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, diag.List{{File: File, Code: diag.CodeConfig, Message: ErrNoSite.Error(),
			Hint: "run careguide in a site dir, pass --site DIR, or create one with \"careguide init\""}}
	}
	if err != nil {
		return nil, diag.List{{File: File, Code: diag.CodeRead, Message: err.Error()}}
	}
	return Parse(data)
}

// Parse checks the bytes of a site.yaml.
func Parse(data []byte) (*Site, diag.List) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, diag.List{strictyaml.SyntaxError(File, 0, data, err)}
	}
	s := &Site{}
	if root.Kind == 0 {
		return nil, diag.List{{File: File, Line: 1, Column: 1, Code: diag.CodeRequired,
			Message: "site.yaml is empty", Hint: "add at least \"title: My care guides\""}}
	}
	dec := strictyaml.Decoder{File: File}
	diags := dec.Decode(&root, s)
	diags = append(diags, s.check(&root)...)
	if diags.HasErrors() {
		return nil, diags
	}
	s.fillDefaults()
	return s, diags
}

func (s *Site) check(root *yaml.Node) diag.List {
	var diags diag.List
	at := func(key string) (int, int) { return positionOf(root, key) }
	if s.BaseURL != "" {
		if err := CheckBaseURL(s.BaseURL); err != nil {
			line, col := at("base_url")
			diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue, BaseURLHint, "base_url %v", err))
		}
	}
	for _, t := range s.Taxonomies {
		if !taxonomyName.MatchString(t) {
			line, col := at("taxonomies")
			diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue,
				"use lowercase letters, digits, - and _, starting with a letter", "taxonomy name %q is not allowed", t))
		}
	}
	if s.Paginate < 1 && valueOf(topLevel(root), "paginate") != nil {
		line, col := at("paginate")
		diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue,
			"write how many guides a list page shows, e.g. 20; leave the key out for the default",
			"paginate must be 1 or more, not %d", s.Paginate))
	}
	if em := valueOf(topLevel(root), "emergency"); em != nil && em.Kind == yaml.MappingNode && strings.TrimSpace(s.Emergency.Text) == "" {
		if text := valueOf(em, "text"); text != nil {
			diags = append(diags, diag.Errorf(File, text.Line, text.Column, diag.CodeValue,
				"say what a reader should do when their animal needs a vet now, e.g. \"Call us straight away\"",
				"emergency.text is empty"))
		}
	}
	if th := valueOf(topLevel(root), "theme"); th != nil {
		// accent: #0b6e4f is YAML for no value: # starts a comment.
		for i := 0; i+1 < len(th.Content); i += 2 {
			k, v := th.Content[i], th.Content[i+1]
			if k.Value == "accent" && v.Tag == "!!null" && strings.HasPrefix(k.LineComment+v.LineComment, "#") {
				diags = append(diags, diag.Errorf(File, v.Line, v.Column, diag.CodeValue,
					"put the colour in quotes: accent: \""+k.LineComment+v.LineComment+"\"; in YAML, # starts a comment",
					"accent has no value"))
			}
		}
	}
	if l := s.Theme.Logo; l != "" && (path.IsAbs(l) || path.Clean(l) != l || strings.HasPrefix(l, "..") || strings.Contains(l, "\\")) {
		line, col := at("theme")
		if th := valueOf(topLevel(root), "theme"); th != nil {
			if v := valueOf(th, "logo"); v != nil {
				line, col = v.Line, v.Column
			}
		}
		diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue,
			"write the path of an image inside assets/, e.g. img/logo.svg for assets/img/logo.svg",
			"theme.logo %q is not a path inside assets/", l))
	}
	return append(diags, s.checkLint(root)...)
}

// topLevel is the mapping of a parsed site.yaml document.
func topLevel(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		return root.Content[0]
	}
	return root
}

// checkLint refuses unknown names in lint.disable: a typo there would
// silently leave a check on.
func (s *Site) checkLint(root *yaml.Node) diag.List {
	var diags diag.List
	names := make([]string, len(LintChecks))
	for i, c := range LintChecks {
		names[i] = c.Name
	}
	for i, d := range s.Lint.Disable {
		known := false
		for _, c := range LintChecks {
			known = known || strings.EqualFold(d, c.Name) || strings.EqualFold(d, c.Code)
		}
		line, col := disablePosition(root, i)
		switch {
		case known:
			continue
		case strings.EqualFold(d, "missing-alt") || strings.EqualFold(d, "CG705"):
			diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue,
				"remove it: every image needs alt text (alt: \"\" for one that only decorates)",
				"lint.disable: %q is no longer a warning: an image without alt text is an error (CG207)", d))
			continue
		}
		hint := diag.Suggest(d, names)
		if hint == "" {
			hint = "known checks: " + strings.Join(names, ", ") + ", or their codes"
		}
		diags = append(diags, diag.Errorf(File, line, col, diag.CodeValue, hint, "lint.disable: unknown check %q", d))
	}
	return diags
}

// disablePosition finds where lint.disable's i-th entry is written.
func disablePosition(root *yaml.Node, i int) (int, int) {
	m := root
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	for _, key := range []string{"lint", "disable"} {
		next := valueOf(m, key)
		if next == nil {
			return positionOf(root, "lint")
		}
		m = next
	}
	if i < len(m.Content) {
		return m.Content[i].Line, m.Content[i].Column
	}
	return m.Line, m.Column
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// positionOf finds where a top-level key's value is written; the top of
// the file when it is not there.
func positionOf(root *yaml.Node, key string) (int, int) {
	if line, col, ok := strictyaml.Position(root, key); ok {
		return line, col
	}
	return 1, 1
}

func (s *Site) fillDefaults() {
	if s.Language == "" {
		s.Language = "en"
	}
	if s.Taxonomies == nil {
		s.Taxonomies = DefaultTaxonomies
	}
	if s.Paginate == 0 {
		s.Paginate = DefaultPaginate
	}
	if s.Lint.StaleAfter == 0 {
		s.Lint.StaleAfter = DefaultStaleAfter
	}
	if s.ReviewEvery == 0 {
		s.ReviewEvery = DefaultReviewEvery
	}
	if !s.Theme.ShowReview.Set {
		s.Theme.ShowReview.On = true
	}
	s.SetBaseURL(s.BaseURL)
}

// BaseURLHint says what a base URL should be.
const BaseURLHint = "use the address the site will be published at, e.g. https://example.org/ or /care/"

// CheckBaseURL says what is wrong with a base URL, or nil: it must be an
// http or https URL with a host, or a path starting with a single /.
func CheckBaseURL(u string) error {
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL (%v)", u, err)
	case p.Scheme == "" && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//"):
		return nil
	case (p.Scheme == "http" || p.Scheme == "https") && p.Host != "":
		return nil
	}
	return fmt.Errorf("%q is not an http(s) URL or a path starting with /", u)
}

// SetBaseURL sets the base URL (from site.yaml or --base-url), normalised to
// end in exactly one slash; empty means the site root "/".
func (s *Site) SetBaseURL(u string) {
	if u == "" {
		u = "/"
	}
	s.BaseURL = strings.TrimRight(u, "/") + "/"
}

// BasePath is the path part of the base URL ("/" or "/care/"): every link the
// site writes starts with it, so the site works from a sub-directory.
func (s *Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimRight(u.Path, "/") + "/"
}

// AbsURL turns a site path ("/guides/x/") into a full URL for feeds, sitemaps
// and canonical links. With a path-only base URL it stays a path.
func (s *Site) AbsURL(path string) string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Scheme == "" {
		return path
	}
	return fmt.Sprintf("%s://%s%s", u.Scheme, u.Host, path)
}
