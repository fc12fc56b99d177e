package whatsapp

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// testStart is a Thursday 10:00 WIB, inside business hours.
var testStart = time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)

// testBot is a bot on a fresh shop.db, driven through its public API as a
// transport drives it; the test reads shop.db through db.
type testBot struct {
	*bot.Bot
	db        *store.DB
	dir       string
	shop      *flows.Shop
	now       func() time.Time
	transport bot.Transport
}

// rebuild makes a new bot on db sending through tr, as a restart would.
func (tb *testBot) rebuild(db *store.DB, tr bot.Transport) {
	tb.db, tb.transport = db, tr
	tb.Bot = bot.New(bot.Config{DB: db, Shop: tb.shop, Now: tb.now, DataDir: tb.dir, Forget: Session{DataDir: tb.dir}, Transport: tr})
}

// newTestBot opens a fresh shop from a shop.yaml text and a catalogue CSV.
func newTestBot(t testing.TB, shopYAML, catalogCSV string, start time.Time) (*testBot, *bot.SimClock, *[]bot.Event) {
	t.Helper()
	shop, err := config.Parse("shop.yaml", []byte(shopYAML))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := config.ReadCatalogCSV("catalog.csv", strings.NewReader(catalogCSV))
	if err != nil {
		t.Fatal(err)
	}
	clock := bot.NewSimClock(start)
	dir := filepath.Join(t.TempDir(), "data")
	db, err := store.Open(context.Background(), dir, store.Options{Now: clock.Now, Location: shop.Location})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ImportCatalog(context.Background(), cat, false); err != nil {
		t.Fatal(err)
	}
	events := &[]bot.Event{}
	emit := func(e bot.Event) { *events = append(*events, e) }
	tb := &testBot{dir: dir, shop: shop, now: clock.Now}
	tb.rebuild(db, &bot.Recorder{Now: clock.Now, Emit: emit})
	return tb, clock, events
}
