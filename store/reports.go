package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// Orders lists orders, newest first; status "" lists all.
func (db *DB) Orders(ctx context.Context, status flows.OrderStatus) ([]flows.Order, error) {
	return queryOrderPage(ctx, db.db, orderPage{Status: status, NewestFirst: true, Limit: 10000})
}

// Complaints lists complaints, newest first; status "" lists all.
func (db *DB) Complaints(ctx context.Context, status flows.ComplaintStatus) ([]flows.Complaint, error) {
	if status == "" {
		return queryComplaints(ctx, db.db, "ORDER BY c.id DESC LIMIT 10000")
	}
	return queryComplaints(ctx, db.db, "WHERE c.status = ? ORDER BY c.id DESC LIMIT 10000", string(status))
}

// Summary computes the owner's numbers for [from, to) in a read
// transaction; when a rollup was behind, it brings it up to date in a
// write transaction and counts there (or, should that fail, keeps what
// the read counted from the rows: the same numbers).
func (db *DB) Summary(ctx context.Context, from, to time.Time) (flows.Summary, error) {
	var s flows.Summary
	err := db.withRollups(ctx, func(tx *Tx, write bool) (stale bool, err error) {
		s, stale, err = summaryAt(ctx, tx, from, to, db.loc, db.shop, tx.now, write)
		return stale, err
	})
	return s, err
}

// RollUp brings the summaries' rollups up to date in a transaction of its
// own, when they are behind: a day has closed since they last ran, the
// shop's settings they depend on changed (on a shop.db that has never had
// them, this reads its whole history once), or the open day's figures are
// not kept or far behind.
func (db *DB) RollUp(ctx context.Context) error {
	// Daily, with the rollups: where delivery got to (see saveFrontier).
	if err := db.saveFrontier(ctx); err != nil {
		return err
	}
	rollUp := func(tx *Tx, write bool) (stale bool, err error) {
		r, err := openRollup(ctx, tx, db.loc, db.shop, tx.now, write)
		if err == nil {
			_, err = r.openFigures(r.openDay())
		}
		return err == nil && r.stale, err
	}
	var stale bool
	err := db.Read(ctx, func(tx *Tx) (err error) {
		stale, err = rollUp(tx, false)
		return err
	})
	if err != nil || !stale {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		_, err := rollUp(tx, true)
		return err
	})
}

// withRollups runs fn in a read transaction, and again in a write one
// when it reports a rollup behind; the write's failure is not an error
// (fn's read result stands).
func (db *DB) withRollups(ctx context.Context, fn func(tx *Tx, write bool) (stale bool, err error)) error {
	var stale bool
	err := db.Read(ctx, func(tx *Tx) (err error) {
		stale, err = fn(tx, false)
		return err
	})
	if err != nil || !stale {
		return err
	}
	_ = db.Update(ctx, func(tx *Tx) error {
		_, err := fn(tx, true)
		return err
	})
	return nil
}

// customerMessages selects the customers' messages: inbound rows that are
// not reactions, edits or deletions, from numbers that are not the shop's
// own (?1, a JSON array of the owner and staff numbers).
const customerMessages = `SELECT sent_at FROM inbound
	WHERE kind NOT IN ('reaction', 'edit', 'revoke')
	AND customer_id NOT IN (SELECT id FROM customer WHERE phone IN (SELECT value FROM json_each(?1)))`

// staffJSON is the shop's owner and staff numbers as a JSON array.
func staffJSON(shop *flows.Shop) string {
	phones := []string{}
	if shop != nil {
		phones = append(phones, shop.Owners...)
		for _, st := range shop.Staff {
			phones = append(phones, st.Phone)
		}
	}
	b, _ := json.Marshal(phones)
	return string(b)
}

// workload fills a summary's busiest hours and workload: the orders a
// day over the days pesanbot has data for, the customers' messages by hour
// of the day in the shop's zone with how many were sent outside the shop's
// hours, and the staffing advice for that many orders a day. s.Orders must
// already be set; first is the first order's time.
func workload(r *rollup, s *flows.Summary, from, to time.Time, first sql.NullInt64) error {
	// The first message matters only when the orders began after from.
	if !first.Valid || first.Int64 > ms(from) {
		msg, err := r.firstMessage(ms(from))
		if err != nil {
			return err
		}
		if msg.Valid && (!first.Valid || msg.Int64 < first.Int64) {
			first = msg
		}
	}
	start := from
	if first.Valid && first.Int64 > ms(start) {
		start = time.UnixMilli(first.Int64)
	}
	s.Days = calendarDays(start, to, r.loc)
	s.OrdersPerDay = flows.PerDay(s.Orders, s.Days)
	if r.shop != nil {
		s.StaffingAdvice = flows.StaffingAdvice(r.shop, s.OrdersPerDay)
	}

	byHour, total, outside, err := r.messages(from, to)
	if err != nil {
		return err
	}
	s.Messages, s.AfterHours = total, outside
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
	return nil
}

// messagesByHour counts the customers' messages sent in [from, to) by hour
// of the day in the shop's zone, from the rows alone (what the rollups are
// checked against), and how many of them were sent outside the shop's
// hours (none without a shop or with no hours set, as Shop.Open has it).
func messagesByHour(ctx context.Context, q querier, from, to time.Time, loc *time.Location, shop *flows.Shop) (byHour [24]int, total, outside int, err error) {
	return countMessages(ctx, q, from, to, loc, shopHours(shop), staffJSON(shop), rollState{})
}

// calendarDays counts the days of the shop's calendar that [from, to)
// touches; 0 when it is empty.
func calendarDays(from, to time.Time, loc *time.Location) int {
	if !from.Before(to) {
		return 0
	}
	date := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return int(date(to.Add(-time.Millisecond)).Sub(date(from))/(24*time.Hour)) + 1
}

// OrderList reads the first n orders of a status ("": every open order),
// oldest first, as a list shows them: id, status, customer, recipient,
// phone, address, courier, total and times, without lines or proofs; and
// counts them all (see countOrdersIn). An open status is read in
// orders_open.
func (tx *Tx) OrderList(status flows.OrderStatus, n int) ([]flows.Order, int) {
	return tx.orderList(status, n, false)
}

// PackingList is OrderList of the paid orders with their lines: what
// /gudang shows.
func (tx *Tx) PackingList(n int) ([]flows.Order, int) {
	return tx.orderList(flows.StatusPaid, n, true)
}

func (tx *Tx) orderList(status flows.OrderStatus, n int, lines bool) ([]flows.Order, int) {
	countQ, countArgs := countOrders(status)
	var total int
	if err := tx.QueryRowContext(tx.ctx, countQ, countArgs...).Scan(&total); err != nil {
		tx.fail(fmt.Errorf("failed to count orders: %w", classify(err)))
		return nil, 0
	}
	if total == 0 || n <= 0 {
		return nil, total
	}
	// The page's ids, through the index of their status (orderPage).
	head, args := orderPage{Status: status, Open: true, Limit: n}.ids()
	rows, err := tx.QueryContext(tx.ctx, `SELECT o.id, o.status, o.customer_id, o.name, o.phone, o.address, o.courier, o.total,
		o.created_at, o.paid_at, o.payment FROM orders o WHERE o.id IN (`+head+`) ORDER BY o.id`, args...)
	if err != nil {
		tx.fail(fmt.Errorf("failed to list orders: %w", classify(err)))
		return nil, 0
	}
	out := make([]flows.Order, 0, min(n, total))
	for rows.Next() {
		var o flows.Order
		var created, paid sql.NullInt64
		if err := rows.Scan(&o.ID, &o.Status, &o.CustomerID, &o.CustomerName, &o.Phone, &o.Address, &o.Courier, &o.Total,
			&created, &paid, &o.Payment); err != nil {
			rows.Close()
			tx.fail(fmt.Errorf("failed to scan order: %w", err))
			return nil, 0
		}
		o.CreatedAt, o.PaidAt = fromMS(created), fromMS(paid)
		out = append(out, o)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		tx.fail(fmt.Errorf("failed to list orders: %w", classify(err)))
		return nil, 0
	}
	if !lines || len(out) == 0 {
		return out, total
	}
	// The lines of the listed orders, in one statement.
	rows, err = tx.QueryContext(tx.ctx, `SELECT order_id, coalesce(variant_id, 0), sku, name, variant, qty, price, weight_grams
		FROM order_line WHERE order_id IN (`+head+`) ORDER BY order_id, line`, args...)
	if err != nil {
		tx.fail(fmt.Errorf("failed to list order lines: %w", classify(err)))
		return nil, 0
	}
	defer rows.Close()
	at := 0
	for rows.Next() {
		var id int64
		var l flows.OrderLine
		if err := rows.Scan(&id, &l.VariantID, &l.SKU, &l.Name, &l.Variant, &l.Qty, &l.Price, &l.Weight); err != nil {
			tx.fail(fmt.Errorf("failed to scan order line: %w", err))
			return nil, 0
		}
		for at < len(out) && out[at].ID < id {
			at++
		}
		if at < len(out) && out[at].ID == id {
			out[at].Items = append(out[at].Items, l)
		}
	}
	if err := rows.Err(); err != nil {
		tx.fail(fmt.Errorf("failed to list order lines: %w", classify(err)))
		return nil, 0
	}
	return out, total
}
