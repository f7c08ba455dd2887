package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"

	"github.com/gen2brain/webp"
)

// Encoder settings, fixed so the same source gives the same bytes on every
// run and machine; they are part of the cache key. Measured on a 1600×1200
// variant of a noisy 4000×3000 photo (BenchmarkWebP, 2 shared cores):
//
//	WebP q80 method 2   0.85 s   108 kB     q75 method 2   0.70 s    90 kB
//	WebP q80 method 3   1.8 s    105 kB     q80 method 0   0.45 s   171 kB
//	WebP q80 method 4   2.7 s    105 kB     (libwebp's default method)
//	WebP q80 method 6   3.4 s    103 kB
//	JPEG q82            0.11 s   239 kB
//
// Method 3 and up switch on libwebp's slow rate-distortion search: twice
// to three times the time, in WebAssembly, for 3% fewer bytes; method 0
// saves half the time and costs 60% more bytes. Quality 80, a step above
// libwebp's default 75, for the same time and 20% more bytes: care guides
// show details (how a strap sits, a toy's seam) worth a few bytes more,
// and even so a 1600-wide WebP is under half its JPEG. The fallbacks only
// reach the few browsers without WebP, so they favour plain compatibility:
// baseline JPEG at 82, PNG for transparency.
const (
	webpQuality = 80
	webpMethod  = 2
	jpegQuality = 82
)

// version changes whenever this package makes different bytes from the
// same source and settings, so old cache entries stop matching.
const version = "1"

// encoderName says which libwebp encodes. gen2brain/webp uses a system
// libwebp.so when one is installed (Debian's libwebp-dev, say) and its own
// WebAssembly build of libwebp 1.4.0 otherwise; the two make different
// bytes, so the cache key names the one in use. Build with -tags nodynamic
// to always use the WebAssembly one and get the same bytes everywhere.
func encoderName() string {
	if webp.Dynamic() == nil {
		return "system libwebp"
	}
	return "libwebp 1.4.0 wasm"
}

// settingsKey is everything besides the source bytes that decides the
// output: it goes into every cache key.
func settingsKey(widths []int) string {
	return fmt.Sprintf("careguide/picture v%s %s; widths %v; webp q%d m%d (%s); jpeg q%d",
		version, runtime.Version(), widths, webpQuality, webpMethod, encoderName(), jpegQuality)
}

func encodeWebP(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := webpEncodeWith(&b, m, webpQuality, webpMethod); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func webpEncodeWith(w io.Writer, m image.Image, quality, method int) error {
	return webp.Encode(w, m, webp.Options{Quality: quality, Method: method})
}

func encodeJPEG(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := jpeg.Encode(&b, m, &jpeg.Options{Quality: jpegQuality})
	return b.Bytes(), err
}

func encodePNG(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
	return b.Bytes(), err
}

// straight un-premultiplies m: both encoders take non-premultiplied colour,
// and gen2brain/webp hands *image.RGBA bytes to libwebp as they are.
func straight(m *image.RGBA) *image.NRGBA {
	n := image.NewNRGBA(m.Rect)
	for i := 0; i+3 < len(m.Pix); i += 4 {
		a := uint32(m.Pix[i+3])
		n.Pix[i+3] = uint8(a)
		if a == 0 {
			continue
		}
		for c := range 3 {
			n.Pix[i+c] = uint8(min(255, (uint32(m.Pix[i+c])*255+a/2)/a))
		}
	}
	return n
}
