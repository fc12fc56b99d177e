package store

import (
	"context"
	"fmt"
	"sync/atomic"
)

// outboxFrontier is the delivery frontier (see pendingOutbox): every reply
// waiting its first try has a row id of at least lo. Any value that was
// once true stays true, so the frontier only moves up, a stale one costs
// a longer read and never a missed reply, and 0 is always safe.
type outboxFrontier struct {
	lo    atomic.Int64
	saved atomic.Int64 // what outbox_frontier holds
}

// advance moves the frontier up to lo (never down: two reads may finish
// out of order, and both frontiers are true).
func (f *outboxFrontier) advance(lo int64) {
	for {
		cur := f.lo.Load()
		if lo <= cur || f.lo.CompareAndSwap(cur, lo) {
			return
		}
	}
}

// loadFrontier starts the frontier from the one saved in shop.db, but past
// no row that exists (a frontier beyond the last row would skip the next).
func (db *DB) loadFrontier(ctx context.Context) error {
	var lo int64
	err := db.db.QueryRowContext(ctx, `SELECT min(lo, (SELECT coalesce(max(id), 0) + 1 FROM outbox)) FROM outbox_frontier`).Scan(&lo)
	if err != nil {
		return fmt.Errorf("failed to read the delivery frontier: %w", classify(err))
	}
	db.frontier.lo.Store(lo)
	db.frontier.saved.Store(lo)
	return nil
}

// saveFrontier writes the frontier into shop.db when it has moved, so the
// next start reads the outbox from there (after a crash, from the last
// save: at most a day of replies, as RollUp saves it daily).
func (db *DB) saveFrontier(ctx context.Context) error {
	lo := db.frontier.lo.Load()
	if lo <= db.frontier.saved.Load() {
		return nil
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE outbox_frontier SET lo = max(lo, ?)`, lo); err != nil {
		return fmt.Errorf("failed to save the delivery frontier: %w", classify(err))
	}
	db.frontier.saved.Store(lo)
	return nil
}
