package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// rawSummary is the summary as it was before the rollups: every figure
// counted from the rows of the period (the queries of migration 011's
// time), the reference the rollups are checked against.
func rawSummary(ctx context.Context, q querier, from, to time.Time, loc *time.Location, shop *flows.Shop, now time.Time) (flows.Summary, error) {
	s := flows.Summary{From: from.UTC(), To: to.UTC(), ByStatus: map[string]int{}}
	f, t := from.UnixMilli(), to.UnixMilli()
	rows, err := q.QueryContext(ctx, `SELECT status, count(*) FROM orders WHERE created_at >= ? AND created_at < ? GROUP BY status`, f, t)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return s, err
		}
		s.ByStatus[st] = n
		if st != string(flows.StatusCancelled) {
			s.Orders += n
		}
	}
	rows.Close()
	if err := q.QueryRowContext(ctx, `SELECT coalesce(sum(total), 0) FROM orders WHERE paid_at >= ? AND paid_at < ? AND status != 'cancelled'`, f, t).Scan(&s.Revenue); err != nil {
		return s, err
	}
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM orders WHERE status IN ('awaiting_payment', 'awaiting_verification')),
		(SELECT count(*) FROM orders WHERE status = 'paid'),
		(SELECT count(*) FROM complaint WHERE status IN ('open', 'answered')),
		(SELECT count(*) FROM complaint WHERE status = 'open' AND due_at < ?)`, now.UnixMilli()).
		Scan(&s.Unpaid, &s.ToShip, &s.OpenComplaints, &s.OverdueComplaints)
	if err != nil {
		return s, err
	}
	if s.TopProducts, err = namedCounts(ctx, q, `SELECT l.name, sum(l.qty) FROM order_line l JOIN orders o ON o.id = l.order_id
		WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'cancelled' GROUP BY l.name ORDER BY 2 DESC, 1 LIMIT 5`, f, t); err != nil {
		return s, err
	}
	if s.TopRegions, err = namedCounts(ctx, q, `SELECT region, count(*) FROM orders
		WHERE created_at >= ? AND created_at < ? AND status != 'cancelled' AND region != '' GROUP BY region ORDER BY 2 DESC, 1 LIMIT 5`, f, t); err != nil {
		return s, err
	}
	var avg sql.NullFloat64
	if err := q.QueryRowContext(ctx, `SELECT count(*), avg(rating) FROM orders WHERE rated_at >= ? AND rated_at < ? AND rating IS NOT NULL`, f, t).
		Scan(&s.CSAT.Count, &avg); err != nil {
		return s, err
	}
	s.CSAT.Average = math.Round(avg.Float64*100) / 100
	var first sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT min(m) FROM (SELECT min(created_at) AS m FROM orders
		UNION ALL SELECT (`+customerMessages+` ORDER BY sent_at LIMIT 1))`, staffJSON(shop)).Scan(&first); err != nil {
		return s, err
	}
	start := from
	if first.Valid && first.Int64 > ms(start) {
		start = time.UnixMilli(first.Int64)
	}
	s.Days = calendarDays(start, to, loc)
	s.OrdersPerDay = flows.PerDay(s.Orders, s.Days)
	if shop != nil {
		s.StaffingAdvice = flows.StaffingAdvice(shop, s.OrdersPerDay)
	}
	// Message by message in Go, with flows' own Shop.Open.
	var byHour [24]int
	rows, err = q.QueryContext(ctx, customerMessages+` AND sent_at >= ?2 AND sent_at < ?3`, staffJSON(shop), f, t)
	if err != nil {
		return s, err
	}
	hours := shopHours(shop)
	for rows.Next() {
		var sent int64
		if err := rows.Scan(&sent); err != nil {
			rows.Close()
			return s, err
		}
		at := time.UnixMilli(sent).In(loc)
		byHour[at.Hour()]++
		s.Messages++
		if hours.mask != "1111111" || hours.openMs != 0 || hours.closeMs != 86400000 {
			if !shop.Open(at) {
				s.AfterHours++
			}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return s, err
	}
	s.AfterHoursShare = flows.Share(s.AfterHours, s.Messages)
	s.BusiestHours = []flows.HourCount{}
	for h, n := range byHour {
		if n > 0 {
			s.BusiestHours = append(s.BusiestHours, flows.HourCount{Hour: h, Count: n})
		}
	}
	sort.SliceStable(s.BusiestHours, func(i, j int) bool { return s.BusiestHours[i].Count > s.BusiestHours[j].Count })
	if len(s.BusiestHours) > 5 {
		s.BusiestHours = s.BusiestHours[:5]
	}
	if s.TopProducts == nil {
		s.TopProducts = []flows.NamedCount{}
	}
	if s.TopRegions == nil {
		s.TopRegions = []flows.NamedCount{}
	}
	return s, nil
}

// TestRollupsMatchRows runs random histories through the rollups: orders
// made, paid, cancelled, completed and rated long after their day closed,
// orders and messages written into closed days late, a LID customer
// merged into a staff member, an erased customer, the staff, the hours and
// the zone changing, the clock moving on by hours and days. After every
// step every summary (the owner's, in a write transaction, and DB.Summary,
// read first), the dashboard's daily sales and messages by hour equal what
// the rows say.
func TestRollupsMatchRows(t *testing.T) {
	seeds := uint64(4)
	if raceDetector {
		seeds = 1 // over a minute each under -race; the plain run does all four
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { rollupHistory(t, seed) })
	}
}

func rollupHistory(t *testing.T, seed uint64) {
	if seed%2 == 1 {
		// The open day's messages rolled up after every few.
		defer func(n int64) { tailRows = n }(tailRows)
		tailRows = 3
	}
	// The open day's new orders added to its kept figures by every
	// summary, after a few, after many, or never.
	defer func(n int64) { foldRows = n }(foldRows)
	foldRows = []int64{0, 3, 32, math.MaxInt64}[seed%4]
	kept := 0 // checks that found the open day's figures kept
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 12))
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	zones := []*time.Location{jakarta}
	if berlin, err := time.LoadLocation("Europe/Berlin"); err == nil {
		zones = append(zones, berlin) // days of 23 and 25 hours
	}
	loc := zones[int(seed)%len(zones)]
	const owner, staffPhone = "6281100000000", "6281100000001"
	shop := &flows.Shop{Owners: []string{owner}, Location: loc}
	shop.Hours = flows.Hours{Open: 8*time.Hour + 30*time.Minute, Close: 20 * time.Hour, Days: [7]bool{false, true, true, true, true, true, true}}
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, loc)
	db, err := Open(ctx, filepath.Join(t.TempDir(), "data"), Options{Shop: shop, Location: loc, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := []string{"Pashmina Hitam", "Gamis Aisyah", "Bergo Instan", "Khimar Syari", "Mukena Travel"}
	regions := []string{"Bekasi", "Depok", "", "Bandung", "Medan"}
	kinds := []string{"text", "text", "text", "image", "reaction", "edit", "revoke"}
	msg, orderID := 0, int64(0)
	phones := []string{owner, staffPhone}
	for i := range 30 {
		phones = append(phones, fmt.Sprintf("62857%08d", i))
	}
	// receive stores a message from a phone (or a LID alone) sent at sent.
	receive := func(tx *Tx, phone, lid string, sent time.Time) error {
		msg++
		_, _, err := tx.Receive(Inbound{MsgID: fmt.Sprintf("R%06d", msg), Phone: phone, LID: lid, Kind: kinds[rng.IntN(len(kinds))], Text: "halo", SentAt: sent})
		return err
	}
	// past is a time in the last n days.
	past := func(n int) time.Time {
		return now.Add(-time.Duration(rng.Int64N(int64(n) * int64(24*time.Hour))))
	}
	newOrder := func(tx *Tx, created time.Time) error {
		var cust int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM customer WHERE phone IS NOT NULL ORDER BY random() LIMIT 1`).Scan(&cust); err != nil {
			return err
		}
		orderID++
		sub := int64(50000 + rng.IntN(20)*10000)
		if _, err := tx.exec(`INSERT INTO orders (id, customer_id, status, name, address, region, subtotal, shipping, unique_code, total, created_at)
			VALUES (?, ?, 'awaiting_payment', 'X', 'Y', ?, ?, 10000, 0, ?, ?)`, orderID, cust, regions[rng.IntN(len(regions))], sub, sub+10000, ms(created)); err != nil {
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
	// change moves a random order on: paid, shipped, completed, cancelled,
	// rated, or a line's quantity.
	change := func(tx *Tx) error {
		if orderID == 0 {
			return nil
		}
		id := 1 + rng.Int64N(orderID)
		at := ms(now.Add(-time.Duration(rng.Int64N(int64(3 * 24 * time.Hour)))))
		var q string
		switch rng.IntN(7) {
		case 0:
			q = `UPDATE orders SET status = 'paid', paid_at = coalesce(paid_at, ?2) WHERE id = ?1 AND status != 'cancelled'`
		case 1:
			q = `UPDATE orders SET status = 'shipped', shipped_at = ?2 WHERE id = ?1 AND status = 'paid'`
		case 2:
			q = `UPDATE orders SET status = 'completed', completed_at = ?2 WHERE id = ?1 AND status = 'shipped'`
		case 3:
			q = `UPDATE orders SET status = 'cancelled', cancelled_at = ?2 WHERE id = ?1`
		case 4:
			q = `UPDATE orders SET rating = 1 + ?2 % 5, rated_at = ?2 WHERE id = ?1 AND rating IS NULL`
		case 5:
			// Now and then an order goes, lines and all (nothing in
			// pesanbot deletes one; the figures must not count it).
			q = `DELETE FROM orders WHERE id = ?1 AND ?2 % 4 = 0 AND NOT EXISTS (SELECT 1 FROM complaint WHERE order_id = ?1)`
		default:
			q = `UPDATE order_line SET qty = qty + 1 WHERE order_id = ?1 AND line = 1 AND ?2 > 0`
		}
		_, err := tx.exec(q, id, at)
		return err
	}
	// keptExact checks that the open day's kept figures, with the orders
	// made since, are what its orders say, when there are any.
	keptExact := func(step string) bool {
		t.Helper()
		_, ok := openDayMatchesRows(t, db, step, now)
		return ok
	}
	check := func(step string) {
		t.Helper()
		today := midnight(now.In(db.loc))
		if keptExact(step + ", before the summaries") {
			kept++
		}
		periods := [][2]time.Time{
			{today, now}, {today.AddDate(0, 0, -6), now}, {today.AddDate(0, 0, -29), now},
			{today.AddDate(0, 0, -29), today.AddDate(0, 0, 1)}, {today.AddDate(0, 0, -90), today.AddDate(0, 0, 1)},
			{today.AddDate(0, 0, -3), today.AddDate(0, 0, -2)}, // a closed day (pesanbot summary --date)
			{today.AddDate(0, 0, -5).Add(13 * time.Hour), now}, // starts inside a closed day
			{today.AddDate(0, 0, -9), today.AddDate(0, 0, -2).Add(5 * time.Hour)},
		}
		for i, p := range periods {
			summaryMatchesRows(t, db, fmt.Sprintf("%s, period %d", step, i), p, now)
			days, err := db.Dashboard().DailySales(ctx, p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			sales := dailySalesStreaming(t, db, p[0], p[1])
			if len(days) != len(sales) {
				t.Fatalf("%s, period %d: %d days of sales, want %d", step, i, len(days), len(sales))
			}
			for j := range days {
				if !days[j].Day.Equal(sales[j].Day) || days[j].Orders != sales[j].Orders || days[j].Revenue != sales[j].Revenue {
					t.Fatalf("%s, period %d: daily sales %+v, want %+v", step, i, days[j], sales[j])
				}
			}
			if i == 0 {
				got, err := db.Dashboard().Customers(ctx, 20)
				if err != nil {
					t.Fatal(err)
				}
				if want := rawCustomers(t, db, 20); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s: customers\n%v\nwant\n%v", step, got, want)
				}
			}
			hours, err := db.Dashboard().MessagesByHour(ctx, p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			rawHours, _, _, err := messagesByHour(ctx, db.db, p[0], p[1], db.loc, db.shop)
			if err != nil {
				t.Fatal(err)
			}
			if hours != rawHours {
				t.Fatalf("%s, period %d: messages by hour %v, want %v", step, i, hours, rawHours)
			}
		}
		if !keptExact(step + ", after the summaries") {
			t.Fatalf("%s: the owner's summary kept no figures of the open day", step)
		}
	}
	// Two months of history before the first summary.
	err = db.Update(ctx, func(tx *Tx) error {
		for range 400 {
			if err := receive(tx, phones[rng.IntN(len(phones))], "", past(60)); err != nil {
				return err
			}
		}
		for range 150 {
			if err := newOrder(tx, past(60)); err != nil {
				return err
			}
		}
		for range 200 {
			if err := change(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("history")
	lids := 0
	for step := range 40 {
		now = now.Add(time.Duration(1+rng.IntN(30)) * time.Hour)
		what := rng.IntN(10)
		err := db.Update(ctx, func(tx *Tx) error {
			switch what {
			case 0: // late messages and a late order, into closed days
				for range 5 {
					if err := receive(tx, phones[rng.IntN(len(phones))], "", past(10)); err != nil {
						return err
					}
				}
				return newOrder(tx, past(10))
			case 1: // a staff member first seen by LID, then by number and LID: merged
				lids++
				lid := fmt.Sprintf("9900%d", lids)
				for range 3 {
					if err := receive(tx, "", lid, past(5)); err != nil {
						return err
					}
				}
				return nil
			case 2:
				lid := fmt.Sprintf("9900%d", lids)
				return receive(tx, staffPhone, lid, now)
			case 3: // an erased customer
				var id int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM customer WHERE phone IS NOT NULL AND phone NOT IN (?, ?) ORDER BY random() LIMIT 1`, owner, staffPhone).Scan(&id)
				if err != nil {
					return err
				}
				return tx.eraseCustomer(id)
			default:
				for range 1 + rng.IntN(10) {
					// Now and then a phone whose clock runs ahead.
					if err := receive(tx, phones[rng.IntN(len(phones))], "", now.Add(time.Duration(rng.IntN(3900)-3600)*time.Second)); err != nil {
						return err
					}
				}
				for range rng.IntN(4) {
					if err := newOrder(tx, now.Add(-time.Duration(rng.IntN(3600))*time.Second)); err != nil {
						return err
					}
				}
				for range rng.IntN(8) {
					if err := change(tx); err != nil {
						return err
					}
				}
				return nil
			}
		})
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		switch {
		case step == 12:
			shop.Staff = []flows.Staff{{Phone: staffPhone}}
		case step == 20:
			shop.Hours.Close = 21*time.Hour + 15*time.Minute
		case step == 28:
			db.loc = zones[(int(seed)+1)%len(zones)]
			shop.Location = db.loc
		}
		check(fmt.Sprintf("step %d (%d)", step, what))
	}
	var days, msgDays int
	if err := db.db.QueryRow(`SELECT (SELECT count(*) FROM summary_day), (SELECT count(*) FROM summary_msgs)`).Scan(&days, &msgDays); err != nil {
		t.Fatal(err)
	}
	if kept < 8 {
		t.Errorf("the open day's figures were kept from one check to the next %d times in 41: the open day was counted from the rows", kept)
	}
	if days < rollAhead || msgDays < 30 {
		t.Errorf("%d days of order figures and %d of messages rolled up: the rollups were not used", days, msgDays)
	}
}

// Named counts read back as written, whatever the names hold; damaged
// ones are an error, not a panic.
func TestCountsEncoding(t *testing.T) {
	m := map[string]int{"Pashmina Hitam": 12, "": 1, "a b  c ": 3, "12 3 x": 7, "Gamis \"Aisyah\"\n": 2, "😀": 5}
	got := map[string]int{}
	if err := decodeCounts(encodeCounts(m), got); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(m) {
		t.Errorf("read back %v, want %v", got, m)
	}
	for _, bad := range []string{"1", "1 ", "1 5 abc ", "x 1 a ", "1 -1 a ", "1 1 ab", "1 99999999999999999999 a "} {
		if err := decodeCounts(bad, map[string]int{}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// rawCustomers is the dashboard's customer list as it was counted before
// the rollups: every customer's messages read for their latest.
func rawCustomers(t *testing.T, db *DB, limit int) []CustomerStats {
	rows, err := db.db.Query(`SELECT c.id, coalesce(c.phone, ''), coalesce(c.lid, ''), c.push_name, c.created_at,
		(SELECT count(*) FROM orders o WHERE o.customer_id = c.id),
		(SELECT coalesce(sum(o.total), 0) FROM orders o WHERE o.customer_id = c.id AND o.paid_at IS NOT NULL AND o.status != 'cancelled'),
		(SELECT coalesce(max(o.created_at), 0) FROM orders o WHERE o.customer_id = c.id),
		(SELECT coalesce(max(i.sent_at), 0) FROM inbound i WHERE i.customer_id = c.id) AS last_msg
		FROM customer c ORDER BY max(last_msg, c.created_at) DESC, c.id DESC LIMIT ?`, limit)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []CustomerStats
	for rows.Next() {
		var s CustomerStats
		var created, last, lastMsg sql.NullInt64
		if err := rows.Scan(&s.ID, &s.Phone, &s.LID, &s.PushName, &created, &s.Orders, &s.Paid, &last, &lastMsg); err != nil {
			t.Fatal(err)
		}
		s.CreatedAt, s.LastOrder, s.LastMessage = fromMS(created), fromMS(last), fromMS(lastMsg)
		out = append(out, s)
	}
	return out
}

// RollUp writes the rollups a shop.db without them lacks, once; the next
// summary finds nothing to write.
func TestRollUp(t *testing.T) {
	db, _, end := populated(t, 2000, 5000)
	ctx := context.Background()
	if err := db.RollUp(ctx); err != nil {
		t.Fatal(err)
	}
	var days, msgDays, customers int
	var before, open int64
	if err := db.db.QueryRow(`SELECT (SELECT count(*) FROM summary_day), (SELECT count(*) FROM summary_msgs),
		(SELECT count(*) FROM summary_customer), (SELECT msg_before FROM summary_state), (SELECT day_start FROM summary_open)`).
		Scan(&days, &msgDays, &customers, &before, &open); err != nil {
		t.Fatal(err)
	}
	if days != rollAhead || msgDays < 300 || customers < 150 || before != ms(end) || open != ms(end) {
		t.Errorf("after RollUp: %d order days, %d message days, %d customers, rolled up to %v, the open day's figures kept from %v",
			days, msgDays, customers, time.UnixMilli(before), time.UnixMilli(open))
	}
	var stale bool
	if err := db.Read(ctx, func(tx *Tx) error {
		s, st, err := summaryAt(ctx, tx, end.AddDate(0, 0, -29), end, db.loc, db.shop, tx.now, false)
		stale = st || s.Messages == 0
		return err
	}); err != nil || stale {
		t.Errorf("a month's summary after RollUp: stale %v, %v", stale, err)
	}
}

// A message whose phone's clock said 1969 is counted, not a panic, and
// alike from the rollup and from the rows.
func TestMessagesBefore1970(t *testing.T) {
	for _, zone := range []string{"Asia/Jakarta", "America/Sao_Paulo"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		shop := &flows.Shop{Location: loc, Hours: flows.Hours{Open: 8 * time.Hour, Close: 17 * time.Hour, Days: [7]bool{false, true, true, true, true, true, false}}}
		now := time.Date(1970, 1, 10, 12, 0, 0, 0, loc)
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "data"), Options{Shop: shop, Location: loc, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		var times []time.Time
		for h := range 200 {
			times = append(times, time.Unix(-int64(h)*4000-1, 0))
		}
		receiveAt(t, db, "text", append(times, now.Add(-time.Hour), time.Unix(0, 0))...)
		from := time.Date(1969, 12, 1, 0, 0, 0, 0, loc)
		var s flows.Summary
		if err := db.Update(context.Background(), func(tx *Tx) error { s = tx.Summary(from, now); return nil }); err != nil {
			t.Fatal(err)
		}
		byHour, total, outside, err := messagesByHour(context.Background(), db.db, from, now, loc, shop)
		if err != nil {
			t.Fatal(err)
		}
		if s.Messages != total || s.AfterHours != outside || s.Messages != len(times)+2 {
			t.Errorf("%s: summary counts %d messages, %d after hours; the rows %d, %d (%v); sent %d", zone, s.Messages, s.AfterHours, total, outside, byHour, len(times)+2)
		}
		db.Close()
	}
}

// Days are whole and follow one another in zones whose clocks skipped
// midnight (Brazil's daylight saving until 2019, and others): a day starts
// where its date begins, never on the day before.
func TestDaysWhereMidnightIsSkipped(t *testing.T) {
	for _, z := range []string{"America/Sao_Paulo", "America/Santiago", "Asia/Beirut", "America/Havana", "Europe/Berlin", "Asia/Jakarta"} {
		loc, err := time.LoadLocation(z)
		if err != nil {
			continue
		}
		from := time.Date(1984, 1, 1, 0, 0, 0, 0, loc)
		to := time.Date(2020, 1, 1, 0, 0, 0, 0, loc)
		days, raw := splitDays(from, to, to, loc)
		if len(raw) != 0 || len(days) != 13149 {
			t.Fatalf("%s: %d days and %v left, want 13149 whole days", z, len(days), raw)
		}
		for i, d := range days {
			a, b := time.UnixMilli(d.a).In(loc), time.UnixMilli(d.b).In(loc)
			if i > 0 && days[i-1].b != d.a || !b.After(a) || b.Sub(a) > 25*time.Hour || a.Day() == b.Day() {
				t.Fatalf("%s: day %d is %v to %v", z, i, a, b)
			}
			if mid := a.Add(b.Sub(a) / 2); dayOf(mid, loc) != d || dayOf(a, loc) != d || dayOf(b.Add(-time.Millisecond), loc) != d {
				t.Fatalf("%s: day %d (%v) does not hold its own times", z, i, a)
			}
		}
	}
}

// BenchmarkDashboardCustomers is the dashboard's customer list on a shop
// with a year of history.
func BenchmarkDashboardCustomers(b *testing.B) {
	db, _, _ := populated(b, 20000, 100000)
	ctx := context.Background()
	if err := db.RollUp(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Dashboard().Customers(ctx, 500); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummaryMonth is the 30-day summary (DB.Summary, as the
// dashboard and `pesanbot summary --month` read it) on a shop with a year
// of history.
func BenchmarkSummaryMonth(b *testing.B) {
	db, _, end := populated(b, 20000, 100000)
	ctx := context.Background()
	if err := db.RollUp(ctx); err != nil { // as pesanbot run does at start
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Summary(ctx, end.AddDate(0, 0, -30), end); err != nil {
			b.Fatal(err)
		}
	}
}

// namedCounts reads (name, count) rows: the reference summary's top lists.
func namedCounts(ctx context.Context, q querier, query string, args ...any) ([]flows.NamedCount, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("failed to summarise: %w", err)
	}
	defer rows.Close()
	var out []flows.NamedCount
	for rows.Next() {
		var n flows.NamedCount
		if err := rows.Scan(&n.Name, &n.Count); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// figuresString is figures as text, zero counts left out.
func figuresString(f dayFigures) string {
	return fmt.Sprintf("status %s products %s regions %s revenue %d rated %d rating %d",
		encodeCounts(f.ByStatus), encodeCounts(f.Products), encodeCounts(f.Regions), f.Revenue, f.Rated, f.RatingSum)
}

// summaryMatchesRows checks that the summary of period p, read (as the
// dashboard does) and in a write transaction (as the owner's /ringkasan),
// is the one counted from the rows.
func summaryMatchesRows(t *testing.T, db *DB, what string, p [2]time.Time, now time.Time) {
	t.Helper()
	ctx := context.Background()
	var want flows.Summary
	if err := db.Read(ctx, func(tx *Tx) (err error) {
		want, err = rawSummary(ctx, tx, p[0], p[1], db.loc, db.shop, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	read, err := db.Summary(ctx, p[0], p[1])
	if err != nil {
		t.Fatal(err)
	}
	var owner flows.Summary
	if err := db.Update(ctx, func(tx *Tx) error { owner = tx.Summary(p[0], p[1]); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, got := range []flows.Summary{read, owner} {
		if b, _ := json.Marshal(got); string(b) != string(wantJSON) {
			t.Fatalf("%s %v: summary\n%s\nwant (from the rows)\n%s", what, p, b, wantJSON)
		}
	}
}

// openDayMatchesRows checks that the open day's kept figures, with the
// orders made since, are what its orders say, when any are kept; it
// returns their state and whether they were.
func openDayMatchesRows(t *testing.T, db *DB, step string, now time.Time) (st openState, ok bool) {
	t.Helper()
	ctx := context.Background()
	if err := db.Read(ctx, func(tx *Tx) error {
		r, err := openRollup(ctx, tx, db.loc, db.shop, now, false)
		if err != nil {
			return err
		}
		day := r.openDay()
		var f dayFigures
		if st, f, ok, err = r.readOpen(day); err != nil || !ok {
			return err
		}
		tail, _, _, err := tailFigures(r, st.through, day)
		if err != nil {
			return err
		}
		f.add(tail)
		want, err := countFigures(ctx, tx, day.a, day.b)
		if err != nil {
			return err
		}
		if got, want := figuresString(f), figuresString(want); got != want {
			t.Fatalf("%s: the open day's kept figures (through order %d)\n%s\nwant (from the rows)\n%s", step, st.through, got, want)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return st, ok
}
