package main

// The pictures of the harness guide's steps, indoors.
var (
	wall      = rgb(0xF7EFE4)
	floor     = rgb(0xE6D2B5)
	floorLine = rgb(0xD9C29F)
	skirting  = rgb(0xEFE2CF)
	treat     = rgb(0xA0643A)
	dish      = rgb(0x5FA8A0)
	dishRim   = rgb(0x4C928A)
)

// room is a wall and a wooden floor from y = top down.
func room(c *canvas, top float64) {
	w, h := float64(c.img.Bounds().Dx()), float64(c.img.Bounds().Dy())
	c.fill(skirting, rect(0, top-26, w, 26))
	c.fill(floor, rect(0, top, w, h-top))
	for y := top + 50; y < h; y += 70 + (y-top)/4 {
		c.fill(floorLine, rect(0, y, w, 4))
	}
}

// harnessFitTwoFingers: two fingers slide under the girth strap of a
// ginger cat's harness, just behind the front legs.
func harnessFitTwoFingers(c *canvas) {
	room(c, 690)
	// Close up: the strap and the fingers fill the middle of the picture.
	c.groundShadowAt(440, 835, 800)
	c.with(scale(1.75, 1.75).at(420, 835), func() {
		c.catSide(ginger, func() {
			c.with(scale(0.62, 0.62).then(rotate(36)).at(sideCat.girthX+6, -232), c.fingersUnderStrap)
			c.harnessSide(harnessBlue)
		})
	})
}

// harnessMeasureChest: a soft tape measure around a ginger cat's chest,
// just behind the front legs, and treats ready on the floor.
func harnessMeasureChest(c *canvas) {
	room(c, 690)
	c.groundShadowAt(540, 745, 640)
	c.with(scale(1.42, 1.42).at(540, 745), func() {
		c.catSide(ginger, c.tapeMeasure)
	})
	c.treatDish(1040, 760)
}

// treatDish is a small dish of treats standing on (x, y).
func (c *canvas) treatDish(x, y float64) {
	c.groundShadowAt(x, y, 200)
	for i, tx := range []float64{-50, -18, 14, 46, -30, 2, 30} {
		ty := -40.0
		if i >= 4 {
			ty = -58
		}
		c.fill(treat, roundRect(x+tx-16, y+ty-12, 32, 24, 10))
	}
	c.fill(dish, (&shape{}).moveTo(x-90, y-44).lineTo(x+90, y-44).
		quadTo(x+80, y, x+60, y).lineTo(x-60, y).quadTo(x-80, y, x-90, y-44).close())
	c.fill(dishRim, roundRect(x-94, y-50, 188, 14, 7))
}
