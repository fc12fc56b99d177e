package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/lang"
)

// Inbound is one accepted message, as the transport saw it.
type Inbound struct {
	MsgID     string
	Phone     string // sender's phone digits, "" when only the LID is known
	LID       string // sender's LID user, "" when unknown
	PushName  string
	Kind      string // text, image, sticker, … (the inbound.kind CHECK list)
	Text      string
	MediaPath string
	SentAt    time.Time
}

// Message is a stored inbound message waiting for its turn.
type Message struct {
	ID        int64
	MsgID     string
	Kind      string
	Text      string
	MediaPath string
	SentAt    time.Time
}

// Receive records a message before anything else happens to it: the
// customer (created or merged by phone and LID), the dedupe row. It reports
// dup when the message id was seen before, in which case nothing changed.
func (tx *Tx) Receive(in Inbound) (c flows.Customer, dup bool, err error) {
	if in.Phone == "" && in.LID == "" {
		return flows.Customer{}, false, errors.New("message without sender")
	}
	pushName := lang.Clean(in.PushName, 100)
	r, ok, err := tx.receiveFast(in, pushName)
	if err != nil {
		return flows.Customer{}, false, err
	}
	if ok {
		tx.remember(r)
		if pushName != "" && pushName != r.PushName {
			if _, err := tx.exec(`UPDATE customer SET push_name = ? WHERE id = ?`, pushName, r.ID); err != nil {
				return flows.Customer{}, false, err
			}
			r.PushName = pushName
		}
		if r.dup {
			return r.Customer, true, nil
		}
		tx.inbound = &bufferedInbound{id: r.maxInbound + 1, customerID: r.ID, msgID: in.MsgID, kind: in.Kind,
			text: capBytes(in.Text, 65536), mediaPath: in.MediaPath, sentAt: ms(in.SentAt), received: ms(tx.now)}
		tx.olderPending = r.olderPending
		return r.Customer, false, nil
	}
	cust, err := tx.identify(in.Phone, in.LID, in.PushName)
	if err != nil {
		return flows.Customer{}, false, err
	}
	res, err := tx.exec(`INSERT INTO inbound (msg_id, customer_id, kind, text, media_path, sent_at, received_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id) DO NOTHING`,
		in.MsgID, cust.ID, in.Kind, capBytes(in.Text, 65536), in.MediaPath, ms(in.SentAt), ms(tx.now))
	if err != nil {
		return flows.Customer{}, false, fmt.Errorf("failed to record message: %w", err)
	}
	n, _ := res.RowsAffected()
	return *cust, n == 0, nil
}

func capBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return lang.Clean(s, n/4)
}

// identify finds or creates the customer for a phone and/or LID, merging a
// LID-only customer into the phone customer once both are known.
func (tx *Tx) identify(phone, lid, pushName string) (*flows.Customer, error) {
	if phone == "" && lid == "" {
		return nil, errors.New("message without sender")
	}
	pushName = lang.Clean(pushName, 100)
	var byPhone, byLID *flows.Customer
	var err error
	if phone != "" {
		if byPhone, err = tx.customerWhere("phone = ?", phone); err != nil {
			return nil, err
		}
	}
	if lid != "" {
		if byLID, err = tx.customerWhere("lid = ?", lid); err != nil {
			return nil, err
		}
	}
	switch {
	case byPhone != nil && byLID != nil && byPhone.ID != byLID.ID:
		if err := tx.mergeCustomer(byLID.ID, byPhone.ID); err != nil {
			return nil, err
		}
		if _, err := tx.exec(`UPDATE customer SET lid = ? WHERE id = ?`, lid, byPhone.ID); err != nil {
			return nil, err
		}
		byPhone.LID = lid
	case byPhone != nil && lid != "" && byPhone.LID == "":
		if _, err := tx.exec(`UPDATE customer SET lid = ? WHERE id = ?`, lid, byPhone.ID); err != nil {
			return nil, err
		}
		byPhone.LID = lid
	case byPhone == nil && byLID != nil && phone != "":
		if _, err := tx.exec(`UPDATE customer SET phone = ? WHERE id = ?`, phone, byLID.ID); err != nil {
			return nil, err
		}
		byLID.Phone = phone
		byPhone = byLID
	case byPhone == nil && byLID == nil:
		id, err := tx.newCustomer(phone, lid, pushName)
		if err != nil {
			return nil, err
		}
		return &flows.Customer{ID: id, Phone: phone, LID: lid, PushName: pushName}, nil
	}
	c := byPhone
	if c == nil {
		c = byLID
	}
	if pushName != "" && pushName != c.PushName {
		if _, err := tx.exec(`UPDATE customer SET push_name = ? WHERE id = ?`, pushName, c.ID); err != nil {
			return nil, err
		}
		c.PushName = pushName
	}
	return c, nil
}

func (tx *Tx) customerWhere(where string, arg any) (*flows.Customer, error) {
	c, err := scanCustomer(tx.QueryRowContext(tx.ctx, selectCustomer+" WHERE "+where, arg))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("failed to find customer: %w", err)
	}
	return c, nil
}

// mergeCustomer moves everything of customer from onto customer to.
func (tx *Tx) mergeCustomer(from, to int64) error {
	for _, q := range []string{
		`UPDATE inbound SET customer_id = ? WHERE customer_id = ?`,
		`UPDATE orders SET customer_id = ? WHERE customer_id = ?`,
		`UPDATE complaint SET customer_id = ? WHERE customer_id = ?`,
		`UPDATE OR IGNORE conversation SET customer_id = ? WHERE customer_id = ?`,
	} {
		if _, err := tx.exec(q, to, from); err != nil {
			return fmt.Errorf("failed to merge customer: %w", err)
		}
	}
	_, err := tx.exec(`DELETE FROM customer WHERE id = ?`, from)
	return err
}

// Customer loads one customer (with their conversation state, for
// LoadState).
func (tx *Tx) Customer(id int64) (*flows.Customer, error) {
	var r customerRow
	var paused sql.NullInt64
	err := tx.QueryRowContext(tx.ctx, customerByID, id).Scan(&r.ID, &r.Phone, &r.LID, &r.PushName, &paused, &r.state, &r.catVer, &r.hasOrders, &r.complaints)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("customer %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to find customer: %w", classify(err))
	}
	r.PausedUntil = fromMS(paused)
	tx.remember(&r)
	c := r.Customer
	return &c, nil
}

// Pending returns a customer's messages not yet handled, oldest first.
func (tx *Tx) Pending(customerID int64) ([]Message, error) {
	if b := tx.inbound; b != nil && b.customerID == customerID && !tx.olderPending {
		return []Message{{ID: b.id, MsgID: b.msgID, Kind: b.kind, Text: b.text, MediaPath: b.mediaPath,
			SentAt: fromMS(sql.NullInt64{Int64: b.sentAt, Valid: true})}}, nil
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT id, msg_id, kind, text, media_path, sent_at FROM inbound
		WHERE customer_id = ? AND handled_at IS NULL ORDER BY id LIMIT 200`, customerID)
	if err != nil {
		return nil, fmt.Errorf("failed to read pending messages: %w", classify(err))
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var sent sql.NullInt64
		if err := rows.Scan(&m.ID, &m.MsgID, &m.Kind, &m.Text, &m.MediaPath, &sent); err != nil {
			return nil, err
		}
		m.SentAt = fromMS(sent)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkHandled marks messages as handled by this transaction's turn.
func (tx *Tx) MarkHandled(ids []int64) error {
	for _, id := range ids {
		if b := tx.inbound; b != nil && b.id == id {
			b.handled = true
			continue
		}
		if _, err := tx.exec(`UPDATE inbound SET handled_at = ? WHERE id = ? AND handled_at IS NULL`, ms(tx.now), id); err != nil {
			return fmt.Errorf("failed to mark message handled: %w", err)
		}
	}
	return nil
}

// LoadState reads a chat's conversation state; a new chat has the zero state.
func (tx *Tx) LoadState(customerID int64) (flows.State, error) {
	raw, ok := tx.states[customerID]
	if !ok {
		err := tx.QueryRowContext(tx.ctx, `SELECT state FROM conversation WHERE customer_id = ?`, customerID).Scan(&raw)
		if err != nil && err != sql.ErrNoRows {
			return flows.State{}, fmt.Errorf("failed to load conversation: %w", classify(err))
		}
		if tx.states == nil {
			tx.states = map[int64]sql.NullString{}
		}
		tx.states[customerID] = raw
	}
	if !raw.Valid {
		return flows.State{}, nil
	}
	var st flows.State
	if err := json.Unmarshal([]byte(raw.String), &st); err != nil {
		// A state this binary cannot read starts over rather than blocking the chat.
		return flows.State{}, nil
	}
	return st, nil
}

const upsertState = `INSERT INTO conversation (customer_id, state, updated_at, code) VALUES (?, ?, ?, ?)
		ON CONFLICT (customer_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, code = excluded.code`

// reservedCode is the unique code a state holds for a summary waiting for
// "ya", kept in its own column for FreeCode; nil when it holds none.
func reservedCode(st flows.State) any {
	if st.Step == flows.StepConfirm && st.Code > 0 {
		return st.Code
	}
	return nil
}

// SaveState writes a chat's conversation state, unless it is the one
// stored already.
func (tx *Tx) SaveState(customerID int64, st flows.State) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("failed to encode conversation: %w", err)
	}
	if old, ok := tx.states[customerID]; ok && old.Valid && old.String == string(raw) {
		return nil
	}
	if _, err = tx.exec(upsertState, customerID, string(raw), ms(tx.now), reservedCode(st)); err != nil {
		return fmt.Errorf("failed to save conversation: %w", err)
	}
	if tx.states == nil {
		tx.states = map[int64]sql.NullString{}
	}
	tx.states[customerID] = sql.NullString{String: string(raw), Valid: true}
	return nil
}

// DueChats lists the customers with unhandled messages whose newest message
// arrived at or before quietSince: their burst is over.
func (db *DB) DueChats(ctx context.Context, quietSince time.Time) ([]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT customer_id FROM inbound WHERE handled_at IS NULL
		GROUP BY customer_id HAVING max(received_at) <= ? ORDER BY min(id)`, ms(quietSince))
	if err != nil {
		return nil, fmt.Errorf("failed to list due chats: %w", classify(err))
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// NextBurstEnd returns the newest receive time among chats with unhandled
// messages, taking the earliest such chat: the caller adds the burst window.
func (db *DB) NextBurstEnd(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	err := db.db.QueryRowContext(ctx, `SELECT min(last) FROM (SELECT max(received_at) AS last FROM inbound
		WHERE handled_at IS NULL GROUP BY customer_id)`).Scan(&v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("failed to find due turns: %w", classify(err))
	}
	if !v.Valid {
		return time.Time{}, false, nil
	}
	return fromMS(v), true, nil
}
