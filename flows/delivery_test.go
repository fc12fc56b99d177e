package flows

import (
	"testing"
	"time"
)

// 500 parcels shipped in the same minute are polled spread over the poll
// interval, and the polls the night holds back are spread after it too.
func TestPollSpread(t *testing.T) {
	loc := time.FixedZone("WIB", 7*3600)
	shop := &Shop{Location: loc, QuietStart: 21 * time.Hour, QuietEnd: 8 * time.Hour,
		Delivery: Delivery{Tracked: true, PollEvery: 6 * time.Hour}}
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, loc) // 09:00: six hours of day ahead
	const n, buckets = 500, 12
	var first, night [buckets]int
	for id := int64(1); id <= n; id++ {
		eff := shippedFollowUps(shop, id, at)
		if len(eff) != 1 {
			t.Fatalf("order %d: %d effects, want one poll", id, len(eff))
		}
		s := eff[0].(Schedule)
		if s.Kind != FollowUpParcelTrack || s.Subject != id {
			t.Fatalf("order %d: %+v", id, s)
		}
		off := s.DueAt.Sub(at)
		if off < 0 || off >= 6*time.Hour {
			t.Fatalf("order %d: first poll %s after shipping, want within the interval", id, off)
		}
		first[off/(30*time.Minute)]++
		// A poll planned from 20:00 falls in the quiet hours: after 08:00.
		next := nextPoll(shop, id, time.Date(2026, 11, 26, 20, 0, 0, 0, loc))
		end := time.Date(2026, 11, 27, 8, 0, 0, 0, loc)
		if d := next.Sub(end); d < 0 || d >= 6*time.Hour {
			t.Fatalf("order %d: night poll at %s", id, next.In(loc))
		} else {
			night[d/(30*time.Minute)]++
		}
	}
	for i := range buckets {
		// About 42 a half hour; a lump would be hundreds at once.
		if first[i] < 20 || first[i] > 70 || night[i] < 20 || night[i] > 70 {
			t.Fatalf("polls per half hour: first %v, after the night %v", first, night)
		}
	}
}

func TestShippedFollowUps(t *testing.T) {
	at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	shop := &Shop{Delivery: Delivery{CheckinAfter: 72 * time.Hour}}
	eff := shippedFollowUps(shop, 7, at)
	if len(eff) != 1 || eff[0].(Schedule).Kind != FollowUpArrivalCheck || !eff[0].(Schedule).DueAt.Equal(at.Add(72*time.Hour)) {
		t.Fatalf("no tracker: %+v, want a check-in after 3 days", eff)
	}
	shop.Delivery.CheckinAfter = 0
	if eff := shippedFollowUps(shop, 7, at); len(eff) != 0 {
		t.Fatalf("check-in off: %+v", eff)
	}
	shop.Delivery.Rating, shop.Delivery.RatingAfter = true, time.Hour
	eff = completedEffects(shop, 7, at)
	if len(eff) != 2 || eff[1].(Schedule).Kind != FollowUpRatingAsk || !eff[1].(Schedule).DueAt.Equal(at.Add(time.Hour)) {
		t.Fatalf("completion: %+v", eff)
	}
	shop.Delivery.Rating = false
	if eff := completedEffects(shop, 7, at); len(eff) != 1 {
		t.Fatalf("rating off: %+v", eff)
	}
	o := &Order{ShippedAt: at}
	if got := shop.Delivery.expectedBy(o); !got.Equal(at.AddDate(0, 0, DefaultExpectDays)) {
		t.Fatalf("expectedBy = %s", got)
	}
}

func TestExpectedByUsesTheChosenService(t *testing.T) {
	shipped := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	d := Delivery{ExpectDays: 3}
	for eta, days := range map[string]int{"": 3, "2-3 hari": 3, "1 hari": 1, "3 - 5 HARI": 5, "estimasi 4-7 hari": 7, "besok": 3} {
		o := &Order{ShippedAt: shipped, ShippingETA: eta}
		if got, want := d.expectedBy(o), shipped.AddDate(0, 0, days); !got.Equal(want) {
			t.Errorf("eta %q: expected by %v, want %v", eta, got, want)
		}
	}
}
