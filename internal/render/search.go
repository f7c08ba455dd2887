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
// about, while keeping the index small enough to fetch on a phone.
const searchTextSize = 300

// searchIndex is search/index.json: every guide, then its steps, gear and
// enrichment ideas, in site order, so two builds are byte-identical.
// json.Marshal escapes <, > and &, so no text from content can become
// markup however the script uses it.
func searchIndex(s *site.Site) []byte {
	var entries []searchEntry
	for _, g := range s.Guides() {
		entries = append(entries, searchEntry{Title: g.Title, Where: "Guide", Text: clip(g.Description), URL: g.URL})
		for i, st := range g.Steps {
			entries = append(entries, searchEntry{Title: st.Title, Where: "Step " + strconv.Itoa(i+1) + " of " + g.Title,
				Text: clip(plainText(st.Body.HTML)), URL: g.URL + "#" + st.Anchor})
		}
		for _, item := range g.Gear {
			entries = append(entries, searchEntry{Title: item.Name, Where: "Gear: " + item.Name + " in " + g.Title,
				Text: clip(plainText(item.Advice.HTML)), URL: g.URL + "#gear"})
		}
		for _, idea := range g.Enrichment {
			entries = append(entries, searchEntry{Title: idea.Title, Where: "Enrichment idea in " + g.Title,
				Text: clip(plainText(idea.Body.HTML)), URL: g.URL + "#enrichment"})
		}
	}
	if entries == nil {
		entries = []searchEntry{} // "[]", not "null": the script iterates it
	}
	out, _ := json.Marshal(entries) // strings only: cannot fail
	return append(out, '\n')
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
