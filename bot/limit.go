package bot

import (
	"sync"
	"time"
)

// senderLimiter is a token bucket per sender with a bounded number of
// senders: the least recently seen are forgotten first, so a flood of new
// numbers cannot grow memory without bound.
type senderLimiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	max     int
	buckets map[string]*bucket
	// order is a ring of keys in insertion order for eviction.
	order []string
}

type bucket struct {
	tokens float64
	last   time.Time
	warned time.Time // last "mohon tunggu" sent
}

func newSenderLimiter(perMinute, burst, maxSenders int) *senderLimiter {
	return &senderLimiter{rate: float64(perMinute) / 60, burst: float64(burst), max: maxSenders, buckets: map[string]*bucket{}}
}

// allow takes a token for key at now. When it refuses, warn reports
// whether the sender should get the one "please wait" of its window.
func (l *senderLimiter) allow(key string, now time.Time, warnEvery time.Duration) (ok, warn bool) {
	if l == nil || l.rate <= 0 {
		return true, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.max {
			l.evict()
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
		l.order = append(l.order, key)
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, false
	}
	if now.Sub(b.warned) >= warnEvery {
		b.warned = now
		return false, true
	}
	return false, false
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

// outboundPacer spaces sends so the account stays under a rate a human
// could type, with jitter: ban heuristics look for machine regularity.
type outboundPacer struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
	jitter   func() time.Duration
}

// wait returns how long to wait before the next send at now, and books it.
func (p *outboundPacer) wait(now time.Time) time.Duration {
	if p == nil || p.interval <= 0 {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.next.Before(now) {
		p.next = now
	}
	d := p.next.Sub(now)
	step := p.interval
	if p.jitter != nil {
		step += p.jitter()
	}
	p.next = p.next.Add(step)
	return d
}
