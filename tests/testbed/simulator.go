package testbed

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// SimOptions are the simulator's flags (tests/simulator/README.md).
type SimOptions struct {
	Seed, Developers, Sessions, Requests int
	DurationMs, ExportIntervalMs         int
	NoContent, AllowExportErrors         bool
	NoCredentials                        bool // push without Authorization
	TruthPath                            string
	EmailDomain                          string
	ClaudeModels, CodexModels            string        // comma lists; empty: the simulator's defaults
	Timeout                              time.Duration // default 2 minutes
}

// Simulate runs `tsx tests/simulator/main.ts` against the collector and returns the ground truth.
func Simulate(ctx context.Context, c *Collector, o SimOptions) (*Truth, string, error) {
	root, err := RepoRoot()
	if err != nil {
		return nil, "", err
	}
	def := func(v, d int) int {
		if v == 0 {
			return d
		}
		return v
	}
	args := []string{
		filepath.Join(root, "tests/simulator/main.ts"),
		"--seed", strconv.Itoa(def(o.Seed, 1)),
		"--developers", strconv.Itoa(def(o.Developers, 4)),
		"--sessions", strconv.Itoa(def(o.Sessions, 2)),
		"--requests", strconv.Itoa(def(o.Requests, 6)),
		"--duration-ms", strconv.Itoa(o.DurationMs),
		"--export-interval-ms", strconv.Itoa(def(o.ExportIntervalMs, 1000)),
		"--otlp-http", c.HTTPURL,
		"--otlp-grpc", c.GRPCURL,
	}
	if !o.NoCredentials {
		args = append(args, "--user", c.User, "--password", c.Password)
	}
	if o.TruthPath != "" {
		args = append(args, "--truth", o.TruthPath)
	}
	if o.EmailDomain != "" {
		args = append(args, "--email-domain", o.EmailDomain)
	}
	if o.ClaudeModels != "" {
		args = append(args, "--claude-models", o.ClaudeModels)
	}
	if o.CodexModels != "" {
		args = append(args, "--codex-models", o.CodexModels)
	}
	if o.NoContent {
		args = append(args, "--no-content")
	}
	if o.AllowExportErrors {
		args = append(args, "--allow-export-errors")
	}
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(root, "node_modules/.bin/tsx"), args...)
	cmd.Dir = root
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, string(out), fmt.Errorf("simulator: %w\n%s", err, out)
	}
	if o.TruthPath == "" {
		return nil, string(out), nil
	}
	t, err := ReadTruth(o.TruthPath)
	return t, string(out), err
}

// SimulatorProcess is a simulator running in the background (fault test).
type SimulatorProcess struct {
	out  *lockedBuffer
	done chan error
}

// StartSimulator runs the simulator in the background; Wait collects it.
func StartSimulator(ctx context.Context, c *Collector, o SimOptions) (*SimulatorProcess, error) {
	p := &SimulatorProcess{out: &lockedBuffer{}, done: make(chan error, 1)}
	go func() {
		_, out, err := Simulate(ctx, c, o)
		p.out.WriteString(out)
		p.done <- err
	}()
	return p, nil
}

// Wait returns the simulator's error and output.
func (p *SimulatorProcess) Wait() (string, error) {
	err := <-p.done
	return p.out.String(), err
}
