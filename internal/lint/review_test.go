package lint

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// reviews links a site and returns what Reviews says on the given day.
func reviews(t *testing.T, siteYAML string, files map[string]string, today time.Time) string {
	t.Helper()
	var b strings.Builder
	for _, d := range Reviews(linked(t, siteYAML, files), today) {
		b.WriteString(d.Position() + ": " + d.Code + " " + d.Message + "\n")
	}
	return b.String()
}

// A review is due review_every months after reviewed_on: not the day
// before, from that day on; the time of day does not matter.
func TestReviewsDue(t *testing.T) {
	files := map[string]string{
		"_index.md":   home,
		"guides/a.md": clean("A", "reviewed_by:\n  name: Dr A\nreviewed_on: 2026-03-15\n"),
		"guides/b.md": clean("B", ""),
	}
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	if got := reviews(t, "title: T\n", files, day(2027, time.March, 14, 23)); got != "" {
		t.Errorf("the day before it is due:\n%s", got)
	}
	want := "content/guides/a.md:8:3: CG714 review overdue: reviewed 2026-03-15 by Dr A, next review was due 2027-03-15\n"
	if got := reviews(t, "title: T\n", files, day(2027, time.March, 15, 0)); got != want {
		t.Errorf("on the day it is due:\n got %s\nwant %s", got, want)
	}
	if got := reviews(t, "title: T\nreview_every: 6mo\n", files, day(2026, time.September, 15, 9)); got == "" {
		t.Error("review_every: 6mo: no warning six months on")
	}
	if got := reviews(t, "title: T\nlint:\n  disable: [review-due]\n", files, day(2030, time.January, 1, 0)); got != "" {
		t.Errorf("a disabled review check still warns:\n%s", got)
	}
}

// Unreviewed names the guides without a reviewer, and only those.
func TestUnreviewed(t *testing.T) {
	s := linked(t, "title: T\n", map[string]string{
		"_index.md":   home,
		"guides/a.md": clean("A", "reviewed_by:\n  name: Dr A\nreviewed_on: 2026-03-15\n"),
		"guides/b.md": clean("B", ""),
	})
	if got := Unreviewed(s); !slices.Equal(got, []string{"content/guides/b.md"}) {
		t.Errorf("Unreviewed = %q, want content/guides/b.md alone", got)
	}
}
