// Package yamlfast parses YAML frontmatter into the same *yaml.Node tree
// that go.yaml.in/yaml/v3 produces, about an order of magnitude faster.
//
// # Why
//
// Every guide carries about 5 KB of YAML frontmatter. yaml.Unmarshal into a
// yaml.Node costs 250 µs to 1 ms and ~1,600 allocations per guide, which on
// a 10,000-guide site alone exceeds the build's time budget. Frontmatter
// uses a small, regular corner of YAML, so a hand-written parser for that
// corner is cheap, and falling back to yaml.v3 for everything else keeps the
// result exact.
//
// # Use
//
//	node, err := yamlfast.Parse(frontmatter) // same as yaml.Unmarshal(frontmatter, &node)
//
// The one thing to know: Parse never disagrees with yaml.v3. Input outside
// the subset below is handed to yaml.v3 unchanged, so the tree (or the error)
// is always yaml.v3's; the subset only decides how fast the answer comes.
// The one exception is comments: the fast path drops them, so HeadComment,
// LineComment and FootComment are empty. Callers must not rely on comments.
// A differential fuzz test (FuzzParse) checks the equivalence.
//
// A caller that parses many documents and keeps none of their trees uses
// ParseTree instead, and calls Release when done with the tree: the next
// ParseTree reuses its nodes, so a 10,000-guide build allocates 230 MB
// fewer bytes of nodes.
//
//	tree, err := yamlfast.ParseTree(frontmatter)
//	... decode tree.Root into structs that copy what they keep ...
//	tree.Release() // tree.Root must not be used after this
//
// # The fast subset
//
//   - A document whose root is a block mapping starting at column 1.
//   - Block mappings whose keys are plain words of [A-Za-z0-9_-] (not
//     starting with '-') followed by ':' and a space or end of line.
//   - Block sequences ("- item"), indented under their key or at the key's
//     own indentation, including sequences of mappings ("- title: x").
//   - Single-line scalars: plain, double-quoted (the escapes yaml.v3
//     accepts, except line continuations) and single-quoted.
//   - One-line flow sequences of scalars: [a, "b c", 'd'].
//   - Block scalars |, |-, > and >- with auto-detected indentation.
//   - Full-line and trailing comments, blank lines.
//   - Tags resolved like yaml.v3: !!null, !!bool, plain decimal !!int,
//     YYYY-MM-DD !!timestamp, !!str.
//
// # What falls back to yaml.v3
//
// Anything else, for example: anchors, aliases, tags, directives, document
// markers (--- or ...), flow mappings, nested or multi-line flow
// collections, multi-line plain or quoted scalars, complex, quoted or
// spaced keys, a root that is not a mapping, tabs (except in block-scalar
// text and full-line comments), CR line endings, a BOM, control characters,
// |+ and >+, explicit indentation indicators, empty block scalars or ones
// starting with a blank line, more-indented lines inside > scalars, plain
// scalars starting with an indicator character other than "-x", flow items
// with ':' (other than "://"), '#', '?' or a leading '-', scalars that may
// be floats or non-decimal/odd integers (1.5, 0x10, 007, +1, 1_000, 1e3;
// strings like 1.2.3 or 10m stay fast), timestamps other than a valid
// date, "<<", and every syntax error, so errors are always yaml.v3's.
//
// # What it saves
//
// A 10,000-guide build (sitegen, Seed 1) into tmpfs, on the project's
// 2-core VM, 5 interleaved runs each, medians: 4.51 s and 8.6 CPU-s with
// the fast path; 7.59 s and 14.7 CPU-s built with -tags noyamlfast, which
// sends every document to yaml.v3 (+68% wall). Measured 2026-12-05 with
//
//	go build -o on ./cmd/careguide
//	go build -tags noyamlfast -o off ./cmd/careguide
//	on build --site GEN10K --out /dev/shm/out -q   # likewise off, alternately
//
// FuzzParse, TestRandomDocuments and the case table compare every tree and
// error with yaml.v3's.
//
// # Memory
//
// Nodes are allocated in chunks, and scalar values without escapes are
// substrings of one copy of the input, so a guide costs a handful of
// allocations; the flip side is that any node kept alive keeps its chunk
// and the copy of the input alive.
package yamlfast
