package content

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

// The allowed values of each enumerated frontmatter field, in the order docs
// and hints list them.
var (
	Difficulties    = []string{"beginner", "intermediate", "advanced"}
	GearKinds       = []string{"harness", "leash", "collar", "id-tag", "treats", "toy", "carrier", "other"}
	EnrichmentKinds = []string{"play", "food", "furniture", "training", "outdoors"}
	Efforts         = []string{"low", "medium", "high"}
)

type (
	Difficulty     string
	GearKind       string
	EnrichmentKind string
	Effort         string
)

func (v *Difficulty) DecodeYAML(n *yaml.Node) (string, string) {
	return oneOf(n, (*string)(v), "difficulty", Difficulties)
}
func (v *GearKind) DecodeYAML(n *yaml.Node) (string, string) {
	return oneOf(n, (*string)(v), "gear kind", GearKinds)
}
func (v *EnrichmentKind) DecodeYAML(n *yaml.Node) (string, string) {
	return oneOf(n, (*string)(v), "enrichment kind", EnrichmentKinds)
}
func (v *Effort) DecodeYAML(n *yaml.Node) (string, string) {
	return oneOf(n, (*string)(v), "effort", Efforts)
}

func oneOf(n *yaml.Node, dst *string, what string, allowed []string) (string, string) {
	if msg, hint := scalar(n); msg != "" {
		return msg, hint
	}
	i := slices.Index(allowed, n.Value)
	if i < 0 {
		hint := diag.Suggest(n.Value, allowed)
		if hint != "" {
			hint += " "
		}
		return fmt.Sprintf("%q is not a %s", n.Value, what), hint + "allowed: " + strings.Join(allowed, ", ")
	}
	*dst = allowed[i] // not n.Value, which may pin the whole frontmatter in memory
	return "", ""
}

func scalar(n *yaml.Node) (string, string) {
	if n.Kind != yaml.ScalarNode {
		return "expected text, found " + strictyaml.Describe(n), "write a single value on the same line as the key"
	}
	return "", ""
}

// Duration is an amount of time written as a number and a unit letter.
type Duration struct {
	N    int
	Unit byte // 'm', 'h', 'd' or 'w'
}

// SessionTime is how long one session takes: "10m" or "1h".
type SessionTime struct{ Duration }

// TotalTime is how long the whole plan takes: "5d" or "4w".
type TotalTime struct{ Duration }

func (v *SessionTime) DecodeYAML(n *yaml.Node) (string, string) {
	return v.decode(n, "mh", "minutes (10m) or hours (1h)")
}
func (v *TotalTime) DecodeYAML(n *yaml.Node) (string, string) {
	return v.decode(n, "dw", "days (5d) or weeks (4w)")
}

func (d *Duration) decode(n *yaml.Node, units, hint string) (string, string) {
	if msg, h := scalar(n); msg != "" {
		return msg, h
	}
	s := n.Value
	if len(s) >= 2 && strings.IndexByte(units, s[len(s)-1]) >= 0 {
		if num, err := strconv.Atoi(s[:len(s)-1]); err == nil && num > 0 && num < 10000 {
			d.N, d.Unit = num, s[len(s)-1]
			return "", ""
		}
	}
	return fmt.Sprintf("%q is not a duration", s), "write a whole number of " + hint
}

// IsZero reports whether the duration was not given.
func (d Duration) IsZero() bool { return d.N == 0 }

// String is the duration as written: "10m".
func (d Duration) String() string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.N) + string(d.Unit)
}

// Words is the duration for people: "10 minutes", "1 week".
func (d Duration) Words() string {
	if d.IsZero() {
		return ""
	}
	unit := map[byte]string{'m': "minute", 'h': "hour", 'd': "day", 'w': "week"}[d.Unit]
	if d.N != 1 {
		unit += "s"
	}
	return strconv.Itoa(d.N) + " " + unit
}

// ISO8601 is the duration as schema.org wants it: "PT10M", "P4W".
func (d Duration) ISO8601() string {
	if d.IsZero() {
		return ""
	}
	if d.Unit == 'm' || d.Unit == 'h' {
		return "PT" + strconv.Itoa(d.N) + strings.ToUpper(string(d.Unit))
	}
	return "P" + strconv.Itoa(d.N) + strings.ToUpper(string(d.Unit))
}

// impossibleDay says why a date written in the right shape (YYYY-MM-DD)
// is no day of the calendar ("November has 30 days"), or "" when its shape
// is wrong or it is a day.
func impossibleDay(s string) string {
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return ""
	}
	y, errY := strconv.Atoi(s[:4])
	m, errM := strconv.Atoi(s[5:7])
	d, errD := strconv.Atoi(s[8:])
	switch {
	case errY != nil || errM != nil || errD != nil:
		return ""
	case m < 1 || m > 12:
		return fmt.Sprintf("there is no month %d", m)
	}
	days := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case d < 1:
		return "days start at 01"
	case d > days && m == 2 && d == 29:
		return fmt.Sprintf("%d is not a leap year", y)
	case d > days:
		return fmt.Sprintf("%s has %d days", time.Month(m), days)
	}
	return ""
}

// shortDate reads a date written with one-digit months or days
// ("2026-1-5").
func shortDate(s string) (y, m, d int, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return 0, 0, 0, false
	}
	var err [3]error
	y, err[0] = strconv.Atoi(parts[0])
	m, err[1] = strconv.Atoi(parts[1])
	d, err[2] = strconv.Atoi(parts[2])
	return y, m, d, err == [3]error{} && impossibleDay(fmt.Sprintf("%04d-%02d-%02d", y, m, d)) == "" && m > 0 && d > 0
}

// Date is a calendar day, written YYYY-MM-DD.
type Date struct{ time.Time }

func (v *Date) DecodeYAML(n *yaml.Node) (string, string) {
	if msg, hint := scalar(n); msg != "" {
		return msg, hint
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, n.Value); err == nil {
			v.Time = t.UTC().Truncate(24 * time.Hour)
			return "", ""
		}
	}
	if why := impossibleDay(n.Value); why != "" {
		return fmt.Sprintf("%q is not a date: %s", n.Value, why), "check the day and the month"
	}
	if y, m, d, ok := shortDate(n.Value); ok {
		return fmt.Sprintf("%q is not a date", n.Value), fmt.Sprintf("write the month and the day with two digits each: %04d-%02d-%02d", y, m, d)
	}
	return fmt.Sprintf("%q is not a date", n.Value), "write the date as YYYY-MM-DD, e.g. 2026-11-20"
}

// String is the date as written, or "" when not set.
func (v Date) String() string {
	if v.IsZero() {
		return ""
	}
	return v.Format(time.DateOnly)
}

// WebURL is an absolute http(s) address.
type WebURL string

func (v *WebURL) DecodeYAML(n *yaml.Node) (string, string) {
	if msg, hint := scalar(n); msg != "" {
		return msg, hint
	}
	u, err := url.Parse(n.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("%q is not a web address", n.Value), "write the full address, starting with https://"
	}
	*v = WebURL(strings.Clone(n.Value))
	return "", ""
}

func (v *Text) DecodeYAML(n *yaml.Node) (string, string) {
	if msg, hint := scalar(n); msg != "" {
		return msg, hint
	}
	v.src = n.Value
	v.Block = strings.Contains(strings.TrimSpace(n.Value), "\n")
	return "", ""
}

// SetPosition records where the text is written.
func (v *Text) SetPosition(line, col int) { v.Line, v.Col = line, col }

func (v *Ref) DecodeYAML(n *yaml.Node) (string, string) {
	if msg, hint := scalar(n); msg != "" {
		return msg, hint
	}
	v.Path = strings.Clone(n.Value)
	return "", ""
}

// SetPosition records where the reference is written.
func (v *Ref) SetPosition(line, col int) { v.Line, v.Col = line, col }

// Alt is an image's alt text: what it shows, for people who cannot see it.
// Written says the key is there: an image without it is an error, and
// alt: "" says, on purpose, that the image only decorates. A template
// prints it as its text.
type Alt struct {
	Text    string
	Written bool
}

func (v *Alt) DecodeYAML(n *yaml.Node) (string, string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "alt must be text", `describe what the image shows, or write alt: "" for an image that only decorates`
	}
	v.Text, v.Written = strings.Clone(n.Value), true
	return "", ""
}

func (v Alt) String() string { return v.Text }

// JSONSchema implements schema.Describer.
func (Alt) JSONSchema() map[string]any {
	return map[string]any{"type": "string"}
}
