package promserver

import (
	"sort"

	"github.com/prometheus/prometheus/prompb"
)

func sortedLabels(m map[string]string) []prompb.Label {
	out := make([]prompb.Label, 0, len(m))
	for k, v := range m {
		out = append(out, prompb.Label{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
