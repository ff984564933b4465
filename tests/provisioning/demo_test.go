package provisioning

import (
	"net/url"
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
	if host := hostPathOf(t, sim, pwFile); host != "secrets/demo/otlp-demo-password" {
		t.Errorf("password file %s is %q on the host, want secrets/demo/otlp-demo-password", pwFile, host)
	}
	cmd := strings.Join(sim.Command, " ")
	for _, want := range []string{`SEATMETER_OTLP_PASSWORD="$(cat "$SEATMETER_OTLP_PASSWORD_FILE")"`,
		"npx tsx tests/simulator/main.ts", "--repeat", "--no-content"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("simulator command %q lacks %q", cmd, want)
		}
	}
	// The user the simulator sends as is the one the credentials service puts in the htpasswd file.
	for _, user := range []string{"", "load-test"} {
		env := map[string]string{}
		want := "demo"
		if user != "" {
			env["DEMO_OTLP_USER"], want = user, user
		}
		p := loadCompose(t, env)
		simUser, credUser := envOf(t, service(t, p, "simulator"), "SEATMETER_OTLP_USER"), envOf(t, service(t, p, "credentials"), "OTLP_DEMO_USER")
		if simUser != want || credUser != want {
			t.Errorf("DEMO_OTLP_USER=%q: simulator sends as %q, credentials creates %q; want %q for both", user, simUser, credUser, want)
		}
	}
}
