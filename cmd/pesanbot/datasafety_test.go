package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/whatsapp"
)

// datasafety_test.go: the data-safety and privacy defects of the issue, by
// their number there, each through the real command line (run). Every case
// failed before its fix.

func TestDataSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"1 simulate --data refuses a directory another pesanbot holds", testSimulateRefusesLocked},
		{"1 simulate --data refuses a shop linked to WhatsApp unless --force", testSimulateRefusesPaired},
		{"1 simulate holds the lock while it runs; a plain --data dir still works", testSimulateHoldsLock},
		{"2 dashboard beside run is refused, naming run's address", testDashboardBesideRun},
		{"2 dashboard takes the lock: chat and restore refused while it serves", testDashboardTakesLock},
		{"2 restore refused during a catalog import", testRestoreWaitsForChange},
		{"3 backup into the data directory refused", testBackupIntoDataDir},
		{"3 backup over a file that is not a pesanbot backup refused", testBackupOverOtherFile},
		{"5 two customers at the summary at once: each pays the total they confirmed", testUniqueCodeConfirmed},
		{"5 a total that changed after the summary is shown again before it is recorded", testTotalChangedAsksAgain},
		{"6 merge import without optional columns keeps descriptions, aliases, weights, categories", testMergeImportKeepsColumns},
		{"7 chat reports a very long line and goes on reading", testChatLongLine},
		{"8 shop.yaml FIFO refused, not a hang", testFIFOShopRefused},
		{"9 erasure leaves no byte of the customer in shop.db, its WAL, whatsapp.db or the backups", testErasureLeavesNoTrace},
		{"9 a restore from an older backup erases them again", testRestoreKeepsErasure},
		{"10 erase prompt: ya repeats the question, only a clear no cancels", testEraseConfirmWords},
		{"12 catalog export neutralises formula cells", testCatalogExportFormulas},
		{"12 xlsx export writes text as string cells without a visible guard", TestExportXLSX},
		{"13 pesanbot texts lists every key and parses back", testTextsCommand},
	} {
		t.Run(c.name, c.run)
	}
}

// runWithin runs the command line and fails when it does not return in
// time (a command that hangs is the defect, not a slow test).
func runWithin(t *testing.T, d time.Duration, data string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, env, strings.NewReader(stdin), &out, &errb) }()
	select {
	case err = <-done:
	case <-time.After(d):
		cancel()
		t.Fatalf("pesanbot %v still running after %v", args, d)
	}
	return out.String(), errb.String(), err
}

// catalogRows reads `catalog export` as records keyed by "sku/variant".
func catalogRows(t *testing.T, data string) map[string]map[string]string {
	t.Helper()
	out, err := pesanbot(t, data, "catalog", "export")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, col := range recs[0] {
			m[col] = r[i]
		}
		rows[m["sku"]+"/"+m["variant"]] = m
	}
	return rows
}

func testMergeImportKeepsColumns(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	full := filepath.Join(dir, "full.csv")
	os.WriteFile(full, []byte("sku,name,variant,price,stock,weight_grams,description,aliases,image,category\n"+
		"GMS-01,Gamis Aisyah,Hitam / M,185000,5,450,Gamis katun toyobo adem,gamis aisyah|aisyah,gamis.jpg,Busana Muslim\n"), 0o600)
	if _, err := pesanbot(t, data, "catalog", "import", full); err != nil {
		t.Fatal(err)
	}
	merge := filepath.Join(dir, "harga.csv")
	os.WriteFile(merge, []byte("sku,name,variant,price,stock\nGMS-01,Gamis Aisyah,Hitam / M,175000,9\nNEW-01,Bros Mutiara,,15000,4\n"), 0o600)
	if _, err := pesanbot(t, data, "catalog", "import", merge); err != nil {
		t.Fatal(err)
	}
	rows := catalogRows(t, data)
	g := rows["GMS-01/Hitam / M"]
	for col, want := range map[string]string{"price": "175000", "stock": "9", "weight_grams": "450",
		"description": "Gamis katun toyobo adem", "aliases": "gamis aisyah|aisyah", "image": "gamis.jpg", "category": "Busana Muslim"} {
		if g[col] != want {
			t.Errorf("after a merge without optional columns, %s = %q, want %q", col, g[col], want)
		}
	}
	if n := rows["NEW-01/"]; n == nil || n["price"] != "15000" || n["category"] != "Bros" {
		t.Errorf("the new product of the merge: %v", n)
	}
	// A column the file does have is the owner's word, also when empty.
	clear := filepath.Join(dir, "clear.csv")
	os.WriteFile(clear, []byte("sku,name,variant,price,stock,description\nGMS-01,Gamis Aisyah,Hitam / M,175000,9,\n"), 0o600)
	if _, err := pesanbot(t, data, "catalog", "import", clear); err != nil {
		t.Fatal(err)
	}
	if g := catalogRows(t, data)["GMS-01/Hitam / M"]; g["description"] != "" || g["aliases"] != "gamis aisyah|aisyah" {
		t.Errorf("a given empty description column: %v", g)
	}
	// Each import is in the audit log, as the dashboard's are.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "shop.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var imports int
	db.QueryRow(`SELECT count(*) FROM audit_log WHERE actor = 'terminal' AND action = 'impor katalog' AND detail LIKE 'harga.csv: 2 produk%'`).Scan(&imports)
	if imports != 1 {
		t.Errorf("%d audit entries for the import of harga.csv, want 1", imports)
	}
}

func testFIFOShopRefused(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o700)
	mkfifo(t, filepath.Join(data, "shop.yaml"))
	for _, cmd := range []string{"orders", "chat", "simulate"} {
		args := []string{cmd}
		if cmd == "simulate" {
			script := filepath.Join(t.TempDir(), "s.txt")
			os.WriteFile(script, []byte("6281234500001: halo\n"), 0o600)
			args = append(args, script, "--data", data)
		}
		_, _, err := runWithin(t, 10*time.Second, data, "", args...)
		if !errors.Is(err, config.ErrNotRegular) || !strings.Contains(err.Error(), "shop.yaml") {
			t.Errorf("%s: err = %v, want one naming shop.yaml as not a regular file", cmd, err)
		}
	}
}

func testCatalogExportFormulas(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// Stored text can start with a formula character even though import
	// refuses such a SKU: names and descriptions come from the owner.
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("sku,name,variant,price,stock,description,aliases,category\n"+
		`X-1,"=HYPERLINK(""http://x"",""klik"")",-L,15000,3,+62812 hubungi,@SUM(1),-diskon`+"\n"), 0o600)
	if _, err := pesanbot(t, data, "catalog", "import", in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	if _, err := pesanbot(t, data, "catalog", "export", out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		for _, f := range r {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Errorf("exported cell %q would run as a formula", f)
			}
		}
	}
	// What was exported imports back unchanged.
	if _, err := pesanbot(t, data, "catalog", "import", out, "--replace"); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again.csv")
	pesanbot(t, data, "catalog", "export", again)
	if a, _ := os.ReadFile(again); !bytes.Equal(a, b) {
		t.Errorf("export → import → export changed the file:\n%s\n---\n%s", b, a)
	}
}

func testTextsCommand(t *testing.T) {
	out, err := pesanbot(t, t.TempDir(), "texts")
	if err != nil {
		t.Fatal(err)
	}
	shop, err := config.Parse("texts", []byte("name: Toko\nowners: [\"0812-0000-0009\"]\n"+out))
	if err != nil {
		t.Fatalf("the output of pesanbot texts is not valid under texts: %v", err)
	}
	keys := 0
	for k, def := range flows.DefaultTexts {
		keys++
		// shop.yaml texts are trimmed, as an owner would write them.
		if shop.Texts[k] != strings.TrimSpace(def) {
			t.Errorf("texts lists %s as %q, want %q", k, shop.Texts[k], def)
		}
	}
	if keys == 0 {
		t.Fatal("no text keys")
	}
	// The error for an unknown key points at a command that exists.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "shop.yaml"), []byte("name: Toko\nowners: [\"0812-0000-0009\"]\ntexts:\n  salam: halo\n"), 0o600)
	if _, err := pesanbot(t, dir, "orders"); err == nil || !strings.Contains(err.Error(), "pesanbot texts") {
		t.Errorf("unknown text key: %v", err)
	}
}

// slowReader hands out its chunks with a pause before each, as a person
// typing in a terminal would (pasteGap joins what arrives at once).
type slowReader struct {
	chunks []string
	fresh  bool
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	if !r.fresh {
		time.Sleep(4 * pasteGap)
		r.fresh = true
	}
	n := copy(p, r.chunks[0])
	if r.chunks[0] = r.chunks[0][n:]; r.chunks[0] == "" {
		r.chunks, r.fresh = r.chunks[1:], false
	}
	return n, nil
}

func testChatLongLine(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	in := &slowReader{chunks: []string{
		"kak pashmina hitam ready?\n",
		strings.Repeat("tolong ", 2<<20/7+10) + "\n", // a 2 MB line
		"bergo maryam ready?\n",
	}}
	if err := run(context.Background(), []string{"chat", "--as", "0812-3456-0002", "--name", "Tari"}, env, in, &out, &errb); err != nil {
		t.Fatalf("chat: %v\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "panjang") {
		t.Errorf("no note about the long line on stderr:\n%s", errb.String())
	}
	for _, want := range []string{"Pashmina Ceruty Babydoll", "Bergo Maryam"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("chat output lacks %q: a message after the long line was lost:\n%.2000s", want, out.String())
		}
	}
}

// simulateScript replays a script on data (created when new) and returns
// the transcript.
func simulateScript(t *testing.T, data, script string, extra ...string) []eventJSON {
	t.Helper()
	file := filepath.Join(t.TempDir(), "script.txt")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"simulate", file, "--data", data, "--json", "--start", "2026-11-26T10:00:00+07:00"}, extra...)
	out, err := pesanbot(t, data, args...)
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
	return events
}

// replyAfter is what chat got in answer to the message with text in.
func replyAfter(events []eventJSON, chat, in string) string {
	for i, e := range events {
		if e.Dir == "in" && e.Chat == chat && e.Text == in {
			var out []string
			for _, r := range events[i+1:] {
				if r.Dir == "in" {
					break
				}
				if r.Chat == chat {
					out = append(out, r.Text)
				}
			}
			return strings.Join(out, "\n")
		}
	}
	return ""
}

func testEraseConfirmWords(t *testing.T) {
	const c = "6281234500061"
	data := filepath.Join(t.TempDir(), "data")
	events := simulateScript(t, data, `6281234500061 (Rina): mau pashmina hitam 1
6281234500061: Rina Amelia, Jl. Kenari 7 Bekasi 17111, 081234500061, jne
6281234500061: oke kak
6281234500061: hapus data saya
6281234500061: ya
6281234500061: iya hapus data saya
6281234500061: HAPUS
6281234500061: iya
6281234500061: ga jadi
6281234500061: tolong hapus data saya ya
6281234500061: batal
6281234500061: hapus data saya
6281234500061: tidak
6281234500061: hapus data saya
6281234500061: *HAPUS*
6281234500061: ya hapus
`)
	kept := "tidak kami hapus"
	for _, step := range []struct{ in, want, avoid string }{
		{"ya", "*HAPUS*", kept},
		{"iya hapus data saya", "*HAPUS*", kept},
		{"HAPUS", "*YA HAPUS*", kept},
		{"iya", "*YA HAPUS*", kept},
		{"ga jadi", kept, ""},
		{"batal", kept, ""},
		{"tidak", kept, ""},
		{"*HAPUS*", "*YA HAPUS*", kept},
		{"ya hapus", "sudah kami hapus", kept},
	} {
		got := replyAfter(events, c, step.in)
		if !strings.Contains(got, step.want) || (step.avoid != "" && strings.Contains(got, step.avoid)) {
			t.Errorf("%q at the erase prompt got %q, want %q", step.in, got, step.want)
		}
	}
	if o := ordersOf(t, data); len(o) != 1 || o[0].Customer.Name == "Rina Amelia" || o[0].Address != "" {
		t.Errorf("after YA HAPUS the order still holds the customer: %+v", o)
	}
}

// holdWithChat runs `pesanbot chat` on data until the returned stop is
// called: a real pesanbot holding the directory.
func holdWithChat(t *testing.T, data string) (stop func()) {
	t.Helper()
	pr, pw := io.Pipe()
	var out, errb lockedBuffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), []string{"chat"}, env, pr, &out, &errb) }()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(out.String(), "pesanbot chat"); {
		if time.Now().After(deadline) {
			t.Fatalf("chat did not start:\n%s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return func() {
		pw.Close()
		if err := <-done; err != nil {
			t.Errorf("chat: %v\n%s", err, errb.String())
		}
	}
}

// waitForLock waits until some process holds data's bot.lock.
func waitForLock(t *testing.T, data string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, _ := os.ReadFile(filepath.Join(data, lockFile)); len(bytes.TrimSpace(b)) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the lock was never taken")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeScript writes a small simulation script.
func writeScript(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(file, []byte("6281234500071 (Nia): mau pashmina hitam 1\n6281234500071: Nia, Jl. Mawar 1 Bekasi 17111, 081234500071, jne\n6281234500071: ya\n"), 0o600)
	return file
}

func testSimulateRefusesLocked(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	stop := holdWithChat(t, data)
	defer stop()
	_, _, err := runWithin(t, 20*time.Second, data, "", "simulate", writeScript(t), "--data", data)
	var locked *lockedError
	if !errors.As(err, &locked) || !strings.Contains(err.Error(), "sedang berjalan") {
		t.Fatalf("simulate beside chat: err = %v, want the directory refused", err)
	}
	if n := len(ordersOf(t, data)); n != 0 {
		t.Errorf("the refused simulation wrote %d orders into the shop", n)
	}
}

// pairFake makes data's whatsapp.db hold a linked device, as after pairing.
func pairFake(t *testing.T, data string) {
	t.Helper()
	os.MkdirAll(data, 0o700)
	ctx := context.Background()
	c, err := sqlstore.New(ctx, "sqlite", "file:"+filepath.Join(data, whatsapp.SessionFile)+"?_pragma=foreign_keys(1)", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dev := c.NewDevice()
	jid := types.NewJID("6281200000001", types.DefaultUserServer)
	jid.Device = 7
	dev.ID = &jid
	dev.Account = &waAdv.ADVSignedDeviceIdentity{Details: []byte{1}, AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64)}
	if err := c.PutDevice(ctx, dev); err != nil {
		t.Fatal(err)
	}
}

func testSimulateRefusesPaired(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	pairFake(t, data)
	_, _, err := runWithin(t, 20*time.Second, data, "", "simulate", writeScript(t), "--data", data)
	if err == nil || !strings.Contains(err.Error(), "WhatsApp") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("simulate on a linked shop: err = %v, want a refusal naming WhatsApp and --force", err)
	}
	if n := len(ordersOf(t, data)); n != 0 {
		t.Errorf("the refused simulation wrote %d orders", n)
	}
	if _, _, err := runWithin(t, 20*time.Second, data, "", "simulate", writeScript(t), "--data", data, "--force"); err != nil {
		t.Fatalf("simulate --force: %v", err)
	}
	if n := len(ordersOf(t, data)); n != 1 {
		t.Errorf("simulate --force wrote %d orders, want 1", n)
	}
}

func testSimulateHoldsLock(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	// A plain --data directory works and is read back by orders.
	if _, _, err := runWithin(t, 20*time.Second, data, "", "simulate", writeScript(t), "--data", data); err != nil {
		t.Fatal(err)
	}
	if n := len(ordersOf(t, data)); n != 1 {
		t.Fatalf("%d orders after simulate --data, want 1", n)
	}
	// While a simulation runs, chat on the same directory is refused. The
	// script waits an hour of simulated time in many steps, which takes
	// long enough in real time to look.
	script := filepath.Join(t.TempDir(), "long.txt")
	var b strings.Builder
	for i := 0; i < 400; i++ {
		b.WriteString("6281234500072: halo kak\n~ 90m\n")
	}
	os.WriteFile(script, []byte(b.String()), 0o600)
	done := make(chan error, 1)
	go func() {
		_, err := pesanbot(t, data, "simulate", script, "--data", data)
		done <- err
	}()
	waitForLock(t, data)
	if b, _ := os.ReadFile(filepath.Join(data, lockFile)); !strings.Contains(string(b), "command=simulate") {
		t.Errorf("bot.lock while simulating: %q", b)
	}
	_, _, err := runWithin(t, 20*time.Second, data, "", "chat")
	var locked *lockedError
	if !errors.As(err, &locked) {
		t.Errorf("chat during a simulation: err = %v, want refused", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// dashboardArgs serve the dashboard on a free port.
var dashboardArgs = []string{"dashboard", "--http", "127.0.0.1:0"}

func testDashboardBesideRun(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o700)
	// What `run --http 127.0.0.1:8099` leaves in the lock while it serves:
	// the lock itself, held as run holds it.
	unlock, err := lockDataDir(data, lockNote{Command: "run", Dashboard: "http://127.0.0.1:8099/"})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, _, err = runWithin(t, 20*time.Second, data, "", dashboardArgs...)
	if err == nil || !strings.Contains(err.Error(), "sudah dilayani oleh pesanbot run") || !strings.Contains(err.Error(), "http://127.0.0.1:8099/") {
		t.Errorf("dashboard beside run: err = %v, want one naming run's dashboard address", err)
	}
}

func testDashboardTakesLock(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb lockedBuffer
	env := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	done := make(chan error, 1)
	go func() { done <- run(ctx, dashboardArgs, env, strings.NewReader(""), &out, &errb) }()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(errb.String(), "kode masuk dasbor"); {
		if time.Now().After(deadline) {
			t.Fatalf("the dashboard did not start:\n%s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, _, err := runWithin(t, 20*time.Second, data, "", "chat")
	var locked *lockedError
	if !errors.As(err, &locked) || !strings.Contains(err.Error(), "dashboard") {
		t.Errorf("chat beside dashboard: err = %v, want refused naming the dashboard", err)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := pesanbot(t, data, "backup", backup); err != nil {
		t.Fatalf("backup (read-only) beside the dashboard: %v", err)
	}
	if _, err := pesanbot(t, data, "restore", backup); !errors.As(err, &locked) {
		t.Errorf("restore beside dashboard: err = %v, want refused", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("dashboard: %v\n%s", err, errb.String())
	}
}

func testRestoreWaitsForChange(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "orders"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := pesanbot(t, data, "backup", backup); err != nil {
		t.Fatal(err)
	}
	// A catalog import holds data.lock shared while it writes.
	unlock, err := lockForChange(data)
	if err != nil {
		t.Fatal(err)
	}
	_, err = pesanbot(t, data, "restore", backup)
	var locked *lockedError
	if !errors.As(err, &locked) || !locked.use {
		t.Errorf("restore during a change: err = %v, want refused", err)
	}
	// ... while run, chat and another import still may.
	if other, err := lockForChange(data); err != nil {
		t.Errorf("a second import was refused: %v", err)
	} else {
		other()
	}
	unlock()
	if _, err := pesanbot(t, data, "restore", backup); err != nil {
		t.Errorf("restore after the change: %v", err)
	}
}

func testBackupIntoDataDir(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "orders"); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		filepath.Join(data, "cadangan.db"),
		filepath.Join(data, "backups", "shop-manual.db"),
		filepath.Join(data, "media", "..", "x.db"),
	} {
		os.MkdirAll(filepath.Dir(target), 0o700)
		_, err := pesanbot(t, data, "backup", target)
		if err == nil || !strings.Contains(err.Error(), "di dalam folder data") || exitCode(err, io.Discard) != 1 {
			t.Errorf("backup %s: err = %v, want refused (exit 1)", target, err)
		}
		if _, serr := os.Stat(target); serr == nil {
			t.Errorf("%s was written", target)
		}
	}
	// A link from outside into the data directory is inside too.
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(data, link)
	if _, err := pesanbot(t, data, "backup", filepath.Join(link, "y.db")); err == nil {
		t.Errorf("backup through a symlink into the data directory was written")
	}
	// The data directory's own files are refused even with --force.
	for _, name := range []string{"whatsapp.db", "shop.yaml", "shop.db-wal"} {
		if _, err := pesanbot(t, data, "backup", filepath.Join(data, name), "--force"); err == nil {
			t.Errorf("backup --force over %s was written", name)
		}
	}
	// --force is the owner's word for anything else inside.
	if _, err := pesanbot(t, data, "backup", filepath.Join(data, "cadangan.db"), "--force"); err != nil {
		t.Errorf("backup --force: %v", err)
	}
}

func testBackupOverOtherFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "orders"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sheet := filepath.Join(dir, "laporan.xlsx")
	os.WriteFile(sheet, []byte("PK\x03\x04 laporan keuangan"), 0o600)
	_, err := pesanbot(t, data, "backup", sheet)
	if err == nil || !strings.Contains(err.Error(), "bukan cadangan pesanbot") || exitCode(err, io.Discard) != 1 {
		t.Errorf("backup over a spreadsheet: err = %v, want refused", err)
	}
	if b, _ := os.ReadFile(sheet); string(b) != "PK\x03\x04 laporan keuangan" {
		t.Errorf("the spreadsheet was overwritten")
	}
	// Another SQLite database (the WhatsApp session) is not a backup either.
	pairFake(t, filepath.Join(dir, "other"))
	if _, err := pesanbot(t, data, "backup", filepath.Join(dir, "other", whatsapp.SessionFile)); err == nil {
		t.Errorf("backup over a whatsapp.db was written")
	}
	// An older pesanbot backup is replaced, and --force replaces anything.
	b := filepath.Join(dir, "shop-lama.db")
	for i := 0; i < 2; i++ {
		if _, err := pesanbot(t, data, "backup", b); err != nil {
			t.Errorf("backup #%d over a pesanbot backup: %v", i+1, err)
		}
	}
	if _, err := pesanbot(t, data, "backup", sheet, "--force"); err != nil {
		t.Errorf("backup --force: %v", err)
	}
	// A directory is a usage mistake.
	if _, err := pesanbot(t, data, "backup", dir); exitCode(err, io.Discard) != 2 {
		t.Errorf("backup into a directory: %v, want a usage error", err)
	}
}

func testUniqueCodeConfirmed(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	events := simulateScript(t, data, `6281234500091 (Ayu): mau pashmina hitam 1
6281234500091: Ayu, Jl. Kenanga 5 Sleman DIY 55281, 081234500091, jne
6281234500092 (Bela): mau pashmina hitam 1
6281234500092: Bela, Jl. Kenanga 7 Sleman DIY 55281, 081234500092, jne
6281234500091: ya
6281234500092: ya
6281234500092: ya
`)
	orders := ordersOf(t, data)
	if len(orders) != 2 {
		t.Fatalf("%d orders, want 2", len(orders))
	}
	if orders[0].UniqueCode == orders[1].UniqueCode {
		t.Errorf("both orders have unique code %d", orders[0].UniqueCode)
	}
	for _, o := range orders {
		// The last summary the customer saw before the order was made is
		// the one "ya" agreed to: its code and total are the recorded ones.
		var shown string
		for _, e := range events {
			if e.Dir != "out" || e.Chat != o.Customer.Phone {
				continue
			}
			if strings.Contains(e.Text, "Ringkasan pesanan") {
				shown = e.Text
			}
			if strings.Contains(e.Text, "*#"+itoa(int(o.ID))+"*") {
				break
			}
		}
		if !strings.Contains(shown, "Kode unik: "+itoa(int(o.UniqueCode))) || !strings.Contains(shown, "Total: "+rupiah(o.Total)) {
			t.Errorf("order #%d was recorded with code %d, total %s; the customer confirmed:\n%s", o.ID, o.UniqueCode, rupiah(o.Total), shown)
		}
	}
	// The codes were reserved at the summaries: each "ya" made its order.
	if got := replyAfter(events, "6281234500092", "ya"); !strings.Contains(got, "*#2*") {
		t.Errorf("the second customer's ya: %q", got)
	}
	if n := len(orders); n != 2 {
		t.Errorf("%d orders", n)
	}
}

// testTotalChangedAsksAgain: a price changed between the summary and "ya":
// the customer sees the new total and is asked again, and what is recorded
// is what they agreed to.
func testTotalChangedAsksAgain(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	simulateScript(t, data, `6281234500093 (Cici): mau pashmina hitam 1
6281234500093: Cici, Jl. Kenanga 9 Sleman DIY 55281, 081234500093, jne
`)
	price := filepath.Join(dir, "harga.csv")
	os.WriteFile(price, []byte("sku,name,variant,price,stock\nPSM-02,Pashmina Ceruty Babydoll,Hitam,49000,12\n"), 0o600)
	if _, err := pesanbot(t, data, "catalog", "import", price); err != nil {
		t.Fatal(err)
	}
	events := simulateScript(t, data, "6281234500093: ya\n6281234500093: ya\n", "--start", "2026-11-26T10:10:00+07:00")
	first := replyAfter(events, "6281234500093", "ya")
	if !strings.Contains(first, "berubah") || !strings.Contains(first, "Rp49.000") || strings.Contains(first, "tercatat") {
		t.Errorf("ya after a price change: %q", first)
	}
	orders := ordersOf(t, data)
	if len(orders) != 1 || orders[0].Subtotal != 49000 {
		t.Errorf("orders: %+v", orders)
	}
}

// The customers of the erasure test and everything that names them.
const (
	zPhone = "6281300000095"
	bPhone = "6281300000096"
	zLID   = "88001234567"
)

var erasureSecrets = []string{
	"Zubaidah", "Qwertyuiop", "Xylofon", "081233000095", "6281233000095", "81233000095", zPhone, "81300000095", zLID, "JX9912345678",
	"Budiman", "Santosowicz", "Kenitir", "081233000096", "6281233000096", "81233000096", bPhone, "81300000096", "JT5512345678",
}

// erasureShop plays two customers' whole story: order, proof, payment,
// shipping with a tracking number, a complaint answered by name, done.
const erasureShop = `6281300000095 (Zubaidah Qwertyuiop): mau bergo maryam hitam 1
6281300000095: Zubaidah Qwertyuiop, Jl. Xylofon Raya 99 Bekasi 17111, 081233000095, jne
6281300000095: ya
6281300000095: [gambar] ini bukti tf kak
owner: /lunas 1
owner: /kirim 1 JNE JX9912345678
6281300000095: kak paket saya belum sampai
owner: /balas 1 maaf kak Zubaidah, paket ke Jl. Xylofon Raya 99 sudah di kurir JX9912345678
owner: /selesai 1
owner: /tutup 1 sudah diantar ke Qwertyuiop
6281300000096 (Budiman): mau pashmina hitam 1
6281300000096: Budiman Santosowicz, Jl. Kenitir Indah 5 Bekasi 17111, 081233000096, jne
6281300000096: ya
owner: /lunas 2
owner: /kirim 2 JNE JT5512345678
owner: /selesai 2
`

// sessionWithCustomer makes data's whatsapp.db a linked session that knows
// the customer as whatsmeow would: contact, LID, encryption keys.
func sessionWithCustomer(t *testing.T, data string) {
	t.Helper()
	pairFake(t, data)
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(data, whatsapp.SessionFile))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	our := "6281200000001:7@s.whatsapp.net"
	for _, q := range []string{
		`INSERT INTO whatsmeow_contacts (our_jid, their_jid, push_name) VALUES ('` + our + `', '` + zPhone + `@s.whatsapp.net', 'Zubaidah Qwertyuiop')`,
		`INSERT INTO whatsmeow_lid_map (lid, pn) VALUES ('` + zLID + `', '` + zPhone + `')`,
		`INSERT INTO whatsmeow_sessions (our_jid, their_id, session) VALUES ('` + our + `', '` + zPhone + `:0', x'0102')`,
		`INSERT INTO whatsmeow_identity_keys (our_jid, their_id, identity) VALUES ('` + our + `', '` + zLID + `:0', zeroblob(32))`,
		`INSERT INTO whatsmeow_chat_settings (our_jid, chat_jid) VALUES ('` + our + `', '` + zPhone + `@s.whatsapp.net')`,
		`INSERT INTO whatsmeow_event_buffer (our_jid, ciphertext_hash, plaintext, server_timestamp, insert_timestamp)
			VALUES ('` + our + `', zeroblob(32), CAST('alamat: Jl. Xylofon Raya 99 Bekasi 17111' AS BLOB), 1, 1)`,
		`INSERT INTO whatsmeow_contacts (our_jid, their_jid, push_name) VALUES ('` + our + `', '` + bPhone + `@s.whatsapp.net', 'Budiman')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// grepFiles reports every secret found in the files.
func grepFiles(t *testing.T, files []string, secrets []string) {
	t.Helper()
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range secrets {
			if bytes.Contains(bytes.ToLower(raw), bytes.ToLower([]byte(s))) {
				t.Errorf("%s still contains %q", filepath.Base(f), s)
			}
		}
	}
}

// dataFiles lists the database files of data and its backups.
func erasureFiles(data string) []string {
	files := []string{}
	for _, name := range []string{"shop.db", "shop.db-wal", "whatsapp.db", "whatsapp.db-wal"} {
		files = append(files, filepath.Join(data, name))
	}
	backups, _ := filepath.Glob(filepath.Join(data, "backups", "*"))
	return append(files, backups...)
}

func testErasureLeavesNoTrace(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	sessionWithCustomer(t, data)
	simulateScript(t, data, erasureShop, "--force")
	// A nightly backup from before the erasure, and one by hand elsewhere.
	nightly := filepath.Join(data, "backups", "shop-20261125.db")
	os.MkdirAll(filepath.Dir(nightly), 0o700)
	if _, err := pesanbot(t, data, "backup", nightly, "--force"); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(nightly); !bytes.Contains(raw, []byte("Xylofon")) {
		t.Fatal("the backup does not hold the customer to begin with")
	}
	events := simulateScript(t, data, `6281300000095: hapus data saya
6281300000095: HAPUS
6281300000095: YA HAPUS
owner: /hapusdata 6281300000096
owner: /hapusdata 6281300000096 YA
`, "--force", "--start", "2026-11-27T10:00:00+07:00")
	done := replyAfter(events, zPhone, "YA HAPUS")
	if !strings.Contains(done, "sudah kami hapus") || !strings.Contains(done, "5 minggu") {
		t.Errorf("the erasure reply does not say how long backups keep data: %q", done)
	}
	if got := replyAfter(events, owner, "/hapusdata 6281300000096 YA"); !strings.Contains(got, "dihapus") || !strings.Contains(got, "backups") {
		t.Errorf("owner's /hapusdata answer: %q", got)
	}
	grepFiles(t, erasureFiles(data), erasureSecrets)
	// Orders stay for the books, anonymised.
	orders := ordersOf(t, data)
	if len(orders) != 2 || orders[0].Total == 0 || orders[0].Tracking != "" || orders[0].Customer.Name == "" {
		t.Errorf("orders after erasure: %+v", orders)
	}
	// The audit log kept its rows; the redaction is the sanctioned one.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "shop.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var redacted, kirim int
	db.QueryRow(`SELECT count(*) FROM audit_log WHERE redacted > 0`).Scan(&redacted)
	db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'kirim'`).Scan(&kirim)
	if redacted == 0 || kirim != 2 {
		t.Errorf("audit log: %d rows redacted, %d kirim rows (want the rows kept and redacted)", redacted, kirim)
	}
	if _, err := db.Exec(`UPDATE audit_log SET detail = 'x' WHERE id = 1`); err == nil {
		t.Error("the audit log took an unsanctioned update")
	}
}

func testRestoreKeepsErasure(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	simulateScript(t, data, erasureShop)
	// A backup by hand, kept off the machine, from before the erasure.
	usb := filepath.Join(t.TempDir(), "usb", "shop-lama.db")
	os.MkdirAll(filepath.Dir(usb), 0o700)
	if _, err := pesanbot(t, data, "backup", usb); err != nil {
		t.Fatal(err)
	}
	simulateScript(t, data, `6281300000095: hapus data saya
6281300000095: HAPUS
6281300000095: YA HAPUS
`, "--start", "2026-11-27T10:00:00+07:00")
	// Restoring it would bring Zubaidah back: the erasure holds.
	if _, err := pesanbot(t, data, "restore", usb); err != nil {
		t.Fatal(err)
	}
	grepFiles(t, []string{filepath.Join(data, "shop.db"), filepath.Join(data, "shop.db-wal")}, erasureSecrets[:10])
	// Budiman was not erased and is back with the restore.
	if orders := ordersOf(t, data); len(orders) != 2 || orders[0].ID != 2 || orders[0].Customer.Name != "Budiman Santosowicz" {
		t.Errorf("orders after restore: %+v", orders)
	}
	// Zubaidah writing again later is a new customer, kept.
	simulateScript(t, data, "6281300000095 (Zubaidah Qwertyuiop): halo kak saya mau pesan lagi\n", "--start", "2026-11-28T10:00:00+07:00")
	var name string
	db, _ := sql.Open("sqlite", "file:"+filepath.Join(data, "shop.db")+"?mode=ro")
	defer db.Close()
	db.QueryRow(`SELECT push_name FROM customer WHERE phone = ?`, zPhone).Scan(&name)
	if name != "Zubaidah Qwertyuiop" {
		t.Errorf("a customer who writes again after an erasure: %q", name)
	}
}
