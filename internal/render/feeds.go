package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"sync"
	"time"

	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
	"html/template"
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
	for _, u := range pagedURLs(s) { // page 2 and later of long lists
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(s.Config.AbsURL(u)))
		b.WriteString("</loc></url>\n")
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

// howTo is the schema.org HowTo description of a guide, for search
// engines, as JSON ready for a <script type="application/ld+json">. Typed
// structs keep the key order fixed; appendHowTo writes what json.Marshal
// would make of them (TestJSONMatchesMarshal checks), escapes included, so
// the JSON cannot close the script.
type howToJSON struct {
	Context      string       `json:"@context"`
	Type         string       `json:"@type"`
	Name         string       `json:"name"`
	Description  string       `json:"description,omitempty"`
	URL          string       `json:"url"`
	TotalTime    string       `json:"totalTime,omitempty"`
	DateModified string       `json:"dateModified,omitempty"`
	Image        string       `json:"image,omitempty"`
	Step         []howToStep  `json:"step,omitempty"`
	Tool         []howToThing `json:"tool,omitempty"`
	Supply       []howToThing `json:"supply,omitempty"`
}

type howToStep struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Text     string `json:"text"`
	URL      string `json:"url"`
	Image    string `json:"image,omitempty"`
}

type howToThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// howTo is a guide's HowTo JSON-LD. A guide without steps (a list of
// ideas, say) gets none: a HowTo needs steps, and search engines reject one
// without them. testdata/howto.schema.json checks the vocabulary.
func howTo(s *site.Site, p *site.Page, image string) template.JS {
	if len(p.Steps) == 0 {
		return ""
	}
	url := s.Config.AbsURL(p.URL)
	h := howToJSON{Context: "https://schema.org", Type: "HowTo", Name: p.Title, Description: p.Description,
		URL: url, TotalTime: p.TotalTime.ISO8601(), DateModified: p.Updated.String(), Image: image,
		Step: make([]howToStep, 0, len(p.Steps))}
	b := jsonBufs.Get().(*[]byte)
	defer jsonBufs.Put(b)
	for i, st := range p.Steps {
		*b = markdown.AppendText((*b)[:0], string(st.Body.HTML), -1)
		text := string(*b)
		step := howToStep{Type: "HowToStep", Position: i + 1, Name: st.Title, Text: text, URL: url + "#" + st.Anchor}
		if st.ImageURL != "" {
			step.Image = s.Config.AbsURL(st.ImageURL)
		}
		h.Step = append(h.Step, step)
	}
	for _, g := range p.Gear {
		if g.Kind == "treats" {
			h.Supply = append(h.Supply, howToThing{Type: "HowToSupply", Name: g.Name})
		} else {
			h.Tool = append(h.Tool, howToThing{Type: "HowToTool", Name: g.Name})
		}
	}
	if jsonFastPath {
		*b = appendHowTo((*b)[:0], &h)
	} else {
		*b, _ = json.Marshal(&h) // structs of strings and ints cannot fail
	}
	return template.JS(*b) // the one copy a guide's JSON-LD needs
}

// jsonBufs are scratch space for the JSON-LD of one guide at a time.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}
