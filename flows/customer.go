package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"strconv"
	"strings"
)

// unknown gives one helpful answer, then a shorter one, never the whole menu
// again and again.
func (t *turn) unknown() {
	if strings.TrimSpace(t.norm) == "" {
		// Only emoji ("🙏", "👍"): an acknowledgement, not a question.
		t.say("ok")
		return
	}
	if area, ok := t.areaIndex().Find(t.norm); ok {
		t.shippingCost(area)
		return
	}
	if t.suggest() {
		return
	}
	t.st.Unknowns++
	if t.st.Unknowns == 1 {
		t.say("unknown_first")
	} else {
		t.say("unknown_again")
	}
}

// suggest answers a text that looks like a product name nobody sells with
// the closest products.
func (t *turn) suggest() bool {
	m := MatchProduct(t.v.Catalog(), t.in.Text)
	if len(m.Candidates) == 0 {
		return false
	}
	names := make([]string, 0, len(m.Candidates))
	for _, p := range m.Candidates {
		names = append(names, "*"+p.Name+"*")
	}
	t.say("not_found_suggest", "suggest", strings.Join(names, " atau "))
	return true
}

func (t *turn) menuChoice(n int) {
	switch n {
	case 1:
		t.catalog()
	case 2:
		t.howToOrder()
	case 3:
		t.orderStatus()
	case 4:
		t.say("complaint_thanks")
		t.st.Step = StepComplaintDesc
		t.st.Complaint = &ComplaintDraft{Category: CategoryOther}
		t.say("complaint_ask_desc")
	case 5:
		t.paymentInfo()
		t.shippingCost("")
	case 6:
		t.handover()
	}
}

// pickNumber reads a choice number 1..n from the text.
func pickNumber(norm string, n int) (int, bool) {
	f := strings.Fields(norm)
	if len(f) == 0 || len(f) > 3 {
		return 0, false
	}
	for _, w := range f {
		w = strings.TrimPrefix(strings.TrimSuffix(w, "."), "#")
		if k, err := strconv.Atoi(w); err == nil && k >= 1 && k <= n && len(w) <= 2 {
			return k, true
		}
	}
	return 0, false
}

func (t *turn) catalog() {
	c := t.v.Catalog()
	var b strings.Builder
	b.WriteString(t.shop.Text("catalog_head", "shop", t.shop.Name))
	// Group by category in the order categories first appear.
	var cats []string
	byCat := map[string][]*Product{}
	for i := range c.Products {
		p := &c.Products[i]
		if _, ok := byCat[p.Category]; !ok {
			cats = append(cats, p.Category)
		}
		byCat[p.Category] = append(byCat[p.Category], p)
	}
	for _, cat := range cats {
		if cat != "" {
			b.WriteString("\n\n*" + cat + "*")
		} else {
			b.WriteString("\n")
		}
		for _, p := range byCat[cat] {
			lo, hi := p.PriceRange()
			price := lang.FormatRupiah(lo)
			if hi != lo {
				price += "–" + lang.FormatRupiah(hi)
			}
			b.WriteString("\n• " + p.Name + " " + price)
			if !p.InStock() {
				b.WriteString(" (habis)")
			}
		}
	}
	b.WriteString("\n\n" + t.shop.Text("catalog_tail"))
	t.sayText(b.String())
}

// banks lists the transfer accounts, one a line.
func (s *Shop) banks() string {
	var lines []string
	for _, b := range s.Payment.Banks {
		lines = append(lines, "• "+b.Bank+" "+b.Number+" a.n. "+b.Holder)
	}
	if len(lines) == 0 {
		return "• (rekening dikirim admin)"
	}
	return strings.Join(lines, "\n")
}

func (t *turn) paymentInfo() {
	qris, cod := "", t.shop.Text("cod_no")
	if t.shop.Payment.QRIS != "" {
		qris = t.shop.Text("payment_qris")
	}
	if t.codAllowed() {
		cod = t.shop.Text("cod_yes")
	} else if t.shop.Payment.COD {
		cod = "" // transfer or QRIS only for this buyer: nothing to say about COD
	}
	t.say("payment_info", "banks", t.shop.banks(), "qris", qris, "cod", cod)
}

func (t *turn) cod() {
	if t.shop.Payment.COD && t.hadReturn() {
		t.transferOnly()
		return
	}
	if t.shop.Payment.COD {
		t.say("cod_answer_yes")
		return
	}
	t.say("cod_answer_no", "banks", t.shop.banks())
}

func (t *turn) howToOrder() {
	t.say("how_to_order", "example", t.example())
}

// example builds an order example from the catalogue, so a snack shop's
// customers see a snack.
func (t *turn) example() string {
	for _, p := range t.v.Catalog().Products {
		for _, v := range p.Variants {
			if v.Stock > 0 {
				return strings.ToLower(strings.TrimSpace(p.Name+" "+strings.ReplaceAll(v.Name, " / ", " "))) + " 2"
			}
		}
	}
	return "nama produk, warna, jumlah"
}

func (t *turn) shopInfo() {
	opt := func(prefix, v string) string {
		if v == "" {
			return ""
		}
		return "\n" + prefix + v
	}
	t.say("shop_info", "shop", t.shop.Name,
		"about", opt("", t.shop.About),
		"address", opt("📍 ", t.shop.Address),
		"phone", opt("📞 ", t.shop.Phone),
		"instagram", opt("📷 IG ", t.shop.Instagram),
		"hours", t.shop.HoursText())
}

// areaNames are the shop's areas and their aliases, as lang.Context takes
// them (shared: read only).
func (t *turn) areaNames() []string { return areasOf(t.shop).names }

// rateFor finds the flat rate for a place or an address.
func (t *turn) rateFor(text string) (*Rate, bool) {
	if text == "" {
		return nil, false
	}
	name, ok := t.areaIndex().Find(text)
	if !ok {
		return nil, false
	}
	return t.rateNamed(name)
}

// areaIndex is the shop's areas read for lang, built once per content
// of the shop's rates (see areasOf).
func (t *turn) areaIndex() *lang.Areas {
	if t.areas == nil {
		t.areas = areasOf(t.shop).areas
	}
	return t.areas
}

// rateNamed is the flat rate an area name (or one of its aliases) belongs to.
func (t *turn) rateNamed(name string) (*Rate, bool) {
	for i, r := range t.shop.Shipping.Rates {
		if strings.EqualFold(r.Area, name) {
			return &t.shop.Shipping.Rates[i], true
		}
		for _, a := range r.Aliases {
			if strings.EqualFold(a, name) {
				return &t.shop.Shipping.Rates[i], true
			}
		}
	}
	return nil, false
}

func (t *turn) shippingCost(place string) {
	couriers := strings.Join(t.shop.Shipping.Couriers, ", ")
	if r, ok := t.rateFor(place); ok {
		origin := t.shop.Shipping.Origin
		if origin == "" {
			origin = t.shop.Name
		}
		t.say("shipping_rate", "region", r.Area, "price", lang.FormatRupiah(r.Price), "origin", origin, "couriers", couriers)
		return
	}
	// A place nobody configured is echoed only when the customer said
	// "ke <place>"; anything else is more likely chat than a town.
	if place == "" || !strings.Contains(" "+t.norm+" ", " ke "+place) {
		t.say("shipping_ask")
		return
	}
	place = lang.Clean(place, 40)
	if t.shop.Shipping.Default > 0 {
		t.say("shipping_default", "place", place, "price", lang.FormatRupiah(t.shop.Shipping.Default))
		return
	}
	t.say("shipping_unknown", "place", place)
}

func (t *turn) orderStatus() {
	orders := t.v.CustomerOrders(t.in.Customer.ID)
	var lines []string
	for _, o := range orders {
		if !o.Status.Open() && o.Status != StatusCompleted {
			continue
		}
		if len(lines) >= 5 {
			break
		}
		lines = append(lines, t.shop.Text("status_line", "id", itoa(o.ID), "items", itemsShort(o.Items), "status", StatusText(o.Status)))
		if o.Tracking != "" {
			lines = append(lines, t.shop.Text("status_tracking", "courier", o.Courier, "tracking", o.Tracking))
		}
		if o.Status == StatusShipped {
			if l := t.shop.trackLine(t.in.At, &o); l != "" {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) == 0 {
		t.say("status_none")
		return
	}
	t.sayText(t.shop.Text("status_head") + "\n" + strings.Join(lines, "\n"))
}

// StatusText is a status in the customer's words.
func StatusText(s OrderStatus) string {
	switch s {
	case StatusAwaitingPayment:
		return "menunggu pembayaran"
	case StatusAwaitingVerification:
		return "bukti transfer sedang dicek"
	case StatusPaid:
		return "lunas, sedang dikemas"
	case StatusShipped:
		return "sudah dikirim"
	case StatusCompleted:
		return "selesai"
	case StatusCancelled:
		return "dibatalkan"
	}
	return string(s)
}

func itemsShort(items []OrderLine) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, strconv.Itoa(it.Qty)+"x "+lineName(it.Name, it.Variant))
	}
	return strings.Join(parts, ", ")
}

func lineName(name, variant string) string {
	if variant == "" {
		return name
	}
	return name + " " + variant
}

// questionWords carry no product name: "ready kak?", "harganya berapa?".
var questionWords = map[string]bool{
	"ada": true, "ready": true, "stok": true, "stock": true, "masih": true, "berapa": true, "harga": true,
	"harganya": true, "kak": true, "yang": true, "tidak": true, "ya": true, "apa": true, "aja": true,
	"saja": true, "mau": true, "tanya": true, "dong": true, "admin": true, "kah": true, "ini": true,
	"itu": true, "barang": true, "barangnya": true, "produk": true, "warna": true, "ukuran": true, "size": true,
	"min": true, "sis": true, "gan": true, "kalau": true, "kalo": true, "sekarang": true, "lagi": true,
	"belum": true, "sudah": true, "nya": true, "dan": true, "atau": true, "juga": true, "bisa": true,
	"saya": true, "buat": true, "untuk": true, "nih": true, "sih": true, "deh": true, "kok": true,
	"order": true, "orderan": true, "pesan": true, "pesanan": true, "beli": true, "ambil": true, "checkout": true,
	"jadi": true, "fix": true, "tambah": true, "satu": true, "dua": true, "tiga": true, "pcs": true,
	"boleh": true, "tolong": true, "minta": true, "please": true, "mohon": true,
}

// namesSomething reports whether a question names a thing (a product the
// shop may not sell) rather than only asking.
func namesSomething(norm string) bool {
	for _, w := range lang.Words(norm) {
		if len(w) >= 4 && !questionWords[w] && !strings.ContainsAny(w, "0123456789") {
			return true
		}
	}
	return false
}

// looksLikeStaffCommand reports whether text is a staff command word
// ("/lunas 1", "#stok …"). Customers' copies are never run or explained.
func looksLikeStaffCommand(text string) bool {
	if !IsCommand(text) {
		return false
	}
	word, _, _ := strings.Cut(strings.TrimSpace(text)[1:], " ")
	_, ok := commands[strings.ToLower(word)]
	return ok
}

// hasParcelOnTheWay reports whether the customer has a paid or shipped
// order not yet completed.
func (t *turn) hasParcelOnTheWay() bool {
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status == StatusPaid || o.Status == StatusShipped {
			return true
		}
	}
	return false
}

// paymentTalk answers "udah tf kak" and "blm bisa kirim fotonya" from a
// customer whose order waits for payment: a proof is what lets the admin
// check, so ask for it kindly, and tell staff the customer says they paid.
func (t *turn) paymentTalk() bool {
	n := " " + t.norm + " "
	saysPaid := strings.Contains(n, " sudah transfer") || strings.Contains(n, " sudah bayar") || strings.Contains(n, " sudah dibayar") ||
		strings.Contains(n, " sudah saya transfer") || strings.Contains(n, " barusan transfer")
	aboutProof := strings.Contains(n, " foto") || strings.Contains(n, " bukti") || strings.Contains(n, " screenshot") || strings.Contains(n, " ss ")
	if !saysPaid && !aboutProof {
		return false
	}
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status != StatusAwaitingPayment {
			continue
		}
		t.greet()
		cannot := strings.Contains(n, " belum ") || strings.Contains(n, " tidak bisa ") || strings.Contains(n, " nanti ")
		switch {
		case saysPaid && !cannot:
			t.say("proof_please", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total))
		case cannot:
			t.say("proof_later", "id", itoa(o.ID))
		default:
			// "bukti tf nya dikirim kemana?": here, in this chat.
			t.say("proof_where", "id", itoa(o.ID))
			return true
		}
		t.notify(t.shop.Text("notify_says_paid", "id", itoa(o.ID), "name", t.orderName(o), "total", lang.FormatRupiah(o.Total), "text", lang.Clean(t.in.Text, 200)))
		return true
	}
	return false
}
