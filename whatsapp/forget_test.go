package whatsapp

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/store/sqlstore"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/config"
)

// TestErasureClearsWhatsAppSession: the session store's copy of an erased
// customer (contact push name, LID map) goes too.
func TestErasureClearsWhatsAppSession(t *testing.T) {
	b, clock, _ := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	dir := b.dir
	ctx := context.Background()
	container, err := sqlstore.New(ctx, "sqlite", "file:"+filepath.Join(dir, SessionFile)+"?_pragma=foreign_keys(1)", nil)
	if err != nil {
		t.Fatal(err)
	}
	container.Close()
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, SessionFile))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	phone, lid := "6281300000099", "88001234567"
	for _, q := range []string{
		`INSERT INTO whatsmeow_contacts (our_jid, their_jid, push_name) VALUES ('6281200000001@s.whatsapp.net', '` + phone + `@s.whatsapp.net', 'Wulan Rahasiaku')`,
		`INSERT INTO whatsmeow_lid_map (lid, pn) VALUES ('` + lid + `', '` + phone + `')`,
		`INSERT INTO whatsmeow_lid_map (lid, pn) VALUES ('111', '6281300000001')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for i, text := range []string{"halo kak", "hapus data saya", "HAPUS", "YA HAPUS"} {
		clock.Set(clock.Now().Add(time.Minute))
		if err := b.Receive(ctx, bot.Message{ID: fmt.Sprint("WS", i), Phone: phone, LID: lid, PushName: "Wulan Rahasiaku", Text: text}); err != nil {
			t.Fatal(err)
		}
		clock.Set(clock.Now().Add(time.Minute)) // the burst ends: its turn runs
		if err := b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var contacts, mine, others int
	raw.QueryRow(`SELECT count(*) FROM whatsmeow_contacts`).Scan(&contacts)
	raw.QueryRow(`SELECT count(*) FROM whatsmeow_lid_map WHERE pn = ?`, phone).Scan(&mine)
	raw.QueryRow(`SELECT count(*) FROM whatsmeow_lid_map`).Scan(&others)
	if contacts != 0 || mine != 0 || others != 1 {
		t.Errorf("after erasure: %d contacts, %d own LID rows, %d LID rows in all; want 0, 0, 1", contacts, mine, others)
	}
	raw.Close()
	for _, name := range []string{SessionFile, SessionFile + "-wal"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && bytes.Contains(data, []byte("Rahasiaku")) {
			t.Errorf("%s still holds the push name", name)
		}
	}
}
