package flows

import (
	"fmt"
	"github.com/pesanbot/pesanbot/flows/lang"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows/qris"
)

// testStaticQRIS is an invented static QRIS with a correct CRC.
const testStaticQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204569953033605802ID5912HIJAB CONTOH" +
	"6006BEKASI61051711262070703A016304287A"

// placeTestOrder pastes a format order and confirms it.
func placeTestOrder(t *testing.T, shop *Shop) (Order, []Reply) {
	t.Helper()
	v := newFuzzView()
	at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	var st State
	var last Result
	for _, text := range []string{
		"Nama: Rina\nNo HP: 081300000001\nAlamat: Jl. Mawar 1, Jaksel\nKurir: JNE\nPesanan: pashmina hitam 2",
		"ya",
	} {
		last = Handle(shop, st, Input{Customer: v.customers[0], Text: text, At: at}, v)
		v.apply(t, text, last.Effects)
		st = last.State
		at = at.Add(time.Minute)
	}
	for _, e := range last.Effects {
		if c, ok := e.(CreateOrder); ok {
			return c.Order, last.Replies
		}
	}
	t.Fatalf("no order placed; replies: %+v", last.Replies)
	return Order{}, nil
}

func TestPayInstructionsCarryOrderQRIS(t *testing.T) {
	shop := fuzzShop()
	shop.Payment.QRIS = testStaticQRIS
	shop.Payment.QRISPayload = testStaticQRIS
	o, replies := placeTestOrder(t, shop)
	var pay *Reply
	for i, r := range replies {
		if r.To == "" && strings.Contains(r.Text, "Silakan transfer") {
			pay = &replies[i]
		}
	}
	if pay == nil {
		t.Fatalf("no payment instructions: %+v", replies)
	}
	dyn := OrderQRIS(shop, o.Total)
	if n, ok := qris.Amount(dyn); !ok || n != o.Total || qris.Validate(dyn) != nil {
		t.Fatalf("OrderQRIS = %q (amount %d, total %d)", dyn, n, o.Total)
	}
	if pay.Image != qris.ImagePath(dyn) {
		t.Errorf("payment image = %q, want %q", pay.Image, qris.ImagePath(dyn))
	}
	// The picture goes with the bank accounts and the exact total.
	for _, want := range []string{"BCA 1234567890", lang.FormatRupiah(o.Total), "QRIS"} {
		if !strings.Contains(pay.Text, want) {
			t.Errorf("payment text lacks %q:\n%s", want, pay.Text)
		}
	}
	if o.UniqueCode == 0 || o.Total != o.Subtotal+o.Shipping+o.UniqueCode {
		t.Errorf("order total %d does not include the unique code %d", o.Total, o.UniqueCode)
	}
}

func TestPayInstructionsWithoutQRIS(t *testing.T) {
	_, replies := placeTestOrder(t, fuzzShop())
	for _, r := range replies {
		if r.Image != "" {
			t.Errorf("a shop without QRIS sent an image: %+v", r)
		}
	}
	if OrderQRIS(fuzzShop(), 1000) != "" {
		t.Error("OrderQRIS without a QRIS")
	}
}

func ExampleOrderQRIS() {
	shop := &Shop{Payment: Payment{QRISPayload: testStaticQRIS}}
	dyn := OrderQRIS(shop, 90337)
	fmt.Println(strings.Contains(dyn, "010212"), strings.Contains(dyn, "540590337"), qris.Validate(dyn) == nil)
	// Output: true true true
}
