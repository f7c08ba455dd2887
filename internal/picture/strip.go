package picture

import (
	"bytes"
	"encoding/binary"
)

// Strip removes what a photo says besides its pixels (EXIF with its GPS
// position and camera, XMP, IPTC, comments, text chunks, timestamps) from a
// JPEG, PNG or WebP file without decoding it, for images published as they
// are, such as a theme's assets: the pixels, a colour profile and what
// decoding needs stay, byte for byte. It returns false for a file it
// cannot read as one of those three; the caller must not publish that one
// as it is.
func Strip(data []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		return stripJPEG(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return stripPNG(data)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return stripWebP(data)
	}
	return nil, false
}

// keepJPEG reports whether a JPEG marker segment before the first scan is
// needed to show the image: everything but application segments and
// comments, and of those JFIF (APP0), the ICC profile (APP2) and Adobe's
// colour transform (APP14), without which CMYK and YCCK files decode
// wrongly.
func keepJPEG(marker byte) bool {
	switch {
	case marker == 0xfe: // COM
		return false
	case marker >= 0xe0 && marker <= 0xef: // APPn
		return marker == 0xe0 || marker == 0xe2 || marker == 0xee
	}
	return true
}

func stripJPEG(b []byte) ([]byte, bool) {
	out := append(make([]byte, 0, len(b)), b[:2]...)
	for i := 2; ; {
		if i+4 > len(b) || b[i] != 0xff {
			return nil, false
		}
		marker := b[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(b) {
			return nil, false
		}
		if marker == 0xda { // the first scan: the rest is image data
			return append(out, b[i:]...), true
		}
		if keepJPEG(marker) {
			out = append(out, b[i:end]...)
		}
		i = end
	}
}

// dropPNG are the PNG chunks that describe rather than draw: text,
// compressed text, international text, EXIF and the time of the last edit.
var dropPNG = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "eXIf": true, "tIME": true}

func stripPNG(b []byte) ([]byte, bool) {
	out := append(make([]byte, 0, len(b)), b[:8]...)
	for i := 8; i < len(b); {
		if i+12 > len(b) {
			return nil, false
		}
		end := i + 12 + int(binary.BigEndian.Uint32(b[i:]))
		if end > len(b) || end < i {
			return nil, false
		}
		if !dropPNG[string(b[i+4:i+8])] {
			out = append(out, b[i:end]...)
		}
		i = end
	}
	return out, true
}

// VP8X flag bits that announce an EXIF or an XMP chunk.
const webpEXIFFlag, webpXMPFlag = 0x08, 0x04

func stripWebP(b []byte) ([]byte, bool) {
	out := append(make([]byte, 0, len(b)), b[:12]...)
	for i := 12; i < len(b); {
		if i+8 > len(b) {
			return nil, false
		}
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		end := i + 8 + n + n&1
		if end > len(b) || end < i {
			return nil, false
		}
		switch kind := string(b[i : i+4]); kind {
		case "EXIF", "XMP ":
		case "VP8X":
			start := len(out)
			out = append(out, b[i:end]...)
			if n > 0 {
				out[start+8] &^= webpEXIFFlag | webpXMPFlag
			}
		default:
			out = append(out, b[i:end]...)
		}
		i = end
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, true
}
