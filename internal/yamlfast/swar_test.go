package yamlfast

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestWordChecks compares the word-at-a-time character checks with
// byte-by-byte ones: every byte value in every position, among random
// neighbours.
func TestWordChecks(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var b [8]byte
	for range 2000 {
		for i := range b {
			b[i] = byte(0x20 + r.IntN(0x5f)) // printable ASCII
		}
		for pos := range 8 {
			orig := b[pos]
			for c := range 256 {
				b[pos] = byte(c)
				if r.IntN(4) == 0 {
					b[(pos+1+r.IntN(7))%8] = byte(r.IntN(256))
				}
				w := binary.LittleEndian.Uint64(b[:])
				printable, text := true, true
				for _, c := range b {
					printable = printable && c >= 0x20 && c < 0x7f
					text = text && (c == '\n' || c >= 0x20 && c < 0x7f)
				}
				if printableASCII8(w) != printable || textWord(w) != text {
					t.Fatalf("%q: printableASCII8=%v textWord=%v", b, printableASCII8(w), textWord(w))
				}
			}
			b[pos] = orig
		}
	}
}
