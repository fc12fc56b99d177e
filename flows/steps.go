package flows

import (
	"strconv"
	"strings"
)

// step answers a pending question. It reports whether it took the turn;
// when it did not, the turn is routed by intent and the pending question
// is asked again where that helps.
func (t *turn) step(intent Intent) bool {
	switch t.st.Step {
	case StepPickProduct:
		return t.pickProductStep(intent)
	case StepPickVariant:
		return t.pickVariantStep(intent)
	case StepAskQty:
		return t.askQtyStep(intent)
	case StepCart:
		switch intent {
		case IntentDone, IntentConfirmYes:
			t.greet()
			t.askDetails()
			return true
		}
		if d := ParseDetails(t.in.Text, t.shop.Shipping.Couriers); d.Address != "" || countFields(d) >= 2 {
			t.greet()
			t.fillDetails(d)
			t.askDetails()
			return true
		}
		return false
	case StepAskName, StepAskAddress, StepAskPhone, StepAskCourier:
		if intent == IntentCancel {
			return false
		}
		if t.detailStep(intent) {
			return true
		}
		if intent == IntentUnknown || intent == IntentConfirmYes || intent == IntentConfirmNo {
			// Not an answer we can read: ask again rather than guess.
			t.askDetails()
			return true
		}
		return false
	case StepConfirm:
		if t.changeQty() {
			return true
		}
		if intent == IntentOrder {
			if m := MatchProduct(t.v.Catalog(), t.in.Text); m.Product != nil || len(m.Candidates) > 0 {
				// "mau pashmina hitam 1" at the summary adds to the order; it
				// is not a "ya".
				return false
			}
		}
		switch intent {
		case IntentConfirmYes, IntentOrder, IntentDone:
			t.greet()
			t.placeOrder()
			return true
		case IntentConfirmNo:
			t.say("confirm_change")
			return true
		}
		if d := ParseDetails(stripChange(t.in.Text), t.shop.Shipping.Couriers); countFields(d) > 0 {
			t.fillDetails(d)
			t.summary()
			return true
		}
		return false
	case StepCancelOrder:
		return t.cancelStep(intent)
	case StepComplaintPick:
		return t.complaintPickStep(intent)
	case StepComplaintDesc:
		return t.complaintDescStep(intent)
	}
	t.st.Step = StepIdle
	return false
}

func countFields(d OrderForm) int {
	n := 0
	for _, s := range []string{d.Name, d.Phone, d.Address, d.Courier} {
		if s != "" {
			n++
		}
	}
	return n
}

func (t *turn) pickVariantStep(intent Intent) bool {
	p, ok := t.v.Catalog().Product(t.st.Product)
	if !ok {
		t.st.Step = StepIdle
		return false
	}
	var v *Variant
	qtyText := t.in.Text
	if k, ok := pickNumber(t.norm, len(t.st.Choices)); ok {
		v, _ = p.Variant(t.st.Choices[k-1])
		// The number picked the line; it is not the quantity too.
		qtyText = dropWord(t.norm, strconv.Itoa(k))
	} else if cv, cands := MatchVariant(p, t.in.Text); cv != nil {
		v = cv
	} else {
		// "yg 100gr" after a list of two level-5 packs: the one offered.
		v = onlyChoice(cands, t.st.Choices)
	}
	if v == nil {
		if m := MatchProduct(t.v.Catalog(), t.in.Text); m.Product != nil || intent != IntentUnknown {
			t.st.Step, t.st.Choices = t.cartStep(), nil
			return false
		}
		t.pickVariant(p, nil, t.st.PendingQty)
		return true
	}
	t.greet()
	qty, _, err := ExtractQuantity(qtyText, t.shop.MaxQty)
	if err != nil {
		t.say("qty_invalid", "max", strconv.Itoa(t.shop.MaxQty))
		return true
	}
	if qty == 0 {
		qty = t.st.PendingQty
	}
	t.st.Choices = nil
	t.orderItem(p, v, nil, qty)
	return true
}

// dropWord removes the first occurrence of word from a normalised text.
func dropWord(norm, word string) string {
	f := strings.Fields(norm)
	for i, w := range f {
		if strings.TrimPrefix(strings.TrimSuffix(w, "."), "#") == word {
			return strings.Join(append(f[:i:i], f[i+1:]...), " ")
		}
	}
	return norm
}

// onlyChoice is the one candidate among the names just offered, or nil.
func onlyChoice(cands []*Variant, offered []string) *Variant {
	var found *Variant
	for _, c := range cands {
		for _, o := range offered {
			if strings.EqualFold(c.Name, o) {
				if found != nil {
					return nil
				}
				found = c
			}
		}
	}
	return found
}

func (t *turn) askQtyStep(intent Intent) bool {
	p, ok := t.v.Catalog().Product(t.st.Product)
	if !ok {
		t.st.Step = t.cartStep()
		return false
	}
	v, ok := p.Variant(t.st.Variant)
	if !ok {
		t.st.Step = t.cartStep()
		return false
	}
	if m := MatchProduct(t.v.Catalog(), t.in.Text); m.Product != nil && m.Product.SKU != p.SKU {
		t.st.Step = t.cartStep()
		return false
	}
	if d := ParseDetails(t.in.Text, t.shop.Shipping.Couriers); d.Address != "" || countFields(d) >= 2 {
		// Delivery details sent instead of the quantity: keep them, and
		// never read a house number as the quantity.
		t.fillDetails(d)
		t.say("ask_qty")
		return true
	}
	if cv, _ := MatchVariant(p, t.in.Text); cv != nil && cv.Name != v.Name {
		v = cv
	}
	qty, _, err := ExtractQuantity(t.in.Text, t.shop.MaxQty)
	if err != nil {
		t.say("qty_invalid", "max", strconv.Itoa(t.shop.MaxQty))
		return true
	}
	if qty == 0 {
		switch {
		case intent == IntentConfirmYes && t.st.PendingQty > 0:
			qty = t.st.PendingQty
		case intent == IntentConfirmYes || intent == IntentOrder:
			t.say("ask_qty")
			return true
		case intent == IntentConfirmNo:
			t.st.Step, t.st.Variant, t.st.PendingQty = t.cartStep(), "", 0
			t.say("ok")
			return true
		default:
			t.st.Step, t.st.Variant, t.st.PendingQty = t.cartStep(), "", 0
			return false
		}
	}
	t.greet()
	t.addToCart(p, v, qty)
	return true
}

// cancel handles "batal": a cart in progress is dropped; an unpaid order is
// cancelled after a "ya"; a paid one goes to a human.
func (t *turn) cancel() {
	if len(t.st.Cart) > 0 || (t.st.Step != StepIdle && t.st.Step != StepComplaintDesc) {
		t.st.Cart, t.st.Details, t.st.Step, t.st.Choices = nil, Details{}, StepIdle, nil
		t.say("cancel_cart")
		return
	}
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		switch o.Status {
		case StatusAwaitingPayment:
			t.st.Step, t.st.CancelID = StepCancelOrder, o.ID
			t.say("cancel_ask", "id", itoa(o.ID), "total", FormatRupiah(o.Total))
			return
		case StatusAwaitingVerification, StatusPaid:
			t.say("cancel_paid", "id", itoa(o.ID))
			t.notify(t.shop.Text("notify_cancel_paid", "name", t.customerLabel(), "phone", t.customerPhone(), "id", itoa(o.ID), "status", o.Status.Label()))
			return
		}
	}
	t.say("cancel_none")
}

func (t *turn) cancelStep(intent Intent) bool {
	id := t.st.CancelID
	t.st.Step, t.st.CancelID = StepIdle, 0
	if keepsOrder(t.norm) {
		intent = IntentConfirmNo
	}
	switch intent {
	case IntentConfirmYes, IntentCancel:
		o, ok := t.v.Order(id)
		if !ok || o.CustomerID != t.in.Customer.ID || o.Status != StatusAwaitingPayment {
			t.say("cancel_none")
			return true
		}
		t.effect(SetOrderStatus{ID: id, Status: StatusCancelled, At: t.in.At, Reason: "dibatalkan pelanggan"})
		t.say("cancel_done", "id", itoa(id))
		t.notify(t.shop.Text("notify_cancel", "id", itoa(id), "name", t.customerLabel()))
		return true
	case IntentConfirmNo:
		t.say("cancel_keep", "id", itoa(id))
		return true
	}
	return false
}

// handover gives the chat to a human for at most the configured cap.
func (t *turn) handover() {
	until := t.in.At.Add(t.shop.HandoverCap)
	t.effect(SetPause{Phone: t.customerPhone(), Until: until})
	when := t.shop.Text("handover_when_open")
	if !t.shop.Open(t.in.At) {
		when = t.shop.Text("handover_when_closed", "open", t.shop.NextOpen(t.in.At))
	}
	t.say("handover", "when", when)
	t.notify(t.shop.Text("notify_handover", "name", t.customerLabel(), "phone", t.customerPhone(), "until", t.shop.When(t.in.At, until)))
	t.st.Step, t.st.Choices = StepIdle, nil
}

// angry answers abuse calmly, never in kind, and hands the chat to a human
// with the customer's own words.
func (t *turn) angry() {
	until := t.in.At.Add(t.shop.HandoverCap)
	t.say("complaint_angry")
	t.effect(SetPause{Phone: t.customerPhone(), Until: until})
	t.notify(t.shop.Text("notify_angry", "name", t.customerLabel(), "phone", t.customerPhone(), "text", Clean(t.in.Text, 300)))
	t.st.Step, t.st.Choices = StepIdle, nil
}

func trimWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// changeWords open a correction: "alamatnya ganti Jl. …", "ganti kurir jne".
var changeWords = map[string]bool{
	"alamat": true, "alamatnya": true, "ganti": true, "diganti": true, "ubah": true, "diubah": true,
	"jadi": true, "ke": true, "kurir": true, "kurirnya": true, "pakai": true, "pake": true,
	"nama": true, "namanya": true, "nomor": true, "nomornya": true, "no": true, "hp": true, "tolong": true,
	"kak": true, "mau": true, "aja": true, "saja": true, "dong": true, "ya": true,
}

// stripChange drops the leading words of a correction so only the new
// value is parsed.
func stripChange(text string) string {
	rest := strings.TrimSpace(text)
	for {
		word, after, _ := strings.Cut(rest, " ")
		w := strings.ToLower(strings.Trim(word, ":,.-="))
		if !changeWords[w] || after == "" {
			break
		}
		rest = strings.TrimSpace(after)
	}
	if rest == "" {
		return text
	}
	// Give the parser its label back so an address is read as one.
	if strings.Contains(strings.ToLower(text[:len(text)-len(rest)]), "alamat") {
		return "Alamat: " + rest
	}
	return rest
}

// pickProductStep reads the answer to "yang mana, Kak?": a number, a
// product name, or words that fit only one of the products offered. The
// colour or size said in the question is kept for the product chosen.
func (t *turn) pickProductStep(intent Intent) bool {
	cat := t.v.Catalog()
	var p *Product
	if k, ok := pickNumber(t.norm, len(t.st.Choices)); ok {
		p, _ = cat.Product(t.st.Choices[k-1])
	} else if m := MatchProduct(cat, t.in.Text); m.Product != nil {
		t.st.Step, t.st.Choices, t.st.Hint = StepIdle, nil, ""
		return false
	} else {
		var fits []*Product
		for _, sku := range t.st.Choices {
			if cp, ok := cat.Product(sku); ok {
				if v, _ := MatchVariant(cp, t.st.Hint+" "+t.in.Text); v != nil {
					fits = append(fits, cp)
				}
			}
		}
		if len(fits) == 1 {
			p = fits[0]
		}
	}
	if p == nil {
		switch intent {
		case IntentUnknown, IntentStockCheck, IntentPrice, IntentOrder, IntentConfirmYes:
			// Still unclear: ask again with the same list, once more.
			var cands []*Product
			for _, sku := range t.st.Choices {
				if cp, ok := cat.Product(sku); ok {
					cands = append(cands, cp)
				}
			}
			if len(cands) > 1 {
				hint, qty := t.st.Hint, t.st.PendingQty
				t.pickProduct(cands)
				t.st.Hint, t.st.PendingQty = hint, qty
				return true
			}
		}
		t.st.Step, t.st.Choices, t.st.Hint = StepIdle, nil, ""
		return false
	}
	t.greet()
	hint, qty := t.st.Hint+" "+t.in.Text, t.st.PendingQty
	t.st.Step, t.st.Choices, t.st.Hint = StepIdle, nil, ""
	t.st.Product = p.SKU
	v, cands := MatchVariant(p, hint)
	if qty > 0 {
		t.orderItem(p, v, cands, qty)
	} else {
		t.productDetail(p, v)
	}
	return true
}

// changeQty reads "jumlahnya jadi 3" / "ganti 2 aja" at the summary: the
// quantity of the one line meant is set (not added), and the summary shown
// again. It reports whether it took the turn.
func (t *turn) changeQty() bool {
	n := " " + t.norm + " "
	if !strings.Contains(n, " jadi ") && !strings.Contains(n, " ganti ") && !strings.Contains(n, " ubah ") &&
		!strings.Contains(n, " cuma ") && !strings.Contains(n, " jumlahnya ") {
		return false
	}
	if d := ParseDetails(t.in.Text, t.shop.Shipping.Couriers); d.Address != "" {
		return false // an address correction, not a quantity
	}
	qty, _, err := ExtractQuantity(t.in.Text, t.shop.MaxQty)
	if err != nil || qty == 0 || len(t.st.Cart) == 0 {
		return false
	}
	line := -1
	if len(t.st.Cart) == 1 {
		line = 0
	} else if m := MatchProduct(t.v.Catalog(), t.in.Text); m.Product != nil {
		for i, it := range t.st.Cart {
			if it.SKU == m.Product.SKU && (m.Variant == nil || it.Variant == m.Variant.Name) {
				if line >= 0 {
					return false // two lines of that product: unclear
				}
				line = i
			}
		}
	}
	if line < 0 {
		return false
	}
	it := t.st.Cart[line]
	p, ok := t.v.Catalog().Product(it.SKU)
	if !ok {
		return false
	}
	v, ok := p.Variant(it.Variant)
	if !ok {
		return false
	}
	if qty > v.Stock {
		t.say("qty_short", "product", p.Name, "variant", v.Name, "stock", strconv.Itoa(v.Stock))
		return true
	}
	t.st.Cart[line].Qty = qty
	t.summary()
	return true
}

// keepsOrder reads "gak jadi batal", "jangan dibatalkan", "tidak usah
// batal": a "batal" that is negated keeps the order.
func keepsOrder(norm string) bool {
	n := " " + norm + " "
	for _, neg := range []string{"tidak jadi", "jangan", "tidak usah", "tidak", "batal tidak jadi", "enggak jadi"} {
		for _, b := range []string{" batal", " dibatalkan", " dibatalin", " cancel"} {
			if strings.Contains(n, " "+neg+b) {
				return true
			}
		}
	}
	return strings.Contains(n, " batal tidak jadi ") || strings.Contains(n, " tetap lanjut") || strings.Contains(n, " lanjut saja")
}
