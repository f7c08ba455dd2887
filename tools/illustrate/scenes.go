package main

// Backgrounds and scenery.
var (
	sky       = rgb(0xE4F2F5)
	sun       = rgb(0xFFE6A0)
	cloud     = rgb(0xF7FBFC)
	picket    = rgb(0xF4DFC2)
	rail      = rgb(0xE0C297)
	grass     = rgb(0xA9D18E)
	grassDark = rgb(0x8FBF74)
	bush      = rgb(0x7DAF67)
	bushDark  = rgb(0x6A9C57)
)

// leashTrainingCover: a ginger cat in a blue H-style harness explores a
// fenced backyard, the coral leash hanging in a loose curve to a hand.
func leashTrainingCover(c *canvas) {
	c.fill(sun, circle(1390, 170, 84))
	c.fill(cloud, ellipse(300, 150, 120, 40), ellipse(380, 125, 80, 45), ellipse(1060, 110, 100, 32))
	backyard(c, 600)
	cat := move(960, 880)
	c.groundShadowAt(940, 880, 560)
	c.with(scale(1.25, 1.25).then(cat), func() {
		c.catSide(ginger, func() { c.harnessSide(harnessBlue) })
	})
	ring := scale(1.25, 1.25).then(cat).apply(pt{sideCat.ring.x, sideCat.ring.y - 8})
	hand := pt{300, 250}
	c.fill(leashCoral, stroke(11, curve(ring.x, ring.y, 930, 420, 560, 560, hand.x+20, hand.y)...))
	c.fill(metal, roundRect(ring.x-10, ring.y-4, 20, 30, 8))
	c.with(move(hand.x, hand.y), c.hand)
}

// backyard is a fence across the picture with grass from y = top + 110
// down, and a bush at each end.
func backyard(c *canvas, top float64) {
	c.fill(rail, rect(0, top+40, float64(c.img.Bounds().Dx()), 26), rect(0, top+150, float64(c.img.Bounds().Dx()), 26))
	for x := -20.0; x < float64(c.img.Bounds().Dx()); x += 86 {
		c.fill(picket, roundRect(x, top-60, 70, 300, 35))
	}
	w := float64(c.img.Bounds().Dx())
	h := float64(c.img.Bounds().Dy())
	c.fill(bushDark, circle(90, top+70, 110), circle(230, top+110, 90))
	c.fill(bush, circle(60, top+110, 100), circle(190, top+140, 80))
	c.fill(bushDark, circle(w-120, top+80, 120))
	c.fill(bush, circle(w-70, top+130, 110), circle(w-220, top+150, 80))
	c.fill(grass, rect(0, top+150, w, h-top-150))
	for i, x := range []float64{140, 420, 700, 1240, 1480} {
		y := top + 250 + float64(i%2)*180
		c.fill(grassDark, poly(x-18, y, x-8, y-34, x, y), poly(x-2, y, x+10, y-44, x+20, y), poly(x+16, y, x+28, y-30, x+36, y))
	}
}

// groundShadowAt is groundShadow placed on the canvas.
func (c *canvas) groundShadowAt(x, y, w float64) {
	c.with(move(x, y), func() { c.groundShadow(0, w) })
}
