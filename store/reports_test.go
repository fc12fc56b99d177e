package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// receiveAt stores one customer message sent at each time.
func receiveAt(t *testing.T, db *DB, kind string, times ...time.Time) {
	t.Helper()
	err := db.Update(context.Background(), func(tx *Tx) error {
		for _, at := range times {
			id := fmt.Sprintf("M%d-%s", at.UnixNano(), kind)
			if _, _, err := tx.Receive(Inbound{MsgID: id, Phone: "6281234500001", Kind: kind, Text: "halo", SentAt: at}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The SQL count of messages outside the shop's hours agrees with flows'
// own Shop.Open, hour by hour, in Indonesia's zones and in one with
// daylight saving (the period crosses its change).
func TestMessagesByHourMatchesShopOpen(t *testing.T) {
	for _, zone := range []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Amsterdam"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Fatal(err)
			}
			hours := flows.Hours{Open: 8*time.Hour + 30*time.Minute, Close: 21 * time.Hour,
				Days: [7]bool{false, true, true, true, true, true, true}} // closed on Sunday
			shop := &flows.Shop{Location: loc, Hours: hours}
			db, _ := openTest(t)
			from := time.Date(2026, 10, 20, 0, 0, 0, 0, loc) // Europe's clocks go back on 25 October
			to := from.AddDate(0, 0, 10)
			rng := rand.New(rand.NewPCG(1, 2))
			var times []time.Time
			var wantHour [24]int
			wantOutside := 0
			for range 400 {
				at := from.Add(time.Duration(rng.Int64N(int64(to.Sub(from))))).Truncate(time.Second)
				times = append(times, at)
				wantHour[at.In(loc).Hour()]++
				if !shop.Open(at) {
					wantOutside++
				}
			}
			// Edges: the opening minute is inside, the closing one outside.
			edge := time.Date(2026, 10, 21, 8, 30, 0, 0, loc)
			closing := time.Date(2026, 10, 21, 21, 0, 0, 0, loc)
			times = append(times, edge, closing)
			wantHour[8]++
			wantHour[21]++
			wantOutside++
			receiveAt(t, db, "text", times...)
			// Reactions are not messages; neither is anything outside the period.
			receiveAt(t, db, "reaction", from.Add(time.Hour))
			receiveAt(t, db, "text", from.Add(-time.Minute), to)

			byHour, total, outside, err := messagesByHour(context.Background(), db.db, from, to, loc, shop)
			if err != nil {
				t.Fatal(err)
			}
			if byHour != wantHour || total != len(times) || outside != wantOutside {
				t.Errorf("SQL: %v total %d outside %d\nGo:  %v total %d outside %d", byHour, total, outside, wantHour, len(times), wantOutside)
			}
			// Without hours nothing is outside.
			if _, _, outside, _ := messagesByHour(context.Background(), db.db, from, to, loc, nil); outside != 0 {
				t.Errorf("no hours: %d outside", outside)
			}
		})
	}
}

func TestSummaryWorkload(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	hours := flows.Hours{Open: 8 * time.Hour, Close: 21 * time.Hour, Days: [7]bool{true, true, true, true, true, true, true}}
	dir := t.TempDir()
	shop := &flows.Shop{Location: loc, Hours: hours, Owners: []string{"6281200000001"}, Staffing: flows.Staffing{OneCSAbove: 10, TwoCSAbove: 30}}
	db, err := Open(context.Background(), dir, Options{Location: loc, Shop: shop})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportCatalog(context.Background(), testCatalog(1000), false); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, loc) // the shop's first day on pesanbot
	// 3 days, 33 orders; 4 messages each day, one of them at 22:00.
	n := 0
	for d := range 3 {
		base := day.AddDate(0, 0, d)
		receiveAt(t, db, "text", base.Add(9*time.Hour), base.Add(12*time.Hour), base.Add(20*time.Hour), base.Add(22*time.Hour))
		for range 11 {
			n++
			placeOrder(t, db, fmt.Sprintf("62812345%05d", n), base.Add(10*time.Hour))
		}
	}
	// The owner's own messages (commands) are not customers'.
	err = db.Update(context.Background(), func(tx *Tx) error {
		_, _, err := tx.Receive(Inbound{MsgID: "owner-1", Phone: "6281200000001", Kind: "text", Text: "/ringkasan", SentAt: day.Add(23 * time.Hour)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	week := day.AddDate(0, 0, -4) // a week ending after the third day
	s, err := db.Summary(context.Background(), week, week.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	if s.Orders != 33 || s.Days != 3 || s.OrdersPerDay != 11 {
		t.Errorf("orders %d over %d days = %v a day, want 33 over 3 = 11 (days before the first record do not count)", s.Orders, s.Days, s.OrdersPerDay)
	}
	if s.Messages != 12 || s.AfterHours != 3 || s.AfterHoursShare != 0.25 {
		t.Errorf("messages %d, after hours %d (%v), want 12, 3 (0.25)", s.Messages, s.AfterHours, s.AfterHoursShare)
	}
	if !strings.Contains(s.StaffingAdvice, "satu CS") {
		t.Errorf("advice = %q, want one CS for 11 a day and no staff", s.StaffingAdvice)
	}
	if len(s.BusiestHours) != 4 || s.BusiestHours[0].Count != 3 {
		t.Errorf("busiest hours = %v", s.BusiestHours)
	}
	// One day: the averages are that day's.
	one, err := db.Summary(context.Background(), day, day.AddDate(0, 0, 1))
	if err != nil || one.Days != 1 || one.OrdersPerDay != 11 || one.Messages != 4 {
		t.Errorf("one day: %+v, %v", one.Workload, err)
	}
	// An empty period before the shop started.
	none, err := db.Summary(context.Background(), week, day)
	if err != nil || none.Days != 0 || none.OrdersPerDay != 0 || none.Messages != 0 {
		t.Errorf("before the start: %+v, %v", none.Workload, err)
	}
}

func TestCalendarDays(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	d := time.Date(2026, 11, 20, 0, 0, 0, 0, loc)
	for _, c := range []struct {
		from, to time.Time
		want     int
	}{
		{d, d.AddDate(0, 0, 7), 7},
		{d, d.AddDate(0, 0, 6).Add(20 * time.Hour), 7}, // /ringkasan minggu at 20:00
		{d.Add(23 * time.Hour), d.AddDate(0, 0, 1).Add(time.Hour), 2},
		{d, d.Add(time.Minute), 1},
		{d, d, 0},
	} {
		if got := calendarDays(c.from, c.to, loc); got != c.want {
			t.Errorf("calendarDays(%v, %v) = %d, want %d", c.from, c.to, got, c.want)
		}
	}
}

// placeOrder stores an order created at at for a new customer (met by a
// reaction, which the message counts leave out).
func placeOrder(t *testing.T, db *DB, phone string, at time.Time) {
	t.Helper()
	msg := "o-" + phone
	err := db.Update(context.Background(), func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: msg, Phone: phone, Kind: "reaction", SentAt: at})
		if err != nil {
			return err
		}
		v := tx.Catalog().Products[0].Variants[0]
		o := order(tx.NextOrderID(), c.ID, v.ID, 1)
		o.CreatedAt, o.HoldUntil = at, at.Add(24*time.Hour)
		return tx.Apply([]flows.Effect{flows.CreateOrder{Order: o}}, msg)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOrderList: the lists' light reads give the orders OrdersHead gives,
// header for header (and line for line, the packing list), and their
// count, for every status (there is no index of every order's status:
// the open ones are read in orders_open, the closed in orders_closed).
func TestOrderList(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, twoVariants(1000), false); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 15))
	for i := 1; i <= 40; i++ {
		o := orderOf(t, db, int64(i), 1+i%3, i%2) // one line or two
		if err := db.Update(ctx, func(tx *Tx) error {
			if err := applyOrder(tx, o, fmt.Sprint("M", i)); err != nil {
				return err
			}
			st := flows.OrderStatuses[rng.IntN(len(flows.OrderStatuses))]
			if st == flows.StatusAwaitingPayment {
				return nil
			}
			return tx.Apply([]flows.Effect{flows.SetOrderStatus{ID: int64(i), Status: st, At: time.Now()}}, "")
		}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		for _, st := range append([]flows.OrderStatus{"", "lost"}, flows.OrderStatuses...) {
			for _, n := range []int{0, 3, 100} {
				if err := db.Update(ctx, func(tx *Tx) error {
					head, total := tx.OrdersHead(st, n)
					list, listTotal := tx.OrderList(st, n)
					if total != listTotal || len(head) != len(list) {
						t.Errorf("%s: OrderList(%q, %d): %d of %d, OrdersHead %d of %d", when, st, n, len(list), listTotal, len(head), total)
						return nil
					}
					same := func(what string, list []flows.Order, lines bool) {
						for i := range head {
							h, l := head[i], list[i]
							if h.ID != l.ID || h.Status != l.Status || h.CustomerName != l.CustomerName || h.Phone != l.Phone || h.Address != l.Address ||
								h.Courier != l.Courier || h.Total != l.Total || !h.CreatedAt.Equal(l.CreatedAt) || !h.PaidAt.Equal(l.PaidAt) {
								t.Errorf("%s: %s(%q, %d)[%d] = %+v, OrdersHead %+v", when, what, st, n, i, l, h)
							}
							if lines && fmt.Sprint(h.Items) != fmt.Sprint(l.Items) || !lines && l.Items != nil {
								t.Errorf("%s: %s(%q, %d)[%d] lines %v, OrdersHead %v", when, what, st, n, i, l.Items, h.Items)
							}
						}
					}
					same("OrderList", list, false)
					if st == flows.StatusPaid {
						packing, packTotal := tx.PackingList(n)
						if packTotal != total || len(packing) != len(head) {
							t.Errorf("%s: PackingList(%d): %d of %d, OrdersHead %d of %d", when, n, len(packing), packTotal, len(head), total)
							return nil
						}
						same("PackingList", packing, true)
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	check("lists")
}
