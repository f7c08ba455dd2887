package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
)

// Cached partials: a partial that shows the same thing wherever one value
// appears (a guide's card, a term's link, the site's header) is made once
// per render and its HTML reused, as Hugo's partialCached does. On a big
// site this is most of what makes list pages cheap: a guide's card is on a
// dozen pages, an enrichment idea on five.
//
// A partial made once must show the same on every page that uses it, so
// its dot is the value alone, never the asking page, and what it reads is
// recorded in a scope of its own and added to every output that uses it.
// The value is told apart by identity (the page, term or entry a view
// shows), or by value for plain comparable values.

// cacheKey names one cached rendering of a partial.
type cacheKey struct {
	file string // the template file that defines the partial for the asking layout
	name string
	dot  any // the value's identity
}

// cachedPartial is one partial made once per render.
type cachedPartial struct {
	claimed atomic.Bool // someone is making it
	done    atomic.Bool // html, err and inputs are set
	html    template.HTML
	err     error
	inputs  []Input
}

// siteIdentity is the identity of the site itself, for cached.
type siteIdentity struct{}

// cached renders a partial once per render and reuses its HTML on every
// page: {{cached "header" .}}. The partial sees the site and the home page
// only, so it may show site-wide things (navigation, footer), never the
// page that asked first. from is the asking template's dot or $.
func cached(name string, from any) (template.HTML, error) {
	sc, err := scopeOf("cached", from)
	if err != nil {
		return "", err
	}
	return sc.partial(name, siteIdentity{}, func(ps *scope) any {
		return &Data{Site: ps.site(), Page: ps.page(ps.run.site.Home), Kind: "site", scope: ps}
	})
}

// cachedFor renders a partial for one value (a page, a term, an idea) once
// per render and reuses the HTML wherever that value is shown again:
// {{cachedFor $ "card" .}}. The partial's dot is the value. from is $ of
// a layout, or the dot of a partial that is itself cached, so cached
// partials can use others.
func cachedFor(from any, name string, dot any) (template.HTML, error) {
	sc, err := scopeOf("cachedFor", from)
	if err != nil {
		return "", err
	}
	return sc.cachedValue(name, dot)
}

// cachedEach is cachedFor for every value of a list, joined:
// {{cachedEach $ "card" .List}}, or with a separator between values,
// {{cachedEach $ "term-link" .TermLinks ", "}}. A section page of twenty
// cards, or an enrichment page of a hundred ideas, then costs one template
// action instead of a range of them; html/template spends most of a page's
// time on its actions, not on the text between them. list may be any
// slice; the separator is HTML, from the template itself.
func cachedEach(from any, name string, list any, sep ...template.HTML) (template.HTML, error) {
	sc, err := scopeOf("cachedEach", from)
	if err != nil {
		return "", err
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return "", fmt.Errorf("cachedEach wants a list; got %T", list)
	}
	if len(sep) > 1 {
		return "", fmt.Errorf("cachedEach takes one separator; got %d", len(sep))
	}
	parts := make([]string, v.Len())
	for i := range parts {
		h, err := sc.cachedValue(name, v.Index(i).Interface())
		if err != nil {
			return "", err
		}
		parts[i] = string(h)
	}
	if len(sep) == 0 {
		return template.HTML(strings.Join(parts, "")), nil
	}
	return template.HTML(strings.Join(parts, string(sep[0]))), nil
}

func (sc *scope) cachedValue(name string, dot any) (template.HTML, error) {
	id, err := identity(dot)
	if err != nil {
		return "", fmt.Errorf("cannot cache %q for this value: %v", name, err)
	}
	return sc.partial(name, id, func(ps *scope) any { return rebind(dot, ps) })
}

// partial returns the HTML of the named partial for the value whose
// identity is id, making it if no one has yet; dot makes the partial's dot
// in the partial's own scope.
//
// Nobody waits for a partial another worker is making: that one may be
// waiting for a partial this one is making. It makes it too, and only the
// first maker's result is kept; both are the same. A partial that shows
// itself, however deep, is an error instead of an endless render.
func (sc *scope) partial(name string, id any, dot func(*scope) any) (template.HTML, error) {
	key := cacheKey{file: sc.run.theme.definedIn(sc.layout, name), name: name, dot: id}
	for s := sc; s != nil; s = s.parent {
		if s.making != nil && *s.making == key {
			return "", fmt.Errorf("cached partial %q shows itself for the same value", name)
		}
	}
	v, ok := sc.run.partials.Load(key)
	if !ok {
		v, _ = sc.run.partials.LoadOrStore(key, &cachedPartial{})
	}
	c := v.(*cachedPartial)
	if !c.done.Load() {
		ps := &scope{run: sc.run, layout: sc.layout, making: &key, parent: sc}
		html, err := ps.execute(name, dot(ps))
		if !c.claimed.CompareAndSwap(false, true) {
			sc.readAll(ps.inputs)
			return html, err
		}
		c.html, c.err, c.inputs = html, err, dedupeInputs(ps.inputs)
		c.done.Store(true)
	}
	sc.readAll(c.inputs)
	return c.html, c.err
}

// execute runs a partial in scratch space and returns its HTML in a string
// of just its size: 70,000 partials of a 10,000-guide build are kept to
// its end, and a strings.Builder would grow them by doubling.
func (sc *scope) execute(name string, dot any) (template.HTML, error) {
	b := getPageBuf(0)
	defer b.done()
	err := sc.run.theme.layouts[sc.layout].ExecuteTemplate(b, name, dot)
	return template.HTML(b.String()), err
}

// scopeOf finds the scope a template value belongs to: $ of a layout, or
// a view.
func scopeOf(fn string, v any) (*scope, error) {
	switch v := v.(type) {
	case *Data:
		if v != nil && v.scope != nil {
			return v.scope, nil
		}
	case *Page:
		if v != nil {
			return v.scope, nil
		}
	case *Site:
		if v != nil {
			return v.scope, nil
		}
	case *Term:
		if v != nil {
			return v.scope, nil
		}
	case *Taxonomy:
		if v != nil {
			return v.scope, nil
		}
	case *IdeaEntry:
		if v != nil {
			return v.scope, nil
		}
	case *GearEntry:
		if v != nil {
			return v.scope, nil
		}
	}
	return nil, fmt.Errorf("%s needs $ or a page, term or entry as its first argument; got %T", fn, v)
}

// identity tells values apart for the cache: a view by what it shows, a
// plain value by itself.
func identity(v any) (any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case *Page:
		if v == nil {
			return nil, nil
		}
		return v.page, nil
	case *Term:
		if v == nil {
			return nil, nil
		}
		return v.term, nil
	case *Taxonomy:
		if v == nil {
			return nil, nil
		}
		return v.tax, nil
	case *IdeaEntry:
		if v == nil {
			return nil, nil
		}
		return v.entry, nil
	case *GearEntry:
		if v == nil {
			return nil, nil
		}
		return v.entry, nil
	case *Site:
		return siteIdentity{}, nil
	case *Data:
		return nil, fmt.Errorf("$ is one page's, and a cached partial is shared by many")
	}
	if t := reflect.TypeOf(v); !t.Comparable() {
		return nil, fmt.Errorf("a %s cannot be told apart from others", t)
	}
	return v, nil
}

// rebind is v as a partial's dot: a view is handed out again in the
// partial's scope, so that what the partial reads is recorded there.
func rebind(v any, ps *scope) any {
	if id, _ := identity(v); id == nil {
		return v
	}
	switch v := v.(type) {
	case *Page:
		return ps.page(v.page)
	case *Term:
		return ps.term(v.term)
	case *Taxonomy:
		return ps.taxonomy(v.tax)
	case *IdeaEntry:
		return ps.idea(v.entry, false)
	case *GearEntry:
		return ps.gear(v.entry, false)
	case *Site:
		return ps.site()
	}
	return v
}

// dedupeInputs sorts out repeated inputs: a card reads its page's
// frontmatter several times.
func dedupeInputs(in []Input) []Input {
	if len(in) < 2 {
		return in
	}
	seen := make(map[Input]struct{}, len(in))
	out := in[:0]
	for _, x := range in {
		if _, ok := seen[x]; !ok {
			seen[x] = struct{}{}
			out = append(out, x)
		}
	}
	return out
}
