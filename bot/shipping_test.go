package bot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
	"github.com/pesanbot/pesanbot/shipping/fixture"
)

// withFixtureRates rebuilds b with the offline provider of
// testdata/shipping-fixture.yaml behind the cache, as `simulate` wires a
// shop with provider: fixture.
func withFixtureRates(t testing.TB, b *Bot, clock *SimClock) *Bot {
	t.Helper()
	p, err := fixture.Load("testdata/shipping-fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p.Now = clock.Now
	c := shipping.NewCache(p, p, shipping.CacheOptions{Now: clock.Now})
	return withRates(b, c, c)
}

func withRates(b *Bot, r shipping.Rater, tr shipping.Tracker) *Bot {
	return New(Config{DB: b.db, Shop: b.shop, Now: b.now, Transport: b.transport, Rates: r, Tracker: tr})
}

// TestTranscriptsFlat runs every transcript that uses the offline
// provider ("# provider: fixture") again on a shop without one, against its
// .flat.golden: flat rates answer and shipped parcels get the "sudah
// sampai?" check-in, as before a provider existed.
func TestTranscriptsFlat(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		script, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if transcriptHeader(string(script), "provider") != "fixture" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			shopYAML, catalogCSV := transcriptShop(t, string(script))
			b, clock, events := newTestBot(t, shopYAML, catalogCSV, testStart)
			runScript(t, b, clock, events, string(script))
			got := render(b.Shop(), *events)
			checkGolden(t, strings.TrimSuffix(f, ".txt")+".flat.golden", got)
			if strings.Contains(got, "cek ongkir ke") {
				t.Error("a shop without a provider looked prices up")
			}
		})
	}
	if n < 2 {
		t.Fatalf("%d transcripts use the offline provider, want the live-rates one and the whole day", n)
	}
}

// fakeRater answers from fixed lists, fails, or waits.
type fakeRater struct {
	mu      sync.Mutex
	places  []shipping.Place
	quotes  []shipping.Quote
	err     error
	delay   time.Duration
	searchQ []string
	grams   []int
}

func (f *fakeRater) Search(ctx context.Context, q string) ([]shipping.Place, error) {
	f.mu.Lock()
	f.searchQ = append(f.searchQ, q)
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return f.places, f.err
}

func (f *fakeRater) Quotes(_ context.Context, to shipping.Place, grams int) ([]shipping.Quote, error) {
	f.mu.Lock()
	f.grams = append(f.grams, grams)
	f.mu.Unlock()
	return f.quotes, f.err
}

var (
	tambun  = shipping.Place{ID: "1", Label: "Tambun Selatan, Bekasi, Jawa Barat 17510", Postcode: "17510"}
	timur   = shipping.Place{ID: "2", Label: "Bekasi Timur, Kota Bekasi, Jawa Barat 17111", Postcode: "17111"}
	barat   = shipping.Place{ID: "3", Label: "Bekasi Barat, Kota Bekasi, Jawa Barat 17134", Postcode: "17134"}
	fakeOpt = []shipping.Quote{
		{Courier: "jne", Name: "JNE", Service: "REG", Price: 11000, Days: "2-3 hari", MaxDays: 3},
		{Courier: "jne", Name: "JNE", Service: "YES", Price: 22000, Days: "1 hari", MaxDays: 1},
		{Courier: "jnt", Name: "J&T Express", Service: "EZ", Price: 10000, Days: "2-4 hari", MaxDays: 4},
		{Courier: "gosend", Name: "GoSend", Service: "Instant", Price: 5000},
	}
)

// liveOrder runs an order up to the courier question on a bot with r.
func liveOrder(t *testing.T, r shipping.Rater, address string, tail ...string) (*Bot, *[]Event) {
	t.Helper()
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	b = withRates(b, r, nil)
	script := "6281300000050 (Dina): mau pashmina hitam 2 sama khimar maroon 1\n6281300000050: sudah\n6281300000050: Dina\n" +
		"6281300000050: " + address + "\n6281300000050: sama\n"
	for _, l := range tail {
		script += "6281300000050: " + l + "\n"
	}
	runScript(t, b, clock, events, script)
	return b, events
}

func lastOrder(t *testing.T, b *Bot) *flows.Order {
	t.Helper()
	orders, err := b.db.Orders(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(orders) != 1 {
		t.Fatalf("%d orders", len(orders))
	}
	return &orders[0]
}

func replies(events []Event) string {
	var b strings.Builder
	for _, e := range events {
		if e.Dir == "out" && e.Chat == "6281300000050" {
			b.WriteString(e.Text + "\n---\n")
		}
	}
	return b.String()
}

func TestLiveRatesHappyPath(t *testing.T) {
	r := &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt}
	b, events := liveOrder(t, r, "Jl. Mawar 5, Tambun Selatan, Bekasi 17510", "2", "ya")
	out := replies(*events)
	for _, want := range []string{"saya cek ongkir ke Bekasi", "1. J&T EZ: Rp10.000 (estimasi 2-4 hari)", "2. JNE REG: Rp11.000", "Ongkir ke Tambun Selatan, Bekasi (JNE REG, 2-3 hari): Rp11.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "GoSend") {
		t.Error("a courier the shop does not use was offered")
	}
	o := lastOrder(t, b)
	if o.Courier != "JNE REG" || o.Shipping != 11000 || o.ShippingETA != "2-3 hari" {
		t.Fatalf("order %q %d %q", o.Courier, o.Shipping, o.ShippingETA)
	}
	// 2 × 120 g + 200 g = 440 g: one kg.
	if len(r.grams) != 1 || r.grams[0] != 1000 {
		t.Fatalf("grams %v", r.grams)
	}
	if len(r.searchQ) != 1 || !strings.Contains(r.searchQ[0], "17510") || strings.Contains(r.searchQ[0], "Mawar") {
		t.Fatalf("searched %q: the postcode and town, not the street", r.searchQ)
	}
}

func TestLiveRatesPicks(t *testing.T) {
	for _, c := range []struct{ say, courier string }{
		{"yang paling murah aja", "J&T EZ"},
		{"termurah", "J&T EZ"},
		{"jne aja kak", "JNE REG"},
		{"jne yes", "JNE YES"},
		{"yang paling cepat", "JNE YES"},
		{"3", "JNE YES"},
	} {
		t.Run(c.say, func(t *testing.T) {
			r := &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt}
			b, events := liveOrder(t, r, "Jl. Mawar 5, Tambun Selatan, Bekasi 17510", c.say, "ya")
			if o := lastOrder(t, b); o.Courier != c.courier {
				t.Fatalf("courier %q, want %q\n%s", o.Courier, c.courier, replies(*events))
			}
		})
	}
}

func TestLiveRatesFallback(t *testing.T) {
	for _, c := range []struct {
		name string
		r    *fakeRater
	}{
		{"error", &fakeRater{err: errors.New("500 from provider")}},
		{"no place", &fakeRater{}},
		{"no quote of the shop's couriers", &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt[3:]}},
		{"timeout", &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt, delay: time.Minute}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.r.delay > 0 {
				if testing.Short() {
					t.Skip("waits for the fetch timeout")
				}
			}
			b, events := liveOrder(t, c.r, "Jl. Mawar 5, Tambun Selatan, Bekasi 17510", "jne", "ya")
			out := replies(*events)
			if strings.Contains(strings.ToLower(out), "error") || strings.Contains(out, "gagal") {
				t.Errorf("the buyer saw the failure:\n%s", out)
			}
			if !strings.Contains(out, "Mau dikirim pakai kurir apa") {
				t.Errorf("no flat courier question:\n%s", out)
			}
			o := lastOrder(t, b)
			if o.Courier != "JNE" || o.Shipping != 12000 || o.ShippingETA != "" {
				t.Fatalf("flat rate expected: %q %d %q", o.Courier, o.Shipping, o.ShippingETA)
			}
		})
	}
}

func TestLiveRatesSeveralPlaces(t *testing.T) {
	// No postcode: two places fit "bekasi" equally; the buyer says which.
	r := &fakeRater{places: []shipping.Place{timur, barat}, quotes: fakeOpt}
	b, events := liveOrder(t, r, "Jl. Kenari 9, Bekasi", "2", "1", "ya")
	out := replies(*events)
	if !strings.Contains(out, "1. Bekasi Timur") || !strings.Contains(out, "2. Bekasi Barat") {
		t.Fatalf("no place list:\n%s", out)
	}
	o := lastOrder(t, b)
	if o.Courier != "J&T EZ" || o.Shipping != 10000 || !strings.Contains(o.Region, "Bekasi") {
		t.Fatalf("%q %d %q", o.Courier, o.Shipping, o.Region)
	}
	// A postcode decides alone.
	r2 := &fakeRater{places: []shipping.Place{timur, barat}, quotes: fakeOpt}
	_, events = liveOrder(t, r2, "Jl. Kenari 9, Bekasi 17134")
	if out := replies(*events); strings.Contains(out, "masuk yang mana") || !strings.Contains(out, "Ongkir ke *Bekasi Barat") {
		t.Fatalf("postcode should pick Bekasi Barat:\n%s", out)
	}
}

// TestLiveRatesStaleJob: the address changed between the schedule and the
// run; the old lookup does nothing, the new one prices the new address.
func TestLiveRatesStaleJob(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	r := &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt}
	b = withRates(b, r, nil)
	ctx := context.Background()
	send := func(id, text string) {
		t.Helper()
		if err := b.Receive(ctx, Message{ID: id, Phone: "6281300000051", PushName: "Eka", Text: text}); err != nil {
			t.Fatal(err)
		}
		clock.Set(clock.Now().Add(5 * time.Second))
		if err := b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for i, m := range []string{"mau pashmina hitam 2", "sudah", "Eka", "Jl. Mawar 5, Tambun Selatan, Bekasi 17510"} {
		send(string(rune('a'+i)), m)
	}
	// The lookup for Tambun is scheduled; before it runs the buyer changes the address.
	send("e", "sama")
	send("f", "eh alamatnya ganti: Jl. Melati 7, Coblong, Bandung 40132")
	if err := b.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	offers := 0
	for _, e := range *events {
		if e.Dir == "out" && strings.Contains(e.Text, "Mau pakai yang mana") {
			offers++
		}
	}
	if offers != 1 {
		t.Fatalf("%d offers, want one (the stale lookup must stay silent)", offers)
	}
	if len(r.searchQ) == 0 || !strings.Contains(r.searchQ[len(r.searchQ)-1], "40132") {
		t.Fatalf("the last search is not for the new address: %q", r.searchQ)
	}
}

// TestLiveAsk: "ongkir ke X" before ordering gets the live prices; an
// error gets the flat answer.
func TestLiveAsk(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	b = withRates(b, &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt}, nil)
	runScript(t, b, clock, events, "6281300000050 (Dina): ongkir ke tambun berapa?\n")
	if out := replies(*events); !strings.Contains(out, "Ongkir ke *Tambun Selatan, Bekasi* untuk 1 kg") || !strings.Contains(out, "J&T EZ: Rp10.000") {
		t.Fatalf("%s", out)
	}
	b, clock, events = newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	b = withRates(b, &fakeRater{err: errors.New("down")}, nil)
	runScript(t, b, clock, events, "6281300000050 (Dina): ongkir ke bekasi berapa?\n")
	if out := replies(*events); !strings.Contains(out, "Ongkir ke *Bekasi* Rp12.000/kg") {
		t.Fatalf("flat answer expected:\n%s", out)
	}
}

// TestLiveRatesCartChanged: more items after the choice weigh more; the
// price is looked up again for the new weight, never kept stale.
func TestLiveRatesCartChanged(t *testing.T) {
	r := &fakeRater{places: []shipping.Place{tambun}, quotes: fakeOpt}
	b, events := liveOrder(t, r, "Jl. Mawar 5, Tambun Selatan, Bekasi 17510", "2", "tambah pashmina hitam 8", "jne", "ya")
	if len(r.grams) != 2 || r.grams[0] != 1000 || r.grams[1] != 2000 {
		t.Fatalf("grams %v\n%s", r.grams, replies(*events))
	}
	if o := lastOrder(t, b); o.Courier != "JNE REG" || o.Shipping != 11000 {
		t.Fatalf("%q %d", o.Courier, o.Shipping)
	}
}
