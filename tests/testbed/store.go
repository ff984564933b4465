package testbed

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Series is one result series of a Prometheus query.
type Series struct {
	Labels map[string]string
	Values []float64 // sample values in time order (matrix) or the one value (vector)
	Times  []float64
}

// Query runs an instant query; vector and matrix results both come back as Series.
func Query(ctx context.Context, base, expr string) ([]Series, error) {
	return apiGet(ctx, base, "/api/v1/query", url.Values{"query": {expr}})
}

// QueryRange runs a range query.
func QueryRange(ctx context.Context, base, expr string, start, end, step float64) ([]Series, error) {
	return apiGet(ctx, base, "/api/v1/query_range", url.Values{
		"query": {expr}, "start": {ftoa(start)}, "end": {ftoa(end)}, "step": {ftoa(step)},
	})
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

func apiGet(ctx context.Context, base, path string, q url.Values) ([]Series, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string `json:"resultType"`
			Result     []struct {
				Metric map[string]string `json:"metric"`
				Value  []any             `json:"value"`
				Values [][]any           `json:"values"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("%s%s: %s: %s", base, path, resp.Status, body)
	}
	if r.Status != "success" {
		return nil, fmt.Errorf("%s%s %s: %s", base, path, q.Get("query"), r.Error)
	}
	out := make([]Series, 0, len(r.Data.Result))
	for _, res := range r.Data.Result {
		s := Series{Labels: res.Metric}
		points := res.Values
		if res.Value != nil {
			points = [][]any{res.Value}
		}
		for _, p := range points {
			t, _ := p[0].(float64)
			v, _ := strconv.ParseFloat(fmt.Sprint(p[1]), 64)
			s.Times = append(s.Times, t)
			s.Values = append(s.Values, v)
		}
		out = append(out, s)
	}
	return out, nil
}

// LabelNames lists every label name the store holds.
func LabelNames(ctx context.Context, base string) ([]string, error) {
	return apiGetStrings(ctx, base+"/api/v1/labels")
}

// CounterTotal is everything a counter series counted: its first value (series start from zero) plus
// every increase, a drop counting as a reset to zero (as increase() does, without extrapolation).
func CounterTotal(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	total := values[0]
	for i := 1; i < len(values); i++ {
		if d := values[i] - values[i-1]; d >= 0 {
			total += d
		} else {
			total += values[i]
		}
	}
	return total
}

// StoredTokens reads every token series of the store (raw samples over `window`) and returns totals
// per agent|user|model|canonical type, normalised by the catalog (typeMap, subsetOf, sub-types dropped).
func StoredTokens(ctx context.Context, base string, d catalog.Dialect, window string) (map[string]float64, error) {
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	m, ok := cat.Measure("tokens")
	if !ok {
		return nil, fmt.Errorf("catalog has no tokens measure")
	}
	out := map[string]float64{}
	for _, mt := range m.Metrics {
		a, _ := cat.Agent(mt.Agent)
		if mt.Agent != "claude-code" && mt.Agent != "codex" {
			continue
		}
		series, err := Query(ctx, base, mt.Name(d)+"["+window+"]")
		if err != nil {
			return nil, err
		}
		userLabel := catalog.Label(a.UserAttributes[0], d)
		typeLabel := catalog.Label(mt.Labels["type"], d)
		modelLabel := catalog.Label(mt.Labels["model"], d)
		raw := map[[3]string]float64{} // user, model, raw type
		for _, s := range series {
			raw[[3]string{s.Labels[userLabel], s.Labels[modelLabel], s.Labels[typeLabel]}] += CounterTotal(s.Values)
		}
		for k, v := range raw {
			canon, ok := mt.CanonicalType(k[2])
			if !ok || cat.SubTypes[canon] != "" {
				continue
			}
			for child, parent := range mt.SubsetOf {
				if parent != k[2] {
					continue
				}
				if cc, ok := mt.CanonicalType(child); ok && cat.SubTypes[cc] == "" {
					v -= raw[[3]string{k[0], k[1], child}]
				}
			}
			out[Total{Agent: mt.Agent, User: k[0], Model: k[1], Type: canon}.Key()] += v
		}
	}
	return out, nil
}

func apiGetStrings(ctx context.Context, u string) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r struct {
		Data []string `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, err
	}
	return r.Data, nil
}
