package testbed

import "testing"

func TestCounterTotal(t *testing.T) {
	cases := []struct {
		values []float64
		want   float64
	}{
		{nil, 0},
		{[]float64{5}, 5},
		{[]float64{5, 5, 9}, 9},
		{[]float64{5, 9, 2, 4}, 13}, // reset after 9: the 2 is new, then +2
		{[]float64{10, 10, 0, 0, 3}, 13},
	}
	for _, c := range cases {
		if got := CounterTotal(c.values); got != c.want {
			t.Errorf("CounterTotal(%v) = %g, want %g", c.values, got, c.want)
		}
	}
}

func TestDiffAllowsOnlyShortfallWithinTolerance(t *testing.T) {
	truth := map[string]float64{"a": 100, "b": 50}
	if d := Diff(truth, map[string]float64{"a": 100, "b": 50}, nil); len(d) != 0 {
		t.Errorf("equal maps differ: %v", d)
	}
	if d := Diff(truth, map[string]float64{"a": 100, "b": 50, "c": 1}, nil); len(d) != 1 {
		t.Errorf("an extra stored series must count: %v", d)
	}
	if d := Diff(truth, map[string]float64{"a": 90, "b": 50}, map[string]float64{"a": 10}); len(d) != 0 {
		t.Errorf("shortfall within tolerance flagged: %v", d)
	}
	if d := Diff(truth, map[string]float64{"a": 101, "b": 50}, map[string]float64{"a": 10}); len(d) != 1 {
		t.Errorf("more than the truth must fail (double counting): %v", d)
	}
}
