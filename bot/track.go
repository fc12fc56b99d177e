package bot

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
)

// fetchTrack looks up a shipped order's waybill for its parcel_track
// follow-up, before the follow-up's transaction opens. It asks nothing
// during the quiet hours (the row waits for their end) and nothing for an
// order that is no longer shipped. A waybill asked about lately is answered
// from the cache: a retried row or two orders in one parcel cost one call.
func (b *Bot) fetchTrack(ctx context.Context, f flows.FollowUp) *flows.Fetched {
	if b.tracker == nil {
		return &flows.Fetched{Err: shipping.ErrNotConfigured}
	}
	if b.shop.Quiet(b.now()) {
		return nil
	}
	o, err := b.db.Dashboard().Order(ctx, f.Subject)
	if err != nil {
		return &flows.Fetched{Err: err}
	}
	if o.Status != flows.StatusShipped || o.Tracking == "" {
		return nil
	}
	courier := shipping.OrderCourierCode(o.Courier)
	if courier == "" {
		// A courier no provider lists (the shop's own): asked as written.
		courier = strings.ToLower(strings.TrimSpace(o.Courier))
	}
	key := courier + "\x00" + o.Tracking
	now := b.now()
	if tr, ok := b.trackCache.get(key, now); ok {
		return &flows.Fetched{Track: &tr}
	}
	tr, err := b.tracker.Track(ctx, courier, o.Tracking)
	if err != nil {
		b.log.Warn("tracking lookup failed", "order", o.ID, "err", err)
		return &flows.Fetched{Err: err}
	}
	ttl := b.shop.Delivery.PollEvery / 2
	if ttl <= 0 || ttl > time.Hour {
		ttl = time.Hour
	}
	b.trackCache.put(key, tr, now.Add(ttl))
	return &flows.Fetched{Track: &tr}
}

// trackCache keeps recent waybill answers; it is small and forgets all at
// once when full rather than tracking ages.
type trackCache struct {
	mu sync.Mutex
	m  map[string]cachedTrack
}

type cachedTrack struct {
	tr    shipping.Track
	until time.Time
}

const trackCacheMax = 4096

func (c *trackCache) get(key string, now time.Time) (shipping.Track, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !now.Before(e.until) {
		return shipping.Track{}, false
	}
	return e.tr, true
}

func (c *trackCache) put(key string, tr shipping.Track, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= trackCacheMax {
		c.m = map[string]cachedTrack{}
	}
	c.m[key] = cachedTrack{tr: tr, until: until}
}
