package bot

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/store"
)

var testIDs atomic.Int64

// nextTestID is a fresh message id.
func nextTestID() string { return fmt.Sprint("DS", testIDs.Add(1)) }

// datasafety_test.go: the data-safety and privacy defects of the issue that
// the runtime owns, by their number there, through the runtime's own entry
// points on a real shop.db. Each case failed before its fix.

func TestDataSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"4 a format order typed line by line, a second apart, is read whole", testBurstFormatOrder},
		{"4 ten turns a second apart without a burst window: none dropped, the excess waits", testPacedTurnsNotDropped},
		{"4 a true flood is cut, the owner told once", testFloodCutAndOwnerTold},
		{"9 erasure by the customer and from the dashboard: no byte left in shop.db, its WAL or a backup while running", testErasureWhileRunning},
	} {
		t.Run(c.name, c.run)
	}
}

// lineByLine is a format order as people send it: one field per message.
var lineByLine = []string{
	"kak mau order ya",
	"Nama: Rina Amelia",
	"No HP: 081234500081",
	"Alamat: Jl. Kenari 7, Bekasi Timur, Kota Bekasi 17111",
	"Pesanan:",
	"pashmina hitam 2",
	"bergo maryam hitam 1",
	"Kurir: JNE",
}

// noFloodNotice fails when anyone was told of a flood.
func noFloodNotice(t *testing.T, events []Event) {
	t.Helper()
	for _, e := range events {
		if e.Dir == "out" && (strings.Contains(e.Text, "banyak sekali") || strings.Contains(e.Text, "tidak dibaca")) {
			t.Errorf("a human-paced chat got a flood notice: %s: %q", e.Chat, e.Text)
		}
	}
}

func testBurstFormatOrder(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	const c = "6281300000081"
	for _, text := range lineByLine {
		h.receive(Message{Phone: c, PushName: "Rina", Text: text})
		h.clock.Set(h.clock.Now().Add(time.Second))
	}
	h.settle()
	got := joinTexts(outTo(h.log.snapshot(), c))
	for _, want := range []string{"Ringkasan pesanan", "Pashmina Ceruty Babydoll Hitam", "Bergo Maryam", "JNE", "Rina Amelia", "Kenari 7"} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q: a message of the burst was not read:\n%s", want, got)
		}
	}
	noFloodNotice(t, h.log.snapshot())
	if n := h.count(`SELECT count(*) FROM inbound WHERE handled_at IS NULL`); n != 0 {
		t.Errorf("%d messages never read", n)
	}
}

func testPacedTurnsNotDropped(t *testing.T) {
	b, clock, rec, _ := openBot(t, 0, nil) // burst_window 0: every message is a turn
	ctx := context.Background()
	const c = "6281300000082"
	texts := []string{"halo kak", "mau pashmina hitam 2", "bergo maryam hitam 1", "khimar maroon 1", "sudah", "Rina Amelia",
		"Jl. Kenari 7, Bekasi Timur, Kota Bekasi 17111", "081234500082", "jne"}
	for i, text := range texts {
		if err := b.Receive(ctx, Message{ID: fmt.Sprint("P", i), Phone: c, PushName: "Rina", Text: text}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		clock.Set(clock.Now().Add(time.Second))
	}
	// The turns that had to wait run once the pace allows, read together.
	for i := 0; i < 120; i++ {
		clock.Set(clock.Now().Add(time.Second))
		if err := b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var unread int
	b.db.SQL().QueryRow(`SELECT count(*) FROM inbound WHERE handled_at IS NULL`).Scan(&unread)
	if unread != 0 {
		t.Errorf("%d messages never read", unread)
	}
	// Every message counted: the summary holds each item and detail.
	replies := rec.to(c)
	last := replies[len(replies)-1]
	for _, want := range []string{"Ringkasan pesanan", "2 x Pashmina Ceruty Babydoll Hitam", "1 x Bergo Maryam Hitam",
		"1 x Khimar Instan Syari Maroon", "Rina Amelia", "6281234500082", "Kenari 7", "(JNE)"} {
		if !strings.Contains(last, want) {
			t.Errorf("the last reply lacks %q: a message was dropped:\n%s", want, strings.Join(replies, "\n---\n"))
			break
		}
	}
	for _, r := range rec.to(c) {
		if strings.Contains(r, "banyak sekali") {
			t.Errorf("a human pace got a flood notice: %q", r)
		}
	}
}

func testFloodCutAndOwnerTold(t *testing.T) {
	b, clock, rec, _ := openBot(t, 0, nil)
	ctx := context.Background()
	flooder, other := "6281300000083", "6281300000084"
	for i := 0; i < 600; i++ { // 600 messages in one minute
		clock.Set(clock.Now().Add(100 * time.Millisecond))
		if err := b.Receive(ctx, Message{ID: fmt.Sprint("F", i), Phone: flooder, PushName: "Spam", Text: "mau pashmina hitam 1"}); err != nil {
			t.Fatal(err)
		}
		if i%100 == 0 {
			if err := b.Receive(ctx, Message{ID: fmt.Sprint("O", i), Phone: other, Text: "gamis aisyah ready?"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var recorded, cut int
	b.db.SQL().QueryRow(`SELECT count(*) FROM inbound i JOIN customer c ON c.id = i.customer_id WHERE c.phone = ?`, flooder).Scan(&recorded)
	if recorded != 600 {
		t.Errorf("%d of 600 flood messages recorded, want all (for the owner to see)", recorded)
	}
	// What was read is within the cap; the rest was cut, not queued forever.
	b.db.SQL().QueryRow(`SELECT count(*) FROM inbound i JOIN customer c ON c.id = i.customer_id
		WHERE c.phone = ? AND i.handled_at IS NOT NULL`, flooder).Scan(&cut)
	if cut < 600-200-1 {
		t.Errorf("only %d flood messages settled", cut)
	}
	count := func(chat, sub string) int {
		n := 0
		for _, s := range rec.to(chat) {
			if strings.Contains(s, sub) {
				n++
			}
		}
		return n
	}
	if n := count(flooder, "banyak sekali"); n != 1 {
		t.Errorf("the flooder was told %d times, want once", n)
	}
	if n := count(ownerPhone, flooder); n != 1 || count(ownerPhone, "tidak dibaca") != 1 {
		t.Errorf("the owner was told of the flood %d times, want once: %q", n, rec.to(ownerPhone))
	}
	if n := count(other, "Gamis Aisyah"); n < 6 {
		t.Errorf("the other customer got %d of 6 answers during the flood", n)
	}
	var orders int
	b.db.SQL().QueryRow(`SELECT count(*) FROM orders`).Scan(&orders)
	if orders != 0 {
		t.Errorf("the flood made %d orders", orders)
	}
}

func testErasureWhileRunning(t *testing.T) {
	b, clock, rec, dir := openBot(t, 0, nil)
	b.dataDir = dir
	ctx := context.Background()
	say := func(phone, push, text string) {
		t.Helper()
		clock.Set(clock.Now().Add(time.Minute))
		if err := b.Receive(ctx, Message{ID: nextTestID(), Phone: phone, PushName: push, Text: text}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	owner := func(cmd string) {
		t.Helper()
		clock.Set(clock.Now().Add(time.Minute))
		if err := b.Receive(ctx, Message{ID: nextTestID(), Phone: ownerPhone, Text: cmd}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	const z, w = "6281300000085", "6281300000086"
	say(z, "Zubaidah Qwertyuiop", "mau bergo maryam hitam 1")
	say(z, "", "Zubaidah Qwertyuiop, Jl. Xylofon Raya 99 Bekasi 17111, 081233000085, jne")
	say(z, "", "ya")
	owner("/lunas 1")
	owner("/kirim 1 JNE JX9912345678")
	say(z, "", "kak paket saya belum sampai")
	owner("/balas 1 maaf kak Zubaidah, paket ke Jl. Xylofon Raya 99 sudah di kurir")
	owner("/selesai 1")
	say(w, "Wulandari Kusumawardhani", "mau pashmina hitam 1")
	say(w, "", "Wulandari Kusumawardhani, Jl. Zamrud Permai 3 Bekasi 17111, 081233000086, jne")
	say(w, "", "ya")
	if _, err := b.Command(ctx, ownerPhone, "/batal 2"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.NightlyBackup(ctx, filepath.Join(dir, store.BackupsDir), clock.Now(), nil); err != nil {
		t.Fatal(err)
	}
	say(z, "", "hapus data saya")
	say(z, "", "HAPUS")
	say(z, "", "YA HAPUS")
	// From the dashboard, which runs the owner's command.
	if _, err := b.Command(ctx, ownerPhone, "hapusdata "+w+" YA"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rec.to(z); !strings.Contains(got[len(got)-1], "sudah kami hapus") {
		t.Fatalf("no erasure: %q", got[len(got)-1])
	}
	files := []string{filepath.Join(dir, "shop.db"), filepath.Join(dir, "shop.db-wal")}
	backups, _ := filepath.Glob(filepath.Join(dir, store.BackupsDir, "*"))
	files = append(files, backups...)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, secret := range []string{"Zubaidah", "Qwertyuiop", "Xylofon", "081233000085", "81233000085", z, "81300000085", "JX9912345678",
			"Wulandari", "Kusumawardhani", "Zamrud", "081233000086", w, "81300000086"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("%s holds %q after the erasure, while pesanbot runs", filepath.Base(f), secret)
			}
		}
	}
}
