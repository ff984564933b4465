package query

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/rewrite"
)

// CanonicalLabels are the labels every usage series is grouped by inside a branch.
var CanonicalLabels = []string{"agent", "user", "model", "type"}

// Filters restrict a usage query to canonical label values.
type Filters struct {
	Agent []string `json:"agent,omitempty"`
	User  []string `json:"user,omitempty"`
	Model []string `json:"model,omitempty"`
	Type  []string `json:"type,omitempty"`
}

// allMarkers are what Grafana sends for a variable at "All"; they mean no filter, not a value.
var allMarkers = map[string]bool{"": true, "*": true, "$__all": true}

func withoutAll(vs []string) []string {
	var out []string
	for _, v := range vs {
		if !allMarkers[v] {
			out = append(out, v)
		}
	}
	return out
}

// withoutAllMarkers drops "All" markers; a filter left empty matches everything.
func (f Filters) withoutAllMarkers() Filters {
	return Filters{Agent: withoutAll(f.Agent), User: withoutAll(f.User), Model: withoutAll(f.Model), Type: withoutAll(f.Type)}
}

// builder writes PromQL for catalog measures in one dialect. Every selector is built as an AST
// node and printed by Prometheus's own printer, so filter values are escaped, never spliced.
type builder struct {
	cat     *catalog.Catalog
	dialect catalog.Dialect
	win     window // the bucket each evaluation counts (see window.go)
	// keep are the canonical labels besides agent and type the result needs (user, model). Raw
	// series are summed down to just their labels first, so the label_replace calls that make
	// canonical labels run on few series.
	keep []string
	// present maps a metric's store name to the raw type values it holds over the queried range;
	// metrics not in it are built with the formula that copes with any mix.
	present map[string]map[string]bool
}

func newBuilder(cat *catalog.Catalog, d catalog.Dialect, win window) *builder {
	return &builder{cat: cat, dialect: d, win: win}
}

// lookback is how far back a bucket's "last sample before" is looked for: past it, the collector has
// restarted the series (max_stale), so its next point is new usage, not a running total.
func (b *builder) lookback() time.Duration { return b.cat.MaxStale() + time.Hour }

// regexOf matches exactly the given values: each is QuoteMeta'd, so "a|b" or ".*" in a value stays literal.
func regexOf(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = regexp.QuoteMeta(v)
	}
	sort.Strings(q)
	return strings.Join(q, "|")
}

func matcher(t labels.MatchType, name, value string) *labels.Matcher {
	return labels.MustNewMatcher(t, name, value)
}

func (b *builder) label(attr string) string { return catalog.Label(attr, b.dialect) }

// quote writes a PromQL string literal.
func quote(s string) string { return fmt.Sprintf("%q", s) }

// typeLabel is the raw label holding the metric's type attribute, "" when it has none.
func (b *builder) typeLabel(mt catalog.Metric) string {
	if a, ok := mt.Labels["type"]; ok {
		return b.label(a)
	}
	return ""
}

// userMatchers restricts to canonical users: user = first non-empty of the agent's user attributes,
// so each alternative requires the earlier attributes to be empty. One selector matcher set each.
func (b *builder) userAlternatives(agent catalog.Agent, users []string) [][]*labels.Matcher {
	if len(users) == 0 {
		return [][]*labels.Matcher{nil}
	}
	var alts [][]*labels.Matcher
	var empties []*labels.Matcher
	for _, a := range agent.UserAttributes {
		l := b.label(a)
		alt := append(append([]*labels.Matcher{}, empties...), matcher(labels.MatchRegexp, l, regexOf(users)))
		alts = append(alts, alt)
		empties = append(empties, matcher(labels.MatchEqual, l, ""))
	}
	return alts
}

// increase is the window's exact delta (window.go) over every user alternative.
func (b *builder) increase(mt catalog.Metric, agent catalog.Agent, f Filters, extra ...*labels.Matcher) string {
	var base []*labels.Matcher
	if a, ok := mt.Labels["model"]; ok && len(f.Model) > 0 {
		base = append(base, matcher(labels.MatchRegexp, b.label(a), regexOf(f.Model)))
	}
	base = append(base, extra...)
	var parts []string
	for _, alt := range b.userAlternatives(agent, f.User) {
		ms := append(append([]*labels.Matcher{}, base...), alt...)
		parts = append(parts, b.win.delta(rewrite.Selector(mt.Name(b.dialect), ms...), b.lookback()))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " or ") + ")"
}

// rawSum sums the deltas down to the raw labels behind the kept canonical labels (and the type).
func (b *builder) rawSum(inc string, mt catalog.Metric, agent catalog.Agent, withType bool) string {
	var by []string
	if contains(b.keep, "user") {
		for _, a := range agent.UserAttributes {
			by = append(by, b.label(a))
		}
	}
	if a, ok := mt.Labels["model"]; ok && contains(b.keep, "model") {
		by = append(by, b.label(a))
	}
	if tl := b.typeLabel(mt); withType && tl != "" {
		by = append(by, tl)
	}
	for i, l := range by {
		if !model.LegacyValidation.IsValidLabelName(l) {
			by[i] = quote(l)
		}
	}
	return sumBy(by, inc)
}

// canonicalise adds the agent label and the kept user and model labels from the agent's attributes.
func (b *builder) canonicalise(expr string, mt catalog.Metric, agent catalog.Agent) string {
	e := fmt.Sprintf(`label_replace(%s, "agent", %s, "", "")`, expr, quote(agent.ID))
	if contains(b.keep, "user") {
		for i := len(agent.UserAttributes) - 1; i >= 0; i-- { // the first attribute wins: applied last
			e = fmt.Sprintf(`label_replace(%s, "user", "$1", %s, "(.+)")`, e, quote(b.label(agent.UserAttributes[i])))
		}
	}
	if a, ok := mt.Labels["model"]; ok && contains(b.keep, "model") && b.label(a) != "model" {
		e = fmt.Sprintf(`label_replace(%s, "model", "$1", %s, "(.*)")`, e, quote(b.label(a)))
	}
	return e
}

// branchLabels are what one agent's branch is grouped by: agent, the kept labels, and type.
func (b *builder) branchLabels() []string {
	return append(append([]string{"agent"}, b.keep...), "type")
}

// ownerLabels are the branch labels bar type: subset arithmetic matches on them.
func (b *builder) ownerLabels() []string { return append([]string{"agent"}, b.keep...) }

// setType maps raw type values to canonical ones (one label_replace per differing value).
func (b *builder) setType(expr string, mt catalog.Metric, raws []string) string {
	tl := b.typeLabel(mt)
	if tl == "" {
		return expr
	}
	if len(mt.TypeMap) == 0 {
		if tl == "type" {
			return expr
		}
		return fmt.Sprintf(`label_replace(%s, "type", "$1", %s, "(.*)")`, expr, quote(tl))
	}
	for _, raw := range raws {
		canon, ok := mt.CanonicalType(raw)
		if !ok || (canon == raw && tl == "type") {
			continue
		}
		expr = fmt.Sprintf(`label_replace(%s, "type", %s, %s, %s)`, expr, quote(canon), quote(tl), quote(regexp.QuoteMeta(raw)))
	}
	return expr
}

func sumBy(by []string, expr string) string {
	return "sum by (" + strings.Join(by, ", ") + ") (" + expr + ")"
}
