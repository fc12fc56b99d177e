package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// populated is a shop.db with a year of history: orders with lines in every
// status, complaints, and customers' (and the owner's) messages.
func populated(tb testing.TB, orders, messages int) (*DB, *flows.Shop, time.Time) {
	tb.Helper()
	loc := time.FixedZone("WIB", 7*3600)
	shop := &flows.Shop{Owners: []string{"6281100000000"}, Location: loc}
	shop.Hours.Open, shop.Hours.Close = 8*time.Hour, 20*time.Hour
	for d := range shop.Hours.Days {
		shop.Hours.Days[d] = d != 0
	}
	end := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "data"), Options{Shop: shop, Location: loc, Now: func() time.Time { return end }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	year := int64(365 * 24 * time.Hour / time.Millisecond)
	start := end.UnixMilli() - year
	statuses := []string{"awaiting_payment", "awaiting_verification", "paid", "shipped", "completed", "cancelled"}
	regions := []string{"Bekasi", "Depok", "Bogor", "", "Jakarta Timur", "Bandung"}
	names := []string{"Pashmina Hitam", "Gamis Aisyah", "Bergo Instan", "Khimar Syari", "Mukena Travel", "Inner Ninja", "Segi Empat Voal"}
	err = db.Update(ctx, func(tx *Tx) error {
		for c := 1; c <= 200; c++ {
			phone := fmt.Sprintf("62850000%05d", c)
			if c == 1 {
				phone = shop.Owners[0]
			}
			if _, err := tx.exec(`INSERT INTO customer (id, phone, created_at) VALUES (?, ?, ?)`, c, phone, start); err != nil {
				return err
			}
		}
		for i := 1; i <= orders; i++ {
			created := start + rng.Int64N(year)
			st := statuses[rng.IntN(len(statuses))]
			var paid any
			if st == "paid" || st == "shipped" || st == "completed" || (st == "cancelled" && rng.IntN(3) == 0) {
				paid = created + rng.Int64N(2*86400000)
			}
			sub := int64(50000 + rng.IntN(20)*10000)
			if _, err := tx.exec(`INSERT INTO orders (id, customer_id, status, name, address, region, subtotal, shipping, unique_code, total, created_at, paid_at)
				VALUES (?, ?, ?, 'X', 'Y', ?, ?, 10000, 0, ?, ?, ?)`, i, 2+rng.IntN(199), st, regions[rng.IntN(len(regions))], sub, sub+10000, created, paid); err != nil {
				return err
			}
			for l := 1; l <= 1+rng.IntN(3); l++ {
				if _, err := tx.exec(`INSERT INTO order_line (order_id, line, sku, name, qty, price) VALUES (?, ?, 'S', ?, ?, 1000)`,
					i, l, names[rng.IntN(len(names))], 1+rng.IntN(3)); err != nil {
					return err
				}
			}
		}
		kinds := []string{"text", "text", "text", "image", "reaction", "edit"}
		for i := 1; i <= messages; i++ {
			sent := start + rng.Int64N(year)
			if _, err := tx.exec(`INSERT INTO inbound (msg_id, customer_id, kind, text, sent_at, received_at, handled_at) VALUES (?, ?, ?, 'halo kak', ?, ?, ?)`,
				fmt.Sprintf("M%08d", i), 1+rng.IntN(200), kinds[rng.IntN(len(kinds))], sent, sent, sent); err != nil {
				return err
			}
		}
		for i := 1; i <= orders/20; i++ {
			st := []string{"open", "answered", "resolved"}[rng.IntN(3)]
			created := start + rng.Int64N(year)
			if _, err := tx.exec(`INSERT INTO complaint (id, customer_id, status, category, created_at, due_at) VALUES (?, ?, ?, 'late', ?, ?)`,
				i, 2+rng.IntN(199), st, created, created+86400000); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return db, shop, end
}

// summaryPeriods are a day, a week, a month and the whole year back from end.
func summaryPeriods(end time.Time) [][2]time.Time {
	return [][2]time.Time{
		{end.AddDate(0, 0, -1), end}, {end.AddDate(0, 0, -7), end},
		{end.AddDate(0, -1, 0), end}, {end.AddDate(-1, 0, 0), end},
		{end.AddDate(0, -6, -3), end.AddDate(0, -5, 0)},
	}
}

// BenchmarkSummaryDay is /ringkasan for one day on a shop with a year of
// history.
func BenchmarkSummaryDay(b *testing.B) {
	db, _, end := populated(b, 20000, 100000)
	ctx := context.Background()
	if err := db.RollUp(ctx); err != nil { // as pesanbot run does at start
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Summary(ctx, end.AddDate(0, 0, -1), end); err != nil {
			b.Fatal(err)
		}
	}
}

var updateSummaryGolden = os.Getenv("PESANBOT_UPDATE_GOLDEN") != ""

// TestSummaryUnchanged: the summaries of a populated shop.db are the ones
// the streaming-free queries gave before the summary indexes (golden file
// written by the earlier queries with PESANBOT_UPDATE_GOLDEN=1).
func TestSummaryUnchanged(t *testing.T) {
	db, _, end := populated(t, 3000, 20000)
	var got []flows.Summary
	for _, p := range summaryPeriods(end) {
		s, err := db.Summary(context.Background(), p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	b, err := json.MarshalIndent(got, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "summary.golden.json")
	if updateSummaryGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != string(want) {
		t.Errorf("summaries changed:\n%s\nwant\n%s", b, want)
	}
}

// dailySalesStreaming is DailySales as it was: every order of the period
// read into Go.
func dailySalesStreaming(t *testing.T, db *DB, from, to time.Time) []DaySales {
	loc := db.loc
	start := midnight(from.In(loc))
	var days []DaySales
	index := map[string]int{}
	for day := start; day.Before(to); day = day.AddDate(0, 0, 1) {
		index[day.Format(time.DateOnly)] = len(days)
		days = append(days, DaySales{Day: day})
	}
	add := func(query string, fn func(i int, v int64)) {
		rows, err := db.db.Query(query, ms(start), ms(to))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var at, v int64
			if err := rows.Scan(&at, &v); err != nil {
				t.Fatal(err)
			}
			if i, ok := index[time.UnixMilli(at).In(loc).Format(time.DateOnly)]; ok {
				fn(i, v)
			}
		}
	}
	add(`SELECT created_at, 1 FROM orders WHERE created_at >= ? AND created_at < ? AND status != 'cancelled'`,
		func(i int, _ int64) { days[i].Orders++ })
	add(`SELECT paid_at, total FROM orders WHERE paid_at >= ? AND paid_at < ? AND status != 'cancelled'`,
		func(i int, v int64) { days[i].Revenue += v })
	return days
}

func TestDailySalesUnchanged(t *testing.T) {
	db, _, end := populated(t, 3000, 100)
	zones := []*time.Location{db.loc, time.UTC}
	if berlin, err := time.LoadLocation("Europe/Berlin"); err == nil {
		zones = append(zones, berlin) // offsets that change within a period
	}
	for _, loc := range zones {
		db.loc = loc
		for _, p := range summaryPeriods(end) {
			got, err := db.Dashboard().DailySales(context.Background(), p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			want := dailySalesStreaming(t, db, p[0], p[1])
			if len(got) != len(want) {
				t.Fatalf("%s %v: %d days, want %d", loc, p, len(got), len(want))
			}
			for i := range got {
				if !got[i].Day.Equal(want[i].Day) || got[i].Orders != want[i].Orders || got[i].Revenue != want[i].Revenue {
					t.Errorf("%s %v day %d: %+v, want %+v", loc, p, i, got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkDailySalesMonth is the dashboard's month of daily sales on a
// shop with a year of history.
func BenchmarkDailySalesMonth(b *testing.B) {
	db, _, end := populated(b, 20000, 1000)
	if err := db.RollUp(context.Background()); err != nil { // as pesanbot run does at start
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Dashboard().DailySales(context.Background(), end.AddDate(0, -1, 0), end); err != nil {
			b.Fatal(err)
		}
	}
}
