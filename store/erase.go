package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
)

// eraseCustomer deletes or anonymises everything shop.db keeps about a
// customer, by identity: every row that refers to them, in every table.
// Orders stay for bookkeeping without name, phone, address and tracking
// number; messages, conversation, complaint texts, photos and proofs go;
// rows written about them (staff notifications in the outbox, staff
// commands, the audit log, follow-up notes) keep their place with the
// customer's phone numbers, names, addresses and tracking numbers replaced
// by RedactMark. The identity goes into the erasure ledger, so backups and
// a restored database can be erased too, and a reply still waiting to be
// sent to them is blanked once sent. The media files are listed in
// tx.removed for the caller to delete after commit. secure_delete (set at
// open) overwrites the freed bytes; Checkpoint then clears the WAL.
func (tx *Tx) eraseCustomer(id int64) error {
	var phone, lid, push string
	if err := tx.QueryRowContext(tx.ctx, `SELECT coalesce(phone, ''), coalesce(lid, ''), push_name FROM customer WHERE id = ?`, id).Scan(&phone, &lid, &push); err != nil {
		return fmt.Errorf("failed to find customer %d: %w", id, err)
	}
	p, err := tx.personalOf(id, phone, lid, push)
	if err != nil {
		return fmt.Errorf("failed to erase customer %d: %w", id, err)
	}
	var texts []string
	for s := range p.exact {
		texts = append(texts, s)
	}
	tx.forgotten = append(tx.forgotten, Identity{Phone: phone, LID: lid, Texts: texts})
	for _, q := range []string{
		`SELECT p.path FROM payment_proof p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = ?`,
		`SELECT p.path FROM complaint_photo p JOIN complaint c ON c.id = p.complaint_id WHERE c.customer_id = ?`,
		`SELECT media_path FROM inbound WHERE customer_id = ? AND media_path != ''`,
	} {
		if err := tx.collectRemoved(q, id); err != nil {
			return err
		}
	}
	label := "Pelanggan #" + strconv.FormatInt(id, 10)
	chats := []any{LIDChatKey(lid).String(), LIDChatKey(lid).String()}
	if phone != "" {
		chats[0] = phone
	}
	for _, s := range []struct {
		q    string
		args []any
	}{
		{`DELETE FROM payment_proof WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)`, []any{id}},
		{`DELETE FROM complaint_photo WHERE complaint_id IN (SELECT id FROM complaint WHERE customer_id = ?)`, []any{id}},
		{`UPDATE orders SET name = ?, phone = '', address = '', tracking = '', track_note = '', rating_comment = '' WHERE customer_id = ?`, []any{label, id}},
		{`UPDATE complaint SET description = '[dihapus atas permintaan pelanggan]', note = '' WHERE customer_id = ?`, []any{id}},
		{`UPDATE inbound SET text = '', media_path = '' WHERE customer_id = ?`, []any{id}},
		{`DELETE FROM inbound_catalog WHERE inbound_id IN (SELECT id FROM inbound WHERE customer_id = ?)`, []any{id}},
		{`DELETE FROM conversation WHERE customer_id = ?`, []any{id}},
		{`UPDATE customer SET phone = NULL, lid = ?, push_name = '', paused_until = 0 WHERE id = ?`, []any{"erased-" + strconv.FormatInt(id, 10), id}},
		// What was sent to them is theirs, and what still waits is moot:
		// blanked and settled, not deleted, so no row id is ever given
		// twice (the delivery frontier relies on it, see frontier.go).
		// A reply written after this (the confirmation) is blanked once sent.
		{`UPDATE outbox SET chat = 'dihapus', text = '', image = '', last_error = '', sent_at = coalesce(sent_at, ?)
			WHERE chat IN (?, ?)`, append([]any{ms(tx.now)}, chats...)},
	} {
		if _, err := tx.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("failed to erase customer %d: %w", id, err)
		}
	}
	if !p.empty() {
		for _, r := range []struct{ table, key, col, set, scope string }{
			{"outbox", "id", "text", "", "1"},
			{"inbound", "id", "text", "", "customer_id != " + strconv.FormatInt(id, 10)},
			{"orders", "id", "cancel_reason", "", "1"},
			{"follow_up", "subject, kind, step", "result", "", "1"},
			{"complaint", "id", "note", "", "1"},
			// The one sanctioned change of the audit log (migration 002).
			{"audit_log", "id", "detail", ", redacted = redacted + 1", "1"},
		} {
			if err := tx.redactColumn(p, r.table, r.key, r.col, r.set, r.scope); err != nil {
				return fmt.Errorf("failed to erase customer %d from %s: %w", id, r.table, err)
			}
		}
	}
	for _, k := range identityKeys(phone, lid) {
		if _, err := tx.exec(`INSERT INTO erasure (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = max(at, excluded.at)`, k, ms(tx.now)); err != nil {
			return fmt.Errorf("failed to record the erasure: %w", err)
		}
	}
	tx.wroteCatalog()
	tx.erased = true
	return nil
}

// identityKeys are the ledger keys of a phone and a LID.
func identityKeys(phone, lid string) []string {
	var keys []string
	if phone != "" {
		keys = append(keys, identityKey("phone", phone))
	}
	if lid != "" && !strings.HasPrefix(lid, "erased-") {
		keys = append(keys, identityKey("lid", lid))
	}
	return keys
}

// personalOf gathers what names customer id: their numbers, names,
// addresses and tracking numbers, from the customer row, their orders and
// their conversation.
func (tx *Tx) personalOf(id int64, phone, lid, push string) (*personal, error) {
	p := newPersonal()
	p.addPhone(phone)
	if lid != "" && !strings.HasPrefix(lid, "erased-") {
		p.addExact(lid)
	}
	p.addName(push)
	rows, err := tx.QueryContext(tx.ctx, `SELECT name, phone, address, region, tracking FROM orders WHERE customer_id = ?
		UNION ALL SELECT coalesce(json_extract(state, '$.details.name'), ''), coalesce(json_extract(state, '$.details.phone'), ''),
			coalesce(json_extract(state, '$.details.address'), ''), '', '' FROM conversation WHERE customer_id = ?
		UNION ALL SELECT coalesce(json_extract(state, '$.last.name'), ''), coalesce(json_extract(state, '$.last.phone'), ''),
			coalesce(json_extract(state, '$.last.address'), ''), '', '' FROM conversation WHERE customer_id = ?`, id, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, ph, addr, region, tracking string
		if err := rows.Scan(&name, &ph, &addr, &region, &tracking); err != nil {
			return nil, err
		}
		if !strings.HasPrefix(name, "Pelanggan #") {
			p.addName(name)
		}
		p.addPhone(ph)
		p.addAddress(addr, region)
		p.addExact(tracking)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	p.compile()
	return p, nil
}

// redactColumn replaces what p names in table.col on the rows in scope
// (each row named by its key columns, comma-separated),
// with set added to each update. A cheap filter in SQL finds the rows that
// may mention the customer; the matcher decides.
func (tx *Tx) redactColumn(p *personal, table, key, col, set, scope string) error {
	needles := p.needles()
	conds := make([]string, len(needles))
	args := make([]any, len(needles))
	for i, n := range needles {
		conds[i] = "instr(lower(" + col + "), ?) > 0"
		args[i] = n
	}
	keys := strings.Split(key, ", ")
	rows, err := tx.QueryContext(tx.ctx, `SELECT `+col+`, `+key+` FROM `+table+` WHERE (`+scope+`) AND (`+strings.Join(conds, " OR ")+`)`, args...)
	if err != nil {
		return err
	}
	type change struct {
		key  []any
		text string
	}
	var changes []change
	for rows.Next() {
		c := change{key: make([]any, len(keys))}
		dest := make([]any, 1+len(keys))
		var old string
		dest[0] = &old
		for i := range keys {
			dest[1+i] = &c.key[i]
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		if c.text = p.redact(old); c.text != old {
			changes = append(changes, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	where := strings.Join(keys, " = ? AND ") + " = ?"
	for _, c := range changes {
		if _, err := tx.exec(`UPDATE `+table+` SET `+col+` = ?`+set+` WHERE `+where, append([]any{c.text}, c.key...)...); err != nil {
			return err
		}
	}
	return nil
}

// Checkpoint copies the WAL into the database and truncates it, so deleted
// bytes leave the -wal file too.
func (db *DB) Checkpoint(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("failed to checkpoint: %w", classify(err))
	}
	return nil
}

// retain applies the retention policy: proofs past their age are deleted;
// customers whose every order closed before the cut-off and who have not
// written since are erased (their orders stay, anonymised). Who wrote
// since is one pass over the messages (there is no index on their time).
func (tx *Tx) retain(r flows.Retain) error {
	if err := tx.collectRemoved(`SELECT path FROM payment_proof WHERE received_at < ?`, ms(r.ProofsBefore)); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM payment_proof WHERE received_at < ?`, ms(r.ProofsBefore)); err != nil {
		return err
	}
	cut := ms(r.OrdersBefore)
	ids, err := tx.QueryContext(tx.ctx, `SELECT c.id FROM customer c
		WHERE c.phone IS NOT NULL
		AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)
		AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
			AND (o.created_at >= ? OR o.status NOT IN ('completed', 'cancelled')))
		AND c.id NOT IN (SELECT customer_id FROM inbound WHERE sent_at >= ?)`, cut, cut)
	if err != nil {
		return err
	}
	var erase []int64
	for ids.Next() {
		var id int64
		if err := ids.Scan(&id); err != nil {
			ids.Close()
			return err
		}
		erase = append(erase, id)
	}
	ids.Close()
	for _, id := range erase {
		if err := tx.eraseCustomer(id); err != nil {
			return err
		}
	}
	if len(tx.removed) > 0 {
		tx.erased = true
	}
	return nil
}

// collectRemoved adds the file paths a query returns to the files to delete
// after commit.
func (tx *Tx) collectRemoved(query string, args ...any) error {
	rows, err := tx.QueryContext(tx.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return err
		}
		if p != "" {
			tx.removed = append(tx.removed, p)
		}
	}
	return rows.Err()
}
