package query

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/pkg/health"
)

func TestPipelineViewsAreTables(t *testing.T) {
	cat, _ := catalog.Default()
	now := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	rep := health.Report{
		Hops: []health.Hop{
			{ID: "dialect", Name: "Naming dialect", Status: health.OK, Message: "naming dialect nosuffix"},
			{ID: "mimir-discards", Name: "Mimir discarded samples", Status: health.Warn, Message: "7 samples discarded (sample-out-of-order)", Fix: "convert delta once"},
		},
		Agents: []health.AgentSeen{{Agent: "codex", Users: []health.UserSeen{
			{User: "ada@example.com", LastSample: now.Add(-90 * time.Second)},
			{User: "bob@example.com", LastSample: now.Add(-2 * time.Hour)},
		}}},
	}
	env := Env{Catalog: cat, Pipeline: func(context.Context) health.Report { return rep }}
	q := func(view string) backend.DataResponse {
		return NewMux().Serve(context.Background(), env, backend.DataQuery{RefID: "P", QueryType: TypePipeline,
			TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}, JSON: json.RawMessage(`{"view":"` + view + `"}`)})
	}

	hops := q("hops")
	if hops.Error != nil || len(hops.Frames) != 1 || hops.Frames[0].Rows() != 2 {
		t.Fatalf("hops: %v %v", hops.Error, hops.Frames)
	}
	f := hops.Frames[0]
	if f.Fields[0].At(1) != "Mimir discarded samples" || f.Fields[1].At(1) != "warn" || f.Fields[3].At(1) != "convert delta once" {
		t.Fatalf("hops row: %v %v %v", f.Fields[0].At(1), f.Fields[1].At(1), f.Fields[3].At(1))
	}

	devs := q("developers")
	if devs.Error != nil || devs.Frames[0].Rows() != 2 {
		t.Fatalf("developers: %v %v", devs.Error, devs.Frames)
	}
	d := devs.Frames[0]
	if d.Fields[1].At(1) != "bob@example.com" || d.Fields[3].At(1).(float64) != 7200 || d.Fields[3].Config.Unit != "s" {
		t.Fatalf("developers row: %v %v", d.Fields[1].At(1), d.Fields[3].At(1))
	}

	if bad := q("nope"); bad.Error == nil || !strings.Contains(bad.Error.Error(), "hops, developers") {
		t.Fatalf("unknown view: %v", bad.Error)
	}
}
