package rewrite

import (
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

// Selector prints name{matchers} with Prometheus's own printer, so every value is escaped; a name
// older parsers cannot read (UTF-8, with dots) goes into a quoted __name__ matcher instead.
func Selector(name string, ms ...*labels.Matcher) string {
	vs := &parser.VectorSelector{LabelMatchers: append([]*labels.Matcher{labels.MustNewMatcher(labels.MatchEqual, model.MetricNameLabel, name)}, ms...)}
	if model.LegacyValidation.IsValidMetricName(name) {
		vs.Name = name
	}
	return vs.String()
}
