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
// its Facets ("species/cat"). A Language says how words become terms:
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
// letters. Each term reads its chunk. A doc must have every word; its
// score is the sum of each word's best impact times 1 (exact), 0.8
// (prefix) or 0.6 (typo), and the section shown is the one where its
// words count most.
//
// # The one thing to know
//
// Go and JavaScript must agree byte for byte on tokens, stems, hashes and
// the posting encoding: a change to any of them is a change to
// assets/js/search.js too, and the browser test (internal/browsertest,
// TestSearchFindsAndFetchesOnlyItsChunks) compares the two. Everything
// written is sorted or in doc order, so two builds of one site write the
// same bytes.
package searchindex
