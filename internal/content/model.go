package content

import (
	"html/template"
	"time"

	"github.com/careguide/careguide/internal/markdown"
)

// Kind says what a page is, which decides its URL rules and its template.
type Kind int

const (
	KindHome    Kind = iota // content/_index.md
	KindSection             // content/<dir>/_index.md
	KindGuide               // a page inside a section folder
	KindPage                // a page at the top of content/, e.g. about.md
)

func (k Kind) String() string {
	return [...]string{"home", "section", "guide", "page"}[k]
}

// Page is one Markdown source, parsed: its frontmatter, its rendered body and
// everything the link stage needs to check it against the rest of the site.
type Page struct {
	Path    string // slash path inside content/: "guides/leash-training.md"
	Kind    Kind
	Dir     string // slash dir of the URL inside the site: "guides/leash-training"; "" for home
	Section string // first folder of Path ("guides"); "" at the top
	URL     string // site path with the base path: "/guides/leash-training/"
	Guide
	Terms    map[string][]string // taxonomy name -> terms, in frontmatter order
	Body     template.HTML
	Headings []markdown.Heading
	Links    []Link   // every link and image, in the body and the frontmatter
	Anchors  []string // fragment ids a link to this page may name
	// External are the http(s) addresses the page links to, in the body,
	// the frontmatter texts and the sources' url:, for check --external.
	External []ExternalLink
	// UnknownCallouts are quotes that start like a callout with a kind
	// careguide does not know ("> [!FOO]"), at their place in the file.
	UnknownCallouts []markdown.UnknownCallout
	// Hash is a hash of the source file: a rebuild that reads a file again
	// skips it when the hash is the same. Like Front, it is compared only
	// within one process, so a seeded 64-bit hash does; SHA-256 cost a
	// 10,000-guide build 1% of its CPU.
	Hash uint64
	// Front is a hash of the frontmatter alone: everything other pages may
	// show of this one (title, description, dates, steps for the search
	// index), but not the body. A rebuild re-renders the pages that list
	// this one only when Front changes.
	Front uint64
}

// Guide is the frontmatter of a page: the structured parts of a care guide.
// Field tags are the frontmatter keys; cg:"required" marks required keys.
type Guide struct {
	Title          string           `yaml:"title" cg:"required"`
	Description    string           `yaml:"description"`
	Species        []string         `yaml:"species"`
	Topics         []string         `yaml:"topics"`
	Difficulty     Difficulty       `yaml:"difficulty"`
	SessionTime    SessionTime      `yaml:"session_time"`
	TotalTime      TotalTime        `yaml:"total_time"`
	Updated        Date             `yaml:"updated"`
	Draft          bool             `yaml:"draft"`
	Weight         int              `yaml:"weight"`
	BeforeYouStart []Text           `yaml:"before_you_start"`
	Steps          []Step           `yaml:"steps"`
	Gear           []GearItem       `yaml:"gear"`
	Enrichment     []EnrichmentIdea `yaml:"enrichment"`
	Safety         []Text           `yaml:"safety"`
	Related        []Ref            `yaml:"related"`
	Sources        []Source         `yaml:"sources"`
	Image          Cover            `yaml:"image"`
	// ReviewedBy and ReviewedOn say who checked the advice, a vet or
	// another qualified person, and when: guides show it, and check warns
	// once the next review is due (site.yaml's review_every).
	ReviewedBy Reviewer `yaml:"reviewed_by"`
	ReviewedOn Date     `yaml:"reviewed_on"`
}

// ReviewDue is the day a guide's next review is due, every months after
// reviewed_on; zero for a guide without a review.
func (g *Guide) ReviewDue(every int) time.Time {
	if g.ReviewedOn.IsZero() {
		return time.Time{}
	}
	return g.ReviewedOn.AddDate(0, every, 0)
}

// Reviewer is the person who checked a guide's advice.
type Reviewer struct {
	Name        string `yaml:"name" cg:"required"` // "Dr A. Name"
	Credentials string `yaml:"credentials"`        // "BVSc MRCVS"
	URL         WebURL `yaml:"url"`                // a page about them
	Line        int    `yaml:"-"`                  // where reviewed_by: is written
	Col         int    `yaml:"-"`
}

// SetPosition records where the reviewer is written.
func (r *Reviewer) SetPosition(line, col int) { r.Line, r.Col = line, col }

// IsZero reports whether no reviewer is named.
func (r Reviewer) IsZero() bool { return r.Name == "" }

// Cover is a guide's cover image: at the top of the guide, on its cards
// and in link previews (og:image).
type Cover struct {
	Src     Ref    `yaml:"src" cg:"required"`
	Alt     Alt    `yaml:"alt"` // required, checked with the image's position
	Caption Text   `yaml:"caption"`
	Credit  string `yaml:"credit"`
	URL     string `yaml:"-"` // where Src is published, set by Parse
	Line    int    `yaml:"-"` // where image: is written
	Col     int    `yaml:"-"`
}

// SetPosition records where the cover is written.
func (c *Cover) SetPosition(line, col int) { c.Line, c.Col = line, col }

// Step is one numbered step of a guide; its anchor is "step-N".
type Step struct {
	Title   string `yaml:"title" cg:"required"`
	Body    Text   `yaml:"body" cg:"required"`
	Time    string `yaml:"time"`
	Tip     Text   `yaml:"tip"`
	Warning Text   `yaml:"warning"`
	Image   Ref    `yaml:"image"`
	Alt     Alt    `yaml:"alt"` // required with image
	Anchor  string `yaml:"-"`   // "step-3", set by Parse
	// ImageURL is where Image is published, set by Parse.
	ImageURL string `yaml:"-"`
	// Line and Col are where the step starts (its first key), for
	// warnings about the step as a whole.
	Line, Col int `yaml:"-"`
}

// SetPosition records where the step is written.
func (s *Step) SetPosition(line, col int) { s.Line, s.Col = line, col }

// GearItem is advice on one piece of equipment.
type GearItem struct {
	Name   string   `yaml:"name" cg:"required"`
	Kind   GearKind `yaml:"kind"`
	Advice Text     `yaml:"advice" cg:"required"`
	Choose []Text   `yaml:"choose"`
	Avoid  []Text   `yaml:"avoid"`
	Image  Ref      `yaml:"image"`
	Alt    Alt      `yaml:"alt"` // required with image
	// ImageURL is where Image is published, set by Parse.
	ImageURL string `yaml:"-"`
	// Anchor is the item's id in its guide's page, "gear-2" for the second,
	// set by Parse: a link or a search result can point at it.
	Anchor string `yaml:"-"`
}

// EnrichmentIdea is one way to keep an animal busy and content.
type EnrichmentIdea struct {
	Title  string         `yaml:"title" cg:"required"`
	Kind   EnrichmentKind `yaml:"kind"`
	Effort Effort         `yaml:"effort"`
	Indoor bool           `yaml:"indoor"`
	Body   Text           `yaml:"body" cg:"required"`
	Image  Ref            `yaml:"image"`
	Alt    Alt            `yaml:"alt"` // required with image
	// ImageURL is where Image is published, set by Parse.
	ImageURL string `yaml:"-"`
	// Anchor is the idea's id in its guide's page, "idea-2" for the
	// second, set by Parse.
	Anchor string `yaml:"-"`
}

// Source is a reference a guide is based on.
type Source struct {
	Title     string `yaml:"title" cg:"required"`
	Publisher string `yaml:"publisher"`
	URL       WebURL `yaml:"url"`
}

// Text is a frontmatter value written in Markdown. A one-line value is
// inline Markdown (HTML without a <p>); a value with line breaks is block
// Markdown, and Block says so, so templates know whether to wrap it. Only
// the HTML is kept: the Markdown is dropped once rendered, since 10,000
// guides' worth of it would only cost memory.
type Text struct {
	HTML  template.HTML
	Block bool
	// BlockHTML is the HTML as block content: HTML itself for a block
	// value, HTML in a <p> for an inline one. It shares HTML's memory, and
	// saves a theme the {{if .Block}} that would otherwise wrap every step
	// body, gear advice and idea.
	BlockHTML template.HTML
	Line      int // where the value is written, for link diagnostics
	Col       int
	src       string
}

// Ref is a content path written in frontmatter (related guides, step
// images), kept with its position so a missing target can be reported there.
type Ref struct {
	Path string
	Line int
	Col  int
}

// Link is one reference from a page to another page, an anchor or a file.
type Link struct {
	Target   string // content path of the target ("guides/x.md", "guides/a.jpg"); "" for the page itself; see URL
	Fragment string // anchor without '#', "" when none
	Page     bool   // the target is a Markdown page (its anchors can be checked)
	// URL says the link was written as a URL of the site: a site path
	// ("/about/", "/feed.xml") or a path relative to the page's URL
	// ("../other/"). Target is then the path inside the site it reaches
	// ("about/", "feed.xml"; "" for the home page), which the link stage
	// checks against every page and file the site publishes.
	URL   bool
	Image bool
	Alt   string
	Line  int
	Col   int
}
