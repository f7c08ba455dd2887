//go:build nojsonfast

package render

const jsonFastPath = false
