package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The open day's order figures are kept in summary_open (migration 18)
// for the orders up to an id, exact as those orders change (triggers); a
// summary of the open day reads them and counts only the orders made
// since, as a range of ids, so its cost follows the orders since the last
// summary, not the orders of the day. A summary in a write transaction
// moves the kept figures on once foldRows orders were made since, counts
// the day from the orders when the kept figures are of another day (or
// were dropped), and hands a closed day's figures to summary_day.

// foldRows is how many orders made since the open day's figures were
// kept a summary counts before it adds them to the kept figures (a
// variable for the tests).
var foldRows int64 = 32

// openState is summary_open: the kept figures are those of [day.a, day.b)
// of the orders with id <= through.
type openState struct {
	day     span
	through int64
}

// sub takes g's figures off f.
func (f *dayFigures) sub(g dayFigures) {
	for k, n := range g.ByStatus {
		f.ByStatus[k] -= n
	}
	for k, n := range g.Products {
		f.Products[k] -= n
	}
	for k, n := range g.Regions {
		f.Regions[k] -= n
	}
	f.Revenue -= g.Revenue
	f.Rated -= g.Rated
	f.RatingSum -= g.RatingSum
}

// openDay is the local day open at the rollup's now.
func (r *rollup) openDay() span {
	return span{ms(r.today), ms(nextMidnight(r.today, r.loc))}
}

// spanFigures counts the order figures of [s.a, s.b), which is not a whole
// closed day: the open day's part from the kept figures, the rest from the
// orders.
func (r *rollup) spanFigures(s span) (dayFigures, error) {
	day := r.openDay()
	if s.a != day.a || s.b <= s.a {
		return countFigures(r.ctx, r.q, s.a, s.b)
	}
	f, err := r.openFigures(day)
	if err != nil {
		return f, err
	}
	switch {
	case s.b < day.b:
		// Orders of the day after s (a period that ends before now, a
		// clock that went back): usually none, looked for in the time
		// indexes first.
		var any bool
		err := r.q.QueryRowContext(r.ctx, `SELECT EXISTS (SELECT 1 FROM orders WHERE created_at >= ?1 AND created_at < ?2)
			OR EXISTS (SELECT 1 FROM orders WHERE paid_at >= ?1 AND paid_at < ?2)
			OR EXISTS (SELECT 1 FROM orders WHERE rated_at >= ?1 AND rated_at < ?2)`, s.b, day.b).Scan(&any)
		if err != nil || !any {
			if err != nil {
				err = fmt.Errorf("failed to summarise orders: %w", classify(err))
			}
			return f, err
		}
		g, err := countFigures(r.ctx, r.q, s.b, day.b)
		if err != nil {
			return f, err
		}
		f.sub(g)
	case s.b > day.b:
		g, err := countFigures(r.ctx, r.q, day.b, s.b)
		if err != nil {
			return f, err
		}
		f.add(g)
	}
	return f, nil
}

// readOpen reads summary_open and, when it is of day, the kept figures.
func (r *rollup) readOpen(day span) (openState, dayFigures, bool, error) {
	var st openState
	f := newFigures()
	err := r.q.QueryRowContext(r.ctx, `SELECT day_start, day_end, through FROM summary_open WHERE id = 1`).Scan(&st.day.a, &st.day.b, &st.through)
	if err != nil {
		return st, f, false, fmt.Errorf("failed to read the open day's figures: %w", classify(err))
	}
	if st.day != day || day.b <= day.a {
		return st, f, false, nil
	}
	rows, err := r.q.QueryContext(r.ctx, `SELECT kind, name, n FROM summary_open_count`)
	if err != nil {
		return st, f, false, fmt.Errorf("failed to read the open day's figures: %w", classify(err))
	}
	for rows.Next() {
		var kind, name string
		var n int64
		if err := rows.Scan(&kind, &name, &n); err != nil {
			rows.Close()
			return st, f, false, err
		}
		switch kind {
		case "status":
			f.ByStatus[name] += int(n)
		case "product":
			f.Products[name] += int(n)
		case "region":
			f.Regions[name] += int(n)
		case "revenue":
			f.Revenue += n
		case "rated":
			f.Rated += int(n)
		case "rating":
			f.RatingSum += n
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return st, f, false, fmt.Errorf("failed to read the open day's figures: %w", classify(err))
	}
	return st, f, true, nil
}

// openFigures is the whole open day's figures: the kept ones and the
// orders made since; when none are kept for the day, counted from the
// orders (and kept, when writing). Without write, r.stale says that the
// kept figures were not of the day or that many orders were made since.
func (r *rollup) openFigures(day span) (dayFigures, error) {
	st, f, ok, err := r.readOpen(day)
	if err != nil {
		return f, err
	}
	if !ok {
		if !r.write {
			r.stale = true
			return countFigures(r.ctx, r.q, day.a, day.b)
		}
		return r.keepOpen(day)
	}
	tail, n, last, err := tailFigures(r, st.through, day)
	if err != nil {
		return f, err
	}
	f.add(tail)
	if n >= foldRows {
		if !r.write {
			// Read alone (the dashboard), the new orders would pile up.
			r.stale = true
		} else if err := r.writeOpen(tail, false, openState{day, last}); err != nil {
			return f, err
		}
	}
	return f, nil
}

// keepOpen counts the open day from the orders and keeps its figures.
func (r *rollup) keepOpen(day span) (dayFigures, error) {
	var last int64
	if err := r.q.QueryRowContext(r.ctx, `SELECT coalesce(max(id), 0) FROM orders`).Scan(&last); err != nil {
		return dayFigures{}, fmt.Errorf("failed to read the open day's orders: %w", classify(err))
	}
	f, err := countFigures(r.ctx, r.q, day.a, day.b)
	if err != nil {
		return f, err
	}
	return f, r.writeOpen(f, true, openState{day, last})
}

// writeOpen adds f to the kept figures (sets them, with fresh) and
// records what they now hold.
func (r *rollup) writeOpen(f dayFigures, fresh bool, st openState) error {
	ctx, q := r.ctx, r.q
	if fresh {
		if _, err := q.ExecContext(ctx, `DELETE FROM summary_open_count`); err != nil {
			return fmt.Errorf("failed to reset the open day's figures: %w", classify(err))
		}
	}
	var vals [][3]any
	for kind, m := range map[string]map[string]int{"status": f.ByStatus, "product": f.Products, "region": f.Regions} {
		for name, n := range m {
			if n != 0 {
				vals = append(vals, [3]any{kind, name, n})
			}
		}
	}
	for kind, n := range map[string]int64{"revenue": f.Revenue, "rated": int64(f.Rated), "rating": f.RatingSum} {
		if n != 0 {
			vals = append(vals, [3]any{kind, "", n})
		}
	}
	if len(vals) > 0 {
		js, err := json.Marshal(vals)
		if err != nil {
			return err
		}
		_, err = q.ExecContext(ctx, `INSERT INTO summary_open_count (kind, name, n)
			SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
			ON CONFLICT (kind, name) DO UPDATE SET n = n + excluded.n`, string(js))
		if err != nil {
			return fmt.Errorf("failed to write the open day's figures: %w", classify(err))
		}
	}
	_, err := q.ExecContext(ctx, `UPDATE summary_open SET day_start = ?, day_end = ?, through = ? WHERE id = 1`, st.day.a, st.day.b, st.through)
	if err != nil {
		return fmt.Errorf("failed to write the open day's figures: %w", classify(err))
	}
	return nil
}

// closeOpen hands the kept figures of a day that has closed (with the
// orders made since) to summary_day, when it has no row for the day: the
// day closes without being counted again from its orders.
func (r *rollup) closeOpen() error {
	st, f, ok, err := r.readOpenAny()
	if err != nil || !ok || st.day.b > ms(r.today) || dayOf(time.UnixMilli(st.day.a), r.loc) != st.day {
		return err
	}
	var have bool
	if err := r.q.QueryRowContext(r.ctx, `SELECT EXISTS (SELECT 1 FROM summary_day WHERE day_start = ?)`, st.day.a).Scan(&have); err != nil {
		return fmt.Errorf("failed to read the order rollup: %w", classify(err))
	}
	if have {
		return nil
	}
	tail, _, _, err := tailFigures(r, st.through, st.day)
	if err != nil {
		return err
	}
	f.add(tail)
	return r.writeDay(st.day, f)
}

// readOpenAny reads the kept figures, whatever day they are of.
func (r *rollup) readOpenAny() (openState, dayFigures, bool, error) {
	var day span
	err := r.q.QueryRowContext(r.ctx, `SELECT day_start, day_end FROM summary_open WHERE id = 1`).Scan(&day.a, &day.b)
	if err != nil {
		return openState{}, newFigures(), false, fmt.Errorf("failed to read the open day's figures: %w", classify(err))
	}
	return r.readOpen(day)
}

// tailFigures counts the figures of day of the orders with id > after,
// through the primary key: how many orders those are, and the newest id
// (after, when none).
func tailFigures(r *rollup, after int64, day span) (f dayFigures, n, last int64, err error) {
	f = newFigures()
	ctx, q := r.ctx, r.q
	err = q.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), ?1),
			coalesce(sum(CASE WHEN paid_at >= ?2 AND paid_at < ?3 AND status != 'cancelled' THEN total END), 0),
			count(CASE WHEN rated_at >= ?2 AND rated_at < ?3 AND rating IS NOT NULL THEN 1 END),
			coalesce(sum(CASE WHEN rated_at >= ?2 AND rated_at < ?3 THEN rating END), 0)
		FROM orders NOT INDEXED WHERE id > ?1`, after, day.a, day.b).Scan(&n, &last, &f.Revenue, &f.Rated, &f.RatingSum)
	if err != nil || n == 0 {
		if err != nil {
			err = fmt.Errorf("failed to count the day's new orders: %w", classify(err))
		}
		return f, n, last, err
	}
	rows, err := q.QueryContext(ctx, `SELECT status, region, count(*) FROM orders NOT INDEXED
		WHERE id > ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY status, region`, after, day.a, day.b)
	if err != nil {
		return f, n, last, fmt.Errorf("failed to count the day's new orders: %w", classify(err))
	}
	for rows.Next() {
		var st, region string
		var c int
		if err := rows.Scan(&st, &region, &c); err != nil {
			rows.Close()
			return f, n, last, err
		}
		f.ByStatus[st] += c
		if st != "cancelled" && region != "" {
			f.Regions[region] += c
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return f, n, last, err
	}
	rows, err = q.QueryContext(ctx, `SELECT l.name, sum(l.qty) FROM orders o NOT INDEXED JOIN order_line l ON l.order_id = o.id
		WHERE o.id > ?1 AND o.created_at >= ?2 AND o.created_at < ?3 AND o.status != 'cancelled' GROUP BY l.name`, after, day.a, day.b)
	if err != nil {
		return f, n, last, fmt.Errorf("failed to count the day's new orders: %w", classify(err))
	}
	for rows.Next() {
		var name string
		var c int
		if err := rows.Scan(&name, &c); err != nil {
			rows.Close()
			return f, n, last, err
		}
		f.Products[name] += c
	}
	return f, n, last, errors.Join(rows.Err(), rows.Close())
}
