package whatsapp

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/pesanbot/pesanbot/config"
)

// TestOpenSession: whatsapp.db is created 0600 beside shop.db, in WAL
// mode with foreign keys (whatsmeow refuses to start without them).
func TestOpenSession(t *testing.T) {
	dir := t.TempDir()
	w := New(Config{DataDir: dir})
	c, err := openSession(context.Background(), dir, w)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := c.GetFirstDevice(context.Background())
	if err != nil || dev.ID != nil {
		t.Fatalf("first device %v, %v; want a new unpaired one", dev, err)
	}
	c.Close()
	for _, f := range []string{SessionFile, SessionFile + "-wal", SessionFile + "-shm"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			continue // -wal and -shm may be gone after a clean close
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", f, st.Mode().Perm())
		}
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, SessionFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v; want wal", mode, err)
	}
}

// TestWhatsAppLifecycle feeds connection events to watch with an unpaired
// real client (it makes no network calls): logout asks for a new pairing,
// a second session and an outdated client stop pesanbot, a ban waits;
// each says so loudly in the terminal.
func TestWhatsAppLifecycle(t *testing.T) {
	b, _, _ := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	container, err := sqlstore.New(context.Background(), "sqlite", "file:lifecycle?mode=memory&cache=shared&_pragma=foreign_keys(1)", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer container.Close()
	cases := []struct {
		name   string
		events []any
		relink bool
		err    error
		say    string
	}{
		{"logged out", []any{&events.Connected{}, &events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureLoggedOut}}, true, nil, "unlinked pesanbot"},
		{"stream replaced", []any{&events.Connected{}, &events.StreamReplaced{}}, false, ErrStreamReplaced, "Another program"},
		{"client outdated", []any{&events.ClientOutdated{}}, false, ErrClientOutdated, "Update pesanbot"},
		{"temporary ban", []any{&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: time.Hour}}, false, nil, "temporarily banned"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var term bytes.Buffer
			w := New(Config{DataDir: t.TempDir(), Terminal: &term})
			w.bot, w.lids = b.Bot, container.LIDMap
			var slept []time.Duration
			w.sleep = func(_ context.Context, d time.Duration) error {
				slept = append(slept, d)
				return errors.New("test stops here")
			}
			cli := w.newClient(context.Background(), container.NewDevice())
			// An event of an older client is ignored.
			w.handleEvent(w.gen-1, &events.LoggedOut{})
			for _, e := range c.events {
				w.handleEvent(w.gen, e)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			relink, err := w.watch(ctx, cli)
			w.bg.Wait()
			if relink != c.relink || !errors.Is(err, c.err) {
				t.Fatalf("watch = %v, %v; want %v, %v", relink, err, c.relink, c.err)
			}
			if !strings.Contains(term.String(), "PERHATIAN") || !strings.Contains(term.String(), c.say) {
				t.Errorf("terminal says:\n%s\nwant an alert with %q", term.String(), c.say)
			}
			if w.connected {
				t.Error("still marked connected")
			}
			if c.name == "temporary ban" && (len(slept) != 1 || slept[0] != time.Hour) {
				t.Errorf("waited %v, want the ban's hour", slept)
			}
		})
	}
}

// TestShowCodes renders QR codes in half blocks until the phone links the
// device, and gives up on a timeout so the caller makes fresh codes.
func TestShowCodes(t *testing.T) {
	var term bytes.Buffer
	w := New(Config{DataDir: t.TempDir(), Terminal: &term})
	qr := make(chan whatsmeow.QRChannelItem, 3)
	qr <- whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: "2@pesanbot-test-code", Timeout: time.Minute}
	qr <- whatsmeow.QRChannelSuccess
	paired, err := w.showCodes(context.Background(), nil, qr)
	if !paired || err != nil {
		t.Fatalf("showCodes = %v, %v; want paired", paired, err)
	}
	if out := term.String(); !strings.Contains(out, "Scan within 1m0s") || !strings.ContainsAny(out, "▀▄█") {
		t.Errorf("no QR code drawn:\n%s", out)
	}
	qr <- whatsmeow.QRChannelTimeout
	if paired, err := w.showCodes(context.Background(), nil, qr); paired || err != nil {
		t.Fatalf("after a timeout: %v, %v", paired, err)
	}

	// With --pair-phone the first code event asks for a pairing code
	// instead (here from an unconnected client, which fails without
	// touching the network) and no QR code is drawn.
	container, err := sqlstore.New(context.Background(), "sqlite", "file:showcodes?mode=memory&cache=shared&_pragma=foreign_keys(1)", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer container.Close()
	term.Reset()
	w.cfg.PairPhone = "6281200000001"
	cli := whatsmeow.NewClient(container.NewDevice(), nil)
	qr <- whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: "2@x", Timeout: time.Minute}
	qr <- whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: "2@y", Timeout: 20 * time.Second}
	qr <- whatsmeow.QRChannelTimeout
	w.showCodes(context.Background(), cli, qr)
	w.bg.Wait()
	if out := term.String(); strings.ContainsAny(out, "▀▄█") || strings.Count(out, "Kode tautan tidak didapat") != 1 {
		t.Errorf("pair-phone mode printed:\n%s", out)
	}
}
