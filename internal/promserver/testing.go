package promserver

import (
	"context"
	"testing"
)

// StartT starts Prometheus for one test and stops it when the test ends.
func StartT(t testing.TB, extra ...string) *Server {
	t.Helper()
	s, err := Start(context.Background(), t.TempDir(), extra...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}
