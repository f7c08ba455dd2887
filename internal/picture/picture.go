package picture

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Options configure a Processor. The zero value is ready to use.
type Options struct {
	// Widths is the ladder of variant widths in pixels; default 480, 800,
	// 1200, 1600. No variant is wider than the original (see Process).
	Widths []int
	// MaxPixels refuses images with more pixels, before any is decoded, so a
	// decompression bomb (a small file that decodes to gigabytes) costs
	// nothing; default 50,000,000.
	MaxPixels int
	// CacheDir keeps processed images across builds; "" keeps none. The
	// command line passes --cache-dir, or a folder of the site's own under
	// os.UserCacheDir()/careguide/images (Prune removes what one build did
	// not use, so sites should not share one).
	CacheDir string
	// InFlight is how many images may be decoded in memory at once; default
	// GOMAXPROCS. It bounds memory however many goroutines call Process.
	InFlight int
}

// Picture is one source image made ready to publish.
type Picture struct {
	Width, Height int    // displayed size of the original, after EXIF orientation
	Color         string // average colour, "#a1b2c3", for a placeholder background
	Alpha         bool   // has transparency: the fallback is PNG, not JPEG
	// Variants are the WebP ladder, then the fallback ladder (JPEG, or PNG
	// when Alpha), each from narrowest to widest.
	Variants []Variant
	// Warnings are problems that did not stop processing, such as a colour
	// profile that could not be applied, for the caller to report.
	Warnings []string
}

// Variant is one published file.
type Variant struct {
	Format        string // "webp", "jpeg" or "png"
	Width, Height int
	Size          int      // of the bytes
	Sum           [32]byte // sha256 of the bytes
	// Data are the bytes while they are in memory. A Processor with a
	// cache dir leaves them in its cache entry instead (Data is nil) and
	// Bytes reads them back when they are written out, so a site of
	// thousands of photos never holds all their variants at once.
	Data []byte
	// entry and offset say where in the cache the bytes are when Data is
	// nil.
	entry  string
	offset int64
}

// Bytes returns the variant's bytes: Data, or else the bytes read back
// from the cache entry, checked against Sum. An entry that was removed or
// damaged since (by another build's Prune, a full disk, a hand edit) is an
// error, and a damaged one is removed so the next build makes it again.
func (v Variant) Bytes() ([]byte, error) {
	if v.Data != nil || v.entry == "" {
		return v.Data, nil
	}
	f, err := os.Open(v.entry)
	if err != nil {
		return nil, fmt.Errorf("the image cache lost a processed image (%w); build again", err)
	}
	defer f.Close()
	b := make([]byte, v.Size)
	if _, err := f.ReadAt(b, v.offset); err != nil || sha256.Sum256(b) != v.Sum {
		os.Remove(v.entry)
		return nil, fmt.Errorf("the image cache entry %s was damaged, and is removed; build again", v.entry)
	}
	return b, nil
}

// Of returns the variants of one format, narrowest first.
func (p *Picture) Of(format string) []Variant {
	var out []Variant
	for _, v := range p.Variants {
		if v.Format == format {
			out = append(out, v)
		}
	}
	return out
}

// Fallback is the format for browsers without WebP: "png" or "jpeg".
func (p *Picture) Fallback() string {
	if p.Alpha {
		return "png"
	}
	return "jpeg"
}

// Stats count what a Processor did since New.
type Stats struct {
	Processed int // images decoded and encoded
	Cached    int // images served from the cache, with no decoding
	// PeakInFlight is the most images that were decoded in memory at
	// once; never more than Options.InFlight.
	PeakInFlight int
	CacheErr     error // the first failure to read or write the cache dir, if any
}

// Processor makes Pictures. It is safe for concurrent use; create one per
// build (Prune forgets nothing between builds otherwise) and share it.
type Processor struct {
	widths    []int
	maxPixels int
	settings  string
	cache     cache

	images chan struct{} // a slot per decoded image in memory
	cpu    chan struct{} // a slot per core for decode, scale and encode

	mu      sync.Mutex
	used    map[string]bool          // cache keys asked for since New
	running map[string]*inFlightCall // keys being made now, to make each once

	processed, cached atomic.Int64
	inFlight, peak    atomic.Int64
}

type inFlightCall struct {
	done chan struct{}
	pic  *Picture
	err  error
}

// New makes a Processor. Widths are sorted and deduplicated; values out of
// range fall back to the defaults.
func New(o Options) *Processor {
	widths := slices.Clone(o.Widths)
	widths = slices.DeleteFunc(widths, func(w int) bool { return w <= 0 })
	if len(widths) == 0 {
		widths = []int{480, 800, 1200, 1600}
	}
	slices.Sort(widths)
	widths = slices.Compact(widths)
	if o.MaxPixels <= 0 {
		o.MaxPixels = 50_000_000
	}
	cores := runtime.GOMAXPROCS(0)
	if o.InFlight <= 0 {
		o.InFlight = cores
	}
	settings := settingsKey(widths)
	return &Processor{
		widths:    widths,
		maxPixels: o.MaxPixels,
		settings:  settings,
		cache:     cache{dir: o.CacheDir},
		images:    make(chan struct{}, o.InFlight),
		cpu:       make(chan struct{}, cores),
		used:      map[string]bool{},
		running:   map[string]*inFlightCall{},
	}
}

// Process turns one source image into its published variants: WebP and a
// JPEG (PNG with transparency) fallback at each ladder width. name is only
// for error messages. Errors about the file are *Error values. The
// returned Picture may be shared with other callers: do not modify it.
func (p *Processor) Process(name string, data []byte) (*Picture, error) {
	return p.ProcessFile(name, sha256.Sum256(data), func() ([]byte, error) { return data, nil })
}

// ProcessFile is Process for a source known by the sha256 of its bytes,
// which read returns: it is called only when the cache does not have the
// image, so a warm build reads no source at all, and the bytes are
// dropped as soon as they are decoded.
func (p *Processor) ProcessFile(name string, sum [32]byte, read func() ([]byte, error)) (*Picture, error) {
	hash := sha256.New()
	hash.Write([]byte(p.settings + "\x00"))
	hash.Write(sum[:])
	key := hex.EncodeToString(hash.Sum(nil))
	p.mu.Lock()
	p.used[key] = true
	c, running := p.running[key]
	if !running {
		c = &inFlightCall{done: make(chan struct{})}
		p.running[key] = c
	}
	p.mu.Unlock()
	if !running {
		c.pic, c.err = p.cachedOrMake(key, read)
		p.mu.Lock()
		delete(p.running, key)
		p.mu.Unlock()
		close(c.done)
	}
	<-c.done
	if c.err != nil {
		return nil, named(c.err, name)
	}
	return c.pic, nil
}

// Check reports what Process would refuse about a file that shows in its
// header: format, size, the pixel limit. It decodes no pixels, so it is
// cheap enough for careguide check; damage further into the file is only
// found by Process. It returns the displayed size.
func (p *Processor) Check(name string, data []byte) (width, height int, err error) {
	src, err := inspect(data)
	if err == nil {
		width, height = src.displayed()
		err = p.limit(src)
	}
	if err != nil {
		return 0, 0, named(err, name)
	}
	return width, height, nil
}

// limit refuses images with more pixels than MaxPixels, counting every
// frame of an animated WebP: libwebp's demuxer holds them all while giving
// the first.
func (p *Processor) limit(src *source) error {
	w, h := src.displayed()
	if w*h > p.maxPixels {
		return tooLarge(w, h, p.maxPixels)
	}
	if src.animated && w*h*src.frames > p.maxPixels {
		return problem(ErrTooLarge, "export the first frame as a still image",
			"an animation of %d frames of %dx%d is %s megapixels in all; the limit is %s",
			src.frames, w, h, megapixels(w*h*src.frames), megapixels(p.maxPixels))
	}
	return nil
}

func (p *Processor) cachedOrMake(key string, read func() ([]byte, error)) (*Picture, error) {
	if pic := p.cache.load(key); pic != nil {
		p.cached.Add(1)
		return pic, nil
	}
	data, err := read()
	if err != nil {
		return nil, err
	}
	pic, err := p.make(data)
	if err != nil {
		return nil, err
	}
	p.processed.Add(1)
	return p.cache.store(key, pic), nil
}

// Stats says how many images were processed and how many came from the
// cache.
func (p *Processor) Stats() Stats {
	return Stats{
		Processed:    int(p.processed.Load()),
		Cached:       int(p.cached.Load()),
		PeakInFlight: int(p.peak.Load()),
		CacheErr:     p.cache.firstErr(),
	}
}

// work runs f on one of the cores: at most GOMAXPROCS decodes, scales and
// encodes run at once, whatever the number of callers, so memory for
// scaling buffers and encoder instances stays bounded too.
func (p *Processor) work(f func()) {
	p.cpu <- struct{}{}
	defer func() { <-p.cpu }()
	f()
}

// make decodes, converts and encodes. Only here are pixels in memory.
func (p *Processor) make(data []byte) (*Picture, error) {
	src, err := inspect(data)
	if err != nil {
		return nil, err
	}
	if err := p.limit(src); err != nil {
		return nil, err
	}
	w, h := src.displayed()
	defer p.admit()()

	widths := ladder(p.widths, w)
	pic := &Picture{Width: w, Height: h}
	var base *image.RGBA
	p.work(func() {
		var m image.Image
		if m, err = decode(data, src); err != nil {
			return
		}
		pic.Alpha = !opaque(m)
		base = shrink(m, shrinkFactor(w, widths[len(widths)-1]))
		t, warning := newTransform(src.icc)
		if warning != "" {
			pic.Warnings = append(pic.Warnings, warning)
		}
		if t != nil {
			t.apply(base)
		}
		base = orient(base, src.orientation)
		pic.Color = averageColor(base)
	})
	if err != nil {
		return nil, err
	}
	pic.Variants, err = p.variants(base, pic, widths)
	return pic, err
}

// admit waits until fewer than InFlight images are decoded, and returns
// the function that gives the place back.
func (p *Processor) admit() (release func()) {
	p.images <- struct{}{}
	n := p.inFlight.Add(1)
	for peak := p.peak.Load(); n > peak; peak = p.peak.Load() {
		if p.peak.CompareAndSwap(peak, n) {
			break
		}
	}
	return func() {
		p.inFlight.Add(-1)
		<-p.images
	}
}

// variants scales base to each width and encodes both formats, each step
// on its own core: one big image alone still keeps every core busy.
// Heights follow the original's aspect ratio, not the shrunk image's,
// which rounding may have nudged.
func (p *Processor) variants(base *image.RGBA, pic *Picture, widths []int) ([]Variant, error) {
	alpha := pic.Alpha
	n := len(widths)
	out := make([]Variant, 2*n)
	errs := make([]error, 2*n)
	fallback, encodeFallback := "jpeg", encodeJPEG
	if alpha {
		fallback, encodeFallback = "png", encodePNG
	}
	var wg sync.WaitGroup
	for i := n - 1; i >= 0; i-- { // widest first: the longest jobs start first
		wg.Go(func() {
			w := widths[i]
			h := heightFor(w, pic.Width, pic.Height)
			var m image.Image
			p.work(func() {
				scaled := resample(base, w, h)
				m = scaled
				if alpha {
					m = straight(scaled)
				}
			})
			var enc sync.WaitGroup
			enc.Go(func() {
				p.work(func() {
					out[i].Data, errs[i] = encodeWebP(m)
				})
			})
			p.work(func() {
				out[n+i].Data, errs[n+i] = encodeFallback(m)
			})
			enc.Wait()
			out[i].Format, out[i].Width, out[i].Height = "webp", w, h
			out[n+i].Format, out[n+i].Width, out[n+i].Height = fallback, w, h
			for _, v := range []*Variant{&out[i], &out[n+i]} {
				v.Size, v.Sum = len(v.Data), sha256.Sum256(v.Data)
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("encoding %s %dw: %w", out[i].Format, out[i].Width, err)
		}
	}
	return out, nil
}

// averageColor is the mean colour of the visible pixels (weighted by
// alpha), as "#rrggbb".
func averageColor(m *image.RGBA) string {
	var r, g, b, a uint64
	for i := 0; i+3 < len(m.Pix); i += 4 {
		r += uint64(m.Pix[i])
		g += uint64(m.Pix[i+1])
		b += uint64(m.Pix[i+2])
		a += uint64(m.Pix[i+3])
	}
	if a == 0 {
		return "#000000"
	}
	// Premultiplied sums over the alpha sum give straight colour.
	c := func(v uint64) uint64 { return min(255, (v*255+a/2)/a) }
	return fmt.Sprintf("#%02x%02x%02x", c(r), c(g), c(b))
}
