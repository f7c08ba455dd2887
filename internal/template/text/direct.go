// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"time"
)

var (
	stringType      = reflect.TypeFor[string]()
	intType         = reflect.TypeFor[int]()
	stringSliceType = reflect.TypeFor[[]string]()
	timeType        = reflect.TypeFor[time.Time]()
)

// directCall calls fn, a function of one of a few common signatures, with
// argv without going through reflect.Value.Call, which costs more than many
// template functions themselves. argv is what evalCall built for
// reflect.Value.Call: one value per argument, variadic ones included, each
// assignable to its parameter. ok is false, and nothing was called, when fn
// has another signature or an argument is not exactly of its parameter's
// type; the caller then calls fn through reflect as before. The result and
// error are what safeCall would return for the same call, panics included.
func directCall(fn any, argv []reflect.Value) (v reflect.Value, err error, ok bool) {
	switch f := fn.(type) {
	// Builtins.
	case func(reflect.Value) bool: // not
		if len(argv) != 1 || !isWrappedValue(argv[0]) {
			return
		}
		a := unwrapValue(argv[0])
		return callDirect(func() (reflect.Value, error) { return reflect.ValueOf(f(a)), nil })
	case func(reflect.Value, reflect.Value) (bool, error): // ne, lt, le, gt, ge
		if len(argv) != 2 || !isWrappedValue(argv[0]) || !isWrappedValue(argv[1]) {
			return
		}
		a, b := unwrapValue(argv[0]), unwrapValue(argv[1])
		return callDirect(func() (reflect.Value, error) {
			r, err := f(a, b)
			return reflect.ValueOf(r), err
		})
	case func(reflect.Value, ...reflect.Value) (bool, error): // eq
		if len(argv) != 2 || !isWrappedValue(argv[0]) || !isWrappedValue(argv[1]) {
			return // the common case only: eq with two arguments
		}
		a, b := unwrapValue(argv[0]), unwrapValue(argv[1])
		return callDirect(func() (reflect.Value, error) {
			r, err := f(a, b)
			return reflect.ValueOf(r), err
		})
	case func(reflect.Value) (int, error): // len
		if len(argv) != 1 || !isWrappedValue(argv[0]) {
			return
		}
		a := unwrapValue(argv[0])
		return callDirect(func() (reflect.Value, error) {
			r, err := f(a)
			return reflect.ValueOf(r), err
		})

	// Functions of FuncMaps.
	case func(...any) (map[string]any, error):
		args := make([]any, len(argv))
		for i, a := range argv {
			if !a.IsValid() || !a.CanInterface() {
				return
			}
			args[i] = interfaceOf(a)
		}
		return callDirect(func() (reflect.Value, error) {
			r, err := f(args...)
			return reflect.ValueOf(r), err
		})
	case func(int, int) int:
		if len(argv) != 2 || !hasType(argv[0], intType) || !hasType(argv[1], intType) {
			return
		}
		a, b := int(argv[0].Int()), int(argv[1].Int())
		return callDirect(func() (reflect.Value, error) { return reflect.ValueOf(f(a, b)), nil })
	}
	// Functions of FuncMaps with a result of a string kind.
	if str, typ, err, ok := directCallString(fn, argv); ok {
		return boxString(str, typ), err, true
	}
	return
}

var htmlType = reflect.TypeFor[htmltemplate.HTML]()

// directCallString is directCall for the signatures whose result is a
// string or an html/template HTML, which it returns unboxed: typ is the
// result's type, or nil when fn panicked (and safeCall would return no
// value).
func directCallString(fn any, argv []reflect.Value) (str string, typ reflect.Type, err error, ok bool) {
	typ = stringType
	switch f := fn.(type) {
	case func(string) string:
		if len(argv) != 1 || !hasType(argv[0], stringType) {
			return
		}
		a := argv[0].String()
		return callString(typ, func() (string, error) { return f(a), nil })
	case func([]string, string) string:
		if len(argv) != 2 || !hasType(argv[0], stringSliceType) || !hasType(argv[1], stringType) || !argv[0].CanInterface() {
			return
		}
		a, b := valueOf[[]string](argv[0]), argv[1].String()
		return callString(typ, func() (string, error) { return f(a, b), nil })
	case func(time.Time) string:
		if len(argv) != 1 || !hasType(argv[0], timeType) || !argv[0].CanInterface() {
			return
		}
		a := valueOf[time.Time](argv[0])
		return callString(typ, func() (string, error) { return f(a), nil })
	case func(any) string:
		if len(argv) != 1 || !isAny(argv[0]) {
			return
		}
		a := interfaceOf(argv[0])
		return callString(typ, func() (string, error) { return f(a), nil })
	case func(any) (string, error):
		if len(argv) != 1 || !isAny(argv[0]) {
			return
		}
		a := interfaceOf(argv[0])
		return callString(typ, func() (string, error) { return f(a) })
	case func(string, any) (htmltemplate.HTML, error):
		if len(argv) != 2 || !hasType(argv[0], stringType) || !isAny(argv[1]) {
			return
		}
		a, b := argv[0].String(), interfaceOf(argv[1])
		return callString(htmlType, func() (string, error) {
			r, err := f(a, b)
			return string(r), err
		})
	case func(any, string, any) (htmltemplate.HTML, error):
		if len(argv) != 3 || !isAny(argv[0]) || !hasType(argv[1], stringType) || !isAny(argv[2]) {
			return
		}
		a, b, c := interfaceOf(argv[0]), argv[1].String(), interfaceOf(argv[2])
		return callString(htmlType, func() (string, error) {
			r, err := f(a, b, c)
			return string(r), err
		})
	}
	return
}

// callString runs call as safeCall runs a function: a panic is an error,
// and leaves typ nil.
func callString(typ reflect.Type, call func() (string, error)) (str string, t reflect.Type, err error, ok bool) {
	ok = true // also after a panic: fn was called
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, panicError(r)
		}
	}()
	str, err = call()
	return str, typ, err, ok
}

// boxString is the reflect.Value of str as a value of type typ, a string
// or an HTML, as directCallString returns it; nil typ is no value.
func boxString(str string, typ reflect.Type) reflect.Value {
	if typ == nil {
		return reflect.Value{}
	}
	return reflect.ValueOf(boxAny(str, typ))
}

// boxAny is str as a value of type typ in an any, as reflect.Value.Call
// would pass boxString(str, typ) for a parameter of type any.
func boxAny(str string, typ reflect.Type) any {
	if typ == htmlType {
		return htmltemplate.HTML(str)
	}
	return str
}

// panicError is what safeCall makes of a recovered panic: the error it
// panicked with, or one that prints the value.
func panicError(r any) error {
	if e, isErr := r.(error); isErr {
		return e
	}
	return fmt.Errorf("%v", r)
}

// callDirect runs call as safeCall runs a function: a panic is an error.
func callDirect(call func() (reflect.Value, error)) (v reflect.Value, err error, ok bool) {
	ok = true // also after a panic: fn was called
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	v, err = call()
	return v, err, ok
}

// valueOf is v's value, of type T, without the copy that v.Interface()
// makes of a value it finds through a pointer.
func valueOf[T any](v reflect.Value) T {
	if v.CanAddr() {
		return *v.Addr().Interface().(*T)
	}
	return v.Interface().(T)
}

// hasType reports whether v is valid and of type t exactly.
func hasType(v reflect.Value, t reflect.Type) bool {
	return v.IsValid() && v.Type() == t
}

// isAny reports whether v can be passed as an argument of type any.
func isAny(v reflect.Value) bool {
	return v.IsValid() && v.CanInterface()
}

// isWrappedValue reports whether v holds a reflect.Value, as evalArg makes
// for a parameter of type reflect.Value.
func isWrappedValue(v reflect.Value) bool {
	return hasType(v, reflectValueType) && v.CanInterface()
}

// unwrapValue is the reflect.Value that v holds.
func unwrapValue(v reflect.Value) reflect.Value {
	return v.Interface().(reflect.Value)
}

// plainEscapers are versions of html/template's escapers, by name, that
// return what the escaper returns without boxing its one argument in an
// any: ofValue for an argument given as a reflect.Value, and ofString for
// a string of a type of a string kind; both report false for a value they
// leave to the escaper.
// html/template fills the map at init, before any template runs, and
// nothing writes it afterwards.
var plainEscapers = map[string]plainEscaper{}

type plainEscaper struct {
	escaper  uintptr // the code pointer of the escaper these are versions of
	ofValue  func(reflect.Value) (string, bool)
	ofString func(string, reflect.Type) (string, bool)
}

// SetPlainEscaper registers versions of escaper, the function of the given
// name, for one argument; see plainEscapers. Either may be nil. It is for
// html/template's init only.
func SetPlainEscaper(name string, escaper func(...any) string, ofValue func(v reflect.Value) (s string, ok bool), ofString func(s string, typ reflect.Type) (string, bool)) {
	plainEscapers[name] = plainEscaper{reflect.ValueOf(escaper).Pointer(), ofValue, ofString}
}

// plainEscaperOf is the versions of f, the function called name; ok is
// false when f is not the escaper they were registered for.
func plainEscaperOf(name string, f func(...any) string) (e plainEscaper, ok bool) {
	e, ok = plainEscapers[name]
	if !ok || reflect.ValueOf(f).Pointer() != e.escaper {
		return plainEscaper{}, false
	}
	return e, true
}

// safeCallPlainString calls f on s, a panic being an error as in safeCall.
func safeCallPlainString(f func(string, reflect.Type) (string, bool), s string, typ reflect.Type) (out string, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = true, panicError(r)
		}
	}()
	out, ok = f(s, typ)
	return out, ok, nil
}

// safeCallPlain calls f on v, a panic being an error as in safeCall.
func safeCallPlain(f func(reflect.Value) (string, bool), v reflect.Value) (out string, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = true, panicError(r)
		}
	}()
	out, ok = f(v)
	return out, ok, nil
}
