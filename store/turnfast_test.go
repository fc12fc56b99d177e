package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

func pendingCount(t *testing.T, db *DB) (pending, total int) {
	t.Helper()
	if err := db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE handled_at IS NULL), count(*) FROM inbound`).Scan(&pending, &total); err != nil {
		t.Fatal(err)
	}
	return pending, total
}

// receive runs Receive (and fn) in one transaction.
func receive(t *testing.T, db *DB, msgID, text string, fn func(tx *Tx, c flows.Customer) error) error {
	t.Helper()
	return db.Update(context.Background(), func(tx *Tx) error {
		c, dup, err := tx.Receive(Inbound{MsgID: msgID, Phone: "6281234500001", PushName: "Rina", Kind: "text", Text: text, SentAt: time.Now()})
		if err != nil || dup || fn == nil {
			return err
		}
		return fn(tx, c)
	})
}

// TestBufferedInbound: a known customer's message is inserted once, at
// commit, already handled when the turn handled it; everything that reads
// or removes messages in the same transaction sees it.
func TestBufferedInbound(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	// The first message creates the customer (the general path), unhandled.
	if err := receive(t, db, "A", "halo", nil); err != nil {
		t.Fatal(err)
	}
	if p, n := pendingCount(t, db); p != 1 || n != 1 {
		t.Fatalf("pending %d of %d, want 1 of 1", p, n)
	}
	// The next one finds A still pending: both are read, both handled.
	if err := receive(t, db, "B", "kak", func(tx *Tx, c flows.Customer) error {
		ms, err := tx.Pending(c.ID)
		if err != nil {
			return err
		}
		if len(ms) != 2 || ms[0].MsgID != "A" || ms[1].MsgID != "B" || ms[1].Text != "kak" {
			t.Errorf("pending = %+v, want A and B", ms)
		}
		return tx.MarkHandled([]int64{ms[0].ID, ms[1].ID})
	}); err != nil {
		t.Fatal(err)
	}
	if p, n := pendingCount(t, db); p != 0 || n != 2 {
		t.Fatalf("pending %d of %d, want 0 of 2", p, n)
	}
	// Nothing pending: the message is served from memory, and inserted
	// handled.
	var cID, bID int64
	if err := receive(t, db, "C", "ready?", func(tx *Tx, c flows.Customer) error {
		cID = c.ID
		ms, err := tx.Pending(c.ID)
		if err != nil {
			return err
		}
		if len(ms) != 1 || ms[0].MsgID != "C" || ms[0].Text != "ready?" || ms[0].Kind != "text" {
			t.Errorf("pending = %+v, want C", ms)
		}
		bID = ms[0].ID
		return tx.MarkHandled([]int64{ms[0].ID})
	}); err != nil {
		t.Fatal(err)
	}
	var id int64
	var handled *int64
	if err := db.SQL().QueryRow(`SELECT id, handled_at FROM inbound WHERE msg_id = 'C'`).Scan(&id, &handled); err != nil {
		t.Fatal(err)
	}
	if id != bID || handled == nil {
		t.Errorf("C stored as id %d handled %v, want id %d handled", id, handled, bID)
	}
	// A duplicate changes nothing.
	if err := db.Update(ctx, func(tx *Tx) error {
		_, dup, err := tx.Receive(Inbound{MsgID: "C", Phone: "6281234500001", Kind: "text", Text: "again", SentAt: time.Now()})
		if !dup {
			t.Error("C again was not a duplicate")
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if p, n := pendingCount(t, db); p != 0 || n != 3 {
		t.Fatalf("pending %d of %d, want 0 of 3", p, n)
	}
	// Rolled back: not recorded.
	boom := errors.New("boom")
	if err := receive(t, db, "D", "x", func(*Tx, flows.Customer) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, n := pendingCount(t, db); n != 3 {
		t.Fatalf("%d messages after a rollback, want 3", n)
	}
	// A read of messages in the same transaction sees it (the summary's
	// workload counts it).
	if err := receive(t, db, "E", "y", func(tx *Tx, c flows.Customer) error {
		s := tx.Summary(tx.Now().Add(-time.Hour), tx.Now().Add(time.Hour))
		if s.Messages != 4 {
			t.Errorf("summary in the turn counts %d messages, want 4", s.Messages)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if p, n := pendingCount(t, db); p != 1 || n != 4 {
		t.Fatalf("pending %d of %d, want 1 of 4", p, n)
	}
	// Erasing the customer in the same turn blanks the message too.
	if err := receive(t, db, "F", "hapus data saya", func(tx *Tx, c flows.Customer) error {
		return tx.Apply([]flows.Effect{flows.EraseCustomer{CustomerID: cID}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	var texts int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM inbound WHERE text != ''`).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if texts != 0 {
		t.Errorf("%d message texts left after erasure, want 0", texts)
	}
}

// TestStateWrittenOnlyWhenChanged: SaveState of the state just loaded
// writes nothing.
func TestStateWrittenOnlyWhenChanged(t *testing.T) {
	db, _ := openTest(t)
	st := flows.State{Step: "confirm", Code: 7}
	if err := receive(t, db, "A", "x", func(tx *Tx, c flows.Customer) error { return tx.SaveState(c.ID, st) }); err != nil {
		t.Fatal(err)
	}
	writes := 0
	db.onStmt = func(q string) {
		if q == upsertState {
			writes++
		}
	}
	if err := receive(t, db, "B", "y", func(tx *Tx, c flows.Customer) error {
		got, err := tx.LoadState(c.ID)
		if err != nil {
			return err
		}
		if got.Step != "confirm" || got.Code != 7 {
			t.Errorf("loaded %+v", got)
		}
		if err := tx.SaveState(c.ID, got); err != nil {
			return err
		}
		got.Code = 8
		if err := tx.SaveState(c.ID, got); err != nil {
			return err
		}
		return tx.SaveState(c.ID, got)
	}); err != nil {
		t.Fatal(err)
	}
	if writes != 1 {
		t.Errorf("%d state writes, want 1", writes)
	}
	if err := db.Read(context.Background(), func(tx *Tx) error {
		got, err := tx.LoadState(1)
		if got.Code != 8 {
			t.Errorf("stored code %d, want 8", got.Code)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func TestMessageIDs(t *testing.T) {
	re := regexp.MustCompile(`^3EB0[0-9A-F]{18}$`)
	prev := ""
	for range 10000 {
		id := NewMessageID()
		if !re.MatchString(id) {
			t.Fatalf("id %q is not 3EB0 and 18 uppercase hex digits", id)
		}
		if id <= prev {
			t.Fatalf("id %q after %q: not increasing", id, prev)
		}
		prev = id
	}
}

// TestNoSettleAsked: a message's turn knows, from the read of its sender,
// whether one of their complaints waits for the answer to "sudah beres?";
// only then does the settle question read their complaints. A write of a
// complaint in the transaction makes it unknown again.
func TestNoSettleAsked(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	check := func(msgID string, want bool) {
		t.Helper()
		if err := receive(t, db, msgID, "halo", func(tx *Tx, c flows.Customer) error {
			if got := tx.NoSettleAsked(c.ID); got != want {
				t.Errorf("%s: NoSettleAsked = %v, want %v", msgID, got, want)
			}
			if _, err := tx.exec(`UPDATE complaint SET note = note WHERE customer_id = ?`, c.ID); err != nil {
				return err
			}
			if tx.NoSettleAsked(c.ID) {
				t.Errorf("%s: NoSettleAsked after a complaint write, want unknown (false)", msgID)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	check("A", true) // a new customer
	var cust int64
	if err := db.SQL().QueryRow(`SELECT id FROM customer`).Scan(&cust); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO complaint (id, customer_id, status, category, description, created_at, due_at) VALUES (1, ?1, 'open', 'other', 'x', 0, 0)`,
	} {
		if _, err := db.SQL().ExecContext(ctx, q, cust); err != nil {
			t.Fatal(err)
		}
	}
	check("B", true) // a complaint, no question asked
	if _, err := db.SQL().ExecContext(ctx, `UPDATE complaint SET status = 'resolved', settle_asked_at = 5 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	check("C", false) // staff closed it and asked
	if _, err := db.SQL().ExecContext(ctx, `UPDATE complaint SET settle_asked_at = NULL WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	check("D", true) // answered
}

// TestFirstCodeFree: the receive query's check of the code the next order
// starts from gives FreeCode the same answer as its own lookup, over
// random unpaid orders and summaries of this and other customers, fresh
// and a day old; when the code is free a summary takes it with no
// statement, and a write of orders or conversations in the transaction
// makes FreeCode ask again.
func TestFirstCodeFree(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	sdb := db.SQL()
	rng := rand.New(rand.NewPCG(7, 12))
	phone := func(c int) string { return fmt.Sprintf("62812345%05d", c) }
	var stmts int
	db.onStmt = func(string) { stmts++ }
	fastHits := 0
	nextOrder := func() int64 {
		t.Helper()
		var next int64
		if err := sdb.QueryRow(`SELECT coalesce(max(id), 0) + 1 FROM orders`).Scan(&next); err != nil {
			t.Fatal(err)
		}
		return next
	}
	for round := range 160 {
		// Someone may hold the code the next order starts from: an unpaid
		// order, or a summary (own or another customer's, fresh or more
		// than a day old).
		switch rng.IntN(5) {
		case 0:
			next := nextOrder()
			mustExec(t, sdb, `INSERT INTO customer (phone, created_at) VALUES (?, 0) ON CONFLICT DO NOTHING`, phone(90))
			code := flows.UniqueCode(next + 1) // the code of the order after this one
			mustExec(t, sdb, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at)
				VALUES (?, (SELECT id FROM customer WHERE phone = ?), 'awaiting_payment', 'A', 'B', 1000, 0, ?, ?, 0)`, next, phone(90), code, 1000+code)
		case 1, 2:
			holder := 1 + rng.IntN(3)
			mustExec(t, sdb, `INSERT INTO customer (phone, created_at) VALUES (?, 0) ON CONFLICT DO NOTHING`, phone(holder))
			at := time.Now()
			if rng.IntN(3) == 0 {
				at = at.Add(-codeHeld - time.Minute)
			}
			mustExec(t, sdb, `INSERT INTO conversation (customer_id, state, updated_at, code) VALUES ((SELECT id FROM customer WHERE phone = ?1), '{}', ?2, ?3)
				ON CONFLICT (customer_id) DO UPDATE SET updated_at = ?2, code = ?3`, phone(holder), at.UnixMilli(), flows.UniqueCode(nextOrder()))
		case 3:
			mustExec(t, sdb, `UPDATE orders SET status = 'paid'`)
		}
		next := nextOrder()
		want := flows.UniqueCode(next)
		from := 1 + rng.IntN(4) // customer 4 is new
		err := db.Update(ctx, func(tx *Tx) error {
			c, _, err := tx.Receive(Inbound{MsgID: fmt.Sprint("M", round), Phone: phone(from), Kind: "text", Text: "x", SentAt: time.Now()})
			if err != nil {
				return err
			}
			if got := tx.NextOrderID(); got != next {
				t.Fatalf("round %d: next order %d, want %d", round, got, next)
			}
			saved := tx.firstFree
			if saved.code != 0 && saved.code != want {
				t.Fatalf("round %d: the receive query checked code %d, flows.UniqueCode(%d) is %d", round, saved.code, next, want)
			}
			n := stmts
			fast := tx.FreeCode(want, c.ID)
			asked := stmts > n
			tx.firstFree = heldCode{}
			slow := tx.FreeCode(want, c.ID)
			if fast != slow {
				t.Errorf("round %d: FreeCode with the receive query's check %d, without %d", round, fast, slow)
			}
			var taken bool
			if err := tx.QueryRowContext(ctx, `SELECT `+codeTakenWhere("?3", "?1", "?2"), c.ID, ms(tx.Now().Add(-codeHeld)), want).Scan(&taken); err != nil {
				return err
			}
			if (saved.code == want) == taken {
				t.Errorf("round %d: the receive query found code %d free: %v, codeTaken: %v", round, want, saved.code == want, taken)
			}
			if saved.code == want && !asked {
				fastHits++
			}
			// A write of orders forgets the check.
			tx.firstFree = saved
			if _, err := tx.exec(`UPDATE orders SET tracking = tracking WHERE id = 0`); err != nil {
				return err
			}
			if tx.firstFree.code != 0 {
				t.Errorf("round %d: the check survived a write of orders", round)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if fastHits == 0 {
		t.Error("no free code was taken without a lookup: the receive query's code differs from flows.UniqueCode")
	}
}
