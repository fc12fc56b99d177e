package bot

import (
	"context"
	"errors"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
	"github.com/pesanbot/pesanbot/store"
)

// fetchQuote looks live shipping prices up for a shipping_quote follow-up,
// before its transaction opens: it reads what to look up from the
// customer's state (read-only), searches the destination and prices the
// cart's weight. It never fails; an error is carried for the flow, which
// falls back to the flat rates.
func (b *Bot) fetchQuote(ctx context.Context, f flows.FollowUp) *flows.Fetched {
	if b.rates == nil {
		return &flows.Fetched{Err: shipping.ErrNotConfigured}
	}
	var st flows.State
	if err := b.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		st, err = tx.LoadState(f.Subject)
		return err
	}); err != nil {
		return &flows.Fetched{Err: err}
	}
	l := st.Ship
	if l == nil || l.Seq != f.Step {
		return &flows.Fetched{Err: errors.New("stale lookup")}
	}
	out := b.lookup(ctx, l)
	if out.Err != nil {
		// No personal data: the buyer's words stay out of the log.
		b.log.Info("live shipping rates unavailable; flat rates used", "err", out.Err)
	}
	return out
}

func (b *Bot) lookup(ctx context.Context, l *flows.ShipLookup) *flows.Fetched {
	place := shipping.Place{ID: l.PlaceID, Label: l.Place}
	var places []shipping.Place
	if place.ID == "" {
		found, err := b.rates.Search(ctx, l.Query)
		if err != nil {
			return &flows.Fetched{Err: err}
		}
		if len(found) == 0 {
			b.log.Debug("no destination found", "query", l.Query)
			return &flows.Fetched{}
		}
		written := l.Address
		if written == "" {
			written = l.Query
		}
		best, ok := flows.ChoosePlace(written, found)
		if !ok && !l.Ask {
			// Several fit equally: the buyer says which.
			return &flows.Fetched{Places: found}
		}
		if !ok {
			best = found[0]
		}
		place = best
	}
	places = []shipping.Place{place}
	quotes, err := b.rates.Quotes(ctx, place, l.Grams)
	if err != nil {
		return &flows.Fetched{Places: places, Err: err}
	}
	return &flows.Fetched{Places: places, Quotes: quotes}
}
