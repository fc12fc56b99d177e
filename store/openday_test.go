package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// TestOpenDayKept runs busy days through the open day's kept figures:
// orders made today, and late ones made yesterday, paid, shipped,
// cancelled, rated today; a line changed; an order deleted; owner's
// summaries (which fold the new orders in) and read-only summaries in
// between; then midnight in the shop's zone. After every step the kept
// figures with the orders made since equal what the rows say, and so does
// every summary of the open day; the kept figures are not counted again
// when orders only change; the closed day's figures handed to summary_day
// are its rows'.
func TestOpenDayKept(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { openDayHistory(t, seed) })
	}
}

func openDayHistory(t *testing.T, seed uint64) {
	defer func(n int64) { foldRows = n }(foldRows)
	foldRows = []int64{0, 5, 1 << 40}[seed]
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 14))
	zone := []string{"Asia/Jakarta", "Europe/Berlin", "Asia/Makassar"}[seed]
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skip(err)
	}
	shop := &flows.Shop{Owners: []string{"6281100000000"}, Location: loc}
	now := time.Date(2026, 3, 28, 7, 0, 0, 0, loc) // Berlin's clocks go forward the next night
	db, err := Open(ctx, filepath.Join(t.TempDir(), "data"), Options{Shop: shop, Location: loc, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO customer (id, phone, push_name, created_at) VALUES (1, '6285700000001', 'A', 0)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	names := []string{"Pashmina Hitam", "Gamis Aisyah", "Bergo Instan"}
	regions := []string{"Bekasi", "Depok", ""}
	var orderID int64
	newOrder := func(tx *Tx, created time.Time) error {
		orderID++
		sub := int64(50000 + rng.IntN(20)*10000)
		if _, err := tx.exec(`INSERT INTO orders (id, customer_id, status, name, address, region, subtotal, shipping, unique_code, total, created_at)
			VALUES (?, 1, 'awaiting_payment', 'X', 'Y', ?, ?, 10000, 0, ?, ?)`, orderID, regions[rng.IntN(len(regions))], sub, sub+10000, ms(created)); err != nil {
			return err
		}
		for l := 1; l <= 1+rng.IntN(3); l++ {
			if _, err := tx.exec(`INSERT INTO order_line (order_id, line, sku, name, qty, price) VALUES (?, ?, 'S', ?, ?, 1000)`,
				orderID, l, names[rng.IntN(len(names))], 1+rng.IntN(3)); err != nil {
				return err
			}
		}
		return nil
	}
	// earlier is a time of the open day before now (or of the day
	// before, for late orders).
	today := func() time.Time { return midnight(now.In(loc)) }
	earlier := func(days int) time.Time {
		from := today().AddDate(0, 0, -days)
		return from.Add(time.Duration(rng.Int64N(int64(now.Sub(from)))))
	}
	// change moves an order on; most changes are of today's orders.
	change := func(tx *Tx) (recount bool, err error) {
		if orderID == 0 {
			return false, nil
		}
		id := orderID - rng.Int64N(min(orderID, 30))
		at := ms(earlier(0))
		var q string
		switch rng.IntN(12) {
		case 0, 1, 2:
			q = `UPDATE orders SET status = 'paid', paid_at = coalesce(paid_at, ?2) WHERE id = ?1 AND status != 'cancelled'`
		case 3:
			q = `UPDATE orders SET status = 'shipped', shipped_at = ?2 WHERE id = ?1 AND status = 'paid'`
		case 4:
			q = `UPDATE orders SET status = 'completed', completed_at = ?2 WHERE id = ?1 AND status = 'shipped'`
		case 5, 6:
			q = `UPDATE orders SET status = 'cancelled', cancelled_at = ?2 WHERE id = ?1`
		case 7, 8:
			q = `UPDATE orders SET rating = 1 + ?2 % 5, rated_at = ?2 WHERE id = ?1 AND rating IS NULL`
		case 9:
			q = `UPDATE orders SET region = 'Medan', total = total + 1, subtotal = subtotal + 1 WHERE id = ?1 AND ?2 > 0`
		case 10:
			q, recount = `UPDATE order_line SET qty = qty + 1 WHERE order_id = ?1 AND line = 1 AND ?2 > 0`, true
			if rng.IntN(2) == 0 {
				q = `DELETE FROM order_line WHERE order_id = ?1 AND line = 2 AND ?2 > 0`
			}
		default:
			q, recount = `DELETE FROM orders WHERE id = ?1 AND ?2 > 0`, true
		}
		_, err = tx.exec(q, id, at)
		return recount, err
	}
	// kept is the open day's kept figures' state, checked against the
	// rows.
	kept := func(step string) (openState, bool) {
		t.Helper()
		return openDayMatchesRows(t, db, step, now)
	}
	summaries := func(step string) {
		t.Helper()
		for _, p := range [][2]time.Time{{today(), now}, {today(), today().AddDate(0, 0, 1)}, {today().AddDate(0, 0, -6), now}, {today(), now.Add(-time.Hour)}} {
			summaryMatchesRows(t, db, step, p, now)
		}
	}
	summaries("empty")
	kept("empty")
	folds := 0
	for day := range 2 {
		for step := range steps(60) {
			name := fmt.Sprintf("day %d step %d", day, step)
			now = now.Add(time.Duration(1+rng.IntN(10)) * time.Minute)
			before, wasKept := kept(name + ", before")
			recount := false
			if err := db.Update(ctx, func(tx *Tx) error {
				for range rng.IntN(4) {
					created := earlier(0)
					if rng.IntN(5) == 0 {
						created = earlier(1) // a late order, of yesterday
					}
					if err := newOrder(tx, created); err != nil {
						return err
					}
				}
				for range rng.IntN(5) {
					r, err := change(tx)
					if err != nil {
						return err
					}
					recount = recount || r
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			after, isKept := kept(name + ", after the changes")
			if wasKept && !recount && (!isKept || after != before) {
				t.Fatalf("%s: orders changed and the kept figures went from %+v to %+v (kept %v)", name, before, after, isKept)
			}
			summaries(name)
			st, ok := kept(name + ", after the summaries")
			if !ok {
				t.Fatalf("%s: the owner's summary kept no figures of the open day", name)
			}
			if st.through != before.through {
				folds++
			}
		}
		// Midnight: the closed day's figures come from the kept ones.
		var was openState
		was, _ = kept("before midnight")
		now = nextMidnight(now, loc).Add(time.Duration(1+rng.IntN(120)) * time.Minute)
		summaries(fmt.Sprintf("day %d closed", day))
		var stored string
		var want dayFigures
		if err := db.Read(ctx, func(tx *Tx) error {
			f := newFigures()
			var st, prod, reg string
			if err := tx.QueryRowContext(ctx, `SELECT by_status, products, regions, revenue, rated, rating_sum FROM summary_day WHERE day_start = ? AND day_end = ?`,
				was.day.a, was.day.b).Scan(&st, &prod, &reg, &f.Revenue, &f.Rated, &f.RatingSum); err != nil {
				return err
			}
			if err := decodeCounts(st, f.ByStatus); err != nil {
				return err
			}
			if err := decodeCounts(prod, f.Products); err != nil {
				return err
			}
			if err := decodeCounts(reg, f.Regions); err != nil {
				return err
			}
			stored = figuresString(f)
			var err error
			want, err = countFigures(ctx, tx, was.day.a, was.day.b)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if stored != figuresString(want) {
			t.Fatalf("day %d: the closed day's figures\n%s\nwant (from the rows)\n%s", day, stored, figuresString(want))
		}
	}
	if foldRows < 1<<40 && folds == 0 {
		t.Errorf("the new orders were never added to the kept figures")
	}
}
