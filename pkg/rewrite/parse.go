// Package rewrite is the one place PromQL is parsed and rewritten, with Prometheus's own parser.
package rewrite

import (
	"errors"
	"fmt"

	"github.com/prometheus/prometheus/promql/parser"
)

// userParser reads what users write, which may name metrics by their OTel names unquoted
// (claude_code.token.usage); strictParser checks what is sent to the store, which may be an older
// Prometheus or Mimir.
var (
	userParser   = parser.NewParser(parser.Options{EnableUnquotedUTF8Names: true})
	strictParser = parser.NewParser(parser.Options{})
)

// ParseError is an invalid query with the place it went wrong (1-based line and column, and the
// 0-based byte offset for editors).
type ParseError struct {
	Msg    string `json:"message"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Offset int    `json:"offset"`
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s at line %d, column %d", e.Msg, e.Line, e.Column)
}

// Parse parses a PromQL expression as sent to the store; on error it returns a *ParseError.
func Parse(expr string) (parser.Expr, error) { return parse(strictParser, expr) }

func parse(p parser.Parser, expr string) (parser.Expr, error) {
	e, err := p.ParseExpr(expr)
	if err == nil {
		return e, nil
	}
	var errs parser.ParseErrors
	if errors.As(err, &errs) && len(errs) > 0 {
		first := errs[0]
		off := int(first.PositionRange.Start)
		line, col := lineCol(expr, off)
		return nil, &ParseError{Msg: first.Err.Error(), Line: line, Column: col, Offset: off}
	}
	return nil, &ParseError{Msg: err.Error(), Line: 1, Column: 1}
}

func lineCol(s string, off int) (int, int) {
	if off > len(s) {
		off = len(s)
	}
	line, col := 1, 1
	for _, r := range s[:off] {
		if r == '\n' {
			line++
			col = 1
			continue
		}
		col++
	}
	return line, col
}
