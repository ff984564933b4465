// Command testbed runs Seatmeter's telemetry test bed (two Prometheus stores + the real OpenTelemetry
// Collector + the agent simulators) for TypeScript tests and by hand. It prints one JSON line.
//
//	go run ./tests/testbed/cmd/testbed up   [--dir D]            start, print state, run until SIGTERM/SIGINT or `down`
//	go run ./tests/testbed/cmd/testbed run  [--dir D] [--keep] [simulator flags]
//	                                                              start, simulate, wait until the stores hold the
//	                                                              ground truth, stop, print state (+ truth path,
//	                                                              the dir is kept); --keep
//	                                                              then stays up like `up`
//	go run ./tests/testbed/cmd/testbed down --dir D               stop the bed started with that dir
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/seatmeter/seatmeter/pkg/catalog"
	"github.com/seatmeter/seatmeter/tests/testbed"
)

// State is what the command prints and keeps in <dir>/testbed.json.
type State struct {
	Dir          string `json:"dir"`
	PID          int    `json:"pid"`
	SuffixedURL  string `json:"suffixedURL"`
	NoSuffixURL  string `json:"noSuffixURL"`
	OTLPHTTP     string `json:"otlpHTTP"`
	OTLPGRPC     string `json:"otlpGRPC"`
	User         string `json:"user"`
	Password     string `json:"password"`
	CollectorLog string `json:"collectorLog"`
	TruthPath    string `json:"truthPath,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: testbed up|run|down [flags]"))
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dir := fs.String("dir", "", "working directory (default: a new temp dir)")
	keep := fs.Bool("keep", false, "run: stay up after the run until SIGTERM/SIGINT or `down`")
	seed := fs.Int("seed", 1, "simulator seed")
	devs := fs.Int("developers", 4, "simulated developers")
	sessions := fs.Int("sessions", 2, "sessions per developer per agent")
	requests := fs.Int("requests", 6, "requests per session")
	duration := fs.Int("duration-ms", 2000, "spread the requests over this many ms")
	interval := fs.Int("export-interval-ms", 1000, "OTLP export interval")
	timeout := fs.Duration("timeout", 3*time.Minute, "give up after this long")
	_ = fs.Parse(os.Args[2:])

	switch os.Args[1] {
	case "down":
		fail(down(*dir))
	case "up", "run":
	default:
		fail(fmt.Errorf("unknown command %q (up, run, down)", os.Args[1]))
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	bed, err := testbed.Start(ctx, testbed.Options{Dir: *dir, KeepDir: os.Args[1] == "run" && !*keep})
	if err != nil {
		cancel()
		fail(err)
	}
	st := State{
		Dir: bed.Dir, PID: os.Getpid(), SuffixedURL: bed.Suffixed.URL, NoSuffixURL: bed.NoSuffix.URL,
		OTLPHTTP: bed.Collector.HTTPURL, OTLPGRPC: bed.Collector.GRPCURL,
		User: bed.Collector.User, Password: bed.Collector.Password, CollectorLog: bed.Collector.LogPath,
	}
	if os.Args[1] == "run" {
		st.TruthPath = filepath.Join(bed.Dir, "truth.json")
		err = simulateAndWait(ctx, bed, testbed.SimOptions{
			Seed: *seed, Developers: *devs, Sessions: *sessions, Requests: *requests,
			DurationMs: *duration, ExportIntervalMs: *interval, TruthPath: st.TruthPath,
		})
	}
	cancel()
	if err == nil {
		err = writeState(st)
	}
	if err != nil || (os.Args[1] == "run" && !*keep) {
		bed.Stop()
		fail(err)
		return
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
	bed.Stop()
	_ = os.Remove(filepath.Join(st.Dir, "testbed.json"))
}

func simulateAndWait(ctx context.Context, bed *testbed.Bed, o testbed.SimOptions) error {
	truth, out, err := testbed.Simulate(ctx, bed.Collector, o)
	if err != nil {
		return err
	}
	fmt.Fprint(os.Stderr, out)
	want := testbed.TotalsByKey(truth.Totals)
	for _, d := range []catalog.Dialect{catalog.Suffixed, catalog.NoSuffix} {
		store, _ := bed.Store(d)
		_, diff, err := testbed.WaitTotals(ctx, store.URL, d, want, nil, 30*time.Second)
		if err != nil {
			return err
		}
		if len(diff) > 0 {
			return fmt.Errorf("%s store never reached the ground truth:\n%s", d, testbed.Summary(diff, 10))
		}
	}
	return nil
}

func writeState(st State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(st.Dir, "testbed.json"), b, 0o600); err != nil {
		return err
	}
	fmt.Println(string(b))
	return nil
}

func down(dir string) error {
	if dir == "" {
		return errors.New("down needs --dir")
	}
	b, err := os.ReadFile(filepath.Join(dir, "testbed.json"))
	if err != nil {
		return fmt.Errorf("no running test bed in %s: %w", dir, err)
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		return err
	}
	if err := syscall.Kill(st.PID, syscall.SIGTERM); err != nil {
		return fmt.Errorf("stop test bed pid %d: %w", st.PID, err)
	}
	for i := 0; i < 300; i++ {
		if syscall.Kill(st.PID, 0) != nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("test bed pid " + strconv.Itoa(st.PID) + " did not stop within 30s")
}

func fail(err error) {
	if err == nil {
		os.Exit(0)
	}
	fmt.Fprintln(os.Stderr, "testbed:", strings.TrimSpace(err.Error()))
	os.Exit(1)
}
