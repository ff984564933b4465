// Command generate writes 90 days of Seatmeter history (1,000 developers, 10 models, Claude Code and
// Codex) as OpenMetrics, named as the collector pipeline stores it in one dialect, for
// `promtool tsdb create-blocks-from openmetrics`. Deterministic for a seed. See tests/scale/README.md.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

var (
	claudeModels = []string{"claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-sonnet-4-6", "claude-opus-4-6", "claude-opus-4-1"}
	codexModels  = []string{"gpt-5-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.2-codex"}
)

type dev struct {
	email, userID string
	claude, codex []string // models this developer uses (empty: does not use the agent)
}

// day is one developer's activity on one day: which models, from when, how many steps.
type day struct {
	start         time.Time
	steps         int
	claude, codex []string
}

func main() {
	out := flag.String("out", "", "output file (OpenMetrics)")
	devs := flag.Int("developers", 1000, "developers")
	days := flag.Int("days", 90, "days of history, ending at --end")
	end := flag.String("end", time.Now().UTC().Format("2006-01-02"), "last day (UTC, YYYY-MM-DD)")
	step := flag.Duration("step", 15*time.Minute, "sample spacing while a developer is active")
	dialectName := flag.String("dialect", "suffixed", "naming dialect: suffixed | nosuffix")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*out, *devs, *days, *end, *step, *dialectName, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run(out string, nDevs, nDays int, endDay string, step time.Duration, dialectName string, seed uint64) error {
	if out == "" {
		return fmt.Errorf("--out is required")
	}
	d, err := catalog.ParseDialect(dialectName)
	if err != nil {
		return err
	}
	last, err := time.Parse("2006-01-02", endDay)
	if err != nil {
		return fmt.Errorf("--end: %w", err)
	}
	cat, err := catalog.Default()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5ca1e))
	developers := make([]dev, nDevs)
	for i := range developers {
		developers[i] = newDev(rng, i+1)
	}
	// Each developer's days are drawn once so every metric family below sees the same activity.
	first := last.AddDate(0, 0, -nDays+1)
	activity := make([][]day, nDevs)
	for i, dv := range developers {
		activity[i] = schedule(rng, dv, first, nDays, step)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	g := &gen{w: w, d: d, step: step, cat: cat, seed: seed}
	samples, series := 0, 0
	for _, fam := range families(cat, d) {
		fmt.Fprintf(w, "# TYPE %s unknown\n", fam.name)
		for i, dv := range developers {
			n, ns := g.family(fam, dv, activity[i], uint64(i))
			samples, series = samples+n, series+ns
		}
	}
	fmt.Fprintln(w, "# EOF")
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "generate: %d developers, %d days, %d series, %d samples -> %s\n", nDevs, nDays, series, samples, out)
	return nil
}

func newDev(rng *rand.Rand, i int) dev {
	dv := dev{email: fmt.Sprintf("dev%04d@example.com", i), userID: fmt.Sprintf("%016x%016x", rng.Uint64(), rng.Uint64())}
	usesClaude, usesCodex := rng.Float64() < 0.75, rng.Float64() < 0.5
	if !usesClaude && !usesCodex {
		usesClaude = true
	}
	pick := func(pool []string, n int) []string {
		p := rng.Perm(len(pool))[:n]
		out := make([]string, n)
		for j, k := range p {
			out[j] = pool[k]
		}
		return out
	}
	if usesClaude {
		dv.claude = pick(claudeModels, 1+rng.IntN(3))
	}
	if usesCodex {
		dv.codex = pick(codexModels, 1+rng.IntN(2))
	}
	return dv
}

func schedule(rng *rand.Rand, dv dev, first time.Time, nDays int, step time.Duration) []day {
	var out []day
	for k := 0; k < nDays; k++ {
		date := first.AddDate(0, 0, k)
		wd := date.Weekday()
		if (wd == time.Saturday || wd == time.Sunday) && rng.Float64() > 0.08 || rng.Float64() > 0.9 {
			continue
		}
		start := date.Add(time.Duration(7+rng.IntN(4))*time.Hour + time.Duration(rng.IntN(60))*time.Minute)
		hours := 3 + rng.Float64()*6
		dy := day{start: start, steps: int(time.Duration(hours*float64(time.Hour)) / step)}
		if len(dv.claude) > 0 {
			dy.claude = dv.claude[:1+rng.IntN(len(dv.claude))]
		}
		if len(dv.codex) > 0 {
			dy.codex = dv.codex[:1+rng.IntN(len(dv.codex))]
		}
		out = append(out, dy)
	}
	return out
}

// family is one series name with the per-step increment it adds for a (developer, model, type).
type family struct {
	name   string
	agent  string
	labels []string                            // label names besides the developer's and model
	types  []string                            // raw type values ("" for none)
	typeL  string                              // label carrying the type
	perDay bool                                // not per model (sessions, active time)
	inc    func(u float64, typ string) float64 // u: the step's one uniform draw, shared by all types
}

func families(cat *catalog.Catalog, d catalog.Dialect) []family {
	metric := func(measure, agent, series string) catalog.Metric {
		m, _ := cat.Measure(measure)
		for _, mt := range m.Metrics {
			if mt.Agent == agent && (series == "" || mt.Series == series) {
				return mt
			}
		}
		panic("catalog lacks " + measure + " for " + agent)
	}
	keys := func(mt catalog.Metric) []string {
		var out []string
		for k := range mt.TypeMap {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	claudeTokens := map[string][2]float64{"input": {1, 400}, "output": {200, 6000}, "cacheRead": {20000, 300000}, "cacheCreation": {500, 20000}}
	codexTokens := map[string][2]float64{"input": {20000, 150000}, "cached_input": {15000, 120000}, "cache_write_input": {0, 0}, "output": {300, 8000}, "reasoning_output": {100, 4000}}
	// One draw per step for all types keeps them consistent: cached_input <= input, reasoning <= output,
	// total = input + output.
	between := func(u float64, lohi [2]float64) float64 { return float64(int(lohi[0] + u*(lohi[1]-lohi[0]))) }
	codexInc := func(u float64, t string) float64 {
		if t == "total" {
			return between(u, codexTokens["input"]) + between(u, codexTokens["output"])
		}
		return between(u, codexTokens[t])
	}
	tok := metric("tokens", "claude-code", "")
	cost := metric("cost_reported", "claude-code", "")
	sess := metric("sessions", "claude-code", "")
	act := metric("active_time", "claude-code", "")
	cx := metric("tokens", "codex", "sum")
	cxTypes := []string{}
	for _, k := range keys(cx) {
		if k != "cache_write_input" {
			cxTypes = append(cxTypes, k)
		}
	}
	typeLabel := func(mt catalog.Metric) string { return catalog.Label(mt.Labels["type"], d) }
	return []family{
		{name: tok.Name(d), agent: "claude-code", types: keys(tok), typeL: typeLabel(tok), inc: func(u float64, t string) float64 { return between(u, claudeTokens[t]) }},
		{name: cost.Name(d), agent: "claude-code", types: []string{""}, inc: func(u float64, _ string) float64 { return 0.05 + u*0.6 }},
		{name: sess.Name(d), agent: "claude-code", perDay: true, types: []string{""}, inc: func(u float64, _ string) float64 { return float64(int(u * 2)) }},
		{name: act.Name(d), agent: "claude-code", perDay: true, types: keys(act), typeL: typeLabel(act), inc: func(u float64, _ string) float64 { return float64(30 + int(u*400)) }},
		{name: cx.BaseName(d) + "_sum", agent: "codex", types: cxTypes, typeL: typeLabel(cx), inc: codexInc},
		{name: cx.BaseName(d) + "_count", agent: "codex", types: cxTypes, typeL: typeLabel(cx), inc: func(u float64, _ string) float64 { return float64(1 + int(u*3)) }},
	}
}

type gen struct {
	w    *bufio.Writer
	d    catalog.Dialect
	step time.Duration
	cat  *catalog.Catalog
	seed uint64
}

// family writes every series of one family for one developer: cumulative counters that start at zero
// and reset after more than a day without data (deltatocumulative's max_stale in the pipeline).
func (g *gen) family(f family, dv dev, days []day, devIndex uint64) (samples, series int) {
	models := dv.claude
	job := "claude-code"
	if f.agent == "codex" {
		models, job = dv.codex, "codex-cli"
	}
	if len(models) == 0 {
		return 0, 0
	}
	if f.perDay {
		models = []string{""}
	}
	n, ns := 0, 0
	for _, model := range models {
		for _, typ := range f.types {
			lbl := g.labels(f, dv, job, model, typ)
			// The same stream per (developer, agent, model) for every type and family: the same idle steps
			// and the same draw, so the types (and _sum/_count) stay consistent with each other.
			r := rand.New(rand.NewPCG(g.seed^devIndex, hash(f.agent+model)))
			var v float64
			var lastT time.Time
			before := n
			for _, dy := range days {
				if !uses(dy, f.agent, model) {
					continue
				}
				if !lastT.IsZero() && dy.start.Sub(lastT) > 24*time.Hour {
					v = 0
				}
				for s := 0; s < dy.steps; s++ {
					t := dy.start.Add(time.Duration(s) * g.step)
					idle, u := r.Float64() < 0.35, r.Float64()
					if !idle {
						v += f.inc(u, typ)
					}
					fmt.Fprintf(g.w, "%s%s %g %d\n", f.name, lbl, v, t.Unix())
					lastT = t
					n++
				}
			}
			if n > before {
				ns++
			}
		}
	}
	return n, ns
}

func uses(dy day, agent, model string) bool {
	ms := dy.claude
	if agent == "codex" {
		ms = dy.codex
	}
	if model == "" {
		return len(ms) > 0
	}
	for _, m := range ms {
		if m == model {
			return true
		}
	}
	return false
}

func (g *gen) labels(f family, dv dev, job, model, typ string) string {
	l := map[string]string{"job": job, catalog.Label("user.email", g.d): dv.email}
	if f.agent == "claude-code" {
		l[catalog.Label("user.id", g.d)] = dv.userID
		l[catalog.Label("organization.id", g.d)] = "org-seatmeter-scale"
		l[catalog.Label("terminal.type", g.d)] = "vscode"
	} else {
		l["originator"] = "codex_cli_rs"
		l["auth_mode"] = "Chatgpt"
	}
	if model != "" {
		l["model"] = model
	}
	if typ != "" {
		l[f.typeL] = typ
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, l[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func hash(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
