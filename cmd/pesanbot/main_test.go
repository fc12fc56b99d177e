package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/store"
)

// examples is the repository's own examples folder: the README's simulate
// example runs these scripts, so the tests keep them honest.
const examples = "../../examples"

// pesanbot runs the real command line with a data directory.
func pesanbot(t *testing.T, data string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	err := run(context.Background(), args, env, strings.NewReader(""), &out, &errb)
	return out.String(), err
}

func scriptPath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(examples, "scripts", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("example script missing: %v", err)
	}
	return p
}

// simulate replays an example script on a fresh shop with the example catalogue.
func simulate(t *testing.T, script string) (string, []eventJSON) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "catalog", "import", filepath.Join(examples, "catalog.csv"), "--replace"); err != nil {
		t.Fatal(err)
	}
	out, err := pesanbot(t, data, "simulate", scriptPath(t, script), "--data", data, "--json", "--start", "2026-11-26T10:00:00+07:00")
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	var events []eventJSON
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev eventJSON
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		events = append(events, ev)
	}
	return data, events
}

type eventJSON struct {
	At    string `json:"at"`
	Dir   string `json:"dir"`
	Chat  string `json:"chat"`
	Text  string `json:"text"`
	Image bool   `json:"image"`
}

func ordersOf(t *testing.T, data string) []jsonOrder {
	t.Helper()
	out, err := pesanbot(t, data, "orders", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var orders []jsonOrder
	if err := json.Unmarshal([]byte(out), &orders); err != nil {
		t.Fatalf("orders --json: %v\n%s", err, out)
	}
	return orders
}

func complaintsOf(t *testing.T, data string) []jsonComplaint {
	t.Helper()
	out, err := pesanbot(t, data, "complaints", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list []jsonComplaint
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("complaints --json: %v\n%s", err, out)
	}
	return list
}

// repliesTo returns the texts sent to a chat, in order.
func repliesTo(events []eventJSON, chat string) []string {
	var out []string
	for _, e := range events {
		if e.Dir == "out" && e.Chat == chat {
			out = append(out, e.Text)
		}
	}
	return out
}

func anyContains(texts []string, subs ...string) bool {
	for _, t := range texts {
		ok := true
		for _, s := range subs {
			if !strings.Contains(t, s) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

const owner = "6281200000001"

func TestScriptAskThenOrder(t *testing.T) {
	data, events := simulate(t, "01-tanya-dan-pesan.txt")
	nisa := repliesTo(events, "6281300000011")
	if !anyContains(nisa, "Nisa") {
		t.Errorf("no greeting with the push name: %q", nisa)
	}
	if !anyContains(nisa, "Hitam / M", "5", "Hitam / L", "2", "Navy / L", "3") || !anyContains(nisa, "Navy / M", "habis") {
		t.Errorf("stock answer missing a variant: %q", nisa)
	}
	if !anyContains(nisa, "Rp185.000") {
		t.Errorf("no price: %q", nisa)
	}
	orders := ordersOf(t, data)
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	if o.Status != "awaiting_payment" || len(o.Items) != 1 || o.Items[0].SKU != "GMS-01" || o.Items[0].Variant != "Hitam / L" || o.Items[0].Qty != 2 {
		t.Errorf("order = %+v", o)
	}
	if o.Subtotal != 370000 || o.Total != o.Subtotal+o.Shipping+o.UniqueCode || o.Shipping <= 0 {
		t.Errorf("money: subtotal %d shipping %d code %d total %d", o.Subtotal, o.Shipping, o.UniqueCode, o.Total)
	}
	if o.Customer.Phone != "6281300000011" || o.Courier != "JNE" || !strings.Contains(o.Address, "Bekasi") {
		t.Errorf("details: %+v", o)
	}
	if !anyContains(nisa, "#1", "transfer") {
		t.Errorf("no payment instructions after ya: %q", nisa)
	}
	if !anyContains(repliesTo(events, owner), "#1") {
		t.Errorf("owner not told of the order")
	}
}

func TestScriptFormatOrder(t *testing.T) {
	data, _ := simulate(t, "02-format-order.txt")
	orders := ordersOf(t, data)
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	got := map[string]int{}
	for _, it := range o.Items {
		got[it.SKU+" "+it.Variant] = it.Qty
	}
	if len(got) != 2 || got["PSM-02 Dusty Pink"] != 2 || got["BRG-04 Hitam"] != 3 {
		t.Errorf("items = %v", got)
	}
	if o.Status != "awaiting_payment" || o.Courier != "J&T" || o.Customer.Name != "Fitri Handayani" || !strings.Contains(o.Address, "Cempaka Putih") {
		t.Errorf("order = %+v", o)
	}
}

func TestScriptProofAndShipping(t *testing.T) {
	data, events := simulate(t, "03-bukti-dan-kirim.txt")
	orders := ordersOf(t, data)
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	if o.Status != "shipped" || o.Tracking != "SCP5550001" || o.PaidAt == nil || o.ShippedAt == nil {
		t.Errorf("order = %+v", o)
	}
	laras := repliesTo(events, "6281300000013")
	if !anyContains(laras, "SCP5550001") || !anyContains(laras, "#1", "terima") {
		t.Errorf("customer not told of payment and tracking: %q", laras)
	}
	if !anyContains(repliesTo(events, owner), "/lunas 1") {
		t.Errorf("owner not notified of the proof")
	}
}

func TestScriptComplaint(t *testing.T) {
	data, events := simulate(t, "04-komplain.txt")
	list := complaintsOf(t, data)
	if len(list) != 1 {
		t.Fatalf("%d complaints, want 1", len(list))
	}
	c := list[0]
	if c.Category != "late" || c.OrderID == nil || *c.OrderID != 1 || c.Status != "resolved" || c.DueAt == nil {
		t.Errorf("complaint = %+v", c)
	}
	if c.FollowUps < 1 {
		t.Errorf("the /balas reply did not count as a follow-up: %+v", c)
	}
	wulan := repliesTo(events, "6281300000014")
	if !anyContains(wulan, "maaf") || !anyContains(wulan, "paling lambat") {
		t.Errorf("no apology or promised time: %q", wulan)
	}
	if !anyContains(wulan, "gudang transit") || !anyContains(wulan, "beres") {
		t.Errorf("reply or settle question not relayed: %q", wulan)
	}
	if !anyContains(repliesTo(events, owner), "Komplain baru") {
		t.Errorf("owner not told of the complaint")
	}
	// The follow-ups issue: at the promised time, an honest update to the
	// customer and a reminder to the owner.
	if !anyContains(wulan, "masih kami proses") {
		t.Errorf("no honest update at the promised time: %q", wulan)
	}
	if !anyContains(repliesTo(events, owner), "#1", "belum dibalas") {
		t.Errorf("owner not reminded before the promise")
	}
}

func TestScriptHostile(t *testing.T) {
	data, events := simulate(t, "05-iseng.txt")
	ins, outs := 0, 0
	for _, e := range events {
		switch {
		case e.Dir == "in":
			ins++
		case e.Chat == "6281300000015":
			outs++
		}
	}
	if outs < ins {
		t.Errorf("%d messages got %d answers: every line needs one", ins, outs)
	}
	for _, o := range ordersOf(t, data) {
		for _, it := range o.Items {
			if it.Qty < 1 || it.Qty > 99 {
				t.Errorf("order %d stored qty %d", o.ID, it.Qty)
			}
		}
		if o.Status == "paid" {
			t.Errorf("a customer's /lunas marked order %d paid", o.ID)
		}
	}
	for _, e := range events {
		if e.Dir == "out" && e.Chat == "6281300000015" && strings.Contains(strings.ToLower(e.Text), "perintah") {
			t.Errorf("a customer got a hint about commands: %q", e.Text)
		}
	}
}

func TestFirstStartSeedsSample(t *testing.T) {
	data := filepath.Join(t.TempDir(), "fresh")
	out, err := pesanbot(t, data, "catalog", "export")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "GMS-01") {
		t.Errorf("fresh directory has no sample catalogue:\n%s", out)
	}
	for name, want := range map[string]os.FileMode{"shop.yaml": 0o600, "shop.db": 0o600, "media": 0o700 | os.ModeDir} {
		st, err := os.Stat(filepath.Join(data, name))
		if err != nil || st.Mode()&(os.ModePerm|os.ModeDir) != want {
			t.Errorf("%s: %v mode %v", name, err, st)
		}
	}
	// A directory with its own shop.yaml is never seeded.
	own := filepath.Join(t.TempDir(), "own")
	os.MkdirAll(own, 0o700)
	os.WriteFile(filepath.Join(own, "shop.yaml"), []byte("name: Keripik Mak Ijah\nowners: [\"0812-9999-0000\"]\n"), 0o600)
	out, err = pesanbot(t, own, "catalog", "export")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "GMS-01") {
		t.Errorf("a configured shop was seeded with the sample")
	}
}

func TestUsageErrors(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{{"nope"}, {"orders", "--status", "lost"}, {"simulate"}, {"summary", "--week", "--month"}, {"catalog"}} {
		_, err := pesanbot(t, data, args...)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	if code := exitCode(usagef("x"), &bytes.Buffer{}); code != 2 {
		t.Errorf("usage exit code %d, want 2", code)
	}
}

func TestBrokenShopYAMLNamesLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "shop.yaml"), []byte("name: Toko\nowners: [\"08123456789\"]\npayment:\n  hold: 3x\n"), 0o600)
	_, err := pesanbot(t, dir, "orders")
	if err == nil || !strings.Contains(err.Error(), "shop.yaml:4") || !strings.Contains(err.Error(), "hold") {
		t.Errorf("err = %v, want one naming shop.yaml:4 and hold", err)
	}
}

func TestCatalogImportErrorsNameLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("sku,name,variant,price,stock\nA-1,Kopi,,15000,3\nA-2,Teh,,abc,2\n"), 0o600)
	_, err := pesanbot(t, filepath.Join(dir, "data"), "catalog", "import", bad)
	if err == nil || !strings.Contains(err.Error(), "bad.csv:3") {
		t.Errorf("err = %v, want one naming bad.csv:3", err)
	}
	bin := filepath.Join(dir, "photo.csv")
	os.WriteFile(bin, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), 0o600)
	if _, err := pesanbot(t, filepath.Join(dir, "data"), "catalog", "import", bin); err == nil {
		t.Error("a binary file was imported")
	}
}

// TestDailySummaryMatchesCLI checks that the owner's evening summary carries
// the same numbers as `pesanbot summary --json` for that day.
func TestDailySummaryMatchesCLI(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	script := filepath.Join(t.TempDir(), "day.txt")
	os.WriteFile(script, []byte(`6281234500031 (Ayu): mau pashmina hitam 2
6281234500031: Ayu, Jl. Kenanga 5 Sleman DIY 55281, 081234500031, jne
6281234500031: ya
6281234500032 (Bela): mau bergo maryam hitam 1
6281234500032: Bela, Jl. Melati 1 Bekasi 17111, 081234500032, jnt
6281234500032: ya
owner: /lunas 1
~ 12h
`), 0o600)
	out, err := pesanbot(t, data, "simulate", script, "--data", data, "--json", "--start", "2026-11-26T10:00:00+07:00")
	if err != nil {
		t.Fatal(err)
	}
	var summaryText string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev eventJSON
		json.Unmarshal([]byte(line), &ev)
		if ev.Dir == "out" && ev.Chat == owner && strings.Contains(ev.Text, "📊") {
			summaryText = ev.Text
		}
	}
	if summaryText == "" {
		t.Fatalf("no daily summary in the transcript:\n%s", out)
	}
	jsonOut, err := pesanbot(t, data, "summary", "--date", "2026-11-26", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Orders  int   `json:"orders"`
		Revenue int64 `json:"revenue"`
		Unpaid  int   `json:"unpaid"`
		ToShip  int   `json:"to_ship"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &s); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Pesanan: " + itoa(s.Orders) + ",",
		"omzet (lunas): " + rupiah(s.Revenue),
		"Belum bayar: " + itoa(s.Unpaid) + ",",
		"perlu dikirim: " + itoa(s.ToShip),
	}
	for _, w := range want {
		if !strings.Contains(summaryText, w) {
			t.Errorf("summary text lacks %q:\n%s", w, summaryText)
		}
	}
	if s.Orders != 2 || s.Revenue == 0 || s.Unpaid != 1 || s.ToShip != 1 {
		t.Errorf("summary = %+v, want 2 orders, revenue of one, 1 unpaid, 1 to ship", s)
	}
	if lines := strings.Count(summaryText, "\n") + 1; lines > 10 {
		t.Errorf("summary is %d lines: too long for a phone", lines)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func rupiah(n int64) string { return lang.FormatRupiah(n) }

// TestChatTerminal drives `pesanbot chat` through stdin as a person would:
// a question, then a pasted multi-line format order arriving at once.
func TestChatTerminal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	var out, errb bytes.Buffer
	in := strings.NewReader("kak pashmina hitam ready?\n")
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	if err := run(context.Background(), []string{"chat", "--as", "0812-3456-0001", "--name", "Tari"}, env, in, &out, &errb); err != nil {
		t.Fatalf("chat: %v\n%s", err, errb.String())
	}
	got := out.String()
	for _, want := range []string{"Halo Kak Tari", "Pashmina Ceruty Babydoll Hitam", "ready 12"} {
		if !strings.Contains(got, want) {
			t.Errorf("chat output lacks %q:\n%s", want, got)
		}
	}
	// The default customer is greeted naturally.
	out.Reset()
	if err := run(context.Background(), []string{"chat"}, env, strings.NewReader("halo\n"), &out, &errb); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "Halo Kak Tamu") || strings.Contains(got, "Kak Kak") {
		t.Errorf("default customer greeted oddly:\n%s", got)
	}
	// Owner mode answers commands.
	out.Reset()
	if err := run(context.Background(), []string{"chat", "--as", "owner"}, env, strings.NewReader("/stok PSM-02\n"), &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Dusty Pink: 20") {
		t.Errorf("owner chat: %s", out.String())
	}
}

// TestExampleCatalogIsSample keeps examples/catalog.csv the catalogue a fresh
// data directory is seeded with, so the README's examples and a new shop agree.
func TestExampleCatalogIsSample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(examples, "catalog.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(b)), strings.TrimSpace(config.SampleCatalogCSV); got != want {
		t.Errorf("examples/catalog.csv differs from config.SampleCatalogCSV")
	}
}

// leftovers lists temporary files under dir: half-written backups and
// SQLite journals.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".tmp-") || strings.HasSuffix(d.Name(), "-journal")) {
			found = append(found, p)
		}
		return nil
	})
	return found
}

// TestChatQuickExitLeavesNoTemporaryFiles: a chat that ends at once (stdin
// closed) stops the start-up backup it began and cleans up after it.
func TestChatQuickExitLeavesNoTemporaryFiles(t *testing.T) {
	for i := range 5 {
		data := filepath.Join(t.TempDir(), "data")
		if i%2 == 1 {
			// A shop that already has data: a backup takes longer.
			if _, err := pesanbot(t, data, "orders"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := pesanbot(t, data, "chat"); err != nil {
			t.Fatal(err)
		}
		if l := leftovers(t, data); len(l) > 0 {
			t.Fatalf("run %d left %v", i, l)
		}
	}
}

// TestChatHeaderBeforeWaitingReplies: a reply still in the outbox when a
// chat starts is shown under the chat's header, never above it or inside
// it. The terminal is slow to take the header, which gives the delivery
// loop every chance to write first if it could.
func TestChatHeaderBeforeWaitingReplies(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "orders"); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	for i := range 3 {
		db, err := store.Open(context.Background(), data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		waiting := "balasan tertunda " + itoa(i)
		err = db.Update(context.Background(), func(tx *store.Tx) error {
			return tx.Enqueue("6281111111111", waiting, "", "", time.Time{})
		})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		out := &slowFirstWrite{delay: 200 * time.Millisecond}
		if err := run(context.Background(), []string{"chat"}, env, strings.NewReader(""), out, io.Discard); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		if !strings.HasPrefix(got, "pesanbot chat — ") || !strings.Contains(got, "Ctrl-D keluar.\n") || strings.Count(got, waiting) != 1 {
			t.Fatalf("run %d: the header must come first and whole, the waiting reply once after it:\n%s", i, got)
		}
	}
}

// slowFirstWrite is a terminal that takes a while to show its first write.
type slowFirstWrite struct {
	delay time.Duration
	mu    sync.Mutex
	n     int
	b     bytes.Buffer
}

func (w *slowFirstWrite) Write(p []byte) (int, error) {
	w.mu.Lock()
	first := w.n == 0
	w.n++
	w.mu.Unlock()
	if first {
		time.Sleep(w.delay)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *slowFirstWrite) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
