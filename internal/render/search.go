package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/site"
)

// searchEntry is one thing /search/ can find: a guide, or a step, piece of
// gear or enrichment idea inside one. Where says which, in words a reader
// sees under the result ("Step 3 of How to leash train your cat").
type searchEntry struct {
	Title string `json:"title"`
	Where string `json:"where"`
	Text  string `json:"text,omitempty"`
	URL   string `json:"url"`
}

// searchTextSize caps each entry's text: enough to match on what a step is
// about, while keeping the index small enough to fetch on a phone (a
// 10,000-guide site's index is still about 20 MB; see the closing note of
// the search issue for sharding).
const searchTextSize = 160

// searchIndex is search/index.json: every guide, then its steps, gear and
// enrichment ideas, in site order, so two builds are byte-identical.
// json.Marshal escapes <, > and &, so no text from content can become
// markup however the script uses it. Entries are encoded one at a time
// into one buffer: holding them all first doubled the memory a big site's
// index needs.
func searchIndex(s *site.Site) []byte {
	guides := s.Guides()
	out := make([]byte, 0, 64+len(guides)*2048)
	out = append(out, '[')
	add := func(e searchEntry) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		b, _ := json.Marshal(e) // strings only: cannot fail
		out = append(out, b...)
	}
	for _, g := range guides {
		add(searchEntry{Title: g.Title, Where: "Guide", Text: clip(g.Description), URL: g.URL})
		for i, st := range g.Steps {
			add(searchEntry{Title: st.Title, Where: "Step " + strconv.Itoa(i+1) + " of " + g.Title,
				Text: clip(plainText(st.Body.HTML)), URL: g.URL + "#" + st.Anchor})
		}
		for _, item := range g.Gear {
			add(searchEntry{Title: item.Name, Where: "Gear: " + item.Name + " in " + g.Title,
				Text: clip(plainText(item.Advice.HTML)), URL: g.URL + "#gear"})
		}
		for _, idea := range g.Enrichment {
			add(searchEntry{Title: idea.Title, Where: "Enrichment idea in " + g.Title,
				Text: clip(plainText(idea.Body.HTML)), URL: g.URL + "#enrichment"})
		}
	}
	return append(out, ']', '\n')
}

// clip cuts text to about searchTextSize bytes at a word boundary, never
// inside a UTF-8 sequence, and marks the cut with an ellipsis.
func clip(text string) string {
	if len(text) <= searchTextSize {
		return text
	}
	cut := searchTextSize
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > searchTextSize/2 {
		cut = sp
	}
	return strings.TrimRight(text[:cut], " ,.;:") + "…"
}
