package picture

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"testing"
)

// A translucent drawing keeps its transparency and its colour: the WebP
// has alpha, the fallback is PNG, and half-transparent red stays red (a
// premultiplied mix-up would darken it).
func TestTransparency(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 200 {
			switch {
			case x < 100:
				m.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 128})
			default:
				m.SetNRGBA(x, y, color.NRGBA{0, 0, 0, 0})
			}
		}
	}
	pic, err := New(Options{}).Process("sticker.png", encodePNGTest(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if !pic.Alpha || pic.Fallback() != "png" || len(pic.Of("png")) != 1 || len(pic.Of("jpeg")) != 0 {
		t.Fatalf("alpha %v, variants %s", pic.Alpha, shape(pic))
	}
	if pic.Color != "#ff0000" {
		t.Errorf("placeholder %s, want #ff0000: transparent pixels must not count", pic.Color)
	}
	for _, v := range pic.Variants {
		out := decodeVariant(t, v)
		c := color.NRGBAModel.Convert(out.At(50, 50)).(color.NRGBA)
		if c.A < 120 || c.A > 136 || c.R < 245 || c.G > 10 || c.B > 10 {
			t.Errorf("%s: half-transparent red became %v", v.Format, c)
		}
		if _, _, _, a := out.At(150, 50).RGBA(); a != 0 {
			t.Errorf("%s: transparent became alpha %d", v.Format, a>>8)
		}
	}
}

// An RGBA PNG whose pixels are all opaque is a photo: JPEG fallback.
func TestOpaquePNGGetsJPEG(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for i := range m.Pix {
		m.Pix[i] = 255
	}
	pic, err := New(Options{}).Process("white.png", encodePNGTest(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if pic.Alpha || pic.Fallback() != "jpeg" || pic.Color != "#ffffff" {
		t.Errorf("alpha %v, fallback %s, colour %s", pic.Alpha, pic.Fallback(), pic.Color)
	}
}

func TestPlaceholderColor(t *testing.T) {
	half := image.NewRGBA(image.Rect(0, 0, 100, 50))
	for y := range 50 {
		for x := range 100 {
			c := color.RGBA{10, 200, 30, 255}
			if x >= 50 {
				c = color.RGBA{30, 100, 230, 255}
			}
			half.SetRGBA(x, y, c)
		}
	}
	pic, err := New(Options{}).Process("half.png", encodePNGTest(t, half))
	if err != nil {
		t.Fatal(err)
	}
	if pic.Color != "#149682" { // (20, 150, 130)
		t.Errorf("placeholder %s, want #149682", pic.Color)
	}
}

// A GIF gives its first frame, placed on the logical screen as a browser
// shows it.
func TestGIFFirstFrame(t *testing.T) {
	pal := color.Palette{color.RGBA{0, 0, 0, 0}, color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 0, 255}}
	first := image.NewPaletted(image.Rect(20, 10, 60, 40), pal)
	second := image.NewPaletted(image.Rect(0, 0, 80, 50), pal)
	for i := range first.Pix {
		first.Pix[i] = 1
	}
	for i := range second.Pix {
		second.Pix[i] = 2
	}
	var b bytes.Buffer
	err := gif.EncodeAll(&b, &gif.GIF{
		Image:  []*image.Paletted{first, second},
		Delay:  []int{10, 10},
		Config: image.Config{ColorModel: pal, Width: 80, Height: 50},
	})
	if err != nil {
		t.Fatal(err)
	}
	pic, err := New(Options{}).Process("wag.gif", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if pic.Width != 80 || pic.Height != 50 || !pic.Alpha {
		t.Fatalf("%dx%d alpha %v, want 80x50 with transparency", pic.Width, pic.Height, pic.Alpha)
	}
	out, err := png.Decode(bytes.NewReader(pic.Of("png")[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if c := out.At(40, 25); !near(c, color.RGBA{0, 0, 255, 255}, 2) {
		t.Errorf("inside the first frame: %v, want blue", c)
	}
	if _, _, _, a := out.At(5, 5).RGBA(); a != 0 {
		t.Errorf("outside the first frame: alpha %d, want transparent", a>>8)
	}
}

// An animated WebP gives its first frame. The file is assembled here from
// an ANIM chunk and two ANMF frames holding ordinary VP8 bitstreams.
func TestAnimatedWebPFirstFrame(t *testing.T) {
	frame := func(c color.RGBA) []byte {
		still, err := encodeWebP(flat(64, 48, c))
		if err != nil {
			t.Fatal(err)
		}
		anmf := make([]byte, 16) // x, y = 0; size; duration 100 ms
		anmf[6], anmf[9], anmf[12] = 63, 47, 100
		return append(anmf, still[12:]...) // the VP8 chunk
	}
	chunk := func(kind string, data []byte) []byte {
		b := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		b = append(b, data...)
		if len(data)%2 == 1 {
			b = append(b, 0)
		}
		return b
	}
	vp8x := []byte{0x02, 0, 0, 0, 63, 0, 0, 47, 0, 0}
	body := append([]byte("WEBP"), chunk("VP8X", vp8x)...)
	body = append(body, chunk("ANIM", make([]byte, 6))...)
	body = append(body, chunk("ANMF", frame(color.RGBA{250, 120, 0, 255}))...)
	body = append(body, chunk("ANMF", frame(color.RGBA{0, 120, 250, 255}))...)
	data := append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)

	pic, err := New(Options{}).Process("wag.webp", data)
	if err != nil {
		t.Fatal(err)
	}
	if pic.Width != 64 || pic.Height != 48 {
		t.Fatalf("%dx%d", pic.Width, pic.Height)
	}
	out := decodeVariant(t, pic.Of("jpeg")[0])
	if c := out.At(32, 24); !near(c, color.RGBA{250, 120, 0, 255}, 8) {
		t.Errorf("got %v, want the first frame's orange", c)
	}
}
