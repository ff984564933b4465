// Package testbed runs Seatmeter's real telemetry pipeline for tests: the agent simulators
// (tests/simulator) → the OpenTelemetry Collector built from tests/otelcol/builder-config.yaml with
// provisioning/otelcol/config.yaml → two real Prometheus servers, one per naming dialect.
package testbed

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/seatmeter/seatmeter/internal/promserver"
	"github.com/seatmeter/seatmeter/pkg/catalog"
)

// Bed is a running pipeline.
type Bed struct {
	Dir       string
	Suffixed  *promserver.Server // stores names with unit/_total suffixes (Prometheus default)
	NoSuffix  *promserver.Server // stores names without suffixes (Mimir's OTLP default)
	Collector *Collector

	ownedDir bool
}

// Options for Start.
type Options struct {
	Dir            string // working directory (created); empty: a new temp dir removed by Stop
	DebugVerbosity string
	KeepDir        bool // keep a temp dir made by Start after Stop (e.g. for the ground-truth file)
}

// Start brings up both stores and the collector and waits until all are ready.
func Start(ctx context.Context, o Options) (b *Bed, err error) {
	dir := o.Dir
	owned := false
	if dir == "" {
		if dir, err = os.MkdirTemp("", "seatmeter-testbed-"); err != nil {
			return nil, err
		}
		owned = true
	}
	b = &Bed{Dir: dir}
	defer func() {
		if err != nil {
			b.Stop()
			if owned {
				os.RemoveAll(dir)
			}
		}
	}()
	if b.Suffixed, err = promserver.Start(ctx, filepath.Join(dir, "prom-suffixed")); err != nil {
		return b, err
	}
	if b.NoSuffix, err = promserver.Start(ctx, filepath.Join(dir, "prom-nosuffix")); err != nil {
		return b, err
	}
	b.Collector, err = StartCollector(ctx, CollectorOptions{
		Dir:            dir,
		SuffixedWrite:  b.Suffixed.URL + "/api/v1/write",
		NoSuffixWrite:  b.NoSuffix.URL + "/api/v1/write",
		DebugVerbosity: o.DebugVerbosity,
	})
	if owned && err == nil && !o.KeepDir {
		b.ownedDir = true
	}
	return b, err
}

// Store returns the store of a dialect.
func (b *Bed) Store(d catalog.Dialect) (*promserver.Server, error) {
	switch d {
	case catalog.Suffixed:
		return b.Suffixed, nil
	case catalog.NoSuffix:
		return b.NoSuffix, nil
	}
	return nil, errors.New("the test bed runs the suffixed and nosuffix dialects only")
}

// Stop ends every process; a temp dir made by Start is removed.
func (b *Bed) Stop() {
	if b.Collector != nil {
		b.Collector.Stop()
	}
	for _, s := range []*promserver.Server{b.Suffixed, b.NoSuffix} {
		if s != nil {
			s.Stop()
		}
	}
	if b.ownedDir {
		os.RemoveAll(b.Dir)
	}
}
