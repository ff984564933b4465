package query

// Custom is frame meta.custom: where a number came from.
type Custom struct {
	Source  string `json:"source"`  // catalog source label ("Live telemetry", "Calculated", ...)
	Formula string `json:"formula"` // how it was computed
	Dialect string `json:"dialect"` // the store's naming dialect the query was written for
	Measure string `json:"measure,omitempty"`
	Basis   string `json:"basis,omitempty"`
	// Unpriced lists models no price was found for (cost queries).
	Unpriced []string `json:"unpriced,omitempty"`
}

// CustomRef is the custom meta of a frame after the first: which measure and basis it holds (the
// first frame carries the full Custom).
type CustomRef struct {
	Measure string `json:"measure,omitempty"`
	Basis   string `json:"basis,omitempty"`
}

func (c Custom) ref() CustomRef { return CustomRef{Measure: c.Measure, Basis: c.Basis} }
