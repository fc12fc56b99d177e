package benchwork

import (
	"bytes"
	"fmt"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/google/pprof/profile"
)

// CPU is processor time spent while a workload ran, from a CPU profile
// (runtime/pprof, 100 samples a second) whose samples are put in one part
// each by their stack:
//
//   - Commit: the stack is committing a transaction: (*sql.Tx).Commit, or
//     SQLite's commit path (vdbeCommit, the pager's and the WAL's commit
//     phases, fsync, the auto-checkpoint that follows a commit);
//   - SQL: otherwise, any frame in modernc.org/sqlite, modernc.org/libc or
//     database/sql: running statements, reading rows, preparing;
//   - Flows: otherwise, any frame in the flows packages (the pure turn:
//     reading the message, policies, replies), Go allocation and GC
//     assists under it included;
//   - Other: the rest: the Go runtime and background GC, bot and store Go
//     code around the statements, the WhatsApp transport, the benchmark.
//
// Total is the sum; Process is the process's user+system CPU time over the
// same interval (getrusage), which the profile samples.
type CPU struct {
	Total, Flows, SQL, Commit, Other time.Duration
	Process                          time.Duration
}

// Add sums two measurements.
func (c CPU) Add(d CPU) CPU {
	return CPU{c.Total + d.Total, c.Flows + d.Flows, c.SQL + d.SQL, c.Commit + d.Commit, c.Other + d.Other, c.Process + d.Process}
}

// Profile runs fn under a CPU profile and returns where the time went. It
// fails when another CPU profile is running (go test -cpuprofile).
func Profile(fn func()) (CPU, error) {
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		return CPU{}, err
	}
	u0 := processCPU()
	fn()
	u1 := processCPU()
	pprof.StopCPUProfile()
	c, err := attribute(buf.Bytes())
	c.Process = u1 - u0
	return c, err
}

// processCPU is the process's user and system CPU time so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// attribute sums a CPU profile's samples into the parts of CPU.
func attribute(data []byte) (CPU, error) {
	p, err := profile.ParseData(data)
	if err != nil {
		return CPU{}, fmt.Errorf("failed to read the CPU profile: %w", err)
	}
	vi := -1
	for i, st := range p.SampleType {
		if st.Type == "cpu" && st.Unit == "nanoseconds" {
			vi = i
		}
	}
	if vi < 0 {
		return CPU{}, fmt.Errorf("the CPU profile has no cpu/nanoseconds samples")
	}
	var c CPU
	for _, s := range p.Sample {
		d := time.Duration(s.Value[vi])
		c.Total += d
		switch partOf(s) {
		case partCommit:
			c.Commit += d
		case partSQL:
			c.SQL += d
		case partFlows:
			c.Flows += d
		default:
			c.Other += d
		}
	}
	return c, nil
}

type part int

const (
	partOther part = iota
	partFlows
	partSQL
	partCommit
)

// commitFuncs are the functions on SQLite's commit path (static C
// functions carry a "_" in modernc's translation).
var commitFuncs = map[string]bool{
	"database/sql.(*Tx).Commit":                          true,
	"modernc.org/sqlite/lib._vdbeCommit":                 true,
	"modernc.org/sqlite/lib._sqlite3BtreeCommitPhaseOne": true,
	"modernc.org/sqlite/lib._sqlite3BtreeCommitPhaseTwo": true,
	"modernc.org/sqlite/lib._sqlite3PagerCommitPhaseOne": true,
	"modernc.org/sqlite/lib._sqlite3WalFrames":           true,
	"modernc.org/sqlite/lib._unixSync":                   true,
	"modernc.org/sqlite/lib._full_fsync":                 true,
	"modernc.org/sqlite/lib._doWalCallbacks":             true,
	"modernc.org/sqlite/lib._sqlite3WalDefaultHook":      true,
	"modernc.org/sqlite/lib._sqlite3Checkpoint":          true,
	"modernc.org/libc.Xfsync":                            true,
	"modernc.org/libc.Xfdatasync":                        true,
}

// partOf puts one sample in its part by its stack (leaf first; inlined
// calls are lines of one location).
func partOf(s *profile.Sample) part {
	best := partOther
	for _, loc := range s.Location {
		for _, ln := range loc.Line {
			if ln.Function == nil {
				continue
			}
			name := ln.Function.Name
			switch {
			case commitFuncs[name]:
				return partCommit
			case strings.HasPrefix(name, "modernc.org/sqlite") || strings.HasPrefix(name, "modernc.org/libc") || strings.HasPrefix(name, "database/sql."):
				best = max(best, partSQL)
			case strings.HasPrefix(name, "github.com/pesanbot/pesanbot/flows"):
				best = max(best, partFlows)
			}
		}
	}
	return best
}
