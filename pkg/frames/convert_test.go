package frames

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
)

func TestMatrixBecomesOneWideFrameWithLabelsUnitAndNulls(t *testing.T) {
	m := model.Matrix{
		{Metric: model.Metric{"__name__": "tok", "user": "b@x"}, Values: []model.SamplePair{{Timestamp: 1000, Value: 2}}},
		{Metric: model.Metric{"__name__": "tok", "user": "a@x"}, Values: []model.SamplePair{{Timestamp: 1000, Value: 1}, {Timestamp: 2000, Value: 3}}},
	}
	fs, err := FromValue(m, Options{RefID: "A", Unit: "short", LegendFormat: "{{user}}", Executed: "q"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || len(fs[0].Fields) != 3 {
		t.Fatalf("frames = %d", len(fs))
	}
	f := fs[0]
	a, b := f.Fields[1], f.Fields[2]
	if a.Labels["user"] != "a@x" || a.Config.DisplayNameFromDS != "a@x" || b.Labels["user"] != "b@x" {
		t.Fatalf("sort/labels/legend wrong: %v %v", a.Labels, b.Labels)
	}
	if a.Config.Unit != "short" || f.Meta.Type != data.FrameTypeTimeSeriesWide || f.Meta.ExecutedQueryString != "q" {
		t.Fatalf("meta/unit wrong: %+v", f.Meta)
	}
	if f.Rows() != 2 || f.Fields[0].At(1).(time.Time).UnixMilli() != 2000 || *a.At(1).(*float64) != 3 || b.At(1).(*float64) != nil {
		t.Fatalf("values wrong")
	}
}

func TestEmptyResultKeepsExecutedQuery(t *testing.T) {
	fs, _ := FromValue(model.Vector{}, Options{RefID: "B", Executed: "sum(x)"})
	if len(fs) != 1 || fs[0].Meta.ExecutedQueryString != "sum(x)" || fs[0].Rows() != 0 {
		t.Fatalf("got %+v", fs)
	}
}

func TestLegend(t *testing.T) {
	m := model.Metric{"model": "opus", "type": "input"}
	if got := Legend("{{model}} / {{ type }} {{missing}}", m); got != "opus / input " {
		t.Fatalf("got %q", got)
	}
	if Legend("__auto", m) != "" || Legend("", m) != "" {
		t.Fatal("auto legend must defer to Grafana")
	}
}

func TestExecutedQueryAndNoticesOnlyOnTheFirstFrame(t *testing.T) {
	v := model.Vector{{Metric: model.Metric{"user": "a"}, Value: 1}, {Metric: model.Metric{"user": "b"}, Value: 2}}
	fs, _ := FromValue(v, Options{Executed: "long query", Custom: "c", Notices: []data.Notice{{Text: "n"}}})
	if fs[0].Meta.ExecutedQueryString != "long query" || len(fs[0].Meta.Notices) != 1 {
		t.Fatalf("first: %+v", fs[0].Meta)
	}
	if fs[1].Meta.ExecutedQueryString != "" || fs[1].Meta.Notices != nil || fs[1].Meta.Custom != "c" {
		t.Fatalf("second: %+v", fs[1].Meta)
	}
}

func TestCustomRestOnFramesAfterTheFirst(t *testing.T) {
	v := model.Vector{{Metric: model.Metric{"user": "a"}, Value: 1}, {Metric: model.Metric{"user": "b"}, Value: 2}}
	fs, _ := FromValue(v, Options{Custom: "full", CustomRest: "ref"})
	if fs[0].Meta.Custom != "full" || fs[1].Meta.Custom != "ref" {
		t.Fatalf("custom: %v %v", fs[0].Meta.Custom, fs[1].Meta.Custom)
	}
}
