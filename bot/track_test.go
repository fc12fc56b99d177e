package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/shipping"
)

// fakeTracker is a tracking provider for tests: each waybill has a
// timeline of events that become visible as the simulated clock passes
// them. An unknown waybill is shipping.Unknown; failing makes every call
// fail until cleared.
type fakeTracker struct {
	now     func() time.Time
	mu      sync.Mutex
	parcels map[string][]fakeEvent
	failing bool
	calls   int
	asked   []string // "courier waybill", in order
}

type fakeEvent struct {
	at     time.Time
	status shipping.Status
	text   string
}

var errFakeTracker = errors.New("fake tracker: provider down")

func (f *fakeTracker) Track(_ context.Context, courier, waybill string) (shipping.Track, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.asked = append(f.asked, courier+" "+waybill)
	if f.failing {
		return shipping.Track{}, errFakeTracker
	}
	tr := shipping.Track{Status: shipping.Unknown}
	now := f.now()
	for _, e := range f.parcels[waybill] {
		if e.at.After(now) {
			break
		}
		tr.Status = e.status
		tr.Events = append([]shipping.Event{{At: e.at, Text: e.text}}, tr.Events...)
	}
	return tr, nil
}

func (f *fakeTracker) setFailing(v bool) {
	f.mu.Lock()
	f.failing = v
	f.mu.Unlock()
}

func (f *fakeTracker) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// transcriptTrackers gives the golden transcripts that need one a fake
// tracking provider, by transcript name; the others run without.
var transcriptTrackers = map[string]func(*SimClock) shipping.Tracker{
	// JNE0201 moves for two days, then stalls past its estimate, and is
	// delivered on the sixth day.
	"28-paket-dilacak": func(c *SimClock) shipping.Tracker {
		at := func(d time.Duration) time.Time { return testStart.Add(d) }
		return &fakeTracker{now: c.Now, parcels: map[string][]fakeEvent{
			"JNE0201": {
				{at(20 * time.Hour), shipping.InTransit, "Paket diterima di gudang JNE Jakarta"},
				{at(32 * time.Hour), shipping.InTransit, "Paket berangkat dari Jakarta"},
				{at(44 * time.Hour), shipping.InTransit, "Paket tiba di Hub Yogyakarta"},
				{at(5*24*time.Hour + 6*time.Hour), shipping.Delivered, "Paket diterima oleh YBS"},
			},
		}}
	},
}
