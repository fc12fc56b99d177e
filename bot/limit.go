package bot

import (
	"sync"
	"time"
)

// senderLimiter paces each customer's turns and cuts only true floods, with
// a bounded number of senders: the least recently added are forgotten
// first, so a flood of new numbers cannot grow memory without bound.
//
// A message is never dropped for coming fast. Turns, not messages, take
// tokens: a turn that finds none waits, and the messages that arrive
// meanwhile are read with it as one turn. Only a flood (more than floodCap
// messages in floodWindow, far beyond what a person types) is cut: the rest
// of the window's messages are recorded but not read, and the customer and
// the owner are told once per window.
type senderLimiter struct {
	mu      sync.Mutex
	rate    float64 // turn tokens per second
	burst   float64
	cap     int           // messages per window before a flood is cut
	window  time.Duration // the flood window
	max     int
	buckets map[string]*bucket
	// order is a ring of keys in insertion order for eviction.
	order []string
}

type bucket struct {
	tokens float64
	last   time.Time
	start  time.Time // the current flood window began
	count  int       // messages in it
	warned time.Time // last flood notice
}

func newSenderLimiter(perMinute, burst, floodCap int, window time.Duration, maxSenders int) *senderLimiter {
	return &senderLimiter{rate: float64(perMinute) / 60, burst: float64(burst), cap: floodCap, window: window,
		max: maxSenders, buckets: map[string]*bucket{}}
}

// get returns key's bucket, made full for a sender not seen before.
func (l *senderLimiter) get(key string, now time.Time) *bucket {
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.max {
			l.evict()
		}
		b = &bucket{tokens: l.burst, last: now, start: now}
		l.buckets[key] = b
		l.order = append(l.order, key)
	}
	return b
}

// message counts one message of key at now. cut reports a flood: the
// message is recorded but not read. notify is true for the first cut of a
// window, when the customer and the owner are told.
func (l *senderLimiter) message(key string, now time.Time) (cut, notify bool) {
	if l == nil || l.cap <= 0 {
		return false, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, now)
	if now.Sub(b.start) >= l.window || now.Before(b.start) {
		b.start, b.count = now, 0
	}
	if b.count++; b.count <= l.cap {
		return false, false
	}
	if b.warned.IsZero() || now.Sub(b.warned) >= l.window || now.Before(b.warned) {
		b.warned = now
		return true, true
	}
	return true, false
}

// turn takes the token for one turn of key at now. Without one, wait is
// how long until there is one: the turn waits that long, and what the
// customer writes meanwhile is read with it.
func (l *senderLimiter) turn(key string, now time.Time) (ok bool, wait time.Duration) {
	if l == nil || l.rate <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, now)
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait = time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, max(wait, 50*time.Millisecond)
}

// evict forgets the oldest quarter of the senders.
func (l *senderLimiter) evict() {
	n := len(l.order) / 4
	if n == 0 {
		n = 1
	}
	for _, k := range l.order[:n] {
		delete(l.buckets, k)
	}
	l.order = append(l.order[:0:0], l.order[n:]...)
}

// size is the number of senders remembered.
func (l *senderLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
