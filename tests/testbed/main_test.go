package testbed

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// One pipeline and one simulator run shared by the totals, auth, privacy and identity tests; the
// fault test brings up its own.
var (
	sharedOnce  sync.Once
	sharedBed   *Bed
	sharedTruth *Truth
	sharedErr   error
	startedPids []int
	startedDirs []string
	pidsMu      sync.Mutex
)

func track(b *Bed) {
	pidsMu.Lock()
	defer pidsMu.Unlock()
	startedDirs = append(startedDirs, b.Dir)
	startedPids = append(startedPids, b.Collector.Pid())
}

func shared(t *testing.T) (*Bed, *Truth) {
	t.Helper()
	sharedOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		sharedBed, sharedErr = Start(ctx, Options{})
		if sharedErr != nil {
			return
		}
		track(sharedBed)
		var out string
		sharedTruth, out, sharedErr = Simulate(ctx, sharedBed.Collector, SimOptions{
			Seed: 7, Developers: 4, Sessions: 2, Requests: 6, DurationMs: 2500, ExportIntervalMs: 1000,
			TruthPath: filepath.Join(sharedBed.Dir, "truth.json"),
		})
		if sharedErr != nil {
			sharedErr = fmt.Errorf("%w\n%s", sharedErr, out)
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedBed, sharedTruth
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedBed != nil {
		sharedBed.Stop()
	}
	if err := leftovers(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// leftovers fails when any process the test bed started is still alive.
func leftovers() error {
	pidsMu.Lock()
	defer pidsMu.Unlock()
	var alive []string
	for _, pid := range startedPids {
		if pid != 0 && syscall.Kill(pid, 0) == nil {
			alive = append(alive, fmt.Sprintf("collector pid %d", pid))
		}
	}
	for _, dir := range startedDirs {
		out, _ := exec.Command("pgrep", "-f", dir).Output()
		if s := strings.TrimSpace(string(out)); s != "" {
			alive = append(alive, "processes using "+dir+": "+s)
		}
		if _, err := os.Stat(dir); err == nil {
			alive = append(alive, "temp dir left: "+dir)
		}
	}
	if len(alive) > 0 {
		return fmt.Errorf("test bed left behind: %s", strings.Join(alive, "; "))
	}
	return nil
}
