package lang

import "strings"

// Acts: what the message does rather than asks. Greetings and salam at its
// start, thanks anywhere, a bare yes or no per clause, cancelling the
// order (not a line of it), keeping it, wanting a person, abuse and
// complaints with their category.

var (
	callWords2 = keySet("kak", "min", "admin", "mimin", "gan", "sis", "kakak", "mbak", "mba", "mas", "bang", "halo")
	greetWords = keySet("halo", "pagi", "siang", "sore", "malam", "malem", "met", "selamat", "permisi", "punten", "misi",
		"ping", "hai", "hallo", "helo", "hello", "hi", "hey", "oi", "woi")
	// actFillers carry politeness around a yes, a no or a greeting.
	actFillers = keySet("kak", "min", "mbak", "mba", "mas", "bang", "bu", "ibu", "pak", "om", "tante", "dong", "deh",
		"sih", "aja", "saja", "nih", "tuh", "lah", "yah", "kan", "dulu", "juga", "say", "nya", "kok", "gitu",
		"banget", "mimin", "admin", "semua", "semuanya", "sisanya", "gan", "sis", "kakak", "bun")
	confirmWords = keySet("ya", "oke", "sip", "siap", "benar", "betul", "boleh", "setuju", "lanjut", "lanjutkan",
		"gas", "mantap", "mantab", "deal", "yes", "yoi", "sesuai", "cocok", "oce", "okeh", "okesip", "sep",
		"ditunggu", "tunggu", "noted", "sudah", "jadi", "fix", "good", "okey", "gapapa", "aman", "baik", "okedeh",
		"okelah", "oksip", "okesiap", "siapp", "ashiap", "yoi", "yups", "betull")
	denyWords = keySet("tidak", "belum", "bukan", "jangan", "nope", "enggak", "ndak", "nggak", "gak")
	salamKeys = keySet("salam", "assalamualaikum", "asalamualaikum", "askum", "aslm", "asw", "assalamu", "asalamu",
		"samlekom", "assalamualaikom", "assalammualaikum", "asslamualaikum", "waalaikumsalam")
	goOnWords  = keySet("bayar", "transfer", "checkout", "proses", "diproses", "order", "kirim", "dikirim", "sekarang")
	cancelKeys = keySet("batal", "cancel", "cancelled", "pembatalan", "gajadi", "batalin", "batalkan")
	// Extra complaint signals beyond DetectIntent's lists.
	damageExtra   = keySet("melempem", "lembek", "bau", "asem", "apek", "ngembang", "bengkok", "mati", "pecah", "kebuka", "terbuka", "putus", "patah")
	reactionWords = keySet("iritasi", "breakout", "jerawatan", "gatal", "gatel", "alergi", "perih", "beruntusan", "bruntusan", "panas", "kemerahan")
	serviceWords  = keySet("jutek", "judes", "ketus", "kasar", "galak", "sombong", "lelet")
	humanExtra    = keySet("sambungin", "sambungkan", "hubungin", "hubungkan", "oper", "operin")
)

func (r *reader) readActs() {
	u := r.utter(0, len(r.toks))
	// Complaint phrases never run across punctuation ("ready ga, sama …").
	buildKeySets()
	cu := newUtteranceCap(len(r.toks))
	// Nor do they hold the words of a name or an address ("Jl. Asem").
	for k := range r.toks {
		if r.toks[k].punct || r.owner[k] == cDetail || r.owner[k] == cPhone {
			if n := len(cu.keys); n == 0 || cu.keys[n-1] != "|" {
				cu.add("|", "|")
			}
			continue
		}
		cu.add(r.toks[k].w, r.keys[k])
	}
	if len(u.keys) == 0 {
		return
	}
	whole := r.span(0, len(r.toks))
	add := func(k ActKind, sp Span) {
		for _, a := range r.out.Acts {
			if a.Kind == k {
				return
			}
		}
		r.out.Acts = append(r.out.Acts, Act{Span: sp, Kind: k})
	}
	// Salam and greetings open a message.
	for i := 0; i < len(u.keys) && i < 3; i++ {
		k := u.keys[i]
		if salamKeys.contains(k) || strings.HasPrefix(k, "assalam") || strings.HasPrefix(k, "asalam") {
			add(ActSalam, r.span(0, 1))
			break
		}
		if greetWords.contains(k) || (k == "p" && len(u.keys) == 1) {
			add(ActGreet, r.span(0, 1))
			break
		}
		if !actFillers.contains(k) {
			break
		}
	}
	if len(u.keys) <= 2 && allIn(u.keys, callWords2.m) {
		add(ActGreet, whole) // "kak?" alone calls for attention
	}
	if !u.fraudQuestion() && u.abusive() || shouting(r.text) {
		add(ActAbuse, whole)
	}
	if cat := r.complaintCategory(cu); cat == ComplaintWrongItem && r.ctx.Slot == SlotConfirm {
		add(ActDeny, whole) // "salah kak, ukurannya L": the summary is wrong, not a parcel
	} else if cat != "" {
		r.out.Acts = append(r.out.Acts, Act{Span: whole, Kind: ActComplaint, Complaint: cat, Facts: r.facts()})
	}
	if u.human() || u.has(humanExtra) && (u.word(kwLangsung) || u.word(kwAdmin) || u.word(kwOwner) || u.word(kwKe)) ||
		u.has(ksKonsulKonsultasi) && u.has(humanTargets) {
		add(ActHuman, whole)
	}
	// Cancel the order, or keep it.
	keep := false
	for i := range u.keys {
		if i+2 < len(u.keys) && u.keys[i] == "tidak" && u.keys[i+1] == "jadi" && cancelKeys.contains(u.keys[i+2]) ||
			u.keys[i] == "gajadi" && i+1 < len(u.keys) && cancelKeys.contains(u.keys[i+1]) {
			keep = true
		}
	}
	if keep {
		add(ActKeep, whole)
		defer r.dropActs(ActConfirm) // "ga jadi batal, lanjut aja": keeping says it all
	} else {
		for ci := range r.clauses {
			if r.cancelClause(&r.clauses[ci]) {
				add(ActCancel, r.span(r.clauses[ci].s, r.clauses[ci].s+1))
			}
		}
	}
	// Yes and no, clause by clause.
	for ci := range r.clauses {
		c := &r.clauses[ci]
		if kind, ok := r.shortAnswer(c); ok {
			add(kind, r.span(c.s, c.s+1))
		}
	}
	if r.ctx.Slot == SlotConfirm && len(u.keys) > 0 && denyWords.contains(u.keys[0]) && !(len(u.keys) > 1 && (u.keys[1] == "jadi" || u.keys[1] == "usah")) {
		add(ActDeny, whole) // "ga deh kak mahal"
	}
	if r.ctx.Slot == SlotConfirm && (u.phrase(phAdaYangSalah) || u.phrase(phMauUbah) || u.phrase(phMauGantiDulu) || u.phrase(phAdaYangMauDiubah)) {
		add(ActDeny, whole)
	}
	if u.done() || (u.phrase(phGituAja) || u.phrase(phGituSaja) || u.phrase(phSegitu)) && !u.hasQuantity() {
		add(ActDone, whole)
	}
	for k := range r.toks {
		// "ongkir ke mks": a place, not "makasih".
		if key := r.key(k); thanksWords.contains(key) && !(k > 0 && inList(r.w(k-1), []string{"ke", "di", "dari"})) {
			add(ActThanks, r.span(k, k+1))
			break
		}
	}
	if u.phrase(phTerimaKasih) || u.phrase(phTrimaKasih) {
		add(ActThanks, whole)
	}
}

// facts are the words of a complaint that say what went wrong: products,
// sizes, colours, counts, in the order said ("dateng m", "pesen l").
func (r *reader) facts() []string {
	var out []string
	for k := range r.toks {
		t := &r.toks[k]
		if t.punct {
			continue
		}
		w := canonVariantWord(strings.TrimSuffix(t.w, "nya"))
		_, size := sizeWords[w]
		switch {
		case r.owner[k] == cProduct, colourWords[w], size && (len(w) > 1 || t.raw != t.low), r.ix.vocab[w],
			hasDigit(w) && r.owner[k] != cPhone && r.owner[k] != cNumber, qtyWords1[w] > 0:
			out = append(out, t.low)
		}
	}
	return out
}

// dropActs removes acts of kind k.
func (r *reader) dropActs(k ActKind) {
	var keep []Act
	for _, a := range r.out.Acts {
		if a.Kind != k {
			keep = append(keep, a)
		}
	}
	r.out.Acts = keep
}

// actFillers2 is actFillers with one more word.
func actFillers2(w string) map[string]bool {
	return map[string]bool{w: true, "kak": true, "min": true, "ya": true, "gan": true, "sis": true, "dong": true, "deh": true}
}

func allIn(keys []string, set map[string]bool) bool {
	for _, k := range keys {
		if !set[k] {
			return false
		}
	}
	return true
}

// shortAnswer reads a clause that is only yes words ("iyaa betul", "ok
// lanjut") or only no words ("ga kak"), or that opens with yes before
// "tapi" ("ya tapi bayarnya cod bisa?").
func (r *reader) shortAnswer(c *clause) (ActKind, bool) {
	// Delivery details said with the answer are neutral ("ok kak tf bca ya").
	buildKeySets()
	u := newUtteranceCap(max(c.e-c.s, 0))
	skipped := false
	for k := c.s; k < c.e; k++ {
		if r.toks[k].punct {
			continue
		}
		if r.owner[k] == cDetail || r.owner[k] == cPhone {
			skipped = true
			continue
		}
		u.add(r.toks[k].w, r.keys[k])
	}
	if c.ask && r.ctx.Slot != SlotConfirm {
		return "", false // "aman?" asks
	}
	if skipped && !(len(c.u.keys) > 0 && confirmWords.contains(c.u.keys[0]) && c.u.keys[0] != "jadi" && c.u.keys[0] != "sudah") {
		u = c.u // the answer must open the clause: "ok kak tf bca ya", not "transfer ya"
	}
	yes, no, other, thanked := 0, 0, false, false
	for i, k := range u.keys {
		switch {
		case k == "salah" && r.ctx.Slot == SlotConfirm:
			no++ // "salah kak" at the summary
			continue
		case yes > 0 && goOnWords.contains(k):
			continue // "iya lanjut bayar"
		case thanksWords.contains(k):
			thanked = true // "oke kak makasih ya": the yes came before
			continue
		case thanked && k == "ya":
			continue
		case k == "jadi" && i > 0 && u.keys[i-1] == "tidak":
			other = true // "ga jadi": a cancel
		case (k == "usah" || k == "perlu") && i > 0 && u.keys[i-1] == "tidak":
			// "ga usah kak": a no
		case confirmWords.contains(k):
			if k == "jadi" || k == "sudah" {
				// "jadi 2", "udah sampai": not a yes alone; "udah kak" is.
				if i+1 < len(u.keys) && !actFillers.contains(u.keys[i+1]) && !confirmWords.contains(u.keys[i+1]) {
					other = true
				} else if k == "sudah" && allIn(u.keys, actFillers2(k)) {
					yes++
				}
				continue
			}
			yes++
		case denyWords.contains(k):
			no++
		case actFillers.contains(k):
		case k == "tapi" || k == "tp":
			if yes > 0 && no == 0 && !other {
				return ActConfirm, true
			}
			other = true
		default:
			other = true
		}
		if other {
			break
		}
	}
	if other || len(u.keys) > 6 {
		return "", false
	}
	switch {
	case no > 0:
		return ActDeny, true
	case yes > 0:
		return ActConfirm, true
	}
	return "", false
}

// cancelClause reports a clause that cancels the whole order: "batal aja
// deh", "gak jadi kak"; not "batal yg mocca" nor "bergonya ga jadi", which
// drop one line.
func (r *reader) cancelClause(c *clause) bool {
	u := c.u
	found := -1
	for i := range u.keys {
		if cancelKeys.contains(u.keys[i]) || (u.keys[i] == "jadi" && i > 0 && u.keys[i-1] == "tidak") {
			found = i
			break
		}
	}
	if found < 0 {
		return false
	}
	for k := c.s; k < c.e; k++ {
		if r.owner[k] == cProduct || (r.w(k) == "yang" && r.isFree(k+1) && r.variantish(k+1, canonVariantWord(r.w(k+1)), -1)) {
			return false
		}
	}
	// "ga jadi beli mukenanya" names a product in another word order.
	for _, m := range r.mentions {
		if m.i >= c.s && m.i < c.e {
			return false
		}
	}
	return true
}

// complaintCategory returns the complaint category the message reports, or "".
func (r *reader) complaintCategory(u *utterance) string {
	if u.hypothetical() {
		return ""
	}
	// "maaf salah kirim chat": the buyer's own slip.
	slip := false
	for i, k := range u.keys {
		if k == "salah" {
			for j := i + 1; j < len(u.keys) && j <= i+2; j++ {
				if slipWords.contains(u.keys[j]) || u.keys[j] == "chat" {
					slip = true
				}
			}
			if u.before(i, ksMaaf, 3) {
				slip = true
			}
		}
	}
	asksAbout := u.has(ongkirWords) || u.word(kwHarga) || inList("bedanya", u.words)
	if u.word(kwKapan) && u.has(ksExpiredExp) {
		return "" // "expirednya kapan?" asks a date
	}
	fake := u.has(ksPalsuKw) && !u.has(ksAfraidOrNot) && !(u.has(certWords) && u.word(kwKan))
	switch {
	case u.damaged() || r.damagedExtra(u) || u.phrase(phBunyiSebelah) || u.phrase(phSebelahMati) || u.phrase(phSebelahTidak):
		return ComplaintDamaged
	case fake:
		return ComplaintOther
	case !slip && !asksAbout && (u.wrongItem() || r.shortDelivery(u)):
		return ComplaintWrongItem
	case u.late() || r.notSentYet(u) || r.stuck(u):
		return ComplaintLate
	case u.phrase(phTidakMuat) || u.phrase(phTidakPas) || u.phrase(phTidakCocok) && !u.word(kwApa) ||
		u.has(ksJelekBuruk) && !r.asksAnything() ||
		u.has(ksKembalikanBalikin) && u.has(ksUangDana) ||
		u.has(reactionWords) && !u.hypothetical() && !r.asksAnything():
		return ComplaintOther
	case u.has(serviceWords) && u.has(ksServiceSubjects) ||
		(u.phrase(phTidakRamah) || u.phrase(phTidakSopan)) && u.has(ksRudeSubjects):
		return ComplaintOther
	case u.otherComplaint() && !(u.has(certWords) && u.word(kwKan)) && !u.has(ksAfraid) && !r.exchangeEdit(u):
		return ComplaintOther
	}
	return ""
}

// damagedExtra reads damage words DetectIntent does not know ("melempem",
// "bau", "mati") unless wished away ("biar ga pecah").
func (r *reader) damagedExtra(u *utterance) bool {
	for i, k := range u.keys {
		if damageExtra.contains(k) && !u.before(i, damageGuard, 2) && !u.has(ksTanyaApa) {
			if (k == "kebuka" || k == "terbuka") && !u.has(ksSegelSegelnya) {
				continue
			}
			return true
		}
	}
	// "ga bisa ngecas", "cepet panas bgt": a device that fails.
	if u.phrase(phTidakBisa) && u.has(ksNgecasDicas) {
		return true
	}
	return u.word(kwPanas) && len(r.mentions) > 0 && u.has(ksCepatCepet)
}

// asksAnything reports a question mark or a question word in the message.
func (r *reader) asksAnything() bool {
	for k := range r.toks {
		if r.toks[k].w == "?" || askWords2.contains(r.key(k)) {
			return true
		}
	}
	return false
}

// shortDelivery: "pesen 3 microsd cuma dateng 2".
func (r *reader) shortDelivery(u *utterance) bool {
	return u.word(kwPesan) && u.has(ksDatangSampai) && u.has(ksCumaHanya) && u.hasQuantity()
}

// stuck: "statusnya ga gerak2 udh 4 hari".
func (r *reader) stuck(u *utterance) bool {
	return u.phrase(phTidakGerak) || u.phrase(phTidakBergerak) || u.phrase(phTidakUpdate) || u.word(kwNyangkut) || u.word(kwStuck)
}

// exchangeEdit: "mau ganti lipstiknya jadi 01 nude" at the summary edits the
// order; an exchange is a complaint only for a reason (too small, broken).
func (r *reader) exchangeEdit(u *utterance) bool {
	if !u.has(ksGantiTukar) || u.has(fitWords) || u.has(otherComplaintWords) {
		return false
	}
	return r.ctx.Slot == SlotConfirm || u.word(kwJadi) || r.ctx.Slot == SlotNone && !u.word(kwSudah)
}

// notSentYet: "barang ga dikirim2", "belum dikirim juga".
func (r *reader) notSentYet(u *utterance) bool {
	for i, k := range u.keys {
		if (k == "dikirim" || k == "sampai" || k == "datang") && i > 0 && u.keys[i-1] == "tidak" {
			return true
		}
	}
	return false
}

// readChoices reads numbered picks in SlotChoice: "1", "1 sama 3",
// "yang kedua", "nomor 2", "dua-duanya", "semua". Numbers after the picks
// are quantities ("nomer 3 2pcs").
func (r *reader) readChoices() {
	if r.ctx.Slot != SlotChoice {
		return
	}
	sep := true // a separator since the last pick: "1 sama 3", not "yg kedua 3"
	for k := 0; k < len(r.toks); k++ {
		t := &r.toks[k]
		if t.punct {
			if t.w == "&" || t.w == "," || t.w == "+" {
				sep = true
				continue
			}
			break
		}
		if itemSepWords[t.w] || t.w == "atau" {
			sep = true
			continue
		}
		if !r.isFree(k) {
			break
		}
		w := t.w
		if w == "dua" && (r.w(k+1) == "duanya" || r.w(k+1) == "dua2nya") {
			r.claim(k, k+1, cChoice) // "dua duanya"
			continue
		}
		switch {
		case choiceAll[w]:
			r.claim(k, k+1, cChoice)
			r.out.Choices = append(r.out.Choices, ChoiceAll)
			return
		case choiceFill[w] || actFillers.contains(w):
			continue
		}
		if ns := pickList(w, r.ctx.Choices); len(ns) > 0 && sep {
			r.claim(k, k+1, cChoice) // "1,3": written without a space
			r.out.Choices = append(r.out.Choices, ns...)
			sep = false
			continue
		}
		n := 0
		if v, ok := ordinals[w]; ok {
			n = v
		} else if isDigits(w) && len(w) <= 2 && !qtyCounters[r.w(k+1)] {
			n = int(w[0] - '0')
			if len(w) == 2 {
				n = n*10 + int(w[1]-'0')
			}
		} else if v := qtyWords1[w]; v > 0 && v <= 10 && !qtyCounters[r.w(k+1)] {
			n = v
		}
		if n <= 0 || (r.ctx.Choices > 0 && n > r.ctx.Choices) || !sep {
			break
		}
		r.claim(k, k+1, cChoice)
		r.out.Choices = append(r.out.Choices, n)
		sep = false
	}
}

var (
	choiceAll  = setOf("semua semuanya dua2nya keduanya dua-duanya duanya all")
	choiceFill = setOf("yang nomor no pilih pilihan sama dan atau mau ambil itu ke yg")
	ordinals   = map[string]int{"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5,
		"keenam": 6, "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10,
		"ke-1": 1, "ke-2": 2, "ke-3": 3, "ke-4": 4, "ke-5": 5, "ke1": 1, "ke2": 2, "ke3": 3, "ke4": 4, "ke5": 5}
)

// pickList reads "1,3" (numbers joined by commas, as the tokenizer keeps
// them) as picks of a list of max entries (0: unknown).
func pickList(w string, max int) []int {
	if !strings.Contains(w, ",") {
		return nil
	}
	var ns []int
	for _, f := range strings.Split(w, ",") {
		if !isDigits(f) || len(f) > 2 {
			return nil
		}
		n := int(f[0] - '0')
		if len(f) == 2 {
			n = n*10 + int(f[1]-'0')
		}
		if n <= 0 || max > 0 && n > max {
			return nil
		}
		ns = append(ns, n)
	}
	return ns
}
