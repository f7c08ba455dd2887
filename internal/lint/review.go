package lint

import (
	"time"

	"github.com/careguide/careguide/internal/config"
	"github.com/careguide/careguide/internal/diag"
	"github.com/careguide/careguide/internal/site"
)

// reviewChecks are the checks of Reviews, which site.yaml's lint.disable
// turns off as it does the others.
var reviewChecks = []config.LintCheck{byName("review-due"), byName("unreviewed")}

// Reviews warns about each guide whose vet review is due on or before
// today (CG714), and with unreviewed, about each guide that has no review
// at all (CG715). It is apart from Check because it is the one check that
// depends on the day: Check runs in every build, and a build must give the
// same result whichever day it runs, so only `careguide check` calls
// Reviews, with the clock's day; tests pass the day they mean.
func Reviews(s *site.Site, today time.Time, unreviewed bool) diag.List {
	cfg := &s.Config.Lint
	due, none := cfg.Enabled(reviewChecks[0]), unreviewed && cfg.Enabled(reviewChecks[1])
	every := int(s.Config.ReviewEvery)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var diags diag.List
	for _, g := range s.Guides() {
		if g.ReviewedBy.IsZero() {
			if none {
				d := warn(g, 0, 0, "have a vet check the guide, then add reviewed_by: and reviewed_on:",
					"not reviewed: no reviewed_by")
				d.Code = diag.CodeUnreviewed
				diags = append(diags, d)
			}
			continue
		}
		next := g.Guide.ReviewDue(every)
		if !due || next.IsZero() || day.Before(next) {
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
