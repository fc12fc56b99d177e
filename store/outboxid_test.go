package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestOutboxMessageIDs: every reply's WhatsApp id names its outbox row and
// differs from every other; the bot recognises its own ids by row, and no
// other id (a changed nonce, a row that does not exist, a message sent
// without an outbox row, someone else's id) passes for one.
func TestOutboxMessageIDs(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for _, n := range []int{3, 2} {
		if err := db.Update(ctx, func(tx *Tx) error {
			for i := range n {
				if err := tx.Enqueue("6281200000001", fmt.Sprint("pesan ", i), "", "src", time.Time{}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := db.PendingOutbox(ctx, time.Now().Add(time.Second), 10)
	if err != nil || len(out) != 5 {
		t.Fatalf("pending = %d, %v; want 5", len(out), err)
	}
	seen := map[string]bool{}
	for _, m := range out {
		if seen[m.MsgID] {
			t.Errorf("message id %s given twice", m.MsgID)
		}
		seen[m.MsgID] = true
		if id, ok := outboxRowOf(m.MsgID); !ok || id != m.ID || len(m.MsgID) != 22 {
			t.Errorf("message id %q of row %d names row %d (%v)", m.MsgID, m.ID, id, ok)
		}
		if mine, err := db.IsOutboxMessage(ctx, m.MsgID); err != nil || !mine {
			t.Errorf("IsOutboxMessage(%s) = %v, %v; want true", m.MsgID, mine, err)
		}
	}
	last := out[len(out)-1].MsgID
	others := []string{
		last[:len(last)-1] + map[bool]string{true: "0", false: "1"}[last[len(last)-1] != '0'], // another nonce
		fmt.Sprintf("3EB1%010X%s", out[len(out)-1].ID+1, last[14:]),                           // no such row
		NewMessageID(),                   // sent without an outbox row
		"3EB0C0FFEE0123456789AB",         // another device's
		"ABCDEF0123456789",               // a phone's
		"3EB1" + strings.Repeat("Z", 18), // not hex
	}
	for _, id := range others {
		if mine, err := db.IsOutboxMessage(ctx, id); err != nil || mine {
			t.Errorf("IsOutboxMessage(%s) = %v, %v; want false", id, mine, err)
		}
	}
}

// TestOutboxIDsFromVersion11: replies queued before schema version 12
// keep their ids, are still recognised and still go out; new replies
// continue after them.
func TestOutboxIDsFromVersion11(t *testing.T) {
	dir, raw := openAt(t, 11)
	legacy := []string{"3EB0018F2A3B4C5D6E7F80", "3EB0AB12CD34EF56AB78CD"}
	now := time.Now().UnixMilli()
	for i, id := range legacy {
		var sent any
		if i == 0 {
			sent = now
		}
		if _, err := raw.Exec(`INSERT INTO outbox (msg_id, chat, text, created_at, not_before, sent_at) VALUES (?, '6281200000001', ?, ?, ?, ?)`,
			id, fmt.Sprint("lama ", i), now, now, sent); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, id := range legacy {
		if mine, err := db.IsOutboxMessage(ctx, id); err != nil || !mine {
			t.Errorf("IsOutboxMessage(%s) after the migration = %v, %v; want true", id, mine, err)
		}
	}
	if _, err := db.SQL().Exec(`INSERT INTO outbox (msg_id, chat, text, created_at, not_before) VALUES (?, 'x', '', 0, 0)`, legacy[0]); err == nil {
		t.Error("an old message id was stored twice")
	}
	if err := db.Update(ctx, func(tx *Tx) error { return tx.Enqueue("6281200000001", "baru", "", "", time.Time{}) }); err != nil {
		t.Fatal(err)
	}
	out, err := db.PendingOutbox(ctx, time.Now().Add(time.Second), 10)
	if err != nil || len(out) != 2 || out[0].MsgID != legacy[1] || out[1].Text != "baru" || out[1].ID != 3 {
		t.Fatalf("pending = %+v, %v; want the unsent old reply with its id, then the new one as row 3", out, err)
	}
	if id, ok := outboxRowOf(out[1].MsgID); !ok || id != 3 {
		t.Errorf("new reply's id %q does not name row 3", out[1].MsgID)
	}
}
