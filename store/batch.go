package store

import (
	"encoding/json"
	"fmt"
)

// batch.go: the outbox rows and follow-up rows a transaction queues are
// written with one statement each, at commit (or before any statement
// that names their table), so a turn that queues three replies and two
// follow-ups pays two statements, not five.

// queuedReply is an outbox row not inserted yet.
type queuedReply struct {
	nonce, chat, text, image, source string // nonce: the random end of its message id
	created, notBefore               int64
}

// queuedFollowUp is a follow-up row not written yet.
type queuedFollowUp struct {
	kind          string
	subject, step int64
	dueAt         int64
}

// insertReplies inserts the queued replies (?1, a JSON array) after the
// outbox's last row, each with its WhatsApp message id: "3EB1", the row
// id in ten hex digits and the reply's random nonce (see outboxMsgID).
const insertReplies = `INSERT INTO outbox (id, msg_id, chat, text, image, source, created_at, not_before)
	SELECT b.n + j.key + 1, printf('3EB1%010X', b.n + j.key + 1) || (j.value ->> 0),
		j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6
	FROM json_each(?1) AS j, (SELECT coalesce(max(id), 0) AS n FROM outbox) AS b
	ORDER BY j.key`

// flushReplies inserts the queued replies, in the order queued.
func (tx *Tx) flushReplies() error {
	rows := tx.replies
	tx.replies = nil
	if len(rows) == 0 {
		return nil
	}
	vals := make([][7]any, len(rows))
	for i, r := range rows {
		vals[i] = [7]any{r.nonce, r.chat, r.text, r.image, r.source, r.created, r.notBefore}
	}
	js, err := json.Marshal(vals)
	if err != nil {
		return err
	}
	if _, err := tx.exec(insertReplies, string(js)); err != nil {
		return fmt.Errorf("failed to queue reply: %w", err)
	}
	return nil
}

const upsertFollowUps = `INSERT INTO follow_up (kind, subject, step, due_at)
	SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
	ON CONFLICT (subject, kind, step) DO UPDATE SET due_at = excluded.due_at, done_at = NULL, attempt = 0, result = ''`

// flushFollowUps writes the queued follow-ups, in the order queued (a
// later one for the same kind, subject and step wins).
func (tx *Tx) flushFollowUps() error {
	rows := tx.followUps
	tx.followUps = nil
	if len(rows) == 0 {
		return nil
	}
	vals := make([][4]any, len(rows))
	for i, r := range rows {
		vals[i] = [4]any{r.kind, r.subject, r.step, r.dueAt}
	}
	js, err := json.Marshal(vals)
	if err != nil {
		return err
	}
	_, err = tx.exec(upsertFollowUps, string(js))
	return err
}

// flushBatched writes every queued row; the commit calls it.
func (tx *Tx) flushBatched() error {
	if err := tx.flushFollowUps(); err != nil {
		return err
	}
	return tx.flushReplies()
}
