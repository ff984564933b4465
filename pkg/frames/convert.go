// Package frames turns Prometheus API results into Grafana data frames.
package frames

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
)

// Options shape the frames made from one query's result.
type Options struct {
	RefID        string
	Unit         string // Grafana unit id: short, currencyUSD, s, ...
	LegendFormat string // "{{user}} {{model}}"; empty uses the label set
	Executed     string // the PromQL actually sent to the store
	Custom       any    // frame meta custom: source label, formula, ...
	// CustomRest, when set, is the custom meta of every frame after the first: a short reference
	// (the measure) instead of repeating the whole description on each series.
	CustomRest any
	Notices    []data.Notice
}

// FromValue converts a matrix, vector or scalar into frames, one series per frame.
func FromValue(v model.Value, o Options) (data.Frames, error) {
	switch val := v.(type) {
	case model.Matrix:
		return fromMatrix(val, o), nil
	case model.Vector:
		return fromVector(val, o), nil
	case *model.Scalar:
		return data.Frames{newFrame(o, data.FrameTypeNumericMulti, nil,
			[]time.Time{val.Timestamp.Time()}, []float64{float64(val.Value)})}, nil
	case nil:
		return data.Frames{}, nil
	default:
		return nil, fmt.Errorf("unsupported result type %s", v.Type())
	}
}

// trimRepeatedMeta keeps the executed query, the notices and the full custom meta on the first frame
// only: Grafana reads them there, and repeating them on every series makes large answers slow.
func trimRepeatedMeta(f data.Frames, o Options) data.Frames {
	for _, fr := range f[min(1, len(f)):] {
		m := *fr.Meta
		m.ExecutedQueryString, m.Notices = "", nil
		if o.CustomRest != nil {
			m.Custom = o.CustomRest
		}
		fr.Meta = &m
	}
	return f
}

// fromMatrix makes ONE wide time-series frame: a shared time field and one value field per series
// (labels, unit and display name on the field; null where a series has no point). One frame encodes
// far faster than a frame per series when a range answer holds thousands of series.
func fromMatrix(m model.Matrix, o Options) data.Frames {
	if len(m) == 0 {
		return withEmptyMeta(nil, o, data.FrameTypeTimeSeriesWide)
	}
	sort.Slice(m, func(i, j int) bool { return m[i].Metric.String() < m[j].Metric.String() })
	index := map[model.Time]int{}
	var times []model.Time
	for _, s := range m {
		for _, p := range s.Values {
			if _, ok := index[p.Timestamp]; !ok {
				index[p.Timestamp] = 0
				times = append(times, p.Timestamp)
			}
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	ts := make([]time.Time, len(times))
	for i, t := range times {
		index[t] = i
		ts[i] = t.Time()
	}
	fields := []*data.Field{data.NewField(data.TimeSeriesTimeFieldName, nil, ts)}
	for _, s := range m {
		vs := make([]*float64, len(times))
		for _, p := range s.Values {
			v := float64(p.Value)
			vs[index[p.Timestamp]] = &v
		}
		fields = append(fields, valueField(o, s.Metric, vs))
	}
	f := data.NewFrame("", fields...)
	f.RefID = o.RefID
	f.Meta = meta(o, data.FrameTypeTimeSeriesWide)
	return data.Frames{f}
}

func fromVector(v model.Vector, o Options) data.Frames {
	sort.Slice(v, func(i, j int) bool { return v[i].Metric.String() < v[j].Metric.String() })
	out := make(data.Frames, 0, len(v))
	for _, s := range v {
		out = append(out, newFrame(o, data.FrameTypeNumericMulti, s.Metric,
			[]time.Time{s.Timestamp.Time()}, []float64{float64(s.Value)}))
	}
	return withEmptyMeta(trimRepeatedMeta(out, o), o, data.FrameTypeNumericMulti)
}

// withEmptyMeta keeps the executed query and notices visible when nothing matched.
func withEmptyMeta(f data.Frames, o Options, typ data.FrameType) data.Frames {
	if len(f) > 0 {
		return f
	}
	fr := data.NewFrame("", data.NewField(data.TimeSeriesTimeFieldName, nil, []time.Time{}),
		data.NewField(data.TimeSeriesValueFieldName, nil, []float64{}))
	fr.RefID = o.RefID
	fr.Meta = meta(o, typ)
	return data.Frames{fr}
}

// valueField is one series' values with its labels (bar __name__), unit and display name.
func valueField(o Options, metric model.Metric, values any) *data.Field {
	labels := data.Labels{}
	for k, v := range metric {
		if k == model.MetricNameLabel {
			continue
		}
		labels[string(k)] = string(v)
	}
	value := data.NewField(data.TimeSeriesValueFieldName, labels, values)
	cfg := &data.FieldConfig{Unit: o.Unit}
	if name := Legend(o.LegendFormat, metric); name != "" {
		cfg.DisplayNameFromDS = name
	}
	value.Config = cfg
	return value
}

func newFrame(o Options, typ data.FrameType, metric model.Metric, ts []time.Time, vs []float64) *data.Frame {
	value := valueField(o, metric, vs)
	f := data.NewFrame(string(metric[model.MetricNameLabel]), data.NewField(data.TimeSeriesTimeFieldName, nil, ts), value)
	f.RefID = o.RefID
	f.Meta = meta(o, typ)
	return f
}

func meta(o Options, typ data.FrameType) *data.FrameMeta {
	return &data.FrameMeta{
		Type:                typ,
		TypeVersion:         data.FrameTypeVersion{0, 1},
		ExecutedQueryString: o.Executed,
		Custom:              o.Custom,
		Notices:             o.Notices,
	}
}

var legendRe = regexp.MustCompile(`\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}`)

// Legend renders a legend format like Prometheus's "{{label}}" templates; empty format gives "".
func Legend(format string, metric model.Metric) string {
	if strings.TrimSpace(format) == "" || format == "__auto" {
		return ""
	}
	return legendRe.ReplaceAllStringFunc(format, func(m string) string {
		name := legendRe.FindStringSubmatch(m)[1]
		return string(metric[model.LabelName(name)])
	})
}
