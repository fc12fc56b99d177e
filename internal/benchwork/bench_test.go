package benchwork

import (
	"context"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/bot"
)

// The handling benchmarks hand real *events.Message values to the WhatsApp
// transport's message handler, which calls Receive on a real shop.db (WAL,
// synchronous=FULL) in b.TempDir() with burst_window 0: each call returns
// after the message, the turn and its outbox rows are committed in one
// transaction (tx/msg counts them). BenchmarkRawCommit is the baseline on
// the same disk. One op is one message (or one commit), so allocs/op is Go
// allocations per message (SQLite's own memory is not Go-allocated).
//
//	go test ./internal/benchwork -run '^$' -bench . -benchtime 2000x
//
// "pesanbot bench" prints the same measurements side by side in
// alternating slices, which is fairer when other work shares the disk.

func benchHandle(b *testing.B, w Workload) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	r := s.Run(ctx, w, b.N, time.Time{})
	b.StopTimer()
	if r.Errors > 0 {
		b.Fatalf("%d of %d messages failed (%d database is locked); first: %v", r.Errors, r.Msgs, r.Busy, r.FirstErr)
	}
	reportBench(b, r)
	b.ReportMetric(float64(r.Commits)/float64(r.Msgs), "tx/msg")
}

func reportBench(b *testing.B, r Result) {
	b.ReportMetric(r.Rate(), "msgs/s")
	b.ReportMetric(float64(r.Percentile(50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(r.Percentile(99).Microseconds())/1000, "p99-ms")
}

// BenchmarkHandleSequential is one chat, one message after another.
func BenchmarkHandleSequential(b *testing.B) { benchHandle(b, Sequential) }

// BenchmarkHandleConcurrent100 is 100 chats sending at the same time.
func BenchmarkHandleConcurrent100(b *testing.B) { benchHandle(b, Concurrent100) }

// BenchmarkHandleMixedDay mixes questions, orders, complaints and owner commands.
func BenchmarkHandleMixedDay(b *testing.B) { benchHandle(b, MixedDay) }

// BenchmarkRawCommit is one durable single-row INSERT transaction per op
// with shop.db's pragmas, on the same disk: the baseline.
func BenchmarkRawCommit(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	r := s.RawCommits(ctx, b.N, time.Time{})
	b.StopTimer()
	if r.Errors > 0 {
		b.Fatalf("%d commits failed; first: %v", r.Errors, r.FirstErr)
	}
	reportBench(b, r)
}

// TestReceiveOneTransaction counts shop.db commits (a commit hook on every
// connection of the shop's file) around Receive: each inbound message is
// exactly one transaction, whatever it causes (an order with its stock,
// owner notifications, a complaint, a staff command); a duplicate at most one.
func TestReceiveOneTransaction(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const phone = "6285700000001"
	msgs := []bot.Message{
		{ID: "TX1", Phone: phone, PushName: "Rina", Text: "halo kak"},
		{ID: "TX2", Phone: phone, Text: "mau pashmina hitam 2"},
		{ID: "TX3", Phone: phone, Text: "Rina Sari, Jl. Mawar 2 Bekasi 17111, 081233000101, jne"},
		{ID: "TX4", Phone: phone, Text: "ya"},
		{ID: "TX5", Phone: phone, Text: "kak paket saya belum sampai"},
		{ID: "TX6", Phone: phone, Media: "image", Path: "media/x.jpg"},
		{ID: "TX7", Phone: s.owner, Text: "/lunas 1"},
		{ID: "TX8", Phone: s.owner, Text: "/stok PSM-02 Hitam 50"},
	}
	for _, m := range msgs {
		before := s.Commits()
		if err := s.Bot.Receive(ctx, m); err != nil {
			t.Fatalf("%s: %v", m.ID, err)
		}
		if n := s.Commits() - before; n != 1 {
			t.Errorf("%s %q: %d transactions, want 1", m.ID, m.Text, n)
		}
	}
	var orders int
	if err := s.DB.SQL().QueryRow(`SELECT count(*) FROM orders`).Scan(&orders); err != nil || orders != 1 {
		t.Fatalf("orders = %d, %v; the conversation did not reach an order, so the count proves less", orders, err)
	}
	before := s.Commits()
	if err := s.Bot.Receive(ctx, msgs[3]); err != nil {
		t.Fatal(err)
	}
	if n := s.Commits() - before; n > 1 {
		t.Errorf("duplicate: %d transactions, want at most 1", n)
	} else {
		t.Logf("duplicate: %d transactions", n)
	}
}
