//go:build !nobodyfast

package markdown

const bodyFastPath = true
