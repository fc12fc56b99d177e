package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

const selectFollowUp = `SELECT kind, subject, step, due_at, attempt FROM follow_up`

func scanFollowUp(row interface{ Scan(...any) error }) (flows.FollowUp, error) {
	var f flows.FollowUp
	var due sql.NullInt64
	err := row.Scan(&f.Kind, &f.Subject, &f.Step, &due, &f.Attempt)
	f.DueAt = fromMS(due)
	return f, err
}

// DueFollowUps lists follow-ups due at now, oldest first. The caller runs
// each in its own transaction after reading it again with FollowUp.
func (db *DB) DueFollowUps(ctx context.Context, now time.Time, limit int) ([]flows.FollowUp, error) {
	rows, err := db.db.QueryContext(ctx, selectFollowUp+` WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, subject, kind, step LIMIT ?`, ms(now), limit)
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

// FollowUp reads follow-up k (its kind, subject and step) again inside the
// transaction; ok is false when it is gone, done, or not due any more
// (moved by another sweep).
func (tx *Tx) FollowUp(k flows.FollowUp) (flows.FollowUp, bool, error) {
	f, err := scanFollowUp(tx.QueryRowContext(tx.ctx, selectFollowUp+` WHERE subject = ? AND kind = ? AND step = ? AND done_at IS NULL AND due_at <= ?`,
		k.Subject, k.Kind, k.Step, ms(tx.now)))
	if err == sql.ErrNoRows {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("failed to read follow-up: %w", classify(err))
	}
	return f, true, nil
}

// FinishFollowUp marks follow-up f done with a note, in the transaction
// that wrote its outbox rows.
func (tx *Tx) FinishFollowUp(f flows.FollowUp, note string) error {
	_, err := tx.exec(`UPDATE follow_up SET done_at = ?, attempt = attempt + 1, result = ? WHERE subject = ? AND kind = ? AND step = ?`,
		ms(tx.now), note, f.Subject, f.Kind, f.Step)
	return err
}

// PostponeFollowUp moves follow-up f to a later time (quiet hours).
func (tx *Tx) PostponeFollowUp(f flows.FollowUp, to time.Time) error {
	_, err := tx.exec(`UPDATE follow_up SET due_at = ? WHERE subject = ? AND kind = ? AND step = ? AND done_at IS NULL`,
		ms(to), f.Subject, f.Kind, f.Step)
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
