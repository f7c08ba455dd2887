// Package publish readies a built site's files for the web server that
// will serve them: `careguide build --minify` makes HTML, CSS, JS, JSON and
// SVG smaller, `--precompress` writes a gzip and a brotli copy beside each
// text file, and `--headers` (which --precompress implies) writes a
// _headers file that lets Netlify and Cloudflare Pages cache fingerprinted
// assets for a year. These are transforms on files already made; nothing
// here reads the site or writes to disk.
//
// Input: output files (a slash path and its bytes), from many goroutines
// at once. Output: the minified bytes of a file, the compressed copies of
// a file, the _headers file.
//
// Decisions a reader of the output should know (docs/deploy.md repeats
// them for users):
//   - Minify works by extension: .html, .css, .js, .mjs, .json,
//     .webmanifest and .svg. XML (the feed, the sitemap) is left alone: a
//     feed carries HTML as text, whitespace and all, and its readers are
//     programs that do not care how it is indented. HTML keeps its
//     document tags, its end tags and attributes with default values, so
//     that the output stays valid to strict validators and CSS or scripts
//     that select on an attribute (input[type=text]) still match.
//   - Compress writes name.gz and name.br only for text files (Compressible)
//     of at least MinSize bytes, and each only when it is smaller than the
//     file. nginx (gzip_static, brotli_static) and Caddy (precompressed)
//     serve the file itself when a copy is missing.
//   - gzip at GzipLevel (6) with an empty header (no name, no time);
//     brotli at BrotliQuality (5). Measured on the pages of a generated
//     10,000-guide site: gzip 9 makes them 0.1% smaller than 6 for 15%
//     more time; brotli 11 about 12% smaller than 5 for fifty times the
//     time (minutes instead of seconds), while 6 gains 0.5% for 10% more
//     time and 4 loses 7% for little speed. Brotli's window size makes no
//     difference to either on files of this size.
//   - _headers names each fingerprinted asset by its path from the root of
//     the output dir, which is the root of the deploy; a site whose
//     base_url has a path (/care/) is still published from its output
//     dir's root on those hosts. It sets no rule for pages: both hosts
//     already make browsers revalidate HTML, which a site that changes
//     needs, and a second rule matching the same path would have its
//     Cache-Control merged with the asset rule's on Cloudflare Pages.
//
// The one thing to know before changing it: every transform is a function
// of the bytes it is given and nothing else (no time, no order, no map
// iteration), so a build stays byte-identical from run to run with any
// flags; the tests build twice and compare. Changing a level or an option
// changes every published file, which is fine between releases and never
// within one.
package publish
