package pricing

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Same verdicts and messages as src/shared/pricing/overrides.ts (data/cost-vectors.json "overrideErrors").

var dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$`)

var (
	rootKeys  = []string{"discountPercent", "models"}
	modelKeys = []string{"id", "provider", "aliases", "discountPercent", "prices"}
	rowKeys   = []string{"from", "to", "input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h"}
)

type fieldError struct{ path, msg string }

func (e *fieldError) Error() string { return e.path + ": " + e.msg }

func fail(path, msg string) { panic(&fieldError{path, msg}) }

// ParseOverrides validates user overrides JSON; the error names the bad field
// (e.g. "overrides.models[2].prices[0].input: must be a number >= 0").
func ParseOverrides(raw []byte) (ov *Overrides, err error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("overrides: not valid JSON: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			fe, ok := r.(*fieldError)
			if !ok {
				panic(r)
			}
			ov, err = nil, fe
		}
	}()
	return validateOverrides(v), nil
}

// ParseDate reads YYYY-MM-DD (UTC midnight) or an RFC 3339 date-time.
func ParseDate(s string) (time.Time, bool) {
	if !dateShape.MatchString(s) {
		return time.Time{}, false
	}
	layout := time.RFC3339
	if len(s) == 10 {
		layout = "2006-01-02"
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

func checkKeys(obj map[string]any, allowed []string, path string) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !contains(allowed, k) {
			fail(path+"."+k, "unknown field")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func asObject(v any, path string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		fail(path, "must be an object")
	}
	return m
}

func price(v any, path string) float64 {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		fail(path, "must be a number >= 0")
	}
	return f
}

func percent(v any, path string) float64 {
	f, ok := v.(float64)
	if !ok || f < 0 || f > 100 {
		fail(path, "must be a number between 0 and 100")
	}
	return f
}

func nonEmpty(v any, path string) string {
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		fail(path, "must be a non-empty string")
	}
	return s
}

func date(v any, path string) string {
	s, ok := v.(string)
	if ok {
		if _, valid := ParseDate(s); valid {
			return s
		}
	}
	fail(path, "must be a date (YYYY-MM-DD or RFC 3339 date-time)")
	return ""
}

func overrideRow(v any, path string) OverrideRow {
	obj := asObject(v, path)
	checkKeys(obj, rowKeys, path)
	r := OverrideRow{From: date(obj["from"], path+".from")}
	r.Input = price(obj["input"], path+".input")
	r.Output = price(obj["output"], path+".output")
	// Unstated cache prices default to the input price (no discount assumed); cacheWrite1h to cacheWrite5m.
	r.CacheRead, r.CacheWrite5m = r.Input, r.Input
	if x, ok := obj["cacheRead"]; ok {
		r.CacheRead = price(x, path+".cacheRead")
	}
	if x, ok := obj["cacheWrite5m"]; ok {
		r.CacheWrite5m = price(x, path+".cacheWrite5m")
	}
	r.CacheWrite1h = r.CacheWrite5m
	if x, ok := obj["cacheWrite1h"]; ok {
		r.CacheWrite1h = price(x, path+".cacheWrite1h")
	}
	if x, ok := obj["to"]; ok {
		r.To = date(x, path+".to")
		from, _ := ParseDate(r.From)
		to, _ := ParseDate(r.To)
		if !to.After(from) {
			fail(path+".to", "must be after from")
		}
	}
	return r
}

func rowSpan(r OverrideRow) (time.Time, time.Time, bool) {
	from, _ := ParseDate(r.From)
	if r.To == "" {
		return from, time.Time{}, false
	}
	to, _ := ParseDate(r.To)
	return from, to, true
}

func overrideRows(v any, path string) []OverrideRow {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		fail(path, "must be a non-empty array")
	}
	out := make([]OverrideRow, len(list))
	for j, r := range list {
		out[j] = overrideRow(r, fmt.Sprintf("%s[%d]", path, j))
	}
	name := path[strings.LastIndex(path, ".")+1:]
	for k := range out {
		fk, tk, boundedK := rowSpan(out[k])
		for j := 0; j < k; j++ {
			fj, tj, boundedJ := rowSpan(out[j])
			if (!boundedK || fj.Before(tk)) && (!boundedJ || fk.Before(tj)) {
				fail(fmt.Sprintf("%s[%d]", path, k), fmt.Sprintf("overlaps %s[%d]", name, j))
			}
		}
	}
	return out
}

func modelOverride(v any, path string) ModelOverride {
	obj := asObject(v, path)
	checkKeys(obj, modelKeys, path)
	m := ModelOverride{ID: nonEmpty(obj["id"], path+".id")}
	if x, ok := obj["provider"]; ok {
		m.Provider = nonEmpty(x, path+".provider")
	}
	if x, ok := obj["aliases"]; ok {
		list, isList := x.([]any)
		if !isList {
			fail(path+".aliases", "must be an array of non-empty strings")
		}
		for j, a := range list {
			m.Aliases = append(m.Aliases, nonEmpty(a, fmt.Sprintf("%s.aliases[%d]", path, j)))
		}
	}
	if x, ok := obj["discountPercent"]; ok {
		d := percent(x, path+".discountPercent")
		m.DiscountPercent = &d
	}
	if x, ok := obj["prices"]; ok {
		m.Prices = overrideRows(x, path+".prices")
	} else if _, known := datasetModelID(m.ID); !known {
		fail(path+".prices", "required for a model that is not in the price dataset")
	}
	return m
}

func validateOverrides(v any) *Overrides {
	const path = "overrides"
	obj := asObject(v, path)
	checkKeys(obj, rootKeys, path)
	ov := &Overrides{}
	if x, ok := obj["discountPercent"]; ok {
		d := percent(x, path+".discountPercent")
		ov.DiscountPercent = &d
	}
	if x, ok := obj["models"]; ok {
		list, isList := x.([]any)
		if !isList {
			fail(path+".models", "must be an array")
		}
		seen := map[string]int{}
		for i, m := range list {
			mo := modelOverride(m, fmt.Sprintf("%s.models[%d]", path, i))
			key, known := datasetModelID(mo.ID)
			if !known {
				key = NormalizeModelID(mo.ID)
			}
			if first, dup := seen[key]; dup {
				fail(fmt.Sprintf("%s.models[%d].id", path, i), fmt.Sprintf("duplicate of overrides.models[%d].id", first))
			}
			seen[key] = i
			ov.Models = append(ov.Models, mo)
		}
	}
	return ov
}
