package markup

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/careguide/careguide/internal/content"
	"github.com/careguide/careguide/internal/markdown"
)

// spec is every part as the template it stands for: what the default theme
// wrote in html/template before these parts were made in Go.
var spec = template.Must(template.New("").Funcs(template.FuncMap{
	"join":  strings.Join,
	"title": func(s content.Effort) string { return strings.ToUpper(string(s[:1])) + string(s[1:]) },
	"date":  func(t time.Time) string { return t.Format("January 2, 2006") },
	"iso":   func(t time.Time) string { return t.Format(time.DateOnly) },
}).Parse(`
{{define "head"}}{{with .Description}}<meta name="description" content="{{.}}">{{end}}
{{with .Canonical}}<link rel="canonical" href="{{.}}">
<meta property="og:url" content="{{.}}">{{end}}
<meta property="og:title" content="{{.Title}}">
<meta property="og:type" content="{{if eq .Kind "guide"}}article{{else}}website{{end}}">
{{with .Description}}<meta property="og:description" content="{{.}}">{{end}}{{end}}

{{define "contents"}}{{range .}}{{if eq .Level 2}}<li><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}{{end}}{{end}}

{{define "items"}}{{range .}}<li>{{.HTML}}</li>{{end}}{{end}}

{{define "summary"}}{{$g := .}}{{with $g.Species}}<dt>Species</dt><dd>{{join . ", "}}</dd>{{end}}
{{with $g.Difficulty}}<dt>Difficulty</dt><dd>{{.}}</dd>{{end}}
{{if not $g.SessionTime.IsZero}}<dt>Time per session</dt><dd>{{$g.SessionTime.Words}}</dd>{{end}}
{{if not $g.TotalTime.IsZero}}<dt>Total time</dt><dd>{{$g.TotalTime.Words}}</dd>{{end}}
{{if not $g.Updated.IsZero}}<dt>Updated</dt><dd><time datetime="{{iso $g.Updated.Time}}">{{date $g.Updated.Time}}</time></dd>{{end}}{{end}}

{{define "steps"}}{{range .}}<li id="{{.Anchor}}" class="step">
<h3>{{.Title}}</h3>
{{with .Time}}<p class="time">Time: {{.}}</p>{{end}}
{{if .ImageURL}}<img src="{{.ImageURL}}" alt="{{.Alt}}">{{end}}
{{.Body.BlockHTML}}
{{with .Tip.HTML}}<div class="tip" role="note"><strong>Tip:</strong> {{.}}</div>{{end}}
{{with .Warning.HTML}}<div class="warning" role="note"><strong>Warning:</strong> {{.}}</div>{{end}}
</li>
{{end}}{{end}}

{{define "choose-avoid"}}{{with .Choose}}<h4>Choose</h4><ul class="choose">{{range .}}<li>{{.HTML}}</li>{{end}}</ul>{{end}}
{{with .Avoid}}<h4>Avoid</h4><ul class="avoid">{{range .}}<li>{{.HTML}}</li>{{end}}</ul>{{end}}{{end}}

{{define "gear"}}{{range .}}<article id="{{.Anchor}}" class="gear">
<h3>{{.Name}}</h3>
{{.Advice.BlockHTML}}
{{template "choose-avoid" .}}
</article>
{{end}}{{end}}

{{define "ideas"}}{{range .}}<article id="{{.Anchor}}" class="idea">
<h3>{{.Title}}</h3>
<p class="badges">{{with .Effort}}<span class="badge effort-{{.}}">{{title .}} effort</span> {{end}}<span class="badge place">{{if .Indoor}}Indoors{{else}}Outdoors{{end}}</span></p>
{{.Body.BlockHTML}}
</article>
{{end}}{{end}}

{{define "sources"}}{{range .}}<li>{{if .URL}}<a href="{{.URL}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}{{with .Publisher}}, {{.}}{{end}}</li>{{end}}{{end}}

{{define "guide-link"}}<a href="{{.GuideURL}}">{{.GuideTitle}}</a>{{end}}

{{define "idea-head"}}{{$i := .Idea}}<li class="idea" data-kind="{{or $i.Kind "other"}}" data-effort="{{$i.Effort}}" data-indoor="{{$i.Indoor}}" data-species="{{.Species}}">
<h3>{{$i.Title}}</h3>
<p class="meta">{{with $i.Effort}}Effort: {{.}} · {{end}}{{if $i.Indoor}}Indoors{{else}}Outdoors{{end}} · from {{template "guide-link" .}}</p>
{{end}}

{{define "idea-list"}}{{range .}}{{template "idea-head" .}}{{.Idea.Body.BlockHTML}}
</li>
{{end}}{{end}}

{{define "idea-brief"}}{{range .}}{{template "idea-head" .}}</li>
{{end}}{{end}}

{{define "gear-list"}}{{range .}}<article class="gear">
<h3>{{.Item.Name}}</h3>
{{.Item.Advice.BlockHTML}}
{{template "choose-avoid" .Item}}
<p class="meta">From {{template "guide-link" .}}</p>
</article>
{{end}}{{end}}
`))

// words are what random values are made of: the characters escaping is
// about, and some that are not.
var words = []string{"a", "Z", "0", "9", " ", "-", ".", "_", "~", "%", "%4F", "%zz", "%a", ":", "/", "//", "?", "#",
	"&", "&amp;", "+", "'", "\"", "<", ">", "(", ")", "[", "]", "!", "$", "*", ",", ";", "=", "@", "\\", "`",
	"\x00", "\t", "\n", "é", "ü", "\u2028", "\U0001F408", "\xff", "http:", "https://example.org/", "javascript:",
	"JavaScript:", "mailto:", "data:", "vbscript:x", "ftp:"}

type gen struct{ r *rand.Rand }

func (g gen) str() string {
	if g.r.IntN(4) == 0 {
		return ""
	}
	var b strings.Builder
	for range 1 + g.r.IntN(7) {
		b.WriteString(words[g.r.IntN(len(words))])
	}
	return b.String()
}

// text is a rendered Markdown value: any HTML, passed through as it is.
func (g gen) text() content.Text {
	h := template.HTML(g.str())
	t := content.Text{HTML: h, BlockHTML: "<p>" + h + "</p>"}
	if g.r.IntN(2) == 0 {
		t.Block, t.BlockHTML = true, h
	}
	return t
}

func (g gen) texts() []content.Text {
	ts := make([]content.Text, g.r.IntN(3))
	for i := range ts {
		ts[i] = g.text()
	}
	return ts
}

func (g gen) guide() *content.Guide {
	gd := &content.Guide{Title: g.str(), Difficulty: content.Difficulty(g.str())}
	for range g.r.IntN(3) {
		gd.Species = append(gd.Species, g.str())
	}
	if g.r.IntN(2) == 0 {
		gd.SessionTime.N, gd.SessionTime.Unit = 1+g.r.IntN(3), "mhdw"[g.r.IntN(4)]
	}
	if g.r.IntN(2) == 0 {
		gd.TotalTime.N, gd.TotalTime.Unit = 1+g.r.IntN(3), "mhdw"[g.r.IntN(4)]
	}
	if g.r.IntN(2) == 0 {
		gd.Updated.Time = time.Date(2020+g.r.IntN(8), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	for i := range g.r.IntN(3) {
		gd.Steps = append(gd.Steps, content.Step{Title: g.str(), Body: g.text(), Time: g.str(), Tip: g.text(),
			Warning: g.text(), Alt: content.Alt{Text: g.str(), Written: true}, Anchor: "step-" + string(rune('1'+i)), ImageURL: g.str()})
	}
	for i := range g.r.IntN(3) {
		gd.Gear = append(gd.Gear, content.GearItem{Name: g.str(), Advice: g.text(), Choose: g.texts(), Avoid: g.texts(),
			Anchor: "gear-" + string(rune('1'+i))})
	}
	for i := range g.r.IntN(3) {
		gd.Enrichment = append(gd.Enrichment, content.EnrichmentIdea{Title: g.str(), Effort: content.Effort(g.str()),
			Kind:   content.EnrichmentKind(g.str()),
			Indoor: g.r.IntN(2) == 0, Body: g.text(), Anchor: "idea-" + string(rune('1'+i))})
	}
	for range g.r.IntN(3) {
		gd.Sources = append(gd.Sources, content.Source{Title: g.str(), Publisher: g.str(), URL: content.WebURL(g.str())})
	}
	return gd
}

// TestMatchesTemplates renders random values with each part and with the
// template it stands for, and compares.
func TestMatchesTemplates(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(5, 6))}
	n := 5000
	if testing.Short() {
		n = 500
	}
	for range n {
		gd := g.guide()
		var ideas []IdeaEntry
		for i := range gd.Enrichment {
			ideas = append(ideas, IdeaEntry{Idea: &gd.Enrichment[i], Species: g.str(), GuideURL: g.str(), GuideTitle: g.str()})
		}
		var gear []GearEntry
		for i := range gd.Gear {
			gear = append(gear, GearEntry{Item: &gd.Gear[i], GuideURL: g.str(), GuideTitle: g.str()})
		}
		headings := make([]markdown.Heading, g.r.IntN(4))
		for i := range headings {
			headings[i] = markdown.Heading{Level: 1 + g.r.IntN(3), ID: g.str(), Text: g.str()}
		}
		head := struct{ Kind, Title, Description, Canonical string }{
			[]string{"guide", "home", "term"}[g.r.IntN(3)], g.str(), g.str(), g.str()}
		for _, c := range []struct {
			name string
			data any
			got  template.HTML
		}{
			{"head", head, Head(head.Kind, head.Title, head.Description, head.Canonical, "")},
			{"contents", headings, Contents(headings)},
			{"items", gd.Steps, ""}, // replaced below: items of texts
			{"summary", gd, Summary(gd)},
			{"steps", gd.Steps, Steps(gd.Steps, nil)},
			{"gear", gd.Gear, Gear(gd.Gear, nil)},
			{"ideas", gd.Enrichment, Ideas(gd.Enrichment, nil)},
			{"sources", gd.Sources, Sources(gd.Sources)},
			{"idea-list", ideas, IdeaList(ideas, true)},
			{"idea-brief", ideas, IdeaList(ideas, false)},
			{"gear-list", gear, GearList(gear, nil)},
		} {
			if c.name == "items" {
				texts := g.texts()
				c.data, c.got = texts, Items(texts)
			}
			var want strings.Builder
			if err := spec.ExecuteTemplate(&want, c.name, c.data); err != nil {
				t.Fatal(err)
			}
			if string(c.got) != want.String() {
				t.Fatalf("%s of %+v:\n%s\nhtml/template makes\n%s", c.name, c.data, c.got, want.String())
			}
		}
	}
}
