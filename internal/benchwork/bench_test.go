package benchwork

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/store"
)

// The handling benchmarks hand real *events.Message values to the WhatsApp
// transport's message handler, which resolves the sender through
// whatsapp.db's LID store (half the chats write from their LID, half from
// their phone number) and calls Receive on a real shop.db (WAL,
// synchronous=FULL) in b.TempDir() with burst_window 0, while bot.Run
// delivers the replies and marks them sent. One op is one message (or one
// commit), so allocs/op is Go allocations per message (SQLite's own memory
// is not Go-allocated); tx/msg, stmts/msg and pages/msg count shop.db's
// commits, the statements of store transactions and the WAL pages, replies
// marked sent included.
//
//	go test ./internal/benchwork -run '^$' -bench . -benchtime 2000x
//
// "pesanbot bench" prints the same measurements side by side in
// alternating slices, which is fairer when other work shares the disk.

func benchHandle(b *testing.B, w Workload, orders int) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir(), Options{Orders: orders})
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
	b.ReportMetric(r.Per(r.Commits), "tx/msg")
	b.ReportMetric(r.Per(r.Stmts), "stmts/msg")
	b.ReportMetric(r.Per(r.Frames), "pages/msg")
}

func reportBench(b *testing.B, r Result) {
	b.ReportMetric(r.Rate(), "msgs/s")
	b.ReportMetric(float64(r.Percentile(50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(r.Percentile(99).Microseconds())/1000, "p99-ms")
}

// BenchmarkHandleSequential is one chat, one message after another.
func BenchmarkHandleSequential(b *testing.B) { benchHandle(b, Sequential, 0) }

// BenchmarkHandleConcurrent100 is 100 chats sending at the same time.
func BenchmarkHandleConcurrent100(b *testing.B) { benchHandle(b, Concurrent100, 0) }

// BenchmarkHandleMixedDay mixes questions, orders, complaints and owner
// commands (summaries, lists) on a new shop.
func BenchmarkHandleMixedDay(b *testing.B) { benchHandle(b, MixedDay, 0) }

// BenchmarkHandleMixedDay1k is the mixed day after a year of 1,000 orders.
func BenchmarkHandleMixedDay1k(b *testing.B) { benchHandle(b, MixedDay, 1000) }

// BenchmarkHandleMixedDay20k is the mixed day after a year of 20,000 orders:
// its p99 should stay where 1k's is.
func BenchmarkHandleMixedDay20k(b *testing.B) { benchHandle(b, MixedDay, 20000) }

// BenchmarkRawCommit is one durable single-row INSERT transaction per op
// on a file opened as shop.db is, on the same disk: the baseline.
func BenchmarkRawCommit(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir(), Options{})
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
	s, err := Open(ctx, t.TempDir(), Options{})
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

// TestDeliveryOneTransactionPerMessage runs the sequential workload with
// delivery on, as in production: every reply is handed to the transport
// and marked sent, and all of it, turns and marks, costs one shop.db
// transaction per message (marks ride in a turn's transaction; the drain
// at the end may add two: the delivery loop writes the marks it holds as it
// stops, then the replies still queued are sent and marked). The marks' own delayed write is put off for the test,
// so the count does not depend on how fast this machine is.
func TestDeliveryOneTransactionPerMessage(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir(), Options{MarkDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 40
	r := s.Run(ctx, Sequential, n, time.Time{})
	if r.Errors > 0 || r.Msgs != n {
		t.Fatalf("%d messages, %d failed: %v", r.Msgs, r.Errors, r.FirstErr)
	}
	var unsent int
	if err := s.DB.SQL().QueryRow(`SELECT count(*) FROM outbox WHERE sent_at IS NULL`).Scan(&unsent); err != nil {
		t.Fatal(err)
	}
	if r.Sent < n || unsent != 0 {
		t.Fatalf("%d replies sent for %d messages, %d left unsent: delivery did not run", r.Sent, n, unsent)
	}
	t.Logf("%d messages: %d replies, %d transactions, %d statements, %d WAL pages", n, r.Sent, r.Commits, r.Stmts, r.Frames)
	if r.Commits > n+2 {
		t.Errorf("%d transactions for %d messages (and %d replies marked sent), want at most %d: one per message", r.Commits, n, r.Sent, n+2)
	}
}

// TestLIDAndPhoneOneCustomer: a bench chat writes once from its LID (the
// phone number looked up in whatsapp.db's LID store) and once from its
// phone number (its LID looked up): both land on one customer, who has
// both.
func TestLIDAndPhoneOneCustomer(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, k := range []int64{3, 4} { // an LID chat and a phone chat
		c := &benchChat{s: s}
		c.switchTo(k)
		first, err := c.say(ctx, "halo kak")
		if err != nil {
			t.Fatal(err)
		}
		// The same person from the other side.
		second := bot.Message{ID: s.nextID(), PushName: c.name, Text: "pashmina hitam ready?"}
		if first.LID != "" {
			second.Phone = chatPhone(k)
		} else {
			second.LID = chatLID(k)
		}
		for _, m := range []bot.Message{first, second} {
			if err := s.Handle(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := s.DB.SQL().Query(`SELECT c.phone, c.lid, count(i.id) FROM customer c JOIN inbound i ON i.customer_id = c.id
			WHERE c.phone = ? OR c.lid = ? GROUP BY c.id`, chatPhone(k), chatLID(k))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var phone, lid sql.NullString
			var n int
			if err := rows.Scan(&phone, &lid, &n); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%s/%s:%d", phone.String, lid.String, n))
		}
		rows.Close()
		if want := fmt.Sprintf("%s/%s:2", chatPhone(k), chatLID(k)); len(got) != 1 || got[0] != want {
			t.Errorf("chat %d (first from LID: %v): customers %v, want one, %s", k, first.LID != "", got, want)
		}
	}
}

// TestHistory: past orders are written in one go, satisfy the schema, and
// the mixed day runs on them (its owner commands read them) without errors,
// counting statements and WAL pages.
func TestHistory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir(), Options{Orders: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var orders, lines, cancelled, open, customers, complaints int
	err = s.DB.SQL().QueryRow(`SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_line),
		(SELECT count(*) FROM orders WHERE status = 'cancelled'), (SELECT count(*) FROM orders WHERE status NOT IN ('completed', 'cancelled')),
		(SELECT count(*) FROM customer), (SELECT count(*) FROM complaint)`).Scan(&orders, &lines, &cancelled, &open, &customers, &complaints)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d orders (%d cancelled, %d open), %d lines, %d customers, %d complaints", orders, cancelled, open, lines, customers, complaints)
	if orders != 300 || lines < orders || cancelled == 0 || customers < 50 || customers > 150 || complaints == 0 {
		t.Errorf("history: %d orders, %d lines, %d cancelled, %d customers, %d complaints", orders, lines, cancelled, customers, complaints)
	}
	if _, err := s.DB.Summary(ctx, time.Now().Add(-365*24*time.Hour), time.Now()); err != nil {
		t.Fatal(err)
	}
	r := s.Run(ctx, MixedDay, 120, time.Time{})
	if r.Errors > 0 {
		t.Fatalf("%d of %d failed: %v", r.Errors, r.Msgs, r.FirstErr)
	}
	if r.Stmts == 0 || r.Frames == 0 || r.Commits < int64(r.Msgs) || r.Sent == 0 {
		t.Errorf("counted %d statements, %d WAL pages, %d commits, %d replies for %d messages", r.Stmts, r.Frames, r.Commits, r.Sent, r.Msgs)
	}
}

// TestWALMeter: the WAL meter counts every page appended across the WAL
// starting over after checkpoints. The same transactions on a file that is
// never checkpointed show the true count in its WAL's size.
func TestWALMeter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	frames := func(name string, pragmas ...string) (metered, fromSize int64) {
		path := filepath.Join(dir, name)
		m := meterFile(path)
		defer m.close()
		db, err := sql.Open("sqlite", store.DSN(path, 10*time.Second, pragmas...))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		start := m.wal.frames()
		if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			// Rows of one to three pages, and updates of old ones.
			if _, err := db.ExecContext(ctx, `INSERT INTO t (body) VALUES (zeroblob(?))`, 1000+i*53%9000); err != nil {
				t.Fatal(err)
			}
			if i%7 == 0 {
				if _, err := db.ExecContext(ctx, `UPDATE t SET body = zeroblob(100) WHERE id = ?`, i/2+1); err != nil {
					t.Fatal(err)
				}
			}
		}
		metered = m.wal.frames() - start
		st, err := os.Stat(path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		var page int64
		if err := db.QueryRow(`PRAGMA page_size`).Scan(&page); err != nil {
			t.Fatal(err)
		}
		return metered, (st.Size() - 32) / (page + 24)
	}
	never, size := frames("never.db", "wal_autocheckpoint(0)")
	if never != size {
		t.Fatalf("without checkpoints: metered %d pages, the WAL holds %d", never, size)
	}
	// Checkpoints every 20 pages: the WAL starts over many times.
	often, small := frames("often.db", "wal_autocheckpoint(20)")
	t.Logf("%d pages (WAL at the end of the checkpointed run: %d pages)", never, small)
	if often < never-2 || often > never+2 || small >= never/2 {
		// The page counts may differ by the odd page of a freelist trunk
		// after a checkpoint; a missed restart would lose a whole WAL.
		t.Errorf("with checkpoints: metered %d pages, want %d (the WAL held %d at the end)", often, never, small)
	}
}

// TestPartOf puts stacks in their parts: a commit anywhere on the stack
// wins; SQL under flows is SQL; flows code (and the runtime under it) is
// flows; the rest is other.
func TestPartOf(t *testing.T) {
	stack := func(names ...string) []string { return names } // leaf first
	cases := []struct {
		s    []string
		want part
	}{
		{stack("modernc.org/libc.Xfsync", "modernc.org/sqlite/lib._unixSync", "modernc.org/sqlite/lib._vdbeCommit", "database/sql.(*Tx).Commit", "github.com/pesanbot/pesanbot/store.(*DB).run"), partCommit},
		{stack("modernc.org/sqlite/lib._sqlite3VdbeExec", "database/sql.(*Stmt).QueryContext", "github.com/pesanbot/pesanbot/store.(*Tx).Order", "github.com/pesanbot/pesanbot/flows.Handle"), partSQL},
		{stack("runtime.mallocgc", "github.com/pesanbot/pesanbot/flows/lang.Read", "github.com/pesanbot/pesanbot/flows.Handle", "github.com/pesanbot/pesanbot/bot.(*Bot).turn"), partFlows},
		{stack("runtime.gcBgMarkWorker"), partOther},
		{stack("go.mau.fi/whatsmeow/types.NewJID", "github.com/pesanbot/pesanbot/whatsapp.(*WhatsApp).handleMessage"), partOther},
	}
	for i, c := range cases {
		if got := partOf(c.s); got != c.want {
			t.Errorf("case %d: part %d, want %d", i, got, c.want)
		}
	}
}

// attribute's own reading of the profile gives what google/pprof's
// parser (a test dependency only) reads from the same CPU profile.
func TestAttributeMatchesPprof(t *testing.T) {
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		t.Skipf("a CPU profile is running already: %v", err)
	}
	spin := processCPU()
	for x := 0; processCPU()-spin < 300*time.Millisecond; x++ {
		_ = strings.Repeat("x", x%64) // work the runtime's allocator too
	}
	pprof.StopCPUProfile()
	got, err := attribute(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.ParseData(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var want CPU
	for _, s := range p.Sample {
		var names []string
		for _, loc := range s.Location {
			for _, ln := range loc.Line {
				if ln.Function != nil {
					names = append(names, ln.Function.Name)
				}
			}
		}
		d := time.Duration(s.Value[1]) // cpu/nanoseconds
		want.Total += d
		switch partOf(names) {
		case partCommit:
			want.Commit += d
		case partSQL:
			want.SQL += d
		case partFlows:
			want.Flows += d
		default:
			want.Other += d
		}
	}
	if p.SampleType[1].Type != "cpu" || p.SampleType[1].Unit != "nanoseconds" {
		t.Fatalf("sample types %v", p.SampleType)
	}
	if got != want || got.Total == 0 {
		t.Errorf("attribute = %+v, pprof reads %+v", got, want)
	}
	if _, err := attribute([]byte{0x0a, 0xff}); err == nil {
		t.Error("a truncated profile was read")
	}
}
