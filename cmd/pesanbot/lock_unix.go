//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDataDir takes bot.lock exclusively and data.lock shared, for a
// command that serves dir, for the life of the process (the kernel drops
// both when the process dies, even on kill -9). note is written into
// bot.lock for the message a refused command shows.
func lockDataDir(dir string, note lockNote) (unlock func(), err error) {
	bot, err := flockFile(dir, lockFile, syscall.LOCK_EX, note)
	if err != nil {
		return nil, err
	}
	use, err := flockFile(dir, useFile, syscall.LOCK_SH, lockNote{})
	if err != nil {
		bot()
		return nil, err
	}
	return func() { use(); bot() }, nil
}

// lockForChange takes data.lock shared: a command that changes the data
// beside a running bot (catalog import), which only restore must wait for.
func lockForChange(dir string) (unlock func(), err error) {
	return flockFile(dir, useFile, syscall.LOCK_SH, lockNote{})
}

// lockForRestore takes both locks exclusively: nothing may have the
// database open while it is replaced.
func lockForRestore(dir string) (unlock func(), err error) {
	bot, err := flockFile(dir, lockFile, syscall.LOCK_EX, lockNote{Command: "restore"})
	if err != nil {
		return nil, err
	}
	use, err := flockFile(dir, useFile, syscall.LOCK_EX, lockNote{})
	if err != nil {
		bot()
		return nil, err
	}
	return func() { use(); bot() }, nil
}

// flockFile locks dir/name without waiting. An exclusive holder writes its
// pid and note into the file; a refusal reports what the holder wrote.
func flockFile(dir, name string, how int, note lockNote) (unlock func(), err error) {
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			le := &lockedError{dir: dir, use: name == useFile}
			if b, rerr := os.ReadFile(path); rerr == nil && !le.use {
				le.pid, le.note = parseNote(string(b))
			}
			return nil, le
		}
		return nil, fmt.Errorf("failed to lock %s: %w", path, err)
	}
	exclusive := how == syscall.LOCK_EX && name == lockFile
	if exclusive {
		if err := f.Truncate(0); err == nil {
			f.WriteAt([]byte(formatNote(os.Getpid(), note)), 0)
		}
	}
	return func() {
		if exclusive {
			f.Truncate(0)
		}
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
