package yamlfast

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRandomDocuments complements the byte-level fuzzer with documents
// built from the grammar: realistic structure with random indentation,
// comments, blank lines and tricky scalars, so that most of them take the
// fast path and every decision it makes is compared with yaml.v3.
func TestRandomDocuments(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for range n {
		g := docGen{r: r}
		g.mapping(0, 0)
		if checkSame(t, "random", []byte(g.b.String())) {
			fast++
		}
	}
	if fast < n/4 {
		t.Errorf("only %d of %d random documents took the fast path", fast, n)
	}
	t.Logf("%d of %d random documents took the fast path", fast, n)
}

type docGen struct {
	r *rand.Rand
	b strings.Builder
}

var (
	genKeys = []string{"title", "a", "b", "1", "true", "null", "2026-01-01",
		"a-b", "x_y", "k9", "_", "title", "body", "steps", "-k", "a b", "0x1"}
	genScalars = []string{"x", "hello world", "", "~", "null", "true", "False",
		"10", "-3", "0", "007", "1.5", "0x1F", "+1", "1_0", "10m", "9d", "2-3 days",
		"2026-11-20", "2026-02-30", "2026-1-2", ".inf", "-.inf", ".x", "<<",
		"a: b", "a:b", "a #b", "a#b", "- x", "-x", "--", "[a]", "{a}", "?x", ":x",
		"@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "é ü", "漢字", "x\t y",
		"https://e.org/a", "it's", "say \"hi\"", "a,b", "a ]", "#x", "a  ", " a",
		"---", "...", "a\\b", "yes", "NO", "-", "9223372036854775807"}
)

// safeScalars stay on the fast path in any scalar style.
var safeScalars = []string{"x", "hello world", "10", "true", "null", "é ü",
	"it's", "2026-11-20", "a:b", "a#b", "https://e.org/a", "10m", "-x", "~"}

func (g *docGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *docGen) pad(n int) { g.b.WriteString(strings.Repeat(" ", n)) }

// noise writes blank and comment lines at random indentation.
func (g *docGen) noise(indent int) {
	for g.r.IntN(6) == 0 {
		g.pad(max(0, indent+g.r.IntN(5)-2))
		if g.r.IntN(2) == 0 {
			g.b.WriteString("# note")
		}
		g.b.WriteByte('\n')
	}
}

func (g *docGen) mapping(indent, first int) {
	for i := range 1 + g.r.IntN(4) {
		if i > 0 || first == 0 {
			g.noise(indent)
			g.pad(indent)
		}
		g.b.WriteString(g.pick(genKeys))
		g.b.WriteString(":")
		g.value(indent, true)
	}
}

func (g *docGen) sequence(indent int) {
	for range 1 + g.r.IntN(3) {
		g.noise(indent)
		g.pad(indent)
		g.b.WriteString("-")
		g.value(indent, false)
	}
}

// value writes what follows "key:" or "-", then the line break(s).
func (g *docGen) value(indent int, inMapping bool) {
	depthOK := indent < 12
	switch k := g.r.IntN(12); {
	case k == 0 && depthOK:
		g.b.WriteString(g.trail() + "\n")
		in := indent + 1 + g.r.IntN(3)
		if inMapping && g.r.IntN(2) == 0 {
			in = indent
		}
		g.sequence(in)
	case k == 1 && depthOK:
		g.b.WriteString(g.trail() + "\n")
		g.mapping(indent+1+g.r.IntN(3), 0)
	case k == 2 && depthOK && !inMapping:
		sp := 1 + g.r.IntN(2)
		g.pad(sp)
		g.mapping(indent+1+sp, 1)
	case k == 3:
		g.blockScalar(indent)
	case k == 4:
		g.b.WriteString(" [")
		for j := range g.r.IntN(4) {
			if j > 0 {
				g.b.WriteString(", ")
			}
			g.b.WriteString(g.scalar())
		}
		g.b.WriteString("]" + g.trail() + "\n")
	default:
		g.b.WriteString(" " + g.scalar() + g.trail() + "\n")
	}
}

func (g *docGen) trail() string {
	switch g.r.IntN(8) {
	case 0:
		return " # c"
	case 1:
		return "  "
	}
	return ""
}

func (g *docGen) scalar() string {
	s := g.pick(safeScalars)
	if g.r.IntN(8) == 0 {
		s = g.pick(genScalars)
	}
	switch g.r.IntN(4) {
	case 0:
		r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`)
		return `"` + r.Replace(s) + `"`
	case 1:
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

func (g *docGen) blockScalar(indent int) {
	g.b.WriteString(" " + g.pick([]string{"|", "|-", ">", ">-", "|+", "|2"}) + g.trail() + "\n")
	in := indent + 1 + g.r.IntN(3)
	for range 1 + g.r.IntN(4) {
		switch g.r.IntN(5) {
		case 0:
			g.pad(g.r.IntN(in + 2))
		case 1:
			g.pad(in + g.r.IntN(2))
			g.b.WriteString("# text " + g.pick(genScalars))
		default:
			g.pad(in)
			g.b.WriteString(g.pick(genScalars))
		}
		g.b.WriteByte('\n')
	}
}

// TestRandomNumberLikeScalars targets tag resolution: short strings over
// the characters of ints, floats and timestamps, as values and keys.
func TestRandomNumberLikeScalars(t *testing.T) {
	const alphabet = "0123456789-+._eExXoObB:aZ. T"
	n := 30000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(3, 4))
	fast := 0
	for range n {
		b := make([]byte, 1+r.IntN(10))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if r.IntN(4) == 0 {
			copy(b, "2026-0")
		}
		s := string(b)
		if checkSame(t, "value", []byte("k: "+s+"\n")) {
			fast++
		}
		checkSame(t, "flow", []byte("k: ["+s+"]\n"))
		checkSame(t, "key", []byte(s+": v\n"))
	}
	t.Logf("%d of %d values took the fast path", fast, n)
}
