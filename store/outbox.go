package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Outgoing is a reply waiting in the outbox.
type Outgoing struct {
	ID        int64
	MsgID     string
	Chat      string // a ChatKey: phone digits, or "lid:<user>"
	Text      string
	Image     string
	CreatedAt time.Time
}

// NewMessageID makes a WhatsApp-style message id ("3EB0" and 18 uppercase
// hex digits, like whatsmeow's GenerateMessageID) for a message sent
// without an outbox row (the notices sent when shop.db itself fails). The
// 18 digits are 6 bytes of Unix milliseconds and 3 bytes that start random
// in each millisecond and count up within it. Outbox replies have ids of
// their own (see outboxIDPrefix).
func NewMessageID() string {
	idMu.Lock()
	now := time.Now().UnixMilli()
	if now > idLastMS {
		idLastMS = now
		var r [4]byte
		rand.Read(r[:])
		idSeq = binary.BigEndian.Uint32(r[:]) & 0x7fffff // room to count up
	} else {
		idSeq++
		if idSeq > 0xffffff { // a million ids in one millisecond: borrow the next one
			idLastMS++
			idSeq = 0
		}
	}
	var b [9]byte
	binary.BigEndian.PutUint64(b[:8], uint64(idLastMS)<<16)
	b[6], b[7], b[8] = byte(idSeq>>16), byte(idSeq>>8), byte(idSeq)
	idMu.Unlock()
	return "3EB0" + strings.ToUpper(hex.EncodeToString(b[:]))
}

var (
	idMu     sync.Mutex
	idLastMS int64
	idSeq    uint32
)

// An outbox reply's WhatsApp message id names its row: "3EB1", the row id
// in ten uppercase hex digits, and a nonce of eight random ones, so a
// database started afresh never gives WhatsApp an id it has seen. It is
// fixed when the row is inserted (insertReplies), so a resend after a
// crash carries the same id; the bot's own messages coming back from
// WhatsApp are found by row id, with no index of message ids to write.
// NewMessageID's ids ("3EB0…") are for messages sent without an outbox
// row, and were the outbox's before schema version 12.
const outboxIDPrefix = "3EB1"

// newNonce is the random end of an outbox message id.
func newNonce() string {
	var b [4]byte
	rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// outboxRowOf returns the outbox row id an outbox message id names.
func outboxRowOf(msgID string) (int64, bool) {
	if len(msgID) != len(outboxIDPrefix)+10+8 || !strings.HasPrefix(msgID, outboxIDPrefix) {
		return 0, false
	}
	id, err := strconv.ParseInt(msgID[len(outboxIDPrefix):len(outboxIDPrefix)+10], 16, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// Enqueue queues a reply in this transaction.
func (tx *Tx) Enqueue(chat, text, image, source string, notBefore time.Time) error {
	if notBefore.IsZero() {
		notBefore = tx.now
	}
	// Written with the transaction's other replies in one statement.
	tx.replies = append(tx.replies, queuedReply{nonce: newNonce(), chat: chat, text: capBytes(text, 65536),
		image: image, source: source, created: ms(tx.now), notBefore: ms(notBefore)})
	return nil
}

// heldBehindFailures is how many failed attempts an unsent reply holds its
// chat's later replies back: they wait so the customer reads them in order,
// but a reply that never goes through cannot silence the chat for good.
const heldBehindFailures = 5

// The unsent replies are found without an index an ordinary reply enters
// (migration 014): those waiting their first try from the delivery
// frontier on (a row id scan), those that failed a send, or wait for a
// later time, through outbox_parked. The frontier is a row id below which
// no reply waits its first try; every read moves it up to the first that
// still does (or past the last row), so a read costs the replies written
// since the last one, not every reply ever sent. Row ids only grow (rows
// are never deleted), so a frontier once true stays true.

// parkedOutbox is outbox_parked's condition, spelt as the index has it
// so the planner uses it.
const parkedOutbox = `sent_at IS NULL AND (attempts > 0 OR not_before > created_at)`

// pendingOutbox reads the due unsent replies, ?5 being the frontier: its
// first row is the frontier after this read, negated (so it sorts first;
// it comes even when no reply is due), then the replies, oldest first. A
// compound of ordered parts, merged: no temporary table.
// The unary + keeps the time out of the planner's reckoning: a bound value
// that could change the plan makes SQLite prepare the statement again on
// every run.
// The replies in ?4 (a JSON array of ids: sent, their marks not yet
// written) are left out before their columns are read.
// Whether any reply holds others back is asked once (an uncorrelated
// subquery); only then is each row's chat checked, so a busy outbox is
// not read once for every row in it.
const pendingOutbox = `SELECT -coalesce(
		(SELECT id FROM outbox WHERE id >= ?5 AND sent_at IS NULL AND attempts = 0 AND not_before <= created_at ORDER BY id LIMIT 1),
		(SELECT coalesce(max(id), 0) + 1 FROM outbox)), '', '', '', '', 0
	UNION ALL SELECT o.id, o.msg_id, o.chat, o.text, o.image, o.created_at FROM outbox o
		WHERE o.id >= ?5 AND o.sent_at IS NULL AND ` + pendingDue + `
	UNION ALL SELECT o.id, o.msg_id, o.chat, o.text, o.image, o.created_at FROM outbox o INDEXED BY outbox_parked
		WHERE o.` + parkedOutbox + ` AND o.id < ?5 AND ` + pendingDue + `
	ORDER BY 1 LIMIT ?3 + 1`

// pendingDue is what makes an unsent reply (o) due: its time has come, it
// is not one just sent (?4), and no earlier reply of its chat waits to
// retry (fewer than ?2 attempts in).
const pendingDue = `+o.not_before <= ?1 AND o.id NOT IN (SELECT value FROM json_each(?4))
		AND (NOT EXISTS (SELECT 1 FROM outbox h INDEXED BY outbox_parked WHERE h.` + parkedOutbox + ` AND +h.not_before > ?1 AND h.attempts < ?2)
			OR NOT EXISTS (SELECT 1 FROM outbox e INDEXED BY outbox_parked WHERE e.` + parkedOutbox + ` AND e.chat = o.chat AND e.id < o.id
				AND +e.not_before > ?1 AND e.attempts < ?2))`

// PendingOutbox returns unsent replies due at now, oldest first, but the
// ones in skip (sent already; their marks are on the way). A reply
// waiting to retry a failed send keeps the later replies of its chat back.
func (db *DB) PendingOutbox(ctx context.Context, now time.Time, limit int, skip ...int64) ([]Outgoing, error) {
	ids := "[]"
	if len(skip) > 0 {
		b, err := json.Marshal(skip)
		if err != nil {
			return nil, err
		}
		ids = string(b)
	}
	rows, err := db.query(ctx, pendingOutbox, ms(now), heldBehindFailures, limit, ids, db.frontier.lo.Load())
	if err != nil {
		return nil, fmt.Errorf("failed to read outbox: %w", classify(err))
	}
	defer rows.Close()
	var out []Outgoing
	var lo int64
	for rows.Next() {
		var o Outgoing
		var created sql.NullInt64
		if err := rows.Scan(&o.ID, &o.MsgID, &o.Chat, &o.Text, &o.Image, &created); err != nil {
			return nil, err
		}
		if o.ID <= 0 {
			lo = -o.ID // the frontier's row
			continue
		}
		o.CreatedAt = fromMS(created)
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	db.frontier.advance(lo)
	return out, nil
}

// MarkSent records that a reply went out, in a transaction of its own.
func (db *DB) MarkSent(ctx context.Context, id int64, at time.Time) error {
	erased := false
	err := db.Update(ctx, func(tx *Tx) error {
		err := tx.RecordSent([]SentMark{{ID: id, At: at}})
		erased = tx.Erased()
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to mark reply sent: %w", err)
	}
	if erased {
		return db.Checkpoint(ctx)
	}
	return nil
}

// SentMark is a reply that went out at At.
type SentMark struct {
	ID int64
	At time.Time
}

// RecordSent records in this transaction that replies went out, so the
// marks can ride in the commit of whatever the shop writes next. One
// statement; a reply to a customer erased after it was queued (the
// erasure's own confirmation) is then blanked as well.
func (tx *Tx) RecordSent(marks []SentMark) error {
	if len(marks) == 0 {
		return nil
	}
	pairs := make([][2]int64, len(marks))
	for i, m := range marks {
		pairs[i] = [2]int64{m.ID, ms(m.At)}
	}
	js, err := json.Marshal(pairs)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(tx.ctx, `UPDATE outbox SET sent_at = m.at, attempts = attempts + 1
		FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS at FROM json_each(?)) AS m
		WHERE outbox.id = m.id AND outbox.sent_at IS NULL
		RETURNING outbox.id, outbox.chat, outbox.created_at, EXISTS (SELECT 1 FROM erasure WHERE at >= outbox.created_at)`, string(js))
	if err != nil {
		return fmt.Errorf("failed to mark replies sent: %w", classify(err))
	}
	type erasedRow struct {
		id, created int64
		chat        string
	}
	var check []erasedRow
	for rows.Next() {
		var r erasedRow
		var erasedSince bool
		if err := rows.Scan(&r.id, &r.chat, &r.created, &erasedSince); err != nil {
			rows.Close()
			return fmt.Errorf("failed to mark replies sent: %w", classify(err))
		}
		if erasedSince {
			check = append(check, r)
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("failed to mark replies sent: %w", classify(err))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("failed to mark replies sent: %w", classify(err))
	}
	for _, r := range check {
		if err := tx.forgetSent(r.id, r.chat, r.created); err != nil {
			return fmt.Errorf("failed to forget a reply to an erased customer: %w", err)
		}
	}
	return nil
}

// MarkFailed records a failed send and when to try again.
func (db *DB) MarkFailed(ctx context.Context, id int64, retryAt time.Time, cause error) error {
	msg := ""
	if cause != nil {
		msg = cause.Error()
		if len(msg) > 300 {
			msg = msg[:300]
		}
	}
	_, err := db.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ? WHERE id = ?`, ms(retryAt), msg, id)
	if err != nil {
		return fmt.Errorf("failed to mark reply failed: %w", classify(err))
	}
	return nil
}
