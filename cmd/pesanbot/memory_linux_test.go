//go:build linux

package main

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// rssFile reads the resident file pages of this process, in kB.
func rssFile(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for l := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestReleaseCode: after start-up, the binary's pages it read go back to
// the kernel, and the process runs on (what it touches again is read back).
func TestReleaseCode(t *testing.T) {
	var fs unix.Statfs_t
	if err := unix.Statfs(os.Args[0], &fs); err == nil && fs.Type == unix.TMPFS_MAGIC {
		t.Skip("the test binary is on tmpfs: its pages are memory, not reclaimable file pages")
	}
	before := rssFile(t)
	err := releaseCode()
	if errors.Is(err, unix.EINVAL) {
		t.Skip("kernel without MADV_PAGEOUT (before Linux 5.4)")
	}
	if err != nil {
		t.Fatal(err)
	}
	after := rssFile(t)
	if after >= before {
		t.Errorf("RssFile %d kB before, %d kB after: nothing released", before, after)
	}
	t.Logf("RssFile %d kB before, %d kB after", before, after)
	// The code runs on: a command still works.
	if out, err := pesanbot(t, t.TempDir(), "version"); err != nil || !strings.HasPrefix(out, "pesanbot ") {
		t.Fatalf("version after releaseCode = %q, %v", out, err)
	}
}
