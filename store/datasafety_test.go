package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// datasafety_test.go: the data-safety and privacy defects of the issue that
// shop.db owns, by their number there. Each case failed before its fix.

func TestDataSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"3 CheckBackup tells a pesanbot backup from other files", testCheckBackup},
		{"9 the audit log takes the sanctioned redaction and nothing else", testAuditRedactionOnly},
		{"9 erasure redacts rows written about the customer, keeps other customers", testEraseRedacts},
		{"9 ScrubBackups rewrites only backups that name an erased customer", testScrubBackupsOnlyWhatNeeds},
	} {
		t.Run(c.name, c.run)
	}
}

func testCheckBackup(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	b := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackup(ctx, b); err != nil {
		t.Errorf("a backup: %v", err)
	}
	other := filepath.Join(t.TempDir(), "foto.jpg")
	os.WriteFile(other, []byte("\xff\xd8\xff\xe0 jpeg"), 0o600)
	if err := CheckBackup(ctx, other); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("a photo: %v, want ErrNotDatabase", err)
	}
}

func testAuditRedactionOnly(t *testing.T) {
	db, _ := bkOpen(t)
	sdb := db.SQL()
	if _, err := sdb.Exec(`INSERT INTO audit_log (at, actor, action, detail) VALUES (1, 'owner', 'kirim', 'order 1 JNE JX123')`); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`UPDATE audit_log SET detail = 'order 1 JNE JX999'`,
		`UPDATE audit_log SET detail = 'order 1 JNE [dihapus]'`,                                 // no count
		`UPDATE audit_log SET detail = 'order 1 JNE [dihapus]', redacted = 1, actor = 'cs'`,     // another field
		`UPDATE audit_log SET detail = 'order 1 JNE [dihapus]', redacted = 1, action = 'lunas'`, // another field
		`UPDATE audit_log SET detail = 'apa saja', redacted = 1`,                                // no mark
		`DELETE FROM audit_log`,
	} {
		if _, err := sdb.Exec(bad); err == nil {
			t.Errorf("the audit log took %s", bad)
		}
	}
	if _, err := sdb.Exec(`UPDATE audit_log SET detail = 'order 1 JNE [dihapus]', redacted = redacted + 1`); err != nil {
		t.Errorf("the sanctioned redaction was refused: %v", err)
	}
}

// eraseByPhone erases the customer with phone as the flows would.
func eraseByPhone(t *testing.T, db *DB, phone string) {
	t.Helper()
	err := db.Update(context.Background(), func(tx *Tx) error {
		c, ok := tx.CustomerByPhone(phone)
		if !ok {
			t.Fatalf("no customer %s", phone)
		}
		return tx.Apply([]flows.Effect{flows.EraseCustomer{CustomerID: c.ID}}, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func testEraseRedacts(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	bkOrder(t, db, "6281200000011", "Rina Kartikasari", at, 1)
	bkOrder(t, db, "6281200000012", "Anisa", at.Add(time.Minute), 1)
	err := db.Update(ctx, func(tx *Tx) error {
		for _, q := range []string{
			`INSERT INTO outbox (msg_id, chat, text, created_at, not_before, sent_at) VALUES ('m1', '6281200000001', 'Komplain #1 dari Rina Kartikasari (6281200000011)', 1, 1, 1)`,
			`INSERT INTO outbox (msg_id, chat, text, created_at, not_before, sent_at) VALUES ('m2', '6281200000001', 'Pesanan #2 dari Anisa, Jl. Melati No. 1, Bekasi', 1, 1, 1)`,
			`INSERT INTO outbox (msg_id, chat, text, created_at, not_before) VALUES ('m3', '6281200000011', 'Halo Kak Rina', 1, 1)`,
			`INSERT INTO audit_log (at, actor, action, detail) VALUES (1, 'owner', 'balas', 'maaf kak rina, ke 081298765432')`,
			`INSERT INTO follow_up (kind, subject, step, due_at, done_at, result) VALUES ('payment_reminder', 9, 0, 1, 1, 'dikirim ke 6281200000011'),
				('payment_reminder', 9, 1, 1, 1, 'terkirim')`,
		} {
			if _, err := tx.exec(q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	eraseByPhone(t, db, "6281200000011")
	var texts []string
	// The reply waiting for Rina stays as a blank row, settled: row ids
	// are never given twice (the delivery frontier relies on it).
	var chat, text string
	var settled bool
	if err := db.SQL().QueryRow(`SELECT chat, text, sent_at IS NOT NULL FROM outbox WHERE msg_id = 'm3'`).Scan(&chat, &text, &settled); err != nil {
		t.Fatal(err)
	}
	if chat != "dihapus" || text != "" || !settled {
		t.Errorf("the reply waiting for Rina: chat %q text %q settled %v, want blank and settled", chat, text, settled)
	}
	if out, err := db.PendingOutbox(ctx, time.UnixMilli(10), 50); err != nil || len(out) != 0 {
		t.Errorf("after the erasure, pending %v (%v), want none", out, err)
	}
	rows, _ := db.SQL().Query(`SELECT text FROM outbox WHERE msg_id != 'm3' UNION ALL SELECT detail FROM audit_log
		UNION ALL SELECT result FROM follow_up WHERE kind = 'payment_reminder' AND subject = 9`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		texts = append(texts, s)
	}
	rows.Close()
	want := map[string]bool{
		"Komplain #1 dari [dihapus] [dihapus] ([dihapus])": true,
		// Anisa's row names the same recipient phone and address as the
		// test orders share: both are Rina's too, so they go.
		"Pesanan #2 dari Anisa, [dihapus]": true,
		"maaf kak [dihapus], ke [dihapus]": true,
		// A follow-up's note, found by its key (follow_up has no row id).
		"dikirim ke [dihapus]": true,
		"terkirim":             true,
	}
	for _, s := range texts {
		if !want[s] {
			t.Errorf("after the erasure: %q", s)
		}
		delete(want, s)
	}
	for s := range want {
		t.Errorf("missing %q (the reply waiting for Rina must go, the rest stay redacted)", s)
	}
	var anisa int
	db.SQL().QueryRow(`SELECT count(*) FROM orders WHERE name = 'Anisa'`).Scan(&anisa)
	if anisa != 1 {
		t.Error("another customer's order was erased")
	}
}

func testScrubBackupsOnlyWhatNeeds(t *testing.T) {
	ctx := context.Background()
	db, dir := bkOpen(t)
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	backups := filepath.Join(dir, BackupsDir)
	os.MkdirAll(backups, 0o700)
	before := filepath.Join(backups, "shop-20250301.db")
	if err := db.Backup(ctx, before); err != nil { // nobody yet
		t.Fatal(err)
	}
	bkOrder(t, db, "6281200000021", "Sekar Ayuningtyas", at, 1)
	with := filepath.Join(backups, "shop-20250302.db")
	if err := db.Backup(ctx, with); err != nil {
		t.Fatal(err)
	}
	untouched, _ := os.ReadFile(before)
	eraseByPhone(t, db, "6281200000021")
	n, err := db.ScrubBackups(ctx, backups)
	if err != nil || n != 1 {
		t.Fatalf("ScrubBackups = %d, %v; want 1 backup rewritten", n, err)
	}
	if b, _ := os.ReadFile(before); !bytes.Equal(b, untouched) {
		t.Error("a backup without the customer was rewritten")
	}
	// (bkOrder's message ids carry the phone, so the name is looked for.)
	for _, secret := range []string{"Sekar", "Ayuningtyas"} {
		if b, _ := os.ReadFile(with); bytes.Contains(b, []byte(secret)) {
			t.Errorf("the backup still holds %q", secret)
		}
	}
	if err := CheckBackup(ctx, with); err != nil {
		t.Errorf("the rewritten backup: %v", err)
	}
	if tmp := bkTemps(t, backups); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	bkMode(t, with, 0o600)
	// Idempotent: nothing left to do.
	if n, err := db.ScrubBackups(ctx, backups); err != nil || n != 0 {
		t.Errorf("second ScrubBackups = %d, %v", n, err)
	}
}
