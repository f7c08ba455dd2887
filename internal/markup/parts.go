package markup

import (
	"html/template"
	"strings"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
)

// Head is a page's description, canonical address and Open Graph tags,
// one per line, for <head>. kind is the page's layout: guides are
// articles, every other page a website. image, the full URL of the
// page's cover, makes the link preview a large picture card.
func Head(kind, title, description, canonical, image string) template.HTML {
	var w writer
	w.Grow(256 + 2*len(description) + len(title) + 2*len(canonical))
	if description != "" {
		w.raw(`<meta name="description" content="`)
		w.text(description)
		w.raw(`">`)
	}
	w.raw("\n")
	if canonical != "" {
		w.raw(`<link rel="canonical" href="`)
		w.url(canonical)
		w.raw(`">` + "\n" + `<meta property="og:url" content="`)
		w.text(canonical)
		w.raw(`">`)
	}
	w.raw("\n" + `<meta property="og:title" content="`)
	w.text(title)
	w.raw(`">` + "\n" + `<meta property="og:type" content="`)
	if kind == "guide" {
		w.raw("article")
	} else {
		w.raw("website")
	}
	w.raw(`">` + "\n")
	if description != "" {
		w.raw(`<meta property="og:description" content="`)
		w.text(description)
		w.raw(`">`)
	}
	if image != "" {
		w.raw("\n" + `<meta property="og:image" content="`)
		w.text(image)
		w.raw(`">` + "\n" + `<meta name="twitter:card" content="summary_large_image">`)
	}
	return w.done()
}

// Contents is a list item linking to each second-level heading of a body,
// for a table of contents.
func Contents(headings []markdown.Heading) template.HTML {
	var w writer
	for _, h := range headings {
		if h.Level == 2 {
			w.raw(`<li><a href="#`)
			w.fragment(h.ID)
			w.raw(`">`)
			w.text(h.Text)
			w.raw(`</a></li>`)
		}
	}
	return w.done()
}

// Items is each text as a list item.
func Items(texts []content.Text) template.HTML {
	var w writer
	w.items(texts)
	return w.done()
}

func (w *writer) items(texts []content.Text) {
	for _, t := range texts {
		w.raw("<li>")
		w.html(t.HTML)
		w.raw("</li>")
	}
}

// Summary is a guide's facts as the lines of a description list: species,
// difficulty, time per session, total time and the date it was updated,
// each when given.
func Summary(g *content.Guide) template.HTML {
	var w writer
	if len(g.Species) > 0 {
		w.raw("<dt>Species</dt><dd>")
		w.text(strings.Join(g.Species, ", "))
		w.raw("</dd>")
	}
	w.raw("\n")
	if g.Difficulty != "" {
		w.raw("<dt>Difficulty</dt><dd>")
		w.text(string(g.Difficulty))
		w.raw("</dd>")
	}
	w.raw("\n")
	if !g.SessionTime.IsZero() {
		w.raw("<dt>Time per session</dt><dd>")
		w.text(g.SessionTime.Words())
		w.raw("</dd>")
	}
	w.raw("\n")
	if !g.TotalTime.IsZero() {
		w.raw("<dt>Total time</dt><dd>")
		w.text(g.TotalTime.Words())
		w.raw("</dd>")
	}
	w.raw("\n")
	if !g.Updated.IsZero() {
		w.raw(`<dt>Updated</dt><dd><time datetime="`)
		w.text(g.Updated.Format("2006-01-02"))
		w.raw(`">`)
		w.text(g.Updated.Format("January 2, 2006"))
		w.raw("</time></dd>")
	}
	return w.done()
}

// Pictures finds the image published at a URL, or nil for one careguide
// does not know (then a plain <img> is written).
type Pictures func(url string) *Img

// image writes the image at url: a <picture> when pics knows it.
func (w *writer) image(url, alt string, pics Pictures) {
	if url == "" {
		return
	}
	if pics != nil {
		if img := pics(url); img != nil {
			w.picture(img, alt, SizesContent, false)
			return
		}
	}
	w.raw(`<img src="`)
	w.url(url)
	w.raw(`" alt="`)
	w.text(alt)
	w.raw(`">`)
}

// Steps is each step of a guide as a list item, with its anchor as id.
func Steps(steps []content.Step, pics Pictures) template.HTML {
	var w writer
	size := 0
	for i := range steps {
		s := &steps[i]
		size += 220 + len(s.Title) + len(s.Time) + len(s.Body.BlockHTML) + len(s.Tip.HTML) + len(s.Warning.HTML) + len(s.ImageURL) + len(s.Alt.Text)
	}
	w.Grow(size)
	for i := range steps {
		s := &steps[i]
		w.raw(`<li id="`)
		w.text(s.Anchor)
		w.raw(`" class="step">` + "\n<h3>")
		w.text(s.Title)
		w.raw("</h3>\n")
		if s.Time != "" {
			w.raw(`<p class="time">Time: `)
			w.text(s.Time)
			w.raw("</p>")
		}
		w.raw("\n")
		w.image(s.ImageURL, s.Alt.Text, pics)
		w.raw("\n")
		w.html(s.Body.BlockHTML)
		w.raw("\n")
		if s.Tip.HTML != "" {
			w.raw(`<div class="tip" role="note"><strong>Tip:</strong> `)
			w.html(s.Tip.HTML)
			w.raw("</div>")
		}
		w.raw("\n")
		if s.Warning.HTML != "" {
			w.raw(`<div class="warning" role="note"><strong>Warning:</strong> `)
			w.html(s.Warning.HTML)
			w.raw("</div>")
		}
		w.raw("\n</li>\n")
	}
	return w.done()
}

// Gear is each piece of gear advice of a guide as an article.
func Gear(items []content.GearItem, pics Pictures) template.HTML {
	var w writer
	size := 0
	for i := range items {
		size += gearSize(&items[i])
	}
	w.Grow(size)
	for i := range items {
		w.gearItem(&items[i], nil, pics)
	}
	return w.done()
}

// gearAdvice writes what a guide says of one piece of gear: its picture,
// its advice, and what to choose and avoid.
func (w *writer) gearAdvice(g *content.GearItem, pics Pictures) {
	if g.ImageURL != "" {
		w.image(g.ImageURL, g.Alt.Text, pics)
		w.raw("\n")
	}
	w.html(g.Advice.BlockHTML)
	w.raw("\n")
	w.chooseAvoid(g)
}

// gearItem writes one piece of gear advice; with from, of the /gear/ list,
// it says which guide it comes from. Only its guide's page gives it its
// anchor as id: the /gear/ list holds the gear of many guides.
func (w *writer) gearItem(g *content.GearItem, from *GearEntry, pics Pictures) {
	if from == nil && g.Anchor != "" {
		w.raw(`<article id="`)
		w.text(g.Anchor)
		w.raw(`" class="gear">` + "\n<h3>")
	} else {
		w.raw(`<article class="gear">` + "\n<h3>")
	}
	w.text(g.Name)
	w.raw("</h3>\n")
	w.gearAdvice(g, pics)
	if from != nil {
		w.raw(`<p class="meta">From `)
		w.link(from.GuideURL, from.GuideTitle)
		w.raw("</p>\n")
	}
	w.raw("</article>\n")
}

// chooseAvoid is a piece of gear's choose and avoid lists, each a line.
func (w *writer) chooseAvoid(g *content.GearItem) {
	if len(g.Choose) > 0 {
		w.raw(`<h4>Choose</h4><ul class="choose">`)
		w.items(g.Choose)
		w.raw("</ul>")
	}
	w.raw("\n")
	if len(g.Avoid) > 0 {
		w.raw(`<h4>Avoid</h4><ul class="avoid">`)
		w.items(g.Avoid)
		w.raw("</ul>")
	}
	w.raw("\n")
}

// gearSize is about the size of one piece of gear advice's markup.
func gearSize(g *content.GearItem) int {
	n := 160 + len(g.Name) + len(g.Advice.BlockHTML)
	for _, t := range g.Choose {
		n += 9 + len(t.HTML)
	}
	for _, t := range g.Avoid {
		n += 9 + len(t.HTML)
	}
	return n
}

func (w *writer) link(url, title string) {
	w.raw(`<a href="`)
	w.url(url)
	w.raw(`">`)
	w.text(title)
	w.raw("</a>")
}

// Ideas is each enrichment idea of a guide as an article, with its anchor
// as id.
func Ideas(ideas []content.EnrichmentIdea, pics Pictures) template.HTML {
	var w writer
	size := 0
	for i := range ideas {
		size += 60 + len(ideas[i].Title) + len(ideas[i].Body.BlockHTML)
	}
	w.Grow(size)
	for i := range ideas {
		w.raw(`<article id="`)
		w.text(ideas[i].Anchor)
		w.raw(`" class="idea">` + "\n<h3>")
		w.text(ideas[i].Title)
		w.raw("</h3>\n")
		w.ideaBadges(&ideas[i])
		if ideas[i].ImageURL != "" {
			w.image(ideas[i].ImageURL, ideas[i].Alt.Text, pics)
			w.raw("\n")
		}
		w.html(ideas[i].Body.BlockHTML)
		w.raw("\n</article>\n")
	}
	return w.done()
}

// ideaBadges is an idea's effort and place as a line of badges.
func (w *writer) ideaBadges(i *content.EnrichmentIdea) {
	w.raw(`<p class="badges">`)
	if i.Effort != "" {
		w.raw(`<span class="badge effort-`)
		w.text(string(i.Effort))
		w.raw(`">`)
		w.text(strings.ToUpper(string(i.Effort[:1])) + string(i.Effort[1:]))
		w.raw(" effort</span> ")
	}
	if i.Indoor {
		w.raw(`<span class="badge place">Indoors</span>`)
	} else {
		w.raw(`<span class="badge place">Outdoors</span>`)
	}
	w.raw("</p>\n")
}

// GearCard is one item of gear on /gear/: its name, then each guide's
// advice on it, with the guide's title, its image, its choose and avoid
// lists.
func GearCard(name string, entries []GearEntry, pics Pictures) template.HTML {
	var w writer
	size := 100 + len(name)
	for _, e := range entries {
		size += gearSize(e.Item) + 60 + len(e.GuideURL) + len(e.GuideTitle)
	}
	w.Grow(size)
	w.raw(`<article class="gear-card">` + "\n<h3>")
	w.text(name)
	w.raw("</h3>\n" + `<ul class="gear-advice">` + "\n")
	for _, e := range entries {
		g := e.Item
		w.raw(`<li>` + "\n" + `<p class="from">From `)
		w.link(e.GuideURL, e.GuideTitle)
		w.raw("</p>\n")
		w.gearAdvice(g, pics)
		w.raw("</li>\n")
	}
	w.raw("</ul>\n</article>\n")
	return w.done()
}

// Sources is each source of a guide as a list item: its title, linked
// when it has an address, and its publisher.
func Sources(sources []content.Source) template.HTML {
	var w writer
	for _, s := range sources {
		w.raw("<li>")
		if s.URL != "" {
			w.link(string(s.URL), s.Title)
		} else {
			w.text(s.Title)
		}
		if s.Publisher != "" {
			w.raw(", ")
			w.text(s.Publisher)
		}
		w.raw("</li>")
	}
	return w.done()
}

// IdeaEntry is an enrichment idea in the /enrichment/ lists, with the
// guide it comes from.
type IdeaEntry struct {
	Idea       *content.EnrichmentIdea
	Species    string // the guide's species, slugged and space-separated
	GuideURL   string
	GuideTitle string
}

// FilterAttrs is the data-* attributes by which assets/js/filters.js
// filters an idea in place, one per dimension of the enrichment filter
// bar: data-kind="play" data-effort="low" data-indoor="true"
// data-species="cat dog". An idea without a kind is of kind "other".
func FilterAttrs(idea *content.EnrichmentIdea, species string) template.HTMLAttr {
	var w writer
	w.filterAttrs(idea, species)
	return template.HTMLAttr(w.String())
}

func (w *writer) filterAttrs(idea *content.EnrichmentIdea, species string) {
	w.raw(`data-kind="`)
	if idea.Kind == "" {
		w.raw("other")
	} else {
		w.text(string(idea.Kind))
	}
	w.raw(`" data-effort="`)
	w.text(string(idea.Effort))
	if idea.Indoor {
		w.raw(`" data-indoor="true" data-species="`)
	} else {
		w.raw(`" data-indoor="false" data-species="`)
	}
	w.text(species)
	w.raw(`"`)
}

// IdeaList is each idea as a list item: its title, effort, place and guide,
// and with bodies its body too (on /enrichment/ itself; the filter pages
// leave bodies to the guides).
func IdeaList(entries []IdeaEntry, bodies bool) template.HTML {
	var w writer
	size := 0
	for _, e := range entries {
		size += 200 + len(e.Idea.Title) + len(e.GuideTitle) + len(e.GuideURL) + len(e.Species)
		if bodies {
			size += len(e.Idea.Body.BlockHTML)
		}
	}
	w.Grow(size)
	for _, e := range entries {
		i := e.Idea
		w.raw(`<li class="idea" `)
		w.filterAttrs(i, e.Species)
		w.raw(">\n<h3>")
		w.text(i.Title)
		w.raw("</h3>\n" + `<p class="meta">`)
		if i.Effort != "" {
			w.raw("Effort: ")
			w.text(string(i.Effort))
			w.raw(" · ")
		}
		if i.Indoor {
			w.raw("Indoors")
		} else {
			w.raw("Outdoors")
		}
		w.raw(" · from ")
		w.link(e.GuideURL, e.GuideTitle)
		w.raw("</p>\n")
		if bodies {
			w.html(i.Body.BlockHTML)
			w.raw("\n")
		}
		w.raw("</li>\n")
	}
	return w.done()
}

// GearEntry is a piece of gear advice in the /gear/ list, with the guide
// it comes from.
type GearEntry struct {
	Item       *content.GearItem
	GuideURL   string
	GuideTitle string
}

// GearList is each piece of gear advice as an article that says which
// guide it comes from.
func GearList(entries []GearEntry, pics Pictures) template.HTML {
	var w writer
	size := 0
	for _, e := range entries {
		size += gearSize(e.Item) + 40 + len(e.GuideURL) + len(e.GuideTitle)
	}
	w.Grow(size)
	for i := range entries {
		w.gearItem(entries[i].Item, &entries[i], pics)
	}
	return w.done()
}
