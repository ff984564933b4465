package pricing

import (
	"errors"
	"math"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/seatmeter/seatmeter/data"
)

func TestOverridesExampleParses(t *testing.T) {
	raw, err := data.FS.ReadFile("price-overrides.example.json")
	if err != nil {
		t.Fatal(err)
	}
	ov, err := ParseOverrides(raw)
	if err != nil {
		t.Fatal(err)
	}
	book, err := Load(ov, WithAssumedCacheWriteTTL(TTL1h))
	if err != nil {
		t.Fatal(err)
	}
	if id, ok := book.ResolveModel("acme/coder-v2"); !ok || id != "acme-coder" {
		t.Fatalf("alias of the custom model resolved to %q, %v", id, ok)
	}
	models := book.KnownModels()
	if i := sort.SearchStrings(models, "acme-coder"); !sort.StringsAreSorted(models) || i == len(models) || models[i] != "acme-coder" {
		t.Fatalf("KnownModels: %v", models)
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	if _, err := Load(nil, WithAssumedCacheWriteTTL("24h")); err == nil {
		t.Fatal("want an error for an unknown TTL")
	}
	bad := -1.0
	_, err := Load(&Overrides{DiscountPercent: &bad})
	if err == nil || err.Error() != "overrides.discountPercent: must be a number between 0 and 100" {
		t.Fatalf("hand-built overrides are validated too: %v", err)
	}
	if _, err := ParseOverrides([]byte("{")); err == nil {
		t.Fatal("want an error for invalid JSON")
	}
	book, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = book.Price(Request{Model: "gpt-5", Timestamp: time.Now(), Tokens: Tokens{Input: math.NaN()}})
	if err == nil || errors.Is(err, ErrUnpriced) || err.Error() != "tokens.input: must be a number >= 0" {
		t.Fatalf("invalid tokens: %v", err)
	}
}

func TestDatasetProvenance(t *testing.T) {
	book, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(book.AsOf()) || book.SourceVersion() == "" {
		t.Fatalf("as_of %q, version %q", book.AsOf(), book.SourceVersion())
	}
	for _, m := range []string{"claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "gpt-5-codex", "gpt-5.1-codex", "gpt-5.2"} {
		if id, ok := book.ResolveModel(m); !ok || id != m {
			t.Errorf("simulator model %s: %q %v", m, id, ok)
		}
	}
}
