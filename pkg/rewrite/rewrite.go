package rewrite

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// edit replaces text[start:end] of the protected text.
type edit struct {
	start, end int
	text       string
}

// Rewrite renames every vector selector that names a catalog metric (by OTel name, either
// Prometheus form or the canonical name) to the store's name in dialect d. Only the name is
// spliced in; the rest of the user's text, macros and variables stay as written. Invalid PromQL
// comes back as a *ParseError positioned in the user's text.
func Rewrite(expr string, idx *Index, d catalog.Dialect) (string, error) {
	prot, ph := protect(expr)
	ast, err := parse(userParser, prot)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.Offset = originalOffset(pe.Offset, ph)
			pe.Line, pe.Column = lineCol(expr, pe.Offset)
		}
		return "", err
	}
	var edits []edit
	parser.Inspect(ast, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			if e, ok := selectorEdit(prot, vs, idx, d); ok {
				edits = append(edits, e)
			}
		}
		return nil
	})
	for _, p := range ph {
		edits = append(edits, edit{start: p.start, end: p.end, text: p.orig})
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := prot
	for _, e := range edits {
		out = out[:e.start] + e.text + out[e.end:]
	}
	return out, nil
}

func selectorEdit(text string, vs *parser.VectorSelector, idx *Index, d catalog.Dialect) (edit, bool) {
	start, end := int(vs.PosRange.Start), int(vs.PosRange.End)
	if start < 0 || end > len(text) || start >= end {
		return edit{}, false
	}
	sel := text[start:end]
	name := vs.Name
	if name == "" {
		for _, m := range vs.LabelMatchers {
			if m.Name == model.MetricNameLabel && m.Type == labels.MatchEqual {
				name = m.Value
			}
		}
	}
	target, known := idx.Target(name, d)
	if !known {
		return edit{}, false
	}
	legacy := model.LegacyValidation.IsValidMetricName(target)
	// An unquoted UTF-8 name is still rewritten: the store's parser may want it quoted.
	if target == name && (legacy || vs.Name == "" || !strings.HasPrefix(sel, name)) {
		return edit{}, false
	}
	if vs.Name != "" && strings.HasPrefix(sel, name) {
		// name{...} or bare name.
		if legacy {
			return edit{start, start + len(name), target}, true
		}
		rest := strings.TrimLeft(sel[len(name):], " \t\r\n")
		if !strings.HasPrefix(rest, "{") || onlyNameMatcher(vs) {
			return edit{start, end, "{" + strconv.Quote(target) + "}"}, true
		}
		brace := start + len(name) + strings.Index(sel[len(name):], "{")
		return edit{start, brace + 1, "{" + strconv.Quote(target) + ", "}, true
	}
	lit, ok := findNameLiteral(sel, name)
	if !ok {
		return edit{}, false
	}
	if lit.afterEquals || !legacy {
		return edit{start + lit.start, start + lit.end, strconv.Quote(target)}, true
	}
	// {"otel.name", a="b"} in a legacy store: name{a="b"}, so old parsers accept it too.
	cut := lit.end
	for cut < len(sel) && (sel[cut] == ' ' || sel[cut] == ',' || sel[cut] == '\t' || sel[cut] == '\n') {
		cut++
	}
	return edit{start, start + cut, target + sel[:lit.start]}, true
}

func onlyNameMatcher(vs *parser.VectorSelector) bool {
	for _, m := range vs.LabelMatchers {
		if m.Name != model.MetricNameLabel {
			return false
		}
	}
	return true
}

type literal struct {
	start, end  int
	afterEquals bool // __name__="..." rather than a bare quoted name
}

// findNameLiteral finds the string literal holding the metric name inside a selector's braces.
func findNameLiteral(sel, name string) (literal, bool) {
	for i := 0; i < len(sel); i++ {
		q := sel[i]
		if q != '"' && q != '\'' && q != '`' {
			continue
		}
		j := i + 1
		for j < len(sel) && sel[j] != q {
			if sel[j] == '\\' && q != '`' {
				j++
			}
			j++
		}
		if j >= len(sel) {
			return literal{}, false
		}
		lit := sel[i : j+1]
		before := strings.TrimRight(sel[:i], " \t\r\n")
		if v, err := unquote(lit); err == nil && v == name {
			if strings.HasSuffix(before, "=") && !strings.HasSuffix(before, "!=") {
				if strings.HasSuffix(strings.TrimRight(strings.TrimSuffix(before, "="), " \t\r\n"), model.MetricNameLabel) {
					return literal{i, j + 1, true}, true
				}
			} else if strings.HasSuffix(before, "{") || strings.HasSuffix(before, ",") {
				return literal{i, j + 1, false}, true
			}
		}
		i = j
	}
	return literal{}, false
}

func unquote(lit string) (string, error) {
	if lit[0] == '\'' {
		inner := strings.ReplaceAll(lit[1:len(lit)-1], `\'`, `'`)
		inner = strings.ReplaceAll(inner, `"`, `\"`)
		return strconv.Unquote(`"` + inner + `"`)
	}
	return strconv.Unquote(lit)
}
