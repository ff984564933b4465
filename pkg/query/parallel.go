package query

import (
	"context"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

// storeParallelism is how many parts, split by time, one long answer is asked in at once. PromQL
// evaluates a query on one core, so a single Prometheus answers a long range about this much faster;
// Mimir's query-frontend splits by day on its own and takes the parts as they come.
const storeParallelism = 2

// minPartSteps keeps short ranges whole: a part has overhead of its own.
const minPartSteps = 40

// minPartSpan keeps short instant totals whole.
const minPartSpan = 48 * time.Hour

// part is one store request of an answer.
type part struct {
	expr    string
	instant bool
	at      time.Time
	rng     v1.Range
}

// run evaluates wrap(expr) over the plan: an instant total, or the aligned range query plus its tail.
// Long ranges go out as storeParallelism parts at once and come back as one answer. additive says the
// wrapped values of two time parts add up (sums do; a count of developers does not).
func (p *usagePlan) run(ctx context.Context, env Env, wrap func(string) string, additive bool) (model.Value, []data.Notice, error) {
	if p.model.Instant {
		if !additive || p.span < minPartSpan {
			return evaluate(ctx, env, wrap(p.expr), true, p.at, v1.Range{})
		}
		mid := p.at.Add(-p.span / 2).Truncate(time.Millisecond)
		first, err := p.instantExpr(mid.Sub(p.at.Add(-p.span)), mid)
		if err != nil {
			return nil, nil, err
		}
		second, err := p.instantExpr(p.at.Sub(mid), p.at)
		if err != nil {
			return nil, nil, err
		}
		vals, notices, err := runParts(ctx, env, []part{{wrap(first), true, mid, v1.Range{}}, {wrap(second), true, p.at, v1.Range{}}})
		if err != nil {
			return nil, nil, err
		}
		return sumAt(vals, p.at), notices, nil
	}
	var parts []part
	if !p.rng.Start.IsZero() {
		for _, r := range splitRange(p.rng, storeParallelism, minPartSteps) {
			parts = append(parts, part{expr: wrap(p.expr), rng: r})
		}
	}
	if p.tail > 0 {
		tail, err := p.instantExpr(p.tail, p.at)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, part{expr: wrap(tail), instant: true, at: p.at})
	}
	vals, notices, err := runParts(ctx, env, parts)
	if err != nil {
		return nil, nil, err
	}
	out := model.Matrix{}
	for _, v := range vals {
		out = appendPoints(out, asMatrix(v))
	}
	return out, notices, nil
}

// splitRange cuts a range into up to n ranges of whole steps, each at least minSteps long.
func splitRange(r v1.Range, n, minSteps int) []v1.Range {
	steps := int(r.End.Sub(r.Start)/r.Step) + 1
	if n > steps/minSteps {
		n = steps / minSteps
	}
	if n <= 1 {
		return []v1.Range{r}
	}
	var out []v1.Range
	start := r.Start
	for i := 0; i < n; i++ {
		k := steps / n
		if i < steps%n {
			k++
		}
		end := start.Add(time.Duration(k-1) * r.Step)
		out = append(out, v1.Range{Start: start, End: end, Step: r.Step})
		start = end.Add(r.Step)
	}
	return out
}

// runParts sends the parts at once and returns their answers in order; the first error wins.
func runParts(ctx context.Context, env Env, parts []part) ([]model.Value, []data.Notice, error) {
	vals := make([]model.Value, len(parts))
	notices := make([][]data.Notice, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, pt := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vals[i], notices[i], errs[i] = evaluate(ctx, env, pt.expr, pt.instant, pt.at, pt.rng)
		}()
	}
	wg.Wait()
	var all []data.Notice
	for i := range parts {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		all = append(all, notices[i]...)
	}
	return vals, all, nil
}

// sumAt adds instant answers series by series into one vector stamped at `at`.
func sumAt(vals []model.Value, at time.Time) model.Vector {
	sums := map[model.Fingerprint]*model.Sample{}
	var order []model.Fingerprint
	for _, v := range vals {
		vec, _ := v.(model.Vector)
		for _, s := range vec {
			fp := s.Metric.Fingerprint()
			if t, ok := sums[fp]; ok {
				t.Value += s.Value
				continue
			}
			sums[fp] = &model.Sample{Metric: s.Metric, Value: s.Value, Timestamp: model.TimeFromUnixNano(at.UnixNano())}
			order = append(order, fp)
		}
	}
	out := make(model.Vector, 0, len(order))
	for _, fp := range order {
		out = append(out, sums[fp])
	}
	return out
}
