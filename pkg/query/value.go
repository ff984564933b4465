package query

import "github.com/prometheus/common/model"

func toValue(v any) model.Value {
	if mv, ok := v.(model.Value); ok {
		return mv
	}
	return nil
}
