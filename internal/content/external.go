package content

import (
	"strings"

	"github.com/careguide/careguide/internal/markdown"
	"go.yaml.in/yaml/v3"
)

// ExternalLink is one http(s) address a page links to, where it is written.
// A build never requests it; `careguide check --external` does.
type ExternalLink struct {
	URL  string // as written; shares memory with the page's own copy
	Line int
	Col  int
}

// isWebURL reports whether dest is an http or https address. Other schemes
// (mailto:, tel:) cannot be checked by a request.
func isWebURL(dest string) bool {
	scheme, _, ok := strings.Cut(dest, "://")
	return ok && (strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http"))
}

// external records l when it is a web address. Dest is the markdown
// package's own string, made for this link alone, so keeping it pins nothing
// else of the file.
func (r *renderer) external(l markdown.Link, at func(line, col int) (int, int)) {
	if !isWebURL(l.Dest) {
		return
	}
	line, col := at(l.Line, l.Col)
	r.page.External = append(r.page.External, ExternalLink{URL: l.Dest, Line: line, Col: col})
}

// sourceLinks lists the guide's source URLs with where each url: value is
// written. The decoder keeps no positions for plain values, so they are
// read from the node tree, whose sources list lines up with Guide.Sources
// item for item. lineOffset is the file line before the frontmatter's first.
func sourceLinks(root *yaml.Node, lineOffset int, sources []Source) []ExternalLink {
	list := mappingValue(root, "sources")
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) != len(sources) {
		return nil
	}
	var links []ExternalLink
	for i, item := range list.Content {
		u := mappingValue(item, "url")
		if u == nil || sources[i].URL == "" {
			continue
		}
		if links == nil {
			links = make([]ExternalLink, 0, len(sources))
		}
		links = append(links, ExternalLink{URL: string(sources[i].URL), Line: u.Line + lineOffset, Col: u.Column})
	}
	return links
}

// mappingValue is the value of key in the mapping n (or in the document n
// holds), the first one when the key is repeated, as the decoder takes it.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
