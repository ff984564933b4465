package testbed

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Diff lists keys whose stored value differs from the truth by more than tol[key] (exact when tol is nil).
func Diff(truth, stored map[string]float64, tol map[string]float64) []string {
	var out []string
	keys := map[string]bool{}
	for k := range truth {
		keys[k] = true
	}
	for k := range stored {
		keys[k] = true
	}
	for k := range keys {
		d := truth[k] - stored[k]
		if d < 0 || d > tol[k] {
			out = append(out, fmt.Sprintf("%s: truth %.0f stored %.0f (allowed shortfall %.0f)", k, truth[k], stored[k], tol[k]))
		}
	}
	sort.Strings(out)
	return out
}

// WaitTotals polls a store until its token totals match the truth (within tol) or the timeout passes;
// it returns the last reading and the remaining differences.
func WaitTotals(ctx context.Context, base string, d catalog.Dialect, truth, tol map[string]float64, timeout time.Duration) (map[string]float64, []string, error) {
	deadline := time.Now().Add(timeout)
	for {
		stored, err := StoredTokens(ctx, base, d, "1h")
		if err != nil {
			return nil, nil, err
		}
		diff := Diff(truth, stored, tol)
		if len(diff) == 0 || time.Now().After(deadline) {
			return stored, diff, nil
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// WaitStable polls until two readings `gap` apart are equal (the pipeline has drained).
func WaitStable(ctx context.Context, base string, d catalog.Dialect, gap, timeout time.Duration) (map[string]float64, error) {
	deadline := time.Now().Add(timeout)
	prev, err := StoredTokens(ctx, base, d, "1h")
	if err != nil {
		return nil, err
	}
	for time.Now().Before(deadline) {
		time.Sleep(gap)
		cur, err := StoredTokens(ctx, base, d, "1h")
		if err != nil {
			return nil, err
		}
		if len(Diff(prev, cur, nil)) == 0 && len(cur) > 0 {
			return cur, nil
		}
		prev = cur
	}
	return prev, fmt.Errorf("store %s still changing after %s", base, timeout)
}

// Summary prints at most n lines of a diff.
func Summary(diff []string, n int) string {
	if len(diff) > n {
		return strings.Join(diff[:n], "\n") + fmt.Sprintf("\n... and %d more", len(diff)-n)
	}
	return strings.Join(diff, "\n")
}

func nearlyEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
