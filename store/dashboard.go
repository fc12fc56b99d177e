package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// Dashboard holds the read-only queries of the owner's web dashboard. Every
// change the dashboard makes goes through the bot's staff commands instead.
type Dashboard struct{ db *DB }

// Dashboard returns the dashboard's read queries.
func (db *DB) Dashboard() Dashboard { return Dashboard{db: db} }

// OrderFilter narrows an order list. Zero fields do not filter.
type OrderFilter struct {
	Status     flows.OrderStatus
	CustomerID int64
	From       time.Time // created at or after
	To         time.Time // created before
	Limit      int       // default 200
}

// Orders lists orders matching f, newest first.
func (d Dashboard) Orders(ctx context.Context, f OrderFilter) ([]flows.Order, error) {
	var where []string
	var args []any
	if f.CustomerID > 0 {
		where, args = append(where, "o.customer_id = ?"), append(args, f.CustomerID)
	}
	if !f.From.IsZero() {
		where, args = append(where, "o.created_at >= ?"), append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "o.created_at < ?"), append(args, ms(f.To))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	return queryOrderPage(ctx, d.db.db, orderPage{Status: f.Status, Filter: strings.Join(where, " AND "), FilterArgs: args,
		NewestFirst: true, Limit: limit})
}

// Order loads one order with its lines and proofs, or ErrNotFound.
func (d Dashboard) Order(ctx context.Context, id int64) (flows.Order, error) {
	os, err := queryOrders(ctx, d.db.db, "WHERE o.id = ?", id)
	if err != nil {
		return flows.Order{}, err
	}
	if len(os) == 0 {
		return flows.Order{}, fmt.Errorf("order %d: %w", id, ErrNotFound)
	}
	return os[0], nil
}

// CountOrders counts orders in a status, whenever they were made (kept
// as orders are written: no count over the rows).
func (d Dashboard) CountOrders(ctx context.Context, status flows.OrderStatus) (int, error) {
	var n int
	err := d.db.db.QueryRowContext(ctx, countOrdersIn(status), string(status)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("failed to count orders: %w", classify(err))
	}
	return n, nil
}

// Customer loads one customer, or ErrNotFound.
func (d Dashboard) Customer(ctx context.Context, id int64) (flows.Customer, error) {
	c, err := scanCustomer(d.db.db.QueryRowContext(ctx, selectCustomer+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return flows.Customer{}, fmt.Errorf("customer %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return flows.Customer{}, fmt.Errorf("failed to load customer: %w", classify(err))
	}
	return *c, nil
}

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	At     time.Time
	Actor  string // the staff phone that acted
	Action string // the command word: lunas, kirim, batal, …
	Detail string
}

// OrderHistory lists the audit entries about an order, oldest first. The
// staff commands write their detail as "order ID …".
func (d Dashboard) OrderHistory(ctx context.Context, id int64) ([]AuditEntry, error) {
	key := fmt.Sprintf("order %d", id)
	rows, err := d.db.db.QueryContext(ctx, `SELECT at, actor, action, detail FROM audit_log
		WHERE detail = ? OR detail LIKE ? OR detail LIKE ? ORDER BY id LIMIT 200`, key, key+" %", key+":%")
	if err != nil {
		return nil, fmt.Errorf("failed to read order history: %w", classify(err))
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at sql.NullInt64
		if err := rows.Scan(&at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CustomerStats is a customer with a summary of their orders.
type CustomerStats struct {
	flows.Customer
	CreatedAt   time.Time
	Orders      int       // every order, cancelled ones too
	Paid        int64     // total of paid, not cancelled orders
	LastOrder   time.Time // zero when none
	LastMessage time.Time // zero when none
}

// Customers lists customers, most recently active first. Their latest
// message comes from the summaries' rollup and the messages it has not
// read (a range of ids; every message while the rollup is being started
// over); the order figures are read for the listed customers only.
func (d Dashboard) Customers(ctx context.Context, limit int) ([]CustomerStats, error) {
	if limit <= 0 {
		limit = 500
	}
	var out []CustomerStats
	err := d.db.withRollups(ctx, func(tx *Tx, write bool) (bool, error) {
		out = nil
		r, err := openRollup(ctx, tx, d.db.loc, d.db.shop, tx.now, write)
		if err != nil {
			return false, err
		}
		rows, err := tx.QueryContext(ctx, `WITH tail AS (SELECT customer_id, max(sent_at) AS m FROM inbound WHERE id >= ?1 GROUP BY customer_id),
			active AS (SELECT c.id, max(CASE WHEN ?3 THEN coalesce(s.last_msg, 0) ELSE 0 END, coalesce(t.m, 0)) AS latest, c.created_at FROM customer c
				LEFT JOIN summary_customer s ON s.customer_id = c.id LEFT JOIN tail t ON t.customer_id = c.id
				ORDER BY max(latest, c.created_at) DESC, c.id DESC LIMIT ?2)
			SELECT c.id, coalesce(c.phone, ''), coalesce(c.lid, ''), c.push_name, c.created_at,
			(SELECT count(*) FROM orders o WHERE o.customer_id = c.id),
			(SELECT coalesce(sum(o.total), 0) FROM orders o WHERE o.customer_id = c.id AND o.paid_at IS NOT NULL AND o.status != 'cancelled'),
			(SELECT coalesce(max(o.created_at), 0) FROM orders o WHERE o.customer_id = c.id),
			a.latest
			FROM active a JOIN customer c ON c.id = a.id ORDER BY max(a.latest, c.created_at) DESC, c.id DESC`, r.st.from, limit, r.msgsOK)
		if err != nil {
			return false, fmt.Errorf("failed to list customers: %w", classify(err))
		}
		defer rows.Close()
		for rows.Next() {
			var s CustomerStats
			var created, last, lastMsg sql.NullInt64
			if err := rows.Scan(&s.ID, &s.Phone, &s.LID, &s.PushName, &created, &s.Orders, &s.Paid, &last, &lastMsg); err != nil {
				return false, fmt.Errorf("failed to scan customer: %w", err)
			}
			s.CreatedAt, s.LastOrder, s.LastMessage = fromMS(created), fromMS(last), fromMS(lastMsg)
			out = append(out, s)
		}
		return r.stale, rows.Err()
	})
	return out, err
}

// DaySales is one day's orders and paid revenue in the shop's zone.
type DaySales struct {
	Day     time.Time // local midnight
	Orders  int       // orders made that day, cancelled ones excluded
	Revenue int64     // totals of orders paid that day, cancelled ones excluded
}

// DailySales returns one entry per local day from the day of from up to
// the day before to, counted the way Summary counts: closed days from the
// summaries' rollup, the rest from the orders.
func (d Dashboard) DailySales(ctx context.Context, from, to time.Time) ([]DaySales, error) {
	var days []DaySales
	err := d.db.withRollups(ctx, func(tx *Tx, write bool) (bool, error) {
		days = nil
		loc := d.db.loc
		r, err := openRollup(ctx, tx, loc, d.db.shop, tx.now, write)
		if err != nil {
			return false, err
		}
		var closed []span
		for day := midnight(from.In(loc)); day.Before(to); day = nextMidnight(day, loc) {
			days = append(days, DaySales{Day: day})
			if end := nextMidnight(day, loc); !end.After(to) && !end.After(r.today) {
				closed = append(closed, span{ms(day), ms(end)})
			}
		}
		figures, err := r.eachDay(closed)
		if err != nil {
			return false, err
		}
		for i := range days {
			f, ok := figures[ms(days[i].Day)]
			if !ok {
				end := nextMidnight(days[i].Day, loc)
				if end.After(to) {
					end = to
				}
				if f, err = r.spanFigures(span{ms(days[i].Day), ms(end)}); err != nil {
					return false, err
				}
			}
			days[i].Orders, days[i].Revenue = f.orders(), f.Revenue
		}
		return r.stale, nil
	})
	return days, err
}

// MessagesByHour counts customers' messages in [from, to) by hour of the
// day in the shop's zone (reactions, edits and deletions left out), as
// Summary counts them.
func (d Dashboard) MessagesByHour(ctx context.Context, from, to time.Time) ([24]int, error) {
	var hours [24]int
	err := d.db.withRollups(ctx, func(tx *Tx, write bool) (bool, error) {
		r, err := openRollup(ctx, tx, d.db.loc, d.db.shop, tx.now, write)
		if err != nil {
			return false, err
		}
		hours, _, _, err = r.messages(from, to)
		return r.stale, err
	})
	return hours, err
}

// UnsentReplies counts outbox rows not sent yet: replies waiting for the
// WhatsApp connection.
func (d Dashboard) UnsentReplies(ctx context.Context) (int, error) {
	var n int
	// From the delivery frontier on, and the parked replies before it
	// (see pendingOutbox): not every reply ever sent.
	q := `SELECT (SELECT count(*) FROM outbox WHERE id >= ?1 AND sent_at IS NULL)
		+ (SELECT count(*) FROM outbox INDEXED BY outbox_parked WHERE ` + parkedOutbox + ` AND id < ?1)`
	if err := d.db.db.QueryRowContext(ctx, q, d.db.frontier.lo.Load()).Scan(&n); err != nil {
		return 0, fmt.Errorf("failed to count unsent replies: %w", classify(err))
	}
	return n, nil
}

// midnight is the start of t's day in t's zone: its first instant, which
// is not 00:00 where the clocks skip midnight (daylight saving that starts
// at midnight, as in Brazil until 2019).
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return dayStart(y, m, d, t.Location())
}

// dayStart is the first instant of a date (normalised as time.Date does)
// in loc.
func dayStart(y int, m time.Month, d int, loc *time.Location) time.Time {
	s := time.Date(y, m, d, 0, 0, 0, 0, loc)
	ny, nm, nd := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Date()
	if sy, sm, sd := s.Date(); sy != ny || sm != nm || sd != nd {
		// A midnight that does not exist, put on the day before: the day
		// starts where the clocks jump.
		if _, end := s.ZoneBounds(); end.After(s) {
			s = end
		}
	}
	return s
}
