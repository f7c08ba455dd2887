package schema

// descriptions are the hover texts editors show for frontmatter keys, keyed
// by Go type and YAML name ("Step.title"). Only the words live here; which
// keys exist comes from the model, and a test fails on a description for a
// key the model does not have, or a key without one.
var descriptions = map[string]string{
	"Guide.title":            "The page's title, shown as its heading and in search results.",
	"Guide.description":      "One or two sentences for guide cards, search results and link previews.",
	"Guide.species":          "The animals the guide is for, e.g. [cats].",
	"Guide.topics":           "What the guide is about, e.g. [leash training, safety].",
	"Guide.difficulty":       "How hard the plan is for the person following it.",
	"Guide.session_time":     "How long one session takes",
	"Guide.total_time":       "How long the whole plan takes",
	"Guide.updated":          "When the guide was last checked",
	"Guide.draft":            "true keeps the page out of the built site unless --drafts is given.",
	"Guide.weight":           "Orders pages in lists: lower comes first, pages without a weight last.",
	"Guide.before_you_start": "Things to have ready or check before step 1, in Markdown.",
	"Guide.steps":            "The numbered steps; each gets the anchor step-N.",
	"Guide.gear":             "Advice on equipment the guide needs.",
	"Guide.enrichment":       "Ideas that keep the animal busy and content.",
	"Guide.safety":           "Warnings to read before starting, in Markdown.",
	"Guide.related":          "Other guides to read next, as paths inside content/.",
	"Guide.sources":          "References the guide is based on.",
	"Guide.image":            "The guide's cover picture: at its top, on its cards and in link previews.",
	"Guide.reviewed_by":      "Who checked the advice, a vet or another qualified person; needs reviewed_on.",
	"Guide.reviewed_on":      "The day the advice was reviewed; the next review is due review_every months later (site.yaml)",

	"Reviewer.name":        "The reviewer's name as readers should see it, e.g. Dr A. Name.",
	"Reviewer.credentials": "Their qualifications, e.g. BVSc MRCVS.",
	"Reviewer.url":         "A page about them, such as their practice's",

	"Cover.src":     "The picture's file, beside the guide, e.g. harness-fit.jpg.",
	"Cover.alt":     "What the picture shows, for people who cannot see it; \"\" only for a picture that decorates.",
	"Cover.caption": "An optional caption shown under the picture, in Markdown.",
	"Cover.credit":  "Who made the picture, shown with it.",

	"Step.title":   "What this step achieves, in a few words.",
	"Step.body":    "How to do the step",
	"Step.time":    "How long the step usually takes, in words, e.g. \"3-5 sessions\".",
	"Step.tip":     "An optional tip shown beside the step",
	"Step.warning": "An optional warning shown beside the step",
	"Step.image":   "A picture for the step",
	"Step.alt":     "What the picture shows, for people who cannot see it; needed with image (\"\" only for a picture that decorates).",

	"GearItem.name":   "The piece of equipment.",
	"GearItem.kind":   "What sort of equipment it is.",
	"GearItem.advice": "What to know about it",
	"GearItem.choose": "What to look for, in Markdown.",
	"GearItem.avoid":  "What to stay away from, in Markdown.",
	"GearItem.image":  "A picture of the equipment, e.g. how it should fit.",
	"GearItem.alt":    "What the picture shows, for people who cannot see it; needed with image.",

	"EnrichmentIdea.title":  "The idea, in a few words.",
	"EnrichmentIdea.kind":   "What sort of enrichment it is.",
	"EnrichmentIdea.effort": "How much effort it takes the person.",
	"EnrichmentIdea.indoor": "true when it works indoors.",
	"EnrichmentIdea.body":   "How to do it",
	"EnrichmentIdea.image":  "A picture of the idea at work.",
	"EnrichmentIdea.alt":    "What the picture shows, for people who cannot see it; needed with image.",

	"Source.title":     "The title of the article, book or page.",
	"Source.publisher": "Who published it.",
	"Source.url":       "Where to read it",
}
