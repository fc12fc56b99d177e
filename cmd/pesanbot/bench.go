package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pesanbot/pesanbot/internal/benchwork"
	"github.com/pesanbot/pesanbot/store"
)

// cmdBench measures this machine: the message handler against the raw
// durable commit rate of the same disk, in alternating short slices because
// absolute rates swing several-fold when other work shares the disk; what
// each message costs (transactions, statements, WAL pages, CPU by part);
// the mixed day at two sizes of history; then resident memory and the time
// to open a populated shop.db. It works on temporary sample shops, never
// on the shop's own data.
func (e *environment) cmdBench(args []string) error {
	fs, data := e.flags("bench")
	rounds := fs.Int("slices", 10, "`N` jumlah putaran; tiap putaran mengukur commit mentah dan tiap beban sekali")
	slice := fs.Duration("slice", time.Second, "`DURASI` lama satu pengukuran")
	customers := fs.Int("customers", 10000, "`N` jumlah pelanggan berbeda yang ditulis sebelum mengukur memori (0: lewati)")
	orders := fs.Int("orders", 1000, "`N` pesanan lama (setahun terakhir) yang ditulis sebelum mengukur")
	compare := fs.Int("orders-compare", 20000, "`N` ukur juga hari campuran pada toko dengan N pesanan lama (0: lewati)")
	where := fs.String("dir", "", "`DIR` folder untuk toko sementara (bawaan: di samping folder data, disk yang sama)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *rounds < 1 || *slice <= 0 || *customers < 0 || *orders < 0 || *compare < 0 {
		return usagef("pemakaian: %s", commandHelp["bench"].usage)
	}
	base := *where
	if base == "" {
		// The data directory's disk is the one that matters; fall back to
		// the system temp dir when it does not exist yet.
		if d, err := e.dataDir(*data); err == nil {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				base = d
			}
		}
	}
	dir, err := os.MkdirTemp(base, "pesanbot-bench-")
	if err != nil {
		return fmt.Errorf("failed to create a temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	out := e.stdout
	fmt.Fprintf(out, "pesanbot bench: toko contoh sementara di %s (data toko tidak disentuh)\n", dir)

	rss0 := vmRSS()
	t0 := time.Now()
	s, err := benchwork.Open(e.ctx, filepath.Join(dir, "shop"), benchwork.Options{Orders: *orders})
	if err != nil {
		return err
	}
	open := true
	defer func() {
		if open {
			s.Close()
		}
	}()
	created := time.Since(t0)
	runtime.GC()
	rssIdle := vmRSS()
	var custTime time.Duration
	rssCust := rssIdle
	if *customers > 0 {
		fmt.Fprintf(out, "menulis %d pelanggan berbeda…\n", *customers)
		t := time.Now()
		if err := s.Customers(e.ctx, *customers); err != nil {
			return err
		}
		custTime = time.Since(t)
		rssCust = vmRSS()
	}

	type load struct {
		name string
		w    benchwork.Workload
		shop *benchwork.Shop
	}
	mixedName := func(n int) string { return fmt.Sprintf("%s %s", benchwork.MixedDay.Name, benchOrders(n)) }
	loads := []load{{benchwork.Sequential.Name, benchwork.Sequential, s}, {benchwork.Concurrent100.Name, benchwork.Concurrent100, s},
		{mixedName(*orders), benchwork.MixedDay, s}}
	if *compare > 0 {
		fmt.Fprintf(out, "menulis toko kedua dengan %d pesanan lama…\n", *compare)
		big, err := benchwork.Open(e.ctx, filepath.Join(dir, "shop-big"), benchwork.Options{Orders: *compare})
		if err != nil {
			return err
		}
		defer big.Close()
		loads = append(loads, load{mixedName(*compare), benchwork.MixedDay, big})
	}

	fmt.Fprintf(out, "mengukur %d putaran × %s per beban…\n", *rounds, *slice)
	var raw benchRow
	rows := make([]benchRow, len(loads))
	cpus := make([]benchwork.CPU, len(loads))
	msgs := make([]int, len(loads))
	profiled := true
	for range *rounds {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		r := s.RawCommits(e.ctx, 0, time.Now().Add(*slice))
		if r.Errors > 0 {
			return fmt.Errorf("raw commit failed: %w", r.FirstErr)
		}
		raw.add(r, r, 0)
		for i, l := range loads {
			var m0, m1 runtime.MemStats
			var res benchwork.Result
			runtime.ReadMemStats(&m0)
			cpu, err := benchwork.Profile(func() { res = l.shop.Run(e.ctx, l.w, 0, time.Now().Add(*slice)) })
			runtime.ReadMemStats(&m1)
			if err != nil {
				profiled = false
			}
			cpus[i] = cpus[i].Add(cpu)
			msgs[i] += res.Msgs
			rows[i].add(res, r, m1.Mallocs-m0.Mallocs)
		}
	}

	// Ready: open the now populated shop.db again (migrations checked).
	open = false
	if err := s.Close(); err != nil {
		return err
	}
	t := time.Now()
	db, err := store.Open(e.ctx, filepath.Join(dir, "shop"), store.Options{})
	if err != nil {
		return err
	}
	reopen := time.Since(t)
	db.Close()

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\tmsgs/s\tp50\tp99\trate/raw\tp99/raw\ttx/msg\tstmts/msg\tpages/msg\tallocs/msg\terrors (locked)\t")
	fmt.Fprintf(tw, "raw commit\t%.0f\t%s\t%s\t1.00\t1.00\t%.2f\t1\t%.1f\t\t\t\n", raw.median(raw.rate), benchMS(raw.median(raw.p50)), benchMS(raw.median(raw.p99)),
		raw.median(raw.txPerMsg), raw.median(raw.pages))
	for i, l := range loads {
		r := rows[i]
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f\t%.0f\t%d (%d)\t\n", l.name, r.median(r.rate), benchMS(r.median(r.p50)), benchMS(r.median(r.p99)),
			r.median(r.rateRatio), r.median(r.p99Ratio), r.median(r.txPerMsg), r.median(r.stmts), r.median(r.pages), r.median(r.allocs), r.errors, r.busy)
	}
	tw.Flush()
	fmt.Fprintf(out, "medians over %d slices of %s; ratios are per slice against that round's raw commits.\n", *rounds, *slice)
	if profiled {
		fmt.Fprintln(out, "\nCPU µs/msg (CPU profile over every slice; process = getrusage):")
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "workload\ttotal\tflows\tSQL\tcommit\tother\tprocess\t")
		for i, l := range loads {
			c, n := cpus[i], msgs[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", l.name, benchUS(c.Total, n), benchUS(c.Flows, n), benchUS(c.SQL, n),
				benchUS(c.Commit, n), benchUS(c.Other, n), benchUS(c.Process, n))
		}
		tw.Flush()
	} else {
		fmt.Fprintln(out, "CPU µs/msg: no profile (another CPU profile is running)")
	}
	fmt.Fprintf(out, "\nmemory (VmRSS): %s at start, %s idle after opening, %s after %d customers (%s)\n",
		benchMB(rss0), benchMB(rssIdle), benchMB(rssCust), *customers, custTime.Round(time.Millisecond))
	fmt.Fprintf(out, "open: %s to create and seed the shop (%d past orders), %s to open the populated shop.db again\n",
		created.Round(time.Microsecond), *orders, reopen.Round(time.Microsecond))
	return nil
}

// benchOrders names a history size: "1k", "20k", "500".
func benchOrders(n int) string {
	if n >= 1000 && n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// benchUS is a CPU time per message in microseconds.
func benchUS(d time.Duration, msgs int) string {
	if msgs == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(d.Microseconds())/float64(msgs), 'f', 0, 64)
}

// benchRow collects one workload's per-slice figures.
type benchRow struct {
	rate, p50, p99, rateRatio, p99Ratio, txPerMsg, stmts, pages, allocs []float64
	errors, busy                                                        int
}

func (b *benchRow) add(r, raw benchwork.Result, mallocs uint64) {
	if r.Msgs == 0 {
		return
	}
	p99 := float64(r.Percentile(99))
	b.rate = append(b.rate, r.Rate())
	b.p50 = append(b.p50, float64(r.Percentile(50)))
	b.p99 = append(b.p99, p99)
	if raw.Rate() > 0 {
		b.rateRatio = append(b.rateRatio, r.Rate()/raw.Rate())
	}
	if rp := float64(raw.Percentile(99)); rp > 0 {
		b.p99Ratio = append(b.p99Ratio, p99/rp)
	}
	b.txPerMsg = append(b.txPerMsg, r.Per(r.Commits))
	b.stmts = append(b.stmts, r.Per(r.Stmts))
	b.pages = append(b.pages, r.Per(r.Frames))
	b.allocs = append(b.allocs, float64(mallocs)/float64(r.Msgs))
	b.errors += r.Errors
	b.busy += r.Busy
}

func (b *benchRow) median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func benchMS(ns float64) string { return strconv.FormatFloat(ns/1e6, 'f', 2, 64) + " ms" }

func benchMB(n int64) string {
	if n < 0 {
		return "n/a"
	}
	return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " MB"
}

// vmRSS is the process's resident memory in kB from /proc/self/status, or
// -1 where there is no /proc.
func vmRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}
