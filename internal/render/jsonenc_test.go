package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// tricky strings: every escape json.Marshal makes, and what it copies.
var jsonStrings = []string{
	"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>",
	"\b\f\n\r\t\x00\x01\x1f\x7f", "caf\u00e9 \U0001F408", "\u2028\u2029",
	"bad \xff\xfe utf8 \xe2\x80", "\xed\xa0\x80 surrogate", "tail \xc3",
}

func TestJSONMatchesMarshal(t *testing.T) {
	for _, s := range jsonStrings {
		checkJSON(t, s, s, s)
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s, "x", "")
	}
	f.Fuzz(checkJSON)
}

// checkJSON compares the appenders with json.Marshal on structs made of
// the given strings.
func checkJSON(t *testing.T, a, b, c string) {
	t.Helper()
	want, _ := json.Marshal(a)
	if got := appendJSONString(nil, a); !bytes.Equal(got, want) {
		t.Fatalf("appendJSONString(%q) = %s, json.Marshal %s", a, got, want)
	}
	for _, h := range []howToJSON{
		{Context: "https://schema.org", Type: "HowTo", Name: a, Description: c, URL: b, TotalTime: c, DateModified: a, Image: b + "y",
			Step: []howToStep{{Type: "HowToStep", Position: 1, Name: a, Text: b, URL: c}, {Type: "HowToStep", Position: 12, Name: c, Text: a, URL: b, Image: a + "x"}},
			Tool: []howToThing{{Type: "HowToTool", Name: b}}, Supply: []howToThing{{Type: "HowToSupply", Name: a}, {Type: "HowToSupply", Name: c}}},
		{Name: a, URL: b}, // every omitempty field empty
	} {
		want, _ = json.Marshal(h)
		if got := appendHowTo(nil, &h); !bytes.Equal(got, want) {
			t.Fatalf("appendHowTo(%+v) =\n%s\njson.Marshal\n%s", h, got, want)
		}
	}
}
