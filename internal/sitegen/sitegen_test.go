package sitegen

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func guidePaths(files map[string][]byte) []string {
	var out []string
	for p := range files {
		if strings.HasPrefix(p, "content/") && path.Base(p) != "_index.md" {
			out = append(out, p)
		}
	}
	return out
}

// split returns the frontmatter and body of a content file.
func split(t *testing.T, name string, b []byte) (fm, body []byte) {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("---\n"))
	if !ok {
		t.Fatalf("%s: no opening ---", name)
	}
	fm, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		t.Fatalf("%s: no closing ---", name)
	}
	return fm, body
}

func TestDeterministic(t *testing.T) {
	o := Options{Guides: 300, Sections: 7, Seed: 42}
	a, b := Files(o), Files(o)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("same options gave different sites")
	}
	c := Files(Options{Guides: 300, Sections: 7, Seed: 43})
	if maps.EqualFunc(a, c, bytes.Equal) {
		t.Fatal("different seeds gave the same site")
	}
}

func TestDeterministicAcrossCPUs(t *testing.T) {
	o := Options{Guides: 2000, Sections: 13, Seed: -3}
	a := Files(o)
	prev := runtime.GOMAXPROCS(1)
	b := Files(o)
	runtime.GOMAXPROCS(prev)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("output depends on GOMAXPROCS")
	}
}

func TestFileCount(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want int
	}{
		{Options{Guides: 100}, 2 + 10 + 100},
		{Options{Guides: 100, Sections: 3}, 2 + 3 + 100},
		{Options{Guides: 5, Sections: 8}, 2 + 8 + 5},
		{Options{Guides: 1}, 2 + 10 + 1},
		{Options{Guides: 0}, 2 + 10},
		{Options{Guides: -4, Sections: -1}, 2 + 10},
	} {
		files := Files(tc.o)
		if len(files) != tc.want {
			t.Errorf("%+v: %d files, want %d", tc.o, len(files), tc.want)
		}
		if got := len(guidePaths(files)); got != max(tc.o.Guides, 0) {
			t.Errorf("%+v: %d guides", tc.o, got)
		}
		if string(files["site.yaml"]) != SiteYAML {
			t.Errorf("%+v: site.yaml = %q", tc.o, files["site.yaml"])
		}
		for p := range files {
			if p != "site.yaml" && !regexp.MustCompile(`^content/(_index\.md|section-\d+/(_index|guide-\d{4,})\.md)$`).MatchString(p) {
				t.Errorf("unexpected path %q", p)
			}
		}
	}
}

func TestSiteYAML(t *testing.T) {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(SiteYAML), &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"title": "Generated care guides", "base_url": "https://example.org/",
		"language": "en", "description": "A generated site for benchmarks.", "author": "careguide"}
	if !maps.Equal(m, want) {
		t.Fatalf("site.yaml = %v", m)
	}
}

func TestGuideSize(t *testing.T) {
	files := Files(Options{Guides: 1000, Seed: 7})
	total, bodies := 0, 0
	for _, p := range guidePaths(files) {
		total += len(files[p])
		_, body := split(t, p, files[p])
		bodies += len(body)
	}
	avg, avgBody := total/1000, bodies/1000
	t.Logf("average guide %d bytes, body %d bytes", avg, avgBody)
	if avg < 6<<10 || avg > 10<<10 {
		t.Errorf("average guide size %d bytes, want 6-10 KB", avg)
	}
	if avgBody < 1800 || avgBody > 3500 {
		t.Errorf("average body size %d bytes, want about 2.5 KB", avgBody)
	}
}

var linkRE = regexp.MustCompile(`\]\(([^)\s]*)\)`)

// TestLinksResolve checks every related path and every Markdown link, in the
// frontmatter and the body of every content file, against the generated site,
// including #step-N anchors against the target's number of steps.
func TestLinksResolve(t *testing.T) {
	for _, o := range []Options{
		{Guides: 500, Seed: 1},
		{Guides: 37, Sections: 4, Seed: 2},
		{Guides: 3, Sections: 5, Seed: 3},
		{Guides: 2, Sections: 1, Seed: 4},
		{Guides: 1, Seed: 5},
	} {
		files := Files(o)
		steps := map[string]int{}
		for _, p := range guidePaths(files) {
			fm, _ := split(t, p, files[p])
			var g struct {
				Steps []any `yaml:"steps"`
			}
			if err := yaml.Unmarshal(fm, &g); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			steps[p] = len(g.Steps)
		}
		links, anchors := 0, 0
		for p, b := range files {
			if !strings.HasSuffix(p, ".md") {
				continue
			}
			fm, _ := split(t, p, b)
			var g struct {
				Related []string `yaml:"related"`
			}
			if err := yaml.Unmarshal(fm, &g); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			seen := map[string]bool{}
			for _, rel := range g.Related {
				target := "content/" + rel
				if _, ok := steps[target]; !ok {
					t.Errorf("%+v: %s: related %q does not exist", o, p, rel)
				}
				if target == p || seen[rel] {
					t.Errorf("%+v: %s: related %q is itself or a duplicate", o, p, rel)
				}
				seen[rel] = true
			}
			if o.Guides > 1 && path.Base(p) != "_index.md" && (len(g.Related) < 1 || len(g.Related) > 3) {
				t.Errorf("%s: %d related", p, len(g.Related))
			}
			n := 0
			for _, m := range linkRE.FindAllSubmatch(b, -1) {
				link := string(m[1])
				if strings.HasPrefix(link, "https://") {
					continue
				}
				n++
				file, anchor, _ := strings.Cut(link, "#")
				target := path.Join(path.Dir(p), file)
				ns, ok := steps[target]
				if !ok {
					t.Errorf("%+v: %s: link %q: %s does not exist", o, p, link, target)
					continue
				}
				if target == p {
					t.Errorf("%s: links to itself", p)
				}
				if path.Dir(target) == path.Dir(p) && strings.Contains(file, "/") {
					t.Errorf("%s: link %q into the same section is not written as a sibling", p, link)
				}
				if anchor != "" {
					anchors++
					num, err := strconv.Atoi(strings.TrimPrefix(anchor, "step-"))
					if !strings.HasPrefix(anchor, "step-") || err != nil || num < 1 || num > ns {
						t.Errorf("%s: link %q: anchor not a step of a guide with %d steps", p, link, ns)
					}
				}
			}
			links += n
			if o.Guides > 1 && path.Base(p) != "_index.md" {
				_, body := split(t, p, b)
				if bn := len(linkRE.FindAll(body, -1)); bn < 3 || bn > 6 {
					t.Errorf("%s: %d links in the body, want 3-6", p, bn)
				}
			}
		}
		if o.Guides >= 100 && (links < 3*o.Guides || anchors == 0) {
			t.Errorf("%+v: only %d links, %d anchors", o, links, anchors)
		}
	}
}

var (
	durationM = regexp.MustCompile(`^\d+[mh]$`)
	durationD = regexp.MustCompile(`^\d+[dw]$`)
	dateRE    = regexp.MustCompile(`^202[4-6]-\d\d-\d\d$`)
)

func in(v any, allowed ...string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

func list(t *testing.T, p, key string, v any, lo, hi int) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok || len(l) < lo || len(l) > hi {
		t.Errorf("%s: %s = %v, want a list of %d-%d", p, key, v, lo, hi)
	}
	return l
}

func nonEmptyStrings(t *testing.T, p, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if s, ok := m[k].(string); !ok || s == "" {
			t.Errorf("%s: %s.%s = %v, want a non-empty string", p, what, k, m[k])
		}
	}
}

func TestFrontmatter(t *testing.T) {
	files := Files(Options{Guides: 200, Seed: 99})
	titles := map[string]string{}
	required := []string{"title", "description", "species", "topics", "difficulty", "session_time",
		"total_time", "updated", "weight", "before_you_start", "steps", "gear", "enrichment",
		"safety", "related", "sources"}
	for p, b := range files {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		fm, _ := split(t, p, b)
		var m map[string]any
		if err := yaml.Unmarshal(fm, &m); err != nil {
			t.Fatalf("%s: %v\n%s", p, err, fm)
		}
		if path.Base(p) == "_index.md" {
			nonEmptyStrings(t, p, "page", m, "title", "description")
			continue
		}
		for _, k := range required {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: missing %s", p, k)
			}
		}
		for k := range m {
			if !in(k, required...) {
				t.Errorf("%s: unexpected key %s", p, k)
			}
		}
		nonEmptyStrings(t, p, "page", m, "title", "description")
		title, _ := m["title"].(string)
		if other, dup := titles[title]; dup {
			t.Errorf("%s and %s share the title %q", p, other, title)
		}
		titles[title] = p
		for _, s := range list(t, p, "species", m["species"], 1, 1) {
			if !in(s, speciesNames...) {
				t.Errorf("%s: species %v", p, s)
			}
		}
		seen := map[any]bool{}
		for _, s := range list(t, p, "topics", m["topics"], 1, 3) {
			if !in(s, topicNames...) || seen[s] {
				t.Errorf("%s: topic %v", p, s)
			}
			seen[s] = true
		}
		if !in(m["difficulty"], difficulties...) {
			t.Errorf("%s: difficulty %v", p, m["difficulty"])
		}
		if s, _ := m["session_time"].(string); !durationM.MatchString(s) {
			t.Errorf("%s: session_time %v", p, m["session_time"])
		}
		if s, _ := m["total_time"].(string); !durationD.MatchString(s) {
			t.Errorf("%s: total_time %v", p, m["total_time"])
		}
		// yaml.v3 decodes a date-looking plain scalar into map[string]any as a string
		// or a time.Time depending on version; accept both, but it must be a real date.
		switch u := m["updated"].(type) {
		case string:
			if _, err := time.Parse(time.DateOnly, u); err != nil || !dateRE.MatchString(u) {
				t.Errorf("%s: updated %q", p, u)
			}
		case time.Time:
			if u.Year() != 2026 {
				t.Errorf("%s: updated %v", p, u)
			}
		default:
			t.Errorf("%s: updated %v (%T)", p, u, u)
		}
		if _, ok := m["weight"].(int); !ok {
			t.Errorf("%s: weight %v", p, m["weight"])
		}
		for _, s := range list(t, p, "before_you_start", m["before_you_start"], 1, 3) {
			if _, ok := s.(string); !ok {
				t.Errorf("%s: before_you_start item %v", p, s)
			}
		}
		for _, s := range list(t, p, "safety", m["safety"], 1, 3) {
			if _, ok := s.(string); !ok {
				t.Errorf("%s: safety item %v", p, s)
			}
		}
		list(t, p, "related", m["related"], 1, 3)
		for _, s := range list(t, p, "steps", m["steps"], 4, 8) {
			st, _ := s.(map[string]any)
			nonEmptyStrings(t, p, "step", st, "title", "time", "body")
			for k := range st {
				if !in(k, "title", "time", "body", "tip", "warning") {
					t.Errorf("%s: step key %s", p, k)
				}
			}
		}
		for _, s := range list(t, p, "gear", m["gear"], 1, 3) {
			ge, _ := s.(map[string]any)
			nonEmptyStrings(t, p, "gear", ge, "name", "advice")
			if !in(ge["kind"], "harness", "leash", "collar", "id-tag", "treats", "toy", "carrier", "other") {
				t.Errorf("%s: gear kind %v", p, ge["kind"])
			}
			list(t, p, "gear.choose", ge["choose"], 1, 5)
			list(t, p, "gear.avoid", ge["avoid"], 1, 5)
		}
		for _, s := range list(t, p, "enrichment", m["enrichment"], 2, 5) {
			e, _ := s.(map[string]any)
			nonEmptyStrings(t, p, "enrichment", e, "title", "body")
			if !in(e["kind"], enrichmentKinds...) || !in(e["effort"], "low", "medium", "high") {
				t.Errorf("%s: enrichment %v", p, e)
			}
			if _, ok := e["indoor"].(bool); !ok {
				t.Errorf("%s: enrichment indoor %v", p, e["indoor"])
			}
		}
		for _, s := range list(t, p, "sources", m["sources"], 1, 3) {
			src, _ := s.(map[string]any)
			nonEmptyStrings(t, p, "source", src, "title", "publisher", "url")
			if u, _ := src["url"].(string); !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: source url %q", p, u)
			}
		}
	}
	if len(titles) != 200 {
		t.Errorf("%d guides checked, want 200", len(titles))
	}
}

// TestUniqueTitlesLarge covers sites bigger than the title space, where
// titles gain a "(part N)" suffix.
func TestUniqueTitlesLarge(t *testing.T) {
	n := titleSpace*2 + 17
	g := newGen(Options{Guides: n, Seed: 5})
	seen := make(map[string]bool, n)
	for _, title := range g.titles {
		if seen[title] {
			t.Fatalf("duplicate title %q", title)
		}
		seen[title] = true
	}
}

func TestBodyShape(t *testing.T) {
	files := Files(Options{Guides: 50, Seed: 11})
	distinct := map[string]bool{}
	for _, p := range guidePaths(files) {
		_, body := split(t, p, files[p])
		if h := bytes.Count(body, []byte("\n## ")); h < 3 {
			t.Errorf("%s: %d headings", p, h)
		}
		if !bytes.Contains(body, []byte("\n- ")) {
			t.Errorf("%s: no bullet list", p)
		}
		distinct[string(body)] = true
	}
	if len(distinct) != 50 {
		t.Errorf("only %d distinct bodies in 50 guides", len(distinct))
	}
}

func TestEscaping(t *testing.T) {
	in := "a \"quoted\" back\\slash\ttab\nline \x01"
	var m map[string]string
	if err := yaml.Unmarshal(appendQuoted([]byte("k: "), in), &m); err != nil {
		t.Fatal(err)
	}
	if m["k"] != in {
		t.Fatalf("round trip: %q", m["k"])
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	o := Options{Guides: 25, Sections: 3, Seed: 8}
	if err := Write(dir, o); err != nil {
		t.Fatal(err)
	}
	files := Files(o)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		want, ok := files[filepath.ToSlash(rel)]
		got, rerr := os.ReadFile(p)
		if !ok || rerr != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: differs from Files (in map: %v, err %v)", rel, ok, rerr)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Errorf("wrote %d files, want %d", n, len(files))
	}
}

func BenchmarkFiles1k(b *testing.B) {
	for b.Loop() {
		Files(Options{Guides: 1000, Seed: 1})
	}
}

func BenchmarkFiles10k(b *testing.B) {
	for b.Loop() {
		Files(Options{Guides: 10000, Seed: 1})
	}
}
