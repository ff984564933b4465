package catalog

import (
	"fmt"

	"github.com/prometheus/otlptranslator"
)

// Dialect is how a store names OTel metrics and attributes.
type Dialect string

const (
	// NoSuffix is Mimir's default: dots become underscores, no unit or _total suffix.
	NoSuffix Dialect = "nosuffix"
	// Suffixed is Prometheus's and Grafana Cloud's default: unit suffix and _total for counters.
	Suffixed Dialect = "suffixed"
	// UTF8 keeps OTel names as they are (Prometheus 3 with NoTranslation).
	UTF8 Dialect = "utf8"
)

// Dialects lists every dialect, in detection-preference order.
var Dialects = []Dialect{NoSuffix, Suffixed, UTF8}

// ParseDialect checks a dialect name from settings.
func ParseDialect(s string) (Dialect, error) {
	for _, d := range Dialects {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("dialect %q is not one of nosuffix, suffixed, utf8", s)
}

func (d Dialect) strategy() otlptranslator.TranslationStrategyOption {
	switch d {
	case Suffixed:
		return otlptranslator.UnderscoreEscapingWithSuffixes
	case UTF8:
		return otlptranslator.NoTranslation
	default:
		return otlptranslator.UnderscoreEscapingWithoutSuffixes
	}
}

func (m Metric) otlpType() otlptranslator.MetricType {
	switch m.Instrument {
	case "counter":
		return otlptranslator.MetricTypeMonotonicCounter
	case "updowncounter":
		return otlptranslator.MetricTypeNonMonotonicCounter
	case "histogram":
		return otlptranslator.MetricTypeHistogram
	default:
		return otlptranslator.MetricTypeGauge
	}
}

// BaseName is the metric family name in the dialect, without a histogram series suffix.
func (m Metric) BaseName(d Dialect) string {
	namer := otlptranslator.NewMetricNamer("", d.strategy())
	n, err := namer.Build(otlptranslator.Metric{Name: m.OTel, Unit: m.OTelUnit, Type: m.otlpType()})
	if err != nil {
		// Only an empty name fails, which validate() rules out.
		return m.OTel
	}
	return n
}

// Name is the series name the store holds for this metric in the dialect (histograms: _sum, ...).
func (m Metric) Name(d Dialect) string {
	if m.Instrument == "histogram" && m.Series != "" {
		return m.BaseName(d) + "_" + m.Series
	}
	return m.BaseName(d)
}

// Label is an OTel attribute's label name in the dialect.
func Label(attr string, d Dialect) string {
	namer := otlptranslator.LabelNamer{UTF8Allowed: d == UTF8}
	n, err := namer.Build(attr)
	if err != nil {
		return attr
	}
	return n
}
