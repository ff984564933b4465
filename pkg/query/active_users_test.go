package query

import (
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"
)

func TestActiveUsersCountsDevelopersWithUsage(t *testing.T) {
	r := serveBoth(t, fixtureQuery("A", TypeActiveUsers, Model{Instant: true}))
	assertValues(t, values(r), map[string]float64{"Active developers": 4}) // ada, u-bob, cy, dee
	experimental.CheckGoldenJSONResponse(t, "testdata", "active_users_instant", &r, *update)

	r = serveBoth(t, fixtureQuery("B", TypeActiveUsers, Model{Filters: Filters{Agent: []string{"claude-code"}}}))
	experimental.CheckGoldenJSONResponse(t, "testdata", "active_users_claude_range", &r, *update)
	if pts := points(r)["Active developers"]; len(pts) != 30 || pts[5] != 2 {
		t.Fatalf("points %v", pts)
	}
}
