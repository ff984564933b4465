package testbed

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"time"
)

// RepoRoot is the directory holding go.mod ($SEATMETER_ROOT overrides).
func RepoRoot() (string, error) {
	if r := os.Getenv("SEATMETER_ROOT"); r != "" {
		return r, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory (set SEATMETER_ROOT)")
		}
		dir = parent
	}
}

func portOpen(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
