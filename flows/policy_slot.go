package flows

import (
	"strconv"
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// onSlot reads a bare answer against the question the bot asked last: a
// pick from a numbered list, "ya" at the order summary, a phone number or a
// courier that cannot be read. Answers that carry content (a quantity for
// the product asked about, a name, an address) are read by the reader in
// the slot's context and applied by onMentions.
func (t *turn) onSlot() bool {
	switch t.st.Step {
	case StepPickProduct, StepPickVariant:
		if len(t.r.Choices) == 0 && !t.namesProduct() {
			if k := t.choiceByName(); k > 0 {
				t.r.Choices = []int{k}
			}
		}
		if len(t.r.Choices) > 0 {
			t.greet()
			t.pickChoices()
			return true
		}
		t.leavePick()
		if (t.st.Step == StepPickProduct || t.st.Step == StepPickVariant) && !t.substantive() &&
			!t.has(lang.ActCancel) && !t.has(lang.ActHuman) && !t.has(lang.ActComplaint) && !t.has(lang.ActAbuse) {
			// "kalo L?", "yang bagus yang mana?": the list again.
			t.greet()
			t.askPending()
			return true
		}
	case StepCart:
		if !t.substantive() && (t.has(lang.ActDone) || t.has(lang.ActConfirm)) {
			t.greet()
			t.askDetails()
			return true
		}
	case StepConfirm:
		if t.st.CODShown {
			return t.codConfirmStep()
		}
		if t.substantive() {
			return false
		}
		switch {
		case t.has(lang.ActConfirm) || t.has(lang.ActDone):
			t.greet()
			t.placeOrder()
			return true
		case t.has(lang.ActDeny):
			t.say("confirm_change")
			return true
		}
	case StepAskPhone:
		if t.r.Details.Phone != "" || t.substantive() {
			break
		}
		if n := " " + t.norm + " "; t.in.Customer.Phone != "" && (strings.Contains(n, " sama ") || strings.Contains(n, " nomor ini") || strings.Contains(n, " nomor wa")) {
			// "sama kak", "pakai nomor ini aja": the number writing.
			t.st.Details.Phone = t.in.Customer.Phone
			t.askDetails()
			return true
		}
		if strings.ContainsAny(t.norm, "0123456789") {
			t.say("phone_invalid")
			return true
		}
	case StepAskCourier:
		if t.r.Details.Courier == "" && !t.substantive() && len(t.r.Acts) == 0 && len(strings.Fields(t.norm)) <= 3 {
			t.say("courier_unknown", "couriers", strings.Join(t.shop.Shipping.Couriers, ", "))
			return true
		}
	case StepAskQty:
		if t.st.PendingQty > 0 && !t.substantive() && t.has(lang.ActConfirm) {
			// "Stok tinggal 5, mau ambil 5 saja?" — "iya".
			if p, ok := t.v.Catalog().Product(t.st.Product); ok {
				if v, ok := p.Variant(t.st.Variant); ok {
					t.greet()
					if t.addLine(p, v, t.st.PendingQty) {
						t.afterAdd()
					}
					return true
				}
			}
		}
		if _, err := lang.ParseQuantity(t.norm, t.shop.MaxQty); err != nil && !t.substantive() && strings.ContainsAny(t.norm, "0123456789-") {
			t.say("qty_invalid", "max", strconv.Itoa(t.shop.MaxQty))
			return true
		}
	}
	return false
}

// namesProduct reports whether an item of the message names its product.
func (t *turn) namesProduct() bool {
	for _, it := range t.r.Items {
		if it.SKU != "" || len(it.Candidates) > 0 {
			return true
		}
	}
	return false
}

// choiceByName reads an answer to a numbered list that names one of the
// entries instead of its number ("yg 100gr", "yang zahra"). It returns the
// entry's number, or 0.
func (t *turn) choiceByName() int {
	cat := t.v.Catalog()
	pick := 0
	fits := func(k int) bool {
		if pick != 0 && pick != k {
			pick = -1
			return false
		}
		pick = k
		return true
	}
	switch t.st.Step {
	case StepPickVariant:
		var q PendingItem
		if len(t.st.Queue) > 0 {
			q = t.st.Queue[0]
		}
		p, ok := cat.Product(q.SKU)
		if !ok {
			return 0
		}
		v, cands := MatchVariant(p, t.in.Text)
		if v != nil {
			cands = []*Variant{v}
		}
		for _, c := range cands {
			for i, name := range t.st.Choices {
				if strings.EqualFold(c.Name, name) {
					fits(i + 1)
				}
			}
		}
	case StepPickProduct:
		m := MatchProduct(cat, t.in.Text)
		for i, sku := range t.st.Choices {
			if m.Product != nil && m.Product.SKU == sku {
				fits(i + 1)
			}
		}
		if pick == 0 {
			for i, sku := range t.st.Choices {
				if p, ok := cat.Product(sku); ok {
					if v, _ := MatchVariant(p, t.st.Hint+" "+t.in.Text); v != nil {
						fits(i + 1)
					}
				}
			}
		}
	}
	return max(pick, 0)
}

// leavePick ends a "yang mana?" the message does not answer when it goes
// on to something else (details, other products, "udah"): the item asked
// about is set aside with a word, so the buyer is never stuck on the list.
// An item naming the product asked about answers the list instead.
func (t *turn) leavePick() {
	var q PendingItem
	if len(t.st.Queue) > 0 {
		q = t.st.Queue[0]
	}
	for _, it := range t.r.Items {
		if (q.SKU != "" && (it.SKU == q.SKU || it.SKU == "")) || (q.SKU == "" && containsString(q.Candidates, it.SKU)) {
			t.dropPick()
			t.dropQueued()
			return
		}
	}
	if len(t.r.Questions) > 0 && !t.has(lang.ActDone) && len(t.r.Items) == 0 && t.r.Details == (lang.Details{}) {
		return // answered, then the list is asked again
	}
	if !t.substantive() && !t.has(lang.ActDone) {
		return
	}
	name := ""
	if p, ok := t.v.Catalog().Product(q.SKU); ok {
		name = p.Name
	} else if len(q.Candidates) > 0 {
		name = lang.Clean(t.st.Hint, 40)
	}
	t.dropPick()
	if name != "" && q.Order {
		t.say("pick_dropped", "product", name)
	}
}

// dropQueued forgets the items still waiting for "yang mana?" that the
// message now names in full ("singkong yg 250gr sama daun jeruk level 3").
func (t *turn) dropQueued() {
	kept := t.st.Queue[:0]
	for _, q := range t.st.Queue {
		named := false
		for _, it := range t.r.Items {
			if it.SKU != "" && (it.SKU == q.SKU || q.SKU == "" && containsString(q.Candidates, it.SKU)) {
				named = true
			}
		}
		if !named {
			kept = append(kept, q)
		}
	}
	t.st.Queue = kept
}

// dropPick forgets the "yang mana?" asked.
func (t *turn) dropPick() {
	if len(t.st.Queue) > 0 {
		t.st.Queue = t.st.Queue[1:]
	}
	t.st.Choices, t.st.Hint, t.st.PendingQty = nil, "", 0
	t.st.Step = t.cartStep()
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// pickChoices applies "2", "1 sama 3", "dua-duanya" to the list offered
// for the first pending item.
func (t *turn) pickChoices() {
	cat := t.v.Catalog()
	var picks []int
	for _, c := range t.r.Choices {
		if c == lang.ChoiceAll {
			picks = picks[:0]
			for i := range t.st.Choices {
				picks = append(picks, i+1)
			}
			break
		}
		if c >= 1 && c <= len(t.st.Choices) && !containsInt(picks, c) {
			picks = append(picks, c)
		}
	}
	var q PendingItem
	if len(t.st.Queue) > 0 {
		q, t.st.Queue = t.st.Queue[0], t.st.Queue[1:]
	}
	for _, it := range t.r.Items {
		if it.SKU == "" && it.QtySaid && it.Qty > 0 {
			q.Qty, q.Order = it.Qty, true
		}
	}
	offered, step := t.st.Choices, t.st.Step
	t.st.Choices, t.st.Hint, t.st.PendingQty = nil, "", 0
	t.st.Step = t.cartStep()
	for _, k := range picks {
		name := offered[k-1]
		switch step {
		case StepPickProduct:
			p, ok := cat.Product(name)
			if !ok {
				continue
			}
			t.st.Product = p.SKU
			v, cands := MatchVariant(p, q.Words+" "+t.in.Text)
			if !q.Order && len(picks) == 1 {
				t.productDetail(p, v)
				continue
			}
			t.wantItem(p, v, cands, q.Words, q.Qty, len(picks) > 1)
		case StepPickVariant:
			p, ok := cat.Product(q.SKU)
			if !ok {
				continue
			}
			v, ok := p.Variant(name)
			if !ok {
				continue
			}
			t.st.Product = p.SKU
			t.wantItem(p, v, nil, "", q.Qty, len(picks) > 1)
		}
	}
	t.afterItems()
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
