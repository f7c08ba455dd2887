package yamlfast

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

// reference parses data the way Parse promises to behave.
func reference(data []byte) (*yaml.Node, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// diffNodes describes the first difference between two trees, ignoring
// comment fields (the fast path drops comments), or returns "".
func diffNodes(path string, got, want *yaml.Node) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
		return ""
	}
	g, w := describe(got), describe(want)
	if g != w {
		return fmt.Sprintf("%s:\n got  %s\n want %s", path, g, w)
	}
	if (got.Alias == nil) != (want.Alias == nil) {
		return path + ": alias differs"
	}
	for i := range got.Content {
		if d := diffNodes(fmt.Sprintf("%s/%d", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

func describe(n *yaml.Node) string {
	return fmt.Sprintf("kind=%d style=%d tag=%q value=%q anchor=%q at %d:%d with %d children",
		n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column, len(n.Content))
}

// checkSame fails t if Parse(data) differs from yaml.v3, and reports
// whether the fast path handled data. It calls parseFast directly so that
// a panic in the fast path is a test failure, not a silent fallback.
func checkSame(t testing.TB, name string, data []byte) (fast bool) {
	t.Helper()
	want, wantErr := reference(data)
	fastNode, fast := parseFast(data)
	got, gotErr := Parse(data)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: error mismatch: got %v, want %v\ninput: %q", name, gotErr, wantErr, data)
	}
	if wantErr != nil {
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("%s: error text: got %v, want %v", name, gotErr, wantErr)
		}
		if fast {
			t.Fatalf("%s: fast path accepted input yaml.v3 rejects (%v)\ninput: %q", name, wantErr, data)
		}
		return false
	}
	if d := diffNodes("doc", got, want); d != "" {
		t.Fatalf("%s: Parse differs from yaml.v3 at %s\ninput: %q", name, d, data)
	}
	if fast {
		if d := diffNodes("doc", fastNode, want); d != "" {
			t.Fatalf("%s: fast path differs from yaml.v3 at %s\ninput: %q", name, d, data)
		}
	}
	// ParseTree reuses the nodes of trees released before, here those of
	// the documents checked before this one.
	tree, err := ParseTree(data)
	if err != nil {
		t.Fatalf("%s: ParseTree: %v", name, err)
	}
	if d := diffNodes("doc", tree.Root, want); d != "" {
		t.Fatalf("%s: ParseTree differs from yaml.v3 at %s\ninput: %q", name, d, data)
	}
	tree.Release()
	return fast
}
