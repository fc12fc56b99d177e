package shipping

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// CacheOptions tune a Cache; zero values take the defaults.
type CacheOptions struct {
	Now       func() time.Time // default time.Now
	SearchTTL time.Duration    // destinations change rarely: default 24h
	QuoteTTL  time.Duration    // prices change now and then: default 6h
	TrackTTL  time.Duration    // a waybill moves: default 10m
	// KgStep is the provider's weight step in grams: quotes for 1 200 g and
	// 1 900 g are the same price and share an entry. Default 1000.
	KgStep int
	// Max bounds the number of entries; the ones closest to expiry go first.
	// Default 2000.
	Max int
}

// Cache remembers a Rater's and a Tracker's answers for a while, so a buyer
// asking twice, or two buyers in the same town, cost one lookup. Errors are
// never remembered: the next call tries again. It is safe for concurrent use.
type Cache struct {
	rater   Rater
	tracker Tracker
	o       CacheOptions

	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	until  time.Time
	places []Place
	quotes []Quote
	track  Track
}

// NewCache wraps r and t (either may be nil: the matching calls then answer
// ErrNotConfigured).
func NewCache(r Rater, t Tracker, o CacheOptions) *Cache {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SearchTTL <= 0 {
		o.SearchTTL = 24 * time.Hour
	}
	if o.QuoteTTL <= 0 {
		o.QuoteTTL = 6 * time.Hour
	}
	if o.TrackTTL <= 0 {
		o.TrackTTL = 10 * time.Minute
	}
	if o.KgStep <= 0 {
		o.KgStep = 1000
	}
	if o.Max <= 0 {
		o.Max = 2000
	}
	return &Cache{rater: r, tracker: t, o: o, entries: map[string]cacheEntry{}}
}

// NormalizeQuery is the cache key of a destination search: lower case,
// punctuation dropped, spaces collapsed.
func NormalizeQuery(q string) string {
	f := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, " ")
}

// RoundGrams rounds a weight up to the provider's step (at least one step).
func RoundGrams(grams, step int) int {
	if step <= 0 {
		step = 1000
	}
	if grams <= step {
		return step
	}
	return (grams + step - 1) / step * step
}

func (c *Cache) get(key string) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return e, false
	}
	if !c.o.Now().Before(e.until) {
		delete(c.entries, key)
		return e, false
	}
	return e, true
}

func (c *Cache) put(key string, e cacheEntry, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.o.Now()
	e.until = now.Add(ttl)
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.o.Max {
		// Drop what expired; if still full, the entry nearest its end.
		for k, old := range c.entries {
			if !now.Before(old.until) {
				delete(c.entries, k)
			}
		}
		for len(c.entries) >= c.o.Max {
			var victim string
			var first time.Time
			for k, old := range c.entries {
				if victim == "" || old.until.Before(first) {
					victim, first = k, old.until
				}
			}
			delete(c.entries, victim)
		}
	}
	c.entries[key] = e
}

// Len is the number of entries held (expired ones included until touched).
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Search implements Rater.
func (c *Cache) Search(ctx context.Context, query string) ([]Place, error) {
	if c.rater == nil {
		return nil, ErrNotConfigured
	}
	key := "s|" + NormalizeQuery(query)
	if e, ok := c.get(key); ok {
		return append([]Place(nil), e.places...), nil
	}
	places, err := c.rater.Search(ctx, query)
	if err != nil {
		return nil, err
	}
	c.put(key, cacheEntry{places: append([]Place(nil), places...)}, c.o.SearchTTL)
	return places, nil
}

// Quotes implements Rater. The weight asked of the provider is rounded up
// to its step, so every weight of one step shares an entry.
func (c *Cache) Quotes(ctx context.Context, to Place, grams int) ([]Quote, error) {
	if c.rater == nil {
		return nil, ErrNotConfigured
	}
	g := RoundGrams(grams, c.o.KgStep)
	key := "q|" + to.ID + "|" + strconv.Itoa(g)
	if e, ok := c.get(key); ok {
		return append([]Quote(nil), e.quotes...), nil
	}
	quotes, err := c.rater.Quotes(ctx, to, g)
	if err != nil {
		return nil, err
	}
	c.put(key, cacheEntry{quotes: append([]Quote(nil), quotes...)}, c.o.QuoteTTL)
	return quotes, nil
}

// Track implements Tracker.
func (c *Cache) Track(ctx context.Context, courier, waybill string) (Track, error) {
	if c.tracker == nil {
		return Track{}, ErrNotConfigured
	}
	key := "t|" + strings.ToLower(strings.TrimSpace(courier)) + "|" + strings.ToUpper(strings.TrimSpace(waybill))
	if e, ok := c.get(key); ok {
		t := e.track
		t.Events = append([]Event(nil), t.Events...)
		return t, nil
	}
	t, err := c.tracker.Track(ctx, courier, waybill)
	if err != nil {
		return Track{}, err
	}
	stored := t
	stored.Events = append([]Event(nil), t.Events...)
	c.put(key, cacheEntry{track: stored}, c.o.TrackTTL)
	return t, nil
}
