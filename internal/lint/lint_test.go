package lint

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
)

// lint links a site made of siteYAML and the given content files and returns
// its lint warnings as "file:line:col: CODE message" lines.
func lint(t *testing.T, siteYAML string, files map[string]string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range Check(linked(t, siteYAML, files)) {
		if d.Severity != diag.Warning || d.Hint == "" {
			t.Errorf("not a warning with a hint: %+v", d)
		}
		b.WriteString(d.Position() + ": " + d.Code + " " + d.Message + "\n")
	}
	return b.String()
}

// linked is the site made of siteYAML and the given content files.
func linked(t *testing.T, siteYAML string, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}}
	for p, src := range files {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(src)}
	}
	cfg, diags := config.Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c, diags := content.Load(fsys, &content.Options{Markdown: markdown.New(), BasePath: "/", Taxonomies: cfg.Taxonomies})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s, diags := site.Link(cfg, c, site.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return s
}

// clean is a guide every check is happy with; extra is more frontmatter.
// Its body is one callout that says when to call the vet.
func clean(title, extra string) string {
	return "---\ntitle: " + title + "\ndescription: d\nupdated: 2026-06-01\nsources:\n  - title: A vet\n" + extra + "---\n> Call your vet if in doubt.\n"
}

// noCallout is a clean guide whose body says nothing about the vet.
func noCallout(extra string) string {
	return strings.Replace(clean("A", extra), "> Call your vet if in doubt.", "Body.", 1)
}

// home links every guide, so none is an orphan unless a test says so.
const home = "---\ntitle: Home\n---\n[a](guides/a.md) [b](guides/b.md)\n"

func TestCleanSite(t *testing.T) {
	got := lint(t, "title: T\n", map[string]string{"_index.md": home, "guides/a.md": clean("A", ""), "guides/b.md": clean("B", "")})
	if got != "" {
		t.Errorf("warnings on a clean site:\n%s", got)
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name, a, want string
	}{
		{"stale", strings.Replace(clean("A", ""), "2026-06-01", "2024-11-30", 1),
			"content/guides/a.md:1:1: CG701 updated 2024-11-30, more than 18 months before the site's most recent update (2026-06-01)\n"},
		{"not stale at 18 months", strings.Replace(clean("A", ""), "2026-06-01", "2024-12-01", 1), ""},
		{"no updated", strings.Replace(clean("A", ""), "updated: 2026-06-01\n", "", 1),
			"content/guides/a.md:1:1: CG702 no updated date\n"},
		{"outdoors topic", clean("A", "topics: [Outdoors]\n"),
			"content/guides/a.md:1:1: CG703 guide is about outdoor activity (its topics include outdoors) but has no safety notes\n"},
		{"outdoors idea", clean("A", "enrichment:\n  - title: Garden\n    kind: outdoors\n    body: Sniff the grass.\n"),
			"content/guides/a.md:1:1: CG703 guide is about outdoor activity (enrichment idea \"Garden\" is outdoors) but has no safety notes\n"},
		{"outdoors with safety", clean("A", "topics: [outdoors]\nsafety:\n  - Watch for cars.\n"), ""},
		{"indoor idea", clean("A", "enrichment:\n  - title: Box\n    kind: play\n    body: A box.\n"), ""},
		{"short step", clean("A", "steps:\n  - title: One\n    body: Put the harness **on** slowly.\n  - title: Two\n    body: Do <it>.\n"),
			"content/guides/a.md:11:11: CG704 step 2 says very little (8 characters)\n"},
		{"poor alt", clean("A", "steps:\n  - title: One\n    body: Let your cat sniff the harness first.\n    image: a.jpg\n    alt: a.jpg\n  - title: Two\n    body: Let your cat sniff the harness again.\n    image: a.jpg\n    alt: An image of a cat sniffing\n") +
			"![IMG_2041.JPG](a.jpg)\n\n![a cat](a.jpg) ![Photograph of a cat](a.jpg) ![Image of](a.jpg)\n",
			"content/guides/a.md:10:12: CG711 the alt text of guides/a.jpg is a file name\n" +
				"content/guides/a.md:14:12: CG711 the alt text of guides/a.jpg starts with \"image of\"\n" +
				"content/guides/a.md:18:1: CG711 the alt text of guides/a.jpg is a file name\n" +
				"content/guides/a.md:20:17: CG711 the alt text of guides/a.jpg starts with \"photograph of\"\n" +
				"content/guides/a.md:20:47: CG711 the alt text of guides/a.jpg starts with \"image of\"\n"},
		{"unknown callout", clean("A", "steps:\n  - title: One\n    body: |\n      Let your cat sniff the harness first.\n\n      > [!Tipp]\n      > Treats help.\n") +
			"> [!TIP]\n> Fine.\n\n> [!WARNIG] Hot pavement\n> burns paws.\n\n- item\n\n  > [!DANGER]\n",
			"content/guides/a.md:12:9: CG716 [!Tipp] is not a callout, so this quote is shown as written\n" +
				"content/guides/a.md:19:3: CG716 [!WARNIG] is not a callout, so this quote is shown as written\n" +
				"content/guides/a.md:24:5: CG716 [!DANGER] is not a callout, so this quote is shown as written\n"},
		{"no sources", "---\ntitle: A\ndescription: d\nupdated: 2026-06-01\n---\n> Ask a vet.\n",
			"content/guides/a.md:1:1: CG706 guide cites no sources\n"},
		{"no vet advice", noCallout("safety:\n  - Keep string away.\n") + "Your vet knows your cat.\n",
			"content/guides/a.md:1:1: CG712 guide never says when to call the vet (no safety note, step warning or callout mentions a vet)\n"},
		{"velvet is not a vet", noCallout("safety:\n  - A velvet harness is soft.\n"),
			"content/guides/a.md:1:1: CG712 guide never says when to call the vet (no safety note, step warning or callout mentions a vet)\n"},
		{"vet in a safety note", noCallout("safety:\n  - If it swallows string, call the **vet's** number.\n"), ""},
		{"vet in a step warning", noCallout("steps:\n  - title: One\n    body: Put the harness on slowly.\n    warning: Stop and ask your VET if the straps rub.\n"), ""},
		{"veterinary callout in the body", noCallout("") + "\n> > Get veterinary help at once.\n", ""},
		{"a [!VET] callout names the vet in its title", noCallout("") + "\n> [!VET]\n> If it stops eating.\n", ""},
		{"a tip callout that mentions the vet", noCallout("") + "\n> [!TIP] Ask your vet\n> about treats.\n", ""},
		{"a tip callout that does not", noCallout("") + "\n> [!TIP]\n> Treats help.\n",
			"content/guides/a.md:1:1: CG712 guide never says when to call the vet (no safety note, step warning or callout mentions a vet)\n"},
		{"bare source url", strings.Replace(clean("A", ""), "  - title: A vet\n",
			"  - title: A vet\n    url: https://www.napahumane.org\n  - title: Root\n    url: https://example.org/\n"+
				"  - title: Article\n    url: https://example.org/cats/string/\n  - title: Query\n    url: https://example.org/?p=36422\n", 1),
			"content/guides/a.md:7:10: CG713 source \"A vet\" links to a home page (https://www.napahumane.org), not to the article\n" +
				"content/guides/a.md:9:10: CG713 source \"Root\" links to a home page (https://example.org/), not to the article\n"},
		{"gear", clean("A", "gear:\n  - name: Collar\n    kind: collar\n    advice: Breakaway.\n  - name: Harness\n    kind: harness\n    advice: A cat harness.\n    avoid:\n      - Dog harnesses\n  - name: Treats\n    kind: treats\n    advice: Small ones.\n"),
			"content/guides/a.md:10:13: CG707 gear \"Collar\" has neither a choose nor an avoid list\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lint(t, "title: T\n", map[string]string{"_index.md": home, "guides/a.md": tt.a, "guides/a.jpg": "", "guides/b.md": clean("B", "")})
			if got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
		})
	}
}

func TestStaleAfter(t *testing.T) {
	files := map[string]string{"_index.md": home, "guides/a.md": strings.Replace(clean("A", ""), "2026-06-01", "2025-11-30", 1), "guides/b.md": clean("B", "")}
	if got := lint(t, "title: T\n", files); got != "" {
		t.Errorf("default 18 months: %s", got)
	}
	if got := lint(t, "title: T\nlint:\n  stale_after: 6mo\n", files); !strings.Contains(got, "CG701 updated 2025-11-30, more than 6 months") {
		t.Errorf("6mo: %q", got)
	}
}

func TestOrphan(t *testing.T) {
	files := map[string]string{"guides/a.md": clean("A", ""), "guides/b.md": clean("B", "")}
	want := "content/guides/a.md:1:1: CG708 no other page links to this guide\ncontent/guides/b.md:1:1: CG708 no other page links to this guide\n"
	if got := lint(t, "title: T\n", files); got != want {
		t.Errorf("nothing linked:\n%s", got)
	}
	// A link to itself does not count; related does, and so does a link
	// from any page.
	files["guides/a.md"] = clean("A", "related: [guides/b.md]\n") + "[me](a.md)\n"
	files["about.md"] = "---\ntitle: About\n---\n[a](guides/a.md)\n"
	if got := lint(t, "title: T\n", files); got != "" {
		t.Errorf("linked:\n%s", got)
	}
}

func TestDuplicateTitles(t *testing.T) {
	got := lint(t, "title: T\n", map[string]string{"_index.md": home, "guides/a.md": clean("Leash training", ""), "guides/b.md": clean("leash Training ", "")})
	want := "content/guides/a.md:1:1: CG709 title \"Leash training\" is also used by content/guides/b.md\n" +
		"content/guides/b.md:1:1: CG709 title \"leash Training\" is also used by content/guides/a.md\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestDisable(t *testing.T) {
	files := map[string]string{"guides/a.md": "---\ntitle: A\ndescription: d\n---\n"}
	all := lint(t, "title: T\n", files)
	for _, code := range []string{"CG702", "CG706", "CG708", "CG712"} {
		if !strings.Contains(all, code) {
			t.Errorf("no %s in:\n%s", code, all)
		}
	}
	if got := lint(t, "title: T\nlint:\n  disable: [no-updated, CG706, Orphan, no-vet-advice]\n", files); got != "" {
		t.Errorf("disabled checks still warn:\n%s", got)
	}
}

// Every check in config.LintChecks runs here, so a name site.yaml accepts
// always turns something off.
func TestEveryCheckRuns(t *testing.T) {
	if len(checks)+1 != len(config.LintChecks) { // and Reviews' review-due
		t.Errorf("%d checks and review-due, config lists %d", len(checks), len(config.LintChecks))
	}
}

// textLength stops counting a long step at MinStepLength; whenever either
// it or the whole text says "short", the two must agree on the count.
func TestTextLength(t *testing.T) {
	long := strings.Repeat("<em>a</em> ", 20)
	cases := []string{
		"", "<p>Short.</p>", "<p>" + strings.Repeat("word ", 40) + "</p>",
		"<p>" + long + "</p>",                                               // long HTML, 20 one-letter words: 39 characters
		"<p>" + strings.Repeat("<em></em> ", 30) + "x</p>",                  // long HTML, almost no text
		`<p><img alt="` + strings.Repeat("a b ", 60) + `" src="x.png"></p>`, // spaces inside a tag
		"<p>" + strings.Repeat("&amp; ", 40) + "</p>",
		"<p>" + strings.Repeat("\u00e9\u00e9 ", 50) + "</p>",
	}
	// Random HTML-like text, with and without entities, which take
	// different paths: tags, stray > and <, Unicode spaces, invalid UTF-8.
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word", "é", "😀", " ", "\n", "\u00a0", "\u2003", "<p>", "</p>", "<em>", "</em>",
		`<img alt="a b">`, ">", "<", "\xff", "&amp;", "&nbsp;", "\t"}
	for range 1000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, h := range cases {
		whole := utf8.RuneCountInString(markdown.Text(h))
		got := textLength(h)
		if (whole < MinStepLength || got < MinStepLength) && got != whole {
			t.Errorf("textLength(%.40q...) = %d, the whole text has %d characters", h, got, whole)
		}
	}
}

// The hint of an unknown callout names the kind meant, when one is close,
// and always the kinds there are.
func TestUnknownCalloutHint(t *testing.T) {
	s := linked(t, "title: T\n", map[string]string{"_index.md": home, "guides/b.md": clean("B", ""),
		"guides/a.md": clean("A", "") + "\n> [!WARNIG]\n> x\n\n> [!DANGER]\n> y\n"})
	var hints []string
	for _, d := range Check(s) {
		hints = append(hints, d.Hint)
	}
	want := []string{
		`did you mean "warning"? callouts are [!TIP], [!NOTE], [!WARNING] and [!VET]`,
		"callouts are [!TIP], [!NOTE], [!WARNING] and [!VET]",
	}
	if !slices.Equal(hints, want) {
		t.Errorf("hints %q, want %q", hints, want)
	}
}
