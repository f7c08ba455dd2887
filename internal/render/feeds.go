package render

import (
	"bytes"
	"encoding/xml"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/careguide/careguide/internal/site"
)

// sitemap lists every published page for search engines.
func sitemap(s *site.Site) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.Pages {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(s.Config.AbsURL(p.URL)))
		b.WriteString("</loc>")
		if !p.Updated.IsZero() {
			b.WriteString("<lastmod>" + p.Updated.String() + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// robots allows everything and points at the sitemap.
func robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\nSitemap: " + s.Config.AbsURL(s.Config.BasePath()+"sitemap.xml") + "\n")
}

// feedSize is how many guides the Atom feed carries: the most recently updated.
const feedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

// feed is an Atom feed of the most recently updated guides. Its dates come
// from the guides' updated fields, never from the clock, so it is
// reproducible.
func feed(s *site.Site) []byte {
	guides := slices.Clone(s.Guides())
	slices.SortStableFunc(guides, func(a, b *site.Page) int { return b.Updated.Compare(a.Updated.Time) })
	guides = guides[:min(len(guides), feedSize)]
	latest := time.Unix(0, 0).UTC()
	if len(guides) > 0 && !guides[0].Updated.IsZero() {
		latest = guides[0].Updated.Time
	}
	f := atomFeed{Title: s.Config.Title, ID: s.Config.AbsURL(s.Home.URL), Updated: latest.Format(time.RFC3339),
		Links: []atomLink{{Href: s.Config.AbsURL(s.Home.URL)}, {Href: s.Config.AbsURL(s.Config.BasePath() + "feed.xml"), Rel: "self"}}}
	if s.Config.Author != "" {
		f.Author = &atomPerson{Name: s.Config.Author}
	}
	for _, g := range guides {
		updated := latest
		if !g.Updated.IsZero() {
			updated = g.Updated.Time
		}
		url := s.Config.AbsURL(g.URL)
		f.Entries = append(f.Entries, atomEntry{Title: g.Title, ID: url, Link: atomLink{Href: url},
			Updated: updated.Format(time.RFC3339), Summary: g.Description})
	}
	out, _ := xml.MarshalIndent(f, "", "  ") // plain structs of strings cannot fail
	return append([]byte(xml.Header), append(out, '\n')...)
}

// howTo is the schema.org HowTo description of a guide, for search engines.
func howTo(s *site.Site, p *site.Page) map[string]any {
	url := s.Config.AbsURL(p.URL)
	h := map[string]any{
		"@context": "https://schema.org", "@type": "HowTo",
		"name": p.Title, "description": p.Description, "url": url,
	}
	if !p.TotalTime.IsZero() {
		h["totalTime"] = p.TotalTime.ISO8601()
	}
	if !p.Updated.IsZero() {
		h["dateModified"] = p.Updated.String()
	}
	var steps, tools, supplies []map[string]any
	for i, st := range p.Steps {
		step := map[string]any{"@type": "HowToStep", "position": i + 1, "name": st.Title,
			"text": plainText(st.Body.HTML), "url": url + "#" + st.Anchor}
		if st.ImageURL != "" {
			step["image"] = s.Config.AbsURL(st.ImageURL)
		}
		steps = append(steps, step)
	}
	for _, g := range p.Gear {
		if g.Kind == "treats" {
			supplies = append(supplies, map[string]any{"@type": "HowToSupply", "name": g.Name})
		} else {
			tools = append(tools, map[string]any{"@type": "HowToTool", "name": g.Name})
		}
	}
	for k, v := range map[string][]map[string]any{"step": steps, "tool": tools, "supply": supplies} {
		if len(v) > 0 {
			h[k] = v
		}
	}
	return h
}

// plainText strips tags from rendered HTML and unescapes entities.
func plainText(h template.HTML) string {
	var b strings.Builder
	in := false
	for _, r := range string(h) {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
