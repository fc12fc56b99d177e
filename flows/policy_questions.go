package flows

import (
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// answerAll answers every question of the message, in the order asked, as
// one reply.
func (t *turn) answerAll() {
	if len(t.r.Questions) == 0 {
		return
	}
	from := len(t.res.Replies)
	seen := map[string]bool{}
	for _, q := range t.r.Questions {
		key := string(q.Kind) + "|" + q.SKU + "|" + q.Variant + "|" + q.Place
		if q.Kind == lang.QPrice || q.Kind == lang.QStock {
			// One answer per product: its price, stock and the variants asked.
			key = "product|" + q.SKU
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		t.answer(q)
	}
	t.answered = true
	t.joinReplies(from)
}

// joinReplies folds the customer replies added since from into one
// message, so several answers arrive together.
func (t *turn) joinReplies(from int) {
	rs := t.res.Replies[from:]
	var texts []string
	var others []Reply
	seen := map[string]bool{}
	for _, r := range rs {
		if r.To == "" && r.Image == "" {
			if seen[r.Text] {
				continue // "totalnya brp? rek nya mana?": one answer serves both
			}
			seen[r.Text] = true
			texts = append(texts, r.Text)
		} else {
			others = append(others, r)
		}
	}
	if len(texts) < 2 && len(texts)+len(others) == len(rs) {
		return
	}
	t.res.Replies = append(t.res.Replies[:from], Reply{Text: strings.Join(texts, "\n\n")})
	t.res.Replies = append(t.res.Replies, others...)
}

// answer answers one question.
func (t *turn) answer(q lang.Question) {
	switch q.Kind {
	case lang.QPrice, lang.QStock:
		t.productQuestion(q)
	case lang.QOngkir:
		t.ongkirQuestion(q.Place)
	case lang.QCOD:
		t.cod()
	case lang.QAccount, lang.QPayment:
		if o, ok := t.unpaidOrder(); ok && q.Kind == lang.QAccount {
			t.say("pay_again", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "banks", t.shop.banks())
			return
		}
		t.paymentInfo()
	case lang.QTotal:
		t.totalQuestion()
	case lang.QStatus:
		t.orderStatus()
	case lang.QETA:
		if t.hasOpenOrder() {
			t.orderStatus()
			return
		}
		t.say("eta_general")
	case lang.QDiscount:
		t.say("discount_answer")
	case lang.QShopInfo:
		t.shopInfo()
	case lang.QCatalog:
		t.catalogQuestion()
	case lang.QHowTo:
		t.howToOrder()
	}
}

// productQuestion answers "ready?" and "berapa?" about a product, the
// variants asked (all the questions about it at once), or the product
// under discussion.
func (t *turn) productQuestion(q lang.Question) {
	cat := t.v.Catalog()
	sku := q.SKU
	if sku == "" {
		for _, it := range t.r.Items {
			if it.SKU == "" && len(it.Candidates) > 1 {
				return // "gamis ready?": "yang mana?" is asked
			}
		}
		if len(q.Candidates) > 1 {
			fits := t.fittingProducts(q.Candidates)
			if len(fits) != 1 {
				// "gamis ready?": which one; the colour and size said
				// stay with the question.
				t.queue(PendingItem{Candidates: q.Candidates, Words: lang.Clean(t.in.Text, 200)})
				t.askPending()
				return
			}
			q.SKU = fits[0]
		}
		sku = q.SKU
		if sku == "" {
			sku = t.st.Product
		}
	}
	p, ok := cat.Product(sku)
	if !ok {
		if len(t.r.Unknown) > 0 {
			return // "sepatu ada?": answered as not sold
		}
		t.say("which_product")
		t.catalog()
		return
	}
	t.st.Product = p.SKU
	var vs []*Variant
	add := func(name string) {
		if v, ok := p.Variant(name); ok && !containsVariant(vs, v) {
			vs = append(vs, v)
		}
	}
	for _, o := range t.r.Questions {
		if (o.Kind == lang.QPrice || o.Kind == lang.QStock) && o.SKU == q.SKU {
			if o.Variant != "" {
				add(o.Variant)
			}
			if len(o.VariantCandidates) > 1 && len(o.VariantCandidates) < len(p.Variants) {
				for _, name := range o.VariantCandidates {
					add(name) // "yg L ada?": only the variants that fit
				}
			}
		}
	}
	for _, it := range t.r.Items {
		if it.SKU != p.SKU && (it.SKU != "" || t.st.Product != p.SKU) {
			continue
		}
		if it.Variant != "" {
			add(it.Variant)
		} else if len(it.VariantCandidates) > 1 && len(it.VariantCandidates) < len(p.Variants) {
			// "yg L ada?": only the variants that fit.
			for _, name := range it.VariantCandidates {
				add(name)
			}
		}
	}
	if len(vs) == 0 && len(p.Variants) > 1 {
		// "gamis yg navy ada ukuran M?", "kalo L?": the variants described.
		if v, cands := MatchVariant(p, t.in.Text); v != nil {
			add(v.Name)
		} else if len(cands) < len(p.Variants) {
			for _, c := range cands {
				add(c.Name)
			}
		}
	}
	switch {
	case len(vs) == 1 && len(p.Variants) > 1:
		t.productDetail(p, vs[0])
		if t.st.Step == StepAskQty {
			t.asked = true
		}
	case len(vs) > 1:
		t.variantStock(p, vs)
	default:
		for _, nv := range t.r.NoVariant {
			if nv.SKU == p.SKU {
				return // answered as not available, with what is
			}
		}
		t.productDetail(p, nil)
	}
}

// fittingProducts are the candidates that have a variant the message
// describes ("gamis yg navy M": only the gamis sold in navy M).
func (t *turn) fittingProducts(cands []string) []string {
	var fits []string
	for _, sku := range cands {
		if p, ok := t.v.Catalog().Product(sku); ok {
			if v, _ := MatchVariant(p, t.in.Text); v != nil {
				fits = append(fits, sku)
			}
		}
	}
	return fits
}

func containsVariant(vs []*Variant, v *Variant) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// ongkirQuestion answers a shipping cost: to the place named, to the
// address given, or the parcel's status when one is on its way.
func (t *turn) ongkirQuestion(place string) {
	if place != "" && t.liveAsk(place) {
		return
	}
	if place != "" {
		t.shippingCost(place)
		return
	}
	if t.hasParcelOnTheWay() {
		t.orderStatus()
		return
	}
	if a := t.st.Details.Address; a != "" {
		if r, ok := t.rateForAddress(a); ok {
			t.shippingCost(r.Area)
			return
		}
	}
	t.shippingCost("")
}

// totalQuestion answers "totalnya berapa": the cart being ordered, or the
// order waiting for payment.
func (t *turn) totalQuestion() {
	if len(t.st.Cart) > 0 {
		if o, ok := t.buildOrder(); ok {
			t.say("total_cart", "subtotal", lang.FormatRupiah(o.Subtotal), "total", lang.FormatRupiah(o.Total))
			return
		}
	}
	if o, ok := t.unpaidOrder(); ok {
		t.say("pay_again", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "banks", t.shop.banks())
		return
	}
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status.Open() || o.Status == StatusPaid || o.Status == StatusShipped {
			t.say("total_order", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "status", StatusText(o.Status))
			return
		}
	}
	t.say("cart_empty")
}

// unpaidOrder is the customer's newest order waiting for a transfer.
func (t *turn) unpaidOrder() (Order, bool) {
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status == StatusAwaitingPayment && o.Payment != PayCOD {
			return o, true
		}
	}
	return Order{}, false
}

// catalogQuestion answers "ada apa aja?": the products of the category
// named ("kabelnya ada apa aja"), as a numbered list to pick from, or the
// whole catalogue.
func (t *turn) catalogQuestion() {
	cat := t.v.Catalog()
	words := map[string]bool{}
	for _, w := range lang.Words(t.r.Norm) {
		words[w] = true
		words[strings.TrimSuffix(w, "nya")] = true
	}
	var in []*Product
	var named string
	for i := range cat.Products {
		p := &cat.Products[i]
		c := lang.Normalize(p.Category)
		if c == "" || !words[c] || (named != "" && named != c) {
			continue
		}
		named = c
		in = append(in, p)
	}
	if len(in) < 2 {
		t.catalog()
		return
	}
	t.st.Queue = append([]PendingItem{{Candidates: skus(in)}}, t.st.Queue...)
	t.pickProduct(in)
	t.st.Hint = ""
	t.asked = true
}

func skus(ps []*Product) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.SKU)
	}
	return out
}

// hasOpenOrder reports whether the customer has an order not yet delivered.
func (t *turn) hasOpenOrder() bool {
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status.Open() || o.Status == StatusPaid || o.Status == StatusShipped {
			return true
		}
	}
	return false
}
