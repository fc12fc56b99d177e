package bot

import (
	"context"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
)

// TestSentMarkRidesNextCommit: replies' "sent" marks are written by the
// next transaction the shop commits once carryFrom of them wait, the same
// reply is never sent twice by one process, and after a crash only the
// replies without their mark go again, with the same WhatsApp message ids.
func TestSentMarkRidesNextCommit(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	const phone = "6281230000001"
	h.say(phone, "halo kak")
	unsent := func() int { return h.count(`SELECT count(*) FROM outbox WHERE sent_at IS NULL`) }
	if n := unsent(); n != 0 {
		t.Fatalf("%d replies unmarked after a delivery in simulated time", n)
	}

	// Realtime delivery: the mark waits for the next commit.
	deliverRT := func() (int, error) {
		h.b.realtime = true
		defer func() { h.b.realtime = false }()
		return h.b.Deliver(ctx)
	}
	turn := func(text string) {
		h.receive(Message{Phone: phone, Text: text})
		h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow))
		if err := h.b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	turn("pashmina hitam ready?")
	// The delayed write waits longer than the test looks: a write of its
	// own would hide what the next turn carries.
	h.b.markDelay = time.Hour
	if n, err := deliverRT(); err != nil || n != 1 {
		t.Fatalf("Deliver = %d, %v; want the one reply", n, err)
	}
	if n := unsent(); n != 1 {
		t.Fatalf("%d replies without their mark after a realtime delivery, want 1 (the last)", n)
	}
	var lastMsgID string
	if err := h.db.SQL().QueryRow(`SELECT msg_id FROM outbox WHERE sent_at IS NULL`).Scan(&lastMsgID); err != nil {
		t.Fatal(err)
	}
	// Delivering again does not send it again.
	if n, err := deliverRT(); err != nil || n != 0 {
		t.Fatalf("second Deliver = %d, %v; want nothing sent", n, err)
	}
	if got := h.log.byID[lastMsgID]; got != 1 {
		t.Fatalf("reply sent %d times by one process", got)
	}

	// A few marks wait for a turn; once carryFrom do, the next turn's
	// commit carries them all.
	isMarked := func(msgID string) bool {
		var marked bool
		if err := h.db.SQL().QueryRow(`SELECT sent_at IS NOT NULL FROM outbox WHERE msg_id = ?`, msgID).Scan(&marked); err != nil {
			t.Fatal(err)
		}
		return marked
	}
	for waiting := 1; waiting < carryFrom; waiting++ {
		turn("makasih kak")
		if isMarked(lastMsgID) {
			t.Fatalf("a turn carried %d marks, fewer than %d", waiting, carryFrom)
		}
		if n, err := deliverRT(); err != nil || n != 1 {
			t.Fatalf("Deliver = %d, %v", n, err)
		}
	}
	if n := h.b.marks.count(); n != carryFrom {
		t.Fatalf("%d marks wait, want %d", n, carryFrom)
	}
	turn("makasih kak")
	if !isMarked(lastMsgID) {
		t.Fatalf("the turn after %d sent replies did not record them", carryFrom)
	}
	if n := h.b.marks.count(); n != 0 {
		t.Fatalf("%d marks still wait after a turn carried them", n)
	}
	if n := unsent(); n != 1 {
		t.Fatalf("%d replies unsent or unmarked, want only the last turn's reply", n)
	}

	// Its reply is sent; then the process dies before any other write.
	if n, err := deliverRT(); err != nil || n != 1 {
		t.Fatalf("Deliver = %d, %v", n, err)
	}
	if err := h.db.SQL().QueryRow(`SELECT msg_id FROM outbox WHERE sent_at IS NULL`).Scan(&lastMsgID); err != nil {
		t.Fatal(err)
	}
	sentBefore := map[string]int{}
	for k, v := range h.log.byID {
		sentBefore[k] = v
	}
	h.restart()
	if n := h.deliver(); n != 1 {
		t.Fatalf("after the crash %d replies went again, want only the one without its mark", n)
	}
	for id, n := range h.log.byID {
		want := sentBefore[id]
		if id == lastMsgID {
			want++
		}
		if n != want {
			t.Errorf("message %s sent %d times, want %d", id, n, want)
		}
	}
	if n := unsent(); n != 0 {
		t.Fatalf("%d replies unmarked after the restart's delivery", n)
	}

	// A mark no turn carries is written on its own, a moment later.
	h.b.markDelay = 0
	turn("ok kak")
	if _, err := deliverRT(); err != nil {
		t.Fatal(err)
	}
	h.b.marks.mu.Lock()
	done := h.b.marks.done
	h.b.marks.mu.Unlock()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the last reply's mark was never written")
	}
	if n := unsent(); n != 0 {
		t.Fatalf("%d replies unmarked after the delayed write", n)
	}
}
