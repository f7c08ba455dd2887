// Package sitegen generates realistic careguide sites of any size, for
// benchmarks and tests.
//
// # Use
//
//	files := sitegen.Files(sitegen.Options{Guides: 1000, Seed: 1}) // path -> content, in memory
//	err := sitegen.Write(dir, sitegen.Options{Guides: 10000, Sections: 20, Seed: 1})
//
// Files is fast: 10,000 guides (about 80 MB) take around 0.1-0.3 s on two cores.
// Guides are generated in parallel, and each file has its own random stream
// (math/rand/v2 PCG seeded from Options.Seed and the file's number), so the
// output is byte-identical for the same Options whatever the number of CPUs.
// Different seeds give different sites with the same layout.
//
// # Layout
//
//	site.yaml                        exactly SiteYAML
//	content/_index.md                home page: title, description, a link to one guide
//	content/section-K/_index.md      K = 1..Sections: title, description, weight, a link
//	content/section-K/guide-NNNN.md  the guides
//
// Sections defaults to 10. Guides are numbered 1..Guides across the site
// (zero-padded to at least 4 digits) and dealt to sections in contiguous
// blocks whose sizes differ by at most one, so section-1 holds guide-0001 to
// guide-0010 of a 100-guide site. Files returns 2 + Sections + Guides files;
// a section gets its _index.md even when there are fewer guides than sections.
// Each guide's bytes are capacity-capped sub-slices of larger shared buffers:
// appending to one never changes another, but keeping one alive keeps its
// buffer alive too.
//
// # Guides
//
// Every guide is about 8 KB (about 5 KB of YAML frontmatter, about 2.5 KB of
// Markdown body) and is valid against the content model in DESIGN.md:
//
//   - title, unique across the site: "How to <action> your <species><context>",
//     25 actions x 5 species x 16 contexts; past 2,000 guides, titles repeat
//     with a " (part N)" suffix;
//   - description; species (one of cat, dog, rabbit, ferret, parrot, the
//     same as in the title); topics (1-3 of training, outdoors, exercise,
//     equipment, enrichment, play, health, safety, no duplicates); difficulty;
//     session_time (<n>m or 1h); total_time (<n>d or <n>w); updated
//     (a real date in 2026, so lint never finds it stale); weight (10, 20, ... within its section);
//   - before_you_start (1-3), safety (1-3);
//   - steps (4-8): title, time, body (1-3 sentences, some *emphasis*, a
//     quarter with a link to another guide), tip (60%), warning (a third);
//   - gear (1-3, distinct kinds): name, kind, advice, choose, avoid;
//   - enrichment (2-5, distinct titles): title, kind, effort, indoor, body;
//   - related (1-3 distinct content paths like "section-3/guide-0042.md",
//     never the guide itself);
//   - sources (1-3): title, publisher, url (https://example.org/...).
//
// draft, image and alt are never written. Every string is a YAML
// double-quoted scalar (escaped), keys and enums are plain, so the
// frontmatter parses with any YAML 1.2 parser.
//
// The body is an introduction, four "##" sections and a bullet list, built
// from care sentences chosen at random, with 3-6 links to other guides.
//
// # Links
//
// All links point to guides that exist in the same generated site, in the
// form the link checker resolves: relative to the file, "guide-0018.md" in
// the same section or "../section-2/guide-0017.md" in another; half the
// targets are in the linking guide's own section. About 40% carry an anchor
// #step-1 to #step-4, which every guide has. Links in the home and section
// pages are relative to those pages. A site with fewer than two guides has no
// links and no related lists, since there is nothing to point to. Source
// URLs are the only absolute links.
package sitegen
