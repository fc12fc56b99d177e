package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"strconv"
	"strings"
	"time"
)

// maxCartLines caps the lines of one order, so a pasted wall of text cannot
// create a thousand-line order.
const maxCartLines = 50

func (t *turn) pickProduct(cands []*Product) {
	var b strings.Builder
	b.WriteString(t.shop.Text("pick_product"))
	t.st.Choices = t.st.Choices[:0]
	for i, p := range cands {
		lo, _ := p.PriceRange()
		b.WriteString("\n" + strconv.Itoa(i+1) + ". " + p.Name + " (" + lang.FormatRupiah(lo) + ")")
		t.st.Choices = append(t.st.Choices, p.SKU)
	}
	q, _, _ := lang.ExtractQuantity(t.in.Text, t.shop.MaxQty)
	t.st.PendingQty = q
	t.st.Hint = lang.Clean(t.in.Text, 200)
	t.st.Step = StepPickProduct
	t.sayText(b.String())
}

// productDetail answers "ready?" and "berapa?" from live stock.
func (t *turn) productDetail(p *Product, v *Variant) {
	if v != nil && len(p.Variants) > 1 {
		if v.Stock > 0 {
			t.say("variant_ready", "product", p.Name, "variant", v.Name, "stock", strconv.Itoa(v.Stock), "price", lang.FormatRupiah(v.Price))
			t.say("ask_qty")
			t.st.Variant = v.Name
			t.st.Step = StepAskQty
			return
		}
		t.say("variant_sold_out", "product", p.Name, "variant", v.Name)
	}
	lo, hi := p.PriceRange()
	price := lang.FormatRupiah(lo)
	if hi != lo {
		price += "–" + lang.FormatRupiah(hi)
	}
	desc := lang.Clean(p.Description, 300)
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(t.shop.Text("product_detail", "product", p.Name, "description", desc, "price", price), "\n\n", "\n"))
	if !p.InStock() {
		t.sayText(b.String())
		t.say("product_sold_out", "product", p.Name)
		return
	}
	if len(p.Variants) > 1 || p.Variants[0].Name != "" {
		b.WriteString("\n" + t.shop.Text("stock_head"))
		for _, pv := range p.Variants {
			line := t.shop.Text("stock_line", "variant", variantLabel(pv), "stock", strconv.Itoa(pv.Stock))
			if pv.Stock <= 0 {
				line = t.shop.Text("stock_empty_line", "variant", variantLabel(pv))
			}
			if hi != lo {
				line += " (" + lang.FormatRupiah(pv.Price) + ")"
			}
			b.WriteString("\n• " + line)
		}
	} else {
		b.WriteString("\n" + t.shop.Text("stock_line", "variant", "Stok", "stock", strconv.Itoa(p.Variants[0].Stock)))
	}
	t.sayText(b.String())
	if len(p.Variants) == 1 && p.Variants[0].Stock > 0 {
		// One variant: the only thing left to ask is how many.
		t.st.Product, t.st.Variant, t.st.Step = p.SKU, p.Variants[0].Name, StepAskQty
		t.say("ask_qty")
		return
	}
	t.say("product_ask_order", "example", exampleFor(p))
}

func variantLabel(v Variant) string {
	if v.Name == "" {
		return "Stok"
	}
	return v.Name
}

func exampleFor(p *Product) string {
	for _, v := range p.Variants {
		if v.Stock > 0 {
			return strings.ToLower(strings.TrimSpace(p.Name+" "+strings.ReplaceAll(v.Name, " / ", " "))) + " 2"
		}
	}
	return strings.ToLower(p.Name) + " 1"
}

// orderItem puts a product into the cart, asking for what is missing.
func (t *turn) orderItem(p *Product, v *Variant, cands []*Variant, qty int) {
	if v == nil && len(p.Variants) == 1 {
		v = &p.Variants[0]
	}
	if v == nil {
		t.pickVariant(p, cands, qty)
		return
	}
	if qty == 0 {
		t.st.Variant = v.Name
		t.st.Step = StepAskQty
		if v.Stock <= 0 {
			t.say("variant_sold_out", "product", p.Name, "variant", v.Name)
			t.offerOthers(p)
			return
		}
		t.say("variant_ready", "product", p.Name, "variant", v.Name, "stock", strconv.Itoa(v.Stock), "price", lang.FormatRupiah(v.Price))
		t.say("ask_qty")
		return
	}
	if t.addLine(p, v, qty) {
		t.afterAdd()
	}
}

func (t *turn) pickVariant(p *Product, cands []*Variant, qty int) {
	if len(cands) == 0 {
		for i := range p.Variants {
			cands = append(cands, &p.Variants[i])
		}
	}
	var b strings.Builder
	b.WriteString(t.shop.Text("pick_variant", "product", p.Name))
	t.st.Choices = t.st.Choices[:0]
	for i, cv := range cands {
		line := "\n" + strconv.Itoa(i+1) + ". " + cv.Name
		if cv.Stock <= 0 {
			line += " (habis)"
		} else {
			line += " (ready " + strconv.Itoa(cv.Stock) + ")"
		}
		b.WriteString(line)
		t.st.Choices = append(t.st.Choices, cv.Name)
	}
	t.st.Product = p.SKU
	t.st.PendingQty = qty
	t.st.Step = StepPickVariant
	t.sayText(b.String())
}

func (t *turn) offerOthers(p *Product) {
	var ready []string
	for _, v := range p.Variants {
		if v.Stock > 0 {
			ready = append(ready, v.Name+" ("+strconv.Itoa(v.Stock)+")")
		}
	}
	if len(ready) > 0 {
		t.sayText("Yang ready: " + strings.Join(ready, ", ") + ".")
	}
}

// inCart is the quantity of a variant already in the cart.
func (t *turn) inCart(sku, variant string) int {
	n := 0
	for _, it := range t.st.Cart {
		if it.SKU == sku && it.Variant == variant {
			n += it.Qty
		}
	}
	return n
}

// addLine checks live stock and puts one line in the cart, saying what
// went in. It reports whether the line was added.
func (t *turn) addLine(p *Product, v *Variant, qty int) bool {
	t.st.PendingQty = 0
	t.st.Variant = ""
	t.st.Choices = nil
	have := v.Stock - t.inCart(p.SKU, v.Name)
	if have <= 0 {
		t.say("variant_sold_out", "product", p.Name, "variant", v.Name)
		t.offerOthers(p)
		t.st.Step = t.cartStep()
		return false
	}
	if qty > have {
		t.say("qty_short", "product", p.Name, "variant", v.Name, "stock", strconv.Itoa(have))
		t.st.Variant = v.Name
		t.st.PendingQty = have
		t.st.Step = StepAskQty
		return false
	}
	if t.inCart(p.SKU, v.Name) == 0 && len(t.st.Cart) >= maxCartLines {
		t.say("cart_full", "max", strconv.Itoa(maxCartLines))
		return false
	}
	merged := false
	for i := range t.st.Cart {
		if t.st.Cart[i].SKU == p.SKU && t.st.Cart[i].Variant == v.Name {
			t.st.Cart[i].Qty += qty
			merged = true
		}
	}
	if !merged {
		t.st.Cart = append(t.st.Cart, CartItem{SKU: p.SKU, Variant: v.Name, Qty: qty})
	}
	t.say("cart_added", "qty", strconv.Itoa(qty), "product", p.Name, "variant", v.Name, "price", lang.FormatRupiah(v.Price*int64(qty)))
	return true
}

// afterAdd shows the summary when the details are known, else asks for more.
func (t *turn) afterAdd() {
	if t.st.Details.Missing() == "" && len(t.st.Details.Name) > 0 {
		t.summary()
		return
	}
	t.st.Step = StepCart
	t.say("cart_more")
}

func (t *turn) cartStep() string {
	if len(t.st.Cart) > 0 {
		return StepCart
	}
	return StepIdle
}

// askDetails asks for the first missing delivery detail, or shows the summary.
func (t *turn) askDetails() {
	if len(t.st.Cart) == 0 {
		t.st.Step = StepIdle
		t.say("cart_empty")
		return
	}
	if t.st.Details == (Details{}) && t.st.Last.Missing() == "" {
		// A returning customer: the last order's details, shown in the
		// summary where they can be changed.
		t.st.Details = t.st.Last
	}
	if a := t.st.Details.Address; a != "" && t.st.AddrAsks < 2 && !t.addressComplete(a) && t.payment() != PayCOD {
		// "Jl. Melati 12" alone: the rest of it, then the next detail.
		t.st.AddrAsks++
		t.st.Step = StepAskAddress
		if t.st.AddrAsks == 1 {
			t.say("ask_address_more")
		} else {
			t.say("ask_address_city")
		}
		return
	}
	if t.askCODAddress() {
		// COD: the street, the kecamatan or city and the postcode, each
		// asked by name.
		return
	}
	if m := t.st.Details.Missing(); (m == "" || m == StepAskCourier) && t.liveQuote() {
		// Live prices first: the couriers come with them.
		return
	}
	switch step := t.st.Details.Missing(); step {
	case "":
		t.summary()
	case StepAskCourier:
		t.st.Step = step
		t.say("ask_courier", "couriers", strings.Join(t.shop.Shipping.Couriers, ", "))
	default:
		t.st.Step = step
		t.say(step)
	}
}

// fillDetails takes whatever delivery details a text carries. It reports
// whether it took any.
func (t *turn) fillDetails(d lang.OrderForm) bool {
	took := false
	set := func(dst *string, v string, max int) {
		if v = lang.Clean(v, max); v != "" {
			*dst = v
			took = true
		}
	}
	set(&t.st.Details.Name, d.Name, 100)
	set(&t.st.Details.Phone, d.Phone, 20)
	set(&t.st.Details.Address, d.Address, 500)
	set(&t.st.Details.Courier, d.Courier, 40)
	return took
}

// summary shows the order as it will be placed and asks for "ya".
func (t *turn) summary() {
	if t.liveQuote() {
		// The cart or the address changed since the live price: look again.
		return
	}
	o, ok := t.buildOrder()
	if !ok {
		t.askDetails()
		return
	}
	if o.Payment == PayCOD && t.askCODAddress() {
		return
	}
	var b strings.Builder
	b.WriteString(t.shop.Text("summary_head"))
	for _, it := range o.Items {
		b.WriteString("\n• " + strconv.Itoa(it.Qty) + " x " + lineName(it.Name, it.Variant) + " = " + lang.FormatRupiah(it.Price*int64(it.Qty)))
	}
	b.WriteString("\nSubtotal: " + lang.FormatRupiah(o.Subtotal))
	if s := t.st.Details.Ship; s != nil && t.shipValid() {
		eta := ""
		if s.Days != "" {
			eta = ", " + s.Days
		}
		region := shortPlace(s.Place)
		if region == "" {
			region = o.Region
		}
		b.WriteString("\n" + t.shop.Text("summary_ship_live", "region", region, "courier", o.Courier, "eta", eta, "shipping", lang.FormatRupiah(o.Shipping)))
	} else if o.Region != "" || o.Shipping > 0 {
		region := o.Region
		if region == "" {
			region = "alamat Kakak"
		}
		b.WriteString("\n" + t.shop.Text("summary_ship", "region", region, "courier", o.Courier, "shipping", lang.FormatRupiah(o.Shipping)))
	} else {
		b.WriteString("\n" + t.shop.Text("summary_ship_unknown"))
	}
	if o.Payment == PayCOD {
		b.WriteString("\n" + t.shop.Text("summary_pay_cod"))
	}
	if o.UniqueCode > 0 {
		b.WriteString("\n" + t.shop.Text("summary_code", "code", strconv.FormatInt(o.UniqueCode, 10)))
	}
	b.WriteString("\n" + t.shop.Text("summary_total", "total", lang.FormatRupiah(o.Total)))
	b.WriteString("\n\n" + t.shop.Text("summary_to", "name", o.CustomerName, "phone", o.Phone, "address", o.Address))
	if o.Payment == PayCOD {
		// The terms plainly, and a question only a "ya" to them answers.
		b.WriteString("\n\n" + t.shop.Text("summary_ask_cod", "total", lang.FormatRupiah(o.Total)))
	} else {
		b.WriteString("\n\n" + t.shop.Text("summary_ask"))
	}
	t.sayText(b.String())
	t.st.Step = StepConfirm
	t.st.Shown, t.st.Code = o.Total, o.UniqueCode
	t.st.CODShown, t.st.CODAsks = o.Payment == PayCOD, 0
}

// buildOrder prices the cart against the live catalogue. The id is the one
// the order will get if confirmed in this turn; the unique code is the one
// the summary reserved (in the state), or a new one no open order and no
// other customer's summary has, so the total shown is the total recorded.
func (t *turn) buildOrder() (Order, bool) {
	o := Order{
		Status:        StatusAwaitingPayment,
		CustomerID:    t.in.Customer.ID,
		CustomerPhone: t.in.Customer.Phone,
		CustomerName:  t.st.Details.Name,
		Phone:         t.st.Details.Phone,
		Address:       t.st.Details.Address,
		Courier:       t.st.Details.Courier,
		Payment:       t.payment(),
		CreatedAt:     t.in.At,
	}
	grams := 0
	for _, l := range t.cartLines() {
		p, v := l.p, l.v
		o.Items = append(o.Items, OrderLine{VariantID: v.ID, SKU: p.SKU, Name: p.Name, Variant: v.Name, Qty: l.qty, Price: v.Price, Weight: v.WeightGrams})
		o.Subtotal += v.Price * int64(l.qty)
		grams += v.WeightGrams * l.qty
	}
	if len(o.Items) == 0 {
		return o, false
	}
	kg := int64((grams + 999) / 1000)
	if kg < 1 {
		kg = 1
	}
	if s := t.st.Details.Ship; s != nil && t.shipValid() {
		// The live price the buyer chose.
		o.Courier = strings.TrimSpace(s.Courier + " " + s.Service)
		o.Shipping, o.ShippingETA = s.Price, s.Days
		o.Region = shortPlace(s.Place)
		if r, ok := t.rateForAddress(o.Address); ok {
			o.Region = r.Area
		}
		if o.Region == "" {
			o.Region = shipPlace(o.Address)
		}
	} else if r, ok := t.rateForAddress(o.Address); ok {
		o.Region = r.Area
		o.Shipping = r.Price * kg
	} else if t.shop.Shipping.Default > 0 {
		o.Shipping = t.shop.Shipping.Default * kg
	}
	o.ID = t.v.NextOrderID()
	if t.shop.Payment.UniqueCode && o.Payment != PayCOD {
		o.UniqueCode = t.uniqueCode(o.ID)
	}
	o.Total = o.Subtotal + o.Shipping + o.UniqueCode
	o.HoldUntil = t.in.At.Add(t.shop.Payment.Hold)
	return o, true
}

// uniqueCode keeps the code this customer's summary reserved while no one
// else took it, else takes the first free one after the order id's. With
// all 999 in use (as many unpaid orders), codes repeat: the reserved one is
// kept, so the total shown still is the total recorded.
func (t *turn) uniqueCode(id int64) int64 {
	cust := t.in.Customer.ID
	if r := t.st.Code; r >= 1 && r <= 999 {
		// The code this summary reserved stays, unless an order took it
		// meanwhile and another is free; when every code is taken the
		// shop cannot keep transfers apart anyway, and the total shown holds.
		if c := t.v.FreeCode(r, cust); c != 0 {
			return c
		}
		return r
	}
	if c := t.v.FreeCode(UniqueCode(id), cust); c != 0 {
		return c
	}
	return UniqueCode(id)
}

// UniqueCode is the 1..999 rupiah added to an order's total so transfers of
// the same amount can be told apart. 337 is coprime with 999, so any 999
// consecutive orders get different codes.
func UniqueCode(orderID int64) int64 {
	return 1 + (orderID*337)%999
}

// placeOrder confirms the cart: stock is checked once more against the live
// catalogue in the same transaction that will take it.
func (t *turn) placeOrder() {
	cat := t.v.Catalog()
	var short []string
	kept := t.st.Cart[:0]
	for _, it := range t.st.Cart {
		p, ok := cat.Product(it.SKU)
		if !ok {
			short = append(short, it.SKU+" tidak tersedia lagi")
			continue
		}
		v, ok := p.Variant(it.Variant)
		if !ok || v.Stock <= 0 {
			short = append(short, lineName(p.Name, it.Variant)+" habis")
			continue
		}
		if v.Stock < it.Qty {
			short = append(short, lineName(p.Name, v.Name)+" tinggal "+strconv.Itoa(v.Stock))
			it.Qty = v.Stock
		}
		kept = append(kept, it)
	}
	t.st.Cart = kept
	if len(short) > 0 {
		t.say("order_stock_gone", "lines", strings.Join(short, ", "))
		if len(t.st.Cart) == 0 {
			t.st.Step = StepIdle
			t.say("cart_empty")
			return
		}
		t.summary()
		return
	}
	o, ok := t.buildOrder()
	if !ok {
		t.st.Step = StepIdle
		t.say("cart_empty")
		return
	}
	if o.Payment == PayCOD && !t.st.CODShown {
		// COD is placed only by a "ya" to its own terms: show them.
		t.summary()
		return
	}
	if o.Total != t.st.Shown {
		// Another order took the id (and so the unique code) the summary
		// showed, or a price changed: "ya" agreed to another amount.
		t.say("order_total_changed")
		t.summary()
		return
	}
	t.effect(CreateOrder{Order: o})
	t.say("order_created", "id", itoa(o.ID))
	if o.Payment == PayCOD {
		t.say("pay_cod", "total", lang.FormatRupiah(o.Total))
	} else {
		t.payInstructions(o)
		t.scheduleUnpaid(o)
	}
	region := o.Region
	if region == "" {
		region = "?"
	}
	t.notify(t.shop.Text("notify_order", "id", itoa(o.ID), "name", lang.Clean(o.CustomerName, 60), "phone", t.customerPhone(),
		"items", itemsShort(o.Items), "total", lang.FormatRupiah(o.Total), "region", region, "courier", o.Courier) + t.codNotice(o))
	t.st.Cart, t.st.Shown, t.st.Code = nil, 0, 0
	t.st.CODShown, t.st.CODAsks, t.st.CODAddrAsks = false, 0, 0
	t.st.Last = t.st.Details
	t.st.Details = Details{}
	t.st.Last.Payment = ""
	t.st.Last.Ship, t.st.Ship = nil, nil
	t.st.Step = StepIdle
	t.st.Product = ""
	t.st.Queue, t.st.AddrAsks = nil, 0
}

// scheduleUnpaid plans the payment reminder. The end of the stock hold is
// planned by the reminder when it runs (always before the hold ends), and
// only for an order still waiting for its payment: most orders are paid
// before then, and never write, index and finish an expiry row at all.
func (t *turn) scheduleUnpaid(o Order) {
	hold := t.shop.Payment.Hold
	if hold <= 0 {
		return
	}
	remind := o.HoldUntil.Add(-hold / 4)
	if hold/4 > 6*time.Hour {
		remind = o.HoldUntil.Add(-6 * time.Hour)
	}
	t.effect(Schedule{Kind: FollowUpPaymentReminder, Subject: o.ID, DueAt: remind})
}

// orderForm takes a pasted "format order": details into the state, every
// item line read like a message of its own (a line without a number is one
// piece), then asks only for what is missing.
func (t *turn) orderForm(f lang.OrderForm) {
	t.fillDetails(f)
	ix := t.v.Catalog().Index()
	var items []lang.Item
	var unknown []lang.Mention
	for i, line := range f.Items {
		if i >= maxCartLines {
			t.say("cart_full", "max", strconv.Itoa(maxCartLines))
			break
		}
		r := lang.Read(line, ix, lang.Context{})
		for _, it := range r.Items {
			if !it.QtySaid {
				if _, _, err := lang.ExtractQuantity(line, t.shop.MaxQty); err != nil {
					it.Qty = -1 // "pashmina 0": answered as a bad quantity
				} else {
					it.Qty = 1
				}
				it.QtySaid = true
			}
			items = append(items, it)
		}
		if len(r.Items) == 0 && len(r.Unknown) == 0 {
			unknown = append(unknown, lang.Mention{Words: line})
		}
		unknown = append(unknown, r.Unknown...)
	}
	t.r.Items, t.r.Unknown, t.r.NoVariant = items, unknown, nil
	t.applyItems()
	for _, u := range unknown {
		t.notSold(u.Words)
	}
	if t.asked {
		return
	}
	t.askDetails()
}

// rateForAddress finds the shipping area of an address from its end, where
// the city and province are written: "Jl Raya Bogor km 30, Cimanggis,
// Depok" ships to Depok, not to the Bogor in the street's name.
func (t *turn) rateForAddress(addr string) (*Rate, bool) {
	name, ok := t.areaIndex().FindInAddress(addr)
	if !ok {
		return nil, false
	}
	return t.rateNamed(name)
}

// variantStock answers a question about some variants with their stock
// and price only.
func (t *turn) variantStock(p *Product, vs []*Variant) {
	var b strings.Builder
	b.WriteString("*" + p.Name + "*:")
	for _, v := range vs {
		line := t.shop.Text("stock_line", "variant", variantLabel(*v), "stock", strconv.Itoa(v.Stock))
		if v.Stock <= 0 {
			line = t.shop.Text("stock_empty_line", "variant", variantLabel(*v))
		}
		b.WriteString("\n• " + line + " (" + lang.FormatRupiah(v.Price) + ")")
	}
	t.sayText(b.String())
	t.say("product_ask_order", "example", exampleFor(p))
}
