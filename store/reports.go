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
	if status == "" {
		return queryOrders(ctx, db.db, "ORDER BY o.id DESC LIMIT 10000")
	}
	return queryOrders(ctx, db.db, "WHERE o.status = ? ORDER BY o.id DESC LIMIT 10000", string(status))
}

// Complaints lists complaints, newest first; status "" lists all.
func (db *DB) Complaints(ctx context.Context, status flows.ComplaintStatus) ([]flows.Complaint, error) {
	if status == "" {
		return queryComplaints(ctx, db.db, "ORDER BY c.id DESC LIMIT 10000")
	}
	return queryComplaints(ctx, db.db, "WHERE c.status = ? ORDER BY c.id DESC LIMIT 10000", string(status))
}

// Summary computes the owner's numbers for [from, to).
func (db *DB) Summary(ctx context.Context, from, to time.Time) (flows.Summary, error) {
	return summary(ctx, db.db, from, to, db.loc, db.shop, db.now())
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

// workload fills a summary's busiest hours and workload with aggregates
// computed in SQL: the orders a day over the days pesanbot has data for,
// the customers' messages by hour of the day in the shop's zone with how
// many were sent outside the shop's hours, and the staffing advice for
// that many orders a day. s.Orders must already be set.
func workload(ctx context.Context, q querier, s *flows.Summary, from, to time.Time, loc *time.Location, shop *flows.Shop) error {
	var first sql.NullInt64
	// Both firsts are read from the start of an index (orders_created,
	// inbound_sent), never by reading the history.
	err := q.QueryRowContext(ctx, `SELECT min(m) FROM (SELECT min(created_at) AS m FROM orders
		UNION ALL SELECT (`+customerMessages+` ORDER BY sent_at LIMIT 1))`, staffJSON(shop)).Scan(&first)
	if err != nil {
		return fmt.Errorf("failed to summarise workload: %w", err)
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

	byHour, total, outside, err := messagesByHour(ctx, q, from, to, loc, shop)
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
// of the day in the shop's zone, in SQL, and how many of them were sent
// outside the shop's hours (none without a shop or with no hours set, as
// Shop.Open has it). The period is cut where the zone's offset changes
// (daylight saving, in zones that have it), so each piece is counted with
// its own offset.
func messagesByHour(ctx context.Context, q querier, from, to time.Time, loc *time.Location, shop *flows.Shop) (byHour [24]int, total, outside int, err error) {
	mask, openMs, closeMs := "1111111", int64(0), int64(24*time.Hour/time.Millisecond)
	if shop != nil {
		if h := shop.Hours; h.Open != h.Close && h.Days != [7]bool{} {
			b := []byte("0000000")
			for d, on := range h.Days {
				if on {
					b[d] = '1'
				}
			}
			mask, openMs, closeMs = string(b), h.Open.Milliseconds(), h.Close.Milliseconds()
		}
	}
	staff := staffJSON(shop)
	for a, pieces := from, 0; a.Before(to) && pieces < 1000; pieces++ {
		at := a.In(loc)
		_, off := at.Zone()
		b := to
		if _, end := at.ZoneBounds(); end.After(a) && end.Before(b) {
			b = end
		}
		// local is the sent time as the shop's clock shows it, in ms since
		// 1970-01-01 00:00 (a Thursday: weekday 4).
		rows, err := q.QueryContext(ctx, `SELECT local / 3600000 % 24, count(*),
				sum(CASE WHEN substr(?3, (local / 86400000 + 4) % 7 + 1, 1) = '1'
					AND local % 86400000 >= ?4 AND local % 86400000 < ?5 THEN 0 ELSE 1 END)
			FROM (SELECT sent_at + ?2 AS local FROM (`+customerMessages+`) WHERE sent_at >= ?6 AND sent_at < ?7)
			GROUP BY 1`, staff, int64(off)*1000, mask, openMs, closeMs, ms(a), ms(b))
		if err != nil {
			return byHour, 0, 0, fmt.Errorf("failed to count messages by hour: %w", classify(err))
		}
		for rows.Next() {
			var h, n, out int
			if err := rows.Scan(&h, &n, &out); err != nil {
				rows.Close()
				return byHour, 0, 0, err
			}
			byHour[h] += n
			total += n
			outside += out
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return byHour, 0, 0, err
		}
		a = b
	}
	return byHour, total, outside, nil
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
