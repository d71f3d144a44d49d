// Package proc runs errsvc as a child process for the benchmarks and the
// soak: it builds the binary, finds free loopback ports, waits for
// readiness and reads the process's memory from /proc.
package proc

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Build builds errsvc into dir and returns the binary's path. The package
// path, not ./cmd/errsvc, so that any directory inside the module works.
func Build(dir string) (string, error) {
	bin := filepath.Join(dir, "errsvc")
	build := exec.Command("go", "build", "-o", bin, "github.com/errsvc/errsvc/cmd/errsvc")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("build errsvc: %w", err)
	}
	return bin, nil
}

// FreeAddr returns a loopback address with a port free at the time of the
// call.
func FreeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// WaitReady polls url until it answers 200, the process exits, or 30 s pass.
func WaitReady(c *http.Client, url string, exited <-chan error) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("errsvc exited before it was ready: %v", err)
		default:
		}
		if resp, err := c.Get(url); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("errsvc not ready within 30 s")
}

// MB reads one memory field (VmRSS, VmHWM) of /proc/PID/status in MB; it
// returns 0 where /proc is not available.
func MB(pid int, field string) float64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
