package markdown

import (
	"path"
	"testing"
)

// benchGuide is a realistic guide body of about 2.5 KB.
const benchGuide = `## Before you start

Guinea pigs are social animals: keep **at least two** together. A pair needs
a cage of at least 120 × 60 cm; bigger is better. See [housing](../housing.md#size)
and the [vet checklist][vet].

![Two guinea pigs eating hay](images/pair.jpg "Hay all day")

## Daily care

- [x] Fresh hay, unlimited
- [x] Fresh water, checked morning and evening
- [ ] A handful of leafy greens (see the [safe foods](safe-foods.md) list)
- [ ] 10–15 minutes of floor time

Vitamin C matters: guinea pigs cannot make their own[^c]. Offer bell pepper,
parsley or kale, but ~~iceberg lettuce~~ has almost none.

### Feeding amounts

| Food         | Amount per pig | How often |
|--------------|---------------:|-----------|
| Hay          | unlimited      | always    |
| Pellets      | 1 tbsp         | daily     |
| Bell pepper  | 1 slice        | daily     |
| Fruit        | 1 small piece  | weekly    |

## Weekly care

1. Remove all bedding and wipe the base with diluted vinegar.
2. Wash food bowls and the water bottle with hot water.
3. Check nails, teeth and fur; note anything unusual.
   > If the teeth look overgrown, book a vet visit. Do not trim them yourself.
4. Weigh each pig and write it down: a loss of more than 50 g is a warning sign.

## Warning signs

Call a vet the same day if you see any of these:

* not eating or drinking for 12 hours
* hunched posture, puffed-up fur
* crusty eyes or nose
* diarrhoea or no droppings

More at https://www.example.org/guinea-pig-health or ask at <vet@example.org>.

## Tips

Use ` + "`paper bedding`" + `, not cedar: cedar oils irritate the airways. Rotate
toys weekly so the cage stays interesting.

## Handling

Scoop a guinea pig up with one hand under the chest and the other supporting
the hindquarters. Never lift by the scruff. Sit on the floor for the first few
sessions so that a jump does not become a fall; keep sessions short, _five
minutes_ at first, and end before the pig gets restless.

Children should handle guinea pigs only while sitting and with an adult
nearby. Wash hands afterwards, as with any animal.

## Tips

Talk to your pigs. They learn voices quickly and will "wheek" when they hear
the fridge.

[vet]: ../vet/checklist.md
[^c]: Like humans, guinea pigs lack the enzyme L-gulonolactone oxidase.
`

type benchResolver struct{}

func (benchResolver) ResolveLink(dest string) string { return "/guides/" + dest }

func BenchmarkRender(b *testing.B) {
	r := New()
	d := Doc{Source: []byte(benchGuide), Links: benchResolver{}}
	b.SetBytes(int64(len(d.Source)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(d)
	}
}

func BenchmarkRenderPlain(b *testing.B) {
	r := New()
	d := Doc{Source: []byte("Feed twice a day and keep the water fresh."), Inline: true}
	b.ReportAllocs()
	for b.Loop() {
		r.Render(d)
	}
}

// BenchmarkRenderPlainGoldmark is what BenchmarkRenderPlain would cost
// without the fast path.
func BenchmarkRenderPlainGoldmark(b *testing.B) {
	r := New()
	d := Doc{Source: []byte("Feed twice a day and keep the water fresh."), Inline: true}
	b.ReportAllocs()
	for b.Loop() {
		r.renderGoldmark(d)
	}
}

// frontmatterValues are typical step bodies and tips as the content stage
// passes them: a one-line value is Inline, a multi-line block scalar is not.
var frontmatterValues = []struct {
	name string
	doc  Doc
}{
	{"emphasis", Doc{Source: []byte("Let your dog set the pace; *never* pull."), Inline: true}},
	{"strong", Doc{Source: []byte("**Stop** if your cat pants."), Inline: true}},
	{"scalar-line", Doc{Source: []byte("Check the water bottle every morning.\n"), Inline: true}},
	{"scalar-paragraphs", Doc{Source: []byte("Fill the bowl halfway; **never** to the brim.\n\n" +
		"Refresh the water twice a day, more often in summer.\n")}},
}

func BenchmarkRenderFrontmatter(b *testing.B) {
	r := New()
	for _, v := range frontmatterValues {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r.Render(v.doc)
			}
		})
	}
}

// BenchmarkRenderBodies renders every body of the default site and of a
// generated one, as the content stage would; an op is one body. The
// goldmark cases are what the same costs without the body fast path.
func BenchmarkRenderBodies(b *testing.B) {
	defaults, generated := realBodies(b)
	r := New()
	for _, set := range []struct {
		name   string
		bodies map[string][]byte
	}{{"default", defaults}, {"generated", generated}} {
		var docs []Doc
		for name, body := range set.bodies {
			docs = append(docs, Doc{Source: body, Links: bodyResolver{dir: path.Dir(name)}, Reserved: guideReserved})
		}
		for _, via := range []struct {
			name   string
			render func(Doc)
		}{
			{"fast", func(d Doc) { r.Render(d) }},
			{"goldmark", func(d Doc) { r.renderGoldmark(d) }},
		} {
			b.Run(set.name+"/"+via.name, func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					via.render(docs[i%len(docs)])
					i++
				}
			})
		}
	}
}
