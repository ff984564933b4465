package provisioning

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/grafana/alloy/syntax/ast"
	"github.com/grafana/alloy/syntax/parser"
	"github.com/grafana/alloy/syntax/vm"
)

const alloyConfig = "provisioning/alloy/config.alloy"

type alloyComponent struct {
	name, label string
	args        any // one of the *Args structs of alloy_components_test.go
}

func (c alloyComponent) id() string { return c.name + "." + c.label }

// loadAlloy parses config.alloy with Alloy's parser and evaluates every component block with Alloy's evaluator,
// env standing in for the container environment (sys.env). Unknown components, arguments or blocks fail.
func loadAlloy(t *testing.T, env map[string]string) map[string]alloyComponent {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	file, err := parser.ParseFile(alloyConfig, readRepoFile(t, alloyConfig))
	if err != nil {
		t.Fatalf("%s does not parse: %v", alloyConfig, err)
	}
	var blocks []*ast.BlockStmt
	scope := map[string]any{}
	for _, stmt := range file.Body {
		b, ok := stmt.(*ast.BlockStmt)
		if !ok || b.Label == "" {
			t.Fatalf("%s: top-level statement %T %v is not a labelled component block", alloyConfig, stmt, stmtName(stmt))
		}
		name := strings.Join(b.Name, ".")
		spec, ok := allowedComponents[name]
		if !ok {
			t.Fatalf("%s: component %s is not one the pipeline may use (sources.md §6)", alloyConfig, name)
		}
		if spec.export != "" {
			setPath(scope, append(slices.Clone(b.Name), b.Label, spec.export), name+"."+b.Label)
		}
		blocks = append(blocks, b)
	}
	out := map[string]alloyComponent{}
	for _, b := range blocks {
		c := alloyComponent{name: strings.Join(b.Name, "."), label: b.Label}
		c.args = allowedComponents[c.name].args()
		if err := vm.New(b.Body).Evaluate(vm.NewScope(scope), c.args); err != nil {
			t.Fatalf("%s: %s: %v", alloyConfig, c.id(), err)
		}
		if _, dup := out[c.id()]; dup {
			t.Fatalf("%s: %s declared twice", alloyConfig, c.id())
		}
		out[c.id()] = c
	}
	return out
}

func stmtName(s ast.Stmt) string {
	if a, ok := s.(*ast.AttributeStmt); ok {
		return a.Name.Name
	}
	return ""
}

func setPath(m map[string]any, path []string, v string) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

func outputOf(c alloyComponent) outputBlock {
	switch a := c.args.(type) {
	case *receiverOTLPArgs:
		return a.Output
	case *deltaToCumulativeArgs:
		return a.Output
	case *transformArgs:
		return a.Output
	case *batchArgs:
		return a.Output
	}
	return outputBlock{}
}

func one[T any](t *testing.T, comps map[string]alloyComponent, name string) (string, T) {
	t.Helper()
	var found []string
	var args T
	for id, c := range comps {
		if c.name == name {
			found = append(found, id)
			args = c.args.(T)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s: want exactly one %s, found %v", alloyConfig, name, found)
	}
	return found[0], args
}

// chain follows one signal from the receiver, one consumer per hop, to the end; it fails on fan-out.
func chain(t *testing.T, comps map[string]alloyComponent, signal string) []string {
	t.Helper()
	recv, _ := one[*receiverOTLPArgs](t, comps, "otelcol.receiver.otlp")
	var path []string
	cur := recv
	for range len(comps) + 1 {
		out := outputOf(comps[cur])
		next := map[string][]string{"metrics": out.Metrics, "logs": out.Logs, "traces": out.Traces}[signal]
		if len(next) == 0 {
			return path
		}
		if len(next) > 1 {
			t.Fatalf("%s: %s fans %s out to %v", alloyConfig, cur, signal, next)
		}
		cur = next[0]
		if _, ok := comps[cur]; !ok {
			t.Fatalf("%s: %s sends %s to %s, which is not declared", alloyConfig, path, signal, cur)
		}
		path = append(path, cur)
	}
	t.Fatalf("%s: %s pipeline loops: %v", alloyConfig, signal, path)
	return nil
}

func names(ids []string, comps map[string]alloyComponent) []string {
	var out []string
	for _, id := range ids {
		out = append(out, comps[id].name)
	}
	return out
}

func TestAlloyConfigParsesAndUsesOnlyTheNamedComponents(t *testing.T) {
	comps := loadAlloy(t, map[string]string{"SEATMETER_TENANT": "acme"})
	var got []string
	for _, c := range comps {
		got = append(got, c.name)
	}
	for name := range allowedComponents {
		if !slices.Contains(got, name) {
			t.Errorf("%s does not use %s; the pipeline needs every one of them", alloyConfig, name)
		}
	}
}

func TestAlloyEvaluatorRejectsUnknownArguments(t *testing.T) {
	file, err := parser.ParseFile("probe", []byte(`otelcol.processor.batch "x" {
  timeout = "1s"
  flush_everything_now = true
  output {}
}`))
	if err != nil {
		t.Fatal(err)
	}
	err = vm.New(file.Body[0].(*ast.BlockStmt).Body).Evaluate(vm.NewScope(nil), &batchArgs{})
	if err == nil || !strings.Contains(err.Error(), "flush_everything_now") {
		t.Fatalf("an unknown argument was accepted (err=%v): the argument check is not running", err)
	}
}

func TestAlloyReceiversListenOnThePublishedPortsBehindBasicAuth(t *testing.T) {
	comps := loadAlloy(t, nil)
	_, recv := one[*receiverOTLPArgs](t, comps, "otelcol.receiver.otlp")
	authID, auth := one[*authBasicArgs](t, comps, "otelcol.auth.basic")
	if recv.GRPC == nil || recv.HTTP == nil {
		t.Fatal("the receiver must serve both gRPC and HTTP")
	}
	alloy := service(t, loadCompose(t, nil), "alloy")
	published := map[uint32]bool{}
	for _, p := range alloy.Ports {
		if p.HostIP == "" || p.HostIP == "0.0.0.0" {
			published[p.Target] = true
		}
	}
	for proto, srv := range map[string]*receiverServer{"grpc": recv.GRPC, "http": recv.HTTP} {
		want := map[string]string{"grpc": "0.0.0.0:4317", "http": "0.0.0.0:4318"}[proto]
		if srv.Endpoint != want {
			t.Errorf("%s receiver listens on %q, want %s", proto, srv.Endpoint, want)
		}
		if srv.Auth != authID {
			t.Errorf("%s receiver auth = %q, want %s: the write door must be authenticated", proto, srv.Auth, authID)
		}
		port := uint32(atoi(t, want[strings.LastIndex(want, ":")+1:]))
		if !published[port] {
			t.Errorf("compose does not publish alloy port %d to clients", port)
		}
	}
	if auth.Htpasswd == nil || auth.Htpasswd.Inline != "" || auth.Htpasswd.File == "" {
		t.Fatal("basic auth must read an htpasswd file (no inline credentials in the config)")
	}
	if host := hostPathOf(t, alloy, auth.Htpasswd.File); host != "secrets/alloy/otlp.htpasswd" {
		t.Errorf("htpasswd file %s is %q on the host, want secrets/alloy/otlp.htpasswd (see credentials_test.go)", auth.Htpasswd.File, host)
	}
	if !slices.Contains([]string(alloy.Command), "--stability.level=experimental") {
		t.Errorf("alloy command %v lacks --stability.level=experimental (deltatocumulative needs it)", alloy.Command)
	}
	mounted := false
	for _, v := range alloy.Volumes {
		if strings.HasSuffix(v.Source, "/"+alloyConfig) && slices.Contains([]string(alloy.Command), v.Target) {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("%s is not mounted where the alloy command reads its config", alloyConfig)
	}
}

func TestAlloyMetricsReachMimirOTLPWithTheTenantHeader(t *testing.T) {
	for _, tenant := range []string{"seatmeter", "acme"} {
		comps := loadAlloy(t, map[string]string{"SEATMETER_TENANT": tenant})
		// The processors' order is held to the Collector pipeline's in ottl_test.go; here: Mimir needs
		// cumulative data, so deltatocumulative is on the way, and the path ends at the OTLP/HTTP exporter.
		path := chain(t, comps, "metrics")
		got := names(path, comps)
		if !slices.Contains(got, "otelcol.processor.deltatocumulative") || got[len(got)-1] != "otelcol.exporter.otlphttp" {
			t.Fatalf("metrics path = %v: want deltatocumulative on the way to otelcol.exporter.otlphttp", got)
		}
		exp := comps[path[len(path)-1]].args.(*exporterOTLPHTTPArgs)
		u, err := url.Parse(exp.Client.Endpoint)
		if err != nil || u.Path != "/otlp" || u.Scheme != "http" {
			t.Errorf("metrics exporter endpoint %q is not Mimir's OTLP ingest (http://mimir:9009/otlp)", exp.Client.Endpoint)
		} else {
			assertMimirAddress(t, "alloy metrics exporter", u.Host)
		}
		if exp.Client.Headers["X-Scope-OrgID"] != tenant {
			t.Errorf("SEATMETER_TENANT=%s: exporter headers %v", tenant, exp.Client.Headers)
		}
		// The same variable reaches alloy and grafana from the same compose interpolation.
		p := loadCompose(t, map[string]string{"SEATMETER_TENANT": tenant})
		for _, svc := range []string{"alloy", "grafana"} {
			if got := envOf(t, service(t, p, svc), "SEATMETER_TENANT"); got != tenant {
				t.Errorf("compose %s SEATMETER_TENANT = %q, want %q", svc, got, tenant)
			}
		}
	}
	if got := envOf(t, service(t, loadCompose(t, nil), "alloy"), "SEATMETER_TENANT"); got != "seatmeter" {
		t.Errorf("default tenant = %q, want seatmeter", got)
	}
}

func TestAlloyLogsGoToLokiOnlyWhenAskedTo(t *testing.T) {
	for env, wantLoki := range map[string]bool{"true": true, "false": false, "": false} {
		comps := loadAlloy(t, map[string]string{"SEATMETER_LOGS_TO_LOKI": env})
		got := names(chain(t, comps, "logs"), comps)
		if endsAtExporter := got[len(got)-1] == "otelcol.exporter.otlphttp"; endsAtExporter != wantLoki {
			t.Errorf("SEATMETER_LOGS_TO_LOKI=%q: logs path %v (want it to reach an exporter: %v)", env, got, wantLoki)
		}
	}
	comps := loadAlloy(t, map[string]string{"SEATMETER_LOGS_TO_LOKI": "true"})
	path := chain(t, comps, "logs")
	exp := comps[path[len(path)-1]].args.(*exporterOTLPHTTPArgs)
	u, err := url.Parse(exp.Client.Endpoint)
	if err != nil || u.Host != "loki:3100" || u.Path != "/otlp" {
		t.Errorf("logs exporter endpoint %q, want http://loki:3100/otlp", exp.Client.Endpoint)
	}
	p := loadCompose(t, nil)
	if _, err := p.GetService("loki"); err != nil {
		t.Error("no loki service for the logs exporter")
	}
	if got := envOf(t, service(t, p, "alloy"), "SEATMETER_LOGS_TO_LOKI"); got != "false" {
		t.Errorf("SEATMETER_LOGS_TO_LOKI defaults to %q, want false (loki is an optional profile)", got)
	}
}

func TestAlloyHasNoTracesPath(t *testing.T) {
	if got := chain(t, loadAlloy(t, nil), "traces"); len(got) != 0 {
		t.Errorf("traces are routed to %v; no store in this stack takes traces", got)
	}
}
