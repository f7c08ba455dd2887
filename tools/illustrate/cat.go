package main

import (
	"image/color"
	"math"
)

// coat is how one cat looks: its colours, and where its eyes turn.
type coat struct {
	fur, shade, stripe, light color.RGBA
	striped                   bool
	// iris is the colour of the eyes of a cat whose fur is too dark for
	// plain dark eyes to show; zero for dark eyes.
	iris    color.RGBA
	whisker color.NRGBA
	look    pt // how far the pupils move from the middle: {0, -6} looks up
}

var (
	ginger = coat{
		fur: rgb(0xEE9A4D), shade: rgb(0xD9823A), stripe: rgb(0xC96A2B),
		light: rgb(0xFBE6CC), striped: true,
		whisker: color.NRGBA{0x6B, 0x4A, 0x36, 0xB0},
	}
	grey = coat{
		fur: rgb(0x8E98A8), shade: rgb(0x77818F), stripe: rgb(0x687282),
		light:   rgb(0xEEF0F3),
		whisker: color.NRGBA{0x3E, 0x44, 0x4E, 0xB0},
	}
	tuxedo = coat{
		fur: rgb(0x34343B), shade: rgb(0x25252B), stripe: rgb(0x34343B),
		light: rgb(0xF6F4F0), iris: rgb(0xC9D65A),
		whisker: color.NRGBA{0x9A, 0x98, 0x94, 0xFF},
	}
)

// The parts every cat shares.
var (
	earPink  = rgb(0xF2A7A0)
	nosePink = rgb(0xE27D7D)
	eyeDark  = rgb(0x2E2A28)
	white    = rgb(0xFFFFFF)
	blush    = color.NRGBA{0xF2, 0x8C, 0x8C, 0x66}
	shadow   = color.NRGBA{0x3A, 0x2A, 0x1A, 0x2A}
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}
}

// catHead draws a friendly face looking at the viewer, centred on the
// origin, about 220 units wide and 260 tall with the ears.
func (c *canvas) catHead(k coat) {
	for _, side := range []aff{identity, mirrorX()} {
		c.with(side, func() {
			ear := (&shape{}).moveTo(-100, -20).lineTo(-88, -118).
				quadTo(-84, -140, -66, -130).lineTo(-14, -86).close()
			c.fill(k.fur, ear)
			inner := (&shape{}).moveTo(-84, -46).lineTo(-77, -106).
				quadTo(-74, -118, -63, -111).lineTo(-34, -86).close()
			c.fill(earPink, inner)
		})
	}
	c.fill(k.fur, ellipse(0, 0, 110, 94))
	if k.striped {
		c.fill(k.stripe,
			poly(-8, -93, 8, -93, 0, -56),
			poly(-36, -87, -22, -90, -22, -62),
			poly(36, -87, 22, -90, 22, -62))
	}
	c.fill(blush, ellipse(-66, 24, 16, 9), ellipse(66, 24, 16, 9))
	c.fill(k.light, ellipse(-18, 34, 29, 22), ellipse(18, 34, 29, 22), ellipse(0, 52, 17, 11))
	for _, x := range []float64{-40, 40} {
		if k.iris.A != 0 {
			c.fill(k.iris, ellipse(x, -6, 19, 22))
		}
		c.fill(eyeDark, ellipse(x+k.look.x, -6+k.look.y, 14, 18))
		c.fill(white, circle(x+5+k.look.x, -12+k.look.y, 5))
	}
	nose := (&shape{}).moveTo(-12, 14).lineTo(12, 14).quadTo(13, 19, 0, 28).quadTo(-13, 19, -12, 14).close()
	c.fill(nosePink, nose)
	mouth := rgb(0x7A4A32)
	c.fill(mouth,
		stroke(4, curve(0, 27, 0, 37, -6, 43, -15, 40)...),
		stroke(4, curve(0, 27, 0, 37, 6, 43, 15, 40)...))
	for _, sx := range []float64{-1, 1} {
		c.with(scale(sx, 1), func() {
			c.fill(k.whisker,
				stroke(3, curve(48, 26, 80, 18, 110, 14, 142, 14)...),
				stroke(3, curve(50, 36, 84, 34, 114, 36, 146, 40)...),
				stroke(3, curve(48, 46, 80, 50, 106, 58, 134, 66)...))
		})
	}
}

// sideCat is where the parts of a standing cat seen from the side are,
// for gear drawn on it. The cat faces right and stands on y = 0.
var sideCat = struct {
	girthX, backY float64 // the girth strap: just behind the front legs
	ring          pt      // where a harness's D-ring sits on the back
	head          pt
}{girthX: 70, backY: -288, ring: pt{68, -292}, head: pt{215, -322}}

// catSide draws a cat standing in profile with its head turned to the
// viewer. gear is drawn over the body and under the head: a harness or
// a tape measure.
func (c *canvas) catSide(k coat, gear func()) {
	tail := curve(-190, -215, -290, -235, -330, -360, -262, -425)
	c.fill(k.fur, stroke(40, tail...))
	if k.striped {
		c.fill(k.stripe, stroke(40, tail[32:]...))
	}
	c.fill(k.shade, roundRect(-122, -150, 46, 150, 23), roundRect(140, -150, 46, 150, 23))
	c.fill(k.fur,
		ellipse(-10, -200, 200, 88),
		ellipse(-150, -172, 80, 84),
		ellipse(110, -228, 80, 62),
		ellipse(135, -200, 72, 92),
		ellipse(172, -248, 52, 62),
		roundRect(-170, -160, 50, 160, 25),
		roundRect(96, -170, 50, 170, 25))
	c.fill(k.light, ellipse(164, -200, 34, 50))
	c.fill(k.light, ellipse(-143, -10, 31, 13), ellipse(123, -10, 31, 13))
	if k.striped {
		for _, x := range []float64{-130, -75, -20, 30} {
			top := -200 - 88*math.Sqrt(1-math.Pow((x+10)/200, 2)) + 3
			c.fill(k.stripe, (&shape{}).moveTo(x-13, top).
				quadTo(x-4, top+36, x+2, top+66).quadTo(x+7, top+32, x+13, top).close())
		}
	}
	if gear != nil {
		gear()
	}
	c.with(move(sideCat.head.x, sideCat.head.y), func() { c.catHead(k) })
}

// catSitting draws a cat sitting up and facing the viewer, on y = 0.
// gear is drawn over the body and under the head: a collar.
func (c *canvas) catSitting(k coat, gear func()) {
	tail := curve(70, -24, 165, -18, 182, -110, 140, -178)
	c.fill(k.fur, stroke(36, tail...))
	if k.striped {
		c.fill(k.stripe, stroke(36, tail[32:]...))
	}
	c.fill(k.fur,
		ellipse(-78, -60, 62, 60), ellipse(78, -60, 62, 60),
		ellipse(0, -122, 98, 122))
	c.fill(k.light, ellipse(0, -150, 52, 78))
	c.fill(k.shade, roundRect(-54, -128, 44, 124, 22), roundRect(10, -128, 44, 124, 22))
	c.fill(k.fur, roundRect(-52, -130, 40, 124, 20), roundRect(12, -130, 40, 124, 20))
	c.fill(k.light, ellipse(-32, -10, 27, 13), ellipse(32, -10, 27, 13))
	c.fill(k.shade,
		stroke(3, pt{-38, -16}, pt{-38, -5}), stroke(3, pt{-26, -16}, pt{-26, -5}),
		stroke(3, pt{26, -16}, pt{26, -5}), stroke(3, pt{38, -16}, pt{38, -5}))
	if gear != nil {
		gear()
	}
	c.with(move(0, -272), func() { c.catHead(k) })
}

// groundShadow is the soft shadow a cat or an object casts on the floor.
func (c *canvas) groundShadow(cx, w float64) {
	c.fill(shadow, ellipse(cx, 0, w/2, w/14))
}
