package provisioning

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// The demo profile drives the repository's simulators through Alloy's authenticated door, like real clients.
func TestDemoSimulatorSendsThroughAlloyWithAFileCredential(t *testing.T) {
	p := loadCompose(t, nil)
	sim := service(t, p, "simulator")
	_, recv := one[*receiverOTLPArgs](t, loadAlloy(t, nil), "otelcol.receiver.otlp")
	main := string(readRepoFile(t, "tests/simulator/main.ts"))
	for env, listen := range map[string]string{"SEATMETER_OTLP_HTTP": recv.HTTP.Endpoint, "SEATMETER_OTLP_GRPC": recv.GRPC.Endpoint} {
		u, err := url.Parse(envOf(t, sim, env))
		if err != nil {
			t.Fatal(err)
		}
		if u.Hostname() != "alloy" || u.Port() != listen[strings.LastIndex(listen, ":")+1:] {
			t.Errorf("simulator %s = %s, want alloy at the port its receiver listens on (%s)", env, u, listen)
		}
		if !strings.Contains(main, "process.env."+env) {
			t.Errorf("tests/simulator/main.ts no longer reads %s", env)
		}
	}
	for _, env := range []string{"SEATMETER_OTLP_USER", "SEATMETER_OTLP_PASSWORD"} {
		if !strings.Contains(main, "process.env."+env) {
			t.Errorf("tests/simulator/main.ts no longer reads %s", env)
		}
	}
	pwFile := envOf(t, sim, "SEATMETER_OTLP_PASSWORD_FILE")
	if !slices.Contains(secretTargets(sim), pwFile) {
		t.Errorf("password file %s is not one of the simulator's secrets %v", pwFile, secretTargets(sim))
	}
	cmd := strings.Join(sim.Command, " ")
	for _, want := range []string{`SEATMETER_OTLP_PASSWORD="$(cat "$SEATMETER_OTLP_PASSWORD_FILE")"`,
		"npx tsx tests/simulator/main.ts", "--repeat", "--no-content"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("simulator command %q lacks %q", cmd, want)
		}
	}
	if envOf(t, sim, "SEATMETER_OTLP_USER") != "demo" {
		t.Errorf("demo user defaults to %q, secrets/README.md creates 'demo'", envOf(t, sim, "SEATMETER_OTLP_USER"))
	}
}
