package lang

import (
	"strings"
	"unicode"
)

// Delivery details: labelled lines of a format order ("Nama: …"), name
// cues ("nama aku …", "atas nama …", "a.n …", "penerima …", "buat …"),
// address cues ("alamat …", "kirim ke jl …", a line starting with jl, gg,
// perum, rt…), couriers and the payment choice. In SlotName and
// SlotAddress a bare answer is the name or the address.

// detailStop are chat words that end a name and are trimmed from the ends
// of an address.
var detailStop = setOf(`kak ka kakak min admin ya iya yaa dong deh aja saja sih nih ok oke sip makasih
	terima kasih tolong please pls mohon thanks gan sis say bun mbak mba mas bang`)

func (r *reader) details() {
	r.labelLines()
	r.nameCues()
	r.addressCues()
	r.slotDetails()
	r.nameBeforeAddress()
	r.courier()
	r.payment()
}

// lines returns the [start, end) token ranges of the message's lines.
func (r *reader) lines() [][2]int {
	var out [][2]int
	s := 0
	for k := 0; k <= len(r.toks); k++ {
		if k == len(r.toks) || (r.toks[k].punct && r.toks[k].w == "\n") {
			if k > s {
				out = append(out, [2]int{s, k})
			}
			s = k + 1
		}
	}
	return out
}

// label reads a form label at token i: its kind, and where its value
// starts. sep is true when ':' '=' or '-' follows the label.
func (r *reader) label(i, end int) (lab formLabel, v int, sep, ok bool) {
	// Bullets and list numbers in front of a label.
	for i < end && r.toks[i].punct && r.toks[i].w != "\n" {
		i++
	}
	var words []string
	var ends []int
	for k := i; k < end && len(words) < maxLabelWords; k++ {
		if r.toks[k].punct {
			if r.toks[k].w == "." || r.toks[k].w == "/" || r.toks[k].w == "(" || r.toks[k].w == ")" {
				continue
			}
			break
		}
		if !isLetters(r.toks[k].low) {
			break
		}
		w := r.toks[k].low
		if len(w) > 5 {
			w = strings.TrimSuffix(w, "nya")
		}
		words = append(words, w)
		ends = append(ends, k+1)
	}
	for n := len(words); n > 0; n-- {
		l, found := formLabels[strings.Join(words[:n], " ")]
		if !found {
			continue
		}
		v = ends[n-1]
		for v < end && r.toks[v].punct && strings.Contains(":=-.)", r.toks[v].w) {
			sep = sep || r.toks[v].w != "." && r.toks[v].w != ")"
			v++
		}
		return l, v, sep, true
	}
	return formLabel{}, 0, false, false
}

func isLetters(w string) bool {
	for _, c := range w {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return w != ""
}

// labelLines reads the labelled lines of a format order. An address label
// takes the unlabelled lines after it.
func (r *reader) labelLines() {
	lines := r.lines()
	labelled := 0
	for _, ln := range lines {
		if l, _, sep, ok := r.label(ln[0], ln[1]); ok && sep && l.kind != fieldItemPart {
			labelled++
		}
	}
	for n := 0; n < len(lines); n++ {
		ln := lines[n]
		l, v, sep, ok := r.label(ln[0], ln[1])
		if !ok || (!sep && labelled < 2 && l.kind != fieldName && l.kind != fieldPhone) {
			continue
		}
		switch l.kind {
		case fieldName:
			if !sep && !r.plainNameLabel(ln[0], v) {
				continue
			}
			r.claim(ln[0], v, cDetail)
			if s, e := r.nameValue(v); e > s {
				r.setName(s, e)
			}
		case fieldPhone:
			if r.hasPhoneOnly(v, ln[1]) {
				r.claim(ln[0], v, cDetail)
			}
		case fieldAddress, fieldAddressPart:
			if !sep && !r.looksAddress(v, ln[1]) {
				continue
			}
			r.claim(ln[0], v, cDetail)
			v = r.nameFirst(v, ln[1])
			parts := []string{r.addrPart(v, r.addressEnd(v), l.prefix)}
			for n+1 < len(lines) {
				nl := lines[n+1]
				if _, _, _, isLabel := r.label(nl[0], nl[1]); isLabel || r.hasPhoneOnly(nl[0], nl[1]) {
					break
				}
				if !sep && !r.looksAddress(nl[0], nl[1]) {
					break
				}
				parts = append(parts, r.addrPart(nl[0], nl[1], ""))
				n++
			}
			r.setAddress(parts, ln[0], lines[n][1])
		case fieldCourier:
			r.claim(ln[0], v, cDetail)
		case fieldItems:
			r.claim(ln[0], v, cDetail)
		case fieldIgnored:
			if strings.HasPrefix(r.toks[ln[0]].low, "bayar") || strings.HasPrefix(r.toks[ln[0]].low, "pembayaran") {
				r.claim(ln[0], v, cDetail)
			}
		}
	}
}

// nameFirst reads a name written before the address after its label
// ("kirim ke: Rina, Jl Melati 5"): a first phrase of letters, without
// street words, before a comma and a street. It returns where the address
// starts.
func (r *reader) nameFirst(v, end int) int {
	c := v
	for c < end && !r.toks[c].punct {
		if !isLetters(r.toks[c].low) || addrMarkers[r.toks[c].low] || !r.isFree(c) {
			return v
		}
		c++
	}
	if c == v || c-v > 4 || c >= end || r.toks[c].w != "," || !r.strongAhead(c+1) || r.out.Details.Name != "" {
		return v
	}
	if r.nameOK(v, c) {
		r.setName(v, c)
		return c + 1
	}
	return v
}

// plainNameLabel accepts "nama aku Nurul" or "nama saya …" without ':'
// when a name follows.
func (r *reader) plainNameLabel(label, v int) bool {
	for r.isFree(v) && (r.w(v) == "saya" || r.w(v) == "lengkap") {
		v++
	}
	return r.nameEnd(v) > v
}

// hasPhoneOnly reports whether the line holds a phone number and little else.
func (r *reader) hasPhoneOnly(i, j int) bool {
	for k := i; k < j; k++ {
		if r.owner[k] == cPhone {
			return true
		}
	}
	return false
}

// looksAddress reports whether tokens [i, j) read as (part of) an address.
func (r *reader) looksAddress(i, j int) bool {
	return LooksLikeAddress(r.raw(i, j))
}

// slotDetails reads a bare answer to a question about the name or the
// address.
func (r *reader) slotDetails() {
	slot := r.ctx.Slot
	if r.addressSlot() {
		slot = SlotAddress
	}
	switch slot {
	case SlotName:
		if r.out.Details.Name != "" || r.asksOrActs() {
			return
		}
		// The first phrase of free words is the name.
		v := 0
		for v < len(r.toks) && (!r.isFree(v) || detailStop[r.toks[v].w] || nameLead[r.w(v)] || slotNameLead[r.w(v)]) {
			v++
		}
		end := r.slotNameEnd(v)
		if end > v && r.nameOK(v, end) {
			r.setName(v, end)
		}
	case SlotAddress:
		if r.out.Details.Address != "" || r.asksOrActs() && !r.strongAddress() {
			return
		}
		v := 0
		for v < len(r.toks) && (!r.isFree(v) && r.owner[v] != cNumber || r.isFree(v) && addrLead[r.w(v)] || r.toks[v].punct) {
			v++
		}
		v = r.trimLead(v)
		if v < len(r.toks) {
			end := r.addressEnd(v)
			parts := []string{r.addrPart(v, end, "")}
			last := end
			for end < len(r.toks) && r.toks[end].w == "\n" {
				n := end + 1
				e := r.addressEnd(n)
				if e > n {
					parts = append(parts, r.addrPart(n, e, ""))
					last = e
				}
				end = e
			}
			r.setAddress(parts, v, last)
		}
	}
}

// addressSlot reports whether a bare answer is read as the address: asked
// for it, or asked for another detail while the buyer is still writing the
// address ("Kota Semarang 50192" is its last part, never a phone, a
// courier or a name).
func (r *reader) addressSlot() bool {
	switch r.ctx.Slot {
	case SlotAddress:
		return true
	case SlotPhone, SlotCourier, SlotName:
		if r.ctx.Slot != SlotPhone && strings.Contains(r.out.Norm, ",") {
			if _, _, ok := FindPhone(r.out.Norm); ok {
				// "Lia, Jl. …, 0813…, sicepat": a list of details, read
				// part by part, not one address.
				return false
			}
		}
		if r.ctx.Slot == SlotName && r.opensWithNonAddress() {
			return false // "Rina Amelia\nJl. Kenari 7, …": the name, then the address
		}
		return r.strongAddress() && r.looksAddress(0, len(r.toks))
	}
	return false
}

// opensWithNonAddress reports whether the message opens with a phrase (up to
// the first comma or line break) that is no address, with more after it.
func (r *reader) opensWithNonAddress() bool {
	for k := range r.toks {
		if r.toks[k].punct && (r.toks[k].w == "," || r.toks[k].w == "\n") {
			return k > 0 && k < len(r.toks)-1 && !r.looksAddress(0, k)
		}
	}
	return false
}

// asksOrActs reports whether the message asks a question or carries an
// act, so that a bare answer is not taken for a name or an address.
func (r *reader) asksOrActs() bool {
	for k := range r.toks {
		if r.toks[k].w == "?" {
			return true
		}
	}
	u := newUtterance(r.out.Norm)
	switch DetectIntent(r.out.Norm) {
	case IntentUnknown, IntentGreeting, IntentThanks:
		return false
	case IntentConfirmYes, IntentConfirmNo:
		return len(u.keys) <= 2
	}
	return true
}

// courierKeys are the reading's names of the built-in couriers.
var courierKeys = map[string]string{
	"JNE": "jne", "J&T": "jnt", "J&T Cargo": "jntcargo", "SiCepat": "sicepat", "AnterAja": "anteraja",
	"Pos Indonesia": "pos", "TIKI": "tiki", "Ninja Xpress": "ninja", "GoSend": "gosend",
	"GrabExpress": "grab", "Lion Parcel": "lion", "Wahana": "wahana", "SAP Express": "sap",
	"ID Express": "idexpress", "Shopee Express": "spx", "Indah Cargo": "indahcargo", "Paxel": "paxel",
	"Lalamove": "lalamove", "RPX": "rpx", "Sentral Cargo": "sentralcargo",
}

// courier finds the courier chosen. Two couriers named, or a comparison
// ("bedanya jne sama jnt"), choose none.
func (r *reader) courier() {
	type found struct {
		i, j int
		name string
	}
	var all []found
	configured := make([]string, len(r.ctx.Couriers))
	for i, c := range r.ctx.Couriers {
		configured[i] = courierCompact(c)
	}
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) || (k > 0 && (r.toks[k-1].low == "kode" || r.toks[k-1].low == "kantor" || streetWords[r.toks[k-1].low])) {
			continue
		}
		best, name := 0, ""
		joined := ""
		for n := 1; n <= 3 && k+n <= len(r.toks) && r.isFree(k+n-1); n++ {
			joined += courierCompact(r.toks[k+n-1].low)
			if c, ok := courierAlias[joined]; ok {
				best, name = n, c
			}
		}
		if best == 0 {
			own := courierCompact(r.toks[k].low)
			for i, c := range r.ctx.Couriers {
				if cc := configured[i]; cc != "" && cc == own && courierAlias[cc] == "" {
					best, name = 1, c
				}
			}
		}
		if best > 0 {
			all = append(all, found{k, k + best, name})
			k += best - 1
		}
	}
	if len(all) == 0 {
		return
	}
	for _, f := range all[1:] {
		if f.name != all[0].name {
			return
		}
	}
	for k := range r.toks {
		if k := r.key(k); k == "beda" || k == "bedanya" || k == "banding" || k == "mending" {
			return
		}
	}
	f := all[0]
	key, ok := courierKeys[f.name]
	if !ok {
		key = courierCompact(f.name)
	}
	r.claim(f.i, f.j, cDetail)
	r.out.Details.Courier, r.out.Details.CourierSpan = key, r.span(f.i, f.j)
}

// payWords name a way to pay.
var payWords = map[string]string{
	"cod": PayCOD, "transfer": PayTransfer, "qris": PayQRIS, "scan": PayQRIS,
	"bca": PayTransfer, "bri": PayTransfer, "bni": PayTransfer, "mandiri": PayTransfer, "bsi": PayTransfer,
}

// payment finds the payment chosen: "bayarnya tf", "cod ya", "bayar di
// tempat aja". Asked about ("bisa cod?") it is a question, and "udah tf"
// reports a payment rather than choosing one.
func (r *reader) payment() {
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		pay, end := "", k+1
		if p, ok := payWords[r.w(k)]; ok {
			pay = p
			if p == PayTransfer && r.w(k) != "transfer" && !r.payContext(k) {
				pay = "" // a bank named alone: "no rek bca"
			}
		} else if r.key(k) == "bayar" {
			switch {
			case r.w(k+1) == "di" && (r.key(k+2) == "tempat" || r.key(k+2) == "rumah"):
				pay, end = PayCOD, k+3
			case r.w(k+1) == "ditempat":
				pay, end = PayCOD, k+2
			case inList(r.w(k+1), []string{"pas", "waktu", "saat", "kalau", "pada"}) && r.arrivalAhead(k+2):
				pay, end = PayCOD, k+2
			}
		}
		if pay == "" {
			continue
		}
		if r.asked(k) || r.reported(k) {
			continue
		}
		r.claim(k, end, cDetail)
		if r.out.Details.Payment == "" {
			r.out.Details.Payment, r.out.Details.PaymentSpan = pay, r.span(k, end)
		}
	}
}

// payContext: a bank name chooses transfer after "bayar", "tf", "via".
func (r *reader) payContext(k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if kk := r.key(j); kk == "bayar" || kk == "transfer" || kk == "via" || kk == "lewat" || kk == "pakai" || kk == "pake" {
			return true
		}
	}
	return false
}

// arrivalAhead reports "barang datang", "sampai" after "bayar pas".
func (r *reader) arrivalAhead(k int) bool {
	for j := k; j < len(r.toks) && j < k+3; j++ {
		if kk := r.key(j); kk == "datang" || kk == "sampai" || kk == "diterima" || kk == "terima" {
			return true
		}
	}
	return false
}

// asked reports whether the clause holding token k is a question: "bisa
// cod?", "cod bisa ga", "ya tapi bayarnya cod bisa?".
func (r *reader) asked(k int) bool {
	s, e := r.clauseAround(k)
	for j := s; j < e; j++ {
		switch kk := r.key(j); {
		case r.toks[j].w == "?":
			return true
		case kk == "bisa" || kk == "boleh" || kk == "kan" || kk == "apa" || kk == "berapa" || kk == "bagaimana" || kk == "total":
			return true
		case kk == "tidak" && j > k:
			return true
		}
	}
	return false
}

// reported: "udah tf", "sudah transfer": the buyer paid.
func (r *reader) reported(k int) bool {
	for j := range r.toks {
		if w := r.w(j); w == "gambar" || w == "bukti" || w == "done" || w == "beres" {
			return true // "[gambar] bukti transfer kak", "done tf"
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if kk := r.key(j); kk == "sudah" || kk == "barusan" || kk == "tadi" {
			return true
		}
		if r.toks[j].punct {
			break
		}
	}
	return false
}

// clauseAround returns the token range of the clause holding k: between
// punctuation that ends a phrase (including the '?' that ends it).
func (r *reader) clauseAround(k int) (int, int) {
	s := k
	for s > 0 && !(r.toks[s-1].punct && strings.Contains(",.?!\n;", r.toks[s-1].w)) {
		s--
	}
	e := k
	for e < len(r.toks) && !(r.toks[e].punct && strings.Contains(",.!\n;", r.toks[e].w)) {
		if r.toks[e].w == "?" {
			e++
			break
		}
		e++
	}
	return s, e
}

// slotNameEnd returns where a name given as the answer to "atas nama
// siapa?" ends: the whole answer is the name, digits and ordinary words
// included ("Rina 101", "Wulan Dari"), up to punctuation, a chat word that
// ends the answer ("kak", "ya") or a word that starts another detail.
func (r *reader) slotNameEnd(v int) int {
	k := v
	for ; k < len(r.toks) && k-v < 6; k++ {
		t := &r.toks[k]
		if t.punct {
			if t.w != "." {
				break
			}
			continue // "Dr. Rina"
		}
		if !r.isFree(k) || detailStop[t.w] || detailStop[t.low] || addrMarkers[t.low] || slotNameBreak[t.w] ||
			!isLetters(t.low) && !isDigits(t.w) {
			break
		}
	}
	return k
}

// slotNameBreak are words that end a name given as an answer: another
// detail follows.
var slotNameBreak = setOf("alamat hp wa nomor no telp kirim pakai pake via kurir bayar")
