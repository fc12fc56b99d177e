package bot

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/store"
)

// Replies' "sent" marks ride in the next transaction the shop commits
// anyway (the next message's turn, usually a moment later) instead of each
// paying a durable commit of its own. At most maxUnmarked sent replies are
// ever without their mark: before one more is sent, the marks are written
// (carried by a turn committing within markWait, else on their own), so a
// crash can only make the next run send those few again, each with the same
// WhatsApp message id, as when a kill fell between a send and its own
// mark. A turn carries the marks once carryFrom of them wait, so under a
// steady stream of messages one statement in a few turns writes them;
// marks no turn picks up are written after markDelay, or, while turns
// keep committing (they will carry them once enough wait), after at most
// markMaxWait.
const (
	maxUnmarked = 8
	carryFrom   = maxUnmarked / 2
	markWait    = 10 * time.Millisecond
	markDelay   = 100 * time.Millisecond
	markMaxWait = 10 * markDelay
)

// sentMarks are the replies sent whose marks are not committed yet.
type sentMarks struct {
	mu      sync.Mutex
	pending []store.SentMark // sent, mark not written
	done    chan struct{}    // closed when pending empties
	armed   bool             // a delayed write is due (realtime only)
	since   time.Time        // when the oldest pending mark was added
	turnAt  time.Time        // when a turn last committed
}

// committed notes that a turn committed (whether or not it carried marks).
func (s *sentMarks) committed(at time.Time) {
	s.mu.Lock()
	s.turnAt = at
	s.mu.Unlock()
}

// add remembers a reply just sent.
func (s *sentMarks) add(id int64, at time.Time) {
	s.mu.Lock()
	if len(s.pending) == 0 {
		s.done = make(chan struct{})
		s.since = at
	}
	s.pending = append(s.pending, store.SentMark{ID: id, At: at})
	s.mu.Unlock()
}

// unwritten returns the marks to write.
func (s *sentMarks) unwritten() []store.SentMark {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.pending)
}

// count is how many sent replies have no mark yet.
func (s *sentMarks) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// written notes that a committed transaction wrote these marks.
func (s *sentMarks) written(marks []store.SentMark) {
	if len(marks) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.pending[:0]
	for _, m := range s.pending {
		if slices.ContainsFunc(marks, func(w store.SentMark) bool { return w.ID == m.ID }) {
			continue
		}
		kept = append(kept, m)
	}
	s.pending = kept
	if len(s.pending) == 0 && s.done != nil {
		close(s.done)
		s.done = nil
	}
}

// inFlight returns the replies whose outbox rows may still read as unsent
// (their marks not written): Deliver leaves them out of its read of the
// outbox.
func (s *sentMarks) inFlight() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) == 0 {
		return nil
	}
	ids := make([]int64, len(s.pending))
	for i, m := range s.pending {
		ids[i] = m.ID
	}
	return ids
}

// wait waits up to d for the marks to be written by someone else.
func (s *sentMarks) wait(ctx context.Context, d time.Duration) bool {
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done == nil {
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

// recordSent writes the unwritten marks in tx (all of them, or only once
// carryFrom wait); once tx commits the caller passes them to
// sentMarks.written.
func (b *Bot) recordSent(tx *store.Tx, all bool) ([]store.SentMark, error) {
	marks := b.marks.unwritten()
	if len(marks) == 0 || !all && len(marks) < carryFrom {
		return nil, nil
	}
	return marks, tx.RecordSent(marks)
}

// writeMarks writes the unwritten marks in a transaction of its own.
func (b *Bot) writeMarks(ctx context.Context) error {
	if b.marks.count() == 0 {
		return nil
	}
	return b.updateMarks(ctx, func(*store.Tx) error { return nil }, true)
}

// WriteMarks writes the sent replies' marks now, without waiting for a
// turn to carry them: for a caller that stops delivering (a benchmark's
// drain). Run does it itself when it ends.
func (b *Bot) WriteMarks(ctx context.Context) error { return b.writeMarks(ctx) }

// markLater writes the marks after markDelay unless a turn has carried
// them by then (realtime); the simulator and tests write them now. A
// write already armed is left as it is: arming again would put it off
// for as long as Deliver keeps being called.
func (b *Bot) markLater(ctx context.Context) error {
	if !b.realtime {
		return b.writeMarks(ctx)
	}
	b.marks.mu.Lock()
	defer b.marks.mu.Unlock()
	if b.marks.armed || len(b.marks.pending) == 0 {
		return nil
	}
	b.marks.armed = true
	delay := b.markDelay
	if delay <= 0 {
		delay = markDelay
	}
	var fire func()
	fire = func() {
		b.marks.mu.Lock()
		now := time.Now()
		if len(b.marks.pending) > 0 && now.Sub(b.marks.turnAt) < delay && now.Sub(b.marks.since) < markMaxWait {
			// Turns are committing: one will carry the marks soon.
			time.AfterFunc(delay, fire)
			b.marks.mu.Unlock()
			return
		}
		b.marks.armed = false
		b.marks.mu.Unlock()
		if err := b.writeMarks(context.Background()); err != nil {
			b.log.Warn("could not record sent replies; they are recorded with the next write", "err", err)
		}
	}
	time.AfterFunc(delay, fire)
	return nil
}
