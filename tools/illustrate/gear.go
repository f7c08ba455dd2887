package main

import (
	"image/color"
	"math"
)

// Colours of the gear: a blue harness and a coral leash, told apart by
// lightness as well as hue.
var (
	harnessBlue = rgb(0x2B78A6)
	buckleDark  = rgb(0x2F3A45)
	metal       = rgb(0x9AA4AE)
	leashCoral  = rgb(0xD95C4A)
	tagGold     = rgb(0xF2C14E)
	tagGoldDark = rgb(0xC9962A)
	collarRed   = rgb(0xC8413B)
	tapeYellow  = rgb(0xF5D04C)
	skin        = rgb(0xA86F4C)
	skinShade   = rgb(0x8A5A3D)
	sleeveBlue  = rgb(0x6D7BCF)
	sleeveCuff  = rgb(0x5664B8)
)

// harnessSide draws an H-style harness on catSide's cat: a neck strap, a
// girth strap just behind the front legs, a strap along the back joining
// them, a D-ring on top for the leash and a quick-release buckle.
func (c *canvas) harnessSide(col color.RGBA) {
	x := sideCat.girthX
	c.fill(col,
		stroke(24, curve(128, -292, 136, -264, 150, -246, 178, -230)...),
		stroke(26, curve(x-2, -286, x+8, -230, x+10, -170, x+2, -112)...),
		stroke(20, curve(x, -290, 92, -296, 112, -298, 130, -294)...))
	c.fill(buckleDark, roundRect(x-13, -168, 34, 26, 6))
	c.fill(metal, rect(x-1, -168, 4, 26))
	c.dRing(sideCat.ring)
}

// dRing is the metal ring a leash clips to.
func (c *canvas) dRing(at pt) {
	c.fill(metal, circle(at.x, at.y-8, 13).cut(circle(at.x, at.y-8, 7)))
}

// hand is a fist holding a leash's loop, centred on the origin, the arm
// coming from the left.
func (c *canvas) hand() {
	c.fill(sleeveBlue, roundRect(-300, -62, 250, 124, 44))
	c.fill(sleeveCuff, roundRect(-80, -64, 44, 128, 16))
	c.fill(skin, roundRect(-48, -46, 100, 92, 36))
	c.fill(skinShade,
		stroke(5, pt{30, -22}, pt{46, -22}),
		stroke(5, pt{30, 0}, pt{48, 0}),
		stroke(5, pt{30, 22}, pt{46, 22}))
	c.fill(skin, ellipse(8, -44, 38, 16))
}

// fingersUnderStrap is a hand seen from the back, two fingers slid under
// a strap that runs across x = 0, the arm coming from the left. Draw the
// strap after it, so it lies over the fingers.
func (c *canvas) fingersUnderStrap() {
	c.fill(sleeveBlue, roundRect(-1400, -64, 1250, 128, 44))
	c.fill(sleeveCuff, roundRect(-196, -68, 42, 136, 14))
	c.fill(skin, roundRect(-170, -54, 160, 108, 46))
	c.fill(skinShade, roundRect(-100, 26, 70, 40, 20))
	c.fill(skin, roundRect(-128, -84, 96, 36, 18))
	c.fill(skin, roundRect(-60, -44, 170, 38, 19), roundRect(-60, 2, 160, 38, 19))
	c.fill(skinShade, stroke(4, pt{-40, -2}, pt{-10, -2}))
}

// tapeMeasure is a soft tape measure around catSide's chest, where the
// girth strap of a harness sits, its free end hanging below the belly.
func (c *canvas) tapeMeasure() {
	x := sideCat.girthX
	band := curve(x-2, -286, x+8, -230, x+10, -170, x+2, -112)
	end := curve(x+2, -112, x-6, -70, x-56, -84, x-44, -26)
	c.fill(tapeYellow, stroke(24, band...), stroke(24, end...))
	all := append(band, end[1:]...)
	for i := 2; i < len(all)-2; i += 4 {
		p, q := all[i-1], all[i+1]
		dx, dy := q.x-p.x, q.y-p.y
		// a tick across the tape's left half, square to its run
		nx, ny := dy, -dx
		n := max(1e-9, math.Hypot(nx, ny))
		nx, ny = nx/n, ny/n
		a := all[i]
		c.fill(eyeDark, stroke(2.5, pt{a.x - nx*11, a.y - ny*11}, pt{a.x - nx*3, a.y - ny*3}))
	}
	c.fill(metal, roundRect(x-56, -30, 24, 14, 4))
}
