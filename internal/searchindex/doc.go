// Package searchindex turns documents into a search index made of small
// static files, so that a search in the browser downloads only the files
// of the words it looks for, and ranks what it finds.
//
// # Input
//
// A Doc per guide: its Sections (the guide itself, with its Markdown body
// among its texts, then each step, piece of gear and enrichment idea),
// each with a heading that counts as one of the Fields (title > step
// title > gear or idea name) and body texts, a label and an anchor that
// say where it is, and an excerpt to show; and
// its Facets ("species/cat"). A Build takes docs through a Writer, section
// by section, text by text; marked-up text, such as a guide's HTML, comes
// with a Markup that says which of its bytes are tags and references, so
// its words are read without making its plain text first (MarkedWords).
// A Language says how words become terms:
// stop words left out, and suffix rules that stem plurals, -ing and -ed
// (English). The rules are data that search.js applies as they are, so
// another language is another Language value and an index of its own.
//
// # Output
//
// Files, under the index's folder; every path is known from the number
// of docs alone (NewLayout), before anything is indexed:
//
//	meta.json    the number of docs, the Layout, the Language: read first
//	t/N.json     chunk N: the postings of every term whose FNV-1a hash is N
//	             modulo Layout.Chunks: {"term":"<postings>", ...}
//	w/N.json     words file N: the terms whose first two letters hash to N,
//	             with their doc counts, for a word being typed and typos
//	e/N.json     endings file N: the terms of four letters or more whose
//	             last two hash to N, as a words file lists them, for a
//	             typo in a word's first two letters; read only for those
//	facets.json  each facet's docs
//	d/N.json     doc N: its URL and, per section, heading, label, anchor
//	             and excerpt; read only for the results shown
//
// A posting is a doc, an impact and a section. The impact is the term's
// BM25 score in the doc (fields saturate on their own, then add up with
// their boosts), quantised to 1..63 on a square-root scale; a query adds
// up impacts, so nothing about document lengths or counts has to be
// downloaded. Postings are written as digits of 64 characters that JSON
// does not escape (Chunk documents the encoding).
//
// An Index keeps each posting's counts and works impacts out as it
// writes a chunk. An impact depends on the term's own postings, the
// number of docs, the doc's length in classes of a fourth of a doubling
// (lengthClass) against the average's class, and a top score fixed by the
// number of docs: so Update, which indexes some docs again, changes the
// chunks of those docs' terms and no other, unless the average length
// moves to another class (Changed.All). That is what lets a rebuild in
// serve remake a few chunks after a body edit instead of the whole index.
//
// A query (Reader.Search, which search.js follows line for line): each
// word, stop words left out, reads its words file; its stem is looked up
// exactly, the last word also stands for the (at most three most common)
// terms it begins, and a word of five or more letters that is not a term
// stands for the terms one edit away that start with the same two
// letters. Only a word that finds nothing at all there reads an endings
// file, its stem's (of five letters or more) and, if that finds nothing,
// its own: one edit that changes a word's first two letters (and at most
// its third, for a swap) leaves its last two as they were, so the term
// one edit away is listed there. Each term reads its chunk. A doc must
// have every word; its score is the sum of each word's best impact times
// 1 (exact), 0.8 (prefix) or 0.6 (typo), and the section shown is the one
// where its words count most.
//
// # Cost, measured
//
// On the generated 10,000-guide site (sitegen, seed 1), on this project's
// shared 2-core VM, body included:
//
//	go test ./internal/render -run '^$' -bench SearchIndex10k -benchtime 2x -benchmem -cpu 1
//
// writes 11,282 files, 34.1 MB (24.1 MB of them the d/N.json doc files;
// 9.1 kB the 128 endings files, the largest 806 bytes), in about
// 0.55-0.75 s, with 102 MB allocated an op, 34 MB of which are the copies
// the benchmark keeps of the files. A typical two-word query reads at
// most 142 kB, mean 108 kB, script included (gzipped: 44 kB, 35 kB); one
// with a typo in a word's first two letters reads one endings file more
// ("fit hraness": 121 kB).
//
// Within a whole build:
//
//	go test ./internal/build -run '^$' -bench SearchIndexShare10k -benchtime 20x
//
// builds the site with and without the index's outputs in turn in one
// process and reports the index's share pair by pair, median and
// quartiles.
//
//   - Memory: 4.7% of the bytes allocated, steady, and 3.5% of the peak
//     heap (quartiles -2.5 to 6%). The index's files are made in memory
//     that their File.Done hands back for the next, as pages are, and a
//     build lets the index go once its last file is made: before, they
//     were 7.6% and 13.6% (10-15%), and the peak RSS of a build, in
//     separate processes, 494 MB with the index against 430 MB without;
//     now 444 MB against 443 MB (medians of six).
//   - Time, by instructions: callgrind, GOMAXPROCS=1, one build in a
//     process with and one without (BenchmarkBuildOnce10k in
//     internal/build has the command), the index is 14.5% of a build's
//     instructions, garbage collection included, and 17.4% with GOGC=off
//     (4.4 of 25.1 billion).
//   - Time, measured: with -cpu 1 the median share is 12.8% (quartiles
//     10-17%, 12 pairs). On two cores this VM's noise is wider than the
//     share: the medians of single runs of 8 to 40 pairs lie between 5
//     and 15%; 88 pairs of five runs pooled give a median of 10.5%
//     (quartiles 4-19%, so give or take 1.4), a mean of 10.7%, and 10.6%
//     of the CPU time the kernel counts (getrusage, read in a copy of the
//     benchmark that logged each pair).
//
// So the index costs a build more than a tenth of its time: of its own
// instructions (callgrind, 1,000 guides, GOGC=off) about half are the
// reading of words (analyser.add), an eighth the doc files (their
// excerpts and JSON), a sixth the scoring of each section's terms and
// the merge, and a fifteenth the chunks. Its merge places each worker's
// postings on that worker's goroutine: the build's other workers wait on
// the index while it is made. What is left to try is making the index
// while the build would otherwise idle (the runtime counts 0.2 s or more
// of a core idle in a 10k build, much of it between the end of loading
// and the first pages, and a guide's words are known once its content is
// loaded) and reading words with fewer cache misses.
//
// A guide's HTML is read once, its words taken out as they come
// (Writer.Marked); a word of lower case ASCII, or of one capital and then
// lower case, is found eight bytes at a time in the analyser's own loop,
// and its stem's number by its bytes as numbers, in a table of recent
// words and behind it a table of every word met (wordTable). On the
// generated 1,000 guides (callgrind, GOGC=off GOMAXPROCS=1) the index is
// about 450 M instructions; it was 554 M before the analyser read words
// in its own loop and a posting's impact lost its branches
// (BenchmarkChunks: 48 to 25 ns a posting). Reading a batch of words and
// then counting them, in two small loops, took 5% fewer instructions and
// 8% more time, and was left out.
//
// A body edit in serve Updates the index (BenchmarkRebuildBodyEdit10k in
// internal/build: 9.4 ms p50, 4.0 ms without a body index); a title edit,
// which used to remake the whole index, takes 0.8 s instead of 2.0-2.4 s.
//
// # The one thing to know
//
// Go and JavaScript must agree byte for byte on tokens, stems, hashes and
// the posting encoding: a change to any of them is a change to
// assets/js/search.js too, and the browser tests (internal/browsertest:
// TestSearchStemsAsGoDoes word by word, TestSearchFindsAndFetchesOnlyItsChunks
// query by query) compare the two. Everything
// written is sorted or in doc order, so two builds of one site write the
// same bytes.
package searchindex
