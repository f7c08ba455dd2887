// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"reflect"
	"strings"

	"github.com/careguide/careguide/internal/template/text/parse"
)

// The executor keeps what it finds out about a node in the node's
// parse.Memo: what each name of a field chain means on the type it was
// last evaluated on (fieldMemo), and which function a command's name is
// (funcMemo). A memo is never changed once stored, only replaced, so the
// goroutines running one template need no lock; a node that keeps seeing
// other types or function maps stops replacing its memo after memoLimit
// replacements and finds things out each time, as the standard library
// does every time.
const memoLimit = 16

// fieldMemo is what the names of a FieldNode, ChainNode or VariableNode
// mean: sites[i] for the i-th name that evalFieldChain evaluates.
type fieldMemo struct {
	sites   []fieldSite
	updates int
}

// fieldSite is lookupName(typ, name) for the type that was last seen.
type fieldSite struct {
	typ   reflect.Type
	found *lookup
}

// fieldMemoOf is the memo slot of a node that evalFieldChain evaluates, or
// nil.
func fieldMemoOf(node parse.Node) *parse.Memo {
	switch n := node.(type) {
	case *parse.FieldNode:
		return n.Memo()
	case *parse.ChainNode:
		return n.Memo()
	case *parse.VariableNode:
		return n.Memo()
	}
	return nil
}

// lookupAt is lookupName(typ, name) for the i-th of the n names of the
// node whose memo is m, remembered there.
func lookupAt(m *parse.Memo, i, n int, typ reflect.Type, name string) *lookup {
	if m == nil {
		return lookupName(typ, name)
	}
	old, _ := m.Load().(*fieldMemo)
	if old != nil && i < len(old.sites) && old.sites[i].typ == typ {
		return old.sites[i].found
	}
	found := lookupName(typ, name)
	if old == nil || old.updates < memoLimit && len(old.sites) == n {
		next := &fieldMemo{sites: make([]fieldSite, n), updates: 1}
		if old != nil {
			copy(next.sites, old.sites)
			next.updates = old.updates + 1
		}
		next.sites[i] = fieldSite{typ, found}
		m.Store(next)
	}
	return found
}

// funcMemo is what the name of an IdentifierNode means in the function
// map snap (findFunction), with what evalFunction and printPipeline ask
// of the function: whether it is a func(...any) string (escaper) and the
// plain versions of html/template's escaper of that name.
type funcMemo struct {
	snap      *map[string]reflect.Value
	function  reflect.Value
	fn        any // function.Interface(), when ok
	isBuiltin bool
	ok        bool
	escaper   func(...any) string // fn, when it is one and not a builtin
	plain     plainEscaper        // when hasPlain: see plainEscaperOf
	hasPlain  bool
	updates   int
}

// findFunctionAt is findFunction for node's name in s's template,
// remembered in node.
func (s *state) findFunctionAt(node *parse.IdentifierNode) *funcMemo {
	snap := funcSnap(s.tmpl)
	m := node.Memo()
	old, _ := m.Load().(*funcMemo)
	if old != nil && old.snap == snap {
		return old
	}
	e := &funcMemo{snap: snap, updates: 1}
	e.function, e.isBuiltin, e.ok = findFunctionIn(node.Ident, snap)
	if e.ok {
		// A FuncMap's or builtin function is never a method value, so
		// Interface is cheap.
		e.fn = e.function.Interface()
	}
	if e.ok && !e.isBuiltin {
		e.escaper, _ = e.fn.(func(...any) string)
	}
	if e.escaper != nil && strings.HasPrefix(node.Ident, "_html_template_") {
		e.plain, e.hasPlain = plainEscaperOf(node.Ident, e.escaper)
	}
	if old == nil || old.updates < memoLimit {
		if old != nil {
			e.updates = old.updates + 1
		}
		m.Store(e)
	}
	return e
}
