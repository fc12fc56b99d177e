package benchwork

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"google.golang.org/protobuf/encoding/protowire"
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
	p, err := parseProfile(data)
	if err != nil {
		return CPU{}, fmt.Errorf("failed to read the CPU profile: %w", err)
	}
	vi := -1
	for i, st := range p.sampleTypes {
		if p.str(st[0]) == "cpu" && p.str(st[1]) == "nanoseconds" {
			vi = i
		}
	}
	if vi < 0 {
		return CPU{}, fmt.Errorf("the CPU profile has no cpu/nanoseconds samples")
	}
	var c CPU
	var names []string
	for _, s := range p.samples {
		if vi >= len(s.values) {
			return CPU{}, fmt.Errorf("failed to read the CPU profile: a sample has %d values", len(s.values))
		}
		d := time.Duration(s.values[vi])
		c.Total += d
		names = names[:0]
		for _, l := range s.locations {
			for _, fn := range p.locations[l] {
				if name, ok := p.functions[fn]; ok {
					names = append(names, p.str(name))
				}
			}
		}
		switch partOf(names) {
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

// cpuProfile is what attribute reads of a pprof profile (profile.proto,
// gzipped, as runtime/pprof writes it): read here with protowire, which
// the binary has anyway, rather than with github.com/google/pprof, whose
// package start-up (compiled regular expressions) every pesanbot process
// would pay for this one command.
type cpuProfile struct {
	sampleTypes [][2]int64 // type and unit, as string table indexes
	samples     []cpuSample
	locations   map[uint64][]uint64 // location id -> function ids of its lines
	functions   map[uint64]int64    // function id -> name's string table index
	strings     []string
}

type cpuSample struct {
	locations []uint64 // leaf first
	values    []int64
}

func (p *cpuProfile) str(i int64) string {
	if i < 0 || i >= int64(len(p.strings)) {
		return ""
	}
	return p.strings[i]
}

// parseProfile reads a gzipped (or plain) profile.proto message.
func parseProfile(data []byte) (*cpuProfile, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	p := &cpuProfile{locations: map[uint64][]uint64{}, functions: map[uint64]int64{}}
	err := eachField(data, func(num protowire.Number, typ protowire.Type, v uint64, b []byte) error {
		switch {
		case num == 1 && typ == protowire.BytesType: // sample_type
			var st [2]int64
			err := eachField(b, func(num protowire.Number, _ protowire.Type, v uint64, _ []byte) error {
				if num == 1 || num == 2 {
					st[num-1] = int64(v)
				}
				return nil
			})
			p.sampleTypes = append(p.sampleTypes, st)
			return err
		case num == 2 && typ == protowire.BytesType: // sample
			var s cpuSample
			err := eachField(b, func(num protowire.Number, typ protowire.Type, v uint64, b []byte) error {
				switch num {
				case 1:
					return varints(typ, v, b, func(x uint64) { s.locations = append(s.locations, x) })
				case 2:
					return varints(typ, v, b, func(x uint64) { s.values = append(s.values, int64(x)) })
				}
				return nil
			})
			p.samples = append(p.samples, s)
			return err
		case num == 4 && typ == protowire.BytesType: // location
			var id uint64
			var fns []uint64
			err := eachField(b, func(num protowire.Number, typ protowire.Type, v uint64, b []byte) error {
				switch {
				case num == 1:
					id = v
				case num == 4 && typ == protowire.BytesType: // line
					return eachField(b, func(num protowire.Number, _ protowire.Type, v uint64, _ []byte) error {
						if num == 1 {
							fns = append(fns, v)
						}
						return nil
					})
				}
				return nil
			})
			p.locations[id] = fns
			return err
		case num == 5 && typ == protowire.BytesType: // function
			var id uint64
			var name int64
			err := eachField(b, func(num protowire.Number, _ protowire.Type, v uint64, _ []byte) error {
				switch num {
				case 1:
					id = v
				case 2:
					name = int64(v)
				}
				return nil
			})
			p.functions[id] = name
			return err
		case num == 6 && typ == protowire.BytesType: // string_table
			p.strings = append(p.strings, string(b))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// eachField calls fn with every field of a protobuf message: v holds a
// varint or fixed value, b a length-delimited one.
func eachField(data []byte, fn func(num protowire.Number, typ protowire.Type, v uint64, b []byte) error) error {
	for len(data) > 0 {
		num, typ, n := protowire.ConsumeTag(data)
		if n < 0 {
			return protowire.ParseError(n)
		}
		data = data[n:]
		var v uint64
		var b []byte
		switch typ {
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(data)
		case protowire.Fixed64Type:
			v, n = protowire.ConsumeFixed64(data)
		case protowire.Fixed32Type:
			var v32 uint32
			v32, n = protowire.ConsumeFixed32(data)
			v = uint64(v32)
		case protowire.BytesType:
			b, n = protowire.ConsumeBytes(data)
		default:
			n = protowire.ConsumeFieldValue(num, typ, data)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		data = data[n:]
		if err := fn(num, typ, v, b); err != nil {
			return err
		}
	}
	return nil
}

// varints reads a repeated integer field, packed or not.
func varints(typ protowire.Type, v uint64, b []byte, add func(uint64)) error {
	if typ == protowire.VarintType {
		add(v)
		return nil
	}
	if typ != protowire.BytesType {
		return fmt.Errorf("unexpected wire type %d for a repeated integer", typ)
	}
	for len(b) > 0 {
		x, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		add(x)
		b = b[n:]
	}
	return nil
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

// partOf puts one sample in its part by the function names of its stack
// (leaf first; inlined calls are lines of one location).
func partOf(names []string) part {
	best := partOther
	for _, name := range names {
		switch {
		case commitFuncs[name]:
			return partCommit
		case strings.HasPrefix(name, "modernc.org/sqlite") || strings.HasPrefix(name, "modernc.org/libc") || strings.HasPrefix(name, "database/sql."):
			best = max(best, partSQL)
		case strings.HasPrefix(name, "github.com/pesanbot/pesanbot/flows"):
			best = max(best, partFlows)
		}
	}
	return best
}
