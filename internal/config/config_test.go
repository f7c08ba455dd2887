package config

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careguide/careguide/internal/strictyaml"
)

func TestParseDefaults(t *testing.T) {
	s, diags := Parse([]byte("title: Cats\nbase_url: https://example.org/care\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if s.Language != "en" || strings.Join(s.Taxonomies, ",") != "species,topics" || s.UnsafeHTML {
		t.Errorf("defaults: %+v", s)
	}
	if s.BaseURL != "https://example.org/care/" || s.BasePath() != "/care/" || s.AbsURL("/care/x/") != "https://example.org/care/x/" {
		t.Errorf("base url %q path %q", s.BaseURL, s.BasePath())
	}
}

func TestParseFull(t *testing.T) {
	src := `title: Cats
base_url: /
language: de
description: d
author: a
taxonomies: [species, tags]
menus:
  main:
    - name: About
      url: /about/
      weight: 1
params:
  accent: green
  list: [1, 2]
unsafe_html: true
`
	s, diags := Parse([]byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if !s.UnsafeHTML || s.Menus["main"][0].Name != "About" || s.Params["accent"] != "green" || !slices.Contains(s.Taxonomies, "tags") {
		t.Errorf("%+v", s)
	}
}

func TestStrict(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\ntitel: y\n", `site.yaml:2:1: unknown key "titel"` + "\n\thint: did you mean \"title\"?"},
		{"title: x\nunsafe_html: yes please\n", `site.yaml:2:14: expected true or false, found the text "yes please"`},
		{"title: x\ntaxonomies: species\n", `site.yaml:2:13: expected a list, found the text "species"`},
		{"title: x\nbase_url: ftp://x\n", `site.yaml:2:11: base_url "ftp://x" is not an http(s) URL`},
		{"title: x\ntaxonomies: [Bad Name]\n", `site.yaml:2:13: taxonomy name "Bad Name" is not allowed`},
		{"description: x\n", `site.yaml:1:1: missing required key "title"`},
		{"title: x\nmenus:\n  main:\n    - name: a\n", `site.yaml:4:7: missing required key "url"`},
		{"title: [x\n", `site.yaml:1: invalid YAML`},
		{"", `site.yaml:1:1: site.yaml is empty`},
		{"title: x\nparams: &p {a: 1}\nauthor: *p\n", `site.yaml:3:9: YAML aliases (*p) are not supported`},
	}
	for _, tt := range tests {
		_, diags := Parse([]byte(tt.src))
		if !strings.Contains(diags.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, diags.Error(), tt.want)
		}
	}
}

// TestDocs fails when a site.yaml key exists in code but not in
// docs/content-model.md.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Site](), reflect.TypeFor[Lint](), reflect.TypeFor[MenuItem](), reflect.TypeFor[Emergency]()} {
		for _, key := range strictyaml.Fields(typ) {
			if !strings.Contains(string(data), "`"+key) && !strings.Contains(string(data), "."+key+"`") {
				t.Errorf("docs/content-model.md does not mention site.yaml key %q", key)
			}
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, diags := Load(fstest.MapFS{})
	if len(diags) != 1 || !strings.Contains(diags[0].Hint, "careguide init") {
		t.Errorf("%v", diags)
	}
}

func TestLint(t *testing.T) {
	s, diags := Parse([]byte("title: x\n"))
	if len(diags) > 0 || s.Lint.StaleAfter != DefaultStaleAfter || !s.Lint.Enabled(LintChecks[0]) {
		t.Fatalf("defaults: %+v %v", s.Lint, diags)
	}
	for src, want := range map[string]Months{"18mo": 18, "2y": 24, "6": 6} {
		s, diags := Parse([]byte("title: x\nlint:\n  stale_after: " + src + "\n"))
		if len(diags) > 0 || s.Lint.StaleAfter != want {
			t.Errorf("stale_after %s = %d, want %d (%v)", src, s.Lint.StaleAfter, want, diags)
		}
	}
	s, diags = Parse([]byte("title: x\nlint:\n  disable: [orphan, cg706]\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, c := range LintChecks {
		off := c.Name == "orphan" || c.Code == "CG706"
		if s.Lint.Enabled(c) == off {
			t.Errorf("%s enabled = %v", c.Name, !off)
		}
	}
}

func TestLintStrict(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\nlint:\n  disable: [orphan, orphn]\n", `site.yaml:3:21: lint.disable: unknown check "orphn"` + "\n\thint: did you mean \"orphan\"?"},
		{"title: x\nlint:\n  disable:\n    - zzzzzzzzzz\n", `site.yaml:4:7: lint.disable: unknown check "zzzzzzzzzz"` + "\n\thint: known checks: stale,"},
		{"title: x\nlint:\n  stale_after: 18 months\n", `site.yaml:3:16: "18 months" is not a number of months or years`},
		{"title: x\nlint:\n  stale_after: 0y\n", `site.yaml:3:16: stale_after "0y" is out of range`},
		{"title: x\nlint:\n  stail_after: 2y\n", `site.yaml:3:3: unknown key "stail_after"` + "\n\thint: did you mean \"stale_after\"?"},
	}
	for _, tt := range tests {
		_, diags := Parse([]byte(tt.src))
		if !strings.Contains(diags.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, diags.Error(), tt.want)
		}
	}
}

// Every check has a distinct name and a lint code.
func TestLintChecks(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range LintChecks {
		if seen[c.Name] || seen[c.Code] || !strings.HasPrefix(c.Code, "CG7") {
			t.Errorf("check %+v", c)
		}
		seen[c.Name], seen[c.Code] = true, true
	}
}

func TestPaginate(t *testing.T) {
	s, diags := Parse([]byte("title: x\n"))
	if len(diags) > 0 || s.Paginate != DefaultPaginate {
		t.Errorf("default paginate = %d (%v)", s.Paginate, diags)
	}
	s, diags = Parse([]byte("title: x\npaginate: 1\n"))
	if len(diags) > 0 || s.Paginate != 1 {
		t.Errorf("paginate: 1 = %d (%v)", s.Paginate, diags)
	}
	tests := []struct{ src, want string }{
		{"title: x\npaginate: 0\n", `site.yaml:2:11: paginate must be 1 or more, not 0`},
		{"title: x\npaginate:   -3\n", `site.yaml:2:13: paginate must be 1 or more, not -3`},
		{"title: x\npaginate: many\n", `site.yaml:2:11: expected a whole number`},
		{"title: x\npagniate: 10\n", `site.yaml:2:1: unknown key "pagniate"` + "\n\thint: did you mean \"paginate\"?"},
	}
	for _, tt := range tests {
		_, diags := Parse([]byte(tt.src))
		if !strings.Contains(diags.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, diags.Error(), tt.want)
		}
	}
}

func TestEmergency(t *testing.T) {
	s, diags := Parse([]byte("title: x\n"))
	if len(diags) > 0 || s.Emergency.Text != "" || s.Emergency.Phone != "" {
		t.Fatalf("emergency without the key: %+v %v", s.Emergency, diags)
	}
	s, diags = Parse([]byte("title: x\nemergency:\n  text: Call us now.\n  phone: \"+61 (2) 9555-0100\"\n"))
	if len(diags) > 0 || s.Emergency.Text != "Call us now." || s.Emergency.Phone != "+61 (2) 9555-0100" {
		t.Fatalf("%+v %v", s.Emergency, diags)
	}
	for phone, want := range map[Phone]string{"+61 (2) 9555-0100": "tel:+61295550100", "(02) 9555 0100": "tel:0295550100", "000": "tel:000"} {
		if got := string(phone.Tel()); got != want {
			t.Errorf("Phone(%q).Tel() = %q, want %q", phone, got, want)
		}
	}
	// An unquoted number is read as YAML's integer, and is still a number to dial.
	if s, diags := Parse([]byte("title: x\nemergency:\n  text: t\n  phone: 000\n")); len(diags) > 0 || s.Emergency.Phone.Tel() != "tel:000" {
		t.Errorf("phone: 000 gives %q (%v)", s.Emergency.Phone, diags)
	}
}

func TestEmergencyStrict(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\nemergency:\n  text: t\n  phone: call the clinic\n", `site.yaml:4:10: emergency.phone "call the clinic" is not a phone number` + "\n\thint: write the number as people dial it"},
		{"title: x\nemergency:\n  text: t\n  phone: \"12\"\n", `site.yaml:4:10: emergency.phone "12" is not a phone number`},
		{"title: x\nemergency:\n  text: t\n  phone: 1234567890123456\n", `site.yaml:4:10: emergency.phone "1234567890123456" is not a phone number`},
		{"title: x\nemergency:\n  text: t\n  phone: \"+61 2 +9555\"\n", `site.yaml:4:10: emergency.phone "+61 2 +9555" is not a phone number`},
		{"title: x\nemergency:\n  text: t\n  phone: [1, 2]\n", `site.yaml:4:10: emergency.phone must be a single value`},
		{"title: x\nemergency:\n  phone: \"000\"\n", `site.yaml:3:3: missing required key "text"`},
		{"title: x\nemergency:\n  text: \"  \"\n", `site.yaml:3:9: emergency.text is empty`},
		{"title: x\nemergency:\n  text: t\n  phnoe: \"000\"\n", `site.yaml:4:3: unknown key "phnoe"` + "\n\thint: did you mean \"phone\"?"},
		{"title: x\nemergency: Call us\n", `site.yaml:2:12: expected a mapping`},
	}
	for _, tt := range tests {
		_, diags := Parse([]byte(tt.src))
		if !strings.Contains(diags.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, diags.Error(), tt.want)
		}
	}
}

func TestReviewAndTheme(t *testing.T) {
	s, diags := Parse([]byte("title: x\n"))
	if len(diags) > 0 || s.ReviewEvery != DefaultReviewEvery || !s.Theme.ShowReview.On || s.Theme.Accent != "" {
		t.Fatalf("defaults: review_every %d, theme %+v (%v)", s.ReviewEvery, s.Theme, diags)
	}
	s, diags = Parse([]byte("title: x\nreview_every: 2y\ntheme:\n  accent: \"#16A\"\n  logo: img/logo.svg\n  footer: Riverside Vets, 01234 567890\n  show_review: false\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := Theme{Accent: "#1166aa", Logo: "img/logo.svg", Footer: "Riverside Vets, 01234 567890", ShowReview: Switch{On: false, Set: true}}
	if s.ReviewEvery != 24 || s.Theme != want {
		t.Errorf("review_every %d, theme %+v; want 24, %+v", s.ReviewEvery, s.Theme, want)
	}
	tests := []struct{ src, want string }{
		{"title: x\ntheme:\n  accent: green\n", `site.yaml:3:11: "green" is not a colour`},
		{"title: x\ntheme:\n  accent: #0b6e4f\n", `accent has no value` + "\n\thint: put the colour in quotes: accent: \"#0b6e4f\""},
		{"title: x\ntheme:\n  accent: \"#7fd\"\n", `site.yaml:3:11: accent #7fd has a contrast of 1.2:1 with white; links and buttons need 4.5:1`},
		{"title: x\ntheme:\n  logo: ../logo.svg\n", `site.yaml:3:9: theme.logo "../logo.svg" is not a path inside assets/`},
		{"title: x\ntheme:\n  show_review: maybe\n", `site.yaml:3:16: expected true or false`},
		{"title: x\ntheme:\n  acent: \"#000\"\n", `site.yaml:3:3: unknown key "acent"` + "\n\thint: did you mean \"accent\"?"},
		{"title: x\nreview_every: 0\n", `site.yaml:2:15: review_every "0" is out of range`},
		{"title: x\nreview_every: soon\n", `site.yaml:2:15: "soon" is not a number of months or years`},
	}
	for _, tt := range tests {
		_, diags := Parse([]byte(tt.src))
		if !strings.Contains(diags.Error(), tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, diags.Error(), tt.want)
		}
	}
}
