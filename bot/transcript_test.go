package bot

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
	"github.com/pesanbot/pesanbot/store"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts")

// testStart is a Thursday 10:00 WIB, inside business hours.
var testStart = time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)

// newTestBot opens a fresh shop from a shop.yaml text and a catalogue CSV.
func newTestBot(t testing.TB, shopYAML, catalogCSV string, start time.Time) (*Bot, *SimClock, *[]Event) {
	t.Helper()
	return newTestBotTracked(t, shopYAML, catalogCSV, start, nil)
}

// newTestBotTracked is newTestBot with a tracking provider made on the
// simulated clock (nil: none).
func newTestBotTracked(t testing.TB, shopYAML, catalogCSV string, start time.Time, tracker func(*SimClock) shipping.Tracker) (*Bot, *SimClock, *[]Event) {
	t.Helper()
	shop, err := config.Parse("shop.yaml", []byte(shopYAML))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := config.ReadCatalogCSV("catalog.csv", strings.NewReader(catalogCSV))
	if err != nil {
		t.Fatal(err)
	}
	clock := NewSimClock(start)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "data"), store.Options{Now: clock.Now, Location: shop.Location})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ImportCatalog(context.Background(), cat, false); err != nil {
		t.Fatal(err)
	}
	events := &[]Event{}
	emit := func(e Event) { *events = append(*events, e) }
	c := Config{DB: db, Shop: shop, Now: clock.Now, Transport: &Recorder{Now: clock.Now, Emit: emit}}
	if tracker != nil {
		c.Tracker = tracker(clock)
	}
	b := New(c)
	return b, clock, events
}

func runScript(t testing.TB, b *Bot, clock *SimClock, events *[]Event, script string) {
	t.Helper()
	lines, err := ParseScript("script", strings.NewReader(script))
	if err != nil {
		t.Fatal(err)
	}
	emit := func(e Event) { *events = append(*events, e) }
	if err := Simulate(context.Background(), b, clock, lines, emit); err != nil {
		t.Fatal(err)
	}
}

// render prints a transcript to read like a chat in review.
func render(shop *flows.Shop, events []Event) string {
	var b bytes.Buffer
	for _, e := range events {
		who := e.Chat
		if r := shop.RoleOf(e.Chat); r != "" {
			who = string(r)
		}
		img := ""
		if e.Image {
			img = "[gambar] "
		}
		at := e.At.In(shop.Location).Format("Mon 15:04")
		if e.Dir == "in" {
			fmt.Fprintf(&b, "%s %s: %s%s\n", at, who, img, strings.ReplaceAll(e.Text, "\n", "\n    "))
		} else {
			fmt.Fprintf(&b, "%s   bot → %s: %s%s\n", at, who, img, strings.ReplaceAll(e.Text, "\n", "\n        "))
		}
	}
	return b.String()
}

// TestGoldenTranscripts replays every script under testdata/transcripts on
// the sample shop and compares the chat with its .golden file. Run with
// -update after an intended change and read the diff like a chat.
func TestGoldenTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			script, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			shopYAML, catalogCSV := transcriptShop(t, string(script))
			b, clock, events := newTestBotTracked(t, shopYAML, catalogCSV, testStart, transcriptTrackers[name])
			if transcriptHeader(string(script), "provider") == "fixture" {
				// Rates and tracking from the offline provider.
				b = withFixtureRates(t, b, clock)
			}
			runScript(t, b, clock, events, string(script))
			checkGolden(t, strings.TrimSuffix(f, ".txt")+".golden", render(b.Shop(), *events))
		})
	}
}

// diffLines shows the first differing lines.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return ""
}

// transcriptShop is the shop a transcript runs on: the sample shop, or the
// test shop its header names ("# shop: snack" for testdata/shops/snack,
// e.g. for a shop with COD on).
func transcriptShop(t *testing.T, script string) (yaml, csv string) {
	t.Helper()
	if name := transcriptHeader(script, "shop"); name != "" {
		dir := filepath.Join("../testdata/shops", name)
		y, err := os.ReadFile(filepath.Join(dir, "shop.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := os.ReadFile(filepath.Join(dir, "catalog.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return string(y), string(c)
	}
	return config.SampleShopYAML, config.SampleCatalogCSV
}

// transcriptHeader is the value of a "# key: value" line among a
// script's first comment lines, or "".
func transcriptHeader(script, key string) string {
	for _, line := range strings.Split(script, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if v, ok := strings.CutPrefix(line, "# "+key+": "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// checkGolden compares a rendered transcript with its golden file, or
// rewrites the file with -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run 'Golden|TranscriptsFlat' -update)", err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s (run with -update and review the diff):\n%s", golden, diffLines(string(want), got))
	}
}
