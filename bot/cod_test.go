package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// sampleWithCOD is the sample shop with COD on.
func sampleWithCOD(t *testing.T) string {
	t.Helper()
	y := strings.Replace(config.SampleShopYAML, "cod: false", "cod: true", 1)
	if y == config.SampleShopYAML {
		t.Fatal("sample shop has no cod: false to turn on")
	}
	return y
}

// TestReturnCommand: /retur only for a shipped order; it cancels it with
// reason retur, records returned_at, puts the stock back, writes the audit
// row, tells staff and not the buyer; a second /retur changes nothing.
func TestReturnCommand(t *testing.T) {
	b, clock, events := newTestBot(t, sampleWithCOD(t), config.SampleCatalogCSV, testStart)
	stock := func() int {
		return queryInt(t, b, `SELECT stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'PSM-02' AND v.name = 'Dusty Pink'`)
	}
	before := stock()
	runScript(t, b, clock, events, "6281300000070 (Uji): mau pashmina dusty pink 2\n"+
		"6281300000070: Uji Coba, Jl. Veteran 3, Kec. Klojen, Malang Jawa Timur 65111, 081233000099, jne, cod\n"+
		"6281300000070: ya\n"+
		"owner: /retur 1\n")
	if got := lastReply(*events, "owner"); !strings.Contains(got, "hanya untuk pesanan yang sudah dikirim") {
		t.Fatalf("/retur of an unshipped order answered %q", got)
	}
	if stock() != before-2 {
		t.Fatalf("stock %d after the order, want %d", stock(), before-2)
	}
	n := len(*events)
	runScript(t, b, clock, events, "owner: /kirim 1 JNE JNE1\nowner: /retur 1 tidak ada orang\n")
	if got := lastReply(*events, "owner"); !strings.Contains(got, "RETUR") {
		t.Fatalf("/retur answered %q", got)
	}
	for _, e := range (*events)[n:] {
		if e.Dir == "out" && e.Chat == "6281300000070" && !strings.Contains(e.Text, "dikirim") {
			t.Errorf("buyer told about the return: %q", e.Text)
		}
	}
	o := order(t, b, 1)
	if o.Status != flows.StatusCancelled || o.ReturnedAt.IsZero() || !strings.HasPrefix(o.CancelReason, "retur") {
		t.Fatalf("order after /retur: %s returned=%v reason=%q", o.Status, o.ReturnedAt, o.CancelReason)
	}
	if stock() != before {
		t.Fatalf("stock %d after /retur, want %d back", stock(), before)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM audit_log WHERE action = 'retur'`); n != 1 {
		t.Fatalf("%d audit rows, want 1", n)
	}
	runScript(t, b, clock, events, "owner: /retur 1\n")
	if got := lastReply(*events, "owner"); !strings.Contains(got, "sudah tercatat retur") {
		t.Fatalf("second /retur answered %q", got)
	}
	if stock() != before {
		t.Fatalf("stock %d after a second /retur, want %d", stock(), before)
	}
	// cs may not: it is the warehouse's and the owner's.
	runScript(t, b, clock, events, "6281200000002: /retur 1\n")
	if got := lastReply(*events, "6281200000002"); !strings.Contains(got, "tidak untuk peran") {
		t.Fatalf("/retur by %s answered %q", "6281200000002", got)
	}

	// The same buyer again: COD is not offered, transfer is.
	n = len(*events)
	runScript(t, b, clock, events, "6281300000070: bisa cod ga kak?\n")
	got := replyTo(*events, n, "6281300000070")
	if !strings.Contains(got, "transfer") || strings.Contains(strings.ToLower(got), "retur") || strings.Contains(got, "Bisa COD") {
		t.Fatalf("returned buyer asking for COD answered %q", got)
	}
}

func order(t *testing.T, b *Bot, id int64) flows.Order {
	t.Helper()
	os, err := b.db.Orders(context.Background(), flows.StatusCancelled)
	if err != nil {
		t.Fatal(err)
	}
	all, err := b.db.Orders(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range append(os, all...) {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("no order %d", id)
	return flows.Order{}
}

func lastReply(events []Event, to string) string {
	for i := len(events) - 1; i >= 0; i-- {
		if e := events[i]; e.Dir == "out" && (e.Chat == to || to == "owner" && e.Chat == "6281200000001") {
			return e.Text
		}
	}
	return ""
}

func replyTo(events []Event, from int, chat string) string {
	var b strings.Builder
	for _, e := range events[from:] {
		if e.Dir == "out" && e.Chat == chat {
			b.WriteString(e.Text + "\n")
		}
	}
	return b.String()
}

// TestCatalogProductSurvivesRestart: a product from the WhatsApp catalogue
// is stored with its message; a bot started after a crash, before the
// turn, still reads it as the product (an item mention), not as an
// unreadable message.
func TestCatalogProductSurvivesRestart(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	ctx := context.Background()
	m := Message{ID: "CATX1", Phone: "6281300000071", PushName: "Uji", Media: "other",
		Catalog: &flows.CatalogRef{Product: &flows.ProductRef{RetailerID: "brg-04", Title: "Bergo Maryam Hitam", Price: 35000}}}
	if err := b.Receive(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := b.Receive(ctx, Message{ID: "CATX2", Phone: "6281300000071", PushName: "Uji", Text: "mau 3 kak"}); err != nil {
		t.Fatal(err)
	}
	emit := func(e Event) { *events = append(*events, e) }
	b2 := New(Config{DB: b.db, Shop: b.shop, Now: clock.Now, Transport: &Recorder{Now: clock.Now, Emit: emit}})
	clock.Set(clock.Now().Add(time.Minute))
	if err := b2.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b2.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	got := replyTo(*events, 0, "6281300000071")
	if !strings.Contains(got, "3 x Bergo Maryam Hitam") || strings.Contains(got, "belum bisa membaca") {
		t.Fatalf("product + 'mau 3' after a restart answered:\n%s", got)
	}
}
