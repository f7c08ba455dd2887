package render

import (
	"strings"
	"testing"
)

// The default theme shows site.yaml's emergency: text, with its phone as a
// tel: link, and the disclaimer on every guide page, and a general line
// when site.yaml has none. Other kinds of page carry neither.
func TestEmergencyOnGuides(t *testing.T) {
	guide := "-- content/guides/a.md --\n---\ntitle: A\ndescription: d\n---\nBody.\n"
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"set", "emergency:\n  text: Call Northside Vets <now>.\n  phone: \"+61 (2) 9555-0100\"\n",
			[]string{"Call Northside Vets &lt;now&gt;.", `<a class="emergency-phone" href="tel:&#43;61295550100">&#43;61 (2) 9555-0100</a>`}},
		{"text only", "emergency:\n  text: Call your vet.\n", []string{"Call your vet.</p>"}},
		{"unset", "", []string{"call your vet or the nearest emergency vet straight away.</p>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := strings.Replace(testSiteHead, "base_url: https://example.org/care/\n", "base_url: https://example.org/care/\n"+tt.yaml, 1)
			s, th := linkSite(t, txtarFS(site+guide))
			files, diags := All(s, th)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			pages := map[string]string{}
			for _, f := range files {
				pages[f.Path] = string(f.Data)
			}
			page := pages["guides/a/index.html"]
			for _, want := range append(tt.want, `<div class="emergency" role="note">`, `<p class="disclaimer">This guide is general information.`) {
				if !strings.Contains(page, want) {
					t.Errorf("guide page lacks %s", want)
				}
			}
			if strings.Contains(page, "tel:") != strings.Contains(tt.yaml, "phone:") {
				t.Errorf("a tel: link without a phone in site.yaml, or the other way round")
			}
			if home := pages["index.html"]; strings.Contains(home, `class="emergency"`) {
				t.Error("the home page shows the guides' emergency note")
			}
		})
	}
}
