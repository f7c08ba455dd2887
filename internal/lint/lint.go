// Package lint warns about care guides that build fine but could serve
// their readers better: stale or undated guides, outdoor guides without a
// safety note, steps that say very little, images without alt text, guides
// without sources, gear advice with nothing to choose or avoid, guides
// nothing links to, guides that share a title, steps of one guide that
// share a title, guides that never say when to call the vet, sources that
// link to a site's home page instead of the article, and quotes marked as
// callouts of a kind there is not.
//
// Input: a linked *site.Site (its Config.Lint says which checks are off and
// when a guide is stale). Output: diagnostics, all of severity Warning; lint
// never fails a build, only `careguide check --strict` makes warnings fatal.
//
// The one thing to know before changing it: lint must be reproducible, so
// nothing here reads the clock. "Stale" means stale relative to the site's
// most recent update (the newest updated date of any guide), not to today:
// the same sources give the same warnings on any day.
package lint

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
)

// MinStepLength is the fewest characters of text a step body should have
// ("step 3 says very little" below it). The parser already requires a body;
// this catches bodies like "Do it." that give the reader nothing to act on.
const MinStepLength = 20

// check is one lint check; name and code come from config.LintChecks so that
// site.yaml's lint.disable and the warnings agree. A check runs either on
// one guide at a time (guide), its result following from that guide's
// source alone, or on the whole site (site).
type check struct {
	config.LintCheck
	guide func(g *site.Page) diag.List
	site  func(s *site.Site, guides []*site.Page, cfg *config.Lint) diag.List
}

var checks = []check{
	{LintCheck: byName("stale"), site: stale},
	{LintCheck: byName("no-updated"), guide: noUpdated},
	{LintCheck: byName("outdoors-without-safety"), guide: outdoorsWithoutSafety},
	{LintCheck: byName("short-step"), guide: shortSteps},
	{LintCheck: byName("poor-alt"), guide: poorAlt},
	{LintCheck: byName("no-sources"), guide: noSources},
	{LintCheck: byName("gear-without-choices"), guide: gearWithoutChoices},
	{LintCheck: byName("orphan"), site: orphans},
	{LintCheck: byName("duplicate-title"), site: duplicateTitles},
	{LintCheck: byName("duplicate-step"), guide: duplicateSteps},
	{LintCheck: byName("no-vet-advice"), guide: noVetAdvice},
	{LintCheck: byName("bare-source-url"), guide: bareSourceURLs},
	{LintCheck: byName("unknown-callout"), guide: unknownCallouts},
}

func byName(name string) config.LintCheck {
	for _, c := range config.LintChecks {
		if c.Name == name {
			return c
		}
	}
	panic("lint: no check " + name + " in config.LintChecks")
}

// Check runs every check site.yaml leaves on over the site's published
// guides.
func Check(s *site.Site) diag.List { return New().Check(s) }

// Linter checks one site again and again, as a preview does after each
// edit: a guide's own checks run once per parse of the guide (a content
// page is never changed once parsed), the whole-site checks once per
// linking. It must not be used by two goroutines at once.
type Linter struct {
	guides map[string]checked // the guide checks' results, by content path
	site   diag.List          // the site checks' warnings at the last Check
	all    diag.List          // every warning of the last Check or Swapped, sorted
}

// checked is the guide checks' warnings about one parse of a guide.
type checked struct {
	page  *content.Page
	diags diag.List
}

// New returns a Linter that has checked nothing yet.
func New() *Linter { return &Linter{guides: map[string]checked{}} }

// Check checks the whole site: the site checks, and the guide checks of
// every guide not checked before.
func (l *Linter) Check(s *site.Site) diag.List {
	cfg := &s.Config.Lint
	guides := s.Guides()
	l.site = nil
	for _, c := range checks {
		if c.site != nil && cfg.Enabled(c.LintCheck) {
			l.site = append(l.site, mark(c.site(s, guides, cfg), c)...)
		}
	}
	var todo []*site.Page
	now := make(map[string]checked, len(guides))
	for _, g := range guides {
		if old, ok := l.guides[g.Path]; ok && old.page == g.Page {
			now[g.Path] = old
		} else {
			todo = append(todo, g)
		}
	}
	for i, d := range checkGuides(cfg, todo) {
		now[todo[i].Path] = checked{todo[i].Page, d}
	}
	l.guides = now
	l.all = slices.Clone(l.site)
	for _, g := range guides {
		l.all = append(l.all, now[g.Path].diags...)
	}
	l.all.Sort()
	return l.all
}

// Swapped checks a site whose only change since the last Check or Swapped
// is the sources of the given pages, which kept their frontmatter, links
// and anchors (a body edit): the site checks cannot have changed their
// minds, and unless a guide check did about these pages, neither has the
// whole list.
func (l *Linter) Swapped(s *site.Site, pages []*site.Page) diag.List {
	var todo []*site.Page
	for _, p := range pages {
		if p.Kind == content.KindGuide {
			todo = append(todo, p)
		}
	}
	same := true
	for i, d := range checkGuides(&s.Config.Lint, todo) {
		old := l.guides[todo[i].Path]
		same = same && slices.Equal(old.diags, d)
		l.guides[todo[i].Path] = checked{todo[i].Page, d}
	}
	if same {
		return l.all
	}
	l.all = slices.Clone(l.site)
	for _, g := range s.Guides() {
		l.all = append(l.all, l.guides[g.Path].diags...)
	}
	l.all.Sort()
	return l.all
}

// checkGuides runs the guide checks site.yaml leaves on over guides, on
// every CPU.
func checkGuides(cfg *config.Lint, guides []*site.Page) []diag.List {
	found := make([]diag.List, len(guides))
	diag.Parallel(len(guides), func(i int) diag.List {
		for _, c := range checks {
			if c.guide != nil && cfg.Enabled(c.LintCheck) {
				found[i] = append(found[i], mark(c.guide(guides[i]), c)...)
			}
		}
		return nil // it only computes
	})
	return found
}

// mark gives a check's warnings its severity and code.
func mark(l diag.List, c check) diag.List {
	for i := range l {
		l[i].Severity, l[i].Code = diag.Warning, c.Code
	}
	return l
}

// warn makes a warning about guide g. Whole-guide warnings sit at 1:1: the
// parsed guide does not keep where each frontmatter key was written.
func warn(g *site.Page, line, col int, hint, format string, args ...any) diag.Diagnostic {
	if line == 0 {
		line, col = 1, 1
	}
	return diag.Diagnostic{File: "content/" + g.Path, Line: line, Column: col, Severity: diag.Warning,
		Message: fmt.Sprintf(format, args...), Hint: hint}
}

func stale(_ *site.Site, guides []*site.Page, cfg *config.Lint) diag.List {
	var newest content.Date
	for _, g := range guides {
		if g.Updated.After(newest.Time) {
			newest = g.Updated
		}
	}
	var diags diag.List
	for _, g := range guides {
		if g.Updated.IsZero() || !g.Updated.AddDate(0, int(cfg.StaleAfter), 0).Before(newest.Time) {
			continue
		}
		diags = append(diags, warn(g, 0, 0,
			"check the guide is still right and set updated:, or raise lint.stale_after in site.yaml",
			"updated %s, more than %d months before the site's most recent update (%s)",
			g.Updated, cfg.StaleAfter, newest))
	}
	return diags
}

func noUpdated(g *site.Page) diag.List {
	if !g.Updated.IsZero() {
		return nil
	}
	return diag.List{warn(g, 0, 0, "add \"updated: YYYY-MM-DD\" so readers know how current the advice is",
		"no updated date")}
}

// outdoorsWithoutSafety: a guide is about outdoor activity when its topics
// include "outdoors" or one of its enrichment ideas is of kind outdoors. An
// idea's indoor: false does not count: the frontmatter cannot tell it from
// indoor left out, and most ideas leave it out.
func outdoorsWithoutSafety(g *site.Page) diag.List {
	if len(g.Safety) > 0 {
		return nil
	}
	why := ""
	for _, t := range g.Topics {
		if strings.EqualFold(t, "outdoors") {
			why = "its topics include outdoors"
		}
	}
	for _, e := range g.Enrichment {
		if why == "" && e.Kind == "outdoors" {
			why = fmt.Sprintf("enrichment idea %q is outdoors", e.Title)
		}
	}
	if why == "" {
		return nil
	}
	return diag.List{warn(g, 0, 0, "add a safety: list with what can go wrong outside and how to prevent it",
		"guide is about outdoor activity (%s) but has no safety notes", why)}
}

func shortSteps(g *site.Page) diag.List {
	var diags diag.List
	for i, st := range g.Steps {
		if n := textLength(string(st.Body.HTML)); n < MinStepLength {
			diags = append(diags, warn(g, st.Body.Line, st.Body.Col,
				"say what to do, what to look for and when to move on",
				"step %d says very little (%d characters)", i+1, n))
		}
	}
	return diags
}

// duplicateSteps warns at each step whose title an earlier step of the
// guide already has, ignoring case: readers find their place by the step
// titles.
func duplicateSteps(g *site.Page) diag.List {
	var diags diag.List
	first := map[string]int{}
	for i, st := range g.Steps {
		key := strings.ToLower(strings.TrimSpace(st.Title))
		if j, ok := first[key]; ok {
			diags = append(diags, warn(g, st.Line, st.Col, "give each step a title that says what it adds",
				"step %d has the same title as step %d: %q", i+1, j+1, st.Title))
			continue
		}
		first[key] = i
	}
	return diags
}

// unknownCallouts warns at each quote that starts like a callout but
// names a kind careguide does not know ("> [!DANGER]"): it is shown as an
// ordinary quote, marker and all, which is seldom what the author meant.
func unknownCallouts(g *site.Page) diag.List {
	if len(g.UnknownCallouts) == 0 {
		return nil
	}
	var diags diag.List
	kinds := markdown.CalloutKinds()
	marked := make([]string, len(kinds))
	for i, k := range kinds {
		marked[i] = "[!" + strings.ToUpper(k) + "]"
	}
	known := "callouts are " + strings.Join(marked[:len(marked)-1], ", ") + " and " + marked[len(marked)-1]
	for _, u := range g.UnknownCallouts {
		hint := known
		if s := diag.Suggest(u.Kind, kinds); s != "" {
			hint = s + " " + known
		}
		diags = append(diags, warn(g, u.Line, u.Col, hint,
			"[!%s] is not a callout, so this quote is shown as written", u.Kind))
	}
	return diags
}

// poorAlt warns about alt text that does not describe the image: a file
// name, or words a screen reader says already ("image of"). Content
// refuses an image without alt text; this catches one with alt text that
// says nothing.
func poorAlt(g *site.Page) diag.List {
	var diags diag.List
	for _, l := range g.Links {
		if !l.Image {
			continue
		}
		alt := strings.ToLower(strings.TrimSpace(l.Alt))
		switch {
		case alt == "":
		case isFileName(alt) || alt == strings.ToLower(path.Base(l.Target)):
			diags = append(diags, warn(g, l.Line, l.Col, "describe what the image shows, e.g. a cat sniffing a harness",
				"the alt text of %s is a file name", l.Target))
		case redundantStart(alt) != "":
			diags = append(diags, warn(g, l.Line, l.Col, "say what it shows, without \"image of\": screen readers already say it is an image",
				"the alt text of %s starts with %q", l.Target, redundantStart(alt)))
		}
	}
	return diags
}

var imageExt = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".heic"}

// isFileName reports whether alt text is a file name ("img_2041.jpg").
func isFileName(alt string) bool {
	return !strings.Contains(alt, " ") && slices.Contains(imageExt, path.Ext(alt))
}

// redundantStart is the words at the start of lowercase alt text that a
// screen reader says anyway ("image of"), or "".
func redundantStart(alt string) string {
	words := strings.Fields(alt)
	if len(words) > 2 && (words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	if len(words) > 1 && words[1] == "of" && slices.Contains([]string{"image", "picture", "photo", "photograph"}, words[0]) {
		return words[0] + " of"
	}
	return ""
}

func noSources(g *site.Page) diag.List {
	if len(g.Sources) > 0 {
		return nil
	}
	return diag.List{warn(g, 0, 0, "add a sources: list naming the vets, shelters or studies the advice comes from",
		"guide cites no sources")}
}

// fittedGear is equipment a person buys and fits to the animal, where what
// to choose and what to avoid is the heart of the advice. Treats, toys and
// "other" gear are fine with advice alone.
var fittedGear = []content.GearKind{"harness", "leash", "collar", "id-tag", "carrier"}

func gearWithoutChoices(g *site.Page) diag.List {
	var diags diag.List
	for _, item := range g.Gear {
		if slices.Contains(fittedGear, item.Kind) && len(item.Choose) == 0 && len(item.Avoid) == 0 {
			diags = append(diags, warn(g, item.Advice.Line, item.Advice.Col,
				"add a choose: or avoid: list so readers know what to look for",
				"gear %q has neither a choose nor an avoid list", item.Name))
		}
	}
	return diags
}

// orphans are guides no other page links to or lists as related. Being
// listed by its own section does not count: readers find guides through
// each other.
func orphans(s *site.Site, guides []*site.Page, _ *config.Lint) diag.List {
	reached := map[string]bool{}
	for _, p := range s.Pages {
		for _, l := range p.Links {
			switch {
			case l.Page && l.Target != p.Path:
				reached[l.Target] = true
			case l.URL:
				if t := s.PageAt(l.Target); t != nil && t != p {
					reached[t.Path] = true
				}
			}
		}
		for _, r := range p.Guide.Related {
			if r.Path != p.Path {
				reached[r.Path] = true
			}
		}
	}
	var diags diag.List
	for _, g := range guides {
		if !reached[g.Path] && len(g.LinkedFrom) == 0 {
			diags = append(diags, warn(g, 0, 0,
				"link to it from a related guide or a section page, or list it under another guide's related:",
				"no other page links to this guide"))
		}
	}
	return diags
}

func duplicateTitles(_ *site.Site, guides []*site.Page, _ *config.Lint) diag.List {
	byTitle := map[string][]*site.Page{}
	for _, g := range guides {
		key := strings.ToLower(strings.TrimSpace(g.Title))
		byTitle[key] = append(byTitle[key], g)
	}
	var diags diag.List
	for _, g := range guides {
		same := byTitle[strings.ToLower(strings.TrimSpace(g.Title))]
		if len(same) < 2 {
			continue
		}
		var others []string
		for _, o := range same {
			if o != g {
				others = append(others, "content/"+o.Path)
			}
		}
		diags = append(diags, warn(g, 0, 0, "give each guide a title that says how it differs",
			"title %q is also used by %s", g.Title, strings.Join(others, ", ")))
	}
	return diags
}

// textLength is the number of characters of h's text when that is under
// MinStepLength, and some number of at least MinStepLength when it is not:
// a 10,000-guide site has 60,000 steps, and making each one's whole text
// cost 3% of a build. MinStepLength characters take at most four times as
// many bytes.
func textLength(h string) int {
	var buf [8 * MinStepLength]byte
	return utf8.RuneCount(markdown.AppendText(buf[:0], h, 4*MinStepLength))
}

// vetWord finds a mention of a vet in plain text: "vet", "vet's", "vets",
// "veterinarian(s)", "veterinary"; not "velvet" or "vetch".
var vetWord = regexp.MustCompile(`(?i)\b(vets?|veterinarians?|veterinary)\b`)

// noVetAdvice warns about a guide that never tells its reader when to call
// the vet. Only the parts a worried reader scans count: safety notes, step
// warnings and blockquotes (callouts) in the body. A vet named in passing
// in a paragraph is not advice on when to call one.
func noVetAdvice(g *site.Page) diag.List {
	for _, t := range g.Safety {
		if mentionsVet(string(t.HTML)) {
			return nil
		}
	}
	for _, st := range g.Steps {
		if mentionsVet(string(st.Warning.HTML)) {
			return nil
		}
	}
	body := string(g.Body)
	for _, q := range slices.Concat(between(body, "<blockquote", "</blockquote>"), between(body, `<div class="callout`, "</div>")) {
		if mentionsVet(q) {
			return nil
		}
	}
	return diag.List{warn(g, 0, 0,
		"add a safety: note saying which signs need a call to the vet, e.g. \"Call your vet if your cat stops eating.\"",
		"guide never says when to call the vet (no safety note, step warning or callout mentions a vet)")}
}

func mentionsVet(h string) bool {
	return h != "" && vetWord.MatchString(markdown.Text(h))
}

// between returns the parts of rendered HTML from each open tag to the
// next close tag: a quote, or a callout (its title included, so a [!VET]
// callout names the vet). Enough to find a word in one, nested or not,
// since the markdown renderer writes the tags plainly.
func between(h, open, close string) []string {
	var parts []string
	for {
		start := strings.Index(h, open)
		if start < 0 {
			return parts
		}
		h = h[start:]
		end := strings.Index(h, close)
		if end < 0 {
			return append(parts, h)
		}
		parts = append(parts, h[:end])
		h = h[end+len(close):]
	}
}

// bareSourceURLs warns at each source whose url: is a site's home page
// (no path, no query): the reader cannot find the article it stands for.
func bareSourceURLs(g *site.Page) diag.List {
	var diags diag.List
	for _, src := range g.Sources {
		u, err := url.Parse(string(src.URL))
		if src.URL == "" || err != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			continue
		}
		line, col := sourcePosition(g, string(src.URL))
		diags = append(diags, warn(g, line, col,
			"link to the article itself, e.g. https://www.example.org/advice/cats/leash-walking/",
			"source %q links to a home page (%s), not to the article", src.Title, src.URL))
	}
	return diags
}

// sourcePosition is where a source's url: is written: content lists the
// sources' URLs first among a page's external links, with their positions.
func sourcePosition(g *site.Page, u string) (int, int) {
	for _, e := range g.External {
		if e.URL == u {
			return e.Line, e.Col
		}
	}
	return 0, 0
}
