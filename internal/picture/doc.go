// Package picture turns the photos and drawings of a care guide into
// images fit to publish: small, sharp, upright, in the right colours, and
// carrying nothing about where or with what they were taken.
//
// # Input
//
// The bytes of one JPEG, PNG, GIF or WebP file. The format is recognised
// by its first bytes, never by its name. Process refuses, with an *Error:
// an empty file, another format (HEIC, AVIF, TIFF, BMP and SVG are named),
// a file that is cut short or damaged, and an image over Options.MaxPixels
// (50 megapixels by default), which is checked on the header alone before
// any pixel is decoded. GIF and animated WebP give their first frame.
// Processor.Check finds the same problems, short of damage deep in the
// file, without decoding: for careguide check. Probe reads size and format.
//
// SVG files are not processed: they are published as they are, after
// CheckSVG has refused script, event handlers, <foreignObject>, javascript:
// addresses and entity declarations (unless the site sets unsafe_html) and
// read their size.
//
// # Output
//
// A Picture: the displayed size, an average colour for a placeholder
// background, and Variants: WebP at each width of the ladder (default 480,
// 800, 1200, 1600), then the fallback for browsers without WebP, JPEG or,
// when the image has transparency, PNG, at the same widths. The widest
// variant is min(own width, widest step), and the narrower steps are those
// under 90% of it: an image is never enlarged, always has one variant, and
// a 1000-pixel drawing gets 480, 800 and 1000.
//
// What is published is pixels only. Every variant is encoded afresh from
// decoded pixels, so no EXIF, GPS position, XMP, camera make, comment or
// ICC profile of the source reaches it; the source file itself is never
// published (its variants replace it). What EXIF and the ICC profile say
// is applied first:
//
//   - EXIF orientation (all eight values, from JPEG APP1, PNG eXIf or WebP
//     EXIF), so a phone photo stands the way the phone showed it.
//   - The ICC profile: pixels of matrix/TRC RGB profiles (Display P3, Adobe
//     RGB, ProPhoto: what cameras and phones write) and grey ones are
//     converted to sRGB, which is what a browser assumes of a WebP or JPEG
//     without a profile. Converting beats carrying the profile along: every
//     output stays small and right in every browser and viewer. Lookup-table
//     and CMYK profiles are not applied; the Picture then carries a warning
//     for the caller to show.
//   - Lossy WebP input is converted from VP8's video-range YCbCr, which
//     golang.org/x/image/webp hands over as if it were JPEG's full range
//     (golang/go#40173): taken as is, every WebP would come out washed out.
//
// # The one thing to know
//
// The cache trusts that the same source bytes and settings make the same
// output bytes. Any change here that alters output for the same input
// (scaling, conversion, ladder, encoder settings, a dependency upgrade that
// changes bytes) must bump the version constant in encode.go, or old
// entries will be served as if this code had made them. Go's version, the
// widths and the WebP encoder in use are part of the key already.
//
// # How, and why so
//
// Steps, for one image (picture.go, make and variants):
//
//	inspect  sniff the format; read size, EXIF orientation and ICC profile
//	         from the header and metadata; refuse bombs          (no pixels)
//	decode   the standard library's decoders; x/image/webp for WebP
//	shrink   box-average by a whole factor into RGBA, keeping the image at
//	         least as wide as the widest variant; the decoded image is dropped
//	colour   ICC profile → sRGB, in place, on the shrunk image
//	orient   EXIF orientation, on the shrunk image
//	scale    Catmull-Rom to each width                  (one task per width)
//	encode   WebP, and JPEG or PNG                     (one task per file)
//
// Scaling: Catmull-Rom straight from a 4000×3000 photo to the four widths
// takes 4.1 s with golang.org/x/image/draw; shrinking first and then
// resampling with this package's own Catmull-Rom takes 0.6 s, allocates
// 28 MB instead of 408, and differs from the slow path by a PSNR of
// 49.7 dB at worst, which no eye can tell (BenchmarkScale; resize.go). Our
// resampler rather than x/image/draw's, because the latter keeps a float64
// buffer of 32 bytes per pixel (77 MB for one 1600-wide variant of a phone
// photo), which alone took a 50-photo build to 736 MB of heap; ours keeps
// one row and works in integers. TestResampleMatchesXDraw holds it to
// within 2 levels of x/image/draw's.
//
// WebP: github.com/gen2brain/webp, libwebp 1.4.0 compiled to WebAssembly
// and run by wazero: no cgo, no C toolchain, the same bytes on every
// machine. WebAssembly runs libwebp several times slower than native code,
// so method 2 is used (libwebp's default, 4, takes 3.2× as long for 3%
// fewer bytes), at quality 80 (BenchmarkWebP; encode.go says why). Each
// encode runs in its own WebAssembly instance, so encodes run in parallel
// (Hugo's WebAssembly encoder is reported to run one at a time). If a system libwebp.so is
// installed (Debian's libwebp-dev), gen2brain/webp uses it instead; its
// bytes differ, so the cache key names the encoder in use, and building
// with -tags nodynamic makes every build use the WebAssembly one.
//
// EXIF and ICC are read by this package (exif.go, icc.go): one EXIF tag and
// one profile shape take a hundred lines, smaller and easier to make safe
// against hostile files than an EXIF library, and nothing is ever written
// back. Scaling and colour conversion run in integers (fixed-point weights,
// lookup tables, a fixed-point matrix), so they give the same bytes on
// every CPU; the few float computations that build the tables convert each
// product explicitly, which stops Go from fusing a multiply and an add.
// TestOutputPinned pins the bytes; built for 386 (32-bit, wazero's
// interpreter instead of its compiler) they are the same as on amd64.
//
// # Concurrency and memory
//
// A Processor is safe for concurrent use, and callers may run as many
// Process calls at once as they like. Two bounds hold however many there
// are: at most Options.InFlight images (default GOMAXPROCS) are decoded in
// memory at once, and at most GOMAXPROCS steps (decode, scale, encode) run
// at once, each scale and encode of one image on its own core, so a single
// image uses every core too. Memory therefore peaks near
//
//	InFlight × (decoded image + shrunk image) + GOMAXPROCS × (variant + encoder)
//
// which for 12-megapixel photos is about InFlight × 30 MB + GOMAXPROCS ×
// 40 MB (a WebAssembly instance holds the RGBA input and libwebp's working
// memory). Go's collector lets the heap grow to about twice what is live
// before it collects; a command that must stay under a hard limit sets
// GOMEMLIMIT (debug.SetMemoryLimit). The same source asked for by several
// callers at once is made once, and the Picture returned is shared.
//
// What is kept after Process returns is bounded too. With a cache dir, a
// Picture holds no image bytes: its variants stay in the cache entry, and
// Variant.Bytes reads each back when it is written out. ProcessFile takes
// the source by the sha256 of its bytes and reads them only on a miss, so
// a caller need not hold the sources either (the build keeps a photo's
// sha256, not its bytes). A site of thousands of photos then needs memory
// for the few being made and written, not for all of them. Without a cache
// dir the variants are kept in Data, in memory.
//
// # Cache
//
// With Options.CacheDir set, each Picture is kept in one file named by the
// sha256 of the settings and the source bytes' sha256; a later Process of
// the same bytes reads that file's header and decodes nothing. Entries are
// written to a temporary name and renamed. An entry of the wrong size is a
// miss, made again; each variant is checked against its sha256 when it is
// read back, and a damaged one fails that build and is removed, so the next
// build makes it again. Prune, called at the end of a full build,
// removes the entries that build did not ask for; it only ever removes
// files named like entries in folders named like the cache's. Two sites
// sharing one cache dir prune each other's entries, so give each site its
// own folder. A cache that cannot be written is not an error: Stats says.
//
// # Speed and memory, measured
//
// On this project's 2-core machine (AMD EPYC, shared with other work), 50
// photos of 4000×3000 (phone-like JPEGs of about 2.5 MB), each made into
// WebP and JPEG at 480, 800, 1200 and 1600 wide, from 4 calling goroutines:
//
//	go test ./internal/picture -run '^$' -bench 'ColdPhotos|WarmPhotos' -benchtime 1x
//
//	cold build  81 s wall, 2.25 CPU s a photo, peak RSS 198 MB, peak heap 154 MB
//	            142 s wall, 2.33 CPU s a photo, peak RSS 189 MB (load average 9)
//	warm build  0.21 s wall (0.3% of cold),    peak RSS  47 MB
//
// The wall time depends on what else the machine runs; the CPU time says
// two idle cores need about 58 s. Hugo 0.111 with native libwebp took
// 182 s for the same work here. Before
// the resampler replaced x/image/draw, the cold build used 2.76 CPU s a
// photo and peaked at 793 MB RSS. Where the CPU time goes, per photo:
// WebP encoding 1.25 s, scaling 0.4 s, JPEG decoding 0.3 s, shrinking
// 0.25 s, JPEG encoding 0.15 s; compiling libwebp's WebAssembly takes 0.4 s
// once per process.
//
// A whole build keeps memory bounded too: 300 photos of 2000×1500 (one
// guide each, files on disk, an image cache) peak at 155 MB of live heap
// cold and 23 MB warm; before variants stayed in the cache and sources were
// read only on a miss, the same builds peaked at 1,253 MB and 491 MB, and
// grew with every photo:
//
//	CAREGUIDE_BENCH_PHOTOS=300 go test ./internal/build -run '^$' -bench PhotoSite -benchtime 1x
//
// InFlight bounds memory: 16 goroutines processing 24 photos of 2000×1500
// peak at 165, 196, 236 and 323 MB of heap with InFlight 1, 2, 4 and 8
// (BenchmarkInFlight; the 24 source files in memory included).
package picture
