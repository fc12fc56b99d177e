package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// Summaries read closed days of the shop's calendar from rollups
// (migration 013) and the open day's orders from figures kept up to an
// order id (migration 18, openday.go), and only what came since from the
// rows themselves, so their cost follows the period's length, not the
// shop's history nor the day's orders:
//
//   - summary_day holds a closed day's order figures. A row is written by
//     the first summary that needs the day (or ahead, for the last
//     rollAhead days, when a day closes: the day that closed from its kept
//     figures) and dropped by triggers on orders and order_line whenever
//     an order it counts changes, so a row that exists is always what the
//     orders say; a missing one is counted from the orders through their
//     time indexes.
//   - summary_open holds the open day's order figures of the orders up to
//     an id, kept exact by triggers as those orders change; the orders
//     made since are read as an id range.
//   - summary_msgs holds a closed day's customers' messages by local hour.
//     Messages are counted by inbound id (ids grow with arrival), so a new
//     message costs no index and no trigger: summary_state says which ids
//     the rollup holds, and the rest (the open day's, late arrivals) are
//     read as an id range.
//
// A summary in a write transaction (an owner's command, the daily summary)
// brings the rollups up to date in that transaction; DB.Summary and the
// dashboard read in a read transaction and write only when a rollup is
// behind.

// rollAhead is how many closed days' order figures are written when a day
// closes, so the owner's 30-day summary finds them all.
const rollAhead = 30

// tailRows is how many messages may come in after the message rollup
// before an owner's summary rolls them up (a variable for the tests).
var tailRows int64 = 200

// dayFigures are the order figures of a stretch of time: orders made in it
// by their current status, the quantities of the products and the regions
// of those not cancelled, the totals of the not cancelled orders paid in
// it, and the ratings given in it.
type dayFigures struct {
	ByStatus  map[string]int
	Products  map[string]int
	Regions   map[string]int
	Revenue   int64
	Rated     int
	RatingSum int64
}

func newFigures() dayFigures {
	return dayFigures{ByStatus: map[string]int{}, Products: map[string]int{}, Regions: map[string]int{}}
}

func (f *dayFigures) add(g dayFigures) {
	for k, n := range g.ByStatus {
		f.ByStatus[k] += n
	}
	for k, n := range g.Products {
		f.Products[k] += n
	}
	for k, n := range g.Regions {
		f.Regions[k] += n
	}
	f.Revenue += g.Revenue
	f.Rated += g.Rated
	f.RatingSum += g.RatingSum
}

// orders is the count of orders made that were not cancelled.
func (f *dayFigures) orders() int {
	n := 0
	for st, c := range f.ByStatus {
		if st != string(flows.StatusCancelled) {
			n += c
		}
	}
	return n
}

// countFigures counts the order figures of [a, b) (UTC ms) from the orders,
// through the indexes on their times.
func countFigures(ctx context.Context, q querier, a, b int64) (dayFigures, error) {
	f := newFigures()
	scan := func(m map[string]int, query string) error {
		rows, err := q.QueryContext(ctx, query, a, b)
		if err != nil {
			return fmt.Errorf("failed to summarise orders: %w", classify(err))
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return err
			}
			m[k] += n
		}
		return errors.Join(rows.Err(), rows.Close())
	}
	// Statuses and regions in one pass over orders_created.
	rows, err := q.QueryContext(ctx, `SELECT status, region, count(*) FROM orders WHERE created_at >= ? AND created_at < ? GROUP BY status, region`, a, b)
	if err != nil {
		return f, fmt.Errorf("failed to summarise orders: %w", classify(err))
	}
	for rows.Next() {
		var st, region string
		var n int
		if err := rows.Scan(&st, &region, &n); err != nil {
			rows.Close()
			return f, err
		}
		f.ByStatus[st] += n
		if st != string(flows.StatusCancelled) && region != "" {
			f.Regions[region] += n
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return f, err
	}
	if err := scan(f.Products, `SELECT l.name, sum(l.qty) FROM orders o JOIN order_line l ON l.order_id = o.id
		WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'cancelled' GROUP BY l.name`); err != nil {
		return f, err
	}
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(sum(total), 0) FROM orders WHERE paid_at >= ?1 AND paid_at < ?2 AND status != 'cancelled'),
		(SELECT count(*) FROM orders WHERE rated_at >= ?1 AND rated_at < ?2 AND rating IS NOT NULL),
		(SELECT coalesce(sum(rating), 0) FROM orders WHERE rated_at >= ?1 AND rated_at < ?2 AND rating IS NOT NULL)`, a, b).
		Scan(&f.Revenue, &f.Rated, &f.RatingSum)
	if err != nil {
		return f, fmt.Errorf("failed to summarise revenue and ratings: %w", classify(err))
	}
	return f, nil
}

// span is [a, b) in UTC milliseconds.
type span struct{ a, b int64 }

// nextMidnight is the start of the local day after t's.
func nextMidnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return dayStart(y, m, d+1, loc)
}

// dayOf is the local day holding t.
func dayOf(t time.Time, loc *time.Location) span {
	return span{ms(midnight(t.In(loc))), ms(nextMidnight(t, loc))}
}

// splitDays cuts [from, to) into the whole local days that end by limit
// (days) and what is left before and after them (raw; empty spans left
// out).
func splitDays(from, to, limit time.Time, loc *time.Location) (days, raw []span) {
	if !from.Before(to) {
		return nil, nil
	}
	a := from
	if m := midnight(from.In(loc)); !m.Equal(from) {
		a = nextMidnight(from, loc)
		if a.After(to) {
			a = to
		}
		raw = append(raw, span{ms(from), ms(a)})
	}
	for a.Before(to) {
		b := nextMidnight(a, loc)
		if b.After(to) || b.After(limit) {
			break
		}
		days = append(days, span{ms(a), ms(b)})
		a = b
	}
	if a.Before(to) {
		raw = append(raw, span{ms(a), ms(to)})
	}
	return days, raw
}

// zoneKey names a zone with its offsets, so a changed zone (or a fixed
// zone of the same name and another offset) is told apart.
func zoneKey(loc *time.Location) string {
	_, w := time.Date(2000, 1, 1, 0, 0, 0, 0, loc).Zone()
	_, s := time.Date(2000, 7, 1, 0, 0, 0, 0, loc).Zone()
	return fmt.Sprintf("%s %d %d", loc.String(), w, s)
}

// rollState is summary_state: which inbound rows summary_msgs counts.
type rollState struct {
	key                   string
	from, through, before int64
	first                 sql.NullInt64
}

// unrolled is the condition on inbound rows that summary_msgs does not
// count, with the state's from, through and before as ?1, ?2, ?3 shifted
// by base (the query's own arguments come first).
func unrolled(base int) string {
	p := func(i int) string { return "?" + strconv.Itoa(base+i) }
	return "id >= " + p(1) + " AND (id > " + p(2) + " OR sent_at >= " + p(3) + ")"
}

// rollup is what a summary needs to know about the rollups, read at its
// start: the state, the message key the shop's settings give now, the
// staff's customer ids, and the hours' mask.
type rollup struct {
	q       querier
	ctx     context.Context
	loc     *time.Location
	shop    *flows.Shop
	write   bool
	st      rollState
	key     string
	dayKey  string
	staff   map[int64]bool
	today   time.Time // the open day's start
	stale   bool      // something could have been written and was not
	lastID  int64     // the newest inbound row's id
	hours   hoursMask
	msgsOK  bool // summary_msgs counts what st says under today's key
	daysOK  bool // summary_day rows are of today's zone
	staffJS string
}

// hoursMask is the shop's hours as the message queries test them.
type hoursMask struct {
	mask            string
	openMs, closeMs int64
}

func shopHours(shop *flows.Shop) hoursMask {
	h := hoursMask{"1111111", 0, int64(24 * time.Hour / time.Millisecond)}
	if shop != nil {
		if sh := shop.Hours; sh.Open != sh.Close && sh.Days != [7]bool{} {
			b := []byte("0000000")
			for d, on := range sh.Days {
				if on {
					b[d] = '1'
				}
			}
			h = hoursMask{string(b), sh.Open.Milliseconds(), sh.Close.Milliseconds()}
		}
	}
	return h
}

// outside is whether a message sent at local ms (the sent time as the
// shop's clock shows it, in ms since 1970-01-01 00:00, a Thursday) is
// outside the shop's hours: the same test the message queries make, with
// SQLite's integer division and substr, so a time before 1970 (a phone's
// broken clock) is counted alike both ways.
func (h hoursMask) outside(local int64) bool {
	day := local % 86400000
	in := false
	switch p := (local/86400000+4)%7 + 1; {
	case p > 0:
		in = h.mask[p-1] == '1'
	case p < 0:
		in = h.mask[int64(len(h.mask))+p] == '1'
	}
	return !(in && day >= h.openMs && day < h.closeMs)
}

// hourOf is the hour bucket of local ms as the message queries group it
// (local / 3600000 % 24), a time before 1970 put in its hour of the day.
func hourOf(h int64) int {
	h %= 24
	if h < 0 {
		h += 24
	}
	return int(h)
}

// openRollup reads the rollups' state; with write, it also brings the
// message rollup up to date and writes the last rollAhead closed days'
// order figures, when a day closed since they were last brought up to date
// or the shop's settings changed.
func openRollup(ctx context.Context, q querier, loc *time.Location, shop *flows.Shop, now time.Time, write bool) (*rollup, error) {
	r := &rollup{q: q, ctx: ctx, loc: loc, shop: shop, write: write, staff: map[int64]bool{},
		today: midnight(now.In(loc)), hours: shopHours(shop), staffJS: staffJSON(shop), dayKey: zoneKey(loc)}
	// The key: the zone (which the day rows depend on too), the hours,
	// and the staff's customer rows with their numbers and LIDs (a LID
	// customer merged into a staff member's row changes the LID, so
	// messages that became the staff's are not left counted). Read in one
	// statement with the state and the newest message's id.
	var ids, staff sql.NullString
	err := q.QueryRowContext(ctx, `SELECT msg_key, msg_from, msg_through, msg_before, first_msg, coalesce((SELECT max(id) FROM inbound), 0),
			(SELECT group_concat(id, ',' ORDER BY id) FROM customer WHERE phone IN (SELECT value FROM json_each(?1))),
			(SELECT group_concat(id || ':' || coalesce(phone, '') || ':' || coalesce(lid, ''), ',' ORDER BY id) FROM customer
				WHERE phone IN (SELECT value FROM json_each(?1)))
		FROM summary_state WHERE id = 1`, r.staffJS).
		Scan(&r.st.key, &r.st.from, &r.st.through, &r.st.before, &r.st.first, &r.lastID, &ids, &staff)
	if err != nil {
		return nil, fmt.Errorf("failed to read the summary state: %w", classify(err))
	}
	if ids.String != "" {
		for _, f := range strings.Split(ids.String, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("failed to read the staff's customers: %w", err)
			}
			r.staff[id] = true
		}
	}
	// Stored as the zone and a hash of the rest: the staff's numbers do
	// not stay in shop.db after their rows change.
	sum := sha256.Sum256(fmt.Appendf(nil, "%s %d %d|%s", r.hours.mask, r.hours.openMs, r.hours.closeMs, staff.String))
	r.key = r.dayKey + "|" + hex.EncodeToString(sum[:])
	r.msgsOK = r.st.key == r.key
	r.daysOK = strings.HasPrefix(r.st.key, r.dayKey+"|")
	dayClosed := ms(r.today) > r.st.before
	if !r.msgsOK || dayClosed {
		if !write {
			r.stale = true
		} else if err := r.advance(now, true); err != nil {
			return nil, err
		}
	} else if write {
		// Messages since the last rollup are read on every summary: roll
		// them up once they are many, so the open day costs no more than
		// a closed one.
		if r.lastID-r.st.through > tailRows {
			if err := r.advance(now, false); err != nil {
				return nil, err
			}
		}
	}
	if !r.msgsOK {
		// Read as if nothing were rolled up.
		r.st = rollState{}
	}
	return r, nil
}

// dayCount is one day's customers' messages by local hour, and how many
// came outside the shop's hours.
type dayCount struct {
	end     int64
	hours   [24]int
	outside int
}

// writeDayCounts adds the days' counts (by day start) to summary_msgs
// (set them, when fresh: the table was emptied) in two statements, however
// many days.
func writeDayCounts(ctx context.Context, q querier, counts map[int64]*dayCount, fresh bool) error {
	if !fresh {
		starts := make([]int64, 0, len(counts))
		for start := range counts {
			starts = append(starts, start)
		}
		js, err := json.Marshal(starts)
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, `SELECT day_start, hours, outside FROM summary_msgs
			WHERE day_start IN (SELECT value FROM json_each(?))`, string(js))
		if err != nil {
			return fmt.Errorf("failed to read the message rollup: %w", classify(err))
		}
		for rows.Next() {
			var start int64
			var hours string
			var outside int
			if err := rows.Scan(&start, &hours, &outside); err != nil {
				rows.Close()
				return fmt.Errorf("failed to read the message rollup: %w", classify(err))
			}
			old, err := parseHours(hours)
			if err != nil {
				rows.Close()
				return err
			}
			c := counts[start]
			for h := range old {
				c.hours[h] += old[h]
			}
			c.outside += outside
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return fmt.Errorf("failed to read the message rollup: %w", classify(err))
		}
	}
	vals := make([][4]any, 0, len(counts))
	for start, c := range counts {
		vals = append(vals, [4]any{start, c.end, formatHours(c.hours), c.outside})
	}
	js, err := json.Marshal(vals)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO summary_msgs (day_start, day_end, hours, outside)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
		ON CONFLICT (day_start) DO UPDATE SET day_end = excluded.day_end, hours = excluded.hours, outside = excluded.outside`, string(js))
	if err != nil {
		return fmt.Errorf("failed to write the message rollup: %w", classify(err))
	}
	return nil
}

// advance brings summary_msgs up to now, starting over when the key
// changed, and with days, writes the order figures of the last rollAhead
// closed days that have none.
func (r *rollup) advance(now time.Time, days bool) error {
	ctx, q := r.ctx, r.q
	if !r.daysOK {
		if _, err := q.ExecContext(ctx, `DELETE FROM summary_day`); err != nil {
			return fmt.Errorf("failed to reset the order rollup: %w", classify(err))
		}
		r.daysOK = true
	}
	fresh := !r.msgsOK // summary_msgs starts empty: nothing to add to
	if fresh {
		for _, table := range []string{"summary_msgs", "summary_customer"} {
			if _, err := q.ExecContext(ctx, `DELETE FROM `+table); err != nil {
				return fmt.Errorf("failed to reset the message rollup: %w", classify(err))
			}
		}
		r.st = rollState{}
	}
	// Every row read here, in one statement: the customers' latest times.
	_, err := q.ExecContext(ctx, `INSERT INTO summary_customer (customer_id, last_msg)
		SELECT customer_id, max(sent_at) FROM inbound WHERE `+unrolled(0)+` GROUP BY customer_id
		ON CONFLICT (customer_id) DO UPDATE SET last_msg = max(last_msg, excluded.last_msg)`, r.st.from, r.st.through, r.st.before)
	if err != nil {
		return fmt.Errorf("failed to write the customers' last messages: %w", classify(err))
	}
	before := ms(now)
	if before < r.st.before {
		before = r.st.before // the clock went back: keep what is counted
	}
	rows, err := q.QueryContext(ctx, `SELECT id, sent_at, kind, customer_id FROM inbound WHERE `+unrolled(0)+` ORDER BY id`,
		r.st.from, r.st.through, r.st.before)
	if err != nil {
		return fmt.Errorf("failed to roll up messages: %w", classify(err))
	}
	counts := map[int64]*dayCount{}
	through, from := r.st.through, int64(-1)
	first := r.st.first
	for rows.Next() {
		var id, sent, cust int64
		var kind string
		if err := rows.Scan(&id, &sent, &kind, &cust); err != nil {
			rows.Close()
			return err
		}
		through = max(through, id)
		if sent >= before {
			if from < 0 {
				from = id
			}
			continue
		}
		if kind == "reaction" || kind == "edit" || kind == "revoke" || r.staff[cust] {
			continue
		}
		t := time.UnixMilli(sent)
		d := dayOf(t, r.loc)
		c := counts[d.a]
		if c == nil {
			c = &dayCount{end: d.b}
			counts[d.a] = c
		}
		_, off := t.In(r.loc).Zone()
		local := sent + int64(off)*1000
		c.hours[hourOf(local/3600000)]++
		if r.hours.outside(local) {
			c.outside++
		}
		if !first.Valid || sent < first.Int64 {
			first = sql.NullInt64{Int64: sent, Valid: true}
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if from < 0 {
		from = through + 1
	}
	if len(counts) > 0 {
		if err := writeDayCounts(ctx, q, counts, fresh); err != nil {
			return err
		}
	}
	r.st = rollState{key: r.key, from: from, through: through, before: before, first: first}
	_, err = q.ExecContext(ctx, `UPDATE summary_state SET msg_key = ?, msg_from = ?, msg_through = ?, msg_before = ?, first_msg = ? WHERE id = 1`,
		r.st.key, r.st.from, r.st.through, r.st.before, r.st.first)
	if err != nil {
		return fmt.Errorf("failed to write the summary state: %w", classify(err))
	}
	r.msgsOK = true
	if !days {
		return nil
	}
	// The order figures of the days the owner's summaries read: the day
	// that closed from the figures kept while it was open.
	if err := r.closeOpen(); err != nil {
		return err
	}
	ahead, _ := splitDays(r.today.AddDate(0, 0, -rollAhead), r.today, r.today, r.loc)
	_, err = r.dayFigures(ahead)
	return err
}

func formatHours(h [24]int) string {
	b := make([]byte, 0, 64)
	for i, n := range h {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(b)
}

func parseHours(s string) ([24]int, error) {
	var h [24]int
	parts := strings.Split(s, ",")
	if len(parts) != 24 {
		return h, fmt.Errorf("message rollup: %d hours, want 24", len(parts))
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return h, fmt.Errorf("message rollup: %w", err)
		}
		h[i] = n
	}
	return h, nil
}

// encodeCounts writes named counts as summary_day stores them: for each,
// the count, the name's length in bytes and the name, each followed by a
// space, so any name reads back as it was, and quickly.
func encodeCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k, n := range m {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b []byte
	for _, k := range keys {
		b = strconv.AppendInt(b, int64(m[k]), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(len(k)), 10)
		b = append(b, ' ')
		b = append(b, k...)
		b = append(b, ' ')
	}
	return string(b)
}

// decodeCounts adds what encodeCounts wrote to m.
func decodeCounts(s string, m map[string]int) error {
	for s != "" {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			return fmt.Errorf("order rollup: bad counts %q", s)
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			return fmt.Errorf("order rollup: %w", err)
		}
		s = s[i+1:]
		j := strings.IndexByte(s, ' ')
		if j < 0 {
			return fmt.Errorf("order rollup: bad counts %q", s)
		}
		l, err := strconv.Atoi(s[:j])
		if err != nil || l < 0 || j+1+l+1 > len(s) || s[j+1+l] != ' ' {
			return fmt.Errorf("order rollup: bad counts %q", s)
		}
		m[s[j+1:j+1+l]] += n
		s = s[j+1+l+1:]
	}
	return nil
}

// dayFigures returns the order figures of closed days, summed.
func (r *rollup) dayFigures(days []span) (dayFigures, error) {
	total := newFigures()
	byDay, err := r.eachDay(days)
	for _, f := range byDay {
		total.add(f)
	}
	return total, err
}

// eachDay returns the order figures of closed days by their start: from
// summary_day where a row is stored, else counted from the orders (and
// stored, when writing).
func (r *rollup) eachDay(days []span) (map[int64]dayFigures, error) {
	total := map[int64]dayFigures{}
	if len(days) == 0 {
		return total, nil
	}
	have := map[int64]bool{}
	if r.daysOK {
		rows, err := r.q.QueryContext(r.ctx, `SELECT day_start, day_end, by_status, products, regions, revenue, rated, rating_sum
			FROM summary_day WHERE day_start >= ? AND day_start < ?`, days[0].a, days[len(days)-1].b)
		if err != nil {
			return total, fmt.Errorf("failed to read the order rollup: %w", classify(err))
		}
		want := map[span]bool{}
		for _, d := range days {
			want[d] = true
		}
		for rows.Next() {
			var d span
			var st, prod, reg string
			f := newFigures()
			if err := rows.Scan(&d.a, &d.b, &st, &prod, &reg, &f.Revenue, &f.Rated, &f.RatingSum); err != nil {
				rows.Close()
				return total, err
			}
			if !want[d] {
				continue
			}
			if err := errors.Join(decodeCounts(st, f.ByStatus), decodeCounts(prod, f.Products), decodeCounts(reg, f.Regions)); err != nil {
				rows.Close()
				return total, fmt.Errorf("order rollup of day %d: %w", d.a, err)
			}
			have[d.a] = true
			total[d.a] = f
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return total, err
		}
	}
	for _, d := range days {
		if have[d.a] {
			continue
		}
		f, err := countFigures(r.ctx, r.q, d.a, d.b)
		if err != nil {
			return total, err
		}
		total[d.a] = f
		if !r.write || !r.daysOK {
			r.stale = true
			continue
		}
		if err := r.writeDay(d, f); err != nil {
			return total, err
		}
	}
	return total, nil
}

// writeDay stores a closed day's order figures in summary_day.
func (r *rollup) writeDay(d span, f dayFigures) error {
	_, err := r.q.ExecContext(r.ctx, `INSERT OR REPLACE INTO summary_day (day_start, day_end, by_status, products, regions, revenue, rated, rating_sum)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.a, d.b, encodeCounts(f.ByStatus), encodeCounts(f.Products), encodeCounts(f.Regions), f.Revenue, f.Rated, f.RatingSum)
	if err != nil {
		return fmt.Errorf("failed to write the order rollup: %w", classify(err))
	}
	return nil
}

// figures returns the order figures of [from, to): closed days from the
// rollup, the open day from the figures kept for it (openday.go), the
// rest counted from the orders.
func (r *rollup) figures(from, to time.Time) (dayFigures, error) {
	days, raw := splitDays(from, to, r.today, r.loc)
	f, err := r.dayFigures(days)
	if err != nil {
		return f, err
	}
	for _, s := range raw {
		g, err := r.spanFigures(s)
		if err != nil {
			return f, err
		}
		f.add(g)
	}
	return f, nil
}

// messages counts the customers' messages of [from, to) by local hour and
// outside the shop's hours: closed days from summary_msgs, and the rows it
// does not hold from the rows. A period that starts or ends inside a rolled
// up day (no summary asks for one) is counted from the rows alone.
func (r *rollup) messages(from, to time.Time) (byHour [24]int, total, outside int, err error) {
	if !from.Before(to) {
		return byHour, 0, 0, nil
	}
	// The rolled up rows of the period are those sent in [from, upper):
	// summary_msgs holds them as the rows of the days that start there
	// when from is a local midnight and upper is where the rollup stops or
	// a local midnight. Otherwise (no summary asks for such a period) the
	// period is counted from the rows alone.
	st := r.st
	f, upper := ms(from), min(ms(to), st.before)
	atMidnight := func(t int64) bool {
		u := time.UnixMilli(t)
		return midnight(u.In(r.loc)).Equal(u)
	}
	useDays := r.msgsOK && f < upper
	if !r.msgsOK || (useDays && (!atMidnight(f) || (upper != st.before && !atMidnight(upper)))) {
		st, useDays = rollState{}, false // counted from the rows alone
	}
	if useDays {
		rows, err := r.q.QueryContext(r.ctx, `SELECT hours, outside FROM summary_msgs WHERE day_start >= ? AND day_start < ?`, f, upper)
		if err != nil {
			return byHour, 0, 0, fmt.Errorf("failed to read the message rollup: %w", classify(err))
		}
		for rows.Next() {
			var hours string
			var out int
			if err := rows.Scan(&hours, &out); err != nil {
				rows.Close()
				return byHour, 0, 0, err
			}
			h, err := parseHours(hours)
			if err != nil {
				rows.Close()
				return byHour, 0, 0, err
			}
			for i, n := range h {
				byHour[i] += n
				total += n
			}
			outside += out
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return byHour, 0, 0, err
		}
	}
	h, n, out, err := countMessages(r.ctx, r.q, from, to, r.loc, r.hours, r.staffJS, st)
	if err != nil {
		return byHour, 0, 0, err
	}
	for i := range h {
		byHour[i] += h[i]
	}
	return byHour, total + n, outside + out, nil
}

// firstMessage is the time of the earliest customer message, if any, or
// any time at or before notAfter when one is that early.
func (r *rollup) firstMessage(notAfter int64) (sql.NullInt64, error) {
	st := r.st
	if st.first.Valid && st.first.Int64 <= notAfter {
		return st.first, nil
	}
	var tail sql.NullInt64
	err := r.q.QueryRowContext(r.ctx, `SELECT min(sent_at) FROM (`+customerMessages+` AND `+unrolled(1)+`)`,
		r.staffJS, st.from, st.through, st.before).Scan(&tail)
	if err != nil {
		return tail, fmt.Errorf("failed to find the first message: %w", classify(err))
	}
	first := st.first
	if tail.Valid && (!first.Valid || tail.Int64 < first.Int64) {
		first = tail
	}
	return first, nil
}

// countMessages counts, from the rows, the customers' messages sent in
// [from, to) that summary_msgs does not hold by st (all of them with the
// zero state), by hour of the day in the shop's zone, and how many of them
// were sent outside the shop's hours. The period is cut where the zone's
// offset changes (daylight saving, in zones that have it), so each piece
// is counted with its own offset. The rows are found as a range of ids.
func countMessages(ctx context.Context, q querier, from, to time.Time, loc *time.Location, hours hoursMask, staff string, st rollState) (byHour [24]int, total, outside int, err error) {
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
			FROM (SELECT sent_at + ?2 AS local FROM (`+customerMessages+` AND sent_at >= ?6 AND sent_at < ?7 AND `+unrolled(7)+`))
			GROUP BY 1`, staff, int64(off)*1000, hours.mask, hours.openMs, hours.closeMs, ms(a), ms(b), st.from, st.through, st.before)
		if err != nil {
			return byHour, 0, 0, fmt.Errorf("failed to count messages by hour: %w", classify(err))
		}
		for rows.Next() {
			var h, n, out int
			if err := rows.Scan(&h, &n, &out); err != nil {
				rows.Close()
				return byHour, 0, 0, err
			}
			byHour[hourOf(int64(h))] += n
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

// topCounts is the five largest counts, ties by name.
func topCounts(m map[string]int) []flows.NamedCount {
	out := []flows.NamedCount{}
	for k, n := range m {
		if n > 0 {
			out = append(out, flows.NamedCount{Name: k, Count: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// csatAverage is the ratings' average as SQL's avg gives it, to two
// decimals.
func csatAverage(sum int64, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(sum)/float64(n)*100) / 100
}
