//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockFile guards a data directory: two bots on one WhatsApp session
// fight (StreamReplaced) and on one database they would answer twice.
const lockFile = "bot.lock"

// lockDataDir takes an exclusive lock on DIR/bot.lock for the life of the
// process (the kernel drops it when the process dies, even on kill -9).
func lockDataDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid := ""
		if b, rerr := os.ReadFile(path); rerr == nil {
			if p := strings.TrimSpace(string(b)); p != "" {
				pid = " (pid " + p + ")"
			}
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another pesanbot is already running on %s%s; stop it first (pesanbot lain sedang berjalan di folder data ini; hentikan dulu)", dir, pid)
		}
		return nil, fmt.Errorf("failed to lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		f.Truncate(0)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
