package testbed

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/seatmeter/seatmeter/internal/promserver"
)

// Collector is a running OpenTelemetry Collector built from tests/otelcol/builder-config.yaml with the
// product's pipeline (provisioning/otelcol/config.yaml + the test bed's second-store overlay).
type Collector struct {
	HTTPURL  string // OTLP/HTTP base, http://127.0.0.1:PORT
	GRPCURL  string // OTLP/gRPC, http://127.0.0.1:PORT
	User     string
	Password string
	LogPath  string // collector stdout+stderr (debug exporter output included)

	bin  string
	args []string
	env  []string
	cmd  *exec.Cmd
	done chan struct{}
}

// CollectorBinary returns the cached collector, building it first (scripts/test-steps/15-otelcol.sh,
// at most 30 minutes) when the manifest's hash has no binary yet.
func CollectorBinary(ctx context.Context) (string, error) {
	if b := os.Getenv("SEATMETER_OTELCOL_BIN"); b != "" {
		return b, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts/test-steps/15-otelcol.sh"))
	cmd.Dir = root
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the collector (scripts/test-steps/15-otelcol.sh): %w\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1], nil
}

// CollectorOptions say where the collector writes.
type CollectorOptions struct {
	Dir             string // temp dir for htpasswd and log
	SuffixedWrite   string // remote-write URL of the suffixed-dialect store
	NoSuffixWrite   string // remote-write URL of the no-suffix store
	DebugVerbosity  string // basic | normal | detailed
	ReadyTimeout    time.Duration
	ExtraConfigYAML string // optional further overlay
}

// StartCollector writes a fresh htpasswd (random password), picks loopback ports and starts the collector.
func StartCollector(ctx context.Context, o CollectorOptions) (*Collector, error) {
	bin, err := CollectorBinary(ctx)
	if err != nil {
		return nil, err
	}
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	grpcPort, err := promserver.FreePort()
	if err != nil {
		return nil, err
	}
	httpPort, err := promserver.FreePort()
	if err != nil {
		return nil, err
	}
	pw := make([]byte, 12)
	if _, err := rand.Read(pw); err != nil {
		return nil, err
	}
	c := &Collector{
		HTTPURL:  "http://127.0.0.1:" + strconv.Itoa(httpPort),
		GRPCURL:  "http://127.0.0.1:" + strconv.Itoa(grpcPort),
		User:     "seatmeter-agent",
		Password: hex.EncodeToString(pw),
		LogPath:  filepath.Join(o.Dir, "otelcol.log"),
		bin:      bin,
	}
	sum := sha1.Sum([]byte(c.Password))
	htpasswd := filepath.Join(o.Dir, "htpasswd")
	if err := os.WriteFile(htpasswd, []byte(c.User+":{SHA}"+base64.StdEncoding.EncodeToString(sum[:])+"\n"), 0o600); err != nil {
		return nil, err
	}
	c.args = []string{
		"--config", filepath.Join(root, "provisioning/otelcol/config.yaml"),
		"--config", filepath.Join(root, "tests/otelcol/second-store.yaml"),
	}
	if o.ExtraConfigYAML != "" {
		extra := filepath.Join(o.Dir, "extra.yaml")
		if err := os.WriteFile(extra, []byte(o.ExtraConfigYAML), 0o644); err != nil {
			return nil, err
		}
		c.args = append(c.args, "--config", extra)
	}
	verbosity := o.DebugVerbosity
	if verbosity == "" {
		verbosity = "detailed"
	}
	c.env = append(os.Environ(),
		"SEATMETER_OTELCOL_HTPASSWD="+htpasswd,
		"SEATMETER_OTTL_FILE="+filepath.Join(root, "provisioning/ottl/statements.yaml"),
		"SEATMETER_OTELCOL_GRPC=127.0.0.1:"+strconv.Itoa(grpcPort),
		"SEATMETER_OTELCOL_HTTP=127.0.0.1:"+strconv.Itoa(httpPort),
		"SEATMETER_PRW_URL="+o.SuffixedWrite,
		"SEATMETER_PRW_TRANSLATION_STRATEGY=UnderscoreEscapingWithSuffixes",
		"SEATMETER_PRW_NOSUFFIX_URL="+o.NoSuffixWrite,
		"SEATMETER_DEBUG_VERBOSITY="+verbosity,
	)
	limit := o.ReadyTimeout
	if limit == 0 {
		limit = 60 * time.Second
	}
	if err := c.start(ctx, limit); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate runs the binary's `validate` subcommand on the same config and environment.
func (c *Collector) Validate(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, c.bin, append([]string{"validate"}, c.args...)...)
	cmd.Env = c.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("otelcol validate: %w: %s", err, out)
	}
	return nil
}

func (c *Collector) start(ctx context.Context, limit time.Duration) error {
	logf, err := os.OpenFile(c.LogPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close() // the child keeps its own descriptor
	cmd := exec.Command(c.bin, c.args...)
	cmd.Env = c.env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start collector: %w", err)
	}
	c.cmd = cmd
	c.done = make(chan struct{})
	go func(done chan struct{}) { _ = cmd.Wait(); close(done) }(c.done)
	if err := c.waitReady(ctx, limit); err != nil {
		c.Stop()
		return err
	}
	return nil
}

// waitReady: the HTTP receiver answers 401 to an anonymous push once the pipeline is up.
func (c *Collector) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			return fmt.Errorf("collector exited during start-up; log:\n%s", tailFile(c.LogPath, 3000))
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		resp, err := http.Post(c.HTTPURL+"/v1/metrics", "application/x-protobuf", strings.NewReader(""))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized && portOpen(strings.TrimPrefix(c.GRPCURL, "http://")) {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("collector not ready after %s; log:\n%s", limit, tailFile(c.LogPath, 3000))
}

// Kill ends the collector abruptly (SIGKILL to its process group), losing what it held in memory.
func (c *Collector) Kill() {
	if c.cmd == nil {
		return
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	<-c.done
	c.cmd = nil
}

// Restart starts the collector again on the same ports with the same config.
func (c *Collector) Restart(ctx context.Context) error {
	return c.start(ctx, 60*time.Second)
}

// Stop ends the collector gracefully (it flushes), then forcibly after 10s.
func (c *Collector) Stop() {
	if c.cmd == nil {
		return
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
	c.cmd = nil
}

// Pid of the running collector (0 if not running).
func (c *Collector) Pid() int {
	if c.cmd == nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// Authorization is the header value agents send.
func (c *Collector) Authorization() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(c.User+":"+c.Password))
}
