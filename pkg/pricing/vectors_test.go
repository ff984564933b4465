package pricing

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/data"
)

// data/cost-vectors.json is shared with src/shared/pricing/vectors.test.ts: both engines must pass every case.
type vectorFile struct {
	Tolerance float64 `json:"tolerance"`
	Cases     []struct {
		Name    string `json:"name"`
		Rule    string `json:"rule"`
		Request struct {
			Agent        string `json:"agent"`
			Model        string `json:"model"`
			Timestamp    string `json:"timestamp"`
			Tokens       Tokens `json:"tokens"`
			Speed        string `json:"speed"`
			InferenceGeo string `json:"inferenceGeo"`
			PerRequest   bool   `json:"perRequest"`
		} `json:"request"`
		Options struct {
			AssumedCacheWriteTTL CacheTTL        `json:"assumedCacheWriteTTL"`
			Overrides            json.RawMessage `json:"overrides"`
		} `json:"options"`
		Expect struct {
			Breakdown
			Model  string `json:"model"`
			Reason string `json:"reason"`
		} `json:"expect"`
	} `json:"cases"`
	Resolve []struct {
		Raw    string  `json:"raw"`
		Expect *string `json:"expect"`
	} `json:"resolve"`
	OverrideErrors []struct {
		Overrides json.RawMessage `json:"overrides"`
		Error     string          `json:"error"`
	} `json:"overrideErrors"`
	ValidOverrides []json.RawMessage `json:"validOverrides"`
}

func readVectors(t *testing.T) vectorFile {
	t.Helper()
	raw, err := data.FS.ReadFile("cost-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSharedCostVectors(t *testing.T) {
	v := readVectors(t)
	if len(v.Cases) < 60 {
		t.Fatalf("want at least 60 cost vectors, have %d", len(v.Cases))
	}
	for _, c := range v.Cases {
		t.Run(c.Rule+"/"+c.Name, func(t *testing.T) {
			var opts []Option
			if c.Options.AssumedCacheWriteTTL != "" {
				opts = append(opts, WithAssumedCacheWriteTTL(c.Options.AssumedCacheWriteTTL))
			}
			var ov *Overrides
			if len(c.Options.Overrides) > 0 {
				var err error
				if ov, err = ParseOverrides(c.Options.Overrides); err != nil {
					t.Fatal(err)
				}
			}
			book, err := Load(ov, opts...)
			if err != nil {
				t.Fatal(err)
			}
			ts, err := time.Parse(time.RFC3339, c.Request.Timestamp)
			if err != nil {
				t.Fatal(err)
			}
			req := c.Request
			got, err := book.Price(Request{Agent: req.Agent, Model: req.Model, Timestamp: ts, Tokens: req.Tokens, Speed: req.Speed, InferenceGeo: req.InferenceGeo, PerRequest: req.PerRequest})
			want := c.Expect
			if !want.Priced {
				var u *UnpricedError
				if !errors.As(err, &u) || !errors.Is(err, ErrUnpriced) {
					t.Fatalf("want unpriced, got %+v, %v", got, err)
				}
				if u.Model != want.Model || u.Reason != want.Reason || u.Tokens != req.Tokens {
					t.Fatalf("got %+v, want model %q reason %q tokens %+v", u, want.Model, want.Reason, req.Tokens)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want.Notes == nil {
				want.Notes = []string{}
			}
			head := func(b Breakdown) []any {
				return []any{b.ModelID, b.Provider, b.PriceRowFrom, b.AssumedCacheWriteTTL, b.Notes}
			}
			if !reflect.DeepEqual(head(got), head(want.Breakdown)) {
				t.Errorf("got %q, want %q", head(got), head(want.Breakdown))
			}
			for _, m := range []struct {
				name      string
				got, want float64
			}{{"input", got.Input, want.Input}, {"output", got.Output, want.Output}, {"cacheRead", got.CacheRead, want.CacheRead},
				{"cacheWrite", got.CacheWrite, want.CacheWrite}, {"total", got.Total, want.Total}, {"listCeiling", got.ListCeiling, want.ListCeiling}} {
				if math.Abs(m.got-m.want) > v.Tolerance {
					t.Errorf("%s: got %v, want %v", m.name, m.got, m.want)
				}
			}
		})
	}
}

func TestSharedResolveVectors(t *testing.T) {
	book, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readVectors(t).Resolve {
		id, ok := book.ResolveModel(r.Raw)
		switch {
		case r.Expect == nil && ok:
			t.Errorf("%q: resolved to %q, want unresolved", r.Raw, id)
		case r.Expect != nil && (!ok || id != *r.Expect):
			t.Errorf("%q: got %q (%v), want %q", r.Raw, id, ok, *r.Expect)
		}
	}
}

func TestSharedOverrideVectors(t *testing.T) {
	v := readVectors(t)
	for _, e := range v.OverrideErrors {
		_, err := ParseOverrides(e.Overrides)
		if err == nil || err.Error() != e.Error {
			t.Errorf("%s: got error %v, want %q", e.Overrides, err, e.Error)
		}
	}
	for _, o := range v.ValidOverrides {
		ov, err := ParseOverrides(o)
		if err != nil {
			t.Errorf("%s: %v", o, err)
			continue
		}
		if _, err := Load(ov); err != nil {
			t.Errorf("%s: Load: %v", o, err)
		}
	}
}
