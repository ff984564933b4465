package rewrite

import (
	"errors"
	"testing"
)

func TestParseReportsPosition(t *testing.T) {
	_, err := Parse("sum(rate(x[5m])\n  by (user")
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	if pe.Line != 2 || pe.Column < 1 || pe.Msg == "" {
		t.Fatalf("got %+v", pe)
	}
	if _, err := Parse(`sum by (user) (rate(claude_code_token_usage_tokens_total{type="input"}[5m]))`); err != nil {
		t.Fatal(err)
	}
}

func TestParseColumnOnFirstLine(t *testing.T) {
	_, err := Parse("up{job=}")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || pe.Column != 8 {
		t.Fatalf("got %+v", err)
	}
}
