package query

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// measureExpr is the whole measure: one branch per agent metric, each grouped by every canonical
// label (so agents never collide in "or"), then summed by the requested labels.
func (b *builder) measureExpr(meas catalog.Measure, f Filters, groupBy []string) (string, error) {
	b.keep = nil
	for _, l := range []string{"user", "model"} {
		if contains(groupBy, l) {
			b.keep = append(b.keep, l)
		}
	}
	var branches []string
	for _, mt := range meas.Metrics {
		if len(f.Agent) > 0 && !contains(f.Agent, mt.Agent) {
			continue
		}
		agent, ok := b.cat.Agent(mt.Agent)
		if !ok {
			return "", fmt.Errorf("catalog: agent %q unknown", mt.Agent)
		}
		if br := b.branch(mt, agent, f, b.types(mt, f)); br != "" {
			branches = append(branches, "("+br+")")
		}
	}
	if len(branches) == 0 {
		return "", fmt.Errorf("measure %s has no metric for the chosen agents and types", meas.ID)
	}
	return sumBy(groupBy, strings.Join(branches, " or ")), nil
}

// types are the canonical types asked for, or every disjoint type the metric has (sub-breakdowns
// such as reasoning only when asked for by name).
func (b *builder) types(mt catalog.Metric, f Filters) []string {
	if len(f.Type) > 0 {
		return f.Type
	}
	seen := map[string]bool{}
	var out []string
	for _, v := range mt.TypeMap {
		if v == nil || seen[*v] {
			continue
		}
		if _, sub := b.cat.SubTypes[*v]; sub {
			continue
		}
		seen[*v] = true
		out = append(out, *v)
	}
	sort.Strings(out)
	return out
}

// branch is sum by (agent, kept labels, type) of one agent's metric; "" when the filters exclude it.
func (b *builder) branch(mt catalog.Metric, agent catalog.Agent, f Filters, types []string) string {
	tl := b.typeLabel(mt)
	if len(mt.TypeMap) == 0 || tl == "" {
		var extra []*labels.Matcher
		if tl != "" && len(f.Type) > 0 {
			extra = append(extra, matcher(labels.MatchRegexp, tl, regexOf(f.Type)))
		}
		if tl == "" && len(f.Type) > 0 {
			return "" // a type filter excludes metrics without types
		}
		raw := b.rawSum(b.increase(mt, agent, f, extra...), mt, agent, true)
		return sumBy(b.branchLabels(), b.setType(b.canonicalise(raw, mt, agent), mt, nil))
	}
	if len(mt.SubsetOf) == 0 {
		var raws []string
		for _, c := range types {
			raws = append(raws, mt.RawTypes(c)...)
		}
		if len(raws) == 0 {
			return ""
		}
		raw := b.rawSum(b.increase(mt, agent, f, matcher(labels.MatchRegexp, tl, regexOf(raws))), mt, agent, true)
		return sumBy(b.branchLabels(), b.setType(b.canonicalise(raw, mt, agent), mt, raws))
	}
	var parts []string
	for _, c := range types {
		if p := b.subsetType(mt, agent, f, c); p != "" {
			parts = append(parts, "("+p+")")
		}
	}
	return strings.Join(parts, " or ")
}

// owned is sum by (agent and the kept labels) of the metric's series whose raw type is one of raws.
func (b *builder) owned(mt catalog.Metric, agent catalog.Agent, f Filters, raws []string) string {
	raw := b.rawSum(b.increase(mt, agent, f, matcher(labels.MatchRegexp, b.typeLabel(mt), regexOf(raws))), mt, agent, false)
	return sumBy(b.ownerLabels(), b.canonicalise(raw, mt, agent))
}

// subsetType computes one canonical type of a metric whose raw types overlap (Codex: cached_input is
// inside input). Series a collector already normalised (raw type = the canonical name) are preferred
// per group of the kept labels, and then nothing is subtracted, so nothing is counted twice.
func (b *builder) subsetType(mt catalog.Metric, agent catalog.Agent, f Filters, c string) string {
	if e, ok := b.subsetTypeFast(mt, agent, f, c); ok {
		return e
	}
	raws := mt.RawTypes(c)
	_, cIsRaw := mt.TypeMap[c]
	var pos string
	switch {
	case len(raws) > 0 && cIsRaw:
		pos = b.owned(mt, agent, f, raws)
	case len(raws) > 0:
		pos = b.owned(mt, agent, f, []string{c}) + " or " + b.owned(mt, agent, f, raws)
	case !cIsRaw:
		pos = b.owned(mt, agent, f, []string{c})
	default:
		return ""
	}
	var subs, norms []string
	for k, parent := range mt.SubsetOf {
		canon, ok := mt.CanonicalType(k)
		if !contains(raws, parent) || !ok || !contains(b.cat.TokenTypes, canon) {
			continue
		}
		subs = append(subs, k)
		if _, isRaw := mt.TypeMap[canon]; !isRaw {
			norms = append(norms, canon)
		}
	}
	val := pos
	if len(subs) > 0 {
		sub := b.owned(mt, agent, f, subs)
		if len(norms) > 0 {
			sub = "(" + sub + " unless on (" + strings.Join(b.ownerLabels(), ", ") + ") " + b.owned(mt, agent, f, norms) + ")"
		}
		val = fmt.Sprintf("clamp_min((%s) - (%s or (%s) * 0), 0)", pos, sub, pos)
	}
	return fmt.Sprintf(`label_replace(%s, "type", %s, "", "")`, val, quote(c))
}

// subsetTypeFast is subsetType when the store is known to hold no collector-normalised series of
// the metric (the usual case): each canonical type is then one increase() over its raw types, the
// subsets entering with a -1 sign (input - cached_input as one sum), so every series is read once
// per type instead of once per alternative.
func (b *builder) subsetTypeFast(mt catalog.Metric, agent catalog.Agent, f Filters, c string) (string, bool) {
	present, known := b.present[mt.Name(b.dialect)]
	if !known {
		return "", false
	}
	for raw := range present {
		if _, isRaw := mt.TypeMap[raw]; !isRaw && contains(b.cat.TokenTypes, raw) {
			return "", false // normalised series exist: the full formula picks per group
		}
	}
	var plus, minus []string
	for _, r := range mt.RawTypes(c) {
		if present[r] {
			plus = append(plus, r)
		}
	}
	if len(plus) == 0 {
		return "", true
	}
	for k, parent := range mt.SubsetOf {
		canon, ok := mt.CanonicalType(k)
		if present[k] && ok && contains(plus, parent) && contains(b.cat.TokenTypes, canon) {
			minus = append(minus, k)
		}
	}
	sort.Strings(minus)
	tl := b.typeLabel(mt)
	raw := b.rawSum(b.increase(mt, agent, f, matcher(labels.MatchRegexp, tl, regexOf(append(append([]string{}, plus...), minus...)))), mt, agent, true)
	if len(minus) > 0 {
		var signs []string
		for _, r := range plus {
			signs = append(signs, fmt.Sprintf(`label_replace(vector(1), %s, %s, "", "")`, quote(tl), quote(r)))
		}
		for _, r := range minus {
			signs = append(signs, fmt.Sprintf(`label_replace(vector(-1), %s, %s, "", "")`, quote(tl), quote(r)))
		}
		on := tl
		if !model.LegacyValidation.IsValidLabelName(tl) {
			on = quote(tl)
		}
		raw = fmt.Sprintf("(%s * on (%s) group_left () (%s))", raw, on, strings.Join(signs, " or "))
	}
	val := sumBy(b.ownerLabels(), b.canonicalise(raw, mt, agent))
	if len(minus) > 0 {
		val = "clamp_min(" + val + ", 0)"
	}
	return fmt.Sprintf(`label_replace(%s, "type", %s, "", "")`, val, quote(c)), true
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
