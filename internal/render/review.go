package render

import (
	"encoding/json"
	"html/template"
	"time"

	"github.com/careguide/careguide/internal/site"
)

// Review is a guide's vet review as templates show it: who, on which day,
// and when the next one is due (site.yaml's review_every later). It
// follows from the guide's frontmatter and site.yaml alone, never from the
// clock, so a page shows the same whichever day it is built; check warns
// when a review is overdue.
type Review struct {
	Name        string    // "Dr A. Name"
	Credentials string    // "BVSc MRCVS", or ""
	URL         string    // a page about the reviewer, or ""
	On          time.Time // the day of the review
	Due         time.Time // the day the next review is due
}

// Review is the guide's vet review, or nil for a guide nobody reviewed.
func (v *Page) Review() *Review {
	g := &v.source.Guide
	if g.ReviewedBy.IsZero() || g.ReviewedOn.IsZero() {
		return nil
	}
	return &Review{Name: g.ReviewedBy.Name, Credentials: g.ReviewedBy.Credentials, URL: string(g.ReviewedBy.URL),
		On: g.ReviewedOn.Time, Due: g.ReviewDue(int(v.scope.run.site.Config.ReviewEvery))}
}

// NavTitle is the page's name in navigation, such as breadcrumbs: the
// site's title for the home page, as the header shows it, and the page's
// own title for every other.
func (v *Page) NavTitle() string {
	if v.page == v.scope.run.site.Home {
		return v.scope.run.site.Config.Title
	}
	return v.Title
}

// webPageJSON is the schema.org WebPage a reviewed guide is, for its
// review: reviewedBy and lastReviewed are properties of a WebPage, not of
// the HowTo it shows.
type webPageJSON struct {
	Context      string     `json:"@context"`
	Type         string     `json:"@type"`
	Name         string     `json:"name"`
	URL          string     `json:"url"`
	LastReviewed string     `json:"lastReviewed"`
	ReviewedBy   personJSON `json:"reviewedBy"`
}

type personJSON struct {
	Type            string `json:"@type"`
	Name            string `json:"name"`
	HonorificSuffix string `json:"honorificSuffix,omitempty"`
	URL             string `json:"url,omitempty"`
}

// reviewedPage is the WebPage JSON-LD of a reviewed guide, ready for a
// <script type="application/ld+json">; "" for one nobody reviewed.
func reviewedPage(s *site.Site, p *site.Page) template.JS {
	r := p.ReviewedBy
	if r.IsZero() || p.ReviewedOn.IsZero() {
		return ""
	}
	data, _ := json.Marshal(webPageJSON{Context: "https://schema.org", Type: "WebPage", Name: p.Title,
		URL: s.Config.AbsURL(p.URL), LastReviewed: p.ReviewedOn.String(),
		ReviewedBy: personJSON{Type: "Person", Name: r.Name, HonorificSuffix: r.Credentials, URL: string(r.URL)}})
	return template.JS(data) // json.Marshal escapes <, > and &: it cannot close the script
}
