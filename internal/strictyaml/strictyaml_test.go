package strictyaml

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

type decoded struct {
	Title string            `yaml:"title"`
	Names []string          `yaml:"names"`
	Items []item            `yaml:"items"`
	Extra map[string]string `yaml:"extra"`
}

type item struct {
	Name string `yaml:"name"`
	Kind kind   `yaml:"kind"`
}

type kind string

// docTree is a node tree for
//
//	title: ...
//	names: [...]
//	items: [{name: ..., kind: ...}]
//	extra: {...}
//
// whose every text is a slice of doc, as yamlfast's nodes are slices of
// the frontmatter they were parsed from.
func docTree(doc string) *yaml.Node {
	next := 0
	text := func(s string) *yaml.Node {
		i := strings.Index(doc[next:], s) + next
		next = i + len(s)
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: doc[i:next], Line: 1, Column: 1}
	}
	mapping := func(kv ...*yaml.Node) *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Content: kv} }
	seq := func(items ...*yaml.Node) *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Content: items} }
	return mapping(
		text("title"), text("Leash training"),
		text("names"), seq(text("cat"), text(""), text("dog")),
		text("items"), seq(mapping(text("name"), text("Harness"), text("kind"), text("walking"))),
		text("extra"), mapping(text("colour"), text("ginger")),
	)
}

const docText = "title: Leash training names: cat dog items: name: Harness kind: walking extra: colour: ginger"

func TestDecodeStrings(t *testing.T) {
	var got decoded
	var d Decoder
	if diags := d.Decode(docTree(docText), &got); len(diags) > 0 {
		t.Fatal(diags)
	}
	if got.Title != "Leash training" || strings.Join(got.Names, ",") != "cat,,dog" ||
		len(got.Items) != 1 || got.Items[0] != (item{"Harness", "walking"}) || got.Extra["colour"] != "ginger" {
		t.Errorf("decoded %+v", got)
	}
}

// The decoded strings must not keep the document they were read from
// alive: a build holds 10,000 guides' decoded frontmatter, which would
// otherwise pin 10,000 frontmatter blocks.
func TestDecodedStringsDoNotPinTheDocument(t *testing.T) {
	buf := make([]byte, 4096) // big enough to be an allocation of its own
	copy(buf, docText)
	freed := make(chan struct{})
	runtime.AddCleanup(&buf[0], func(ch chan struct{}) { close(ch) }, freed)
	var got decoded
	var d Decoder
	if diags := d.Decode(docTree(unsafe.String(&buf[0], len(docText))), &got); len(diags) > 0 {
		t.Fatal(diags)
	}
	buf = nil
	// A cleanup runs some time after the collection that frees its object;
	// the deadline only guards against waiting forever for a document
	// that something still pins.
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		select {
		case <-freed:
			if got.Title != "Leash training" || got.Items[0].Kind != "walking" || got.Extra["colour"] != "ginger" {
				t.Errorf("decoded %+v", got)
			}
			return
		case <-time.After(10 * time.Millisecond): // then collect again
		}
	}
	t.Fatalf("the document was never freed while its decoded values %+v lived", got)
}
