package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adrg/frontmatter"
	careguide "github.com/careguide/careguide"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markdown"
)

func testOptions() *Options {
	return &Options{Markdown: markdown.New(), BasePath: "/", Taxonomies: []string{"species", "topics"}}
}

const guide = `---
title: Leash training
description: A plan.
species: [cat]
topics: [training]
difficulty: beginner
session_time: 10m
total_time: 4w
updated: 2026-11-20
steps:
  - title: One
    body: Sniff [two](#step-2).
  - title: Two
    body: |
      Walk.

      See [harness](../gear/harness.md#fit).
---
Body [link](other.md).
`

func TestParseGuide(t *testing.T) {
	p, diags := Parse("guides/leash.md", []byte(guide), testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if p.Kind != KindGuide || p.URL != "/guides/leash/" || p.Section != "guides" {
		t.Errorf("kind %v url %q section %q", p.Kind, p.URL, p.Section)
	}
	if p.SessionTime.ISO8601() != "PT10M" || p.TotalTime.ISO8601() != "P4W" || p.Updated.String() != "2026-11-20" {
		t.Errorf("durations/date: %v %v %v", p.SessionTime, p.TotalTime, p.Updated)
	}
	if got := strings.Join(p.Terms["species"], ","); got != "cat" {
		t.Errorf("species terms %q", got)
	}
	want := []Link{
		{Target: "guides/other.md", Page: true, Line: 19, Col: 6},
		{Fragment: "step-2", Page: true, Line: 12, Col: 17},
		{Target: "gear/harness.md", Fragment: "fit", Page: true, Line: 17, Col: 11},
	}
	if len(p.Links) != len(want) {
		t.Fatalf("links %+v", p.Links)
	}
	for i, l := range want {
		if p.Links[i] != l {
			t.Errorf("link %d = %+v, want %+v", i, p.Links[i], l)
		}
	}
	if !strings.Contains(string(p.Steps[1].Body.HTML), `href="/gear/harness/#fit"`) {
		t.Errorf("step body not rewritten: %s", p.Steps[1].Body.HTML)
	}
	if !p.Steps[1].Body.Block || p.Steps[0].Body.Block {
		t.Error("block detection wrong")
	}
	// BlockHTML wraps an inline value in a paragraph and is a block value
	// as it is.
	inline, block := p.Steps[0].Body, p.Steps[1].Body
	if want := "<p>" + inline.HTML + "</p>"; inline.BlockHTML != want || !strings.HasPrefix(string(inline.HTML), "Sniff <a") {
		t.Errorf("inline BlockHTML %q, HTML %q", inline.BlockHTML, inline.HTML)
	}
	if block.BlockHTML != block.HTML || !strings.HasPrefix(string(block.HTML), "<p>Walk.</p>") {
		t.Errorf("block BlockHTML %q, HTML %q", block.BlockHTML, block.HTML)
	}
	if !strings.Contains(strings.Join(p.Anchors, " "), "step-2") {
		t.Errorf("anchors %v", p.Anchors)
	}
}

// TestBadInput covers TESTPLAN D25-D31 and D33: each problem is reported at
// its own line and column with a hint.
func TestBadInput(t *testing.T) {
	bomb := "---\ntitle: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntopics: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n"
	tests := []struct {
		name, src string
		want      string // "line:col: message fragment"
	}{
		{"D25 unclosed", "---\ntitle: x\n", "1:1: frontmatter opened on line 1 is never closed"},
		{"D26 invalid yaml", "---\ntitle: [x\n---\n", "2:0: invalid YAML"},
		{"D27 unknown key", "---\ntitle: x\ndescription: d\ndificulty: beginner\n---\n", `4:1: unknown key "dificulty"`},
		{"D28 wrong type", "---\ntitle: x\ndescription: d\ntopics: training\n---\n", "4:9: expected a list"},
		{"D28 mapping for text", "---\ntitle: {a: b}\ndescription: d\n---\n", "2:8: expected text"},
		{"D29 bad enum", "---\ntitle: x\ndescription: d\ndifficulty: hard\n---\n", `4:13: "hard" is not a difficulty`},
		{"D29 bad duration", "---\ntitle: x\ndescription: d\nsession_time: 10\n---\n", `4:15: "10" is not a duration`},
		{"D29 bad date", "---\ntitle: x\ndescription: d\nupdated: 2026-02-30\n---\n", `4:10: "2026-02-30" is not a date`},
		{"D29 bad url", "---\ntitle: x\ndescription: d\nsources:\n  - title: s\n    url: ftp://x\n---\n", `6:10: "ftp://x" is not a web address`},
		{"D30 alias bomb", bomb, "9:10: YAML aliases (*f) are not supported"},
		{"D31 not utf-8", "---\ntitle: caf\xe9\n---\n", "2:11: file is not valid UTF-8"},
		{"D33 binary", "\x89PNG\r\n\x1a\n\x00\x00", "3:1: not a text file"},
		{"missing title", "---\ndescription: d\n---\n", `2:1: missing required key "title"`},
		{"missing description", "---\ntitle: t\n---\n", `2:1: missing required key "description"`},
		{"duplicate key", "---\ntitle: t\ndescription: d\ntitle: u\n---\n", `4:1: duplicate key "title"`},
		{"step without body", "---\ntitle: t\ndescription: d\nsteps:\n  - title: s\n---\n", `5:5: missing required key "body"`},
		{"no frontmatter", "hello\n", "1:1: no frontmatter"},
		{"reviewer without name", "---\ntitle: t\ndescription: d\nreviewed_by:\n  credentials: BVSc\nreviewed_on: 2026-11-12\n---\n", `5:3: missing required key "name"`},
		{"reviewer as text", "---\ntitle: t\ndescription: d\nreviewed_by: Dr A. Name\nreviewed_on: 2026-11-12\n---\n", "4:14: expected a mapping"},
		{"review without date", "---\ntitle: t\ndescription: d\nreviewed_by:\n  name: Dr A. Name\n---\n", "5:3: reviewed_by needs reviewed_on"},
		{"review date without reviewer", "---\ntitle: t\ndescription: d\nreviewed_on: 2026-11-12\n---\n", "4:14: reviewed_on needs reviewed_by"},
		{"review date no date", "---\ntitle: t\ndescription: d\nreviewed_by: {name: N}\nreviewed_on: 12/11/2026\n---\n", `5:14: "12/11/2026" is not a date`},
		{"reviewer bad url", "---\ntitle: t\ndescription: d\nreviewed_by: {name: N, url: vets.example}\nreviewed_on: 2026-11-12\n---\n", `4:29: "vets.example" is not a web address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("guides/x.md", []byte(tt.src), testOptions())
			if !hasDiag(diags, "content/guides/x.md:"+tt.want) {
				t.Errorf("want %q in\n%v", tt.want, diags)
			}
			for _, d := range diags {
				if d.Hint == "" && d.Code != diag.CodeFrontmatter {
					t.Errorf("no hint: %v", d)
				}
			}
		})
	}
}

func TestParseReview(t *testing.T) {
	src := "---\ntitle: t\ndescription: d\nreviewed_by:\n  name: Dr A. Name\n  credentials: BVSc MRCVS\n  url: https://vets.example/a-name/\nreviewed_on: 2026-11-12\n---\n"
	p, diags := Parse("guides/x.md", []byte(src), testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	r := p.ReviewedBy
	if r.Name != "Dr A. Name" || r.Credentials != "BVSc MRCVS" || r.URL != "https://vets.example/a-name/" || r.Line != 5 || r.Col != 3 {
		t.Errorf("reviewed_by = %+v", r)
	}
	if got := p.ReviewedOn.String(); got != "2026-11-12" {
		t.Errorf("reviewed_on = %q", got)
	}
	// Only one complaint about a review date that is no date.
	_, diags = Parse("guides/x.md", []byte("---\ntitle: t\ndescription: d\nreviewed_by: {name: N}\nreviewed_on: soon\n---\n"), testOptions())
	if len(diags) != 1 {
		t.Errorf("want one diagnostic, got %v", diags)
	}
}

func hasDiag(diags diag.List, want string) bool {
	for _, d := range diags {
		if strings.HasPrefix(fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, d.Message), want) {
			return true
		}
	}
	return false
}

// D31: a BOM and CRLF line ends change nothing, positions included.
func TestBOMAndCRLF(t *testing.T) {
	lf, _ := Parse("guides/leash.md", []byte(guide), testOptions())
	crlf := "\uFEFF" + strings.ReplaceAll(guide, "\n", "\r\n")
	got, diags := Parse("guides/leash.md", []byte(crlf), testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got.Body != lf.Body || got.Steps[1].Body.HTML != lf.Steps[1].Body.HTML || got.Title != lf.Title {
		t.Errorf("CRLF/BOM output differs:\n%s\n%s", got.Body, lf.Body)
	}
	if len(got.Links) != len(lf.Links) || got.Links[0] != lf.Links[0] || got.Links[2] != lf.Links[2] {
		t.Errorf("positions differ: %+v vs %+v", got.Links, lf.Links)
	}
}

func TestTOMLFrontmatter(t *testing.T) {
	src := "+++\ntitle = \"Toml guide\"\ndescription = \"d\"\ntopics = [\"play\"]\nupdated = 2026-01-02\n+++\nBody.\n"
	p, diags := Parse("guides/t.md", []byte(src), testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if p.Title != "Toml guide" || p.Topics[0] != "play" || p.Updated.String() != "2026-01-02" {
		t.Errorf("%+v", p.Guide)
	}
}

func TestURLs(t *testing.T) {
	for path, want := range map[string]string{
		"_index.md": "/", "about.md": "/about/", "guides/_index.md": "/guides/",
		"guides/x.md": "/guides/x/", "guides/b/index.md": "/guides/b/",
	} {
		if got := URLFor("/", path); got != want {
			t.Errorf("URLFor(%q) = %q, want %q", path, got, want)
		}
	}
	if got := URLFor("/care/", "guides/x.md"); got != "/care/guides/x/" {
		t.Errorf("base path: %q", got)
	}
}

func TestLoadIgnoresEditorFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: Home\n---\n")},
		"content/guides/.x.md.swp":   {Data: []byte{0}},
		"content/guides/x.md~":       {Data: []byte{0}},
		"content/guides/#x.md#":      {Data: []byte{0}},
		"content/guides/4913":        {Data: []byte{0}},
		"content/.git/config":        {Data: []byte{0}},
		"content/guides/picture.png": {Data: []byte("png")},
	}
	c, diags := Load(fsys, testOptions())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(c.Pages) != 1 || len(c.Files) != 1 || c.Files[0].Path != "guides/picture.png" {
		t.Errorf("pages %d files %+v", len(c.Pages), c.Files)
	}
}

func FuzzSplitFrontmatter(f *testing.F) {
	for _, seed := range []string{guide, "---\n---\n", "---\ntitle: x\n", "+++\na=1\n+++\nbody", "\n\n---\na: b\n---\n\nbody",
		"no frontmatter", "---\na: b\n---", "---x\n---\n", ""} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.ReplaceAll(data, []byte("\r"), nil)
		s, err := SplitFrontmatter(data)
		// SplitFrontmatter stops adrg/frontmatter early and slices data;
		// it must find what the library's plain use finds.
		var want []byte
		found := false
		capture := func(b []byte, _ any) error { want, found = bytes.Clone(b), true; return nil }
		rest, werr := frontmatter.Parse(bytes.NewReader(data), nil,
			frontmatter.NewFormat("---", "---", capture), frontmatter.NewFormat("+++", "+++", capture))
		switch {
		case werr != nil:
			if err == nil {
				t.Fatalf("library error %v, SplitFrontmatter none", werr)
			}
		case found && (err != nil || !bytes.Equal(s.Frontmatter, want) || !bytes.Equal(s.Body, rest)):
			t.Fatalf("got %q, %q, %v; the library finds %q, %q", s.Frontmatter, s.Body, err, want, rest)
		case !found && s.Format != NoFrontmatter && err != ErrUnclosed:
			t.Fatalf("the library finds no frontmatter; got format %v, error %v", s.Format, err)
		}
		if err != nil {
			return
		}
		if s.Format == NoFrontmatter {
			if !bytes.Equal(s.Body, data) {
				t.Fatal("no frontmatter, but body is not the whole file")
			}
			return
		}
		if !bytes.HasSuffix(data, s.Body) {
			t.Fatal("body is not the tail of the file")
		}
		lines := bytes.Split(data, []byte("\n"))
		if s.BodyLine < 1 || s.BodyLine > len(lines)+1 || s.FrontLine < 2 {
			t.Fatalf("lines out of range: front %d body %d of %d", s.FrontLine, s.BodyLine, len(lines))
		}
	})
}

func FuzzDecodeFrontmatter(f *testing.F) {
	for _, seed := range []string{guide, "---\ntitle: [x\n---\n", "---\na: &a [1]\nb: *a\n---\n",
		"---\nsteps:\n  - title: t\n    body: b\n    image: ../x.png\n---\n", "---\ntitle: x\nupdated: 2026-01-01T10:00:00Z\n---\n",
		"+++\ntitle = 1\n+++\n", "---\n- a\n---\n", "---\ntitle: \"\\u0000\"\n---\n"} {
		f.Add([]byte(seed))
	}
	opts := testOptions()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, diags := Parse("guides/f.md", data, opts)
		if p == nil && len(diags) == 0 {
			t.Fatal("no page and no diagnostic")
		}
		for _, d := range diags {
			if d.Message == "" || d.File != "content/guides/f.md" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}

// C22: pathological Markdown is refused with a clear error at its line,
// quickly, instead of hanging the build.
func TestPathologicalBody(t *testing.T) {
	head := "---\ntitle: t\ndescription: d\n---\nIntro.\n\n"
	for _, src := range []string{head + strings.Repeat("* ", 40000) + "x\n", head + strings.Repeat("> ", 40000) + "x\n"} {
		_, diags := Parse("guides/x.md", []byte(src), testOptions())
		if !diags.HasErrors() || diags[0].Line != 7 || diags[0].Hint == "" {
			t.Errorf("want an error at line 7 with a hint, got %v", diags)
		}
	}
	huge := "---\ntitle: t\n---\n" + strings.Repeat("word ", MaxFileSize/5+1)
	if _, diags := Parse("guides/x.md", []byte(huge), testOptions()); !strings.Contains(diags.Error(), "the limit is") {
		t.Errorf("oversized file: %v", diags)
	}
}

// Parse keeps nothing of its input, good or bad: Load reads every file of
// a build into one reused buffer per CPU. A page parsed from bytes that are
// scribbled over afterwards equals one parsed from bytes left alone.
func TestParseKeepsNothingOfItsInput(t *testing.T) {
	inputs := map[string]string{
		"guides/leash.md": guide,
		"guides/crlf.md":  "\uFEFF" + strings.ReplaceAll(guide, "\n", "\r\n"),
		"guides/toml.md":  "+++\ntitle = \"Toml guide\"\ndescription = \"d\"\ntopics = [\"play\"]\n+++\nBody [x](y.md).\n",
		"guides/bad.md":   "---\ntitle: t\ndescription: d\ndifficulty: hard\ndificulty: x\nsteps:\n  - title: s\n---\n[a](b.md#c)\n",
	}
	err := fs.WalkDir(careguide.Default, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".md" {
			data, err := fs.ReadFile(careguide.Default, p)
			inputs[strings.TrimPrefix(p, "content/")] = string(data)
			return err
		}
		return err
	})
	if err != nil || len(inputs) < 10 {
		t.Fatalf("%d inputs: %v", len(inputs), err)
	}
	for name, src := range inputs {
		want, wantDiags := Parse(name, []byte(src), testOptions())
		data := []byte(src)
		got, gotDiags := Parse(name, data, testOptions())
		copy(data, bytes.Repeat([]byte{'#'}, len(data)))
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: the page changed with its input:\n%+v\n%v\nwant\n%+v\n%v", name, got, gotDiags, want, wantDiags)
		}
	}
}
