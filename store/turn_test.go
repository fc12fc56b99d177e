package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// turnShop is the sample shop on a fresh shop.db, with a statement counter.
type turnShop struct {
	db    *DB
	shop  *flows.Shop
	stmts atomic.Int64
	seq   int
	now   time.Time
	log   func(string)
}

func openTurnShop(tb testing.TB) *turnShop {
	tb.Helper()
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		tb.Fatal(err)
	}
	shop.BurstWindow = 0
	cat, err := config.SampleCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	// Plenty of stock: a benchmark orders many times.
	for i := range cat.Products {
		for j := range cat.Products[i].Variants {
			cat.Products[i].Variants[j].Stock = 1000000
		}
	}
	s := &turnShop{shop: shop, now: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)}
	dir := filepath.Join(tb.TempDir(), "data")
	db, err := Open(context.Background(), dir, Options{Shop: shop, Location: shop.Location, Now: func() time.Time { return s.now }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.ImportCatalog(context.Background(), cat, false); err != nil {
		tb.Fatal(err)
	}
	db.onStmt = func(q string) {
		s.stmts.Add(1)
		if s.log != nil {
			s.log(q)
		}
	}
	s.db = db
	return s
}

// message handles one customer message the way bot's Receive does with
// burst_window 0: the message, the turn, its outbox rows and the handled
// marks in one transaction (bot.Bot.Receive, turn, enqueue).
func (s *turnShop) message(ctx context.Context, phone, name, text string) error {
	s.seq++
	s.now = s.now.Add(time.Minute)
	id := fmt.Sprintf("BENCH%010d", s.seq)
	return s.db.Update(ctx, func(tx *Tx) error {
		cust, dup, err := tx.Receive(Inbound{MsgID: id, Phone: phone, PushName: name, Kind: "text", Text: text, SentAt: s.now})
		if err != nil || dup {
			return err
		}
		msgs, err := tx.Pending(cust.ID)
		if err != nil || len(msgs) == 0 {
			return err
		}
		ids := make([]int64, 0, len(msgs))
		in := flows.Input{Customer: cust, At: tx.Now()}
		var texts []string
		for _, m := range msgs {
			ids = append(ids, m.ID)
			texts = append(texts, m.Text)
		}
		in.Text = strings.Join(texts, "\n")
		source := msgs[len(msgs)-1].MsgID
		st, err := tx.LoadState(cust.ID)
		if err != nil {
			return err
		}
		res := flows.Handle(s.shop, st, in, tx)
		if err := tx.SaveState(cust.ID, res.State); err != nil {
			return err
		}
		if err := tx.Apply(res.Effects, source); err != nil {
			return err
		}
		// bot joins a turn's texts into one message per recipient.
		var order []string
		byTo := map[string][]string{}
		for _, r := range res.Replies {
			to := r.To
			if to == "" {
				to = cust.Chat()
			}
			if r.Image != "" {
				if err := tx.Enqueue(to, r.Text, r.Image, source, time.Time{}); err != nil {
					return err
				}
				continue
			}
			if strings.TrimSpace(r.Text) == "" {
				continue
			}
			if _, ok := byTo[to]; !ok {
				order = append(order, to)
			}
			byTo[to] = append(byTo[to], r.Text)
		}
		for _, to := range order {
			if err := tx.Enqueue(to, strings.Join(byTo[to], "\n\n"), "", source, time.Time{}); err != nil {
				return err
			}
		}
		return tx.MarkHandled(ids)
	})
}

// conversation is bot's sequential benchmark chat: an order (product,
// delivery details, "ya") and a question.
var conversation = []string{"mau pashmina hitam 1", "Rina Sari, Jl. Mawar 12 Bekasi 17111, 081234500001, jne", "ya", "pashmina hitam ready?"}

// walFrames is the WAL's size in frames.
func (s *turnShop) walFrames(tb testing.TB) int64 {
	tb.Helper()
	st, err := os.Stat(s.db.path + "-wal")
	if err != nil {
		tb.Fatal(err)
	}
	var page int64
	if err := s.db.db.QueryRow("PRAGMA page_size").Scan(&page); err != nil {
		tb.Fatal(err)
	}
	if st.Size() <= 32 {
		return 0
	}
	return (st.Size() - 32) / (page + 24)
}

func (s *turnShop) checkpoint(tb testing.TB) {
	tb.Helper()
	if _, err := s.db.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatal(err)
	}
}

// TestTurnCost drives ordinary messages through the store the way bot
// does and reports the statements and WAL pages each one costs.
func TestTurnCost(t *testing.T) {
	ctx := context.Background()
	s := openTurnShop(t)
	const phone, name = "6285000000001", "Rina Sari"
	// Warm up: the customer exists and has ordered once.
	for _, m := range conversation {
		if err := s.message(ctx, phone, name, m); err != nil {
			t.Fatal(err)
		}
	}
	var logged []string
	for _, m := range append(conversation, "pashmina hitam ready?", "makasih kak") {
		s.checkpoint(t)
		s.stmts.Store(0)
		logged = logged[:0]
		s.log = func(q string) { logged = append(logged, strings.Join(strings.Fields(q), " ")) }
		if err := s.message(ctx, phone, name, m); err != nil {
			t.Fatal(err)
		}
		s.log = nil
		n, pages := s.stmts.Load(), s.walFrames(t)
		t.Logf("%-60q statements %2d, WAL pages %2d", m, n, pages)
		// A question from a known customer, catalogue unchanged: BEGIN,
		// Receive, the complaints flows reads, state, outbox row, COMMIT
		// (and the catalogue once after a stock change).
		if strings.HasPrefix(m, "pashmina hitam ready") || m == "makasih kak" {
			if n > 7 || pages > 7 {
				t.Errorf("%q cost %d statements and %d WAL pages, want at most 7 and 7", m, n, pages)
			}
		}
		if testing.Verbose() {
			for _, q := range logged {
				if len(q) > 110 {
					q = q[:110] + "…"
				}
				t.Logf("    %s", q)
			}
		}
	}
	s.checkpoint(t)
	s.stmts.Store(0)
	const rounds = 5
	for range rounds {
		for _, m := range conversation {
			if err := s.message(ctx, phone, name, m); err != nil {
				t.Fatal(err)
			}
		}
	}
	msgs := int64(rounds * len(conversation))
	perStmt := float64(s.stmts.Load()) / float64(msgs)
	perPage := float64(s.walFrames(t)) / float64(msgs)
	t.Logf("conversation average: %.1f statements, %.1f WAL pages per message", perStmt, perPage)
	// Before the lean turn: 13.8 statements and 11.6 pages; 10.0 before a
	// customer without orders or complaints stopped reading either list;
	// 9.0 before a turn's replies and follow-ups went in one statement each.
	if perStmt > 8.5 || perPage > 11.5 { // the unpaid-orders code index costs the order insert a page
		t.Errorf("conversation average %.1f statements, %.1f WAL pages; want at most 8.5 and 11.5", perStmt, perPage)
	}
}

// BenchmarkTurn is one ordinary message through the store API (bot's
// sequential benchmark conversation), durable commit included.
func BenchmarkTurn(b *testing.B) {
	ctx := context.Background()
	s := openTurnShop(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.message(ctx, "6285000000001", "Rina Sari", conversation[i%len(conversation)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
