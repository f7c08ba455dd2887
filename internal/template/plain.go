// careguide: this file is not in the standard library; see FORK.md.

package template

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"

	template "github.com/careguide/careguide/internal/template/text"
)

// The escapers most actions end in, for one argument that stringify turns
// into text without fmt: the template package calls these with the
// argument's reflect.Value instead of boxing it in an any for the escaper.
// TestPlainEscapers checks that each returns what its escaper returns.
func init() {
	register := func(name string, escaper func(...any) string, esc func(string, contentType) string) {
		template.SetPlainEscaper(name, escaper, plainOf(esc), plainStringOf(esc))
	}
	register("_html_template_htmlescaper", htmlEscaper, htmlEscaperOf)
	register("_html_template_attrescaper", attrEscaper, attrEscaperOf)
	register("_html_template_rcdataescaper", rcdataEscaper, rcdataEscaperOf)
	register("_html_template_urlfilter", urlFilter, urlFilterOf)
	register("_html_template_urlnormalizer", urlNormalizer, urlNormalizerOf)
	register("_html_template_urlescaper", urlEscaper, urlEscaperOf)
}

func urlNormalizerOf(s string, t contentType) string { return urlProcessorOf(true, s, t) }
func urlEscaperOf(s string, t contentType) string    { return urlProcessorOf(false, s, t) }

// plainOf makes an escaper of stringify's result one of a reflect.Value,
// which reports false for a value it leaves to the escaper itself.
func plainOf(esc func(string, contentType) string) func(reflect.Value) (string, bool) {
	return func(v reflect.Value) (string, bool) {
		s, t, ok := stringifyValue(v)
		if !ok {
			return "", false
		}
		return esc(s, t), true
	}
}

// plainStringOf makes an escaper of stringify's result one of a string
// of type typ, which reports false for a type other than string and the
// typed contents.
func plainStringOf(esc func(string, contentType) string) func(string, reflect.Type) (string, bool) {
	return func(s string, typ reflect.Type) (string, bool) {
		t, ok := contentTypeOf(typ)
		if !ok {
			return "", false
		}
		return esc(s, t), true
	}
}

var (
	stringType   = reflect.TypeFor[string]()
	cssType      = reflect.TypeFor[CSS]()
	htmlType     = reflect.TypeFor[HTML]()
	htmlAttrType = reflect.TypeFor[HTMLAttr]()
	jsType       = reflect.TypeFor[JS]()
	jsStrType    = reflect.TypeFor[JSStr]()
	urlType      = reflect.TypeFor[URL]()
	srcsetType   = reflect.TypeFor[Srcset]()
)

// contentTypeOf is the content type of a value of type typ, a string kind,
// as stringify tells it: ok is false for a type it leaves to fmt.Sprint.
func contentTypeOf(typ reflect.Type) (t contentType, ok bool) {
	switch typ {
	case stringType:
		return contentTypePlain, true
	case htmlType:
		return contentTypeHTML, true
	case urlType:
		return contentTypeURL, true
	case cssType:
		return contentTypeCSS, true
	case htmlAttrType:
		return contentTypeHTMLAttr, true
	case jsType:
		return contentTypeJS, true
	case jsStrType:
		return contentTypeJSStr, true
	case srcsetType:
		return contentTypeSrcset, true
	}
	return 0, false
}

// stringifyValue is stringify(v.Interface()) for the values it knows
// without boxing them: a string or typed content, and a string, bool or
// integer of a type that fmt.Sprint prints as strconv does (printsAsKind).
// ok is false for any other value, including pointers, which stringify
// follows.
func stringifyValue(v reflect.Value) (s string, t contentType, ok bool) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", 0, false
		}
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() {
		return "", 0, false
	}
	switch v.Kind() {
	case reflect.String:
		if t, ok := contentTypeOf(v.Type()); ok {
			return v.String(), t, true
		}
		if printsAsKind(v.Type()) {
			return v.String(), contentTypePlain, true
		}
	case reflect.Bool:
		if printsAsKind(v.Type()) {
			return strconv.FormatBool(v.Bool()), contentTypePlain, true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if printsAsKind(v.Type()) {
			return strconv.FormatInt(v.Int(), 10), contentTypePlain, true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if printsAsKind(v.Type()) {
			return strconv.FormatUint(v.Uint(), 10), contentTypePlain, true
		}
	}
	return "", 0, false
}

var formatterType = reflect.TypeFor[fmt.Formatter]()

// printsAsKind reports whether fmt.Sprint prints a value of type typ as
// the string, bool or integer it is: whether typ has none of the methods
// that fmt calls instead. The answer for a type with methods is kept
// (printsAsKindOf), as Implements searches the method set.
func printsAsKind(typ reflect.Type) bool {
	if typ.NumMethod() == 0 {
		return true
	}
	if m := printsAsKindOf.Load(); m != nil {
		if ok, found := (*m)[typ]; found {
			return ok
		}
	}
	ok := !typ.Implements(formatterType) && !typ.Implements(fmtStringerType) && !typ.Implements(errorType)
	printsAsKindMu.Lock()
	defer printsAsKindMu.Unlock()
	next := map[reflect.Type]bool{typ: ok}
	if old := printsAsKindOf.Load(); old != nil {
		maps.Copy(next, *old)
	}
	printsAsKindOf.Store(&next)
	return ok
}

// printsAsKindOf is copied on write: templates print values of a few
// types with methods, and every read is a map access without a lock.
var (
	printsAsKindOf atomic.Pointer[map[reflect.Type]bool]
	printsAsKindMu sync.Mutex
)
