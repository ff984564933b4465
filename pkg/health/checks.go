package health

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/prometheus/prometheus/model/labels"
)

// lastSampleStep is the subquery resolution for "last sample": below the 5m lookback, so no
// sample falls between two steps. It costs one evaluation per series and step, so it is used over
// exactWindow only; older last samples are found per hour (lastSampleCoarse), and reported as the
// end of the hour they fell in.
const (
	lastSampleStep   = 4 * time.Minute
	exactWindow      = 2 * time.Hour
	lastSampleCoarse = time.Hour
)

// symptomWindow is how far back the delta, identity and cardinality checks look.
const symptomWindow = 24 * time.Hour

// agents finds each agent's and developer's last token sample.
func (s *scan) agents(ctx context.Context, r *Report) []AgentSeen {
	byAgent := map[string]*AgentSeen{}
	var failed []string
	for _, mt := range s.tokenMetrics() {
		agent, _ := s.c.Catalog.Agent(mt.Agent)
		// The subquery's steps sit on multiples of lastSampleStep, so samples newer than the last step are only
		// seen by the plain timestamp() beside it (marked apart so `or` keeps both). Series silent for longer
		// than exactWindow fall to the hourly search (same labels, so `or` uses it only for them).
		sel := s.selector(mt)
		exact := fmt.Sprintf(`(max_over_time(timestamp(%s)[%s:%s]) or label_replace(timestamp(%s), "seatmeter_recent", "1", "", ""))`,
			sel, dur(exactWindow), dur(lastSampleStep), sel)
		coarse := fmt.Sprintf(`max_over_time(timestamp(count_over_time(%s[%s]) > 0)[%s:%s])`,
			sel, dur(lastSampleCoarse), dur(s.c.Lookback), dur(lastSampleCoarse))
		e := "(" + exact + " or " + coarse + ")"
		for i := len(agent.UserAttributes) - 1; i >= 0; i-- {
			e = fmt.Sprintf(`label_replace(%s, "user", "$1", %q, "(.+)")`, e, s.label(agent.UserAttributes[i]))
		}
		vec, err := s.vector(ctx, "max by (user) ("+e+")")
		if err != nil {
			failed = append(failed, mt.Agent+": "+err.Error())
			continue
		}
		for _, smp := range vec {
			a := byAgent[mt.Agent]
			if a == nil {
				a = &AgentSeen{Agent: mt.Agent}
				byAgent[mt.Agent] = a
			}
			t := time.Unix(int64(smp.Value), 0).UTC()
			a.Users = append(a.Users, UserSeen{User: string(smp.Metric["user"]), LastSample: t})
			if t.After(a.LastSample) {
				a.LastSample = t
			}
		}
	}
	var out []AgentSeen
	var names []string
	for _, id := range s.c.Catalog.AgentIDs() {
		if a := byAgent[id]; a != nil {
			sort.Slice(a.Users, func(i, j int) bool { return a.Users[i].User < a.Users[j].User })
			out = append(out, *a)
			names = append(names, fmt.Sprintf("%s (%s, last %s)", id, plural(len(a.Users), "developer", "developers"), a.LastSample.Format(time.RFC3339)))
		}
	}
	h := Hop{ID: "agents", Name: "Agents sending data", Status: OK}
	switch {
	case len(failed) > 0:
		h.Status, h.Message = Error, "Could not read last samples: "+strings.Join(failed, "; ")
	case len(out) == 0:
		h.Status = Warn
		h.Message = fmt.Sprintf("No agent token data in the last %s.", dur(s.c.Lookback))
		h.Fix = "Enable the agents' OTel export (Claude Code: CLAUDE_CODE_ENABLE_TELEMETRY=1, OTEL_METRICS_EXPORTER=otlp, OTEL_EXPORTER_OTLP_PROTOCOL; Codex: [otel] metrics_exporter in ~/.codex/config.toml) and point it at the collector."
	default:
		h.Message = "Data from " + strings.Join(names, "; ") + "."
	}
	r.Hops = append(r.Hops, h)
	return out
}

// delta spots delta-temporality agents whose data reaches the store unconverted (values that fall
// back almost every sample) or not at all while the collector receives their events.
func (s *scan) delta(ctx context.Context) Hop {
	h := Hop{ID: "delta", Name: "Delta temporality converted", Status: OK}
	var notes []string
	for _, mt := range s.tokenMetrics() {
		agent, _ := s.c.Catalog.Agent(mt.Agent)
		if agent.Temporality != "delta" {
			continue
		}
		w := dur(symptomWindow)
		samples, err := s.scalar(ctx, fmt.Sprintf("sum(count_over_time(%s[%s]))", s.selector(mt), w))
		if err != nil {
			return Hop{ID: h.ID, Name: h.Name, Status: Error, Message: err.Error()}
		}
		if samples == 0 {
			events, _ := s.scalar(ctx, fmt.Sprintf(`sum(increase({__name__=~"otelcol_receiver_accepted_log_records(_total)?"}[%s]))`, w))
			if events > 0 {
				h.Status = Warn
				notes = append(notes, fmt.Sprintf("%s: no metrics in the last %s while the collector accepted %.0f log events", agent.Name, w, events))
			}
			continue
		}
		resets, err := s.scalar(ctx, fmt.Sprintf("sum(resets(%s[%s]))", s.selector(mt), w))
		if err != nil {
			return Hop{ID: h.ID, Name: h.Name, Status: Error, Message: err.Error()}
		}
		if samples >= 10 && resets/samples > 0.2 {
			h.Status = Warn
			notes = append(notes, fmt.Sprintf("%s: %.0f of %.0f samples fall back (values look like unconverted deltas)", agent.Name, resets, samples))
		}
	}
	if h.Status == OK {
		h.Message = "Delta-temporality agents' counters reach the store as cumulative counters."
		return h
	}
	h.Message = strings.Join(notes, "; ") + "."
	h.Fix = "Claude Code and Codex export delta temporality, which Prometheus and Mimir drop or store unconverted: add the deltatocumulative processor to the collector pipeline (Alloy: otelcol.processor.deltatocumulative, run Alloy with --stability.level=experimental), or for Claude Code set OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative."
	return h
}

// identity finds token series with no developer label, and whether the identity sits on target_info.
func (s *scan) identity(ctx context.Context) Hop {
	h := Hop{ID: "identity", Name: "Developer identity on series", Status: OK}
	var notes []string
	for _, mt := range s.tokenMetrics() {
		agent, _ := s.c.Catalog.Agent(mt.Agent)
		var empty []*labels.Matcher
		for _, a := range agent.UserAttributes {
			empty = append(empty, labels.MustNewMatcher(labels.MatchEqual, s.label(a), ""))
		}
		n, err := s.scalar(ctx, fmt.Sprintf("count(last_over_time(%s[%s]))", s.selector(mt, empty...), dur(symptomWindow)))
		if err != nil {
			return Hop{ID: h.ID, Name: h.Name, Status: Error, Message: err.Error()}
		}
		if n > 0 {
			notes = append(notes, fmt.Sprintf("%s: %s without %s", agent.Name, plural(int(n), "series", "series"), strings.Join(agent.UserAttributes, " or ")))
		}
	}
	if len(notes) == 0 {
		h.Message = "Every token series names its developer."
		return h
	}
	h.Status = Warn
	h.Message = strings.Join(notes, "; ") + "."
	onInfo, _ := s.scalar(ctx, fmt.Sprintf(`count(last_over_time(target_info{%s!=""}[%s]))`, s.label("user.email"), dur(symptomWindow)))
	if onInfo > 0 {
		h.Message += fmt.Sprintf(" user.email is on %s target_info only.", plural(int(onInfo), "resource", "resources"))
	}
	h.Fix = "Copy the identity onto datapoints: promote the resource attribute (Prometheus otlp.promote_resource_attributes: [user.email]; Mimir -distributor.otel-promote-resource-attributes=user.email) or in the collector's transform processor set(datapoint.attributes[\"user.email\"], resource.attributes[\"user.email\"]). Codex needs OTEL_RESOURCE_ATTRIBUTES=user.email=<address> in ~/.codex/.env."
	return h
}

// sessions reports session ids leaking onto metrics (one new series per session).
func (s *scan) sessions(ctx context.Context) Hop {
	h := Hop{ID: "cardinality", Name: "Series per developer bounded", Status: OK}
	sid := s.label("session.id")
	total := 0.0
	for _, mt := range s.tokenMetrics() {
		n, err := s.scalar(ctx, fmt.Sprintf("count(count by (%s) (last_over_time(%s[%s])))", sid, s.selector(mt, labels.MustNewMatcher(labels.MatchNotEqual, sid, "")), dur(symptomWindow)))
		if err != nil {
			return Hop{ID: h.ID, Name: h.Name, Status: Error, Message: err.Error()}
		}
		total += n
	}
	if total == 0 {
		h.Message = "No session ids on metric series."
		return h
	}
	h.Status = Warn
	h.Message = fmt.Sprintf("%s in the last %s put a %s label on token series: every session makes new series.", plural(int(total), "session id", "session ids"), dur(symptomWindow), sid)
	h.Fix = "Drop session.id before the store: in the collector's transform processor delete_key(datapoint.attributes, \"session.id\") (the shipped OTTL does), or set OTEL_METRICS_INCLUDE_SESSION_ID=false for Claude Code."
	return h
}

var discardFixes = map[string]string{
	"sample-out-of-order":           "out-of-order samples: keep one collector per agent stream, or enable Mimir's out_of_order_time_window",
	"sample-too-old":                "samples older than Mimir accepts: check collector queueing/retries and clocks",
	"per_user_series_limit":         "tenant series limit: drop session.id and other per-request attributes, or raise max_global_series_per_user",
	"per_metric_series_limit":       "per-metric series limit: drop session.id, or raise max_global_series_per_metric",
	"max_label_names_per_series":    "too many labels: delete unused attributes in the collector's transform processor",
	"label_value_too_long":          "a label value is too long: drop free-text attributes",
	"sample_out_of_bounds":          "sample outside the TSDB head: check clocks and collector retries",
	"new-value-for-timestamp":       "duplicate timestamps with different values: two senders share one series (add service.instance.id)",
	"otlp_delta_temporality":        "delta temporality rejected: add deltatocumulative to the collector",
	"invalid-native-histogram":      "malformed native histogram: update the collector",
	"exemplar_series_missing":       "exemplars without series: harmless, disable exemplars",
	"metric_name_invalid":           "metric names rejected: check the naming translation strategy",
	"rate_limited":                  "ingestion rate limit: raise ingestion_rate or batch less often",
	"ingestion_rate_limited":        "ingestion rate limit: raise ingestion_rate or batch less often",
	"per_user_series_limit_reached": "tenant series limit: drop session.id, or raise max_global_series_per_user",
}

// discarded reads Mimir's own count of samples it accepted with a 200 and then dropped.
func (s *scan) discarded(ctx context.Context) Hop {
	h := Hop{ID: "mimir-discards", Name: "Mimir discarded samples", Status: OK}
	vec, err := s.vector(ctx, fmt.Sprintf("sum by (reason) (increase(cortex_discarded_samples_total[%s]))", dur(symptomWindow)))
	if err != nil {
		return Hop{ID: h.ID, Name: h.Name, Status: Error, Message: err.Error()}
	}
	if len(vec) == 0 {
		h.Message = "No cortex_discarded_samples_total in this store (not Mimir, or Mimir's own metrics are not scraped into it)."
		return h
	}
	counts := map[string]float64{}
	for _, smp := range vec {
		if smp.Value > 0 {
			counts[string(smp.Metric["reason"])] = float64(smp.Value)
		}
	}
	if len(counts) == 0 {
		h.Message = "Mimir discarded no samples in the last " + dur(symptomWindow) + "."
		return h
	}
	h.Status = Warn
	h.Message = "Mimir accepted and then dropped samples in the last " + dur(symptomWindow) + " — " + joinCounts(counts) + "."
	var fixes []string
	for _, reason := range sortedKeys(counts) {
		if f, ok := discardFixes[reason]; ok {
			fixes = append(fixes, reason+": "+f)
		} else {
			fixes = append(fixes, reason+": see Mimir's limits for this reason (mimir.yaml limits block)")
		}
	}
	h.Fix = strings.Join(fixes, "; ")
	return h
}
