package render

import (
	"encoding/json"
	"html"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/careguide/careguide/internal/site"
	"github.com/careguide/careguide/internal/template"
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
// into one buffer per run of guides: holding them all first doubled the
// memory a big site's index needs. The runs are encoded in parallel and
// joined in order, because the index is made after every page, when
// nothing else is left to run beside it.
func searchIndex(s *site.Site) []byte {
	guides := s.Guides()
	const run = 256
	parts := make([][]byte, (len(guides)+run-1)/run)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(parts)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(parts); i = int(next.Add(1) - 1) {
				parts[i] = searchEntries(guides[i*run : min(len(guides), (i+1)*run)])
			}
		})
	}
	wg.Wait()
	size := 3
	for _, p := range parts {
		size += len(p)
	}
	out := make([]byte, 0, size)
	out = append(out, '[')
	for i, p := range parts {
		if i == 0 {
			p = p[1:] // each part starts with a comma
		}
		out = append(out, p...)
	}
	return append(out, ']', '\n')
}

// searchEntries encodes the entries of guides, each after a comma.
func searchEntries(guides []*site.Page) []byte {
	out := make([]byte, 0, len(guides)*4096)
	add := func(e searchEntry) {
		b, _ := json.Marshal(e) // strings only: cannot fail
		out = append(append(out, ','), b...)
	}
	for _, g := range guides {
		add(searchEntry{Title: g.Title, Where: "Guide", Text: clip(g.Description), URL: g.URL})
		for i, st := range g.Steps {
			add(searchEntry{Title: st.Title, Where: "Step " + strconv.Itoa(i+1) + " of " + g.Title,
				Text: searchText(st.Body.HTML), URL: g.URL + "#" + st.Anchor})
		}
		for _, item := range g.Gear {
			add(searchEntry{Title: item.Name, Where: "Gear: " + item.Name + " in " + g.Title,
				Text: searchText(item.Advice.HTML), URL: g.URL + "#gear"})
		}
		for _, idea := range g.Enrichment {
			add(searchEntry{Title: idea.Title, Where: "Enrichment idea in " + g.Title,
				Text: searchText(idea.Body.HTML), URL: g.URL + "#enrichment"})
		}
	}
	return out
}

// searchText is clip(plainText(h)), without making the whole text when
// its start decides the result: clip looks at no more than the first
// searchTextSize+1 bytes. The text is cut at a space, which no entity
// spans, so unescaping the start gives the start of the unescaped whole.
func searchText(h template.HTML) string {
	b := make([]byte, 0, 2*searchTextSize)
	in, space, amp := false, false, false
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case in:
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			if len(b) > searchTextSize {
				if !amp {
					return clip(string(b))
				}
				if text := html.UnescapeString(string(b)); len(text) > searchTextSize {
					return clip(text)
				}
			}
			space = len(b) > 0
		default:
			if space {
				b = append(b, ' ')
				space = false
			}
			amp = amp || c == '&'
			b = append(b, c)
		}
	}
	return clip(html.UnescapeString(string(b)))
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
