package bot

import (
	"context"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/store"
)

// A reply's "sent" mark rides in the next transaction the shop commits
// anyway (the next message's turn, usually a moment later) instead of
// paying a durable commit of its own. At most one reply is ever sent
// without its mark written: before the next send, the mark is written
// (piggybacked if a turn commits within markWait, else on its own), so a
// crash can only make the next run send that one reply again, with the same
// WhatsApp message id, exactly as when the mark had its own transaction.
// A mark no turn picks up is written after markDelay.
const (
	markWait  = 10 * time.Millisecond
	markDelay = 100 * time.Millisecond
)

// sentMark is the reply sent last and whether its mark is committed.
type sentMark struct {
	mu       sync.Mutex
	id       int64
	at       time.Time
	recorded bool          // committed; id is kept until Deliver reads the outbox again
	done     chan struct{} // closed once recorded
	timer    *time.Timer   // the delayed write, realtime only
}

// set remembers a reply just sent; its mark is not written yet.
func (s *sentMark) set(id int64, at time.Time) {
	s.mu.Lock()
	s.id, s.at, s.recorded, s.done = id, at, false, make(chan struct{})
	s.mu.Unlock()
}

// pending returns the mark to write, if one waits.
func (s *sentMark) pending() (id int64, at time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id == 0 || s.recorded {
		return 0, time.Time{}, false
	}
	return s.id, s.at, true
}

// recordedNow notes that a committed transaction wrote id's mark.
func (s *sentMark) recordedNow(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id == id && !s.recorded {
		s.recorded = true
		close(s.done)
	}
}

// inFlight is the reply whose outbox row may still read as unsent: sent,
// with its mark not written or written after the reader's snapshot began.
// Deliver calls it before each read of the outbox, which also forgets a
// mark committed before that read.
func (s *sentMark) inFlight() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.recorded {
		s.id = 0
	}
	return s.id
}

// wait waits up to d for the pending mark to be written by someone else.
func (s *sentMark) wait(ctx context.Context, d time.Duration) bool {
	s.mu.Lock()
	done, ok := s.done, s.id != 0 && !s.recorded
	s.mu.Unlock()
	if !ok {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// recordSent writes the pending mark, if any, in tx; after tx commits the
// caller passes the returned id to sentMark.recordedNow.
func (b *Bot) recordSent(tx *store.Tx) (int64, error) {
	id, at, ok := b.marks.pending()
	if !ok {
		return 0, nil
	}
	return id, tx.RecordSent(id, at)
}

// writeMark writes the pending mark in a transaction of its own.
func (b *Bot) writeMark(ctx context.Context) error {
	if _, _, ok := b.marks.pending(); !ok {
		return nil
	}
	return b.update(ctx, func(*store.Tx) error { return nil })
}

// markLater writes the pending mark after markDelay unless a turn has
// carried it by then (realtime); the simulator and tests write it now.
func (b *Bot) markLater(ctx context.Context) error {
	if !b.realtime {
		return b.writeMark(ctx)
	}
	b.marks.mu.Lock()
	defer b.marks.mu.Unlock()
	if b.marks.timer != nil {
		b.marks.timer.Stop()
	}
	b.marks.timer = time.AfterFunc(markDelay, func() {
		if err := b.writeMark(context.Background()); err != nil {
			b.log.Warn("could not record a sent reply; it is recorded with the next write", "err", err)
		}
	})
	return nil
}
