//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// releaseCode hands the kernel back the pages of pesanbot's own binary
// (code, read-only data, the runtime's function tables) that start-up
// read: opening and migrating the database, the first WhatsApp attempt,
// package initialisation. The kernel maps a file's pages in 64 KiB blocks
// around each one touched, so a start-up leaves most of the binary
// resident although an idle shop runs a small part of it. MADV_PAGEOUT
// (Linux 5.4) reclaims those clean file pages now, as memory pressure
// would later; what runs next is read back in, from the page cache or the
// disk, on first touch. Nothing written is dropped: writable mappings
// (data, heap, stacks) are left alone.
func releaseCode() error {
	self, err := os.Stat("/proc/self/exe")
	if err != nil {
		return err
	}
	st, ok := self.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("no inode for /proc/self/exe")
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return err
	}
	dev := fmt.Sprintf("%02x:%02x", unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev)))
	ino := strconv.FormatUint(st.Ino, 10)
	released := 0
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// start-end perms offset dev inode path
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[3] != dev || f[4] != ino || strings.Contains(f[1], "w") {
			continue
		}
		start, end, ok := strings.Cut(f[0], "-")
		lo, err1 := strconv.ParseUint(start, 16, 64)
		hi, err2 := strconv.ParseUint(end, 16, 64)
		if !ok || err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		if _, _, e := unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), unix.MADV_PAGEOUT); e != 0 {
			return fmt.Errorf("madvise pageout: %w", e)
		}
		released++
	}
	if released == 0 {
		return fmt.Errorf("no read-only mapping of the executable in /proc/self/maps")
	}
	return nil
}
