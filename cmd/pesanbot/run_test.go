package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as the real pesanbot:
// PESANBOT_TEST_MAIN=1 with the arguments, one a line, in
// PESANBOT_TEST_ARGS.
func TestMain(m *testing.M) {
	if os.Getenv("PESANBOT_TEST_MAIN") == "1" {
		os.Args = append([]string{"pesanbot"}, strings.Split(os.Getenv("PESANBOT_TEST_ARGS"), "\n")...)
		main()
		return
	}
	os.Exit(m.Run())
}

// lockedBuffer collects a child's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRunOffline runs the binary on a new data directory where WhatsApp
// cannot be reached: it shows the pairing guidance, says in one line that
// it cannot reach WhatsApp and keeps retrying, refuses a second instance,
// and stops cleanly on SIGTERM. WhatsApp is pointed at a closed port on
// this machine through the proxy setting, so the test sends nothing out.
func TestRunOffline(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGTERM and flock")
	}
	data := filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"PESANBOT_TEST_MAIN=1", "PESANBOT_TEST_ARGS=run\n--data\n"+data+"\n--http\n127.0.0.1:0",
		"HTTPS_PROXY=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:1", "NO_PROXY=", "no_proxy=")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer cmd.Process.Kill()

	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "cannot reach WhatsApp, retrying") {
		if time.Now().After(deadline) {
			t.Fatalf("no offline line after 30s:\n%s", out.String())
		}
		select {
		case err := <-done:
			t.Fatalf("pesanbot exited early (%v):\n%s", err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	for _, want := range []string{"Perangkat tertaut", "Linked devices", "pesanbot"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("pairing guidance lacks %q:\n%s", want, out.String())
		}
	}
	// The dashboard's real address and a login code are shown at start,
	// without anyone asking for a code on the page.
	if !regexp.MustCompile(`dasbor di http://127\.0\.0\.1:[1-9][0-9]*/`).MatchString(out.String()) {
		t.Errorf("no dashboard address with its port:\n%s", out.String())
	}
	if !regexp.MustCompile(`kode masuk dasbor: [0-9]{6} `).MatchString(out.String()) {
		t.Errorf("no dashboard login code at start:\n%s", out.String())
	}

	// A second instance on the same directory is refused at once (the
	// lock alone: a second full run here could reach the network).
	if unlock, err := lockDataDir(data, lockNote{}); err == nil {
		unlock()
		t.Error("a second instance got the lock")
	} else if !strings.Contains(err.Error(), "already running") {
		t.Errorf("second instance: %v, want 'already running'", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("exit status %d after SIGTERM:\n%s", exit.ExitCode(), out.String())
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30s after SIGTERM:\n%s", out.String())
	}
	got := out.String()
	// One line per retry: not a plain line and a log line besides.
	var reach, retries int
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "cannot reach WhatsApp") {
			reach++
		}
		if strings.Contains(l, "retrying in") {
			retries++
		}
	}
	if reach != retries || retries == 0 {
		t.Errorf("%d lines about WhatsApp being unreachable for %d retries:\n%s", reach, retries, got)
	}
	if !strings.Contains(got, "pesanbot stopped") || strings.Contains(got, "panic") || strings.Contains(got, "goroutine ") {
		t.Errorf("unclean stop:\n%s", got)
	}
	for _, f := range []string{"whatsapp.db", "shop.db", "bot.lock"} {
		st, err := os.Stat(filepath.Join(data, f))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", f, st.Mode().Perm())
		}
	}
}
