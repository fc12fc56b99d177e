package flows

import (
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/flows/qris"
)

// OrderQRIS is the dynamic QRIS for an order of total rupiah (unique code
// included): the shop's static QRIS with tag 01 "12", tag 54 the total and
// the CRC recomputed. "" when the shop has no QRIS.
func OrderQRIS(shop *Shop, total int64) string {
	if shop == nil || shop.Payment.QRISPayload == "" || total <= 0 {
		return ""
	}
	dyn, err := qris.ToDynamic(shop.Payment.QRISPayload, total)
	if err != nil {
		return ""
	}
	return dyn
}

// payInstructions tells the customer how to pay a new order: the total and
// the bank accounts, and when the shop has a QRIS, as one message, the
// picture of a QRIS for the exact total (its file is named by
// qris.ImagePath; the runtime draws it).
func (t *turn) payInstructions(o Order) {
	text := t.shop.Text("pay_instructions", "total", lang.FormatRupiah(o.Total), "banks", t.shop.banks(),
		"deadline", t.shop.When(t.in.At, o.HoldUntil))
	dyn := OrderQRIS(t.shop, o.Total)
	if dyn == "" {
		t.sayText(text)
		return
	}
	text = strings.TrimSpace(text + "\n\n" + t.shop.Text("pay_qris", "total", lang.FormatRupiah(o.Total)))
	t.res.Replies = append(t.res.Replies, Reply{Text: text, Image: qris.ImagePath(dyn)})
}
