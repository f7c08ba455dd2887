package sitegen

import (
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing/fstest"
)

// Options say how big a site to generate and from which seed.
type Options struct {
	Guides   int   // number of guides; negative counts as 0
	Sections int   // guides are spread over this many sections (folders with _index.md); default 10 if <= 0
	Seed     int64 // deterministic: same options -> byte-identical site
}

// SiteYAML is the exact content of the generated site.yaml.
const SiteYAML = `title: Generated care guides
base_url: https://example.org/
language: en
description: A generated site for benchmarks.
author: careguide
`

// Files returns the site as path -> content: "site.yaml", "content/_index.md",
// "content/<section>/_index.md", "content/<section>/<slug>.md". Paths are
// slash-separated. The map has 2 + sections + guides entries.
func Files(o Options) map[string][]byte {
	g := newGen(o)
	out := make(map[string][]byte, 2+g.s+g.n)
	out["site.yaml"] = []byte(SiteYAML)
	out["content/_index.md"] = g.home()
	for k := 0; k < g.s; k++ {
		out["content/"+g.secDirs[k]+"/_index.md"] = g.section(k)
	}
	guides := make([][]byte, g.n)
	workers := min(runtime.GOMAXPROCS(0), max(1, g.n/64))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scratch := make([]byte, 0, 16<<10)
			var slab []byte
			for {
				// Hand out guides in small batches to keep contention low.
				start := int(next.Add(32)) - 32
				if start >= g.n {
					return
				}
				for i := start; i < min(start+32, g.n); i++ {
					scratch = g.guide(scratch[:0], i)
					// Copy into a shared slab: one allocation per ~100
					// guides instead of one each. The capacity is capped
					// so an append by the caller never overwrites the next guide.
					if len(scratch) > cap(slab)-len(slab) {
						slab = make([]byte, 0, max(1<<20, len(scratch)))
					}
					at := len(slab)
					slab = append(slab, scratch...)
					guides[i] = slab[at:len(slab):len(slab)]
				}
			}
		}()
	}
	wg.Wait()
	for i, b := range guides {
		out["content/"+g.paths[i]] = b
	}
	return out
}

// Write writes Files(o) under dir, creating dir and its subdirectories.
// Existing files with the same names are overwritten; others are left alone.
func Write(dir string, o Options) error {
	files := Files(o)
	made := map[string]bool{}
	for p, b := range files {
		d := path.Dir(p)
		if !made[d] {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// gen holds what every guide needs to know about the whole site: where each
// guide lives and what it is called, so links and related lists can point at
// guides that exist.
type gen struct {
	seed     uint64
	n, s     int
	secDirs  []string // "section-3"
	secStart []int    // first guide index of each section; secStart[s] == n
	secOf    []int    // section of each guide
	names    []string // "guide-0042.md"
	paths    []string // "section-3/guide-0042.md", relative to content/
	titles   []string
	titleIdx []int // index into the action x species x context space
}

var (
	titleSpace = len(actions) * len(speciesNames) * len(contexts)
	titleStep  = coprimeStep(titleSpace)
)

// coprimeStep returns a number coprime to n, so i -> i*step mod n is a
// permutation of [0, n): titles look shuffled yet never repeat.
func coprimeStep(n int) int {
	gcd := func(a, b int) int {
		for b != 0 {
			a, b = b, a%b
		}
		return a
	}
	step := 7919
	for gcd(step, n) != 1 {
		step += 2
	}
	return step
}

func newGen(o Options) *gen {
	n, s := max(o.Guides, 0), o.Sections
	if s <= 0 {
		s = 10
	}
	g := &gen{seed: uint64(o.Seed), n: n, s: s}
	width := max(4, len(strconv.Itoa(n)))
	sr := rand.New(rand.NewPCG(g.seed, 0x5173_6765_6e5f_7369)) // site-level stream
	offset := sr.IntN(titleSpace)

	g.secDirs = make([]string, s)
	g.secStart = make([]int, s+1)
	base, rem := n/s, n%s
	for k := range s {
		g.secDirs[k] = "section-" + strconv.Itoa(k+1)
		size := base
		if k < rem {
			size++
		}
		g.secStart[k+1] = g.secStart[k] + size
	}
	g.secOf = make([]int, n)
	g.names = make([]string, n)
	g.paths = make([]string, n)
	g.titles = make([]string, n)
	g.titleIdx = make([]int, n)
	num := make([]byte, 0, 32)
	for k := range s {
		for i := g.secStart[k]; i < g.secStart[k+1]; i++ {
			g.secOf[i] = k
			num = append(num[:0], "guide-"...)
			num = appendPadded(num, i+1, width)
			num = append(num, ".md"...)
			g.names[i] = string(num)
			g.paths[i] = g.secDirs[k] + "/" + g.names[i]

			ti := (i*titleStep + offset) % titleSpace
			g.titleIdx[i] = ti
			sp, act, ctx := g.decode(ti)
			t := "How to " + vocab[sp].actions[act] + contexts[ctx]
			if part := i / titleSpace; part > 0 {
				t += " (part " + strconv.Itoa(part+1) + ")"
			}
			g.titles[i] = t
		}
	}
	return g
}

// decode splits a title index into species, action and context.
func (g *gen) decode(ti int) (sp, act, ctx int) {
	sp = ti % len(speciesNames)
	ti /= len(speciesNames)
	return sp, ti % len(actions), ti / len(actions)
}

func appendPadded(b []byte, v, width int) []byte {
	var tmp [20]byte
	d := strconv.AppendInt(tmp[:0], int64(v), 10)
	for k := len(d); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

// rng returns the random stream of one file. Each file has its own stream, so
// files can be generated in any order, in parallel, with identical output.
func (g *gen) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, stream*0x9E3779B97F4A7C15+0x632BE59BD9B4E019))
}

func (g *gen) home() []byte {
	r := g.rng(1 << 62)
	b := make([]byte, 0, 1024)
	b = append(b, "---\ntitle: \"Generated care guides\"\ndescription: \"Step-by-step care guides for cats, dogs, rabbits, ferrets and parrots.\"\n---\n"...)
	b = append(b, "These "...)
	b = strconv.AppendInt(b, int64(g.n), 10)
	b = append(b, " guides in "...)
	b = strconv.AppendInt(b, int64(g.s), 10)
	b = append(b, " sections cover training, gear, enrichment and safety. "...)
	b = append(b, sectionBlurbs[r.IntN(len(sectionBlurbs))]...)
	if g.n > 0 {
		j := r.IntN(g.n)
		b = append(b, "\n\nNew here? Start with ["...)
		b = append(b, g.titles[j]...)
		b = append(b, "]("...)
		b = append(b, g.paths[j]...)
		b = append(b, ")."...)
	}
	return append(b, '\n')
}

func (g *gen) section(k int) []byte {
	r := g.rng(1<<62 + 1 + uint64(k))
	b := make([]byte, 0, 1024)
	title := sectionThemes[k%len(sectionThemes)]
	if round := k / len(sectionThemes); round > 0 {
		title += " " + strconv.Itoa(round+1)
	}
	b = append(b, "---\ntitle: "...)
	b = appendQuoted(b, title)
	b = append(b, "\ndescription: "...)
	b = appendQuoted(b, sectionBlurbs[r.IntN(len(sectionBlurbs))])
	b = append(b, "\nweight: "...)
	b = strconv.AppendInt(b, int64(k+1), 10)
	b = append(b, "\n---\n"...)
	b = append(b, sectionBlurbs[r.IntN(len(sectionBlurbs))]...)
	if lo, hi := g.secStart[k], g.secStart[k+1]; hi > lo {
		j := lo + r.IntN(hi-lo)
		b = append(b, "\n\nA good first read: ["...)
		b = append(b, g.titles[j]...)
		b = append(b, "]("...)
		b = append(b, g.names[j]...)
		b = append(b, ")."...)
	}
	return append(b, '\n')
}

// other picks a guide other than i, half the time from i's own section.
// It returns -1 if the site has no other guide.
func (g *gen) other(r *rand.Rand, i int) int {
	if g.n < 2 {
		return -1
	}
	k := g.secOf[i]
	lo, hi := g.secStart[k], g.secStart[k+1]
	if hi-lo > 1 && r.IntN(2) == 0 {
		j := lo + r.IntN(hi-lo-1)
		if j >= i {
			j++
		}
		return j
	}
	j := r.IntN(g.n - 1)
	if j >= i {
		j++
	}
	return j
}

// appendLink appends the relative path from guide i to guide j, as GitHub
// would resolve it, optionally with a #step-N anchor (N <= 4: every guide has
// at least four steps).
func (g *gen) appendLink(b []byte, r *rand.Rand, i, j int) []byte {
	if g.secOf[i] != g.secOf[j] {
		b = append(b, "../"...)
		b = append(b, g.secDirs[g.secOf[j]]...)
		b = append(b, '/')
	}
	b = append(b, g.names[j]...)
	if r.IntN(5) < 2 {
		b = append(b, "#step-"...)
		b = append(b, byte('1'+r.IntN(4)))
	}
	return b
}

// appendLinkSentence appends a sentence linking guide i to guide j.
func (g *gen) appendLinkSentence(b []byte, r *rand.Rand, v *spVocab, i, j int) []byte {
	k := r.IntN(len(v.linkPrefix))
	b = append(b, v.linkPrefix[k]...)
	b = append(b, '[')
	b = append(b, g.titles[j]...)
	b = append(b, "]("...)
	b = g.appendLink(b, r, i, j)
	b = append(b, ')')
	return append(b, v.linkSuffix[k]...)
}

// picks returns n distinct indices in [0, size), n <= size, in random order.
func picks(r *rand.Rand, dst []int, n, size int) []int {
	dst = dst[:0]
	n = min(n, size)
outer:
	for len(dst) < n {
		x := r.IntN(size)
		for _, y := range dst {
			if x == y {
				continue outer
			}
		}
		dst = append(dst, x)
	}
	return dst
}

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// guide appends guide i to b.
func (g *gen) guide(b []byte, i int) []byte {
	r := g.rng(uint64(i))
	sp, act, ctx := g.decode(g.titleIdx[i])
	v := &vocab[sp]
	var idx [8]int
	var tmp [8]int

	// Head.
	b = append(b, "---\ntitle: "...)
	b = appendQuoted(b, g.titles[i])
	d := descriptions[r.IntN(len(descriptions))]
	b = append(b, "\ndescription: "...)
	b = appendQuoted(b, d[0]+v.actions[act]+contexts[ctx]+d[1])
	b = append(b, "\nspecies: ["...)
	b = append(b, speciesNames[sp]...)
	b = append(b, "]\ntopics: ["...)
	first := actions[act].topic
	b = append(b, topicNames[first]...)
	for _, t := range picks(r, tmp[:], between(r, 0, 2), len(topicNames)) {
		if t != first {
			b = append(b, ", "...)
			b = append(b, topicNames[t]...)
		}
	}
	b = append(b, "]\ndifficulty: "...)
	b = append(b, difficulties[r.IntN(len(difficulties))]...)
	b = append(b, "\nsession_time: "...)
	if r.IntN(8) == 0 {
		b = append(b, "1h"...)
	} else {
		b = strconv.AppendInt(b, int64([]int{5, 10, 15, 20, 30, 45}[r.IntN(6)]), 10)
		b = append(b, 'm')
	}
	b = append(b, "\ntotal_time: "...)
	if r.IntN(2) == 0 {
		b = strconv.AppendInt(b, int64(between(r, 3, 14)), 10)
		b = append(b, 'd')
	} else {
		b = strconv.AppendInt(b, int64(between(r, 1, 8)), 10)
		b = append(b, 'w')
	}
	year, month := 2026, r.IntN(12) // one year: never stale under lint's 18 months
	days := monthDays[month]
	if month == 1 && year%4 == 0 {
		days++
	}
	b = append(b, "\nupdated: "...)
	b = strconv.AppendInt(b, int64(year), 10)
	b = append(b, '-')
	b = appendPadded(b, month+1, 2)
	b = append(b, '-')
	b = appendPadded(b, between(r, 1, days), 2)
	b = append(b, "\nweight: "...)
	b = strconv.AppendInt(b, int64((i-g.secStart[g.secOf[i]]+1)*10), 10)

	b = append(b, "\nbefore_you_start:\n"...)
	for _, k := range picks(r, idx[:], between(r, 1, 3), len(v.before)) {
		b = append(b, "  - "...)
		b = appendQuoted(b, v.before[k])
		b = append(b, '\n')
	}

	// Steps: 4-8, each with a 1-3 sentence body.
	b = append(b, "steps:\n"...)
	for _, k := range picks(r, idx[:], between(r, 4, 8), len(stepTitles)) {
		b = append(b, "  - title: "...)
		b = appendQuoted(b, stepTitles[k])
		b = append(b, "\n    time: "...)
		b = appendQuoted(b, stepTimes[r.IntN(len(stepTimes))])
		b = append(b, "\n    body: \""...)
		for n, s := range picks(r, tmp[:], []int{1, 2, 2, 3, 3}[r.IntN(5)], len(v.stepSentences)) {
			if n > 0 {
				b = append(b, ' ')
			}
			b = appendEscaped(b, v.stepSentences[s])
		}
		if r.IntN(4) == 0 {
			if j := g.other(r, i); j >= 0 {
				b = append(b, ' ')
				b = appendEscaped(b, string(g.appendLinkSentence(nil, r, v, i, j)))
			}
		}
		b = append(b, '"')
		if r.IntN(5) < 3 {
			b = append(b, "\n    tip: "...)
			b = appendQuoted(b, v.tips[r.IntN(len(v.tips))])
		}
		if r.IntN(3) == 0 {
			b = append(b, "\n    warning: "...)
			b = appendQuoted(b, v.warnings[r.IntN(len(v.warnings))])
		}
		b = append(b, '\n')
	}

	// Gear: 1-3 kinds.
	b = append(b, "gear:\n"...)
	for _, k := range picks(r, idx[:], between(r, 1, 3), len(gearKinds)) {
		b = append(b, "  - name: "...)
		b = appendQuoted(b, v.gearNames[k][r.IntN(len(v.gearNames[k]))])
		b = append(b, "\n    kind: "...)
		b = append(b, gearKinds[k].kind...)
		b = append(b, "\n    advice: \""...)
		b = appendEscaped(b, v.gearAdvice[k][r.IntN(len(v.gearAdvice[k]))])
		if r.IntN(5) < 4 {
			b = append(b, ' ')
			b = appendEscaped(b, v.gearGeneral[r.IntN(len(v.gearGeneral))])
		}
		b = append(b, '"')
		b = append(b, "\n    choose: ["...)
		for n, c := range picks(r, tmp[:], between(r, 1, 3), len(v.gearChoose[k])) {
			if n > 0 {
				b = append(b, ", "...)
			}
			b = appendQuoted(b, v.gearChoose[k][c])
		}
		b = append(b, "]\n    avoid: ["...)
		for n, c := range picks(r, tmp[:], between(r, 1, 3), len(v.gearAvoid[k])) {
			if n > 0 {
				b = append(b, ", "...)
			}
			b = appendQuoted(b, v.gearAvoid[k][c])
		}
		b = append(b, "]\n"...)
	}

	// Enrichment: 2-5 ideas with distinct titles.
	b = append(b, "enrichment:\n"...)
	for _, e := range picks(r, idx[:], between(r, 2, 5), len(enrichmentKinds)*4) {
		k, t := e/4, e%4
		b = append(b, "  - title: "...)
		b = appendQuoted(b, enrichmentTitles[k][t])
		b = append(b, "\n    kind: "...)
		b = append(b, enrichmentKinds[k]...)
		b = append(b, "\n    effort: "...)
		b = append(b, []string{"low", "medium", "high"}[r.IntN(3)]...)
		b = append(b, "\n    indoor: "...)
		if enrichmentKinds[k] != "outdoors" && r.IntN(5) != 0 {
			b = append(b, "true"...)
		} else {
			b = append(b, "false"...)
		}
		b = append(b, "\n    body: \""...)
		bodies := v.enrichBodies[k]
		nb := 2 // one or two texts, mostly two
		if r.IntN(10) == 0 {
			nb = 1
		}
		for n, x := range picks(r, tmp[:], nb, len(bodies)) {
			if n > 0 {
				b = append(b, ' ')
			}
			b = appendEscaped(b, bodies[x])
		}
		b = append(b, "\"\n"...)
	}

	b = append(b, "safety:\n"...)
	for _, k := range picks(r, idx[:], between(r, 1, 3), len(v.safety)) {
		b = append(b, "  - "...)
		b = appendQuoted(b, v.safety[k])
		b = append(b, '\n')
	}

	if g.n > 1 {
		b = append(b, "related:\n"...)
		var rel [3]int
		nrel := 0
		for want := min(between(r, 1, 3), g.n-1); nrel < want; {
			j := g.other(r, i)
			dup := false
			for _, x := range rel[:nrel] {
				dup = dup || x == j
			}
			if !dup {
				rel[nrel] = j
				nrel++
				b = append(b, "  - "...)
				b = appendQuoted(b, g.paths[j])
				b = append(b, '\n')
			}
		}
	}

	b = append(b, "sources:\n"...)
	for _, k := range picks(r, idx[:], between(r, 1, 3), len(v.sourceTitles)) {
		p := r.IntN(len(publishers))
		b = append(b, "  - title: "...)
		b = appendQuoted(b, v.sourceTitles[k])
		b = append(b, "\n    publisher: "...)
		b = appendQuoted(b, publishers[p])
		b = append(b, "\n    url: \""...)
		b = append(b, publisherURLs[p]...)
		b = append(b, v.sourceURLs[k]...)
		b = append(b, "\"\n"...)
	}
	b = append(b, "---\n"...)

	// Body: intro, four headed sections (one with a bullet list), 3-6 links
	// spread over six slots: intro, the four sections and the list.
	var slots [6]bool
	if g.n > 1 {
		for _, s := range picks(r, tmp[:], between(r, 3, 6), 6) {
			slots[s] = true
		}
	}
	b = g.paragraph(b, r, v, i, 3, 5, slots[0])
	list := r.IntN(4)
	hs := picks(r, idx[:], 4, len(headings))
	slices.Sort(hs)
	for n, h := range hs {
		b = append(b, "\n## "...)
		b = append(b, headings[h]...)
		b = append(b, "\n\n"...)
		b = g.paragraph(b, r, v, i, 3, 4, slots[1+n])
		if n == list {
			b = append(b, '\n')
			for _, k := range picks(r, tmp[:], between(r, 4, 6), len(v.bullets)) {
				b = append(b, "- "...)
				b = append(b, v.bullets[k]...)
				b = append(b, '\n')
			}
			if slots[5] {
				b = append(b, "- "...)
				b = g.appendLinkSentence(b, r, v, i, g.other(r, i))
				b = append(b, '\n')
			}
		}
	}
	return b
}

// paragraph appends lo..hi body sentences, optionally ending with a link.
func (g *gen) paragraph(b []byte, r *rand.Rand, v *spVocab, i, lo, hi int, link bool) []byte {
	var tmp [8]int
	for n, k := range picks(r, tmp[:], between(r, lo, hi), len(v.body)) {
		if n > 0 {
			b = append(b, ' ')
		}
		b = append(b, v.body[k]...)
	}
	if link {
		b = append(b, ' ')
		b = g.appendLinkSentence(b, r, v, i, g.other(r, i))
	}
	return append(b, '\n')
}

// appendQuoted appends s as a YAML double-quoted scalar.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s)
	return append(b, '"')
}

// appendEscaped appends s escaped for the inside of a YAML double-quoted scalar.
func appendEscaped(b []byte, s string) []byte {
	clean := true
	for k := 0; k < len(s) && clean; k++ {
		c := s[k]
		clean = c >= 0x20 && c != '"' && c != '\\' && c != 0x7f
	}
	if clean {
		return append(b, s...)
	}
	for k := 0; k < len(s); k++ {
		switch c := s[k]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if c < 0x20 || c == 0x7f {
				const hex = "0123456789abcdef"
				b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
			} else {
				b = append(b, c)
			}
		}
	}
	return b
}

// FS returns Files(o) as an in-memory file system, rooted like a site dir.
func FS(o Options) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, data := range Files(o) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}
