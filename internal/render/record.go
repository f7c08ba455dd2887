package render

import (
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
	reads    [][]int32        // by output id: the inputs it read
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
}

// NewPending starts recording the outputs made from s.
func NewPending(s *site.Site) *Pending {
	return &Pending{made: map[string][]Input{}, v: newVersions(s)}
}

func (p *Pending) add(path string, inputs []Input) {
	p.mu.Lock()
	p.made[path] = inputs
	p.mu.Unlock()
}

// Stale lists the outputs that read an input whose version changed
// between the site the Record's outputs were made from and s. It changes
// nothing in the Record.
func (r *Record) Stale(s *site.Site) []string {
	return r.stale(newVersions(s), r.inputs)
}

// StaleOf is Stale for a rebuild that knows which inputs may have
// changed: only those are looked at. A body edit changes its page's
// InBody and nothing else, and looking at a few inputs is much cheaper
// than looking at a big site's hundred thousand.
func (r *Record) StaleOf(s *site.Site, maybe []Input) []string {
	return r.stale(newVersions(s), maybe)
}

func (r *Record) stale(v *versions, inputs []Input) []string {
	stale := map[int32]bool{}
	for _, in := range inputs {
		id, ok := r.ids[in]
		if ok && v.of(in) != r.versions[id] {
			for out := range r.readers[id] {
				stale[out] = true
			}
		}
	}
	var paths []string
	for path, id := range r.outputs {
		if stale[id] {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	return paths
}

// Apply makes p part of the Record: the outputs it made now read what they
// read in p's site, and every input they read has its version there.
func (r *Record) Apply(p *Pending) {
	versioned := map[int32]bool{} // a popular input, the home page's frontmatter say, is read by every output
	for path, inputs := range p.made {
		out, ok := r.outputs[path]
		if !ok {
			out = int32(len(r.reads))
			r.outputs[path] = out
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
	r.reads[out] = nil
	delete(r.outputs, path)
}
