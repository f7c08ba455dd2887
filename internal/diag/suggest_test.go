package diag

import "testing"

func TestSuggest(t *testing.T) {
	kinds := []string{"harness", "leash", "collar", "id-tag", "treats", "toy", "carrier", "other"}
	pages := []string{"guides/ok.md", "guides/clash.md", "guides/leash-training.md"}
	urls := []string{"/", "/about/", "/guides/", "/species/cat/", "/feed.xml"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"tag", kinds, `did you mean "id-tag"?`},     // contained whole, however far in
		{"harnes", kinds, `did you mean "harness"?`}, // one letter out
		{"Leash", kinds, `did you mean "leash"?`},    // case
		{"chain", kinds, ""},                         // nothing like it
		{"guides/gone.md", pages, ""},                // only the shared "guides/" and ".md" alike
		{"guides/leash-trainig.md", pages, `did you mean "guides/leash-training.md"?`},
		{"/abuot/", urls, `did you mean "/about/"?`}, // swapped letters
		{"/species/dog/", urls, ""},                  // another term, not a typo
		{"/feed.xm", urls, `did you mean "/feed.xml"?`},
		{"x", []string{"y"}, `did you mean "y"?`}, // short words: one edit is close
		{"titel", []string{"description", "title"}, `did you mean "title"?`},
		{"stail_after", []string{"stale_after", "disable"}, `did you mean "stale_after"?`},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
