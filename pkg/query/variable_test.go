package query

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"
)

func TestVariableListsValuesSeenInTheRange(t *testing.T) {
	want := map[string]string{
		"agent": "claude-code,codex",
		"user":  "ada@example.com,cy@example.com,dee@example.com,u-bob",
		"model": "acme-coder-9,claude-opus-4-5,claude-sonnet-4-5,gpt-5-codex",
	}
	for v, w := range want {
		r := serveBoth(t, fixtureQuery("V", TypeVariable, Model{Variable: v}))
		f := r.Frames[0]
		var got []string
		for i := 0; i < f.Rows(); i++ {
			got = append(got, f.Fields[0].At(i).(string))
		}
		if strings.Join(got, ",") != w {
			t.Errorf("%s: %v", v, got)
		}
		experimental.CheckGoldenJSONResponse(t, "testdata", "variable_"+v, &r, *update)
	}
	r := serveBoth(t, fixtureQuery("W", TypeVariable, Model{Variable: "model", Filters: Filters{Agent: []string{"claude-code"}}}))
	if r.Frames[0].Rows() != 2 {
		t.Fatalf("filtered models: %d", r.Frames[0].Rows())
	}
	if r := NewMux().Serve(t.Context(), envFor(t, fixtureStores(t)["suffixed"].URL), fixtureQuery("X", TypeVariable, Model{Variable: "session_id"})); r.Error == nil {
		t.Fatal("session_id accepted")
	}
}
