// Command pesanbot is the WhatsApp order desk for small shops. This package
// only wires: flags, configuration, stores, the bot and signals.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError marks bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "pesanbot:", err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

const usage = `pesanbot — order desk WhatsApp untuk toko online

Pemakaian: pesanbot [perintah] [--data DIR] [opsi]

  run [--http ADDR|off] [--password P] [--tls-cert F --tls-key F]  sambung ke WhatsApp dan layani
                         pelanggan, dengan dasbor pemilik (perintah bawaan)
  chat [--as NOMOR|owner] ngobrol dengan bot di terminal sebagai pelanggan
  simulate FILE [--json] [--start RFC3339] [--data DIR [--force]]  putar ulang skrip percakapan
  orders [--status S] [--json]       daftar pesanan (S: belum-bayar, cek-bukti, lunas, dikirim, selesai, batal)
  complaints [--status S] [--json]   daftar komplain (S: terbuka, dijawab, selesai)
  summary [--date YYYY-MM-DD | --week | --month] [--json]  ringkasan
  catalog import FILE [--replace]    impor katalog CSV
  catalog export [FILE]              ekspor katalog CSV
  export FILE.xlsx|FILE.csv [--from YYYY-MM-DD] [--to YYYY-MM-DD]  ekspor pesanan
  backup FILE [--force]  salin database toko (aman saat bot berjalan)
  restore FILE           pulihkan dari cadangan (hentikan pesanbot dulu)
  dashboard [--http ADDR] [--password P] [--tls-cert F --tls-key F]  dasbor web pemilik tanpa WhatsApp
  bench [--slices N] [--slice 1s] [--customers N]  ukur kecepatan dan memori (toko contoh sementara)
  texts                  daftar semua teks balasan dan teks bawaannya (untuk texts: di shop.yaml)
  version                versi (juga --version, -v)

Data: --data DIR, atau PESANBOT_DATA, atau ~/.local/share/pesanbot.
Opsi dan contoh tiap perintah: pesanbot PERINTAH --help (atau pesanbot help PERINTAH).
`

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	// Global flags may come before the command: "pesanbot --data DIR orders".
	var global []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && !isHelp(args[0]) && !isVersion(args[0]) {
		global = append(global, args[0])
		takesValue := !strings.Contains(args[0], "=") && args[0] != "--json" && args[0] != "-json"
		args = args[1:]
		if takesValue && len(args) > 0 {
			global = append(global, args[0])
			args = args[1:]
		}
	}
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch {
	case isHelp(cmd):
		cmd = "help"
	case isVersion(cmd):
		cmd = "version"
	case cmd == "help" && len(args) > 0:
		// "pesanbot help orders" is "pesanbot orders --help".
		if args[0] == "catalog" && len(args) > 1 {
			cmd, args = "catalog", []string{args[1], "--help"}
		} else {
			cmd, args = args[0], []string{"--help"}
		}
	}
	if cmd == "catalog" && len(args) > 0 {
		args = append(append([]string{args[0]}, global...), args[1:]...)
	} else {
		args = append(global, args...)
	}
	// A command's goroutines (the delivery loop, the terminal reader, the
	// logger) share the two streams: each write goes out whole, never
	// interleaved with another's.
	var mu sync.Mutex
	stdout, stderr = &syncWriter{mu: &mu, w: stdout}, &syncWriter{mu: &mu, w: stderr}
	env := &environment{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	err := env.dispatch(cmd, args)
	var h helpRequested
	if errors.As(err, &h) {
		fmt.Fprint(stdout, h.text)
		return nil
	}
	return err
}

// syncWriter serializes the writes to one stream; the two streams of a
// command share one lock, so a log line never cuts into a reply.
type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// dispatch runs one command.
func (env *environment) dispatch(cmd string, args []string) error {
	stdout := env.stdout
	switch cmd {
	case "run":
		return env.cmdRun(args)
	case "chat":
		return env.cmdChat(args)
	case "simulate":
		return env.cmdSimulate(args)
	case "orders":
		return env.cmdOrders(args)
	case "complaints":
		return env.cmdComplaints(args)
	case "summary":
		return env.cmdSummary(args)
	case "catalog":
		return env.cmdCatalog(args)
	case "export":
		return env.cmdExport(args)
	case "backup":
		return env.cmdBackup(args)
	case "restore":
		return env.cmdRestore(args)
	case "dashboard":
		return env.cmdDashboard(args)
	case "bench":
		return env.cmdBench(args)
	case "texts":
		return env.cmdTexts(args)
	case "version":
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprint(stdout, "Pemakaian: pesanbot version (atau pesanbot --version, -v)\nVersi pesanbot ini.\n\nContoh:\n  pesanbot --version\n")
			return nil
		}
		fmt.Fprintln(stdout, "pesanbot", version)
		return nil
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usagef("perintah %q tidak dikenal; lihat daftarnya: pesanbot help", cmd)
}
