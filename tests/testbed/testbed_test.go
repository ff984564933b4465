package testbed

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

var dialects = []catalog.Dialect{catalog.Suffixed, catalog.NoSuffix}

// 1. What the simulators sent is what both stores hold, exactly, per agent/user/model/canonical type.
func TestTotalsExactBothAgentsBothDialects(t *testing.T) {
	bed, truth := shared(t)
	ctx := context.Background()
	want := TotalsByKey(truth.Totals)
	agents := map[string]bool{}
	for _, tt := range truth.Totals {
		agents[tt.Agent] = true
	}
	if !agents["claude-code"] || !agents["codex"] {
		t.Fatalf("ground truth lacks an agent: %v", agents)
	}
	for _, d := range dialects {
		store, _ := bed.Store(d)
		stored, diff, err := WaitTotals(ctx, store.URL, d, want, nil, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if len(diff) > 0 {
			t.Errorf("%s store differs from ground truth (%d of %d series):\n%s", d, len(diff), len(want), Summary(diff, 20))
		}
		t.Logf("%s: %d stored token series checked against %d ground-truth series", d, len(stored), len(want))
	}
	// Claude Code's own cost estimate arrives intact too.
	cat, _ := catalog.Default()
	cm, _ := cat.Measure("cost_reported")
	for _, d := range dialects {
		store, _ := bed.Store(d)
		series, err := Query(ctx, store.URL, fmt.Sprintf("sum by (user_email, model) (%s)", cm.Metrics[0].Name(d)))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, s := range series {
			got[s.Labels["user_email"]+"|"+s.Labels["model"]] = s.Values[0]
		}
		for _, c := range truth.ClaudeCostUSD {
			if g := got[c.User+"|"+c.Model]; !nearlyEqual(g, c.USD) {
				t.Errorf("%s: cost %s/%s stored %.9f, truth %.9f", d, c.User, c.Model, g, c.USD)
			}
		}
	}
}

// 2. A push without (or with wrong) credentials is refused with 401 and nothing of it is stored.
func TestUnauthenticatedPushRefused(t *testing.T) {
	bed, _ := shared(t)
	ctx := context.Background()
	for _, auth := range []string{"", "Basic " + "bm9ib2R5Ondyb25n"} { // nobody:wrong
		for _, path := range []string{"/v1/metrics", "/v1/logs"} {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, bed.Collector.HTTPURL+path, strings.NewReader(""))
			req.Header.Set("Content-Type", "application/x-protobuf")
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("POST %s with auth %q: %s, want 401", path, auth, resp.Status)
			}
		}
	}
	// The real clients (HTTP and gRPC) without credentials: every export fails, nothing lands.
	_, out, err := Simulate(ctx, bed.Collector, SimOptions{Seed: 99, Developers: 2, Sessions: 1, Requests: 3, NoCredentials: true, EmailDomain: "unauthenticated.example"})
	if err == nil {
		t.Fatalf("simulator without credentials reported success:\n%s", out)
	}
	// Both transports were refused: HTTP 401 (the exporter says "Unauthorized"), gRPC UNAUTHENTICATED.
	for _, want := range []string{"Unauthorized", "UNAUTHENTICATED"} {
		if !strings.Contains(out, want) {
			t.Errorf("simulator output does not show the %s refusal:\n%s", want, out)
		}
	}
	time.Sleep(1500 * time.Millisecond) // longer than the batch timeout: anything accepted would be stored by now
	for _, d := range dialects {
		store, _ := bed.Store(d)
		series, err := Query(ctx, store.URL, `{user_email=~".*unauthenticated.*"}`)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) > 0 {
			t.Errorf("%s store holds %d series from the unauthenticated push", d, len(series))
		}
	}
}

// 3. Prompts, responses and tool input were sent, and appear nowhere: not in either store, not in the
// collector's debug exporter output.
func TestNoContentAnywhere(t *testing.T) {
	bed, truth := shared(t)
	ctx := context.Background()
	if truth.ContentMarker == "" || truth.Run["content"] != true {
		t.Fatalf("the shared run did not send content (marker %q, run %v)", truth.ContentMarker, truth.Run["content"])
	}
	deadline := time.Now().Add(20 * time.Second)
	var log []byte
	for time.Now().Before(deadline) {
		log, _ = os.ReadFile(bed.Collector.LogPath)
		if strings.Count(string(log), "user_prompt") >= 2 { // both agents' prompt events went through
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	for _, want := range []string{"claude_code.user_prompt", "codex.user_prompt", "prompt_length"} {
		if !strings.Contains(string(log), want) {
			t.Fatalf("debug exporter output has no %q: the logs did not flow, so the privacy check would prove nothing", want)
		}
	}
	if strings.Contains(string(log), truth.ContentMarker) {
		i := strings.Index(string(log), truth.ContentMarker)
		t.Errorf("content reached the debug exporter output: ...%s...", string(log)[max(0, i-200):min(len(log), i+100)])
	}
	for _, d := range dialects {
		store, _ := bed.Store(d)
		names, err := LabelNames(ctx, store.URL)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			for _, bad := range []string{"prompt", "response", "tool_input", "tool_parameters"} {
				if n == bad {
					t.Errorf("%s store has a %q label", d, n)
				}
			}
			values, err := labelValues(ctx, store.URL, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range values {
				if strings.Contains(v, truth.ContentMarker) {
					t.Errorf("%s store: label %s holds content %q", d, n, v)
				}
			}
		}
	}
}

// 5. Codex series carry user_email (promoted from the resource); no series carries session or request ids.
func TestIdentityPromotedAndIdsDropped(t *testing.T) {
	bed, truth := shared(t)
	ctx := context.Background()
	cat, _ := catalog.Default()
	users := map[string]bool{}
	for _, tt := range truth.Totals {
		if tt.Agent == "codex" {
			users[tt.User] = true
		}
	}
	for _, d := range dialects {
		store, _ := bed.Store(d)
		for _, mt := range cat.Metrics() {
			if mt.Agent != "codex" {
				continue
			}
			series, err := Query(ctx, store.URL, mt.Name(d))
			if err != nil {
				t.Fatal(err)
			}
			if len(series) == 0 {
				t.Errorf("%s: no %s series", d, mt.Name(d))
			}
			seen := map[string]bool{}
			for _, s := range series {
				u := s.Labels[catalog.Label("user.email", d)]
				if u == "" {
					t.Errorf("%s: codex series without user_email: %v", d, s.Labels)
				}
				seen[u] = true
			}
			for u := range users {
				if !seen[u] && len(series) > 0 {
					t.Errorf("%s: %s has no series for %s", d, mt.Name(d), u)
				}
			}
		}
		names, err := LabelNames(ctx, store.URL)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if n == "session_id" || n == "request_id" {
				t.Errorf("%s store: some series carries %s", d, n)
			}
		}
		if !contains(names, "user_email") || !contains(names, "user_id") {
			t.Errorf("%s store: standard Claude attributes missing from labels %v (did anything arrive?)", d, names)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func labelValues(ctx context.Context, base, name string) ([]string, error) {
	series, err := apiGetStrings(ctx, base+"/api/v1/label/"+url.PathEscape(name)+"/values")
	return series, err
}

func TestConfigValidates(t *testing.T) {
	bed, _ := shared(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := bed.Collector.Validate(ctx); err != nil {
		t.Fatal(err)
	}
	// And validate rejects a broken OTTL statement, so the check above can fail.
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	src, err := os.ReadFile(filepath.Join(mustRoot(t), "provisioning/ottl/statements.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(strings.Replace(string(src), "delete_key(", "delete_kee(", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	c := *bed.Collector
	c.env = append(append([]string{}, c.env...), "SEATMETER_OTTL_FILE="+bad)
	if err := c.Validate(ctx); err == nil || !strings.Contains(err.Error(), "delete_kee") {
		t.Fatalf("validate accepted a broken statement: %v", err)
	}
}

func mustRoot(t *testing.T) string {
	r, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return r
}
