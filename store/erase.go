package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/pesanbot/pesanbot/flows"
)

// eraseCustomer deletes or anonymises everything shop.db keeps about a
// customer. Orders stay for bookkeeping without name, phone and address;
// messages, conversation, complaint texts, photos and proofs go. The media
// files are listed in tx.removed for the caller to delete after commit.
// secure_delete (set at open) overwrites the freed pages; Checkpoint then
// clears the WAL.
func (tx *Tx) eraseCustomer(id int64) error {
	var phone, lid string
	if err := tx.QueryRowContext(tx.ctx, `SELECT coalesce(phone, ''), coalesce(lid, '') FROM customer WHERE id = ?`, id).Scan(&phone, &lid); err != nil {
		return fmt.Errorf("failed to find customer %d: %w", id, err)
	}
	tx.forgotten = append(tx.forgotten, Identity{Phone: phone, LID: lid})
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
	steps := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM payment_proof WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)`, []any{id}},
		{`DELETE FROM complaint_photo WHERE complaint_id IN (SELECT id FROM complaint WHERE customer_id = ?)`, []any{id}},
		{`UPDATE orders SET name = ?, phone = '', address = '', tracking = '' WHERE customer_id = ?`, []any{label, id}},
		{`UPDATE complaint SET description = '[dihapus atas permintaan pelanggan]', note = '' WHERE customer_id = ?`, []any{id}},
		{`UPDATE inbound SET text = '', media_path = '' WHERE customer_id = ?`, []any{id}},
		{`DELETE FROM conversation WHERE customer_id = ?`, []any{id}},
		{`UPDATE customer SET phone = NULL, lid = ?, push_name = '', paused_until = 0 WHERE id = ?`, []any{"erased-" + strconv.FormatInt(id, 10), id}},
	}
	if phone != "" {
		// Sent replies to them, and staff notifications naming their number.
		steps = append(steps, struct {
			q    string
			args []any
		}{`DELETE FROM outbox WHERE sent_at IS NOT NULL AND (chat = ? OR instr(text, ?) > 0)`, []any{phone, phone}})
	}
	for _, s := range steps {
		if _, err := tx.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("failed to erase customer %d: %w", id, err)
		}
	}
	tx.cat = nil
	tx.erased = true
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
// written since are erased (their orders stay, anonymised).
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
		AND NOT EXISTS (SELECT 1 FROM inbound i WHERE i.customer_id = c.id AND i.sent_at >= ?)`, cut, cut)
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
