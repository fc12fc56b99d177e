package whatsapp

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pesanbot/pesanbot/store"
)

// forgetInSession deletes what whatsapp.db keeps about erased customers:
// their contact entry (push name), the LID↔phone mapping, message secrets
// and privacy tokens. whatsmeow's own store has no call for this, so it is
// plain SQL on its tables, with secure_delete and a WAL checkpoint so the
// bytes leave the files. A data directory without whatsapp.db has nothing
// to clear.
// Session is the WhatsApp session store of a data directory, as far as
// erasure goes: it is the bot's Forgetter in every command that serves a
// data directory, with or without a connection.
type Session struct{ DataDir string }

// Forget implements bot.Forgetter.
func (s Session) Forget(ctx context.Context, who []store.Identity) error {
	return forgetInSession(ctx, s.DataDir, who)
}

// Forget implements bot.Forgetter for the connected transport.
func (w *WhatsApp) Forget(ctx context.Context, who []store.Identity) error {
	return forgetInSession(ctx, w.cfg.DataDir, who)
}

func forgetInSession(ctx context.Context, dataDir string, who []store.Identity) error {
	if dataDir == "" {
		return nil
	}
	path := filepath.Join(dataDir, SessionFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", store.DSN(path, 10*time.Second, "secure_delete(1)"))
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
	var more int // the tables of whatsmeow versions since 2024
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
		('whatsmeow_sessions', 'whatsmeow_identity_keys', 'whatsmeow_chat_settings', 'whatsmeow_event_buffer')`).Scan(&more); err != nil {
		return fmt.Errorf("failed to read %s: %w", path, err)
	}
	for _, id := range who {
		if id.LID == "" && id.Phone != "" {
			// Known to pesanbot by number only: the session may know their
			// LID, whose keys are theirs too.
			db.QueryRowContext(ctx, `SELECT lid FROM whatsmeow_lid_map WHERE pn = ?`, id.Phone).Scan(&id.LID)
		}
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
		if more < 4 {
			continue
		}
		// Their encryption sessions and keys carry the number (user:device);
		// WhatsApp sets up new ones if they write again.
		for _, user := range []string{id.Phone, id.LID} {
			if user == "" {
				continue
			}
			for _, q := range []string{
				`DELETE FROM whatsmeow_sessions WHERE their_id = ?1 OR their_id LIKE ?2 ESCAPE '\' OR their_id LIKE ?3 ESCAPE '\'`,
				`DELETE FROM whatsmeow_identity_keys WHERE their_id = ?1 OR their_id LIKE ?2 ESCAPE '\' OR their_id LIKE ?3 ESCAPE '\'`,
			} {
				if _, err := db.ExecContext(ctx, q, user, user+":%", user+"\\_%"); err != nil {
					return fmt.Errorf("failed to clear the session keys: %w", err)
				}
			}
			jid := user + "@s.whatsapp.net"
			if user == id.LID {
				jid = user + "@lid"
			}
			if _, err := db.ExecContext(ctx, `DELETE FROM whatsmeow_chat_settings WHERE chat_jid = ?`, jid); err != nil {
				return fmt.Errorf("failed to clear the chat settings: %w", err)
			}
		}
		// A decrypted message still buffered (one whose handling failed)
		// holds its text: drop the text of those that name them.
		if err := forgetBuffered(ctx, db, id); err != nil {
			return err
		}
	}
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// forgetBuffered clears the plaintext of buffered messages that mention the
// identity's number or texts.
func forgetBuffered(ctx context.Context, db *sql.DB, id store.Identity) error {
	needles := append([]string{id.Phone, id.LID}, id.Texts...)
	rows, err := db.QueryContext(ctx, `SELECT rowid, plaintext FROM whatsmeow_event_buffer WHERE plaintext IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("failed to read the message buffer: %w", err)
	}
	var hits []int64
	for rows.Next() {
		var rowid int64
		var plain []byte
		if err := rows.Scan(&rowid, &plain); err != nil {
			rows.Close()
			return err
		}
		for _, n := range needles {
			if len(n) >= 4 && bytes.Contains(bytes.ToLower(plain), bytes.ToLower([]byte(n))) {
				hits = append(hits, rowid)
				break
			}
		}
	}
	rows.Close()
	for _, r := range hits {
		if _, err := db.ExecContext(ctx, `UPDATE whatsmeow_event_buffer SET plaintext = NULL WHERE rowid = ?`, r); err != nil {
			return fmt.Errorf("failed to clear the message buffer: %w", err)
		}
	}
	return nil
}
