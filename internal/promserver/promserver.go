// Package promserver starts a real Prometheus (Debian's package) on a loopback port for tests and
// the test bed, with a temp data dir and the remote-write receiver on, and writes samples into it.
package promserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/gogo/protobuf/proto"
	"github.com/klauspost/compress/snappy"
	"github.com/prometheus/prometheus/prompb"
)

// Server is a running Prometheus.
type Server struct {
	URL     string // http://127.0.0.1:PORT
	Dir     string
	cmd     *exec.Cmd
	logFile *os.File
}

// Binary finds the prometheus executable: $PROMETHEUS_BIN, then PATH.
func Binary() (string, error) {
	if b := os.Getenv("PROMETHEUS_BIN"); b != "" {
		return b, nil
	}
	b, err := exec.LookPath("prometheus")
	if err != nil {
		return "", fmt.Errorf("prometheus is not installed (apt-get install -y prometheus, or set PROMETHEUS_BIN): %w", err)
	}
	return b, nil
}

// FreePort asks the kernel for a free loopback port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start launches Prometheus in dir (created if needed) and waits until it is ready, at most 60s.
// Extra flags are appended (e.g. feature flags).
func Start(ctx context.Context, dir string, extra ...string) (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	return StartBinary(ctx, bin, dir, extra...)
}

// StartBinary is Start with a given prometheus executable (e.g. Binary3's).
func StartBinary(ctx context.Context, bin, dir string, extra ...string) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, err
	}
	cfg := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfg, []byte("global:\n  evaluation_interval: 1m\nscrape_configs: []\n"), 0o644); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "prometheus.log"))
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := append([]string{
		"--config.file=" + cfg,
		"--storage.tsdb.path=" + filepath.Join(dir, "data"),
		"--web.listen-address=" + addr,
		"--web.enable-remote-write-receiver",
		"--storage.tsdb.retention.time=5y",
	}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start prometheus: %w", err)
	}
	s := &Server{URL: "http://" + addr, Dir: dir, cmd: cmd, logFile: logf}
	if err := s.waitReady(ctx, 60*time.Second); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		resp, err := http.Get(s.URL + "/-/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	log, _ := os.ReadFile(s.logFile.Name())
	return fmt.Errorf("prometheus at %s not ready after %s; log:\n%s", s.URL, limit, tail(log, 2000))
}

// Stop ends Prometheus and its process group and waits for it.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	if s.logFile != nil {
		s.logFile.Close()
	}
}

// Sample is one value of one series at one time.
type Sample struct {
	Labels map[string]string // must include __name__
	Time   time.Time
	Value  float64
}

// RemoteWrite pushes samples through the remote-write receiver, in time order per series.
func (s *Server) RemoteWrite(ctx context.Context, samples []Sample) error {
	byKey := map[string]*prompb.TimeSeries{}
	var order []string
	for _, smp := range samples {
		key := fmt.Sprint(smp.Labels)
		ts, ok := byKey[key]
		if !ok {
			ts = &prompb.TimeSeries{Labels: sortedLabels(smp.Labels)}
			byKey[key] = ts
			order = append(order, key)
		}
		ts.Samples = append(ts.Samples, prompb.Sample{Timestamp: smp.Time.UnixMilli(), Value: smp.Value})
	}
	req := &prompb.WriteRequest{}
	for _, k := range order {
		req.Timeseries = append(req.Timeseries, *byKey[k])
	}
	raw, err := proto.Marshal(req)
	if err != nil {
		return err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/api/v1/write", bytes.NewReader(snappy.Encode(nil, raw)))
	if err != nil {
		return err
	}
	hreq.Header.Set("Content-Encoding", "snappy")
	hreq.Header.Set("Content-Type", "application/x-protobuf")
	hreq.Header.Set("X-Prometheus-Remote-Write-Version", "0.1.0")
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("remote write: %s: %s", resp.Status, body)
	}
	return nil
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
