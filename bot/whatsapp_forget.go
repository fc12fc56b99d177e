package bot

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pesanbot/pesanbot/store"
)

// forgetInSession deletes what whatsapp.db keeps about erased customers:
// their contact entry (push name), the LID↔phone mapping, message secrets
// and privacy tokens. whatsmeow's own store has no call for this, so it is
// plain SQL on its tables, with secure_delete and a WAL checkpoint so the
// bytes leave the files. A data directory without whatsapp.db has nothing
// to clear.
func forgetInSession(ctx context.Context, dataDir string, who []store.Identity) error {
	path := filepath.Join(dataDir, SessionFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=secure_delete(1)")
	if err != nil {
		return fmt.Errorf("failed to open %s: %w", path, err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
		('whatsmeow_contacts', 'whatsmeow_privacy_tokens', 'whatsmeow_message_secrets', 'whatsmeow_lid_map')`).Scan(&tables); err != nil {
		return fmt.Errorf("failed to read %s: %w", path, err)
	}
	if tables < 4 {
		return nil // never paired: whatsmeow made no tables yet
	}
	for _, id := range who {
		var jids []any
		if id.Phone != "" {
			jids = append(jids, id.Phone+"@s.whatsapp.net")
		}
		if id.LID != "" {
			jids = append(jids, id.LID+"@lid")
		}
		for _, jid := range jids {
			for _, q := range []string{
				`DELETE FROM whatsmeow_contacts WHERE their_jid = ?`,
				`DELETE FROM whatsmeow_privacy_tokens WHERE their_jid = ?`,
				`DELETE FROM whatsmeow_message_secrets WHERE chat_jid = ? OR sender_jid = ?1`,
			} {
				if _, err := db.ExecContext(ctx, q, jid); err != nil {
					return fmt.Errorf("failed to clear the session: %w", err)
				}
			}
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM whatsmeow_lid_map WHERE pn = ? OR lid = ?`, id.Phone, id.LID); err != nil {
			return fmt.Errorf("failed to clear the LID map: %w", err)
		}
	}
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}
