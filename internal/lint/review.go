package lint

import (
	"time"

	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/site"
)

// reviewDue is the check of Reviews, which site.yaml's lint.disable turns
// off as it does the others.
var reviewDue = byName("review-due")

// Reviews warns about each guide whose vet review is due on or before
// today (CG714). It is apart from Check because it is the one check that
// depends on the day: Check runs in every build, and a build must give the
// same result whichever day it runs, so only `careguide check` calls
// Reviews, with the clock's day; tests pass the day they mean.
func Reviews(s *site.Site, today time.Time) diag.List {
	if !s.Config.Lint.Enabled(reviewDue) {
		return nil
	}
	every := int(s.Config.ReviewEvery)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var diags diag.List
	for _, g := range s.Guides() {
		next := g.Guide.ReviewDue(every)
		if g.ReviewedBy.IsZero() || next.IsZero() || day.Before(next) {
			continue
		}
		d := warn(g, g.ReviewedBy.Line, g.ReviewedBy.Col,
			"have the guide reviewed again and set reviewed_on: to the day of that review",
			"review overdue: reviewed %s by %s, next review was due %s", g.ReviewedOn, g.ReviewedBy.Name, next.Format(time.DateOnly))
		d.Code = diag.CodeReviewDue
		diags = append(diags, d)
	}
	diags.Sort()
	return diags
}

// Unreviewed lists the files of the guides no vet has reviewed (no
// reviewed_by), for check --strict to name. It is a list, not a warning:
// a guide says so to its readers, and a site whose guides await a
// reviewer is honest, not broken.
func Unreviewed(s *site.Site) []string {
	var files []string
	for _, g := range s.Guides() {
		if g.ReviewedBy.IsZero() {
			files = append(files, "content/"+g.Path)
		}
	}
	return files
}
