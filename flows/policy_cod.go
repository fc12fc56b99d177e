package flows

import (
	"strings"
	"unicode"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// Cash on delivery is the payment a parcel can come back from: the buyer is
// not home, or changes their mind at the door, and the shop pays the
// shipping twice. So a COD order states its terms plainly and waits for a
// "ya" to that question, its address must be complete enough for a courier
// to find the door without calling, and a buyer whose earlier parcel came
// back is offered transfer or QRIS only.

// COD address parts a courier needs, in the order they are asked.
const (
	codStreet   = "street"   // street, alley or estate with the house detail
	codArea     = "area"     // the kecamatan or the city
	codPostcode = "postcode" // the 5-digit postcode
)

// codAddressComplete is the single rule for "a COD parcel can be delivered
// to this address": a street or house detail, a kecamatan or city, and a
// postcode. knownPlace reports whether a text names a place the shop
// knows (its shipping areas); it may be nil. A resolved destination from a
// shipping provider can later stand for the area and the postcode here.
func codAddressComplete(d Details, knownPlace func(string) bool) bool {
	return codAddressMissing(d, knownPlace) == ""
}

// codAddressMissing names the first part a COD address lacks, or "".
func codAddressMissing(d Details, knownPlace func(string) bool) string {
	addr := strings.TrimSpace(d.Address)
	segs := addressSegments(addr)
	switch {
	case !hasStreetDetail(segs):
		return codStreet
	case !hasArea(addr, segs, knownPlace):
		return codArea
	case !hasPostcode(addr):
		return codPostcode
	}
	return ""
}

// addressSegments splits an address where people split it: commas,
// semicolons and new lines.
func addressSegments(addr string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(addr, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// addressWords are an address's lower-case words without punctuation:
// "Kec. Tambun," gives "kec", "tambun".
func addressWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// streetWords start or mark the part of an address that finds the door.
var streetWords = map[string]bool{
	"jl": true, "jln": true, "jalan": true, "gg": true, "gang": true, "perum": true, "perumahan": true,
	"komplek": true, "kompleks": true, "komp": true, "blok": true, "blk": true, "cluster": true, "klaster": true,
	"dusun": true, "dsn": true, "kp": true, "kampung": true, "rt": true, "rw": true, "no": true, "nomor": true,
	"apartemen": true, "apt": true, "tower": true, "ruko": true, "asrama": true, "griya": true, "villa": true, "vila": true,
}

// areaWords mark a kecamatan, a city or a regency.
var areaWords = map[string]bool{
	"kec": true, "kecamatan": true, "kab": true, "kabupaten": true, "kota": true, "kotamadya": true, "kodya": true,
	"distrik": true,
}

// hasStreetDetail reports whether an address says which street or house:
// a street word, or a house number that is not the postcode.
func hasStreetDetail(segs []string) bool {
	for _, s := range segs {
		for _, w := range addressWords(s) {
			if streetWords[w] {
				return true
			}
		}
	}
	if len(segs) == 0 {
		return false
	}
	// "Melati 12": a number beside words, in the first part, that is not
	// a postcode.
	first := addressWords(segs[0])
	letters, number := false, false
	for _, w := range first {
		switch {
		case isDigits(w) && len(w) != 5:
			number = true
		case !isDigits(w):
			letters = true
		}
	}
	return letters && number
}

// hasArea reports whether an address names its kecamatan or city: a word
// that marks one, a place the shop knows, or a part of its own after the
// street that names a place ("Jl. Melati 12, Tambun Selatan, 17510").
func hasArea(addr string, segs []string, knownPlace func(string) bool) bool {
	for _, w := range addressWords(addr) {
		if areaWords[w] {
			return true
		}
	}
	if knownPlace != nil && knownPlace(addr) {
		return true
	}
	for i, s := range segs {
		if i == 0 {
			continue
		}
		place := false
		for _, w := range addressWords(s) {
			if streetWords[w] || isDigits(w) {
				continue
			}
			if len(w) >= 3 {
				place = true
			}
		}
		if place {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// knownPlace reports whether a text names one of the shop's shipping areas.
func (t *turn) knownPlace(text string) bool {
	_, ok := t.rateForAddress(text)
	return ok
}

// codMissing is what the COD address in the state still lacks.
func (t *turn) codMissing(addr string) string {
	d := t.st.Details
	d.Address = addr
	return codAddressMissing(d, t.knownPlace)
}

// payment is how the order being built will be paid: the buyer's choice,
// COD when the courier written is "COD", and never COD where it is not
// offered to this buyer.
func (t *turn) payment() PaymentMethod {
	p := PaymentMethod(t.st.Details.Payment).OrDefault()
	if t.shop.Payment.COD && strings.EqualFold(t.st.Details.Courier, "COD") {
		p = PayCOD
	}
	if p == PayCOD && !t.codAllowed() {
		p = PayTransfer
	}
	return p
}

// codAllowed reports whether COD is offered to this buyer: the shop has it
// on and no earlier parcel of theirs came back unpaid.
func (t *turn) codAllowed() bool {
	return t.shop.Payment.COD && !t.hadReturn()
}

// hadReturn reports whether an earlier parcel of this buyer came back
// unpaid (staff's /retur). Read once per turn.
func (t *turn) hadReturn() bool {
	if t.returned == 0 {
		t.returned = 1
		if rv, ok := t.v.(ReturnView); ok {
			if rv.HadReturn(t.in.Customer.ID) {
				t.returned = 2
			}
		} else if t.in.Customer.ID != 0 {
			for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
				if !o.ReturnedAt.IsZero() {
					t.returned = 2
					break
				}
			}
		}
	}
	return t.returned == 2
}

// ReturnView is what a View may offer to say whether any order of a
// customer came back unpaid; without it the customer's recent orders are
// read.
type ReturnView interface {
	HadReturn(customerID int64) bool
}

// transferOnly answers a COD wish of a buyer who is offered transfer or
// QRIS only: what they can pay with, without a word about why.
func (t *turn) transferOnly() {
	qris := ""
	if t.shop.Payment.QRIS != "" {
		qris = t.shop.Text("cod_or_qris")
	}
	t.say("cod_transfer_only", "qris", qris, "banks", t.shop.banks())
	if t.st.Step == StepConfirm && t.st.Shown > 0 {
		t.say("summary_ask") // the summary shown stands, paid by transfer
	}
}

// askCODAddress asks for the part of a COD address that is missing, by
// name. It reports whether it asked.
func (t *turn) askCODAddress() bool {
	if t.payment() != PayCOD || t.st.Details.Address == "" {
		return false
	}
	part := t.codMissing(t.st.Details.Address)
	if part == "" {
		return false
	}
	t.st.CODAddrAsks++
	t.st.Step = StepAskAddress
	t.say("ask_cod_" + part)
	if t.st.CODAddrAsks > 2 {
		t.say("cod_address_or_transfer")
	}
	return true
}

// joinCODAddress adds a part of a COD address to the one collected, or
// reports false when the new text should replace it. A street sent after
// the town goes first.
func (t *turn) joinCODAddress(old, addr string) (string, bool) {
	if t.payment() != PayCOD {
		return "", false
	}
	missing := t.codMissing(old)
	if missing == "" || t.codMissing(addr) == "" {
		return "", false
	}
	if missing == codStreet && startsStreet(addr) {
		return lang.Clean(addr+", "+old, 500), true
	}
	return lang.Clean(old+", "+addr, 500), true
}

// codPaymentOnly reports whether the message says nothing but "COD" (with
// or without "ya"): an answer to the COD question, not a new detail.
func (t *turn) codPaymentOnly() bool {
	r := &t.r
	d := r.Details
	return d.Payment == lang.PayCOD && d.Name == "" && d.Phone == "" && d.Address == "" && d.Courier == "" &&
		len(r.Items) == 0 && len(r.Unknown) == 0 && len(r.NoVariant) == 0 && len(r.Questions) == 0
}

// codConfirmStep reads the answer to the COD summary's question. A "ya"
// (or "oke lanjut COD") places the order; a no asks what to change; a
// vague answer gets the question once more. It reports whether it took
// the turn.
func (t *turn) codConfirmStep() bool {
	codOnly := t.codPaymentOnly()
	if t.substantive() && !codOnly {
		return false // a change, a question, another payment: read normally
	}
	switch {
	case t.has(lang.ActConfirm) || t.has(lang.ActDone):
		t.greet()
		t.placeOrder()
		return true
	case t.has(lang.ActDeny):
		t.greet()
		t.say("cod_change")
		return true
	case t.st.CODAsks == 0 && !t.has(lang.ActThanks) && !t.has(lang.ActGreet) && !t.has(lang.ActSalam):
		t.greet()
		t.st.CODAsks++
		t.say("cod_confirm_again", "total", lang.FormatRupiah(t.st.Shown))
		return true
	}
	return false
}

// codNotice is the line staff read on a COD order: the buyer agreed to pay
// the courier.
func (t *turn) codNotice(o Order) string {
	if o.Payment != PayCOD {
		return ""
	}
	return "\n" + t.shop.Text("notify_cod_confirmed", "total", lang.FormatRupiah(o.Total))
}
