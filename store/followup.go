package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

const selectFollowUp = `SELECT id, kind, subject, step, due_at, attempt FROM follow_up`

func scanFollowUp(row interface{ Scan(...any) error }) (flows.FollowUp, error) {
	var f flows.FollowUp
	var due sql.NullInt64
	err := row.Scan(&f.ID, &f.Kind, &f.Subject, &f.Step, &due, &f.Attempt)
	f.DueAt = fromMS(due)
	return f, err
}

// DueFollowUps lists follow-ups due at now, oldest first. The caller runs
// each in its own transaction after reading it again with FollowUp.
func (db *DB) DueFollowUps(ctx context.Context, now time.Time, limit int) ([]flows.FollowUp, error) {
	rows, err := db.db.QueryContext(ctx, selectFollowUp+` WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?`, ms(now), limit)
	if err != nil {
		return nil, fmt.Errorf("failed to read due follow-ups: %w", classify(err))
	}
	defer rows.Close()
	var out []flows.FollowUp
	for rows.Next() {
		f, err := scanFollowUp(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// NextFollowUp is the earliest due time of an open follow-up.
func (db *DB) NextFollowUp(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	if err := db.db.QueryRowContext(ctx, `SELECT min(due_at) FROM follow_up WHERE done_at IS NULL`).Scan(&v); err != nil {
		return time.Time{}, false, fmt.Errorf("failed to read next follow-up: %w", classify(err))
	}
	return fromMS(v), v.Valid, nil
}

// FollowUp reads one follow-up again inside the transaction; ok is false
// when it is gone, done, or not due any more (moved by another sweep).
func (tx *Tx) FollowUp(id int64) (flows.FollowUp, bool, error) {
	f, err := scanFollowUp(tx.QueryRowContext(tx.ctx, selectFollowUp+` WHERE id = ? AND done_at IS NULL AND due_at <= ?`, id, ms(tx.now)))
	if err == sql.ErrNoRows {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("failed to read follow-up: %w", classify(err))
	}
	return f, true, nil
}

// FinishFollowUp marks a follow-up done with a note, in the transaction
// that wrote its outbox rows.
func (tx *Tx) FinishFollowUp(id int64, note string) error {
	_, err := tx.exec(`UPDATE follow_up SET done_at = ?, attempt = attempt + 1, result = ? WHERE id = ?`, ms(tx.now), note, id)
	return err
}

// PostponeFollowUp moves a follow-up to a later time (quiet hours).
func (tx *Tx) PostponeFollowUp(id int64, to time.Time) error {
	_, err := tx.exec(`UPDATE follow_up SET due_at = ? WHERE id = ? AND done_at IS NULL`, ms(to), id)
	return err
}

// EnsureFollowUp adds a follow-up unless one for the same kind, subject
// and step exists (done or not): the daily jobs use it to run once a day.
func (db *DB) EnsureFollowUp(ctx context.Context, kind string, subject int64, due time.Time) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO follow_up (kind, subject, step, due_at) VALUES (?, ?, 0, ?)
		ON CONFLICT (subject, kind, step) DO NOTHING`, kind, subject, ms(due))
	if err != nil {
		return fmt.Errorf("failed to add follow-up: %w", classify(err))
	}
	return nil
}
