package render

import (
	"html/template"
	"strings"

	"github.com/careguide/careguide/internal/markup"
	"github.com/careguide/careguide/internal/site"
)

// /gear/ shows one card per item: the pieces of gear advice of one kind
// and one name ("Leash", "leash ") from every guide, under one heading,
// instead of the same item once per guide.

// GearCard is one item of gear and each guide's advice on it.
type GearCard struct {
	Name  string       // as the first guide to name it writes it
	Kind  string       // "leash"
	Items []*GearEntry // the advice, one per guide, in the group's order
}

// HTML is the card, as careguide writes it (package markup): an
// <article class="gear-card"> with the item's name, and each guide's
// advice under the guide's title.
func (c *GearCard) HTML() template.HTML {
	entries := make([]markup.GearEntry, len(c.Items))
	for i, e := range c.Items {
		entries[i] = markup.GearEntry{Item: e.Item, GuideURL: e.entry.Guide.URL, GuideTitle: e.entry.Guide.Title}
	}
	return markup.GearCard(c.Name, entries, c.Items[0].scope.img)
}

// Cards are the group's gear advice, one card per item: entries of the
// same name (ignoring case and spacing) share a card, in the order each
// name first appears.
func (g *GearGroup) Cards() []*GearCard {
	var cards []*GearCard
	at := map[string]*GearCard{}
	for _, e := range g.Items {
		key := gearKey(e.Item.Name)
		c := at[key]
		if c == nil {
			c = &GearCard{Name: e.Item.Name, Kind: g.Kind}
			at[key] = c
			cards = append(cards, c)
		}
		c.Items = append(c.Items, e)
	}
	return cards
}

// gearKey is what makes two pieces of gear one item: their names, in
// lower case, spaced alike.
func gearKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// byItem is the site's gear with the advice on one item next to each
// other, in the order each item first appears, so that /gear/'s pages
// split between cards, not inside one (the last item of a page may still
// go on, as a kind does).
func byItem(groups []*site.GearGroup) []*site.GearGroup {
	out := make([]*site.GearGroup, len(groups))
	for i, g := range groups {
		var order []string
		items := map[string][]site.GearEntry{}
		for _, e := range g.Items {
			key := gearKey(e.Item.Name)
			if _, ok := items[key]; !ok {
				order = append(order, key)
			}
			items[key] = append(items[key], e)
		}
		sorted := make([]site.GearEntry, 0, len(g.Items))
		for _, key := range order {
			sorted = append(sorted, items[key]...)
		}
		out[i] = &site.GearGroup{Kind: g.Kind, Items: sorted}
	}
	return out
}
