package provisioning

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/model"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/tests/provisioning/ottlsync"
)

const otelcolConfig = "provisioning/otelcol/config.yaml"

func loadOTTLSource(t *testing.T) ottlsync.Source {
	t.Helper()
	src, err := ottlsync.Parse(readRepoFile(t, ottlsync.SourcePath))
	if err != nil {
		t.Fatal(err)
	}
	if len(src.MetricStatements) == 0 || len(src.LogStatements) == 0 {
		t.Fatalf("%s: no metric or log statements", ottlsync.SourcePath)
	}
	return src
}

type otelcolFile struct {
	Processors map[string]any `yaml:"processors"`
	Receivers  struct {
		OTLP struct {
			Protocols map[string]struct {
				Endpoint string `yaml:"endpoint"`
			} `yaml:"protocols"`
		} `yaml:"otlp"`
	} `yaml:"receivers"`
	Service struct {
		Pipelines map[string]struct {
			Processors []string `yaml:"processors"`
		} `yaml:"pipelines"`
	} `yaml:"service"`
}

func loadOtelcol(t *testing.T) otelcolFile {
	t.Helper()
	var f otelcolFile
	readYAML(t, otelcolConfig, &f)
	return f
}

func equalGroups(a, b []ottlsync.Group) bool {
	return slices.EqualFunc(a, b, func(x, y ottlsync.Group) bool {
		return x.Context == y.Context && x.ErrorMode == y.ErrorMode &&
			slices.Equal(x.Statements, y.Statements) && slices.Equal(x.Conditions, y.Conditions)
	})
}

const syncHint = "run `go run ./tests/provisioning/cmd/syncottl` from the repository root"

// The generated region of config.alloy is exactly what the generator writes from the source today.
func TestAlloyOTTLRegionIsNotStale(t *testing.T) {
	region, _, _, err := ottlsync.Region(readRepoFile(t, alloyConfig))
	if err != nil {
		t.Fatal(err)
	}
	if want := ottlsync.Render(loadOTTLSource(t)); region != want {
		t.Errorf("%s is stale against %s: %s", alloyConfig, ottlsync.SourcePath, syncHint)
	}
}

func TestAlloyOTTLEqualsTheOneSourceTheCollectorLoads(t *testing.T) {
	src := loadOTTLSource(t)
	_, tr := one[*transformArgs](t, loadAlloy(t, nil), "otelcol.processor.transform")
	for _, c := range []struct {
		kind      string
		src, mine []ottlsync.Group
	}{
		{"metric_statements", src.MetricStatements, tr.MetricStatements},
		{"log_statements", src.LogStatements, tr.LogStatements},
		{"trace_statements", src.TraceStatements, tr.TraceStatements},
	} {
		if !equalGroups(c.src, c.mine) {
			t.Errorf("%s: %s, as Alloy's evaluator reads them, differ from %s: %s", alloyConfig, c.kind, ottlsync.SourcePath, syncHint)
		}
	}
	if want := src.EffectiveErrorMode(); tr.ErrorMode != want {
		t.Errorf("%s: error_mode = %q; the Collector runs these statements with %q", alloyConfig, tr.ErrorMode, want)
	}

	// The Collector config takes the source whole, by file reference: nothing to drift on its side.
	col := loadOtelcol(t)
	var transforms []string
	for name, v := range col.Processors {
		if name == "transform" || strings.HasPrefix(name, "transform/") {
			transforms = append(transforms, name)
			if ref, _ := v.(string); !regexp.MustCompile(`^\$\{file:.+\}$`).MatchString(ref) {
				t.Errorf("%s: processor %s is %v, not a ${file:...} reference to %s", otelcolConfig, name, v, ottlsync.SourcePath)
			}
		}
	}
	if len(transforms) != 1 {
		t.Errorf("%s: transform processors %v, want exactly one (the one source)", otelcolConfig, transforms)
	}
}

func TestOTTLComparisonCatchesADifference(t *testing.T) {
	src := loadOTTLSource(t)
	changed := slices.Clone(src.MetricStatements)
	changed[0].Statements = append(slices.Clone(changed[0].Statements[1:]), changed[0].Statements[0])
	if equalGroups(src.MetricStatements, changed) {
		t.Fatal("reordered statements compared equal")
	}
	changed = slices.Clone(src.MetricStatements)
	changed[0].Context = "metric"
	if len(src.MetricStatements) > 0 && src.MetricStatements[0].Context != "metric" && equalGroups(src.MetricStatements, changed) {
		t.Fatal("a changed context compared equal")
	}
}

// collectorToAlloy maps the Collector's component types to their Alloy twins (sources.md §6).
var collectorToAlloy = map[string]string{
	"transform":         "otelcol.processor.transform",
	"deltatocumulative": "otelcol.processor.deltatocumulative",
	"batch":             "otelcol.processor.batch",
}

func TestAlloyPipelineMatchesTheCollectorPipeline(t *testing.T) {
	col := loadOtelcol(t)
	comps := loadAlloy(t, map[string]string{"SEATMETER_LOGS_TO_LOKI": "true"})
	for _, signal := range []string{"metrics", "logs"} {
		pl, ok := col.Service.Pipelines[signal]
		if !ok {
			t.Fatalf("%s has no %s pipeline", otelcolConfig, signal)
		}
		var want []string
		for _, p := range pl.Processors {
			typ, _, _ := strings.Cut(p, "/")
			alloyName, ok := collectorToAlloy[typ]
			if !ok {
				t.Fatalf("%s: processor %s has no Alloy counterpart in this test", otelcolConfig, p)
			}
			want = append(want, alloyName)
		}
		got := names(chain(t, comps, signal), comps)
		if len(got) == 0 || !slices.Equal(got[:len(got)-1], want) {
			t.Errorf("Alloy %s processors %v, Collector %v: the two pipelines must run the same steps in the same order", signal, got, want)
		}
	}

	// Same processor settings where the Collector sets any.
	_, d2c := one[*deltaToCumulativeArgs](t, comps, "otelcol.processor.deltatocumulative")
	_, batch := one[*batchArgs](t, comps, "otelcol.processor.batch")
	for name, field := range map[string]struct{ key, alloy string }{
		"deltatocumulative": {"max_stale", d2c.MaxStale},
		"batch":             {"timeout", batch.Timeout},
	} {
		settings, _ := col.Processors[name].(map[string]any)
		if v, ok := settings[field.key]; ok && fmt.Sprint(v) != field.alloy {
			t.Errorf("%s %s: Collector %v, Alloy %q", name, field.key, v, field.alloy)
		}
	}

	// The backend's lookback is built on the same max_stale (data/catalog.json → pipeline).
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	if d, err := model.ParseDuration(d2c.MaxStale); err != nil || time.Duration(d) != cat.MaxStale() {
		t.Errorf("Alloy deltatocumulative max_stale %q, the catalog's pipeline.deltaToCumulativeMaxStale %v: the backend's exact counting assumes they are equal", d2c.MaxStale, cat.MaxStale())
	}

	// Same listen ports (the Collector's defaults, ${env:VAR:-default}).
	_, recv := one[*receiverOTLPArgs](t, comps, "otelcol.receiver.otlp")
	for proto, alloyEndpoint := range map[string]string{"grpc": recv.GRPC.Endpoint, "http": recv.HTTP.Endpoint} {
		ep := col.Receivers.OTLP.Protocols[proto].Endpoint
		if m := regexp.MustCompile(`:-([^}]+)\}$`).FindStringSubmatch(ep); m != nil {
			ep = m[1]
		}
		if ep != alloyEndpoint {
			t.Errorf("%s receiver: Collector %q, Alloy %q", proto, ep, alloyEndpoint)
		}
	}
}
