package flows

import (
	"strconv"
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// PendingItem is an item the buyer named that waits for "yang mana?": the
// product (when several fit) or the variant. The first one of State.Queue
// is the one asked about.
type PendingItem struct {
	SKU        string   `json:"sku,omitempty"`        // the product, when only the variant is unclear
	Candidates []string `json:"candidates,omitempty"` // products that fit, when the product is unclear
	Variants   []string `json:"variants,omitempty"`   // variants that fit
	Words      string   `json:"words,omitempty"`      // what was said about the variant ("hitam l")
	Qty        int      `json:"qty,omitempty"`
	Order      bool     `json:"order,omitempty"` // the buyer is ordering, not only asking
}

// onMentions applies everything the message mentions, in one turn: the
// delivery details, every item (added, changed or removed), products and
// variants the shop does not have, and every question, answered in the
// order asked. It reports whether the message mentioned anything.
func (t *turn) onMentions() bool {
	r := &t.r
	if !t.substantive() {
		return false
	}
	t.greet()
	t.salamReply()
	before := len(t.res.Replies)
	tookDetails := t.takeDetails()
	t.applyItems()
	suggested := false
	for _, u := range r.Unknown {
		suggested = t.notSold(u.Words) || suggested
	}
	if len(r.Unknown) > 0 && !suggested && len(r.Items) == 0 && len(r.Questions) <= 1 {
		t.catalog() // what the shop does sell
	}
	for _, nv := range r.NoVariant {
		t.noVariant(nv)
	}
	t.answerAll()
	if len(t.st.Queue) > 0 && !t.asked {
		t.askPending() // "yang mana?" after the answers
	}
	switch {
	case t.asked:
		// A question of ours is out ("yang mana?", "mau berapa?").
	case t.added || t.edited:
		t.afterAdd()
	case tookDetails:
		if len(t.st.Cart) == 0 {
			t.say("details_saved", "example", t.example())
		} else {
			t.askDetails()
		}
	case len(t.res.Replies) == before:
		return t.repeatQuestion()
	case t.inCheckout() && t.st.Step != StepConfirm:
		// A question in the middle of the details: answered, then the
		// detail asked again.
		t.askDetails()
	}
	t.st.Unknowns = 0
	return true
}

// applyItems applies the item mentions.
func (t *turn) applyItems() {
	items := t.r.Items
	several := len(items) > 1
	if len(items) == 1 && !items[0].QtySaid {
		if _, _, err := lang.ExtractQuantity(t.in.Text, t.shop.MaxQty); err != nil {
			// "pashmina hitam 0", "… 1.5", "… 0x10": a number that is no
			// quantity is answered, never dropped or guessed.
			items[0].QtySaid, items[0].Qty = true, -1
		}
	}
	for _, it := range items {
		if it.QtySaid && (it.Qty < 1 || it.Qty > t.shop.MaxQty) {
			t.say("qty_invalid", "max", strconv.Itoa(t.shop.MaxQty))
			if p := t.itemProduct(it); p != nil {
				// The corrected number that follows is for this product.
				t.st.Product = p.SKU
				if it.Variant != "" {
					if v, ok := p.Variant(it.Variant); ok {
						t.st.Variant, t.st.Step, t.asked = v.Name, StepAskQty, true
					}
				} else if len(p.Variants) == 1 {
					t.st.Variant, t.st.Step, t.asked = p.Variants[0].Name, StepAskQty, true
				}
			}
			continue
		}
		if it.SKU == "" && len(it.Candidates) > 1 {
			if sku := t.onlyInCart(it.Candidates); sku != "" {
				// "gamisnya jadi 2" with one gamis in the cart: that one.
				it.SKU = sku
			}
		}
		if it.SKU == "" && len(it.Candidates) > 1 {
			t.queue(PendingItem{Candidates: it.Candidates, Words: it.VariantWords, Qty: it.Qty, Order: t.ordering(it)})
			continue
		}
		p := t.itemProduct(it)
		if p == nil {
			if it.QtySaid && len(t.st.Cart) == 0 && t.st.Step == StepIdle {
				continue // a bare number with nothing under discussion
			}
			continue
		}
		if t.askedAbout(p.SKU) && !it.QtySaid && it.Op == lang.OpAdd && !t.ordering(it) {
			continue // "gamis aisyah ready?": the question answers it
		}
		t.st.Product = p.SKU
		switch it.Op {
		case lang.OpRemove:
			t.removeItem(p, it)
		case lang.OpSet:
			t.setItem(p, it)
		case lang.OpReplace:
			t.replaceItem(p, it)
		default:
			v, cands := t.itemVariant(p, it)
			qty := it.Qty
			if !it.QtySaid {
				qty = 0
				if several || t.inCheckout() {
					qty = 1
				}
			}
			if qty == 0 && !t.ordering(it) {
				// "pashmina hitam" with no verb and no number: tell about it.
				t.productDetail(p, v)
				if t.st.Step == StepAskQty {
					t.asked = true
				}
				continue
			}
			t.wantItem(p, v, cands, it.VariantWords, qty, several)
		}
	}
	if len(t.st.Queue) > 0 && !t.asked {
		t.askPending()
	}
}

// onlyInCart is the one candidate product that is in the cart, or "".
func (t *turn) onlyInCart(cands []string) string {
	found := ""
	for _, sku := range cands {
		for _, c := range t.st.Cart {
			if c.SKU == sku {
				if found != "" && found != sku {
					return ""
				}
				found = sku
			}
		}
	}
	return found
}

// ordering reports whether the buyer orders rather than asks: a quantity,
// an order word, or a cart already being filled.
func (t *turn) ordering(it lang.Item) bool {
	return it.QtySaid || t.intent == lang.IntentOrder || t.intent == lang.IntentDone ||
		t.st.Step == StepCart || t.st.Step == StepAskQty || t.inCheckout()
}

// inCheckout reports whether the buyer is giving details or at the summary.
func (t *turn) inCheckout() bool {
	switch t.st.Step {
	case StepAskName, StepAskAddress, StepAskPhone, StepAskCourier, StepConfirm:
		return len(t.st.Cart) > 0
	}
	return false
}

// askedAbout reports whether a price or stock question names the product.
func (t *turn) askedAbout(sku string) bool {
	for _, q := range t.r.Questions {
		if (q.Kind == lang.QPrice || q.Kind == lang.QStock) && (q.SKU == sku || q.SKU == "" && t.st.Product == sku) {
			return true
		}
	}
	return false
}

// itemProduct is the product an item mention means: the one named, or the
// one under discussion ("yang hitam 2", "jadi 3 aja").
func (t *turn) itemProduct(it lang.Item) *Product {
	cat := t.v.Catalog()
	if it.SKU != "" {
		p, _ := cat.Product(it.SKU)
		return p
	}
	if it.Op != lang.OpAdd || t.st.Step == StepConfirm || t.st.Step == StepCart {
		// An edit without a product: the cart line its variant words fit,
		// or the only line.
		if line := t.cartLineFor(it); line >= 0 {
			p, _ := cat.Product(t.st.Cart[line].SKU)
			return p
		}
	}
	if t.st.Product != "" {
		p, _ := cat.Product(t.st.Product)
		return p
	}
	return nil
}

// cartLineFor finds the one cart line an edit without a product means.
func (t *turn) cartLineFor(it lang.Item) int {
	if len(t.st.Cart) == 1 {
		return 0
	}
	found := -1
	for i, c := range t.st.Cart {
		if it.VariantWords == "" && t.st.Product != "" && c.SKU == t.st.Product {
			if found >= 0 {
				return -1
			}
			found = i
			continue
		}
		if it.Variant != "" && strings.EqualFold(c.Variant, it.Variant) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// itemVariant is the variant an item names, or the candidates.
func (t *turn) itemVariant(p *Product, it lang.Item) (*Variant, []*Variant) {
	if it.Variant != "" {
		if v, ok := p.Variant(it.Variant); ok {
			return v, nil
		}
	}
	if len(p.Variants) == 1 {
		return &p.Variants[0], nil
	}
	var cands []*Variant
	for _, name := range it.VariantCandidates {
		if v, ok := p.Variant(name); ok {
			cands = append(cands, v)
		}
	}
	if it.SKU == "" && it.VariantWords == "" && t.st.Variant != "" && strings.EqualFold(t.st.Product, p.SKU) {
		// "mau 2" after "Hitam ready, mau berapa?"
		if v, ok := p.Variant(t.st.Variant); ok {
			return v, nil
		}
	}
	return nil, cands
}

// wantItem puts an item the buyer wants in the cart, or asks what is
// missing: the variant (queued, asked one at a time) or the quantity.
func (t *turn) wantItem(p *Product, v *Variant, cands []*Variant, words string, qty int, several bool) {
	if v == nil && len(p.Variants) == 1 {
		v = &p.Variants[0]
	}
	if v == nil {
		names := make([]string, 0, len(cands))
		for _, c := range cands {
			names = append(names, c.Name)
		}
		t.queue(PendingItem{SKU: p.SKU, Variants: names, Words: words, Qty: qty, Order: true})
		return
	}
	if qty == 0 {
		if several {
			qty = 1
		} else {
			t.orderItem(p, v, nil, 0)
			t.asked = t.st.Step == StepAskQty
			return
		}
	}
	if t.addLine(p, v, qty) {
		t.added = true
	} else if t.st.Step == StepAskQty {
		t.asked = true
	}
}

// queue keeps an item for "yang mana?".
func (t *turn) queue(q PendingItem) {
	if len(t.st.Queue) >= maxCartLines {
		return
	}
	t.st.Queue = append(t.st.Queue, q)
}

// askPending asks about the first queued item: which product, or which
// variant, as a numbered list.
func (t *turn) askPending() {
	cat := t.v.Catalog()
	for len(t.st.Queue) > 0 {
		q := t.st.Queue[0]
		if q.SKU == "" {
			var cands []*Product
			for _, sku := range q.Candidates {
				if p, ok := cat.Product(sku); ok {
					cands = append(cands, p)
				}
			}
			if len(cands) > 1 {
				t.pickProduct(cands)
				t.st.Hint, t.st.PendingQty = q.Words, q.Qty
				t.asked = true
				return
			}
			if len(cands) == 1 {
				t.st.Queue[0].SKU = cands[0].SKU
				continue
			}
		} else if p, ok := cat.Product(q.SKU); ok {
			var cands []*Variant
			for _, name := range q.Variants {
				if v, ok := p.Variant(name); ok {
					cands = append(cands, v)
				}
			}
			t.pickVariant(p, cands, q.Qty)
			t.asked = true
			return
		}
		t.st.Queue = t.st.Queue[1:]
	}
}

// afterItems goes on after picks: the next "yang mana?", or the cart.
func (t *turn) afterItems() {
	if len(t.st.Queue) > 0 && !t.asked {
		t.askPending()
	}
	if t.asked {
		return
	}
	if t.added || t.edited {
		t.afterAdd()
	}
}

// findLines are the cart lines of a product, narrowed to a variant when
// one is named.
func (t *turn) findLines(p *Product, it lang.Item) []int {
	var lines []int
	for i, c := range t.st.Cart {
		if c.SKU != p.SKU {
			continue
		}
		if it.Variant != "" && !strings.EqualFold(c.Variant, it.Variant) {
			continue
		}
		lines = append(lines, i)
	}
	return lines
}

// removeItem takes a line out, or reduces it: "bergonya ga jadi",
// "kurangin 1".
func (t *turn) removeItem(p *Product, it lang.Item) {
	lines := t.findLines(p, it)
	if len(lines) == 0 {
		t.say("cart_not_there", "product", p.Name)
		return
	}
	if it.QtySaid && it.Qty > 0 && len(lines) == 1 && t.st.Cart[lines[0]].Qty > it.Qty {
		t.st.Cart[lines[0]].Qty -= it.Qty
		c := t.st.Cart[lines[0]]
		t.say("cart_set", "qty", strconv.Itoa(c.Qty), "product", p.Name, "variant", c.Variant)
		t.edited = true
		return
	}
	kept := t.st.Cart[:0]
	for i, c := range t.st.Cart {
		if containsInt(lines, i) {
			continue
		}
		kept = append(kept, c)
	}
	t.st.Cart = kept
	t.say("cart_removed", "product", lineName(p.Name, it.Variant))
	t.edited = true
}

// setItem sets a line's quantity: "jadi 2", "2 aja", "bukan 3 tapi 2".
func (t *turn) setItem(p *Product, it lang.Item) {
	lines := t.findLines(p, it)
	if len(lines) != 1 || !it.QtySaid {
		if len(lines) == 0 {
			// Nothing to change yet: it is an order.
			it.Op = lang.OpAdd
			v, cands := t.itemVariant(p, it)
			t.wantItem(p, v, cands, it.VariantWords, it.Qty, len(t.r.Items) > 1)
			return
		}
		t.say("cart_which_line", "product", p.Name)
		return
	}
	c := &t.st.Cart[lines[0]]
	v, ok := p.Variant(c.Variant)
	if !ok {
		return
	}
	if it.Qty > v.Stock {
		t.say("qty_short", "product", p.Name, "variant", v.Name, "stock", strconv.Itoa(v.Stock))
		return
	}
	c.Qty = it.Qty
	t.say("cart_set", "qty", strconv.Itoa(c.Qty), "product", p.Name, "variant", c.Variant)
	t.edited = true
}

// replaceItem changes the variant of a line: "ganti yang mocca aja".
func (t *turn) replaceItem(p *Product, it lang.Item) {
	v, cands := t.itemVariant(p, it)
	var lines []int
	for i, c := range t.st.Cart {
		if c.SKU == p.SKU {
			lines = append(lines, i)
		}
	}
	if len(lines) == 0 {
		t.wantItem(p, v, cands, it.VariantWords, it.Qty, len(t.r.Items) > 1)
		return
	}
	if v == nil {
		t.queue(PendingItem{SKU: p.SKU, Variants: variantNames(cands), Words: it.VariantWords, Qty: it.Qty, Order: true})
		// The old line goes once the new variant is chosen.
		t.st.Cart = removeLines(t.st.Cart, lines[len(lines)-1:])
		return
	}
	line := lines[len(lines)-1]
	qty := t.st.Cart[line].Qty
	if it.QtySaid && it.Qty > 0 {
		qty = it.Qty
	}
	old := t.st.Cart[line]
	t.st.Cart = removeLines(t.st.Cart, []int{line})
	if !t.addLine(p, v, qty) {
		t.st.Cart = append(t.st.Cart, old) // keep what they had
		return
	}
	t.edited = true
}

func variantNames(vs []*Variant) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Name)
	}
	return out
}

func removeLines(cart []CartItem, lines []int) []CartItem {
	var out []CartItem
	for i, c := range cart {
		if !containsInt(lines, i) {
			out = append(out, c)
		}
	}
	return out
}

// noVariant says plainly that a size, colour or model is not sold, and
// what is.
func (t *turn) noVariant(nv lang.NoVariant) {
	p, ok := t.v.Catalog().Product(nv.SKU)
	if !ok {
		return
	}
	var ready []string
	named := false
	for _, v := range p.Variants {
		named = named || v.Name != ""
		if v.Stock > 0 && v.Name != "" {
			ready = append(ready, v.Name)
		}
	}
	key := "variant_missing"
	switch {
	case !named:
		key = "variant_missing_single" // one kind only: nothing to list
	case len(ready) == 0:
		key = "variant_missing_soldout"
	}
	t.say(key, "product", p.Name, "variant", variantWords(lang.Clean(nv.Words, 40)), "have", strings.Join(ready, ", "))
	t.st.Product = p.SKU
}

// notSold says a product is not sold here, with the closest names the shop
// has when the words look like a misspelling of them.
func (t *turn) notSold(words string) bool {
	m := MatchProduct(t.v.Catalog(), words)
	var names []string
	if m.Product != nil {
		names = append(names, "*"+m.Product.Name+"*")
	}
	for _, p := range m.Candidates {
		if len(names) < 3 {
			names = append(names, "*"+p.Name+"*")
		}
	}
	if len(names) > 0 {
		t.say("not_found_suggest", "suggest", strings.Join(names, " atau "))
		return true
	}
	t.say("not_sold", "what", lang.Clean(words, 60))
	return false
}

// variantWords writes what the buyer asked for the way a shop would: sizes
// in capitals ("XXL", "5000MAH" stays as said), colours capitalised ("Navy").
func variantWords(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if len(w) <= 3 || strings.ContainsAny(w, "0123456789") {
			f[i] = strings.ToUpper(w)
		} else {
			f[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(f, " ")
}
