package yamlfast

import (
	"bytes"
	"strings"
	"testing"

	"github.com/careguide/careguide/internal/sitegen"
)

// realistic is a hand-written guide frontmatter in the style authors use.
const realistic = `title: "How to leash train your cat"
description: A gentle plan from first sniff to first stroll.
species: [cat]
topics: [training, outdoors, exercise]
difficulty: beginner
session_time: 10m
total_time: 4w
updated: 2026-11-20
draft: false
weight: 10
before_you_start:
  - All vaccinations are done and your vet has cleared outdoor walks.
  - "A harness that fits: see [the harness guide](choosing-a-harness.md)."
steps:
  - title: Introduce the harness
    time: 2-3 days
    body: |
      Leave the harness where your cat rests.

      Reward every sniff with a treat.
    tip: Pair every look at the harness with a treat.
    warning: Never leave a harnessed cat unattended.
  - title: "Step two: indoors"
    body: >
      Expect your cat to freeze
      or flop over.
gear:
  - name: Cat harness
    kind: harness
    advice: Choose one made for cats, not a small-dog harness.
    choose: [lightweight nylon or cloth, vest or H-style]
    avoid: ["small-dog harnesses", 'chain leashes']
enrichment:
  - title: Puzzle feeder
    kind: food
    effort: low
    indoor: true
    body: Let your cat work for part of each meal.   # trailing comment
safety:
  - Only after vaccinations and vet clearance.
related: [guides/indoor-enrichment.md]
sources:
  - title: Should I walk my cat on a leash?
    publisher: RSPCA Knowledgebase
    url: https://kb.rspca.org.au/knowledge-base/should-i-walk-my-cat-on-a-leash/
`

type testCase struct {
	name string
	doc  string
	fast bool // the fast path must handle it
}

// cases are realistic documents and edge cases; fast ones must take the
// fast path, the others only have to agree with yaml.v3.
var cases = []testCase{
	{"realistic", realistic, true},
	{"single key", "a: b", true},
	{"no final newline", "a: b\nc: d", true},
	{"leading comments", "# head\n\n# more\ntitle: x\n", true},
	{"comments everywhere", "a: 1 # one\n# between\nb:\n  # inside\n  - x # item\n  # after\nc: [a, b] # flow\n", true},
	{"nulls", "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf:   \n", true},
	{"null at end", "a: 1\nb:", true},
	{"null in nested map", "a:\n  b:\n  c: 1\n", true},
	{"bools", "a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\n", true},
	{"ints", "a: 10\nb: -3\nc: 0\nd: -0\ne: 123456789012345678\n", true},
	{"int-like strings", "a: 10m\nb: 4w\nc: 2-3 days\nd: 1st\ne: 10:30\n", true},
	{"floats", "a: 1.5\n", false},
	{"version strings", "a: 1.2.3\nb: 1-2\nc: 1e\nd: 0.5x\n", true},
	{"exponent", "a: 1e3\n", false},
	{"exotic ints", "a: 0x10\n", false},
	{"octal", "a: 007\n", false},
	{"plus", "a: +1\n", false},
	{"underscore int", "a: 1_000\n", false},
	{"inf", "a: .inf\n", false},
	{"negative inf", "a: -.inf\n", false},
	{"dot string", "a: .gitignore\n", true},
	{"date", "updated: 2026-11-20\n", true},
	{"bad date", "updated: 2026-02-30\n", false},
	{"datetime", "updated: 2026-11-20T10:00:00Z\n", false},
	{"short date", "updated: 2026-1-2\n", false},
	{"merge key", "<<: x\n", false},
	{"indentless sequence", "steps:\n- a\n- b\nnext: 1\n", true},
	{"indented sequence", "steps:\n  - a\n  - b\nnext: 1\n", true},
	{"deep sequence", "steps:\n    - a\n    - b\n", true},
	{"sequence of mappings", "s:\n  - a: 1\n    b: 2\n  - c: 3\n", true},
	{"indentless sequence of mappings", "s:\n- a: 1\n  b: 2\n- c: 3\nd: 4\n", true},
	{"empty items", "s:\n  -\n  - x\n  -   # c\n", true},
	{"item on next line", "s:\n  -\n    a: 1\n", true},
	{"nested sequences", "s:\n  -\n    - a\n    - b\n", true},
	{"compact nested sequence", "s:\n  - - a\n", false},
	{"extra spaces after dash", "s:\n  -   a: 1\n      b: 2\n", true},
	{"indentless in item", "s:\n  - a:\n    - x\n    b: 1\n", true},
	{"double quoted", `a: "x: y # z"` + "\n", true},
	{"escapes", `a: "tab\there \"q\" back\\slash \u00e9 \x41 \U0001F600 \/"` + "\n", false},
	{"known escapes", `a: "tab\there \"q\" back\\slash \u00e9 \x41 \U0001F600 \0 \e \N \_ \L \P \ "` + "\n", true},
	{"escape beyond int32", `a: "\U80000000"` + "\n", false}, // found by FuzzParse
	{"largest escape", `a: "\U0010FFFF \U00110000"` + "\n", false},
	{"bad escape", `a: "\q"` + "\n", false},
	{"surrogate escape", `a: "\ud800"` + "\n", false},
	{"single quoted", "a: 'it''s # not a comment'\n", true},
	{"empty quoted", "a: \"\"\nb: ''\n", true},
	{"multi-line double quoted", "a: \"one\n  two\"\n", false},
	{"multi-line plain", "a: one\n  two\n", false},
	{"multi-line plain after blank", "a: one\n\n  two\n", false},
	{"flow sequences", "a: [a, \"b c\", 'd', 1, true, ~]\nb: []\nc: [ x ,y ]\n", true},
	{"flow url", "related: [https://example.org/a, b]\n", true},
	{"nested flow", "a: [[a]]\n", false},
	{"flow mapping", "a: {b: c}\n", false},
	{"multi-line flow", "a: [a,\n  b]\n", false},
	{"trailing comma", "a: [a, b,]\n", false},
	{"literal", "a: |\n  one\n   two\n\n  three\nb: 1\n", true},
	{"literal strip", "a: |-\n  one\n\n\nb: 1\n", true},
	{"literal at eof", "a: |\n  one", true},
	{"literal with hash", "a: | # c\n  # not a comment\n  x\n", true},
	{"folded", "a: >\n  one\n  two\n\n  three\n\n\n  four\nb: 1\n", true},
	{"folded strip", "a: >-\n  one\n  two\n", true},
	{"folded more indented", "a: >\n  one\n    two\n", false},
	{"keep chomping", "a: |+\n  one\n\n", false},
	{"indent indicator", "a: |2\n   one\n", false},
	{"empty block scalar", "a: |\nb: 1\n", false},
	{"leading blank in block", "a: |\n\n  x\n", false},
	{"block in sequence", "s:\n- |\n  x\n- >-\n  y\n  z\n", true},
	{"block in item map", "s:\n  - body: |\n      x\n    tip: y\n", true},
	{"unicode columns", "a: [é, ü, 漢字, x]\nb: \"é\"\nc: é # c\n", true},
	{"anchor", "a: &x 1\nb: *x\n", false},
	{"tag", "a: !!str 1\n", false},
	{"document marker", "---\na: 1\n", false},
	{"document end", "a: 1\n...\n", false},
	{"directive", "%YAML 1.2\n---\na: 1\n", false},
	{"tabs", "a:\tb\n", false},
	{"tab indentation", "a:\n\t- b\n", false},
	{"crlf", "a: b\r\nc: d\r\n", false},
	{"bom", "\ufeffa: b\n", false},
	{"complex key", "? a\n: b\n", false},
	{"no space after colon", "a:b\n", false},
	{"quoted key", "\"a\": b\n", false},
	{"key with space", "a b: c\n", false},
	{"duplicate keys", "a: 1\na: 2\n", true},
	{"mapping value in value", "a: b: c\n", false},
	{"bad indentation", "a:\n    b: 1\n  c: 2\n", false},
	{"sequence then key", "a:\n  - x\n  b: 1\n", false},
	{"top-level sequence", "- a\n- b\n", false},
	{"scalar document", "hello\n", false},
	{"empty", "", false},
	{"only comments", "# nothing\n", false},
	{"indented root", "  a: 1\n", false},
	{"alias-like plain", "a: x*y&z!w\n", true},
	{"dash values", "a: -x\nb: --\n", true},
	{"dash alone", "a: -\n", false},
	{"indicator start", "a: @x\n", false},
	{"colon in plain", "a: b:c\nd: http://x\n", true},
	{"control char", "a: \x01\n", false},
	{"invalid utf8", "a: \xff\n", false},
	{"nel", "a: x\u0085y\n", false},
	{"tab in literal text", "a: |\n  x\ty\n  \tz\n", true},
	{"tab in comment", "# a\tb\na: 1 # c\td\n", false},
	{"tab in full-line comment", "# a\tb\na: 1\n", true},
	{"tab in folded text", "a: >\n  x\n  \ty\n", false},
	{"tab where block indentation is detected", "0: |\n \t", false}, // found by FuzzParse
	{"tab in block indentation", "a: |\n    x\n  \ty\n", false},
	{"long value", "a: " + strings.Repeat("x", 3000) + "\nb: \"" + strings.Repeat("y", 3000) + "\"\n", true},
	{"long key", strings.Repeat("k", 1100) + ": v\n", false},
	{"deep nesting", deep(150), false},
	{"moderate nesting", deep(40), true},
	{"generated style", "title: \"How to \\\"x\\\"\"\nsteps:\n  - title: \"A\"\n    body: \"*em* [l](../s/g.md#step-2)\"\n", true},
}

// deep nests n mappings, one more space each.
func deep(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func TestParseMatchesYAMLv3(t *testing.T) {
	for _, c := range cases {
		fast := checkSame(t, c.name, []byte(c.doc))
		if c.fast && !fast {
			t.Errorf("%s: expected the fast path", c.name)
		}
	}
}

// TestGeneratedSite checks every frontmatter of a generated site: all
// strings double-quoted, links and emphasis inside; all must be fast.
func TestGeneratedSite(t *testing.T) {
	files := sitegen.Files(sitegen.Options{Guides: 50, Seed: 1})
	n := 0
	for path, data := range files {
		if !strings.HasPrefix(path, "content/") || !strings.HasSuffix(path, ".md") {
			continue
		}
		fm := frontmatter(data)
		if fm == nil {
			t.Fatalf("%s: no frontmatter", path)
		}
		if !checkSame(t, path, fm) {
			t.Errorf("%s: expected the fast path", path)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d guides checked", n)
	}
}

// frontmatter returns the text between the first two "---" lines.
func frontmatter(data []byte) []byte {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil
	}
	return rest[:end+1]
}
