package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// bot_test.go: the runtime under redelivery, bursts, concurrency, restarts
// and crashes, on real shop.db files.

// immediate turns every message into its own turn at once (burst_window 0),
// as a shop.yaml with `burst_window: 0s` does.
func immediate(s *flows.Shop) { s.BurstWindow = 0 }

// receiveAll hands messages to the bot from the calling goroutine and
// returns the first error; safe to call from many goroutines.
func receiveAll(b *Bot, ms ...Message) error {
	for _, m := range ms {
		if err := noPanic(func() error { return b.Receive(context.Background(), m) }); err != nil {
			return fmt.Errorf("%s: %w", m.ID, err)
		}
	}
	return nil
}

func TestDuplicateMessageOnceSequential(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	const c = "6281300000101"
	m := Message{ID: "3EB0DUP0001", Phone: c, PushName: "Rina", Text: "pashmina hitam 2"}
	// Delivered twice before its turn, then once more after it was answered.
	h.receive(m)
	h.receive(m)
	h.settle()
	h.receive(m)
	h.settle()
	// The same id under the sender's LID as well as the phone (the PN/LID twin).
	twin := m
	twin.LID = "99887766554433"
	h.receive(twin)
	h.settle()

	if n := h.count(`SELECT count(*) FROM inbound WHERE msg_id = ?`, m.ID); n != 1 {
		t.Errorf("%d inbound rows for one message id, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM customer`); n != 1 {
		t.Errorf("%d customers for one sender, want 1", n)
	}
	replies := outTo(h.log.snapshot(), c)
	if len(replies) != 1 || !strings.Contains(replies[0].Text, "2 x Pashmina Ceruty Babydoll Hitam") {
		t.Errorf("got %d replies, want the one cart reply:\n%s", len(replies), joinTexts(replies))
	}
	h.checkInvariants()
}

// TestDuplicateMessageOnceConcurrent: the same message handed in by many
// goroutines at once, in burst mode and in immediate mode, is one inbound
// row and one reply; a duplicated "ya" is one order.
func TestDuplicateMessageOnceConcurrent(t *testing.T) {
	for _, mode := range []struct {
		name string
		tune func(*flows.Shop)
	}{{"burst", nil}, {"immediate", immediate}} {
		t.Run(mode.name, func(t *testing.T) {
			h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, mode.tune)
			const c = "6281300000102"
			h.script(c + " (Rina): pashmina hitam 2\n" + c + ": sudah\n" +
				c + ": Nama: Rina\nNo HP: 081300000102\nAlamat: Jl. Melati 3, Kota Bogor\nKurir: JNE")
			from := h.log.len()
			yes := Message{ID: "3EB0DUPYES01", Phone: c, Text: "ya"}
			var wg sync.WaitGroup
			errs := make(chan error, 20)
			for range 20 {
				wg.Go(func() {
					if err := receiveAll(h.b, yes); err != nil {
						errs <- err
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("receive: %v", err)
			}
			h.settle()
			h.settle()

			if n := h.count(`SELECT count(*) FROM inbound WHERE msg_id = ?`, yes.ID); n != 1 {
				t.Errorf("%d inbound rows, want 1", n)
			}
			if n := h.count(`SELECT count(*) FROM orders`); n != 1 {
				t.Errorf("%d orders from one duplicated message, want 1", n)
			}
			replies := outTo(h.log.snapshot()[from:], c)
			if len(replies) != 1 || !strings.Contains(replies[0].Text, "#1") {
				t.Errorf("got %d replies to the duplicated message, want one naming order #1:\n%s", len(replies), joinTexts(replies))
			}
			if n := len(outTo(h.log.snapshot()[from:], h.shop.Owners[0])); n != 1 {
				t.Errorf("owner told %d times of the order, want once", n)
			}
			h.checkInvariants()
		})
	}
}

// TestBurstIsOneTurn: messages closer than the burst window are one turn
// with one reply that answers them together; messages further apart are
// turns of their own.
func TestBurstIsOneTurn(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	if h.shop.BurstWindow != 3*time.Second {
		t.Fatalf("burst window %v; the test assumes the sample's 3s", h.shop.BurstWindow)
	}
	ctx := context.Background()
	const c = "6281300000103"
	for i, text := range []string{"kak", "mau tanya", "khimar instan ready?"} {
		if i > 0 {
			h.clock.Set(h.clock.Now().Add(2 * time.Second))
			// Mid-burst nothing is due yet.
			if err := h.b.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
			if h.deliver() != 0 {
				t.Fatalf("a reply went out in the middle of a burst")
			}
		}
		h.receive(Message{ID: fmt.Sprintf("BURST%d", i), Phone: c, PushName: "Intan", Text: text})
	}
	h.settle()
	replies := outTo(h.log.snapshot(), c)
	if len(replies) != 1 {
		t.Fatalf("a burst of 3 messages got %d replies, want 1:\n%s", len(replies), joinTexts(replies))
	}
	if !strings.Contains(replies[0].Text, "Intan") || !strings.Contains(replies[0].Text, "Khimar Instan Syari") {
		t.Errorf("the burst's reply should greet and answer the question:\n%s", replies[0].Text)
	}
	if n := h.count(`SELECT count(DISTINCT handled_at) FROM inbound WHERE msg_id LIKE 'BURST%'`); n != 1 {
		t.Errorf("the burst was handled in %d turns", n)
	}

	// Further apart than the window: separate turns, one reply each.
	const d = "6281300000104"
	for i, text := range []string{"ongkir ke bogor", "ongkir ke depok", "ongkir ke bali"} {
		h.receive(Message{ID: fmt.Sprintf("APART%d", i), Phone: d, Text: text})
		h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow + time.Second))
		if err := h.b.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		h.deliver()
	}
	replies = outTo(h.log.snapshot(), d)
	if len(replies) != 3 {
		t.Fatalf("3 messages apart got %d replies, want 3:\n%s", len(replies), joinTexts(replies))
	}
	for i, want := range []string{"*Bogor*", "*Depok*", "*Bali*"} {
		if !strings.Contains(replies[i].Text, want) {
			t.Errorf("reply %d should answer %s:\n%s", i+1, want, replies[i].Text)
		}
	}
	h.checkInvariants()
}

// TestLastUnitRace (G3, S=1, K=50): fifty customers, each a goroutine going
// through a whole order conversation for the last Mocca pashmina, confirm at
// the same moment. Exactly one order is accepted, stock ends at 0 and never
// below, every other customer is told the stock is gone, and no busy error
// reaches anyone.
func TestLastUnitRace(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, immediate)
	// Fifty writers queue on one database; on a loaded CI machine under the
	// race detector the last may wait longer than the default busy timeout.
	// What is asserted is the stock, not the machine's speed.
	h.busy = time.Minute
	h.restart()
	if n := h.stockOf("PSM-02", "Mocca"); n != 1 {
		t.Fatalf("Mocca stock %d; the race needs exactly 1", n)
	}
	const k = 50
	phone := func(i int) string { return fmt.Sprintf("628130002%04d", i) }
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, k)
	ready.Add(k)
	for i := range k {
		done.Go(func() {
			p := phone(i)
			err := receiveAll(h.b,
				Message{ID: fmt.Sprintf("R%04d-1", i), Phone: p, PushName: fmt.Sprintf("Pembeli %d", i), Text: "pashmina mocca 1"},
				Message{ID: fmt.Sprintf("R%04d-2", i), Phone: p, Text: fmt.Sprintf("Nama: Pembeli %d\nNo HP: 0813%08d\nAlamat: Jl. Melati %d, Kota Bekasi\nKurir: JNE", i, i, i+1)})
			ready.Done()
			if err != nil {
				errs <- err
				return
			}
			<-start
			if err := receiveAll(h.b, Message{ID: fmt.Sprintf("R%04d-3", i), Phone: p, Text: "ya"}); err != nil {
				errs <- err
			}
		})
	}
	ready.Wait()
	close(start)
	done.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("receive: %v", err)
	}
	h.deliver()

	orders := h.orders()
	if len(orders) != 1 || len(orders[0].Lines) != 1 || orders[0].Lines[0].Variant != "Mocca" || orders[0].Lines[0].Qty != 1 {
		t.Fatalf("want exactly one order of 1 Mocca, got %+v", orders)
	}
	if n := h.stockOf("PSM-02", "Mocca"); n != 0 {
		t.Errorf("Mocca stock %d after the race, want 0", n)
	}
	events := h.log.snapshot()
	winners, told := 0, 0
	for i := range k {
		rs := outTo(events, phone(i))
		if len(rs) != 3 {
			t.Errorf("customer %d got %d replies, want 3 (cart, summary, outcome):\n%s", i, len(rs), joinTexts(rs))
			continue
		}
		if !strings.Contains(rs[1].Text, "Ringkasan") {
			t.Errorf("customer %d saw no summary before confirming:\n%s", i, rs[1].Text)
		}
		last := rs[2].Text
		switch {
		case strings.Contains(last, "tercatat"):
			winners++
			if orders[0].Customer != phone(i) {
				t.Errorf("customer %d was told of an order that is not theirs", i)
			}
		case strings.Contains(last, "habis"):
			told++
		default:
			t.Errorf("customer %d was not told the stock is gone:\n%s", i, last)
		}
		for _, r := range rs {
			checkReply(t, r, "")
		}
	}
	if winners != 1 || told != k-1 {
		t.Errorf("%d told their order is placed and %d told the stock is gone, want 1 and %d", winners, told, k-1)
	}
	if n := len(outTo(events, h.shop.Owners[0])); n != 1 {
		t.Errorf("owner got %d order notices, want 1", n)
	}
	h.checkInvariants()
}

// TestPerChatOrderUnderConcurrency: many chats at once, each sending
// questions one after another while a deliverer drains the outbox; each
// chat's replies come in the order of its messages, each exactly once.
func TestPerChatOrderUnderConcurrency(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, immediate)
	// The clock stands still here, so the per-sender flood limit would
	// hold back a chat's later questions; this test is about order.
	h.config = func(c *Config) { c.FloodPerMinute, c.FloodBurst = 1000, 1000 }
	h.busy = time.Minute
	h.restart()
	questions := []struct{ text, want string }{
		{"ongkir ke bogor", "*Bogor*"}, {"ongkir ke depok", "*Depok*"}, {"ongkir ke bali", "*Bali*"},
		{"ongkir ke lampung", "*Lampung*"}, {"ongkir ke papua", "*Papua*"}, {"ongkir ke medan", "*Sumatera Utara*"},
		{"ongkir ke makassar", "*Sulawesi Selatan*"}, {"ongkir ke bandung", "*Jawa Barat*"},
	}
	const chats = 20
	phone := func(i int) string { return fmt.Sprintf("628130003%04d", i) }

	stop := make(chan struct{})
	var deliverer sync.WaitGroup
	deliverErr := make(chan error, 1)
	deliverer.Go(func() {
		for {
			if _, err := h.b.Deliver(context.Background()); err != nil {
				deliverErr <- err
				return
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	var wg sync.WaitGroup
	errs := make(chan error, chats)
	for i := range chats {
		wg.Go(func() {
			// Each chat starts at a different question, so chats differ.
			for j := range questions {
				q := questions[(i+j)%len(questions)]
				if err := receiveAll(h.b, Message{ID: fmt.Sprintf("O%04d-%02d", i, j), Phone: phone(i), Text: q.text}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	deliverer.Wait()
	close(errs)
	close(deliverErr)
	for err := range errs {
		t.Errorf("receive: %v", err)
	}
	for err := range deliverErr {
		t.Errorf("deliver: %v", err)
	}
	h.deliver()

	events := h.log.snapshot()
	for i := range chats {
		rs := outTo(events, phone(i))
		if len(rs) != len(questions) {
			t.Errorf("chat %d got %d replies, want %d", i, len(rs), len(questions))
			continue
		}
		for j, r := range rs {
			if q := questions[(i+j)%len(questions)]; !strings.Contains(r.Text, q.want) {
				t.Errorf("chat %d reply %d should answer %q:\n%s", i, j+1, q.text, r.Text)
			}
		}
	}
	for id, n := range h.log.byID {
		if n != 1 {
			t.Errorf("outbox message %s sent %d times", id, n)
		}
	}
	h.checkInvariants()
}

// TestConcurrentFlushesRunOneTurn: in burst mode, several goroutines
// running due turns at once (a timer and a sweep racing) give each chat
// exactly one turn and one reply.
func TestConcurrentFlushesRunOneTurn(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	const chats = 10
	phone := func(i int) string { return fmt.Sprintf("628130004%04d", i) }
	for i := range chats {
		h.receive(Message{ID: fmt.Sprintf("F%04d-a", i), Phone: phone(i), Text: "kak"})
		h.receive(Message{ID: fmt.Sprintf("F%04d-b", i), Phone: phone(i), Text: "ongkir ke bekasi"})
	}
	h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow))
	var wg sync.WaitGroup
	errs := make(chan error, 8+chats)
	for range 4 {
		wg.Go(func() {
			if err := h.b.RunDue(context.Background()); err != nil {
				errs <- err
			}
		})
	}
	for i := range chats {
		id := h.customerID(phone(i))
		for range 2 {
			wg.Go(func() {
				if err := h.b.Flush(context.Background(), id); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("flush: %v", err)
	}
	h.deliver()
	events := h.log.snapshot()
	for i := range chats {
		rs := outTo(events, phone(i))
		if len(rs) != 1 || !strings.Contains(rs[0].Text, "*Bekasi*") {
			t.Errorf("chat %d got %d replies, want one answering the burst:\n%s", i, len(rs), joinTexts(rs))
		}
	}
	h.checkInvariants()
}

// TestRestartHandlesPendingMessages: messages accepted (committed) but not
// yet turned into replies when the process stops are answered, once, by
// the next process, through RunDue and through Run; what was answered
// before the stop is not answered again.
func TestRestartHandlesPendingMessages(t *testing.T) {
	for _, via := range []string{"RunDue", "Run"} {
		t.Run(via, func(t *testing.T) {
			h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
			const done = "6281300000199"
			h.say(done, "ongkir ke bogor")
			before := len(outTo(h.log.snapshot(), done))
			phone := func(i int) string { return fmt.Sprintf("628130005%04d", i) }
			const chats = 5
			for i := range chats {
				h.receive(Message{ID: fmt.Sprintf("P%04d", i), Phone: phone(i), Text: "ongkir ke depok"})
			}
			// Stop before the burst window ends: nothing was answered.
			if n := h.count(`SELECT count(*) FROM inbound WHERE handled_at IS NULL`); n != chats {
				t.Fatalf("%d pending messages before the stop, want %d", n, chats)
			}
			h.restart()
			h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow))
			switch via {
			case "RunDue":
				if err := h.b.RunDue(context.Background()); err != nil {
					t.Fatal(err)
				}
				h.deliver()
			case "Run":
				ctx, cancel := context.WithCancel(context.Background())
				ran := make(chan error, 1)
				go func() { ran <- h.b.Run(ctx) }()
				waitFor(t, func() bool {
					n := 0
					for i := range chats {
						n += len(outTo(h.log.snapshot(), phone(i)))
					}
					return n >= chats
				})
				cancel()
				if err := <-ran; err != nil {
					t.Errorf("Run: %v", err)
				}
			}
			events := h.log.snapshot()
			for i := range chats {
				rs := outTo(events, phone(i))
				if len(rs) != 1 || !strings.Contains(rs[0].Text, "*Depok*") {
					t.Errorf("chat %d got %d replies after the restart, want one:\n%s", i, len(rs), joinTexts(rs))
				}
			}
			if n := len(outTo(events, done)); n != before {
				t.Errorf("a chat answered before the stop got %d more replies", n-before)
			}
			h.checkInvariants()
		})
	}
}

// waitFor polls cond until it holds; the limit only guards against a hang.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// crashingTransport dies (panics, as a killed process stops) on the send
// numbered crashAt, and fails with an error on the sends listed in fail.
type crashingTransport struct {
	next    Transport
	mu      sync.Mutex
	n       int
	crashAt int
	fail    map[int]bool
}

var errNetwork = errors.New("network down")

func (c *crashingTransport) Send(ctx context.Context, m store.Outgoing) error {
	c.mu.Lock()
	c.n++
	n := c.n
	c.mu.Unlock()
	if n == c.crashAt {
		panic("killed")
	}
	if c.fail[n] {
		return errNetwork
	}
	return c.next.Send(ctx, m)
}

func countOut(events []Event) int {
	n := 0
	for _, e := range events {
		if e.Dir == "out" {
			n++
		}
	}
	return n
}

// outboxRows are the stored replies by outbound message id.
func (h *harness) outboxRows() map[string]bool {
	h.t.Helper()
	rows, err := h.db.SQL().Query(`SELECT msg_id, sent_at IS NOT NULL FROM outbox`)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		var sent bool
		if err := rows.Scan(&id, &sent); err != nil {
			h.t.Fatal(err)
		}
		out[id] = sent
	}
	return out
}

// TestOutboxSurvivesCrash: replies committed with their turn are sent after
// a crash, by the next process, exactly once each and under the message id
// fixed before the crash; a crash in the middle of sending loses nothing and
// repeats nothing; a failed send is retried later.
func TestOutboxSurvivesCrash(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	phone := func(i int) string { return fmt.Sprintf("628130006%04d", i) }
	// Six turns committed, nothing sent yet: the crash comes between the
	// commit and the send.
	for i := range 6 {
		h.receive(Message{ID: fmt.Sprintf("X%04d", i), Phone: phone(i), Text: "ongkir ke bekasi"})
	}
	h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow))
	if err := h.b.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	stored := h.outboxRows()
	if len(stored) != 6 {
		t.Fatalf("%d outbox rows, want 6", len(stored))
	}

	// The next process starts sending and dies at the third message.
	h.transport = &crashingTransport{next: h.log, crashAt: 3}
	h.restart()
	if err := noPanic(func() error { _, err := h.b.Deliver(ctx); return err }); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the crash did not happen: %v", err)
	}
	if n := countOut(h.log.snapshot()); n != 2 {
		t.Fatalf("%d sent before the crash, want 2", n)
	}

	// The process after that sends the rest, with one network failure that
	// is retried later rather than dropped.
	h.transport = &crashingTransport{next: h.log, fail: map[int]bool{2: true}}
	h.restart()
	if n := h.deliver(); n != 1 {
		t.Errorf("first delivery after restart sent %d, want 1 before the failure", n)
	}
	if n := h.deliver(); n != 2 {
		t.Errorf("the next delivery sent %d, want the 2 other chats' replies (the failed one waits)", n)
	}
	h.clock.Set(h.clock.Now().Add(time.Minute))
	if n := h.deliver(); n != 1 {
		t.Errorf("delivery after the retry delay sent %d, want the failed one", n)
	}
	if n := h.deliver(); n != 0 {
		t.Errorf("a delivery with nothing due sent %d", n)
	}

	for id := range stored {
		if n := h.log.byID[id]; n != 1 {
			t.Errorf("reply %s sent %d times, want once", id, n)
		}
	}
	if len(h.log.byID) != len(stored) {
		t.Errorf("%d distinct message ids sent, want the %d stored before the crash", len(h.log.byID), len(stored))
	}
	for id, sent := range h.outboxRows() {
		if !sent {
			t.Errorf("reply %s still unsent", id)
		}
	}
	for i := range 6 {
		if rs := outTo(h.log.snapshot(), phone(i)); len(rs) != 1 {
			t.Errorf("customer %d got %d replies, want 1", i, len(rs))
		}
	}
	h.checkInvariants()
}

// TestFailedSendKeepsChatOrder: when a reply fails to send, the chat's later
// replies wait for it, so the customer never reads them out of order; other
// chats are not held up.
func TestFailedSendKeepsChatOrder(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, immediate)
	const c, other = "6281300000107", "6281300000108"
	for i, text := range []string{"ongkir ke bogor", "ongkir ke depok", "ongkir ke lampung"} {
		h.receive(Message{ID: fmt.Sprintf("K%d", i), Phone: c, Text: text})
	}
	h.receive(Message{ID: "K9", Phone: other, Text: "ongkir ke papua"})
	h.transport = &crashingTransport{next: h.log, fail: map[int]bool{1: true}}
	h.restart()
	if n := h.deliver(); n != 0 {
		t.Fatalf("sent %d, want the first send to fail", n)
	}
	if n := h.deliver(); n != 1 || len(outTo(h.log.snapshot(), other)) != 1 {
		t.Errorf("sent %d; want only the other chat's reply while the failed one waits", n)
	}
	h.clock.Set(h.clock.Now().Add(time.Minute))
	h.deliver()
	rs := outTo(h.log.snapshot(), c)
	if len(rs) != 3 {
		t.Fatalf("chat got %d replies, want 3", len(rs))
	}
	for i, want := range []string{"*Bogor*", "*Depok*", "*Lampung*"} {
		if !strings.Contains(rs[i].Text, want) {
			t.Errorf("reply %d should answer %s:\n%s", i+1, want, rs[i].Text)
		}
	}
	h.checkInvariants()
}

// TestShippingQuestionNamingAProductWord: "ongkir ke bali" asks a rate even
// in a shop that sells a "Mukena Bali Rayon"; before the fix it showed the
// mukena.
func TestShippingQuestionNamingAProductWord(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, nil)
	const c = "6281300000109"
	expect(t, h, c, "ongkir ke bali brp kak?", []string{"*Bali*", "Rp25.000"}, "Mukena")
	expect(t, h, c, "ongkir gamis aisyah ke bekasi?", []string{"*Bekasi*"})
	expect(t, h, c, "mukena bali ready?", []string{"Mukena Bali Rayon"}, "Ongkir")
	h.checkInvariants()
}
