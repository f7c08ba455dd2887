package picture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	wasmwebp "github.com/gen2brain/webp"
	"golang.org/x/image/webp"
)

// source is what a file says about itself before its pixels are decoded.
type source struct {
	format        string // "jpeg", "png", "gif" or "webp"
	width, height int    // as stored, before orientation
	orientation   int    // EXIF orientation, 1 to 8
	icc           []byte // embedded ICC profile, nil if none
	animated      bool   // an animated WebP
	frames        int    // its ANMF chunks
}

// displayed is the size a browser shows: width and height trade places for
// the orientations that turn the picture a quarter.
func (s *source) displayed() (w, h int) {
	if s.orientation >= 5 {
		return s.height, s.width
	}
	return s.width, s.height
}

// Probe reads an image's displayed size (after EXIF orientation) and format
// ("jpeg", "png", "gif" or "webp") without decoding its pixels: cheap enough
// for check. Errors are *Error values.
func Probe(data []byte) (width, height int, format string, err error) {
	s, err := inspect(data)
	if err != nil {
		return 0, 0, "", err
	}
	w, h := s.displayed()
	return w, h, s.format, nil
}

// inspect recognises the format by its first bytes (never by the file name),
// reads the size from the header and collects orientation and colour profile.
func inspect(data []byte) (*source, error) {
	f, err := sniff(data)
	if err != nil {
		return nil, err
	}
	s := &source{format: f, orientation: 1}
	var cfg image.Config
	r := bytes.NewReader(data)
	switch f {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
		jpegMeta(data, s)
	case "png":
		cfg, err = png.DecodeConfig(r)
		pngMeta(data, s)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "webp":
		cfg, err = webp.DecodeConfig(r)
		webpMeta(data, s)
	}
	if err != nil {
		return nil, damaged(f, data, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, problem(ErrCorrupt, "", "the image is %dx%d pixels", cfg.Width, cfg.Height)
	}
	s.width, s.height = cfg.Width, cfg.Height
	return s, nil
}

var formatNames = map[string]string{"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}

func sniff(data []byte) (string, error) {
	has := func(at int, prefix string) bool {
		return len(data) >= at+len(prefix) && string(data[at:at+len(prefix)]) == prefix
	}
	switch {
	case len(data) == 0:
		return "", problem(ErrEmpty, "copy the image again; the file has no bytes", "the file is empty")
	case has(0, "\xff\xd8\xff"):
		return "jpeg", nil
	case has(0, "\x89PNG\r\n\x1a\n"):
		return "png", nil
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return "gif", nil
	case has(0, "RIFF") && has(8, "WEBP"):
		return "webp", nil
	}
	const convert = "save or export it as JPEG (photos) or PNG (drawings with transparency)"
	switch {
	case has(4, "ftypheic"), has(4, "ftypheix"), has(4, "ftypmif1"), has(4, "ftypmsf1"):
		return "", problem(ErrUnsupported, convert+"; on an iPhone, Settings › Camera › Formats › Most Compatible takes JPEG photos",
			"HEIC photos are not supported")
	case has(4, "ftypavif"):
		return "", problem(ErrUnsupported, convert, "AVIF images are not supported")
	case has(0, "II*\x00"), has(0, "MM\x00*"):
		return "", problem(ErrUnsupported, convert, "TIFF images are not supported")
	case has(0, "BM"):
		return "", problem(ErrUnsupported, convert, "BMP images are not supported")
	case bytes.Contains(data[:min(len(data), 512)], []byte("<svg")):
		return "", problem(ErrUnsupported, "SVG files are published as they are, not processed", "an SVG is not a raster image")
	}
	return "", problem(ErrUnsupported, convert, "not a JPEG, PNG, GIF or WebP image")
}

// damaged turns a decoder's error into one a contributor understands.
// Decoders report a file cut short in many ways ("short Huffman data"), so
// its missing end marker is checked too.
func damaged(format string, data []byte, err error) *Error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || truncated(format, data) {
		return problem(ErrCorrupt, "copy or export the image again",
			"the %s file ends too early: it was probably cut off while copying", formatNames[format])
	}
	return problem(ErrCorrupt, "open it in an image editor and save it again",
		"the %s data is damaged (%v)", formatNames[format], err)
}

// truncated reports whether a file lacks the end its format requires.
func truncated(format string, data []byte) bool {
	end := bytes.TrimRight(data, "\x00") // some cameras pad with zeros
	switch format {
	case "jpeg":
		return !bytes.HasSuffix(end, []byte{0xff, 0xd9})
	case "png":
		return !bytes.Contains(data[max(0, len(data)-64):], []byte("IEND"))
	case "gif":
		return !bytes.HasSuffix(end, []byte{0x3b})
	case "webp":
		return len(data) < 8 || int(binary.LittleEndian.Uint32(data[4:]))+8 > len(data)
	}
	return false
}

// decode decodes the pixels; s came from inspect, so the size is known to be
// within the limit. GIF and animated WebP give their first frame.
func decode(data []byte, s *source) (image.Image, error) {
	r := bytes.NewReader(data)
	var m image.Image
	var err error
	switch {
	case s.format == "jpeg":
		m, err = jpeg.Decode(r)
	case s.format == "png":
		m, err = png.Decode(r)
	case s.format == "gif":
		m, err = gifFirstFrame(r, s)
	case s.animated:
		// golang.org/x/image/webp reads still images only; libwebp's
		// demuxer gives the first frame composed on the canvas.
		m, err = wasmwebp.Decode(r)
	default:
		m, err = webp.Decode(r)
		if err == nil {
			m = newVideoRange(m)
		}
	}
	if err != nil {
		return nil, damaged(s.format, data, err)
	}
	if b := m.Bounds(); b.Dx() != s.width || b.Dy() != s.height {
		return nil, problem(ErrCorrupt, "open it in an image editor and save it again",
			"the %s header says %dx%d but the pixels are %dx%d", formatNames[s.format], s.width, s.height, b.Dx(), b.Dy())
	}
	return m, nil
}

// gifFirstFrame places the first frame on the logical screen, as a browser
// shows it: a frame may be smaller than the screen and offset within it.
func gifFirstFrame(r io.Reader, s *source) (image.Image, error) {
	m, err := gif.Decode(r)
	if err != nil {
		return nil, err
	}
	screen := image.Rect(0, 0, s.width, s.height)
	if m.Bounds() == screen {
		return m, nil
	}
	canvas := image.NewNRGBA(screen)
	draw.Draw(canvas, m.Bounds(), m, m.Bounds().Min, draw.Src)
	return canvas, nil
}

// jpegMeta walks the segments before the first scan: APP1 holds EXIF, APP2
// the ICC profile, possibly split in numbered chunks.
func jpegMeta(data []byte, s *source) {
	var chunks [][]byte
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			break
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // pixels start: metadata comes before
			break
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			break
		}
		payload := data[i+4 : i+2+n]
		switch {
		case marker == 0xe1 && bytes.HasPrefix(payload, []byte("Exif\x00\x00")):
			s.orientation = exifOrientation(payload[6:])
		case marker == 0xe2 && bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00")) && len(payload) > 14:
			chunks = append(chunks, payload[12:])
		}
		i += 2 + n
	}
	s.icc = joinICC(chunks)
}

// joinICC orders the APP2 chunks by their sequence numbers (1-based, each
// chunk says how many there are) and joins them; nil if any is missing.
func joinICC(chunks [][]byte) []byte {
	if len(chunks) == 0 {
		return nil
	}
	count := int(chunks[0][1])
	if count != len(chunks) {
		return nil
	}
	ordered := make([][]byte, count)
	for _, c := range chunks {
		seq := int(c[0])
		if seq < 1 || seq > count || ordered[seq-1] != nil || int(c[1]) != count {
			return nil
		}
		ordered[seq-1] = c[2:]
	}
	return bytes.Join(ordered, nil)
}

// pngMeta reads the iCCP (compressed ICC profile) and eXIf chunks.
func pngMeta(data []byte, s *source) {
	for i := 8; i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		kind := string(data[i+4 : i+8])
		if n < 0 || n > len(data)-i-12 || kind == "IEND" {
			break
		}
		payload := data[i+8 : i+8+n]
		switch kind {
		case "iCCP":
			s.icc = inflateICCP(payload)
		case "eXIf":
			s.orientation = exifOrientation(payload)
		}
		i += 12 + n
	}
}

// webpMeta reads the RIFF chunks: VP8X flags, ICCP and EXIF.
func webpMeta(data []byte, s *source) {
	for i := 12; i+8 <= len(data); {
		kind := string(data[i : i+4])
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || n > len(data)-i-8 {
			break
		}
		payload := data[i+8 : i+8+n]
		switch kind {
		case "VP8X":
			s.animated = n > 0 && payload[0]&0x02 != 0
		case "ANMF":
			s.frames++
		case "ICCP":
			s.icc = payload
		case "EXIF":
			// Some writers keep the JPEG-style prefix.
			s.orientation = exifOrientation(bytes.TrimPrefix(payload, []byte("Exif\x00\x00")))
		}
		i += 8 + n + n&1
	}
}

// opaque reports whether every pixel of m is fully opaque.
func opaque(m image.Image) bool {
	if o, ok := m.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return m.ColorModel() == color.YCbCrModel || m.ColorModel() == color.GrayModel
}
