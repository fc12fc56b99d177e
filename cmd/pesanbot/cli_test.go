package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runEnv runs the command line with extra environment variables and
// returns stdout, stderr and the error.
func runEnv(t *testing.T, data string, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return vars[k]
	}
	err := run(context.Background(), args, env, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// TestHelpEveryCommand: --help and -h on every command print its usage,
// its flags with their defaults and an example, and succeed.
func TestHelpEveryCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	commands := map[string][]string{
		"run":            {"--pair-phone NOMOR", "--http ALAMAT", "(bawaan: 127.0.0.1:8080)", "--password SANDI", "--tls-cert FILE", "--tls-key FILE"},
		"chat":           {"--as NOMOR", "(bawaan: 6281111111111)", "--name NAMA", "(bawaan: Tamu)"},
		"simulate":       {"--json", "--start RFC3339", "--force"},
		"orders":         {"--status S", "belum-bayar", "--json"},
		"complaints":     {"--status S", "terbuka", "--json"},
		"summary":        {"--date YYYY-MM-DD", "--week", "--month", "--json"},
		"catalog import": {"--replace"},
		"catalog export": {},
		"export":         {"--from YYYY-MM-DD", "--to YYYY-MM-DD"},
		"backup":         {"--force"},
		"restore":        {},
		"dashboard":      {"--http ALAMAT", "(bawaan: 127.0.0.1:8080)", "--password SANDI", "--tls-cert FILE"},
		"bench":          {"--slices N", "(bawaan: 10)", "--slice DURASI", "(bawaan: 1s)", "--customers N", "--orders N", "(bawaan: 1000)", "--orders-compare N", "pages/msg"},
		"texts":          {"texts:"},
	}
	for cmd, wants := range commands {
		for _, flag := range []string{"--help", "-h"} {
			args := append(strings.Fields(cmd), flag)
			out, _, err := runEnv(t, data, nil, args...)
			if err != nil {
				t.Errorf("%v: %v", args, err)
				continue
			}
			for _, w := range append([]string{"Pemakaian: pesanbot " + cmd, "--data DIR", "Contoh:\n  pesanbot " + strings.Fields(cmd)[0]}, wants...) {
				if !strings.Contains(out, w) {
					t.Errorf("%v lacks %q:\n%s", args, w, out)
				}
			}
			if strings.Contains(out, "flag: help requested") {
				t.Errorf("%v: %s", args, out)
			}
		}
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("--help created the data directory")
	}
	// "help CMD" is "CMD --help".
	a, _, err1 := runEnv(t, data, nil, "help", "orders")
	b, _, err2 := runEnv(t, data, nil, "orders", "--help")
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("help orders = %q, %v; orders --help = %q, %v", a, err1, b, err2)
	}
	// The command list.
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out, _, err := runEnv(t, data, nil, args...)
		if err != nil || !strings.Contains(out, "orders") || !strings.Contains(out, "dashboard") || !strings.Contains(out, "--help") {
			t.Errorf("%v = %q, %v", args, out, err)
		}
	}
	// The version, three ways.
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}, {"--data", data, "--version"}} {
		out, _, err := runEnv(t, data, nil, args...)
		if err != nil || out != "pesanbot "+version+"\n" {
			t.Errorf("%v = %q, %v", args, out, err)
		}
	}
}

// TestOwnerWordsInTables: the human tables speak Indonesian; JSON keeps
// the English values; --status takes both.
func TestOwnerWordsInTables(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	script := filepath.Join(t.TempDir(), "day.txt")
	os.WriteFile(script, []byte(`6281234500031 (Ayu): mau pashmina hitam 2
6281234500031: Ayu Lestari, Jl. Kenanga 5 Sleman DIY 55281, 081234500031, jne
6281234500031: ya
6281234500032 (Kak Bela): mau bergo maryam hitam 1
6281234500032: Bela Safira, Jl. Melati 1 Bekasi 17111, 081234500032, jnt
6281234500032: ya
owner: /lunas 2
owner: /kirim 2 JNT JP0001
6281234500032: kak paket saya belum sampai
`), 0o600)
	if _, _, err := runEnv(t, data, nil, "simulate", script, "--data", data, "--start", "2026-11-26T10:00:00+07:00"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runEnv(t, data, nil, "orders")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"belum bayar", "dikirim", "Ayu Lestari", "Bela Safira"} {
		if !strings.Contains(out, w) {
			t.Errorf("orders table lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "awaiting_payment") || strings.Contains(out, "shipped") {
		t.Errorf("orders table shows English statuses:\n%s", out)
	}
	out, _, err = runEnv(t, data, nil, "complaints")
	if err != nil {
		t.Fatal(err)
	}
	// The complaint names the order's recipient, not the WhatsApp name.
	for _, w := range []string{"terbuka", "terlambat", "Bela Safira"} {
		if !strings.Contains(out, w) {
			t.Errorf("complaints table lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "open") || strings.Contains(out, "late") || strings.Contains(out, "Kak Bela") {
		t.Errorf("complaints table shows English or the WhatsApp name:\n%s", out)
	}
	// JSON keeps the contract's English values.
	if o := ordersOf(t, data); len(o) != 2 || o[0].Status != "shipped" || o[1].Status != "awaiting_payment" {
		t.Errorf("orders --json = %+v", o)
	}
	if c := complaintsOf(t, data); len(c) != 1 || c[0].Status != "open" || c[0].Category != "late" {
		t.Errorf("complaints --json = %+v", c)
	}
	// --status in the owner's words or in English.
	for _, st := range []string{"belum-bayar", "belum bayar", "awaiting_payment", "BELUM-BAYAR"} {
		out, _, err := runEnv(t, data, nil, "orders", "--status", st)
		if err != nil || !strings.Contains(out, "Ayu Lestari") || strings.Contains(out, "Bela Safira") {
			t.Errorf("orders --status %q = %v:\n%s", st, err, out)
		}
	}
	for _, st := range []string{"dikirim", "shipped"} {
		out, _, err := runEnv(t, data, nil, "orders", "--status", st)
		if err != nil || !strings.Contains(out, "Bela Safira") || strings.Contains(out, "Ayu Lestari") {
			t.Errorf("orders --status %q = %v:\n%s", st, err, out)
		}
	}
	for _, st := range []string{"cek-bukti", "lunas", "selesai", "batal", "paid", "cancelled"} {
		if out, _, err := runEnv(t, data, nil, "orders", "--status", st); err != nil || out != "Belum ada pesanan.\n" {
			t.Errorf("orders --status %q = %v: %q", st, err, out)
		}
	}
	for _, st := range []string{"terbuka", "open"} {
		out, _, err := runEnv(t, data, nil, "complaints", "--status", st)
		if err != nil || !strings.Contains(out, "Bela Safira") {
			t.Errorf("complaints --status %q = %v:\n%s", st, err, out)
		}
	}
	for _, st := range []string{"dijawab", "selesai", "answered", "resolved"} {
		if out, _, err := runEnv(t, data, nil, "complaints", "--status", st); err != nil || out != "Belum ada komplain.\n" {
			t.Errorf("complaints --status %q = %v: %q", st, err, out)
		}
	}
	// An unknown status is bad usage that lists the words.
	_, _, err = runEnv(t, data, nil, "orders", "--status", "hilang")
	if !isUsage(err) || !strings.Contains(err.Error(), "belum-bayar, cek-bukti, lunas, dikirim, selesai, batal") {
		t.Errorf("orders --status hilang = %v", err)
	}
	_, _, err = runEnv(t, data, nil, "complaints", "--status", "hilang")
	if !isUsage(err) || !strings.Contains(err.Error(), "terbuka, dijawab, selesai") {
		t.Errorf("complaints --status hilang = %v", err)
	}
	// The staff command answers in the same words.
	var chat bytes.Buffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	if err := run(context.Background(), []string{"chat", "--as", "owner"}, env, strings.NewReader("/komplain 1\n"), &chat, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if got := chat.String(); !strings.Contains(got, "Komplain #1 (terlambat, terbuka, pesanan #2)") {
		t.Errorf("/komplain 1:\n%s", got)
	}
}

// TestRestoreNamesInShopTime: the database moved aside by a restore is
// named by the shop's clock, like the nightly backups.
func TestRestoreNamesInShopTime(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, _, err := runEnv(t, data, nil, "orders"); err != nil {
		t.Fatal(err)
	}
	// A zone far from this machine's, so a UTC name cannot pass.
	yaml, err := os.ReadFile(filepath.Join(data, "shop.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yaml = regexp.MustCompile(`(?m)^timezone: .*$`).ReplaceAll(yaml, []byte("timezone: Pacific/Kiritimati"))
	if err := os.WriteFile(filepath.Join(data, "shop.yaml"), yaml, 0o600); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if _, _, err := runEnv(t, data, nil, "backup", backup); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Skip(err)
	}
	before := time.Now().In(loc).Format("20060102-15")
	out, _, err := runEnv(t, data, nil, "restore", backup)
	after := time.Now().In(loc).Format("20060102-15")
	if err != nil {
		t.Fatal(err)
	}
	aside, _ := filepath.Glob(filepath.Join(data, "shop.db.before-restore-*"))
	if len(aside) != 1 {
		t.Fatalf("aside: %v\n%s", aside, out)
	}
	name := filepath.Base(aside[0])
	if !strings.HasPrefix(name, "shop.db.before-restore-"+before) && !strings.HasPrefix(name, "shop.db.before-restore-"+after) {
		t.Errorf("%s is not named by the shop's clock (%s)", name, before)
	}
	// Restore and backup speak Indonesian, in one line.
	_, _, err = runEnv(t, data, nil, "restore", filepath.Join(t.TempDir(), "none.db"))
	if err == nil || !strings.Contains(err.Error(), "tidak ada") || strings.Contains(err.Error(), "\n") {
		t.Errorf("restore of a missing file = %v", err)
	}
	_, _, err = runEnv(t, filepath.Join(t.TempDir(), "none"), nil, "backup", backup)
	if err == nil || !strings.Contains(err.Error(), "tidak ada database toko") {
		t.Errorf("backup without a shop = %v", err)
	}
}

// TestDashboardStartErrors: a port in use, a bad TLS pair or a blank
// password stops run and dashboard at once with one Indonesian line.
func TestDashboardStartErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "bad.pem")
	os.WriteFile(garbage, []byte("not a certificate"), 0o600)
	for _, cmd := range []string{"run", "dashboard"} {
		data := filepath.Join(dir, cmd)
		out, errOut, err := runEnv(t, data, nil, cmd, "--http", addr)
		if err == nil || isUsage(err) || !strings.Contains(err.Error(), "sudah dipakai") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s on a busy port = %v", cmd, err)
		} else if code := exitCode(err, &bytes.Buffer{}); code != 1 {
			t.Errorf("%s on a busy port: exit %d, want 1", cmd, code)
		}
		if strings.Contains(out+errOut, "dasbor di") || strings.Contains(out, "Perangkat tertaut") {
			t.Errorf("%s announced a dashboard or WhatsApp it does not serve:\n%s%s", cmd, out, errOut)
		}
		_, _, err = runEnv(t, data, nil, cmd, "--http", "127.0.0.1:0", "--tls-cert", garbage, "--tls-key", garbage)
		if err == nil || isUsage(err) || !strings.Contains(err.Error(), "sertifikat TLS tidak bisa dipakai") {
			t.Errorf("%s with a bad certificate = %v", cmd, err)
		}
		_, _, err = runEnv(t, data, nil, cmd, "--http", "127.0.0.1:0", "--tls-cert", filepath.Join(dir, "none.pem"), "--tls-key", garbage)
		if err == nil || isUsage(err) || !strings.Contains(err.Error(), "sertifikat TLS") {
			t.Errorf("%s with a missing certificate = %v", cmd, err)
		}
		if _, _, err = runEnv(t, data, nil, cmd, "--tls-cert", garbage); !isUsage(err) {
			t.Errorf("%s with a certificate and no key = %v, want a usage error", cmd, err)
		}
		for _, pw := range []string{"", "   ", "\t"} {
			if _, _, err := runEnv(t, data, nil, cmd, "--password", pw); !isUsage(err) {
				t.Errorf("%s --password %q = %v, want a usage error", cmd, pw, err)
			}
		}
		vars := map[string]string{"PESANBOT_DASHBOARD_PASSWORD": "    "}
		if _, _, err := runEnv(t, data, vars, cmd); !isUsage(err) || !strings.Contains(err.Error(), "PESANBOT_DASHBOARD_PASSWORD") {
			t.Errorf("%s with a blank PESANBOT_DASHBOARD_PASSWORD = %v, want a usage error", cmd, err)
		}
	}
}

// TestDashboardShowsLoginCode: `dashboard` prints its address and a login
// code as it starts, before anyone asks on the page.
func TestDashboardShowsLoginCode(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb lockedBuffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"dashboard", "--http", "127.0.0.1:0"}, env, strings.NewReader(""), &bytes.Buffer{}, &errb)
	}()
	code := regexp.MustCompile(`kode masuk dasbor: [0-9]{6} `)
	deadline := time.Now().Add(20 * time.Second)
	for !code.MatchString(errb.String()) {
		select {
		case err := <-done:
			t.Fatalf("dashboard stopped: %v\n%s", err, errb.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no login code:\n%s", errb.String())
		}
	}
	if !regexp.MustCompile(`dasbor di http://127\.0\.0\.1:[1-9][0-9]*/`).MatchString(errb.String()) {
		t.Errorf("no real address:\n%s", errb.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("dashboard: %v", err)
	}
}
