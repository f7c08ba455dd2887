package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// pt is a point in drawing units. y grows downwards, as in image.Image.
type pt struct{ x, y float64 }

// aff is an affine transform: x' = a*x + c*y + e, y' = b*x + d*y + f.
type aff struct{ a, b, c, d, e, f float64 }

var identity = aff{a: 1, d: 1}

func move(x, y float64) aff       { return aff{a: 1, d: 1, e: x, f: y} }
func scale(sx, sy float64) aff    { return aff{a: sx, d: sy} }
func mirrorX() aff                { return scale(-1, 1) }
func (m aff) apply(p pt) pt       { return pt{m.a*p.x + m.c*p.y + m.e, m.b*p.x + m.d*p.y + m.f} }
func (m aff) at(x, y float64) aff { return m.then(move(x, y)) }

// rotate turns by deg degrees, clockwise on screen.
func rotate(deg float64) aff {
	s, c := math.Sincos(deg * math.Pi / 180)
	return aff{a: c, b: s, c: -s, d: c}
}

// then is m followed by n.
func (m aff) then(n aff) aff {
	return aff{
		a: n.a*m.a + n.c*m.b, b: n.b*m.a + n.d*m.b,
		c: n.a*m.c + n.c*m.d, d: n.b*m.c + n.d*m.d,
		e: n.a*m.e + n.c*m.f + n.e, f: n.b*m.e + n.d*m.f + n.f,
	}
}

// ring is one closed outline. A hole cuts out of the outlines it overlaps.
type ring struct {
	pts  []pt
	hole bool
}

// shape is a set of rings filled together with one colour. Curves are
// flattened when they are added, in a fixed number of steps, so the same
// calls always make the same points.
type shape struct {
	rings []ring
	cur   []pt
}

// curveSteps is how many straight pieces a Bézier curve becomes: enough
// that a curve 600 pixels long shows no corners.
const curveSteps = 40

func (s *shape) moveTo(x, y float64) *shape {
	s.close()
	s.cur = []pt{{x, y}}
	return s
}

func (s *shape) lineTo(x, y float64) *shape {
	s.cur = append(s.cur, pt{x, y})
	return s
}

func (s *shape) quadTo(cx, cy, x, y float64) *shape {
	p0 := s.cur[len(s.cur)-1]
	s.cur = append(s.cur, quadPts(p0, pt{cx, cy}, pt{x, y})[1:]...)
	return s
}

func (s *shape) cubicTo(c1x, c1y, c2x, c2y, x, y float64) *shape {
	p0 := s.cur[len(s.cur)-1]
	s.cur = append(s.cur, cubicPts(p0, pt{c1x, c1y}, pt{c2x, c2y}, pt{x, y})[1:]...)
	return s
}

// close ends the ring being drawn, if there is one.
func (s *shape) close() *shape {
	if len(s.cur) > 2 {
		s.rings = append(s.rings, ring{pts: s.cur})
	}
	s.cur = nil
	return s
}

// add puts other shapes' rings into s.
func (s *shape) add(others ...*shape) *shape {
	s.close()
	for _, o := range others {
		o.close()
		s.rings = append(s.rings, o.rings...)
	}
	return s
}

// cut makes the rings of o holes in s.
func (s *shape) cut(o *shape) *shape {
	s.close()
	o.close()
	for _, r := range o.rings {
		s.rings = append(s.rings, ring{pts: r.pts, hole: true})
	}
	return s
}

func quadPts(p0, p1, p2 pt) []pt {
	out := make([]pt, 0, curveSteps+1)
	for i := 0; i <= curveSteps; i++ {
		t := float64(i) / curveSteps
		u := 1 - t
		out = append(out, pt{
			u*u*p0.x + 2*u*t*p1.x + t*t*p2.x,
			u*u*p0.y + 2*u*t*p1.y + t*t*p2.y,
		})
	}
	return out
}

func cubicPts(p0, p1, p2, p3 pt) []pt {
	out := make([]pt, 0, curveSteps+1)
	for i := 0; i <= curveSteps; i++ {
		t := float64(i) / curveSteps
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		out = append(out, pt{
			a*p0.x + b*p1.x + c*p2.x + d*p3.x,
			a*p0.y + b*p1.y + c*p2.y + d*p3.y,
		})
	}
	return out
}

// kappa places a cubic's control points so that four of them make a circle.
const kappa = 0.5522847498

func ellipse(cx, cy, rx, ry float64) *shape {
	kx, ky := rx*kappa, ry*kappa
	s := &shape{}
	s.moveTo(cx+rx, cy)
	s.cubicTo(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	s.cubicTo(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	s.cubicTo(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	s.cubicTo(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	return s.close()
}

func circle(cx, cy, r float64) *shape { return ellipse(cx, cy, r, r) }

// roundRect is a rectangle with corners rounded by r.
func roundRect(x, y, w, h, r float64) *shape {
	r = min(r, w/2, h/2)
	k := r * (1 - kappa)
	s := &shape{}
	s.moveTo(x+r, y)
	s.lineTo(x+w-r, y).cubicTo(x+w-k, y, x+w, y+k, x+w, y+r)
	s.lineTo(x+w, y+h-r).cubicTo(x+w, y+h-k, x+w-k, y+h, x+w-r, y+h)
	s.lineTo(x+r, y+h).cubicTo(x+k, y+h, x, y+h-k, x, y+h-r)
	s.lineTo(x, y+r).cubicTo(x, y+k, x+k, y, x+r, y)
	return s.close()
}

func rect(x, y, w, h float64) *shape { return poly(x, y, x+w, y, x+w, y+h, x, y+h) }

// poly is a polygon through the points x0, y0, x1, y1, ...
func poly(xy ...float64) *shape {
	s := &shape{}
	s.moveTo(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		s.lineTo(xy[i], xy[i+1])
	}
	return s.close()
}

// stroke is a band of width w along the points, with round ends: a strap,
// a leash, a whisker. The points must bend gently compared with w.
func stroke(w float64, pts ...pt) *shape {
	h := w / 2
	left := make([]pt, len(pts))
	right := make([]pt, len(pts))
	for i, p := range pts {
		// The normal at a point is the average of its segments' normals,
		// so the band keeps its width around bends.
		a, b := pts[max(i-1, 0)], pts[min(i+1, len(pts)-1)]
		dx, dy := b.x-a.x, b.y-a.y
		n := math.Hypot(dx, dy)
		if n == 0 {
			n = 1
		}
		nx, ny := -dy/n*h, dx/n*h
		left[i] = pt{p.x + nx, p.y + ny}
		right[i] = pt{p.x - nx, p.y - ny}
	}
	s := &shape{}
	s.cur = left
	for i := len(right) - 1; i >= 0; i-- {
		s.cur = append(s.cur, right[i])
	}
	s.close()
	return s.add(circle(pts[0].x, pts[0].y, h), circle(pts[len(pts)-1].x, pts[len(pts)-1].y, h))
}

// curve is the points of a cubic Bézier curve, for stroke.
func curve(x0, y0, c1x, c1y, c2x, c2y, x1, y1 float64) []pt {
	return cubicPts(pt{x0, y0}, pt{c1x, c1y}, pt{c2x, c2y}, pt{x1, y1})
}

// canvas is an RGBA image and the transform that places what is drawn
// next on it.
type canvas struct {
	img *image.RGBA
	m   aff
	z   vector.Rasterizer
}

func newCanvas(w, h int, background color.RGBA) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	return &canvas{img: img, m: identity}
}

// with draws what fn draws moved by m, inside the current transform.
func (c *canvas) with(m aff, fn func()) {
	saved := c.m
	c.m = m.then(saved)
	fn()
	c.m = saved
}

// fill paints the shapes in col. Overlapping outlines of one fill paint
// once, holes cut through them, and antialiasing comes from the
// rasteriser's exact area coverage.
func (c *canvas) fill(col color.Color, shapes ...*shape) {
	var rings []ring
	for _, s := range shapes {
		s.close()
		for _, r := range s.rings {
			pts := make([]pt, len(r.pts))
			for i, p := range r.pts {
				pts[i] = c.m.apply(p)
			}
			rings = append(rings, ring{pts: pts, hole: r.hole})
		}
	}
	box := bounds(rings).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	c.z.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for _, r := range rings {
		// The rasteriser adds up signed coverage, so every outline must
		// wind the same way and every hole the other way; a mirrored
		// transform would otherwise turn a shape into a hole.
		pts := r.pts
		if (area(pts) < 0) != r.hole {
			pts = reversed(pts)
		}
		c.z.MoveTo(float32(pts[0].x-ox), float32(pts[0].y-oy))
		for _, p := range pts[1:] {
			c.z.LineTo(float32(p.x-ox), float32(p.y-oy))
		}
		c.z.ClosePath()
	}
	c.z.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

func bounds(rings []ring) image.Rectangle {
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, p := range r.pts {
			x0, y0 = min(x0, p.x), min(y0, p.y)
			x1, y1 = max(x1, p.x), max(y1, p.y)
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
}

// area is the signed area of a polygon, positive when it winds clockwise
// on screen.
func area(pts []pt) float64 {
	var a float64
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		a += p.x*q.y - q.x*p.y
	}
	return a / 2
}

func reversed(pts []pt) []pt {
	out := make([]pt, len(pts))
	for i, p := range pts {
		out[len(pts)-1-i] = p
	}
	return out
}
