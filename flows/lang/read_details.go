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

// addrMarkers start an address or a part of one.
var addrMarkers = setOf(`jl jln jalan gg gang perum perumahan komplek kompleks komp cluster desa ds dusun dsn
	kp kampung blok blk rt rw kel kelurahan kec kecamatan kab kabupaten apartemen apt gedung ruko
	griya villa asrama kost kos lingkungan lingk`)

// strongAddr are markers that make a text an address even when it also
// asks something.
var strongAddr = setOf("jl jln jalan gg gang perum perumahan komplek kompleks komp cluster desa dusun dsn blok rt rw kel kelurahan kec kecamatan")

// detailStop are chat words that end a name and are trimmed from the ends
// of an address.
var detailStop = setOf(`kak ka kakak min admin ya iya yaa dong deh aja saja sih nih ok oke sip makasih
	terima kasih tolong please pls mohon thanks gan sis say bun mbak mba mas bang`)

// nameRelations are who a buyer sends to ("mama aku"): not the name itself.
var nameRelations = setOf(`mama mamah mami ibu ibuk bapak papa papah ayah adik adek kakak suami istri anak
	teman temen saudara sodara tante om bude pakde nenek kakek mertua ponakan keponakan`)

// honorifics are kept in a name ("Bu Sumarni").
var honorifics = setOf("bu ibu pak bapak mak mbak mba mas bang teh teteh aa kang uda uni bude pakde haji hj h")

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
			parts := []string{r.addrPart(v, ln[1], l.prefix)}
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

// nameCues finds names announced by their cue words.
func (r *reader) nameCues() {
	if r.out.Details.Name != "" {
		return
	}
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		low := r.toks[k].low
		v, cue := -1, k
		switch {
		case low == "namaku" || low == "namanya":
			v = k + 1
		case low == "nama":
			v = k + 1
			for r.isFree(v) && nameLead[r.w(v)] {
				v++
			}
			if k > 0 && r.w(k-1) == "atas" && r.isFree(k-1) {
				cue = k - 1
			}
		case low == "penerima" || low == "penerimanya":
			v = k + 1
			for r.isFree(v) && nameLead[r.w(v)] {
				v++
			}
		case low == "a" && r.w(k+1) == "." && k+2 < len(r.toks) && r.toks[k+2].low == "n":
			v = k + 3
		case (low == "an" || low == "a.n") && (k == 0 || r.toks[k-1].punct):
			// "an" alone is no Indonesian word; it needs a name after it,
			// and "brp an" is "berapaan".
			v = k + 1
		case low == "buat" && (k == 0 || r.toks[k-1].w == "\n") && r.hasDetailBesides(k):
			v = k + 1
		}
		if v < 0 {
			continue
		}
		v, end := r.nameValue(v)
		if end > v && r.nameOK(v, end) {
			r.claim(cue, v, cDetail)
			r.setName(v, end)
			return
		}
	}
}

// nameValue returns the tokens of a name announced before v: lead words
// ("saya", "penerimanya ganti") skipped, and a relation ("mama aku, Siti
// Rohmah") passed over to the name after it.
func (r *reader) nameValue(v int) (int, int) {
	for v < len(r.toks) && (r.toks[v].punct && (r.toks[v].w == ":" || r.toks[v].w == "." || r.toks[v].w == "=" || r.toks[v].w == ",") ||
		r.isFree(v) && (nameLead[r.w(v)] || detailStop[r.w(v)])) {
		v++
	}
	end := r.nameEnd(v)
	if nameRelationOnly(r, v, end) && end < len(r.toks) && (r.toks[end].w == "," || r.toks[end].w == ":") {
		v = end + 1
		end = r.nameEnd(v)
	}
	return v, end
}

// hasDetailBesides reports whether the message also gives an address or a
// phone, so that "buat cahaya putri, perum …" names the recipient while
// "buat hantaran" does not.
func (r *reader) hasDetailBesides(k int) bool {
	for j := k + 1; j < len(r.toks); j++ {
		if r.owner[j] == cPhone || addrMarkers[r.toks[j].low] {
			return true
		}
	}
	return false
}

func nameRelationOnly(r *reader, v, end int) bool {
	rel := false
	for k := v; k < end; k++ {
		w := r.w(k)
		switch {
		case nameRelations[w]:
			rel = true
		case w == "saya" || w == "ku" || w == "nya":
		default:
			return false
		}
	}
	return rel
}

// nameEnd returns where a name starting at v ends: at punctuation, a
// digit, a chat word or a word that starts another detail.
func (r *reader) nameEnd(v int) int {
	k := v
	for ; k < len(r.toks) && k-v < 6; k++ {
		t := &r.toks[k]
		if t.punct && t.w != "." || !r.isFree(k) {
			break
		}
		if t.punct {
			continue
		}
		if detailStop[t.w] || detailStop[t.low] || !isLetters(strings.ReplaceAll(t.low, "'", "")) ||
			addrMarkers[t.low] || nameBreak[t.w] {
			break
		}
	}
	return k
}

// nameLead are words between a name cue and the name: "nama penerimanya
// ganti Indah", "nama saya Dewi".
var nameLead = setOf("saya ku lengkap penerima penerimanya pemesan nya ganti diganti jadi baru harusnya adalah ya kak yang benar betul tolong")

// slotNameLead are words before a name given as an answer: "untuk Siti".
var slotNameLead = setOf("untuk buat atas nama an namanya namaku")

// nameBreak are words that end a name: another detail or a new clause.
var nameBreak = setOf(`alamat hp wa nomor no telp kirim di ke dari untuk pakai pake via kurir bayar
	mau pesan order ambil beli udah sudah belum tapi terus jadi yang dan atau siapa apa mana berapa`)

// nameOK checks a candidate name: letters, one to five words, not all
// chat words.
func (r *reader) nameOK(v, end int) bool {
	n, plain := 0, 0
	for k := v; k < end; k++ {
		if r.toks[k].punct {
			continue
		}
		n++
		// "bentar ya kak" is no name; "Bagus Prasetyo" and "Bu Sumarni" are.
		if w := r.w(k); (fillerWords[r.key(k)] || chatWords[w]) && !honorifics[r.toks[k].low] {
			plain++
		}
	}
	return n >= 1 && n <= 5 && plain < n
}

// setName stores tokens [v, end) as the name, title-cased.
func (r *reader) setName(v, end int) {
	for end > v && (r.toks[end-1].punct || detailStop[r.toks[end-1].w]) {
		end--
	}
	for v < end && r.toks[v].punct {
		v++
	}
	if v >= end {
		return
	}
	var ws []string
	for k := v; k < end; k++ {
		if !r.toks[k].punct && !detailStop[r.toks[k].w] {
			ws = append(ws, titleWord(r.toks[k].raw))
		}
	}
	if len(ws) == 0 {
		return
	}
	r.claim(v, end, cDetail)
	r.out.Details.Name = Clean(strings.Join(ws, " "), MaxNameRunes)
	r.out.Details.NameSpan = r.span(v, end)
}

// titleWord writes a word with its first letter capital, the rest small.
func titleWord(w string) string {
	rs := []rune(strings.ToLower(w))
	for i, c := range rs {
		if unicode.IsLetter(c) {
			rs[i] = unicode.ToUpper(c)
			break
		}
	}
	return string(rs)
}

// addressCues finds an address after "alamat", after "kirim ke", or at a
// phrase starting with an address marker.
func (r *reader) addressCues() {
	if r.out.Details.Address != "" {
		return
	}
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		low := r.toks[k].low
		v := -1
		switch {
		case low == "alamat" || low == "alamatnya" || low == "almt":
			v = k + 1
			for v < len(r.toks) && (r.isFree(v) && (addrLead[r.w(v)] || detailStop[r.w(v)]) || r.toks[v].punct && r.toks[v].w != "\n") {
				v++
			}
			if v < len(r.toks) && !r.addressAhead(v) && !(k+1 < len(r.toks) && r.toks[k+1].w == ":") {
				v = -1
			}
		case (r.w(k) == "kirim" || r.w(k) == "dikirim" || r.w(k) == "antar") && r.w(k+1) == "ke":
			if r.strongAhead(k + 2) {
				v = k + 2
			}
		case low == "ke" && k+1 < len(r.toks) && strongAddr[r.toks[k+1].low] && r.lineEnd(k+1)-(k+1) >= 4 && !r.shippingAsked():
			v = k + 1 // "atas nama Rini ke Perum Harapan Indah …"
		case strongAddr[low] && r.phraseStart(k) && r.addressAhead(k) && r.ctx.Slot != SlotAddress:
			v = k
		}
		if v < 0 {
			continue
		}
		for v < len(r.toks) && r.toks[v].punct && r.toks[v].w != "\n" {
			v++
		}
		if v >= len(r.toks) {
			continue
		}
		r.takeAddress(k, v)
		return
	}
}

// addrLead are words between "alamat" and the address: "alamatnya salah
// kak, harusnya jl …", "alamat ganti ke jl …".
var addrLead = setOf("saya ku lengkap di nya kirim pengiriman salah ganti diganti harusnya seharusnya jadi ke yang benar betul baru tolong diubah ubah mohon")

// phraseStart reports whether token k starts a line or follows a comma.
func (r *reader) phraseStart(k int) bool {
	for j := k - 1; j >= 0; j-- {
		if r.toks[j].punct {
			return true
		}
		if !detailStop[r.toks[j].w] && r.toks[j].w != "di" && r.toks[j].w != "ke" && r.toks[j].w != "harusnya" {
			return false
		}
	}
	return true
}

// addressAhead reports whether the words from k read as an address.
func (r *reader) addressAhead(k int) bool {
	end := r.lineEnd(k)
	hasMarker := false
	for j := k; j < end; j++ {
		if addrMarkers[r.toks[j].low] || rtrwGlued(r.toks[j].low) || isPostcode(r.toks[j].w) {
			hasMarker = true
		}
	}
	return hasMarker
}

// trimLead moves an address start v past chat before the first street
// word: "rumah ibu saya ya kak di jl. dahlia …" starts at "jl.".
func (r *reader) trimLead(v int) int {
	for k := v; k < r.lineEnd(v); k++ {
		if strongAddr[r.toks[k].low] {
			for j := k - 1; j >= v; j-- {
				if detailStop[r.w(j)] || r.w(j) == "di" {
					return j + 1
				}
			}
			break
		}
	}
	return v
}

// shippingAsked reports a shipping-cost word in the message.
func (r *reader) shippingAsked() bool {
	for k := range r.toks {
		if ongkirWords[r.key(k)] {
			return true
		}
	}
	return false
}

// nameBeforeAddress reads "Dedi, jl kenari 2 …": a short phrase of name-like
// words opening the message or its line, right before the address.
func (r *reader) nameBeforeAddress() {
	d := &r.out.Details
	if d.Name != "" || d.Address == "" {
		return
	}
	a := -1
	for k := range r.toks {
		if r.toks[k].start == d.AddressSpan.Start {
			a = k
			break
		}
	}
	if a < 2 || !(r.toks[a-1].w == "," || r.toks[a-1].w == "\n" || r.toks[a-1].w == "/") {
		return
	}
	s := r.lineStart(a - 1)
	for k := s; k < a-1; k++ {
		if !r.isFree(k) || !isLetters(r.toks[k].low) || detailStop[r.w(k)] || fillerWords[r.key(k)] || chatWords[r.w(k)] {
			return
		}
	}
	if n := a - 1 - s; n >= 1 && n <= 4 && LooksLikeName(r.raw(s, a-1)) {
		r.setName(s, a-1)
	}
}

// strongAhead reports a street, RT/RW, village or postcode on the line from k.
func (r *reader) strongAhead(k int) bool {
	for j := k; j < r.lineEnd(k); j++ {
		if strongAddr[r.toks[j].low] || rtrwGlued(r.toks[j].low) || isPostcode(r.toks[j].w) {
			return true
		}
	}
	return false
}

// takeAddress reads an address starting at v (the cue at k) to the end of
// its line, stopping at a name cue, a phone or a correction ("bukan …"),
// and takes following lines that read as address too.
func (r *reader) takeAddress(k, v int) {
	v = r.trimLead(v)
	end := r.addressEnd(v)
	r.claim(k, v, cDetail)
	parts := []string{r.addrPart(v, end, "")}
	last := end
	for end < len(r.toks) && r.toks[end].w == "\n" {
		n := end + 1
		ne := r.lineEnd(n)
		if _, _, _, isLabel := r.label(n, ne); isLabel || !r.looksAddress(n, ne) {
			break
		}
		e := r.addressEnd(n)
		parts = append(parts, r.addrPart(n, e, ""))
		last, end = e, e
	}
	r.setAddress(parts, v, last)
}

// addressEnd returns where an address starting at v stops on its line.
func (r *reader) addressEnd(v int) int {
	k := v
	for ; k < len(r.toks); k++ {
		t := &r.toks[k]
		if t.punct && (t.w == "\n" || t.w == "?") {
			break
		}
		if r.owner[k] == cPhone || (r.owner[k] == cDetail && k > v) {
			break
		}
		if t.punct {
			continue
		}
		if t.w == "bukan" || t.low == "an" || t.low == "a" && r.w(k+1) == "." || t.low == "a.n" ||
			t.low == "nama" || t.low == "namaku" || t.low == "atas" && r.w(k+1) == "nama" ||
			(t.low == "hp" || t.low == "wa") && r.owner[k+1] == cPhone {
			break
		}
		if courierKeyOf(t.low) != "" && k > v && !streetWords[r.toks[k-1].low] && r.toks[k-1].low != "kode" {
			break
		}
	}
	return k
}

// addrPart returns the address words of tokens [i, j) as written, chat
// words and punctuation trimmed from both ends; prefix ("Kec. ") goes in
// front.
func (r *reader) addrPart(i, j int, prefix string) string {
	for i < j && (r.toks[i].punct || detailStop[r.toks[i].w]) {
		i++
	}
	for j > i && (r.toks[j-1].punct || detailStop[r.toks[j-1].w]) {
		j--
	}
	// "kirim ke kantor aja kak: Gedung …": what precedes a colon is chat.
	for k := j - 1; k > i; k-- {
		if r.toks[k].w == ":" {
			i = k + 1
			break
		}
	}
	if i >= j {
		return ""
	}
	return prefix + strings.TrimRight(r.raw(i, j), " ,;")
}

// setAddress stores the address parts read from tokens [i, j).
func (r *reader) setAddress(parts []string, i, j int) {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, strings.TrimRight(p, ","))
		}
	}
	if len(keep) == 0 {
		return
	}
	for k := i; k < j; k++ {
		if r.owner[k] == free {
			r.owner[k] = cDetail
		}
	}
	r.out.Details.Address = Clean(strings.Join(keep, ", "), MaxAddressRunes)
	r.out.Details.AddressSpan = r.span(i, j)
}

// slotDetails reads a bare answer to a question about the name or the
// address.
func (r *reader) slotDetails() {
	switch r.ctx.Slot {
	case SlotName:
		if r.out.Details.Name != "" || r.asksOrActs() {
			return
		}
		// The first phrase of free words is the name.
		v := 0
		for v < len(r.toks) && (!r.isFree(v) || detailStop[r.toks[v].w] || nameLead[r.w(v)] || slotNameLead[r.w(v)]) {
			v++
		}
		end := r.nameEnd(v)
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

// strongAddress reports whether the message has an address marker.
func (r *reader) strongAddress() bool {
	for k := range r.toks {
		if strongAddr[r.toks[k].low] || rtrwGlued(r.toks[k].low) || isPostcode(r.toks[k].w) {
			return true
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
			for _, c := range r.ctx.Couriers {
				if cc := courierCompact(c); cc != "" && cc == courierCompact(r.toks[k].low) && courierAlias[cc] == "" {
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
