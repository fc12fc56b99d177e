package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
)

const buyer = "6281300000061"

// shipOne orders one item as buyer, pays and ships it with waybill wb.
const shipOneScript = buyer + ` (Nisa): mau bergo maryam hitam 1
` + buyer + `: Nisa, Jl. Dahlia 4 Sleman DIY 55281, 081300000061, jne
` + buyer + `: ya
owner: /lunas 1
owner: /kirim 1 JNE WB1
`

// newTrackedBot is the sample shop with a fake tracker whose timeline for
// WB1 the test fills in.
func newTrackedBot(t *testing.T) (*Bot, *SimClock, *[]Event, *fakeTracker) {
	t.Helper()
	var ft *fakeTracker
	b, clock, events := newTestBotTracked(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart,
		func(c *SimClock) shipping.Tracker {
			ft = &fakeTracker{now: c.Now, parcels: map[string][]fakeEvent{}}
			return ft
		})
	return b, clock, events, ft
}

func order1(t *testing.T, b *Bot) flows.Order {
	t.Helper()
	os, err := b.db.Orders(context.Background(), "")
	if err != nil || len(os) == 0 {
		t.Fatalf("orders: %v %v", os, err)
	}
	return os[len(os)-1]
}

func countTo(events []Event, chat, substr string) int {
	n := 0
	for _, e := range events {
		if e.Dir == "out" && e.Chat == chat && strings.Contains(e.Text, substr) {
			n++
		}
	}
	return n
}

// A tracked parcel: a failing provider only reschedules (no message), the
// latest position is stored for "sampai mana?", a stalled parcel opens
// exactly one late complaint even when its follow-up runs again after a
// crash, and the delivery completes the order, closes the complaint and
// plans the rating.
func TestTrackedParcel(t *testing.T) {
	b, clock, events, ft := newTrackedBot(t)
	ft.setFailing(true)
	runScript(t, b, clock, events, shipOneScript)
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND done_at IS NULL`); n != 1 {
		t.Fatalf("pending polls after /kirim = %d, want 1", n)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'arrival_check'`); n != 0 {
		t.Fatalf("a tracked parcel got a check-in row")
	}
	shipped := order1(t, b).ShippedAt
	day := func(d float64) time.Time { return shipped.Add(time.Duration(d * float64(24*time.Hour))) }
	ft.parcels["WB1"] = []fakeEvent{
		{day(0.5), shipping.InTransit, "Paket diterima di gudang Jakarta"},
		{day(1.1), shipping.InTransit, "Paket tiba di Hub Sleman"},
		{day(6), shipping.Delivered, "Paket diterima oleh yang bersangkutan"},
	}
	before := len(*events)
	runScript(t, b, clock, events, "~ 1d")
	if ft.callCount() == 0 {
		t.Fatal("the tracker was never asked")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND result = 'lookup failed'`); n == 0 {
		t.Fatal("no poll failed while the provider was down")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND done_at IS NULL`); n != 1 {
		t.Fatalf("pending polls after failures = %d, want 1 (rescheduled)", n)
	}
	for _, e := range (*events)[before:] {
		if e.Dir == "out" && e.Chat == buyer {
			t.Fatalf("the buyer heard of a failed lookup: %q", e.Text)
		}
	}
	ft.setFailing(false)
	runScript(t, b, clock, events, "~ 1d\n"+buyer+": paketnya sampai mana kak?")
	if o := order1(t, b); o.TrackStatus != string(shipping.InTransit) || o.TrackNote != "Paket tiba di Hub Sleman" {
		t.Fatalf("stored track = %q %q", o.TrackStatus, o.TrackNote)
	}
	if last := (*events)[len(*events)-1]; !strings.Contains(last.Text, "Posisi terakhir: Paket tiba di Hub Sleman") {
		t.Fatalf("status answer without the last position: %q", last.Text)
	}
	// Past the estimate (3 days) and the grace (1 day): one apology, one
	// late complaint, however many polls follow.
	runScript(t, b, clock, events, "~ 2d12h")
	if n := queryInt(t, b, `SELECT count(*) FROM complaint WHERE category = 'late' AND order_id = 1`); n != 1 {
		t.Fatalf("late complaints = %d, want 1", n)
	}
	if n := countTo(*events, buyer, "belum sampai, padahal perkiraan"); n != 1 {
		t.Fatalf("apologies = %d, want 1", n)
	}
	// Crash-safety: the poll that opened the complaint runs again (as after
	// a crash before its row was marked done): no second complaint.
	var subject, step int64
	if err := b.db.SQL().QueryRow(`SELECT subject, step FROM follow_up WHERE kind = 'parcel_track' AND result LIKE 'late%'`).Scan(&subject, &step); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.SQL().Exec(`UPDATE follow_up SET done_at = NULL, result = '' WHERE kind = 'parcel_track' AND subject = ? AND step = ?`, subject, step); err != nil {
		t.Fatal(err)
	}
	if err := b.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM complaint WHERE order_id = 1`); n != 1 {
		t.Fatalf("complaints after a rerun = %d, want 1", n)
	}
	// Delivered on day 6.
	runScript(t, b, clock, events, "~ 2d")
	o := order1(t, b)
	if o.Status != flows.StatusCompleted {
		t.Fatalf("status after delivery = %s", o.Status)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM complaint WHERE order_id = 1 AND status = 'resolved'`); n != 1 {
		t.Fatal("the late complaint was not closed by the delivery")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND done_at IS NULL`); n != 0 {
		t.Fatalf("still polling a delivered parcel (%d rows)", n)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'rating_ask'`); n != 1 {
		t.Fatal("no rating question planned after delivery")
	}
	runScript(t, b, clock, events, "~ 1d\n"+buyer+": 4 bagus kak, cepat sampai")
	o = order1(t, b)
	if o.Rating != 4 || o.RatingComment != "bagus kak, cepat sampai" {
		t.Fatalf("rating = %d %q", o.Rating, o.RatingComment)
	}
	if n := countTo(*events, buyer, "Boleh minta nilai"); n != 1 {
		t.Fatalf("rating asked %d times, want once", n)
	}
}

// Polls stop after track_max with a note to staff; a returned parcel is
// told to staff once and no longer polled.
func TestTrackedParcelStopsAndReturns(t *testing.T) {
	b, clock, events, ft := newTrackedBot(t)
	runScript(t, b, clock, events, shipOneScript)
	shipped := order1(t, b).ShippedAt
	ft.parcels["WB1"] = []fakeEvent{
		{shipped.Add(time.Hour), shipping.InTransit, "Paket diterima di gudang"},
		{shipped.Add(50 * time.Hour), shipping.Returned, "Alamat tidak ditemukan, paket diretur"},
	}
	runScript(t, b, clock, events, "~ 3d")
	if n := countTo(*events, b.shop.Owners[0], "diretur kurir"); n != 1 {
		t.Fatalf("staff told of the return %d times, want 1", n)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND done_at IS NULL`); n != 0 {
		t.Fatal("a returned parcel is still polled")
	}

	b, clock, events, ft = newTrackedBot(t)
	runScript(t, b, clock, events, shipOneScript)
	ft.parcels["WB1"] = []fakeEvent{{order1(t, b).ShippedAt.Add(time.Hour), shipping.InTransit, "Paket diterima di gudang"}}
	runScript(t, b, clock, events, "~ 31d")
	if n := countTo(*events, b.shop.Owners[0], "pelacakan otomatis berhenti"); n != 1 {
		t.Fatalf("staff told polling stopped %d times, want 1", n)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'parcel_track' AND done_at IS NULL`); n != 0 {
		t.Fatal("still polling past track_max")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM complaint WHERE category = 'late'`); n != 1 {
		t.Fatalf("late complaints over a month = %d, want 1", n)
	}
}

// Without a tracker: the check-in is skipped when the buyer complained in
// the meantime or said on their own that the parcel came; a staff
// /selesai plans the rating too, asked once.
func TestCheckinSkippedAndRatingOnce(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, shipOneScript+"~ 1d\n"+buyer+": alhamdulillah paketnya sudah sampai kak\n~ 3d")
	if n := countTo(*events, buyer, "sudah sampai? 📦"); n != 0 {
		t.Fatal("check-in sent after the buyer said it arrived")
	}
	if o := order1(t, b); o.Status != flows.StatusCompleted {
		t.Fatalf("status = %s after \"sudah sampai\"", o.Status)
	}
	if n := countTo(*events, buyer, "Boleh minta nilai"); n != 1 {
		t.Fatalf("rating asked %d times", n)
	}
	// Not a rating: read as usual, and the question stays for a real one.
	runScript(t, b, clock, events, buyer+": kak gamis ada?\n"+buyer+": bintang 5")
	if o := order1(t, b); o.Rating != 5 {
		t.Fatalf("rating = %d after \"bintang 5\"", o.Rating)
	}
	// A second rating message is an ordinary message: the order keeps 5.
	runScript(t, b, clock, events, buyer+": 1")
	if o := order1(t, b); o.Rating != 5 {
		t.Fatalf("rating changed to %d", o.Rating)
	}

	b, clock, events = newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, shipOneScript+"~ 1d\n"+buyer+": kak barangnya datang tapi sobek\n~ 3d")
	if n := countTo(*events, buyer, "sudah sampai? 📦"); n != 0 {
		t.Fatal("check-in sent after the buyer complained")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'arrival_check' AND result = 'skipped: complained'`); n != 1 {
		t.Fatal("the check-in row was not skipped as complained")
	}

	b, clock, events = newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, shipOneScript+"owner: /selesai 1\n~ 2h\n"+buyer+": nilai 1, lama banget dan kainnya kotor")
	o := order1(t, b)
	if o.Rating != 1 || !strings.Contains(o.RatingComment, "kainnya kotor") {
		t.Fatalf("rating = %d %q", o.Rating, o.RatingComment)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM complaint WHERE order_id = 1 AND description LIKE 'Nilai 1/5%'`); n != 1 {
		t.Fatal("a rating of 1 opened no complaint")
	}
}
