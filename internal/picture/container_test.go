package picture

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// Builders for the metadata cameras and editors put into files: the tests
// write real EXIF, XMP and ICC data into real encoded images.

// withJPEGSegment inserts a marker segment right after the JPEG's SOI.
func withJPEGSegment(jpg []byte, marker byte, payload []byte) []byte {
	seg := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// withPNGChunk inserts a chunk right after IHDR.
func withPNGChunk(p []byte, kind string, data []byte) []byte {
	const afterIHDR = 8 + 8 + 13 + 4
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, kind...)
	c = append(c, data...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, c...)
	return append(out, p[afterIHDR:]...)
}

// webpExtended rewraps a simple (VP8-only) WebP as the extended format with
// extra chunks, the way cameras and exporters store ICCP and EXIF.
func webpExtended(t testing.TB, simple []byte, w, h int, flags byte, before, after map[string][]byte) []byte {
	t.Helper()
	if string(simple[12:16]) != "VP8 " {
		t.Fatalf("not a simple lossy WebP: %q", simple[12:16])
	}
	chunk := func(kind string, data []byte) []byte {
		c := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := make([]byte, 10)
	vp8x[0] = flags
	put24 := func(b []byte, v int) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }
	put24(vp8x[4:], w-1)
	put24(vp8x[7:], h-1)
	body := append([]byte("WEBP"), chunk("VP8X", vp8x)...)
	for _, k := range []string{"ICCP", "ANIM"} {
		if d, ok := before[k]; ok {
			body = append(body, chunk(k, d)...)
		}
	}
	body = append(body, simple[12:]...)
	for _, k := range []string{"EXIF", "XMP "} {
		if d, ok := after[k]; ok {
			body = append(body, chunk(k, d)...)
		}
	}
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

const (
	tiffByte     = 1
	tiffASCII    = 2
	tiffShort    = 3
	tiffLong     = 4
	tiffRational = 5
)

func ascii(s string) tiffEntry {
	return tiffEntry{typ: tiffASCII, count: uint32(len(s) + 1), value: append([]byte(s), 0)}
}

func rationals(v ...uint32) tiffEntry {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return tiffEntry{typ: tiffRational, count: uint32(len(v) / 2), value: b}
}

// exifWithGPS is the EXIF block of a phone photo taken at home: camera make
// and model, orientation, and a GPS IFD with latitude and longitude.
func exifWithGPS(orientation int) []byte {
	le := binary.LittleEndian
	make_, model := ascii("Careguide Test Phone"), ascii("Model 7 Pro")
	make_.tag, model.tag = 0x010f, 0x0110
	lat, lon := rationals(51, 1, 30, 1, 2634, 100), rationals(0, 1, 7, 1, 3987, 100)
	lat.tag, lon.tag = 0x0002, 0x0004
	latRef, lonRef := ascii("N"), ascii("W")
	latRef.tag, lonRef.tag = 0x0001, 0x0003
	gps := []tiffEntry{{0x0000, tiffByte, 4, []byte{2, 3, 0, 0}}, latRef, lat, lonRef, lon}
	ifd0 := []tiffEntry{make_, model,
		{0x0112, tiffShort, 1, le.AppendUint16(nil, uint16(orientation))},
		{0x8825, tiffLong, 1, nil}} // GPS IFD offset, filled in below

	ifdSize := func(n int) int { return 2 + 12*n + 4 }
	gpsAt := 8 + ifdSize(len(ifd0))
	dataAt := gpsAt + ifdSize(len(gps))
	ifd0[3].value = le.AppendUint32(nil, uint32(gpsAt))

	var data []byte
	writeIFD := func(entries []tiffEntry) []byte {
		b := le.AppendUint16(nil, uint16(len(entries)))
		for _, e := range entries {
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			b = le.AppendUint32(b, e.count)
			if len(e.value) <= 4 {
				v := make([]byte, 4)
				copy(v, e.value)
				b = append(b, v...)
			} else {
				b = le.AppendUint32(b, uint32(dataAt+len(data)))
				data = append(data, e.value...)
			}
		}
		return le.AppendUint32(b, 0)
	}
	out := append([]byte("II*\x00"), le.AppendUint32(nil, 8)...)
	out = append(out, writeIFD(ifd0)...)
	out = append(out, writeIFD(gps)...)
	return append(out, data...)
}

const xmpPacket = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
	`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.44N" exif:GPSLongitude="0,7.66W"/>` +
	`</rdf:RDF></x:xmpmeta>`

// jpegMarkers lists the marker bytes of a JPEG up to its first scan.
func jpegMarkers(t testing.TB, b []byte) []byte {
	t.Helper()
	var out []byte
	if !bytes.HasPrefix(b, []byte{0xff, 0xd8}) {
		t.Fatal("not a JPEG")
	}
	for i := 2; i+4 <= len(b); {
		m := b[i+1]
		out = append(out, m)
		if m == 0xda {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	return out
}

// riffChunks lists the chunk names of a WebP.
func riffChunks(b []byte) []string {
	var out []string
	for i := 12; i+8 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		out = append(out, string(b[i:i+4]))
		i += 8 + n + n&1
	}
	return out
}

// pngChunks lists the chunk names of a PNG.
func pngChunks(b []byte) []string {
	var out []string
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		out = append(out, string(b[i+4:i+8]))
		i += 12 + n
	}
	return out
}
