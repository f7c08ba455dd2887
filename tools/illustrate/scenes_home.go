package main

import "image/color"

// The covers of the guides set at home.
var (
	sage       = rgb(0xE6EFE4)
	lavender   = rgb(0xEFEAF5)
	mint       = rgb(0xE2F0EE)
	peach      = rgb(0xFBEADB)
	card       = rgb(0xD6A76B)
	cardDark   = rgb(0xBF8E52)
	cardInside = rgb(0x9A7045)
	feederTeal = rgb(0x3F9C93)
	feederDark = rgb(0x2C6F69)
	kibble     = rgb(0x9B5E35)
	wood       = rgb(0xC98F5E)
	woodDark   = rgb(0xA9733F)
	woodInside = rgb(0x6E4A2C)
	feather    = rgb(0xE46F93)
	featherDot = rgb(0xF6B5C8)
	doorBlue   = rgb(0x4F7FA3)
	doorPanel  = rgb(0x5F8FB3)
	carrier    = rgb(0x8FB7A4)
	carrierTop = rgb(0x7AA592)
	grille     = rgb(0x4B5A66)
	folder     = rgb(0xF2C14E)
)

// collarsCover: a grey cat sitting up in a slim red breakaway collar with
// a round ID tag, and beside it a close-up of the buckle coming apart
// and the tag with a phone on it.
func collarsCover(c *canvas) {
	room(c, 800)
	c.groundShadowAt(560, 900, 520)
	c.with(scale(1.5, 1.5).at(560, 900), func() {
		c.catSitting(grey, func() { c.collar(collarRed) })
	})
	// The close-up: a white disc with the buckle pulled apart.
	c.fill(rgb(0xDCE3D8), circle(1170, 430, 270))
	c.fill(white, circle(1170, 430, 256))
	c.with(move(1170, 400), func() {
		c.fill(collarRed, roundRect(-230, -34, 200, 68, 20), roundRect(30, -34, 200, 68, 20))
		c.fill(buckleDark, roundRect(-70, -46, 70, 92, 14), roundRect(14, -46, 56, 92, 14))
		c.fill(metal, roundRect(-14, -20, 28, 40, 8))
		c.fill(buckleDark, poly(-150, -110, -110, -130, -110, -90), poly(150, -110, 110, -130, 110, -90))
		c.fill(buckleDark, rect(-110, -114, 60, 8), rect(50, -114, 60, 8))
		c.fill(metal, circle(-120, 34, 16).cut(circle(-120, 34, 9)))
		c.idTag(-120, 130, 80)
	})
}

// collar is a slim collar on catSitting's cat: a breakaway buckle at the
// side and a round tag under the chin.
func (c *canvas) collar(band color.RGBA) {
	c.fill(band, stroke(20, curve(-80, -204, -44, -164, 44, -164, 80, -204)...))
	c.fill(buckleDark, roundRect(-62, -196, 24, 26, 6))
	c.fill(metal, circle(0, -158, 9).cut(circle(0, -158, 5)))
	c.idTag(0, -128, 24)
}

// idTag is a round gold tag of radius r centred on (x, y), with a phone
// handset on it: a number to call, without words.
func (c *canvas) idTag(x, y, r float64) {
	c.fill(tagGoldDark, circle(x, y, r))
	c.fill(tagGold, circle(x, y, r*0.86))
	if r < 40 {
		return
	}
	c.with(scale(r/80, r/80).at(x, y), func() {
		c.fill(buckleDark,
			stroke(18, curve(-30, -34, -52, -4, -30, 34, 4, 42)...),
			roundRect(-52, -52, 40, 26, 10).add(roundRect(-8, 30, 40, 26, 10)))
	})
}

// enrichmentCover: a black-and-white cat peeks over the rim of a plain
// cardboard box (no handles, no tape, no string), beside a ball-shaped
// puzzle feeder with a few pieces of kibble rolled out of it.
func enrichmentCover(c *canvas) {
	room(c, 780)
	c.groundShadowAt(700, 900, 700)
	// The box: the dark inside, then the cat, then the front over the cat.
	c.fill(cardDark, poly(380, 520, 300, 400, 520, 470), poly(1020, 520, 1100, 400, 880, 470))
	c.fill(cardInside, poly(400, 520, 470, 470, 930, 470, 1000, 520))
	c.with(scale(1.45, 1.45).at(700, 430), func() { c.catHead(tuxedo) })
	c.fill(card, rect(400, 520, 600, 380))
	c.fill(cardDark, rect(400, 520, 600, 14))
	c.fill(cardDark, poly(400, 520, 250, 600, 270, 640, 400, 560))
	c.fill(cardDark, poly(1000, 520, 1150, 600, 1130, 640, 1000, 560))
	for _, x := range []float64{620, 780} {
		c.fill(tuxedo.light, ellipse(x, 530, 52, 26))
		c.fill(tuxedo.shade, stroke(4, pt{x - 14, 520}, pt{x - 14, 540}), stroke(4, pt{x + 14, 520}, pt{x + 14, 540}))
	}
	c.puzzleFeeder(1300, 900)
}

// puzzleFeeder is a ball with holes for kibble, on (x, y).
func (c *canvas) puzzleFeeder(x, y float64) {
	c.groundShadowAt(x, y, 280)
	c.fill(feederTeal, circle(x, y-110, 110))
	c.fill(feederDark, circle(x-40, y-140, 20), circle(x+38, y-90, 20), circle(x+30, y-172, 14))
	c.fill(white, ellipse(x-50, y-180, 26, 14))
	for i, dx := range []float64{-190, -150, 150, 196, -230} {
		c.fill(kibble, roundRect(x+dx, y-30-float64(i%2)*14, 34, 26, 12))
	}
}

// safePlayCover: a wand toy with a feather put away on a shelf inside a
// cupboard with its door open, while a grey cat sits calmly and watches.
func safePlayCover(c *canvas) {
	room(c, 800)
	// The cupboard, its left door swung open.
	c.groundShadowAt(1130, 900, 620)
	c.fill(woodDark, rect(840, 380, 580, 520))
	c.fill(wood, rect(820, 360, 620, 36))
	c.fill(woodInside, rect(870, 420, 260, 450))
	c.fill(woodDark, rect(870, 640, 260, 18))
	c.fill(wood, rect(1150, 420, 250, 450))
	c.fill(woodDark, circle(1180, 645, 14))
	c.fill(wood, poly(870, 420, 740, 450, 740, 840, 870, 870))
	c.fill(woodDark, circle(762, 645, 12))
	// The wand lies on the shelf, the feather on the end of its string.
	c.fill(rgb(0xEBD5A8), stroke(18, pt{890, 624}, pt{1112, 612}))
	c.fill(white, stroke(5, curve(1108, 612, 1130, 580, 1060, 560, 1030, 600)...))
	c.with(scale(1.5, 1.5).at(1030, 600), func() { c.featherAt(0, 0, 200) })
	c.groundShadowAt(430, 900, 520)
	c.with(scale(1.45, 1.45).at(430, 900), func() { c.catSitting(grey, nil) })
}

// featherAt is a feather lure whose quill is at (x, y), turned by deg.
func (c *canvas) featherAt(x, y, deg float64) {
	c.with(rotate(deg).at(x, y), func() {
		vane := (&shape{}).moveTo(0, 0).cubicTo(30, -10, 60, -8, 80, 0).
			cubicTo(60, 8, 30, 12, 0, 0).close()
		c.fill(feather, vane.add(ellipse(45, 0, 40, 16)))
		c.fill(featherDot, stroke(3, pt{0, 0}, pt{82, 0}))
	})
}

// emergencyCover: a packed cat carrier waiting by the front door, a
// harness and leash on a hook above it, a folder of records leaning on
// it, and a ginger cat in a collar and tag sitting calmly beside.
func emergencyCover(c *canvas) {
	room(c, 800)
	// The door and its frame.
	c.fill(rgb(0xE6D9C6), rect(60, 120, 420, 700))
	c.fill(doorBlue, rect(90, 150, 360, 660))
	c.fill(doorPanel, roundRect(130, 200, 280, 240, 16), roundRect(130, 480, 280, 280, 16))
	c.fill(tagGold, circle(410, 480, 16))
	c.with(move(-110, 0), func() { hookAndCarrier(c) })
	c.groundShadowAt(1360, 900, 300)
	c.with(scale(1.05, 1.05).at(1360, 900), func() {
		c.catSitting(ginger, func() { c.collar(collarRed) })
	})
}

// hookAndCarrier is the emergency cover's hook with a harness and a
// leash, and the carrier with the folder of records below it.
func hookAndCarrier(c *canvas) {
	// The hook, the harness and the leash.
	c.fill(woodDark, roundRect(640, 300, 240, 24, 10))
	c.fill(metal, stroke(8, curve(700, 318, 700, 350, 720, 352, 726, 336)...),
		stroke(8, curve(810, 318, 810, 350, 830, 352, 836, 336)...))
	c.fill(harnessBlue,
		stroke(18, curve(700, 346, 650, 420, 670, 480, 710, 470)...),
		stroke(18, curve(700, 346, 750, 420, 740, 480, 710, 470)...),
		stroke(16, curve(710, 470, 710, 520, 700, 560, 690, 600)...))
	c.fill(leashCoral,
		stroke(10, curve(810, 346, 770, 420, 790, 500, 812, 520)...),
		stroke(10, curve(810, 346, 850, 420, 840, 500, 812, 520)...),
		stroke(10, curve(812, 520, 812, 560, 806, 600, 800, 640)...))
	c.fill(metal, roundRect(790, 636, 20, 30, 8))
	// The carrier, its wire door towards us, and the folder of records.
	c.groundShadowAt(1010, 900, 560)
	c.fill(carrierTop, roundRect(830, 560, 380, 60, 30))
	c.fill(carrier, roundRect(800, 600, 440, 300, 40))
	c.fill(carrierTop, stroke(22, curve(930, 570, 940, 500, 1100, 500, 1110, 570)...))
	c.fill(grille, roundRect(880, 650, 280, 210, 24).cut(roundRect(896, 666, 248, 178, 16)))
	for x := 936.0; x < 1140; x += 40 {
		c.fill(grille, rect(x-4, 666, 8, 178))
	}
	c.with(rotate(-8).at(1220, 900), func() {
		c.fill(folder, roundRect(-20, -190, 150, 190, 8))
		c.pawPrint(55, -95, 1.1)
	})
}

// pawPrint is a paw print centred on (x, y), s times 60 units wide.
func (c *canvas) pawPrint(x, y, s float64) {
	c.with(scale(s, s).at(x, y), func() {
		c.fill(woodDark, ellipse(0, 12, 24, 20),
			ellipse(-26, -14, 9, 12), ellipse(-9, -26, 9, 12),
			ellipse(9, -26, 9, 12), ellipse(26, -14, 9, 12))
	})
}

// teachingTricksCover: a black-and-white cat sits neatly and looks up at
// a treat held just above its head, the first step of teaching a sit.
func teachingTricksCover(c *canvas) {
	room(c, 800)
	k := tuxedo
	k.look = pt{0, -7}
	c.groundShadowAt(760, 900, 520)
	c.with(scale(1.5, 1.5).at(760, 900), func() { c.catSitting(k, nil) })
	// The hand comes down from above, the treat pinched under it.
	c.fill(treat, roundRect(774, 226, 40, 30, 12))
	c.with(rotate(90).at(794, 190), c.hand)
	c.treatDish(1300, 900)
}

// choosingHarnessCover: the gear laid out on a mat, seen from above: a
// blue H-style harness, a light coral leash, a soft tape measure and a
// dish of treats, and a ginger cat peeking in to sniff.
func choosingHarnessCover(c *canvas) {
	for x := 0.0; x < 1600; x += 200 {
		c.fill(floorLine, rect(x, 0, 4, 1000))
	}
	c.fill(rgb(0xD5E6D3), roundRect(120, 120, 1360, 760, 60))
	// The harness: a neck loop and a girth loop joined by a strap with
	// the D-ring on it, a buckle on each loop.
	c.fill(harnessBlue,
		ellipse(560, 400, 130, 100).cut(ellipse(560, 400, 106, 76)),
		ellipse(940, 410, 200, 160).cut(ellipse(940, 410, 174, 134)),
		stroke(24, pt{680, 402}, pt{752, 404}))
	c.dRing(pt{716, 392})
	c.fill(buckleDark, roundRect(530, 484, 60, 34, 8), roundRect(910, 554, 60, 36, 8))
	c.fill(metal, rect(557, 484, 6, 34), rect(937, 554, 6, 36))
	// Sliders that adjust each strap.
	c.fill(metal, roundRect(422, 392, 40, 16, 5), roundRect(1107, 402, 40, 16, 5))
	// The leash, coiled, its clip towards the harness.
	for i, dx := range []float64{0, 30, 60} {
		r := 86 - float64(i)*6
		c.fill(leashCoral, ellipse(420+dx, 700, r+6, r*0.62+6).cut(ellipse(420+dx, 700, r-6, r*0.62-6)))
	}
	c.fill(leashCoral, stroke(12, curve(540, 700, 640, 700, 716, 560, 716, 438)...))
	c.fill(metal, roundRect(703, 396, 26, 44, 10))
	// The tape measure, rolled, and its end.
	c.fill(tapeYellow, stroke(26, pt{1130, 700}, pt{1300, 700}))
	for x := 1140.0; x < 1300; x += 16 {
		c.fill(eyeDark, stroke(2.5, pt{x, 688}, pt{x, 697}))
	}
	c.fill(tapeYellow, circle(1110, 690, 80))
	c.fill(rgb(0xD9B234), circle(1110, 690, 36))
	c.fill(metal, roundRect(1296, 687, 14, 26, 4))
	// The dish of treats, from above.
	c.fill(dishRim, circle(1250, 360, 92))
	c.fill(dish, circle(1250, 360, 74))
	for _, p := range []pt{{1220, 330}, {1262, 318}, {1280, 362}, {1236, 380}, {1270, 400}, {1206, 368}} {
		c.fill(treat, roundRect(p.x-16, p.y-12, 32, 24, 10))
	}
	// The cat comes in from the corner, nose first.
	k := ginger
	k.look = pt{-6, 2}
	c.with(rotate(-24).at(1440, 930), func() { c.catHead(k) })
}
