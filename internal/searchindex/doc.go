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
//	go test ./internal/render -run '^$' -bench SearchIndex10k -benchtime 4x -benchmem -cpu 1
//
// writes 11,282 files, 34.1 MB (24.1 MB of them the d/N.json doc files;
// 9.1 kB the 128 endings files, the largest 806 bytes), in about
// 0.45-0.5 s of one core, with 102 MB allocated an op, 34 MB of which
// are the copies the benchmark keeps of the files. A typical two-word
// query reads at most 142 kB, mean 108 kB, script included (gzipped:
// 44 kB, 35 kB); one with a typo in a word's first two letters reads one
// endings file more ("fit hraness": 121 kB).
//
// Within a whole build:
//
//	go test ./internal/build -run '^$' -bench SearchIndexShare10k -benchtime 60x
//
// builds the site with and without the index's outputs in turn in one
// process and reports the index's share pair by pair, median and
// quartiles. On 2026-12-06:
//
//   - Time: a median of 6.7% of a build's wall time in one run of 60
//     pairs and 7.8% in another (CPU time, as the runtime counts it: 5.2%
//     and 6.5%), a build being about 2.4 s. This VM's noise is wide: the
//     quartiles were 1-10% and 3-13%, so each median is good to about a
//     point. With -cpu 1, 16 pairs: 5.0% (quartiles 1-14%), a rougher
//     figure. Before the changes below it was 10.5% (88 pairs pooled).
//   - Memory: 4.8% of the bytes allocated, steady, and 1.8% and 2.7% of
//     the peak heap in the two runs. The index's files are made in memory
//     that their File.Done hands back for the next, as pages are, and a
//     build lets the index go once its last file is made (before, 7.6%
//     and 13.6%; the peak RSS of a build, in separate processes, went
//     from 494 MB with the index against 430 MB without to 444 MB
//     against 443 MB).
//   - Instructions: callgrind, GOMAXPROCS=1, GOGC=off, one build in a
//     process with and one without (BenchmarkBuildOnce10k in
//     internal/build has the command): the index is 13.3% of a build's
//     instructions (3.33 of 25.02 billion; it was 17.4%, 4.40 billion).
//     Of its own: reading words 54%, the doc files (their excerpts and
//     JSON) 16%, the chunks 11%, a doc's terms and their sections 9%,
//     the merge 5%. Its instructions are cheaper than the build's
//     others, which spend theirs in templates, reflection and maps: so
//     its share of the time is lower than of the instructions.
//
// What brought the time down:
//
//   - Reading words (analyser.quick): a lower case or capitalised word
//     of up to sixteen bytes, found in the tables of recent words, is
//     counted by a loop that makes no call and keeps few values, so Go
//     keeps them in registers: about 90 instructions a word against 200.
//     Stop words are a term no doc lists (stopID), counted without the
//     branch a third of English words would mispredict. A term's section
//     is scored when the term leaves it, not in a pass over each
//     section's terms.
//   - Make's workers take the next output by counting, not from a
//     channel fed by a third goroutine: the index's 11,000 files are a
//     few microseconds each, and a hand-over per file about doubled that
//     (BenchmarkBuildInMemory10k went from 3.3-3.4 s to 2.4-3.1 s).
//   - A build begins the index before planning its outputs
//     (render.StartSearch), on the core that planning, 66 ms of one core,
//     leaves idle.
//
// A guide's HTML is read once, its words taken out as they come
// (Writer.Marked); a word's stem's number is found by its bytes as
// numbers, in a table of recent words and behind it a table of every
// word met (wordTable). Reading a batch of words and then counting them,
// in two small loops, took 5% fewer instructions and 8% more time, and
// was left out; so did copying JSON strings eight bytes at a step, and a
// term's counts padded to a cache line.
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
