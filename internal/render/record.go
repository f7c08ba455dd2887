package render

import (
	"runtime"
	"slices"
	"sync"

	"github.com/careguide/careguide/internal/site"
)

// Record remembers, between builds of one site, what each output was made
// from: the inputs its making read, and each input's version at the time.
// A rebuild asks Stale which outputs read an input whose version changed,
// makes those again with Make, recording into a Pending, and Applies it
// once the build has succeeded; a build that fails leaves the Record as it
// was, describing the last good site.
//
// Inputs are kept by number: a 10,000-guide site's outputs read about
// 100,000 distinct inputs, a few dozen each.
type Record struct {
	ids      map[Input]int32
	inputs   []Input  // by id
	versions []uint64 // by id: as of the outputs made from it
	readers  []map[int32]struct{}
	outputs  map[string]int32 // output path -> output id
	paths    []string         // by output id; "" once forgotten
	reads    [][]int32        // by output id: the inputs it read
	// search is the search index of the site the outputs were made from:
	// the next site's is an Update of it (search.go).
	search *searchState
}

// NewRecord returns an empty Record.
func NewRecord() *Record {
	return &Record{ids: map[Input]int32{}, outputs: map[string]int32{}}
}

// Pending is what one build made: each output made and the inputs it
// read, with their versions in the site it was made from.
type Pending struct {
	mu   sync.Mutex
	made map[string][]Input
	v    *versions

	searchOnce sync.Once
	lastSearch *searchState // the Record's, which search is made from
	search     *searchState
}

// NewPending starts recording the outputs made from s.
func NewPending(s *site.Site) *Pending {
	p := &Pending{made: map[string][]Input{}, v: newVersions(s)}
	p.v.search = p.searchState
	return p
}

// searchState is the search index of p's site, made once, from the
// Record's when Stale or StaleOf was asked first.
func (p *Pending) searchState() *searchState {
	p.searchOnce.Do(func() { p.search = nextSearchState(p.lastSearch, p.v.s) })
	return p.search
}

func (p *Pending) add(path string, inputs []Input) {
	p.mu.Lock()
	p.made[path] = inputs
	p.mu.Unlock()
}

// Stale lists the outputs that read an input whose version changed
// between the site the Record's outputs were made from and p's site. It
// changes nothing in the Record.
func (r *Record) Stale(p *Pending) []string {
	p.lastSearch = r.search
	p.searchState()
	// A big site's outputs read a hundred thousand inputs: they are looked
	// at on every core, each with versions of its own that share the
	// site-wide ones, worked out first.
	p.v.prime()
	n := runtime.GOMAXPROCS(0)
	changed := make([][]int32, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			v := p.v.fork()
			for id := w; id < len(r.inputs); id += n {
				if v.of(r.inputs[id]) != r.versions[id] {
					changed[w] = append(changed[w], int32(id))
				}
			}
		})
	}
	wg.Wait()
	stale := map[int32]bool{}
	for _, ids := range changed {
		for _, id := range ids {
			r.markReaders(id, stale)
		}
	}
	return r.pathsOf(stale)
}

// StaleOf is Stale for a rebuild that knows which inputs may have
// changed: only those are looked at. A body edit changes its page's
// InBody and nothing else, and looking at a few inputs is much cheaper
// than looking at a big site's hundred thousand.
func (r *Record) StaleOf(p *Pending, maybe []Input) []string {
	// The search index's files change with the words of the guides that
	// changed: their Update says which files may have.
	p.lastSearch = r.search
	if st := p.searchState(); st != r.search { // else no guide's source changed
		maybe = append(slices.Clip(maybe), st.maybe()...)
	}
	stale := map[int32]bool{}
	for _, in := range maybe {
		if id, ok := r.ids[in]; ok && p.v.of(in) != r.versions[id] {
			r.markReaders(id, stale)
		}
	}
	return r.pathsOf(stale)
}

func (r *Record) markReaders(id int32, stale map[int32]bool) {
	for out := range r.readers[id] {
		stale[out] = true
	}
}

// pathsOf is the sorted paths of the given outputs.
func (r *Record) pathsOf(stale map[int32]bool) []string {
	paths := make([]string, 0, len(stale))
	for out := range stale {
		paths = append(paths, r.paths[out])
	}
	slices.Sort(paths)
	return paths
}

// Apply makes p part of the Record: the outputs it made now read what they
// read in p's site, and every input they read has its version there.
func (r *Record) Apply(p *Pending) {
	if p.search != nil {
		p.search.forget()
		r.search = p.search
	}
	versioned := map[int32]bool{} // a popular input, the home page's frontmatter say, is read by every output
	for path, inputs := range p.made {
		out, ok := r.outputs[path]
		if !ok {
			out = int32(len(r.reads))
			r.outputs[path] = out
			r.paths = append(r.paths, path)
			r.reads = append(r.reads, nil)
		}
		for _, id := range r.reads[out] {
			delete(r.readers[id], out)
		}
		ids := make([]int32, 0, len(inputs))
		for _, in := range inputs {
			id, ok := r.ids[in]
			if !ok {
				id = int32(len(r.inputs))
				r.ids[in] = id
				r.inputs = append(r.inputs, in)
				r.versions = append(r.versions, 0)
				r.readers = append(r.readers, map[int32]struct{}{})
			}
			if !versioned[id] {
				r.versions[id] = p.v.of(in)
				versioned[id] = true
			}
			r.readers[id][out] = struct{}{}
			ids = append(ids, id)
		}
		r.reads[out] = ids
	}
}

// Forget drops an output that is no longer part of the site.
func (r *Record) Forget(path string) {
	out, ok := r.outputs[path]
	if !ok {
		return
	}
	for _, id := range r.reads[out] {
		delete(r.readers[id], out)
	}
	r.reads[out], r.paths[out] = nil, ""
	delete(r.outputs, path)
}
