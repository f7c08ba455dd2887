// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

import (
	"errors"
	"fmt"
	"github.com/careguide/careguide/internal/template/text/fmtsort"
	"github.com/careguide/careguide/internal/template/text/parse"
	"io"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// maxExecDepth specifies the maximum stack depth of templates within
// templates. This limit is only practically reached by accidentally
// recursive template invocations. This limit allows us to return
// an error instead of triggering a stack overflow.
var maxExecDepth = initMaxExecDepth()

func initMaxExecDepth() int {
	if runtime.GOARCH == "wasm" {
		return 1000
	}
	return 100000
}

// state represents the state of an execution. It's not part of the
// template so that multiple executions of the same template
// can execute in parallel.
type state struct {
	tmpl  *Template
	wr    io.Writer
	node  parse.Node // current node, for errors
	vars  []variable // push-down stack of variable values.
	depth int        // the height of the stack of executing templates.
	// careguide: escArg is the argument list, reused, of a call of one of
	// html/template's escapers to one argument; see callAnyToString.
	escArg []any
	// careguide: sw is wr as an io.StringWriter, or nil; see writeString.
	sw io.StringWriter
}

// writeString is io.WriteString(s.wr, str), without asking wr for its
// WriteString on every call.
func (s *state) writeString(str string) (int, error) {
	if s.sw != nil {
		return s.sw.WriteString(str)
	}
	return s.wr.Write([]byte(str))
}

// stringValue is reflect.ValueOf(n.Text), made once and kept in n.
func stringValue(n *parse.StringNode) reflect.Value {
	m := n.Memo()
	if v, ok := m.Load().(reflect.Value); ok && v.String() == n.Text {
		return v
	}
	v := reflect.ValueOf(n.Text)
	m.Store(v)
	return v
}

// variable holds the dynamic value of a variable such as $, $x etc.
type variable struct {
	name  string
	value reflect.Value
}

// push pushes a new variable on the stack.
func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

// mark returns the length of the variable stack.
func (s *state) mark() int {
	return len(s.vars)
}

// pop pops the variable stack up to the mark.
func (s *state) pop(mark int) {
	s.vars = s.vars[0:mark]
}

// setVar overwrites the last declared variable with the given name.
// Used by variable assignments.
func (s *state) setVar(name string, value reflect.Value) {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

// setTopVar overwrites the top-nth variable on the stack. Used by range iterations.
func (s *state) setTopVar(n int, value reflect.Value) {
	s.vars[len(s.vars)-n].value = value
}

// varValue returns the value of the named variable.
func (s *state) varValue(name string) reflect.Value {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return zero
}

var zero reflect.Value

type missingValType struct{}

var missingVal = reflect.ValueOf(missingValType{})

var missingValReflectType = reflect.TypeFor[missingValType]()

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingValReflectType
}

// at marks the state to be on node n, for error reporting.
func (s *state) at(node parse.Node) {
	s.node = node
}

// doublePercent returns the string with %'s replaced by %%, if necessary,
// so it can be used safely inside a Printf format string.
func doublePercent(str string) string {
	return strings.ReplaceAll(str, "%", "%%")
}

// TODO: It would be nice if ExecError was more broken down, but
// the way ErrorContext embeds the template name makes the
// processing too clumsy.

// ExecError is the custom error type returned when Execute has an
// error evaluating its template. (If a write error occurs, the actual
// error is returned; it will not be of type ExecError.)
type ExecError struct {
	Name string // Name of template.
	Err  error  // Pre-formatted error.
}

func (e ExecError) Error() string {
	return e.Err.Error()
}

func (e ExecError) Unwrap() error {
	return e.Err
}

// errorf records an ExecError and terminates processing.
func (s *state) errorf(format string, args ...any) {
	name := doublePercent(s.tmpl.Name())
	if s.node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.tmpl.ErrorContext(s.node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, doublePercent(context), format)
	}
	panic(ExecError{
		Name: s.tmpl.Name(),
		Err:  fmt.Errorf(format, args...),
	})
}

// writeError is the wrapper type used internally when Execute has an
// error writing to its output. We strip the wrapper in errRecover.
// Note that this is not an implementation of error, so it cannot escape
// from the package as an error value.
type writeError struct {
	Err error // Original error.
}

func (s *state) writeError(err error) {
	panic(writeError{
		Err: err,
	})
}

// errRecover is the handler that turns panics into returns from the top
// level of Parse.
func errRecover(errp *error) {
	e := recover()
	if e != nil {
		switch err := e.(type) {
		case runtime.Error:
			panic(e)
		case writeError:
			*errp = err.Err // Strip the wrapper.
		case ExecError:
			*errp = err // Keep the wrapper.
		default:
			panic(e)
		}
	}
}

// ExecuteTemplate applies the template associated with t that has the given name
// to the specified data object and writes the output to wr.
// If an error occurs executing the template or writing its output,
// execution stops, but partial results may already have been written to
// the output writer.
// A template may be executed safely in parallel, although if parallel
// executions share a Writer the output may be interleaved.
func (t *Template) ExecuteTemplate(wr io.Writer, name string, data any) error {
	tmpl := t.Lookup(name)
	if tmpl == nil {
		return fmt.Errorf("template: no template %q associated with template %q", name, t.name)
	}
	return tmpl.Execute(wr, data)
}

// Execute applies a parsed template to the specified data object,
// and writes the output to wr.
// If an error occurs executing the template or writing its output,
// execution stops, but partial results may already have been written to
// the output writer.
// A template may be executed safely in parallel, although if parallel
// executions share a Writer the output may be interleaved.
//
// If data is a [reflect.Value], the template applies to the concrete
// value that the reflect.Value holds, as in [fmt.Print].
func (t *Template) Execute(wr io.Writer, data any) error {
	return t.execute(wr, data)
}

func (t *Template) execute(wr io.Writer, data any) (err error) {
	defer errRecover(&err)
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	// careguide: states are reused (statePool), with their lists.
	state := statePool.Get().(*state)
	state.tmpl = t
	state.wr = wr
	state.sw, _ = wr.(io.StringWriter)
	state.vars = append(state.vars, variable{"$", value})
	if t.Tree == nil || t.Root == nil {
		state.errorf("%q is an incomplete or empty template", t.Name())
	}
	state.walk(value, t.Root)
	state.release()
	return
}

// careguide: statePool keeps the states of finished executions, so that an
// execution (one a page, and one each cached partial) does not allocate a
// state, its variables and its escaper argument list. A state goes back
// only after an execution without error; one that stopped with a panic is
// left to the garbage collector.
var statePool = sync.Pool{New: func() any {
	return &state{vars: make([]variable, 0, 16), escArg: make([]any, 1)}
}}

// release puts s back in statePool, holding nothing of the execution.
func (s *state) release() {
	clear(s.vars[:cap(s.vars)])
	*s = state{vars: s.vars[:0], escArg: s.escArg}
	s.escArg[0] = nil
	statePool.Put(s)
}

// DefinedTemplates returns a string listing the defined templates,
// prefixed by the string "; defined templates are: ". If there are none,
// it returns the empty string. For generating an error message here
// and in [html/template].
func (t *Template) DefinedTemplates() string {
	if t.common == nil {
		return ""
	}
	var b strings.Builder
	t.muTmpl.RLock()
	defer t.muTmpl.RUnlock()
	for name, tmpl := range t.tmpl {
		if tmpl.Tree == nil || tmpl.Root == nil {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("; defined templates are: ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", name)
	}
	return b.String()
}

// Sentinel errors for use with panic to signal early exits from range loops.
var (
	walkBreak    = errors.New("break")
	walkContinue = errors.New("continue")
)

// Walk functions step through the major pieces of the template structure,
// generating output as they go.
func (s *state) walk(dot reflect.Value, node parse.Node) {
	s.at(node)
	switch node := node.(type) {
	case *parse.ActionNode:
		// Do not pop variables so they persist until next end.
		// Also, if the action declares variables, don't print the result.
		if node.Pipe != nil && len(node.Pipe.Decl) == 0 && len(node.Pipe.Cmds) > 0 {
			s.printPipeline(dot, node) // careguide: see printPipeline
			break
		}
		val := s.evalPipeline(dot, node.Pipe)
		if len(node.Pipe.Decl) == 0 {
			s.printValue(node, val)
		}
	case *parse.BreakNode:
		panic(walkBreak)
	case *parse.CommentNode:
	case *parse.ContinueNode:
		panic(walkContinue)
	case *parse.IfNode:
		s.walkIfOrWith(parse.NodeIf, dot, node.Pipe, node.List, node.ElseList)
	case *parse.ListNode:
		for _, node := range node.Nodes {
			s.walk(dot, node)
		}
	case *parse.RangeNode:
		s.walkRange(dot, node)
	case *parse.TemplateNode:
		s.walkTemplate(dot, node)
	case *parse.TextNode:
		if _, err := s.wr.Write(node.Text); err != nil {
			s.writeError(err)
		}
	case *parse.WithNode:
		s.walkIfOrWith(parse.NodeWith, dot, node.Pipe, node.List, node.ElseList)
	default:
		s.errorf("unknown node: %s", node)
	}
}

// walkIfOrWith walks an 'if' or 'with' node. The two control structures
// are identical in behavior except that 'with' sets dot.
func (s *state) walkIfOrWith(typ parse.NodeType, dot reflect.Value, pipe *parse.PipeNode, list, elseList *parse.ListNode) {
	defer s.pop(s.mark())
	val := s.evalPipeline(dot, pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		s.errorf("if/with can't use %v", val)
	}
	if truth {
		if typ == parse.NodeWith {
			s.walk(val, list)
		} else {
			s.walk(dot, list)
		}
	} else if elseList != nil {
		s.walk(dot, elseList)
	}
}

// IsTrue reports whether the value is 'true', in the sense of not the zero of its type,
// and whether the value has a meaningful truth value. This is the definition of
// truth used by if and other such actions.
func IsTrue(val any) (truth, ok bool) {
	return isTrue(reflect.ValueOf(val))
}

func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		// Something like var x interface{}, never set. It's a form of nil.
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true // Struct values are always true.
	default:
		return
	}
	return truth, true
}

func (s *state) walkRange(dot reflect.Value, r *parse.RangeNode) {
	s.at(r)
	defer func() {
		if r := recover(); r != nil && r != walkBreak {
			panic(r)
		}
	}()
	defer s.pop(s.mark())
	val, _ := indirect(s.evalPipeline(dot, r.Pipe))
	// mark top of stack before any variables in the body are pushed.
	mark := s.mark()
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(r.Pipe.Decl) > 1 {
			s.errorf("can't use %v to iterate over more than one variable", val)
			break
		}
		run := false
		for v := range val.Seq() {
			run = true
			// Pass element as second value, as we do for channels.
			s.rangeIteration(r, mark, reflect.Value{}, v)
		}
		if !run {
			break
		}
		return
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			s.rangeIteration(r, mark, reflect.ValueOf(i), val.Index(i))
		}
		return
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		om := fmtsort.Sort(val)
		for _, m := range om {
			s.rangeIteration(r, mark, m.Key, m.Value)
		}
		return
	case reflect.Chan:
		if val.IsNil() {
			break
		}
		if val.Type().ChanDir() == reflect.SendDir {
			s.errorf("range over send-only channel %v", val)
			break
		}
		i := 0
		for ; ; i++ {
			elem, ok := val.Recv()
			if !ok {
				break
			}
			s.rangeIteration(r, mark, reflect.ValueOf(i), elem)
		}
		if i == 0 {
			break
		}
		return
	case reflect.Invalid:
		break // An invalid value is likely a nil map, etc. and acts like an empty map.
	case reflect.Func:
		if val.Type().CanSeq() {
			if len(r.Pipe.Decl) > 1 {
				s.errorf("can't use %v iterate over more than one variable", val)
				break
			}
			run := false
			for v := range val.Seq() {
				run = true
				// Pass element as second value,
				// as we do for channels.
				s.rangeIteration(r, mark, reflect.Value{}, v)
			}
			if !run {
				break
			}
			return
		}
		if val.Type().CanSeq2() {
			run := false
			for i, v := range val.Seq2() {
				run = true
				if len(r.Pipe.Decl) > 1 {
					s.rangeIteration(r, mark, i, v)
				} else {
					// If there is only one range variable,
					// oneIteration will use the
					// second value.
					s.rangeIteration(r, mark, reflect.Value{}, i)
				}
			}
			if !run {
				break
			}
			return
		}
		fallthrough
	default:
		s.errorf("range can't iterate over %v", val)
	}
	if r.ElseList != nil {
		s.walk(dot, r.ElseList)
	}
}

// rangeIteration runs one iteration of r's body: it sets r's variables and
// consumes a continue. careguide: a method, not a closure of walkRange's,
// which allocated for every range.
func (s *state) rangeIteration(r *parse.RangeNode, mark int, index, elem reflect.Value) {
	if len(r.Pipe.Decl) > 0 {
		if r.Pipe.IsAssign {
			// With two variables, index comes first.
			// With one, we use the element.
			if len(r.Pipe.Decl) > 1 {
				s.setVar(r.Pipe.Decl[0].Ident[0], index)
			} else {
				s.setVar(r.Pipe.Decl[0].Ident[0], elem)
			}
		} else {
			// Set top var (lexically the second if there
			// are two) to the element.
			s.setTopVar(1, elem)
		}
	}
	if len(r.Pipe.Decl) > 1 {
		if r.Pipe.IsAssign {
			s.setVar(r.Pipe.Decl[1].Ident[0], elem)
		} else {
			// Set next var (lexically the first if there
			// are two) to the index.
			s.setTopVar(2, index)
		}
	}
	defer s.pop(mark)
	defer func() {
		// Consume panic(walkContinue)
		if r := recover(); r != nil && r != walkContinue {
			panic(r)
		}
	}()
	s.walk(elem, r.List)
}

func (s *state) walkTemplate(dot reflect.Value, t *parse.TemplateNode) {
	s.at(t)
	tmpl := s.tmpl.Lookup(t.Name)
	if tmpl == nil {
		s.errorf("template %q not defined", t.Name)
	}
	if s.depth == maxExecDepth {
		s.errorf("exceeded maximum template depth (%v)", maxExecDepth)
	}
	// Variables declared by the pipeline persist.
	dot = s.evalPipeline(dot, t.Pipe)
	// careguide: s itself runs the called template and is then put back as
	// it was, instead of a copy, which escaped to the heap. Nothing
	// recovers a panic between here and execute, so a panic needs no
	// putting back.
	caller := *s
	s.depth++
	s.tmpl = tmpl
	// No dynamic scoping: template invocations inherit no variables.
	// careguide: the called template's variables go in the spare room of
	// the caller's, which the caller does not touch until this template is
	// done, so that a template call does not allocate a new list.
	s.vars = append(s.vars[len(s.vars):len(s.vars)], variable{"$", dot})
	s.walk(dot, tmpl.Root)
	*s = caller
}

// Eval functions evaluate pipelines, commands, and their elements and extract
// values from the data structure by examining fields, calling methods, and so on.
// The printing of those values happens only through walk functions.

// evalPipeline returns the value acquired by evaluating a pipeline. If the
// pipeline has a variable declaration, the variable will be pushed on the
// stack. Callers should therefore pop the stack after they are finished
// executing commands depending on the pipeline value.
func (s *state) evalPipeline(dot reflect.Value, pipe *parse.PipeNode) (value reflect.Value) {
	if pipe == nil {
		return
	}
	s.at(pipe)
	value = missingVal
	for _, cmd := range pipe.Cmds {
		value = s.evalCommand(dot, cmd, value) // previous value is this one's final arg.
		// If the object has type interface{}, dig down one level to the thing inside.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, variable := range pipe.Decl {
		if pipe.IsAssign {
			s.setVar(variable.Ident[0], value)
		} else {
			s.push(variable.Ident[0], value)
		}
	}
	return value
}

func (s *state) notAFunction(args []parse.Node, final reflect.Value) {
	if len(args) > 1 || !isMissing(final) {
		s.errorf("can't give argument to non-function %s", args[0])
	}
}

func (s *state) evalCommand(dot reflect.Value, cmd *parse.CommandNode, final reflect.Value) reflect.Value {
	firstWord := cmd.Args[0]
	switch n := firstWord.(type) {
	case *parse.FieldNode:
		return s.evalFieldNode(dot, n, cmd.Args, final)
	case *parse.ChainNode:
		return s.evalChainNode(dot, n, cmd.Args, final)
	case *parse.IdentifierNode:
		// Must be a function.
		return s.evalFunction(dot, n, cmd, cmd.Args, final)
	case *parse.PipeNode:
		// Parenthesized pipeline. The arguments are all inside the pipeline; final must be absent.
		s.notAFunction(cmd.Args, final)
		return s.evalPipeline(dot, n)
	case *parse.VariableNode:
		return s.evalVariableNode(dot, n, cmd.Args, final)
	}
	s.at(firstWord)
	s.notAFunction(cmd.Args, final)
	switch word := firstWord.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(word.True)
	case *parse.DotNode:
		return dot
	case *parse.NilNode:
		s.errorf("nil is not a command")
	case *parse.NumberNode:
		return s.idealConstant(word)
	case *parse.StringNode:
		return stringValue(word)
	}
	s.errorf("can't evaluate command %q", firstWord)
	panic("not reached")
}

// idealConstant is called to return the value of a number in a context where
// we don't know the type. In that case, the syntax of the number tells us
// its type, and we use Go rules to resolve. Note there is no such thing as
// a uint ideal constant in this situation - the value must be of int type.
func (s *state) idealConstant(constant *parse.NumberNode) reflect.Value {
	// These are ideal constants but we don't know the type
	// and we have no context.  (If it was a method argument,
	// we'd know what we need.) The syntax guides us to some extent.
	s.at(constant)
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128) // incontrovertible.

	case constant.IsFloat &&
		!isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64)

	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			s.errorf("%s overflows int", constant.Text)
		}
		return reflect.ValueOf(n)

	case constant.IsUint:
		s.errorf("%s overflows int", constant.Text)
	}
	return zero
}

func isRuneInt(s string) bool {
	return len(s) > 0 && s[0] == '\''
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (s *state) evalFieldNode(dot reflect.Value, field *parse.FieldNode, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(field)
	return s.evalFieldChain(dot, dot, field, field.Ident, args, final)
}

func (s *state) evalChainNode(dot reflect.Value, chain *parse.ChainNode, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(chain)
	if len(chain.Field) == 0 {
		s.errorf("internal error: no fields in evalChainNode")
	}
	if chain.Node.Type() == parse.NodeNil {
		s.errorf("indirection through explicit nil in %s", chain)
	}
	// (pipe).Field1.Field2 has pipe as .Node, fields as .Field. Eval the pipeline, then the fields.
	pipe := s.evalArg(dot, nil, chain.Node)
	return s.evalFieldChain(dot, pipe, chain, chain.Field, args, final)
}

func (s *state) evalVariableNode(dot reflect.Value, variable *parse.VariableNode, args []parse.Node, final reflect.Value) reflect.Value {
	// $x.Field has $x as the first ident, Field as the second. Eval the var, then the fields.
	s.at(variable)
	value := s.varValue(variable.Ident[0])
	if len(variable.Ident) == 1 {
		s.notAFunction(args, final)
		return value
	}
	return s.evalFieldChain(dot, value, variable, variable.Ident[1:], args, final)
}

// evalFieldChain evaluates .X.Y.Z possibly followed by arguments.
// dot is the environment in which to evaluate arguments, while
// receiver is the value being walked along the chain.
func (s *state) evalFieldChain(dot, receiver reflect.Value, node parse.Node, ident []string, args []parse.Node, final reflect.Value) reflect.Value {
	n := len(ident)
	m := fieldMemoOf(node) // careguide: see lookupAt
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, ident[i], node, nil, missingVal, receiver, m, i, n)
	}
	// Now if it's a method, it gets the arguments.
	return s.evalField(dot, ident[n-1], node, args, final, receiver, m, n-1, n)
}

func (s *state) evalFunction(dot reflect.Value, node *parse.IdentifierNode, cmd parse.Node, args []parse.Node, final reflect.Value) reflect.Value {
	return s.evalFunctionTo(dot, node, cmd, args, final, nil)
}

// evalFunctionTo is evalFunction, but a string result may come in *out;
// see evalCallTo.
func (s *state) evalFunctionTo(dot reflect.Value, node *parse.IdentifierNode, cmd parse.Node, args []parse.Node, final reflect.Value, out *typedString) reflect.Value {
	s.at(node)
	name := node.Ident
	// careguide: the function, and what else is known of it, is kept in
	// node; see findFunctionAt.
	fm := s.findFunctionAt(node)
	if !fm.ok {
		s.errorf("%q is not a defined function", name)
	}
	// careguide: html/template puts an escaper such as func(...any) string
	// into nearly every action. Calling it directly instead of through
	// reflect.Value.Call is the main reason this fork exists.
	if fm.escaper != nil {
		if out != nil {
			*out = typedString{s.anyToString(dot, fm, cmd, name, args, final), stringType, true}
			return reflect.Value{}
		}
		return s.callAnyToString(dot, fm, cmd, name, args, final)
	}
	return s.evalCallTo(dot, fm.function, fm.fn, fm.isBuiltin, cmd, name, args, final, out)
}

// careguide: printPipeline evaluates and prints an action's pipeline, as
// walk does with evalPipeline and printValue. When the pipeline ends in
// html/template's escapers, as it nearly always does, each escaper's
// string goes to the next escaper, and the last one's to the output, as
// is, instead of being put in a reflect.Value (an allocation) only to be
// taken out again.
func (s *state) printPipeline(dot reflect.Value, node *parse.ActionNode) {
	pipe := node.Pipe
	// The escapers are Cmds[k:]; each but the last has no argument but
	// the pipeline's, and the first has one (k > 0).
	k := len(pipe.Cmds) - 1
	if k == 0 || !isEscaperCall(pipe.Cmds[k]) {
		s.printValue(node, s.evalPipeline(dot, pipe))
		return
	}
	for k > 1 && isEscaperCall(pipe.Cmds[k-1]) && len(pipe.Cmds[k-1].Args) == 1 {
		k--
	}
	// evalPipeline, but for the escapers.
	s.at(pipe)
	value := missingVal
	for _, cmd := range pipe.Cmds[:k-1] {
		value = s.evalCommand(dot, cmd, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	// str, of type strType, is the last command's result when isStr, and
	// value otherwise.
	var str string
	var strType reflect.Type
	isStr := false
	// The command before the escapers: a function whose string result
	// evalFunctionTo leaves unboxed, or any other.
	cmd := pipe.Cmds[k-1]
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		var out typedString
		value = s.evalFunctionTo(dot, id, cmd, cmd.Args, value, &out)
		str, strType, isStr = out.s, out.typ, out.ok
	} else {
		value = s.evalCommand(dot, cmd, value)
	}
	if !isStr && value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
		value = value.Elem()
	}
	for _, cmd := range pipe.Cmds[k:] {
		// evalFunction, for an escaper.
		id := cmd.Args[0].(*parse.IdentifierNode)
		s.at(id)
		fm := s.findFunctionAt(id)
		switch {
		case fm.escaper == nil:
			if isStr {
				value, isStr = boxString(str, strType), false
			}
			value = s.evalFunction(dot, id, cmd, cmd.Args, value)
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = value.Elem()
			}
		case isStr && len(cmd.Args) == 1:
			str, strType = s.escapeString(fm, cmd, id.Ident, str, strType), stringType
		default:
			if isStr {
				value = boxString(str, strType)
			}
			str, strType, isStr = s.anyToString(dot, fm, cmd, id.Ident, cmd.Args, value), stringType, true
		}
	}
	if !isStr {
		s.printValue(node, value)
		return
	}
	// printValue, for a string.
	s.at(node)
	if _, err := s.writeString(str); err != nil {
		s.writeError(err)
	}
}

// isEscaperCall reports whether cmd calls a function of the name of one of
// html/template's escapers.
func isEscaperCall(cmd *parse.CommandNode) bool {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && strings.HasPrefix(id.Ident, "_html_template_")
}

// escapeString is anyToString for an escaper whose one argument is str,
// of type typ, the result of the command before it in the pipeline.
func (s *state) escapeString(fm *funcMemo, node parse.Node, name string, str string, typ reflect.Type) string {
	var out string
	var err error
	done := false
	if fm.hasPlain && fm.plain.ofString != nil {
		out, done, err = safeCallPlainString(fm.plain.ofString, str, typ)
	}
	if !done {
		s.escArg[0] = boxAny(str, typ)
		out, err = safeCallAnyToString(fm.escaper, s.escArg)
		s.escArg[0] = nil
	}
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return out
}

// callAnyToString is evalCall for a func(...any) string, without reflect:
// the arguments are evaluated exactly as evalCall evaluates them for a
// variadic ...any parameter, and a panic in f is an error as in safeCall.
func (s *state) callAnyToString(dot reflect.Value, fm *funcMemo, node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	return reflect.ValueOf(s.anyToString(dot, fm, node, name, args, final))
}

// anyToString is callAnyToString's string, not yet in a reflect.Value.
//
// careguide: fm.escaper is the function called, f.
func (s *state) anyToString(dot reflect.Value, fm *funcMemo, node parse.Node, name string, args []parse.Node, final reflect.Value) string {
	f := fm.escaper
	if args != nil {
		args = args[1:] // Zeroth arg is the function name.
	}
	n := len(args)
	if !isMissing(final) {
		n++
	}
	var out string
	var err error
	if n == 1 && s.escArg != nil && strings.HasPrefix(name, "_html_template_") {
		// careguide: html/template's escapers, nearly always called with
		// one argument, keep nothing of their argument list, so one list
		// per execution serves every call; it is filled only once the
		// argument is evaluated, which may call other escapers.
		var v reflect.Value
		if len(args) == 1 {
			v = s.evalArg(dot, anyType, args[0])
		} else {
			v = s.validateType(final, anyType)
		}
		// careguide: a value that the escaper's reflect.Value version
		// knows goes to it unboxed; see plainEscapers.
		if fm.hasPlain && fm.plain.ofValue != nil {
			var ok bool
			out, ok, err = safeCallPlain(fm.plain.ofValue, v)
			if err != nil {
				s.at(node)
				s.errorf("error calling %s: %w", name, err)
			}
			if ok {
				return out
			}
		}
		s.escArg[0] = interfaceOf(v)
		out, err = safeCallAnyToString(f, s.escArg)
		s.escArg[0] = nil
	} else {
		argv := make([]any, n)
		for i, arg := range args {
			argv[i] = interfaceOf(s.evalArg(dot, anyType, arg))
		}
		if !isMissing(final) {
			argv[n-1] = interfaceOf(s.validateType(final, anyType))
		}
		out, err = safeCallAnyToString(f, argv)
	}
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return out
}

// interfaceOf is what reflect.Value.Call passes for v as an argument of
// type any: a nil interface stays nil.
func interfaceOf(v reflect.Value) any {
	if v.Kind() == reflect.Interface && v.IsNil() {
		return nil
	}
	return v.Interface()
}

func safeCallAnyToString(f func(...any) string, args []any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return f(args...), nil
}

// evalField evaluates an expression like (.Field) or (.Field arg1 arg2).
// The 'final' argument represents the return value from the preceding
// value of the pipeline, if any.
//
// careguide: it is the i-th of the n names of node, whose memo is m.
func (s *state) evalField(dot reflect.Value, fieldName string, node parse.Node, args []parse.Node, final, receiver reflect.Value, m *parse.Memo, i, n int) reflect.Value {
	if !receiver.IsValid() {
		if s.tmpl.option.missingKey == mapError { // Treat invalid value as missing map key.
			s.errorf("nil data; no entry for key %q", fieldName)
		}
		return zero
	}
	typ := receiver.Type()
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		// Calling a method on a nil interface can't work. The
		// MethodByName method call below would panic.
		s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		return zero
	}

	// Unless it's an interface, need to get to a value of type *T to guarantee
	// we see all methods of T and *T.
	ptr := receiver
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	// careguide: one remembered lookup on ptr's type tells both its method
	// and, when ptr is receiver's address, receiver's field.
	method := -1
	var found *lookup // nil for an interface
	if ptr.Kind() == reflect.Interface {
		method = methodIndex(ptr, fieldName)
	} else {
		found = lookupAt(m, i, n, ptr.Type(), fieldName)
		method = found.method
	}
	if i := method; i >= 0 {
		return s.evalCall(dot, ptr.Method(i), nil, false, node, fieldName, args, final)
	}
	hasArgs := len(args) > 1 || !isMissing(final)
	// It's not a method; must be a field of a struct or an element of a map.
	switch receiver.Kind() {
	case reflect.Struct:
		var tField *reflect.StructField
		switch {
		case found != nil && ptr.Type() == receiver.Type():
			tField = found.field
		case found != nil && ptr.Kind() == reflect.Pointer && ptr.Type().Elem() == receiver.Type():
			tField = found.elemField
		default:
			tField = lookupName(receiver.Type(), fieldName).field
		}
		if ok := tField != nil; ok {
			field, err := receiver.FieldByIndexErr(tField.Index)
			if !tField.IsExported() {
				s.errorf("%s is an unexported field of struct type %s", fieldName, typ)
			}
			if err != nil {
				s.errorf("%v", err)
			}
			// If it's a function, we must call it.
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", fieldName)
			}
			return field
		}
	case reflect.Map:
		// If it's a map, attempt to use the field name as a key.
		// careguide: the key is made once per type and name (lookup.name).
		var nameVal reflect.Value
		if found != nil {
			nameVal = found.name
		} else {
			nameVal = reflect.ValueOf(fieldName)
		}
		if nameVal.Type().AssignableTo(receiver.Type().Key()) {
			if hasArgs {
				s.errorf("%s is not a method but has arguments", fieldName)
			}
			result := receiver.MapIndex(nameVal)
			if !result.IsValid() {
				switch s.tmpl.option.missingKey {
				case mapInvalid:
					// Just use the invalid value.
				case mapZeroValue:
					result = reflect.Zero(receiver.Type().Elem())
				case mapError:
					s.errorf("map has no entry for key %q", fieldName)
				}
			}
			return result
		}
	case reflect.Pointer:
		etyp := receiver.Type().Elem()
		if etyp.Kind() == reflect.Struct {
			if _, ok := etyp.FieldByName(fieldName); !ok {
				// If there's no such field, say "can't evaluate"
				// instead of "nil pointer evaluating".
				break
			}
		}
		if isNil {
			s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		}
	}
	s.errorf("can't evaluate field %s in type %s", fieldName, typ)
	panic("not reached")
}

// careguide: reflect's MethodByName and FieldByName search the type on
// every call, and FieldByName allocates while it walks embedded structs.
// Templates look up the same few names on the same few types millions of
// times a build, so the answers are kept per type and name.
type lookupKey struct {
	typ  reflect.Type
	name string
}

// lookup is what a name means on a type: method is the index of the
// method of that name, or -1; field is the struct field, or nil; elemField
// is the field of that name of the struct a pointer type points to, so
// that evalField finds a method of *T or a field of T with one lookup;
// name is the name as a map key.
type lookup struct {
	method    int
	field     *reflect.StructField
	elemField *reflect.StructField
	name      reflect.Value // reflect.ValueOf(name), a map key
}

// lookups is copied on write: a build asks about a few hundred names, and
// after the first pages every read is a plain map access without a lock.
var (
	lookups   atomic.Pointer[map[lookupKey]*lookup]
	lookupsMu sync.Mutex
)

// lookupName finds name on typ, remembered. The method search is done on
// typ as given; the field search only when typ is a struct.
// careguide: the lookup is shared and never changed: a pointer, so that
// evalField need not copy it.
func lookupName(typ reflect.Type, name string) *lookup {
	k := lookupKey{typ, name}
	if m := lookups.Load(); m != nil {
		if l, ok := (*m)[k]; ok {
			return l
		}
	}
	l := &lookup{method: -1, name: reflect.ValueOf(name)}
	if m, ok := typ.MethodByName(name); ok {
		l.method = m.Index
	}
	if typ.Kind() == reflect.Struct {
		if f, ok := typ.FieldByName(name); ok {
			l.field = &f
		}
	}
	if typ.Kind() == reflect.Pointer && typ.Elem().Kind() == reflect.Struct {
		if f, ok := typ.Elem().FieldByName(name); ok {
			l.elemField = &f
		}
	}
	lookupsMu.Lock()
	defer lookupsMu.Unlock()
	old := lookups.Load()
	next := make(map[lookupKey]*lookup, 1+len(*orEmpty(old)))
	for k, v := range *orEmpty(old) {
		next[k] = v
	}
	next[k] = l
	lookups.Store(&next)
	return l
}

func orEmpty(m *map[lookupKey]*lookup) *map[lookupKey]*lookup {
	if m == nil {
		return &map[lookupKey]*lookup{}
	}
	return m
}

// methodIndex is the index of v's method name, as v.MethodByName finds
// it, or -1. Interface values look the method up each time.
func methodIndex(v reflect.Value, name string) int {
	if v.Kind() == reflect.Interface {
		m, ok := v.Type().MethodByName(name)
		if !ok {
			return -1
		}
		return m.Index
	}
	return lookupName(v.Type(), name).method
}

var (
	anyType          = reflect.TypeFor[any]()
	errorType        = reflect.TypeFor[error]()
	fmtStringerType  = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

// evalCall executes a function or method call. If it's a method, fun already has the receiver bound, so
// it looks just like a function call. The arg list, if non-nil, includes (in the manner of the shell), arg[0]
// as the function itself.
//
// careguide: fn is fun.Interface() when fun comes from a FuncMap or the
// builtins, and nil for a method; see directCall.
func (s *state) evalCall(dot, fun reflect.Value, fn any, isBuiltin bool, node parse.Node, name string, args []parse.Node, final reflect.Value) reflect.Value {
	return s.evalCallTo(dot, fun, fn, isBuiltin, node, name, args, final, nil)
}

// careguide: typedString is the result of a call, of type string or
// html/template's HTML, unboxed, when ok.
type typedString struct {
	s   string
	typ reflect.Type // stringType or htmlType
	ok  bool
}

// evalCallTo is evalCall, but when out is not nil and fn is a FuncMap
// function that directCallString calls, it sets *out to the result
// instead of boxing it in the reflect.Value it returns, which is then
// no value.
func (s *state) evalCallTo(dot, fun reflect.Value, fn any, isBuiltin bool, node parse.Node, name string, args []parse.Node, final reflect.Value, out *typedString) reflect.Value {
	if args != nil {
		args = args[1:] // Zeroth arg is function name/node; not passed to function.
	}
	typ := fun.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1 // last arg is the variadic one.
		if numIn < numFixed {
			s.errorf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		s.errorf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	if err := goodFunc(name, typ); err != nil {
		s.errorf("%v", err)
	}

	unwrap := func(v reflect.Value) reflect.Value {
		if v.Type() == reflectValueType {
			v = v.Interface().(reflect.Value)
		}
		return v
	}

	// Special case for builtin and/or, which short-circuit.
	if isBuiltin && (name == "and" || name == "or") {
		var v reflect.Value
		for _, arg := range args {
			// careguide: evalArgValue is evalArg for a reflect.Value
			// parameter, unwrapped, without wrapping it first.
			v = s.evalArgValue(dot, arg)
			if truth(v) == (name == "or") {
				return v
			}
		}
		if !isMissing(final) {
			// The last argument to and/or is coming from
			// the pipeline. We didn't short circuit on an earlier
			// argument, so we are going to return this one.
			// We don't have to evaluate final, but we do
			// have to check its type. Then, since we are
			// going to return it, we have to unwrap it.
			v = unwrapArgValue(final)
		}
		return v
	}
	// careguide: see builtinCall.
	if isBuiltin {
		if v, ok := s.builtinCall(dot, node, name, args, final); ok {
			return v
		}
	}

	// Build the arg list.
	// careguide: on the stack when it is short; safeCall gets a copy.
	var argBuf [4]reflect.Value
	var argv []reflect.Value
	if numIn <= len(argBuf) {
		argv = argBuf[:numIn]
	} else {
		argv = make([]reflect.Value, numIn)
	}
	// Args must be evaluated. Fixed args first.
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.evalArg(dot, typ.In(i), args[i])
	}
	// Now the ... args.
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem() // Argument is a slice.
		for ; i < len(args); i++ {
			argv[i] = s.evalArg(dot, argType, args[i])
		}
	}
	// Add final value if necessary.
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				// The added final argument corresponds to a fixed parameter of the function.
				// Validate against the type of the actual parameter.
				t = typ.In(numIn - 1)
			} else {
				// The added final argument corresponds to the variadic part.
				// Validate against the type of the elements of the variadic slice.
				t = t.Elem()
			}
		}
		argv[i] = s.validateType(final, t)
	}

	// Special case for the "call" builtin.
	// Insert the name of the callee function as the first argument.
	if isBuiltin && name == "call" {
		var calleeName string
		if len(args) == 0 {
			// final must be present or we would have errored out above.
			calleeName = final.String()
		} else {
			calleeName = args[0].String()
		}
		argv = append([]reflect.Value{reflect.ValueOf(calleeName)}, argv...)
		fun = reflect.ValueOf(call)
	}

	var v reflect.Value
	var err error
	// careguide: a function of a common signature is called directly.
	direct := false
	if fn != nil && !(isBuiltin && name == "call") {
		if out != nil && !isBuiltin {
			if str, typ, err, called := directCallString(fn, argv); called {
				if err != nil {
					s.at(node)
					s.errorf("error calling %s: %w", name, err)
				}
				*out = typedString{str, typ, true}
				return reflect.Value{}
			}
		}
		v, err, direct = directCall(fn, argv)
	}
	if !direct {
		v, err = safeCall(fun, append([]reflect.Value(nil), argv...))
	}
	// If we have an error that is not nil, stop execution and return that
	// error to the caller.
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return unwrap(v)
}

// careguide: builtinCall calls the builtins not and len of one argument and
// eq, ne, lt, le, gt and ge of two, whose parameters are reflect.Values,
// with their arguments as evaluated (evalArgValue), instead of each wrapped
// in a reflect.Value of type reflect.Value (an allocation) only for the
// call to unwrap it again; and it calls them by name, so that eq's
// variadic list stays on the stack. ok is false, with nothing evaluated,
// for any other call, which evalCall makes as before.
func (s *state) builtinCall(dot reflect.Value, node parse.Node, name string, args []parse.Node, final reflect.Value) (v reflect.Value, ok bool) {
	n := len(args)
	if !isMissing(final) {
		n++
	}
	switch name {
	case "not", "len":
		ok = n == 1
	case "eq", "ne", "lt", "le", "gt", "ge":
		ok = n == 2
	}
	if !ok {
		return
	}
	var argv [2]reflect.Value
	for i, arg := range args {
		argv[i] = s.evalArgValue(dot, arg)
	}
	if !isMissing(final) {
		argv[n-1] = unwrapArgValue(final)
	}
	a, b := argv[0], argv[1]
	var err error
	v, err, _ = callDirect(func() (reflect.Value, error) {
		var r bool
		var err error
		switch name {
		case "not":
			return reflect.ValueOf(not(a)), nil
		case "len":
			l, err := length(a)
			return reflect.ValueOf(l), err
		case "eq":
			r, err = eq(a, b)
		case "ne":
			r, err = ne(a, b)
		case "lt":
			r, err = lt(a, b)
		case "le":
			r, err = le(a, b)
		case "gt":
			r, err = gt(a, b)
		case "ge":
			r, err = ge(a, b)
		}
		return reflect.ValueOf(r), err
	})
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", name, err)
	}
	return v, true
}

// evalArgValue is what a parameter of type reflect.Value receives for the
// argument n: evalArg(dot, reflectValueType, n), unwrapped.
func (s *state) evalArgValue(dot reflect.Value, n parse.Node) reflect.Value {
	s.at(n)
	switch arg := n.(type) {
	case *parse.DotNode:
		return unwrapArgValue(dot)
	case *parse.NilNode:
		return reflect.Value{}
	case *parse.FieldNode:
		return unwrapArgValue(s.evalFieldNode(dot, arg, []parse.Node{n}, missingVal))
	case *parse.VariableNode:
		return unwrapArgValue(s.evalVariableNode(dot, arg, nil, missingVal))
	case *parse.PipeNode:
		return unwrapArgValue(s.evalPipeline(dot, arg))
	case *parse.IdentifierNode:
		return unwrapArgValue(s.evalFunction(dot, arg, arg, nil, missingVal))
	case *parse.ChainNode:
		return unwrapArgValue(s.evalChainNode(dot, arg, nil, missingVal))
	}
	return s.evalEmptyInterface(dot, n)
}

// unwrapArgValue is what a parameter of type reflect.Value receives for the
// value v: validateType(v, reflectValueType), unwrapped.
func unwrapArgValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

// canBeNil reports whether an untyped nil can be assigned to the type. See reflect.Zero.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType guarantees that the value is valid and assignable to the type.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			// An untyped nil interface{}. Accept as a proper nil value.
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			// Like above, but use the zero value of the non-nil type.
			return reflect.Zero(typ)
		}
		s.errorf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
			// fallthrough
		}
		// Does one dereference or indirection work? We could do more, as we
		// do with method receivers, but that gets messy and method receivers
		// are much more constrained, so it makes more sense there than here.
		// Besides, one is almost always all you need.
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				s.errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			s.errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

func (s *state) evalArg(dot reflect.Value, typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	switch arg := n.(type) {
	case *parse.DotNode:
		return s.validateType(dot, typ)
	case *parse.NilNode:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("cannot assign nil to %s", typ)
	case *parse.FieldNode:
		return s.validateType(s.evalFieldNode(dot, arg, []parse.Node{n}, missingVal), typ)
	case *parse.VariableNode:
		return s.validateType(s.evalVariableNode(dot, arg, nil, missingVal), typ)
	case *parse.PipeNode:
		return s.validateType(s.evalPipeline(dot, arg), typ)
	case *parse.IdentifierNode:
		return s.validateType(s.evalFunction(dot, arg, arg, nil, missingVal), typ)
	case *parse.ChainNode:
		return s.validateType(s.evalChainNode(dot, arg, nil, missingVal), typ)
	}
	switch typ.Kind() {
	case reflect.Bool:
		return s.evalBool(typ, n)
	case reflect.Complex64, reflect.Complex128:
		return s.evalComplex(typ, n)
	case reflect.Float32, reflect.Float64:
		return s.evalFloat(typ, n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return s.evalInteger(typ, n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return s.evalEmptyInterface(dot, n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return reflect.ValueOf(s.evalEmptyInterface(dot, n))
		}
	case reflect.String:
		return s.evalString(typ, n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return s.evalUnsignedInteger(typ, n)
	}
	s.errorf("can't handle %s for arg of type %s", n, typ)
	panic("not reached")
}

func (s *state) evalBool(typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	if n, ok := n.(*parse.BoolNode); ok {
		value := reflect.New(typ).Elem()
		value.SetBool(n.True)
		return value
	}
	s.errorf("expected bool; found %s", n)
	panic("not reached")
}

func (s *state) evalString(typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	if n, ok := n.(*parse.StringNode); ok {
		if typ == stringType {
			// careguide: addressable as reflect.New's would be, without
			// allocating: the node's own text, which nothing sets.
			return reflect.ValueOf(&n.Text).Elem()
		}
		value := reflect.New(typ).Elem()
		value.SetString(n.Text)
		return value
	}
	s.errorf("expected string; found %s", n)
	panic("not reached")
}

func (s *state) evalInteger(typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	if n, ok := n.(*parse.NumberNode); ok && n.IsInt {
		value := reflect.New(typ).Elem()
		value.SetInt(n.Int64)
		return value
	}
	s.errorf("expected integer; found %s", n)
	panic("not reached")
}

func (s *state) evalUnsignedInteger(typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	if n, ok := n.(*parse.NumberNode); ok && n.IsUint {
		value := reflect.New(typ).Elem()
		value.SetUint(n.Uint64)
		return value
	}
	s.errorf("expected unsigned integer; found %s", n)
	panic("not reached")
}

func (s *state) evalFloat(typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	if n, ok := n.(*parse.NumberNode); ok && n.IsFloat {
		value := reflect.New(typ).Elem()
		value.SetFloat(n.Float64)
		return value
	}
	s.errorf("expected float; found %s", n)
	panic("not reached")
}

func (s *state) evalComplex(typ reflect.Type, n parse.Node) reflect.Value {
	if n, ok := n.(*parse.NumberNode); ok && n.IsComplex {
		value := reflect.New(typ).Elem()
		value.SetComplex(n.Complex128)
		return value
	}
	s.errorf("expected complex; found %s", n)
	panic("not reached")
}

func (s *state) evalEmptyInterface(dot reflect.Value, n parse.Node) reflect.Value {
	s.at(n)
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True)
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return s.evalFieldNode(dot, n, nil, missingVal)
	case *parse.IdentifierNode:
		return s.evalFunction(dot, n, n, nil, missingVal)
	case *parse.NilNode:
		// NilNode is handled in evalArg, the only place that calls here.
		s.errorf("evalEmptyInterface: nil (can't happen)")
	case *parse.NumberNode:
		return s.idealConstant(n)
	case *parse.StringNode:
		return stringValue(n)
	case *parse.VariableNode:
		return s.evalVariableNode(dot, n, nil, missingVal)
	case *parse.PipeNode:
		return s.evalPipeline(dot, n)
	}
	s.errorf("can't handle assignment of %s to empty interface argument", n)
	panic("not reached")
}

// indirect returns the item at the end of indirection, and a bool to indicate
// if it's nil. If the returned bool is true, the returned value's kind will be
// either a pointer or interface.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value,
// or else the zero reflect.Value.
// That is, if v represents the interface value x, the result is the same as reflect.ValueOf(x):
// the fact that x was an interface value is forgotten.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// printValue writes the textual representation of the value to the output of
// the template.
func (s *state) printValue(n parse.Node, v reflect.Value) {
	s.at(n)
	// careguide: html/template's escapers make nearly every printed value
	// a plain string, which fmt.Fprint would copy through its buffer to
	// write the same bytes.
	if v.Kind() == reflect.String && v.Type() == stringType {
		if _, err := s.writeString(v.String()); err != nil {
			s.writeError(err)
		}
		return
	}
	iface, ok := printableValue(v)
	if !ok {
		s.errorf("can't print %s of type %s", n, v.Type())
	}
	_, err := fmt.Fprint(s.wr, iface)
	if err != nil {
		s.writeError(err)
	}
}

// printableValue returns the, possibly indirected, interface value inside v that
// is best for a call to formatted printer.
func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v) // fmt.Fprint handles nil.
	}
	if !v.IsValid() {
		return "<no value>", true
	}

	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
