package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// pendingReference is what PendingOutbox must return, read the plain way:
// every unsent row of the whole outbox, due, not skipped, not held behind
// an earlier reply of its chat that waits to retry (at most
// heldBehindFailures attempts).
const pendingReference = `SELECT id FROM outbox o
	WHERE sent_at IS NULL AND not_before <= ?1 AND id NOT IN (SELECT value FROM json_each(?4))
	AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.chat = o.chat AND e.sent_at IS NULL AND e.id < o.id
		AND e.not_before > ?1 AND e.attempts < ?2)
	ORDER BY id LIMIT ?3`

// TestDeliveryFrontier drives an outbox through random days (replies
// written, sent, failed and retried, marks written late, customers erased,
// the process closed or killed and opened again with the frontier it
// saved, or an older one) and checks at every step that PendingOutbox and
// UnsentReplies agree with the whole-outbox reading: the frontier never
// hides a reply, whatever it is.
func TestDeliveryFrontier(t *testing.T) {
	seeds := uint64(6)
	if raceDetector {
		seeds = 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { testDeliveryFrontier(t, seed) })
	}
}

func testDeliveryFrontier(t *testing.T, seed uint64) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	now := time.UnixMilli(1_700_000_000_000)
	clock := func() time.Time { return now }
	open := func() *DB {
		db, err := Open(ctx, dir, Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	defer func() { db.Close() }()
	rng := rand.New(rand.NewPCG(seed, 14))
	chats := []string{"6281200000001", "6281200000002", "6281200000003", "lid:90000000000004"}
	var inFlight []int64 // sent, marks not written
	for step := range steps(400) {
		switch r := rng.IntN(100); {
		case r < 35: // a turn writes replies, carrying the marks
			n := 1 + rng.IntN(3)
			chat := chats[rng.IntN(len(chats))]
			marks := inFlight
			inFlight = nil
			if err := db.Update(ctx, func(tx *Tx) error {
				for i := range n {
					if err := tx.Enqueue(chat, fmt.Sprint("balasan ", step, i), "", "src", time.Time{}); err != nil {
						return err
					}
				}
				var sm []SentMark
				for _, id := range marks {
					sm = append(sm, SentMark{ID: id, At: now})
				}
				return tx.RecordSent(sm)
			}); err != nil {
				t.Fatal(err)
			}
		case r < 70: // delivery: send some, one may fail
			out, err := db.PendingOutbox(ctx, now, 50, inFlight...)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range out {
				if rng.IntN(8) == 0 {
					if err := db.MarkFailed(ctx, m.ID, now.Add(time.Duration(rng.IntN(60))*time.Second), nil); err != nil {
						t.Fatal(err)
					}
					break
				}
				inFlight = append(inFlight, m.ID)
				if len(inFlight) >= 8 {
					break
				}
			}
		case r < 78: // the marks get their own transaction
			for _, id := range inFlight {
				if err := db.MarkSent(ctx, id, now); err != nil {
					t.Fatal(err)
				}
			}
			inFlight = nil
		case r < 88:
			now = now.Add(time.Duration(rng.IntN(40)) * time.Second)
		case r < 90: // a customer is erased: their rows stay, blanked
			chat := chats[rng.IntN(3)]
			if err := db.Update(ctx, func(tx *Tx) error {
				_, err := tx.exec(`UPDATE outbox SET chat = 'dihapus', text = '', sent_at = coalesce(sent_at, ?) WHERE chat = ?`, ms(now), chat)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		case r < 95: // closed and opened again
			inFlight = nil // their marks are lost with the process: sent again
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db = open()
		default: // killed: the frontier saved is older than where delivery got
			inFlight = nil
			old := rng.Int64N(db.frontier.lo.Load() + 1)
			if _, err := db.db.ExecContext(ctx, `UPDATE outbox_frontier SET lo = ?`, old); err != nil {
				t.Fatal(err)
			}
			db.frontier.saved.Store(1 << 62) // Close must not save
			db.Close()
			db = open()
			if got := db.frontier.lo.Load(); got > old {
				t.Fatalf("step %d: opened with frontier %d, saved %d", step, got, old)
			}
		}
		checkPending(t, db, step, now, inFlight)
	}
}

// checkPending compares PendingOutbox and UnsentReplies with the
// whole-outbox reading.
func checkPending(t *testing.T, db *DB, step int, now time.Time, skip []int64) {
	t.Helper()
	ctx := context.Background()
	for _, limit := range []int{3, 50} {
		out, err := db.PendingOutbox(ctx, now, limit, skip...)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, m := range out {
			got = append(got, m.ID)
		}
		js, err := json.Marshal(append([]int64{}, skip...))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.db.QueryContext(ctx, pendingReference, ms(now), heldBehindFailures, limit, string(js))
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		rows.Close()
		if !slices.Equal(got, want) {
			t.Fatalf("step %d, limit %d: pending %v, want %v (frontier %d)", step, limit, got, want, db.frontier.lo.Load())
		}
	}
	n, err := db.Dashboard().UnsentReplies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("step %d: %d unsent replies counted, want %d", step, n, want)
	}
}

// TestDeliveryFrontierFromVersion13: on upgrade the frontier starts at the
// first unsent reply, so every reply waiting before (first try or retry)
// still goes out.
func TestDeliveryFrontierFromVersion13(t *testing.T) {
	dir, raw := openAt(t, 13)
	now := time.Now().UnixMilli()
	for _, r := range []struct {
		chat     string
		sent     any
		attempts int
		retry    int64
	}{
		{"6281200000001", now, 1, now},
		{"6281200000001", nil, 0, now},       // 2: waits its first try
		{"6281200000002", now, 1, now},       // 3
		{"6281200000003", nil, 2, now + 9e5}, // 4: retries in 15 minutes
		{"6281200000002", nil, 0, now},       // 5
	} {
		if _, err := raw.Exec(`INSERT INTO outbox (msg_id, chat, text, created_at, not_before, sent_at, attempts) VALUES (?, ?, 'x', ?, ?, ?, ?)`,
			NewMessageID(), r.chat, now, r.retry, r.sent, r.attempts); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if lo := db.frontier.lo.Load(); lo != 2 {
		t.Errorf("frontier after the upgrade = %d, want 2", lo)
	}
	checkPending(t, db, 0, time.UnixMilli(now), nil)
	checkPending(t, db, 1, time.UnixMilli(now+1e6), nil)
	out, err := db.PendingOutbox(context.Background(), time.UnixMilli(now+1e6), 10)
	if err != nil || len(out) != 3 || out[0].ID != 2 || out[1].ID != 4 || out[2].ID != 5 {
		t.Errorf("pending after the retry time = %+v, %v; want rows 2, 4 and 5", out, err)
	}
}
