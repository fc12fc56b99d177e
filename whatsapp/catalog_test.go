package whatsapp

import (
	"strings"
	"testing"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"github.com/pesanbot/pesanbot/bot"
)

// TestWhatsAppCatalogProduct: a product sent from the shop's WhatsApp
// Business catalogue whose retailer id is a SKU (written in another case,
// with spaces) is read like the product's name typed, with the text the
// buyer sends beside it ("yang hitam 2") in the same turn; never "belum
// bisa membaca pesan ini". One whose retailer id is no SKU falls back to
// its title; one that matches nothing is answered by its title.
func TestWhatsAppCatalogProduct(t *testing.T) {
	product := func(retailer, title string) *waE2E.Message {
		return &waE2E.Message{ProductMessage: &waE2E.ProductMessage{
			Product: &waE2E.ProductMessage_ProductSnapshot{
				ProductID: proto.String("7311234567890"), RetailerID: proto.String(retailer), Title: proto.String(title),
				CurrencyCode: proto.String("IDR"), PriceAmount1000: proto.Int64(45000 * 1000),
			},
			BusinessOwnerJID: proto.String(waOwner + "@s.whatsapp.net"),
		}}
	}
	x := newWATest(t)
	if !x.deliver(waMsg("CAT1", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), product(" psm-02 ", "Pashmina Babydoll (katalog)"))) {
		t.Fatal("handler refused the product message")
	}
	if kind, _, _, ok := x.inbound("CAT1"); !ok || kind != "other" {
		t.Fatalf("product message stored as %q (%v)", kind, ok)
	}
	if n := x.count(`SELECT count(*) FROM inbound_catalog c JOIN inbound i ON i.id = c.inbound_id WHERE i.msg_id = 'CAT1' AND json_extract(c.data, '$.product.retailer_id') = 'psm-02'`); n != 1 {
		t.Fatalf("catalogue data of the product message stored %d times, want 1", n)
	}
	if !x.deliver(waMsg("CAT2", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), text("yang hitam 2 ya kak"))) {
		t.Fatal("handler refused the text")
	}
	got := replyText(x.flush())
	if strings.Contains(got, "belum bisa membaca") {
		t.Fatalf("product message answered as unreadable:\n%s", got)
	}
	if !strings.Contains(got, "2 x Pashmina Ceruty Babydoll Hitam") {
		t.Fatalf("product + 'yang hitam 2' did not put 2 black pashminas in the cart:\n%s", got)
	}

	// No SKU matches: the title names the product.
	x.deliver(waMsg("CAT3", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), product("IG-POST-77", "Bergo Maryam")))
	if got := replyText(x.flush()); !strings.Contains(got, "Bergo Maryam") || strings.Contains(got, "belum bisa membaca") {
		t.Fatalf("product by title answered:\n%s", got)
	}

	// Nothing matches: answered by its title, politely.
	x.deliver(waMsg("CAT4", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), product("ZZ-1", "Sepatu Lari Kencang")))
	if got := replyText(x.flush()); !strings.Contains(got, "Sepatu Lari Kencang") || strings.Contains(got, "belum bisa membaca") {
		t.Fatalf("unknown catalogue product answered:\n%s", got)
	}
}

// TestWhatsAppCatalogCart: a cart ordered from the catalogue (an order
// message: count and total only) is acknowledged with both, staff are
// told with WhatsApp's order id and no token, and the buyer's note is read
// as text.
func TestWhatsAppCatalogCart(t *testing.T) {
	x := newWATest(t)
	cart := &waE2E.Message{OrderMessage: &waE2E.OrderMessage{
		OrderID: proto.String("1234567890123456"), ItemCount: proto.Int32(3), TotalAmount1000: proto.Int64(135000 * 1000),
		TotalCurrencyCode: proto.String("IDR"), OrderTitle: proto.String("Toko Hijab"), Token: proto.String("AR5secret-token=="),
		Status: waE2E.OrderMessage_INQUIRY.Enum(), Surface: waE2E.OrderMessage_CATALOG.Enum(), SellerJID: proto.String(waOwner + "@s.whatsapp.net"),
		Message: proto.String("kak ini keranjangku"),
	}}
	if !x.deliver(waMsg("CART1", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), cart)) {
		t.Fatal("handler refused the cart")
	}
	kind, txt, _, ok := x.inbound("CART1")
	if !ok || kind != "other" || txt != "kak ini keranjangku" {
		t.Fatalf("cart stored as %q %q (%v)", kind, txt, ok)
	}
	out := x.flush()
	var buyer, staff string
	for _, e := range out {
		if strings.HasSuffix(e.Chat, waCust) {
			buyer += e.Text + "\n"
		} else {
			staff += e.Text + "\n"
		}
	}
	t.Logf("buyer:\n%s\nstaff:\n%s", buyer, staff)
	if !strings.Contains(buyer, "3 barang") || !strings.Contains(buyer, "Rp135.000") || strings.Contains(buyer, "belum bisa membaca") {
		t.Fatalf("cart acknowledged as:\n%s", buyer)
	}
	if !strings.Contains(staff, "1234567890123456") || !strings.Contains(staff, "3 barang") || strings.Contains(staff, "secret-token") {
		t.Fatalf("staff told:\n%s", staff)
	}
	// The buyer writes the items: taken as usual.
	x.deliver(waMsg("CART2", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), text("pashmina hitam 2, bergo maryam 1")))
	if got := replyText(x.flush()); !strings.Contains(got, "Pashmina Ceruty Babydoll Hitam") || !strings.Contains(got, "Bergo Maryam") {
		t.Fatalf("items after the cart:\n%s", got)
	}
}

func replyText(events []bot.Event) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(e.Text + "\n")
	}
	return b.String()
}
