package query

import (
	"sort"

	"github.com/prometheus/common/model"
)

// accumulator sums values into series keyed by the group-by labels, per timestamp.
type accumulator struct {
	groupBy []string
	series  map[model.Fingerprint]*model.Metric
	points  map[model.Fingerprint]map[model.Time]float64
}

func newAccumulator(groupBy []string) *accumulator {
	return &accumulator{groupBy: groupBy, series: map[model.Fingerprint]*model.Metric{}, points: map[model.Fingerprint]map[model.Time]float64{}}
}

// add adds v at ts to the series of labels (plus typ as "type") reduced to the group-by labels.
func (a *accumulator) add(labels model.Metric, typ string, ts model.Time, v float64, extra model.Metric) {
	m := model.Metric{}
	for _, g := range a.groupBy {
		val := labels[model.LabelName(g)]
		if g == "type" {
			val = model.LabelValue(typ)
		}
		m[model.LabelName(g)] = val
	}
	for k, v := range extra {
		m[k] = v
	}
	fp := m.Fingerprint()
	if _, ok := a.series[fp]; !ok {
		a.series[fp] = &m
		a.points[fp] = map[model.Time]float64{}
	}
	a.points[fp][ts] += v
}

func (a *accumulator) matrix() model.Matrix {
	out := model.Matrix{}
	for fp, m := range a.series {
		s := &model.SampleStream{Metric: *m}
		for ts, v := range a.points[fp] {
			s.Values = append(s.Values, model.SamplePair{Timestamp: ts, Value: model.SampleValue(v)})
		}
		sort.Slice(s.Values, func(i, j int) bool { return s.Values[i].Timestamp < s.Values[j].Timestamp })
		out = append(out, s)
	}
	return out
}

// appendPoints adds the points of more to the series of m with the same labels (new series for the
// rest), keeping each series in time order.
func appendPoints(m, more model.Matrix) model.Matrix {
	at := map[model.Fingerprint]*model.SampleStream{}
	for _, s := range m {
		at[s.Metric.Fingerprint()] = s
	}
	for _, s := range more {
		if t, ok := at[s.Metric.Fingerprint()]; ok {
			t.Values = append(t.Values, s.Values...)
			sort.Slice(t.Values, func(i, j int) bool { return t.Values[i].Timestamp < t.Values[j].Timestamp })
			continue
		}
		m = append(m, s)
	}
	return m
}
