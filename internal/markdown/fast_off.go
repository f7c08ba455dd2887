//go:build noplainfast

package markdown

const plainFastPath = false
