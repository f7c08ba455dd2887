// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"strings"

	template "github.com/careguide/careguide/internal/template/text"
)

// The escapers most actions end in, for one argument of type string, which
// stringify makes plain text: the template package calls these instead of
// boxing the string in an any for the escaper. TestPlainEscapers checks
// that each returns what its escaper returns.
func init() {
	template.SetPlainEscaper("_html_template_htmlescaper", htmlEscaperPlain)
	template.SetPlainEscaper("_html_template_attrescaper", htmlEscaperPlain)
	template.SetPlainEscaper("_html_template_rcdataescaper", htmlEscaperPlain)
	template.SetPlainEscaper("_html_template_urlfilter", urlFilterPlain)
	template.SetPlainEscaper("_html_template_urlnormalizer", urlNormalizerPlain)
	template.SetPlainEscaper("_html_template_urlescaper", urlEscaperPlain)
}

// htmlEscaperPlain is htmlEscaper, attrEscaper and rcdataEscaper of plain
// text.
func htmlEscaperPlain(s string) string {
	return htmlReplacer(s, htmlReplacementTable, true)
}

// urlFilterPlain is urlFilter of plain text.
func urlFilterPlain(s string) string {
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

// urlNormalizerPlain is urlNormalizer of plain text.
func urlNormalizerPlain(s string) string { return processURLPlain(s, true) }

// urlEscaperPlain is urlEscaper of plain text.
func urlEscaperPlain(s string) string { return processURLPlain(s, false) }

// processURLPlain is urlProcessor of plain text.
func processURLPlain(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}
