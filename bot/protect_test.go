package bot

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/store"
)

// recorder collects what a transport was asked to send.
type recorder struct {
	mu   sync.Mutex
	sent []store.Outgoing
}

func (r *recorder) Send(_ context.Context, m store.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return nil
}

func (r *recorder) to(chat string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.sent {
		if m.Chat == chat {
			out = append(out, m.Text)
		}
	}
	return out
}

// openBot builds a bot on a fresh data directory with the sample shop and
// burst_window 0, so every message is one turn at once.
func openBot(t *testing.T, busy time.Duration, mutate func(*Config)) (*Bot, *SimClock, *recorder, string) {
	t.Helper()
	yaml := strings.Replace(config.SampleShopYAML, "burst_window: 3s", "burst_window: 0s", 1)
	shop, err := config.Parse("shop.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := config.SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	clock := NewSimClock(testStart)
	dir := filepath.Join(t.TempDir(), "data")
	db, err := store.Open(context.Background(), dir, store.Options{Now: clock.Now, Location: shop.Location, BusyTimeout: busy})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ImportCatalog(context.Background(), cat, false); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	c := Config{DB: db, Shop: shop, Now: clock.Now, Transport: rec}
	if mutate != nil {
		mutate(&c)
	}
	return New(c), clock, rec, dir
}

func TestFloodFromOneSender(t *testing.T) {
	b, clock, rec, _ := openBot(t, 0, nil)
	ctx := context.Background()
	flooder, other := "6281300000090", "6281300000091"
	conversation := []string{"mau bergo maryam hitam 1", "Ani, Jl. Melati 1 Bekasi 17111, 081233000091, jne", "ya"}
	next := 0
	for i := 0; i < 2000; i++ {
		clock.Set(clock.Now().Add(300 * time.Millisecond)) // 2,000 messages in 10 minutes
		if err := b.Receive(ctx, Message{ID: fmt.Sprint("F", i), Phone: flooder, Text: "mau pashmina hitam 1"}); err != nil {
			t.Fatal(err)
		}
		if i%300 == 0 && next < len(conversation) {
			if err := b.Receive(ctx, Message{ID: fmt.Sprint("O", next), Phone: other, PushName: "Ani", Text: conversation[next]}); err != nil {
				t.Fatal(err)
			}
			next++
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	warnings := 0
	for _, s := range rec.to(flooder) {
		if strings.Contains(s, "mohon tunggu") || strings.Contains(s, "Mohon tunggu") {
			warnings++
		}
	}
	if warnings < 1 || warnings > 2 {
		t.Errorf("%d please-wait answers in 10 minutes, want 1 (2 at a window edge)", warnings)
	}
	var inbound, orders, otherOrders int
	b.db.SQL().QueryRow(`SELECT count(*) FROM inbound i JOIN customer c ON c.id = i.customer_id WHERE c.phone = ?`, flooder).Scan(&inbound)
	b.db.SQL().QueryRow(`SELECT count(*) FROM orders o JOIN customer c ON c.id = o.customer_id WHERE c.phone = ?`, flooder).Scan(&orders)
	b.db.SQL().QueryRow(`SELECT count(*) FROM orders o JOIN customer c ON c.id = o.customer_id WHERE c.phone = ?`, other).Scan(&otherOrders)
	if inbound != 2000 {
		t.Errorf("%d of 2000 flood messages recorded", inbound)
	}
	if orders != 0 {
		t.Errorf("the flood created %d orders (no confirmation was ever sent)", orders)
	}
	if otherOrders != 1 {
		t.Errorf("the other customer's order was not handled during the flood: %q", rec.to(other))
	}
	if n := b.flood.size(); n > 10000 {
		t.Errorf("limiter remembers %d senders", n)
	}
}

func TestLimiterIsBounded(t *testing.T) {
	l := newSenderLimiter(10, 5, 200, floodWindow, 100)
	now := testStart
	for i := 0; i < 5000; i++ {
		l.message(fmt.Sprint("s", i), now)
		l.turn(fmt.Sprint("t", i), now)
	}
	if n := l.size(); n > 100 {
		t.Errorf("%d senders remembered, cap 100", n)
	}
}

// TestBusyDatabase holds the write lock from another connection: the
// message is refused (not acknowledged), the customer hears once, the owner
// is alerted once, and the redelivered message goes through when the lock
// is gone.
func TestBusyDatabase(t *testing.T) {
	b, _, rec, dir := openBot(t, 100*time.Millisecond, nil)
	ctx := context.Background()
	other, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "shop.db")+"?_pragma=busy_timeout(100)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	msg := Message{ID: "BUSY1", Phone: "6281300000092", Text: "halo kak"}
	for i := 0; i < 3; i++ {
		err := b.Receive(ctx, msg)
		if !errors.Is(err, store.ErrBusy) {
			t.Fatalf("attempt %d: err = %v, want ErrBusy", i, err)
		}
	}
	if got := rec.to("6281300000092"); len(got) != 1 || !strings.Contains(got[0], "gangguan") {
		t.Errorf("customer got %q, want one trouble notice", got)
	}
	if got := rec.to(ownerPhone); len(got) != 1 || !strings.Contains(got[0], "dikunci") {
		t.Errorf("owner got %q, want one alert", got)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
	if err := b.Receive(ctx, msg); err != nil {
		t.Fatalf("redelivery after the lock: %v", err)
	}
	if _, err := b.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rec.to("6281300000092"); len(got) != 2 {
		t.Errorf("after recovery the customer got %d messages, want the notice and the answer", len(got))
	}
}

func TestClosedDatabaseIsNotAcknowledged(t *testing.T) {
	b, _, rec, _ := openBot(t, 0, nil)
	b.db.Close()
	err := b.Receive(context.Background(), Message{ID: "X1", Phone: "6281300000093", Text: "halo"})
	if err == nil {
		t.Fatal("a message the database did not take was acknowledged")
	}
	if got := rec.to("6281300000093"); len(got) != 1 {
		t.Errorf("customer got %q, want one trouble notice", got)
	}
}

// TestStaleCommandNeedsResend: a command written before a downtime is not
// run when it arrives late; sent again, it runs.
func TestStaleCommandNeedsResend(t *testing.T) {
	b, clock, rec, _ := openBot(t, 0, nil)
	ctx := context.Background()
	written := clock.Now()
	clock.Set(written.Add(3 * time.Hour))
	if err := b.Receive(ctx, Message{ID: "S1", Phone: ownerPhone, Text: "/stok BRG-04 hitam 0", SentAt: written}); err != nil {
		t.Fatal(err)
	}
	b.Deliver(ctx)
	var stock int
	b.db.SQL().QueryRow(`SELECT stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'BRG-04'`).Scan(&stock)
	if stock == 0 {
		t.Fatal("a three-hour-old command ran")
	}
	if got := rec.to(ownerPhone); len(got) != 1 || !strings.Contains(got[0], "BELUM dijalankan") {
		t.Errorf("owner told %q", got)
	}
	if err := b.Receive(ctx, Message{ID: "S2", Phone: ownerPhone, Text: "/stok BRG-04 hitam 0"}); err != nil {
		t.Fatal(err)
	}
	b.db.SQL().QueryRow(`SELECT stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'BRG-04'`).Scan(&stock)
	if stock != 0 {
		t.Errorf("the fresh command did not run")
	}
}

// TestDiskFull puts the data directory on a tiny tmpfs and fills it: the
// message is refused (not acknowledged), the customer hears once, the owner
// is alerted, nothing is corrupted, and the redelivered message goes
// through once space is freed. Skipped where mounting is not allowed.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", "-l", mnt).Run()
	yaml := strings.Replace(config.SampleShopYAML, "burst_window: 3s", "burst_window: 0s", 1)
	shop, err := config.Parse("shop.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := config.SampleCatalog()
	clock := NewSimClock(testStart)
	dir := filepath.Join(mnt, "data")
	db, err := store.Open(context.Background(), dir, store.Options{Now: clock.Now, Location: shop.Location})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportCatalog(context.Background(), cat, false); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	b := New(Config{DB: db, Shop: shop, Now: clock.Now, Transport: rec, FloodPerMinute: 1000, FloodBurst: 1000})
	ctx := context.Background()
	// Fill the disk.
	filler := filepath.Join(mnt, "filler")
	f, _ := os.Create(filler)
	chunk := make([]byte, 64*1024)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	long := strings.Repeat("kak mau tanya soal pengiriman ya ", 300)
	var refused *Message
	for i := 0; i < 200 && refused == nil; i++ {
		clock.Set(clock.Now().Add(time.Second))
		m := Message{ID: fmt.Sprint("D", i), Phone: "6281300000098", Text: long}
		if err := b.Receive(ctx, m); err != nil {
			if !errors.Is(err, store.ErrFull) {
				t.Fatalf("err = %v, want ErrFull", err)
			}
			t.Logf("refused at message %d: %v", i, err)
			refused = &m
		}
	}
	if refused == nil {
		t.Skip("the disk never filled up")
	}
	// A second refusal in the same window: no second notice.
	if err := b.Receive(ctx, *refused); err == nil {
		t.Fatal("accepted with a full disk")
	}
	if n := countContaining(rec.to("6281300000098"), "gangguan teknis"); n != 1 {
		t.Errorf("%d trouble notices, want 1", n)
	}
	if n := countContaining(rec.to(ownerPhone), "disk penuh"); n != 1 {
		t.Errorf("%d owner alerts about the full disk, want 1", n)
	}
	os.Remove(filler)
	if err := b.Receive(ctx, *refused); err != nil {
		t.Fatalf("redelivery after freeing space: %v", err)
	}
	var ok string
	db.SQL().QueryRow(`PRAGMA integrity_check`).Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity_check = %q", ok)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM inbound WHERE msg_id = ?`, refused.ID).Scan(&n)
	if n != 1 {
		t.Errorf("the refused message stored %d times after redelivery", n)
	}
}
