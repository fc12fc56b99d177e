package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// CSAT counts and averages the ratings given in the period; a rating is
// recorded once; the tracking columns round-trip.
func TestCSATAndTracking(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(50), false); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	err := db.Update(ctx, func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: "x", Phone: "6281200000009", Kind: "text", SentAt: day})
		if err != nil {
			return err
		}
		v := tx.Catalog().Products[0].Variants[0]
		var effs []flows.Effect
		for id := int64(1); id <= 4; id++ {
			effs = append(effs, flows.CreateOrder{Order: order(id, c.ID, v.ID, 1)})
		}
		return tx.Apply(append(effs,
			flows.RateOrder{ID: 1, Rating: 5, Comment: "mantap", At: day.Add(2 * time.Hour)},
			flows.RateOrder{ID: 2, Rating: 2, Comment: "tipis", At: day.Add(5 * time.Hour)},
			flows.RateOrder{ID: 3, Rating: 4, At: day.Add(30 * time.Hour)},                 // the next day
			flows.RateOrder{ID: 1, Rating: 1, Comment: "lagi", At: day.Add(6 * time.Hour)}, // already rated: kept
			flows.SetTracking{ID: 4, Status: "in_transit", Note: "Paket tiba di Hub", At: day.Add(time.Hour), CheckedAt: day.Add(3 * time.Hour)},
			flows.SetTracking{ID: 4, Status: "in_transit", CheckedAt: day.Add(9 * time.Hour)},
		), "")
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Summary(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if s.CSAT.Count != 2 || s.CSAT.Average != 3.5 {
		t.Errorf("csat of the first day = %+v, want 2 ratings averaging 3.5", s.CSAT)
	}
	s, _ = db.Summary(ctx, day, day.Add(48*time.Hour))
	if s.CSAT.Count != 3 || s.CSAT.Average != 3.67 {
		t.Errorf("csat of two days = %+v, want 3 averaging 3.67", s.CSAT)
	}
	s, _ = db.Summary(ctx, day.Add(-48*time.Hour), day)
	if s.CSAT.Count != 0 || s.CSAT.Average != 0 {
		t.Errorf("csat before any rating = %+v", s.CSAT)
	}
	orders, err := db.Orders(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	by := map[int64]flows.Order{}
	for _, o := range orders {
		by[o.ID] = o
	}
	if o := by[1]; o.Rating != 5 || o.RatingComment != "mantap" || !o.RatedAt.Equal(day.Add(2*time.Hour)) {
		t.Errorf("order 1 rating = %d %q %s", o.Rating, o.RatingComment, o.RatedAt)
	}
	if o := by[4]; o.Rating != 0 || o.TrackStatus != "in_transit" || o.TrackNote != "Paket tiba di Hub" || !o.TrackAt.Equal(day.Add(time.Hour)) ||
		!o.TrackChecked.Equal(day.Add(9*time.Hour)) {
		t.Errorf("order 4 track = %q %q %s %s", o.TrackStatus, o.TrackNote, o.TrackAt, o.TrackChecked)
	}
	for _, bad := range []int{0, 6} {
		err := db.Update(ctx, func(tx *Tx) error {
			return tx.Apply([]flows.Effect{flows.RateOrder{ID: 4, Rating: bad, At: day}}, "")
		})
		if !errors.Is(err, ErrConstraint) {
			t.Errorf("rating %d: %v, want ErrConstraint", bad, err)
		}
	}
}
