package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// Event is one line of a transcript. The JSON names are a contract.
type Event struct {
	At    time.Time `json:"at"`
	Dir   string    `json:"dir"` // "in" or "out"
	Chat  string    `json:"chat"`
	Name  string    `json:"-"`
	Text  string    `json:"text"`
	Image bool      `json:"image"`
}

// SimClock is a settable clock for the simulator.
type SimClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewSimClock starts a clock at t.
func NewSimClock(t time.Time) *SimClock { return &SimClock{t: t.UTC()} }

// Now returns the simulated time.
func (c *SimClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock.
func (c *SimClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t.UTC()
	c.mu.Unlock()
}

// Recorder is a Transport that records what the bot sends.
type Recorder struct {
	Now  func() time.Time
	Emit func(Event)
}

// Send implements Transport.
func (r *Recorder) Send(_ context.Context, m store.Outgoing) error {
	r.Emit(Event{At: r.Now(), Dir: "out", Chat: m.Chat, Text: m.Text, Image: m.Image != ""})
	return nil
}

// scriptGap is the simulated time between two message lines: longer than
// any burst window, so each line is its own turn.
const scriptGap = time.Minute

// Simulate replays a script through the bot. The bot must have been built
// with clock.Now and a Recorder transport that emits to the same place as
// emit. Each message line comes scriptGap after the previous one unless a
// "~ D" line sets the gap; everything due in between runs in order.
func Simulate(ctx context.Context, b *Bot, clock *SimClock, lines []ScriptLine, emit func(Event)) error {
	first := true
	gap := time.Duration(-1)
	// Message ids are unique per run, so replaying a script again on the
	// same data directory is new messages, not duplicates.
	var run [4]byte
	rand.Read(run[:])
	prefix := "SIM" + hex.EncodeToString(run[:]) + "-"
	for i, l := range lines {
		if l.Wait > 0 || (l.Sender == "" && l.Wait == 0) {
			if gap < 0 {
				gap = 0
			}
			gap += l.Wait
			continue
		}
		if !first {
			if gap < 0 {
				gap = scriptGap
			}
			if err := advance(ctx, b, clock, clock.Now().Add(gap)); err != nil {
				return err
			}
		} else if gap > 0 {
			if err := advance(ctx, b, clock, clock.Now().Add(gap)); err != nil {
				return err
			}
		}
		first, gap = false, -1
		phone := l.Sender
		if phone == "owner" {
			if len(b.shop.Owners) == 0 {
				return fmt.Errorf("line %d: the shop has no owner number", l.Line)
			}
			phone = b.shop.Owners[0]
		}
		m := Message{ID: fmt.Sprintf("%s%06d", prefix, i+1), Phone: phone, PushName: l.PushName, Text: l.Text, SentAt: clock.Now()}
		if l.Image {
			m.Media = flows.MediaImage
			m.Path = "media/sim-" + m.ID + ".jpg"
		}
		emit(Event{At: clock.Now(), Dir: "in", Chat: phone, Name: l.PushName, Text: l.Text, Image: l.Image})
		if err := b.Receive(ctx, m); err != nil {
			return fmt.Errorf("line %d: %w", l.Line, err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			return err
		}
	}
	// Let the last burst end and whatever trailing wait the script asked for run.
	end := clock.Now().Add(b.shop.BurstWindow)
	if gap > 0 {
		end = clock.Now().Add(max(gap, b.shop.BurstWindow))
	}
	return advance(ctx, b, clock, end)
}

// advance moves the clock to target, running every burst flush and
// follow-up that falls due on the way, each at its own time.
func advance(ctx context.Context, b *Bot, clock *SimClock, target time.Time) error {
	for steps := 0; ; steps++ {
		if steps > 100000 {
			return fmt.Errorf("simulation stuck at %s", clock.Now())
		}
		next, ok, err := b.nextDue(ctx)
		if err != nil {
			return err
		}
		if !ok || next.After(target) {
			break
		}
		if next.After(clock.Now()) {
			clock.Set(next)
		}
		if err := b.RunDue(ctx); err != nil {
			return err
		}
		if err := b.Sweep(ctx); err != nil {
			return err
		}
		if _, err := b.Deliver(ctx); err != nil {
			return err
		}
		if !next.After(clock.Now()) {
			// Work due now that did not go away (a failing follow-up):
			// move on rather than spin.
			if again, ok, _ := b.nextDue(ctx); ok && !again.After(clock.Now()) {
				clock.Set(clock.Now().Add(time.Second))
			}
		}
	}
	clock.Set(target)
	return nil
}

// nextDue is the earliest time some work falls due: a burst that ends, a
// follow-up, or the daily summary.
func (b *Bot) nextDue(ctx context.Context) (time.Time, bool, error) {
	var best time.Time
	found := false
	consider := func(t time.Time) {
		if !found || t.Before(best) {
			best, found = t, true
		}
	}
	if t, ok, err := b.db.NextBurstEnd(ctx); err != nil {
		return time.Time{}, false, err
	} else if ok {
		consider(t.Add(b.shop.BurstWindow))
	}
	if t, ok, err := b.db.NextFollowUp(ctx); err != nil {
		return time.Time{}, false, err
	} else if ok {
		consider(t)
	}
	if t, ok := b.nextDaily(b.now()); ok {
		consider(t)
	}
	return best, found, nil
}
