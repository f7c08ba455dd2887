package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/markdown"
	"github.com/careguide/careguide/internal/site"
	"html/template"
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
const searchTextSize = 160

// searchShardSize is how many guides one shard of the search index holds.
// The index of a 10,000-guide site is about 40 MB; in shards an edit
// re-makes one of them, and the browser fetches them in parallel.
const searchShardSize = 256

// searchShards splits the guides into the shards of the search index, in
// order of their source paths: a title edit reorders guides in the site
// but keeps each in its shard.
func searchShards(s *site.Site) [][]*site.Page {
	guides := guidesByPath(s)
	var shards [][]*site.Page
	for i := 0; i < len(guides); i += searchShardSize {
		shards = append(shards, guides[i:min(len(guides), i+searchShardSize)])
	}
	if len(shards) == 0 {
		shards = append(shards, nil)
	}
	return shards
}

// searchShardPath is the output path of shard i (from 0).
func searchShardPath(i int) string { return "search/index-" + strconv.Itoa(i+1) + ".json" }

// searchManifest is search/index.json: the URLs of the shards, which
// search.js fetches and joins in order:
// {"shards":["/search/index-1.json", ...]}.
func searchManifest(s *site.Site, shards int) []byte {
	urls := make([]string, shards)
	for i := range urls {
		urls[i] = s.Config.BasePath() + searchShardPath(i)
	}
	b, _ := json.Marshal(struct {
		Shards []string `json:"shards"`
	}{urls}) // strings only: cannot fail
	return append(b, '\n')
}

// searchShard is one shard: a JSON array of the entries of its guides,
// each guide then its steps, gear and enrichment ideas, so two builds are
// byte-identical. appendSearchEntry escapes <, > and & as json.Marshal
// does, so no text from content can become markup however the script uses
// it. Shards are made by the
// render workers in parallel.
func searchShard(guides []*site.Page) []byte {
	out := searchEntries(guides)
	if len(out) == 0 {
		return []byte("[]\n")
	}
	out[0] = '[' // each entry starts with a comma
	return append(out, ']', '\n')
}

// searchEntries encodes the entries of guides, each after a comma.
func searchEntries(guides []*site.Page) []byte {
	// A generated guide takes about 4 KB: room for a quarter more saves
	// doubling a megabyte-sized shard for a few bytes.
	out := make([]byte, 0, len(guides)*5120)
	var scratch []byte
	add := func(e searchEntry) { out = appendSearchEntry(append(out, ','), e) }
	if !jsonFastPath {
		add = func(e searchEntry) {
			b, _ := json.Marshal(e) // strings only: cannot fail
			out = append(append(out, ','), b...)
		}
	}
	text := func(h template.HTML) string {
		var t string
		scratch, t = searchTextIn(scratch, h)
		return t
	}
	for _, g := range guides {
		add(searchEntry{Title: g.Title, Where: "Guide", Text: clip(g.Description), URL: g.URL})
		for i, st := range g.Steps {
			add(searchEntry{Title: st.Title, Where: "Step " + strconv.Itoa(i+1) + " of " + g.Title,
				Text: text(st.Body.HTML), URL: g.URL + "#" + st.Anchor})
		}
		for _, item := range g.Gear {
			add(searchEntry{Title: item.Name, Where: "Gear: " + item.Name + " in " + g.Title,
				Text: text(item.Advice.HTML), URL: g.URL + "#gear"})
		}
		for _, idea := range g.Enrichment {
			add(searchEntry{Title: idea.Title, Where: "Enrichment idea in " + g.Title,
				Text: text(idea.Body.HTML), URL: g.URL + "#enrichment"})
		}
	}
	return out
}

// searchTextIn is clip(markdown.Text(h)), without making the whole text:
// clip looks at no more than its first searchTextSize+1 bytes. buf is
// scratch space, returned grown for the next call.
func searchTextIn(buf []byte, h template.HTML) ([]byte, string) {
	buf = markdown.AppendText(buf[:0], string(h), searchTextSize)
	return buf, clip(string(buf))
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
