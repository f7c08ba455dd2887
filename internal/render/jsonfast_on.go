//go:build !nojsonfast

package render

// jsonFastPath is false when built with -tags nojsonfast: the
// JSON-LD then goes through json.Marshal, which is how the
// saving in jsonenc.go is measured.
const jsonFastPath = true
