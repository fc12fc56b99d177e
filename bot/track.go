package bot

import (
	"context"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
)

// fetchTrack looks up a shipped order's waybill for its parcel_track
// follow-up, before the follow-up's transaction opens. It asks nothing
// during the quiet hours (the row waits for their end) and nothing for an
// order that is no longer shipped. Recent answers are cached in front of
// the provider (shipping.NewCache, as run, chat and simulate wire it).
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
	tr, err := b.tracker.Track(ctx, courier, o.Tracking)
	if err != nil {
		b.log.Warn("tracking lookup failed", "order", o.ID, "err", err)
		return &flows.Fetched{Err: err}
	}
	return &flows.Fetched{Track: &tr}
}
