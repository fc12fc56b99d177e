package whatsapp

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Pacing of outgoing messages. Unofficial clients get banned for sending
// like machines, so replies go out at a person's pace: a global ceiling
// per minute, a gap between any two messages and a longer one within a
// chat, and random jitter on top.
const (
	sendsPerMinute = 20
	sendGap        = time.Second
	chatGap        = 2 * time.Second
	sendJitter     = 1500 * time.Millisecond
)

// pacer hands out send times. Only the outbox loop sends, but it is safe
// for concurrent use.
type pacer struct {
	mu     sync.Mutex
	now    func() time.Time
	recent []time.Time // reserved send times within the last minute
	last   time.Time
	lastTo map[string]time.Time
	until  time.Time // no sends before this (after a refusal)
}

func newPacer(now func() time.Time) *pacer {
	return &pacer{now: now, lastTo: map[string]time.Time{}}
}

// reserve books the next send to chat and returns how long to wait for
// it; the wait is at least typing, the time "typing…" shows.
func (p *pacer) reserve(chat string, typing time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	at := now.Add(typing)
	at = latest(at, p.last.Add(sendGap), p.lastTo[chat].Add(chatGap), p.until)
	if len(p.recent) >= sendsPerMinute {
		at = latest(at, p.recent[len(p.recent)-sendsPerMinute].Add(time.Minute))
	}
	at = at.Add(rand.N(sendJitter))
	p.last, p.lastTo[chat] = at, at
	p.recent = append(p.recent, at)
	// Forget what no longer limits anything.
	for len(p.recent) > 0 && p.recent[0].Before(at.Add(-time.Minute)) {
		p.recent = p.recent[1:]
	}
	if len(p.lastTo) > 1000 {
		for c, t := range p.lastTo {
			if t.Before(now.Add(-chatGap)) {
				delete(p.lastTo, c)
			}
		}
	}
	return at.Sub(now)
}

// hold stops sending for d.
func (p *pacer) hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.until = latest(p.until, p.now().Add(d))
}

func latest(t time.Time, more ...time.Time) time.Time {
	for _, u := range more {
		if u.After(t) {
			t = u
		}
	}
	return t
}

// receiptLog remembers the message ids recent receipts were about, so a
// send that timed out can be recognised as delivered after all.
type receiptLog struct {
	mu    sync.Mutex
	ids   map[string]struct{}
	order []string
	max   int
}

func newReceiptLog(n int) *receiptLog {
	return &receiptLog{ids: map[string]struct{}{}, max: n}
}

func (r *receiptLog) add(ids ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range ids {
		if _, ok := r.ids[id]; ok {
			continue
		}
		r.ids[id] = struct{}{}
		r.order = append(r.order, id)
		if len(r.order) > r.max {
			delete(r.ids, r.order[0])
			r.order = r.order[1:]
		}
	}
}

func (r *receiptLog) seen(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.ids[id]
	return ok
}
