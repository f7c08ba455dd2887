//go:build !noplainfast

package markdown

// plainFastPath is false when built with -tags noplainfast, and
// bodyFastPath with -tags nobodyfast: every text then goes to goldmark,
// which is how the savings in fastpath.go and bodyfast.go are measured.
const plainFastPath = true
