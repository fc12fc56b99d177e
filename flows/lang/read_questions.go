package lang

import (
	"sort"
	"strings"
)

// Questions are read clause by clause (a clause ends at , . ? ! ; or a
// line break), every question of the message in the order asked. Price
// and stock questions are about the products named in their clause, else
// the product named last before it, else the one under discussion.

// clause is a phrase of the message between punctuation.
type clause struct {
	s, e int  // tokens, the closing punctuation excluded
	ask  bool // it ends with '?'
	u    *utterance
}

func (r *reader) splitClauses() {
	s := 0
	for k := 0; k <= len(r.toks); k++ {
		if k < len(r.toks) {
			t := &r.toks[k]
			if !t.punct || !strings.Contains(",.?!;\n", t.w) || (t.w == "." && r.abbrevDot(k)) {
				continue
			}
		}
		if k > s {
			c := clause{s: s, e: k, ask: k < len(r.toks) && r.toks[k].w == "?"}
			c.u = r.utter(s, k)
			r.clauses = append(r.clauses, c)
		}
		s = k + 1
	}
}

// utter builds the keyword view of tokens [s, e).
func (r *reader) utter(s, e int) *utterance {
	buildKeySets()
	u := newUtteranceCap(max(e-s, 0))
	for k := s; k < e; k++ {
		if r.toks[k].punct {
			continue
		}
		u.add(r.toks[k].w, r.keys[k])
	}
	return u
}

// clauseOf returns the index of the clause holding token k, -1 when none.
func (r *reader) clauseOf(k int) int {
	for i, c := range r.clauses {
		if k >= c.s && k < c.e {
			return i
		}
	}
	return -1
}

// asking reports whether a clause asks: '?', a question word, or a tag
// ("ga", "kah", "ya?") at its end.
func (c *clause) asking() bool {
	if c.ask {
		return true
	}
	u := c.u
	if u.has(askWords2) {
		return true
	}
	n := len(u.keys)
	for i := max(0, n-3); i < n; i++ {
		if k := u.keys[i]; k == "tidak" || k == "kah" || k == "belum" {
			return true
		}
	}
	return false
}

var askWords2 = keySet("berapa", "apa", "mana", "dimana", "kapan", "bagaimana", "gimana", "adakah", "bisakah", "boleh", "bisa", "gmn", "brp")

var (
	etaWords     = keySet("estimasi", "estimasinya", "eta")
	arriveOrSend = keySet("sampai", "dikirim", "kirim", "datang", "tiba", "nyampe", "kirimnya", "diterima")
	sentOrMoving = keySet("dikirim", "diproses", "dipacking", "dikemas", "jalan", "kirim", "dikirimkan", "diantar", "proses")
	ongkirWords  = keySet("ongkir", "ongkos", "ongkoskirim")
	rekWords     = keySet("rekening", "norek", "rek")
	walletWords  = keySet("dana", "ovo", "gopay", "shopeepay", "linkaja", "qris", "paylater", "kredit", "debit", "ewallet", "transfer", "va")
	totalWords   = keySet("total", "totalnya")
	certWords    = keySet("pirt", "bpom", "halal", "sertifikat", "izin", "ijin", "legal", "ori", "original", "asli", "kw")
	stockStrong  = keySet("ready", "stok", "tersedia", "kosong", "habis", "sisa", "restock", "restok", "available", "indent", "preorder", "cukup")
	sortWords    = keySet("warna", "ukuran", "size", "varian", "motif", "rasa", "model", "level")
)

// qhit is one question found, at token position pos.
type qhit struct {
	pos  int
	kind QuestionKind
	c    int // clause
}

func (r *reader) readQuestions() {
	var hits []qhit
	var prev []qhit
	prevProduct := false
	for ci := range r.clauses {
		c := &r.clauses[ci]
		qs := r.clauseQuestions(c)
		// "lipstik 04 ada kak? sama cushion shade 40": the same question of
		// another product.
		if len(qs) == 0 && len(prev) > 0 && prevProduct && len(c.u.keys) > 0 && inList(c.u.keys[0], []string{"sama", "dan", "dn"}) && r.productIn(c) {
			for _, q := range prev {
				if q.kind == QPrice || q.kind == QStock {
					qs = append(qs, qhit{pos: c.s, kind: q.kind})
				}
			}
		}
		for _, q := range qs {
			q.c = ci
			hits = append(hits, q)
		}
		prev, prevProduct = qs, r.productIn(c)
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].pos < hits[b].pos })
	for _, h := range hits {
		c := &r.clauses[h.c]
		sp := r.span(h.pos, h.pos+1)
		switch h.kind {
		case QOngkir:
			places := r.places(c)
			if len(places) == 0 {
				r.addQuestion(Question{Span: sp, Kind: QOngkir})
			}
			for _, p := range places {
				r.addQuestion(Question{Span: sp, Kind: QOngkir, Place: p})
			}
		case QPrice, QStock:
			for _, subj := range r.subjects(h.c) {
				q := Question{Span: sp, Kind: h.kind}
				if subj.unknown {
					continue
				}
				switch g := subj.g; {
				case g != nil && g.p >= 0:
					q.SKU = r.ix.products[g.p].SKU
					if h.kind == QStock && len(g.novar) == 0 {
						q.Variant = g.variant
						q.VariantCandidates = r.fitNames(g.p, g)
					}
				case g != nil && g.m >= 0:
					for _, p := range g.cands {
						q.Candidates = append(q.Candidates, r.ix.products[p].SKU)
					}
				}
				r.addQuestion(q)
			}
		default:
			r.addQuestion(Question{Span: sp, Kind: h.kind})
		}
	}
	r.currentVariantQuestions()
}

// fitNames are the names of p's variants the phrase's words fit, when
// they fit several.
func (r *reader) fitNames(p int, g *group) []string {
	if len(g.fit.fit) < 2 || len(g.vwords) == 0 {
		return nil
	}
	var out []string
	for _, v := range g.fit.fit {
		out = append(out, r.ix.products[p].Variants[v])
	}
	return out
}

// currentVariantQuestions gives a stock question without a product the
// variant asked of the product under discussion: "yg L ada?", "yang navy
// ready?".
func (r *reader) currentVariantQuestions() {
	if r.cur < 0 {
		return
	}
	for i := range r.out.Questions {
		q := &r.out.Questions[i]
		if q.Kind != QStock || q.SKU != "" || q.Variant != "" || len(q.Candidates) > 0 {
			continue
		}
		for _, g := range r.groups {
			if g.p >= 0 || g.m >= 0 || len(g.vwords) == 0 || len(g.fit.fit) == 0 || r.clauseOf(g.s) != r.clauseAt(q.Span.Start) {
				continue
			}
			q.Variant = g.variant
			q.VariantCandidates = r.fitNames(r.cur, g)
			break
		}
	}
}

// clauseAt is the clause holding the Norm offset, -1 when none.
func (r *reader) clauseAt(off int) int {
	for k := range r.toks {
		if r.toks[k].start <= off && off < r.toks[k].end {
			return r.clauseOf(k)
		}
	}
	return -1
}

// addQuestion appends q unless the same question was asked already; a
// shipping question without a place gives way to one with a place.
func (r *reader) addQuestion(q Question) {
	for i, o := range r.out.Questions {
		if o.Kind == q.Kind && o.SKU == q.SKU && o.Variant == q.Variant && o.Place == q.Place {
			return
		}
		if q.Kind == QOngkir && o.Kind == QOngkir {
			if q.Place == "" {
				return
			}
			if o.Place == "" {
				r.out.Questions[i] = q
				return
			}
		}
		if q.Kind == o.Kind && (q.Kind == QPrice || q.Kind == QStock) && o.SKU == q.SKU && q.Variant == "" {
			return
		}
	}
	r.out.Questions = append(r.out.Questions, q)
}

// clauseQuestions returns the kinds of question one clause asks.
func (r *reader) clauseQuestions(c *clause) []qhit {
	u := c.u
	if len(u.keys) == 0 {
		return nil
	}
	var out []qhit
	// at returns the token that asks: the first word of set, else the
	// clause's first word no other reading took.
	at := func(set *keywordSet) int {
		if i := u.find(set, 0); i >= 0 {
			return r.tokenOf(c, i)
		}
		for k := c.s; k < c.e; k++ {
			if r.isFree(k) && !actFillers.contains(r.key(k)) {
				return k
			}
		}
		return c.s
	}
	add := func(kind QuestionKind, pos int) { out = append(out, qhit{pos: pos, kind: kind}) }
	asking := c.asking()
	berapaUsed := false
	hypo := u.hypothetical()

	switch {
	case u.has(trackingWords) || u.phrase(phSampaiMana) || u.phrase(phSampaiDimana) || u.word(kwStatus) ||
		u.word(kwCek) && u.has(ksPesananOrderan) ||
		(u.word(kwSudah) && u.has(sentOrMoving) && (u.word(kwBelum) || c.ask) && !u.word(kwKapan)) ||
		(u.has(statusSubjects) && u.has(ksDimanaMana) && !u.has(rekWords)) ||
		// "pesanan saya gmn?": how is my order
		(u.has(statusSubjects) && u.word(kwBagaimana) && asking && !r.productIn(c) && !u.has(ksCaraCaranya)):
		if !u.word(kwKapan) {
			add(QStatus, at(trackingWords))
		}
	}
	if u.has(etaWords) || (u.phrase(phBerapaHari) || u.phrase(phBerapaLama)) && (u.has(arriveOrSend) || u.word(kwPengiriman) || u.word(kwKe)) ||
		(u.word(kwKapan) && u.has(arriveOrSend)) || u.word(kwLama) && u.has(ksPengirimanSampai) && asking ||
		u.has(ksDikirimKirim) && (u.phrase(phHariIni) || u.word(kwBesok) || u.word(kwSekarang)) && asking {
		add(QETA, at(ksEstimasiKapan))
		berapaUsed = true
	}
	if (u.has(ongkirWords) || u.phrase(phBiayaKirim) || u.phrase(phOngkosKirim)) && (asking || u.word(kwCek) || len(r.places(c)) > 0) &&
		!u.has(totalWords) && !u.phrase(phGratisOngkir) && !u.phrase(phFreeOngkir) {
		add(QOngkir, at(ongkirWords))
		berapaUsed = true
	} else if u.near(ksKirimDikirim, keWord, 1) && (u.word(kwBisa) || c.ask) && len(r.places(c)) > 0 && !u.has(etaWords) {
		add(QOngkir, at(ksKirimDikirimKe))
	}
	if len(out) == 0 && u.word(kwBerapa) && u.word(kwKe) && !r.productIn(c) && len(r.places(c)) > 0 && !hypo {
		add(QOngkir, at(ksKe)) // "ke medan berapa?"
		berapaUsed = true
	}
	if len(out) == 0 && c.ask && r.priceIn(c) {
		add(QPrice, at(nil)) // "45rb ya kak?"
	}
	if len(out) == 0 && r.ongkirBefore(c) && (c.ask || u.has(hypotheticalWords)) && len(r.places(c)) > 0 && u.word(kwKe) {
		add(QOngkir, at(ksKirimDikirimKe)) // "ongkir ke bdg berapa, kalo ke bali?"
	}
	if (u.has(codWords) || u.phrase(phBayarDiTempat) || u.phrase(phBayarDitempat)) && asking {
		add(QCOD, at(codWords))
	}
	if u.has(rekWords) || u.has(ksTransferBayar) && (u.word(kwKemana) || u.phrase(phKeMana) || u.phrase(phBankApa)) {
		add(QAccount, at(rekWords))
		berapaUsed = true
	} else if (u.has(walletWords) || u.phrase(phLewatApa) || u.phrase(phViaApa) || u.phrase(phPakaiApa) ||
		u.word(kwPembayaran)) && asking && !u.has(totalWords) && !u.has(codWords) &&
		(u.has(ksBayarBayarnya) || u.word(kwBisa) || u.word(kwPakai)) {
		add(QPayment, at(walletWords))
	}
	if u.has(totalWords) || u.phrase(phJadiBerapaSemua) || u.phrase(phSemuanyaJadiBerapa) || u.word(kwJumlah) && u.word(kwBerapa) && u.word(kwBayar) ||
		u.has(ksSemuaSemuanya) && u.word(kwBerapa) && !r.productIn(c) {
		add(QTotal, at(totalWords))
		berapaUsed = true
	}
	if u.discount() || u.word(kwReseller) || u.word(kwGrosir) {
		add(QDiscount, at(discountWords))
		berapaUsed = true
	}
	if u.howToOrder() || (u.word(kwCara) && u.has(orderWords)) {
		add(QHowTo, at(ksCaraBagaimana))
	}
	if (u.catalog() || (u.word(kwList) || u.word(kwDaftar)) && (u.word(kwHarga) || u.word(kwMenu))) &&
		!u.has(ksShippingOrSort) {
		add(QCatalog, at(catalogWords))
	}
	shop := u.shopInfo() || u.has(ksGaransiGaransinya) || u.has(ksBukaTutup) && asking && !u.has(sentOrMoving) || (u.word(kwBuka) && (asking || u.word(kwMasih))) || (u.has(certWords) && asking) ||
		(u.has(shopWords) && (asking || u.word(kwDi))) ||
		(u.word(kwAmbil) && u.has(ksSendiriRumah)) ||
		(u.has(ksPengirimanKurir) && u.phrase(phApaAja)) ||
		(u.word(kwAlamat) && u.has(ksDimanaMana) && !u.has(ownAddressWords))
	if shop && !(u.has(statusSubjects) && u.has(mineWords)) {
		add(QShopInfo, at(nil))
		berapaUsed = true
	}
	// Stock and price are about a product: asked only when nothing else was.
	stock := false
	tagYa := u.word(kwYa) && u.has(ksKosongHabis)
	if u.has(stockStrong) && (asking || c.ask || tagYa) && !(u.word(kwKan) && !c.ask) {
		stock = true
	} else if (u.word(kwAda) || u.word(kwMasih)) && (c.ask || r.clauseTag(u) || r.adaAtEnd(c)) && len(out) == 0 {
		stock = true
	} else if (u.has(sortWords) || u.hasMap(variantCue)) && (u.phrase(phApaAja) || u.phrase(phBerapaAja) || u.phrase(phApaSaja)) && len(out) == 0 {
		stock = true
	}
	if stock && (!hypo || r.topicKalau(c)) {
		add(QStock, at(stockStrong))
		if u.word(kwStok) || u.word(kwMasih) || u.word(kwSisa) || u.phrase(phBerapaAja) {
			berapaUsed = true
		}
	}
	others := 0
	for _, h := range out {
		if h.kind != QStock {
			others++
		}
	}
	bi := u.index(kwBerapa)
	berapaPrice := bi >= 0 && !berapaUsed && !u.before(bi, notPriceBefore, 1) &&
		!(bi+1 < len(u.keys) && durationUnits[u.keys[bi+1]] || bi+1 < len(u.keys) && u.keys[bi+1] == "lama")
	if (u.word(kwHarga) || u.word(kwPrice) || u.word(kwBerapaan) || berapaPrice) && others == 0 {
		add(QPrice, at(ksHargaBerapa))
	}
	return out
}

// productIn reports a product named in the clause.
func (r *reader) productIn(c *clause) bool {
	for _, m := range r.mentions {
		if m.i >= c.s && m.i < c.e && !m.unknown {
			return true
		}
	}
	return false
}

// priceIn reports an amount of money in the clause.
func (r *reader) priceIn(c *clause) bool {
	for k := c.s; k < c.e; k++ {
		if r.owner[k] == cNumber && (priceToken(r.w(k)) || r.w(k) == "rp" || r.w(k+1) == "ribu" || r.w(k+1) == "rb") {
			return true
		}
	}
	return false
}

// ongkirBefore reports a shipping question in an earlier clause.
func (r *reader) ongkirBefore(c *clause) bool {
	for i := range r.clauses {
		o := &r.clauses[i]
		if o.s >= c.s {
			break
		}
		if o.u.has(ongkirWords) {
			return true
		}
	}
	return false
}

// adaAtEnd: "toner 500ml ada kak" asks, with a product named and "ada"
// last but for fillers.
func (r *reader) adaAtEnd(c *clause) bool {
	named := false
	for _, m := range r.mentions {
		if m.i >= c.s && m.i < c.e && !m.unknown {
			named = true
		}
	}
	if !named {
		return false
	}
	u := c.u
	for i := len(u.keys) - 1; i >= 0; i-- {
		switch {
		case u.keys[i] == "ada":
			return true
		case !actFillers.contains(u.keys[i]) && u.keys[i] != "ya":
			return false
		}
	}
	return false
}

// clauseTag reports a question tag at the end: "ada ga", "masih ada gk".
func (r *reader) clauseTag(u *utterance) bool {
	n := len(u.keys)
	for i := max(0, n-3); i < n; i++ {
		if k := u.keys[i]; k == "tidak" || k == "kah" || k == "gak" || k == "belum" {
			return true
		}
	}
	return false
}

// tokenOf maps the i-th word of a clause's utterance to its token index.
func (r *reader) tokenOf(c *clause, i int) int {
	n := 0
	for k := c.s; k < c.e; k++ {
		if r.toks[k].punct {
			continue
		}
		if n == i {
			return k
		}
		n++
	}
	return c.s
}

// subject is what a price or stock question is about.
type subject struct {
	g       *group
	unknown bool
}

// subjects returns the product phrases a price or stock question of clause
// ci is about: those in the clause, else the last one before it, else none
// (the product under discussion).
func (r *reader) subjects(ci int) []subject {
	c := &r.clauses[ci]
	var out []subject
	for _, g := range r.groups {
		if g.s >= c.s && g.s < c.e {
			if g.unk[1] > 0 {
				out = append(out, subject{g: g, unknown: true})
			} else if g.p >= 0 || g.m >= 0 {
				out = append(out, subject{g: g})
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	if c.u.has(ksAllOfThem) {
		var all []subject
		for _, g := range r.groups {
			if g.s < c.s && (g.p >= 0 || g.m >= 0) && g.unk[1] == 0 {
				all = append(all, subject{g: &group{p: g.p, m: g.m, cands: g.cands, s: g.s, e: g.e}})
			}
		}
		if len(all) > 0 {
			return all
		}
	}
	for x := len(r.groups) - 1; x >= 0; x-- {
		g := r.groups[x]
		if g.s < c.s && (g.p >= 0 || g.m >= 0) && g.unk[1] == 0 {
			// The product, without the variant words of the earlier phrase
			// unless the clause says none of its own.
			return []subject{{g: g}}
		}
	}
	return []subject{{}}
}

// groupVariant is the variant a phrase determines: the one named, or a
// single-variant product's only one.
func (r *reader) groupVariant(g *group) string {
	if g.p < 0 {
		return ""
	}
	if g.variant != "" {
		return g.variant
	}
	if vs := r.ix.products[g.p].Variants; len(vs) == 1 && len(g.novar) == 0 {
		return vs[0]
	}
	return ""
}

// places returns the destinations named in a shipping clause, lower case
// as written: configured areas and their aliases first, then the words
// after "ke".
func (r *reader) places(c *clause) []string {
	var out []string
	seen := map[string]bool{}
	addPlace := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for k := c.s; k < c.e; k++ {
		if r.toks[k].punct || r.owner[k] == cProduct {
			continue
		}
		if n := r.areaAt(k, c.e); n > 0 {
			addPlace(r.placeWords(k, k+n))
			k += n - 1
			continue
		}
		if (r.w(k) == "ke" || ongkirWords.contains(r.key(k)) && r.w(k+1) != "ke") && !r.toks[k].punct {
			var ws []string
			for j := k + 1; j < c.e && len(ws) < 4; j++ {
				w := r.toks[j].low
				if len(ws) == 0 && (w == "k" || w == "ke") {
					continue // "ongkir k ungaran"
				}
				stop := placeStop.contains(intentKey(w)) || placeStop.contains(intentKey(r.toks[j].w)) || placeStop.contains(r.keys[j]) ||
					fillerWords.contains(r.keys[j]) && !placeKeep[w] || r.toks[j].w == "beda"
				if r.toks[j].punct || stop && !(len(ws) == 0 && placeKeep[w]) || !isLetters(w) || courierKeyOf(w) != "" ||
					r.areaAt(j, c.e) > 0 && len(ws) > 0 {
					break
				}
				ws = append(ws, w)
			}
			if len(ws) > 0 && !placeKeep[ws[len(ws)-1]] {
				addPlace(strings.Join(ws, " "))
				k += len(ws)
			}
		}
	}
	return out
}

// areaAt returns how many tokens from k spell a configured area or alias.
func (r *reader) areaAt(k, e int) int {
	best := 0
	for _, aw := range r.areaWords() {
		if len(aw) == 0 || k+len(aw) > e {
			continue
		}
		ok := true
		for i, w := range aw {
			t := strings.Trim(r.toks[k+i].low, ".")
			if r.toks[k+i].punct || (t != w && !(len(w) >= 5 && similarPlace(t, w))) {
				ok = false
				break
			}
		}
		if ok && len(aw) > best {
			best = len(aw)
		}
	}
	// "Kab. Bogor": the administrative word before an area is kept.
	return best
}

// placeWords writes tokens [i, j) as a place: lower case, dots and commas
// dropped; an administrative word just before ("kab", "kota") is kept.
func (r *reader) placeWords(i, j int) string {
	b := i - 1
	if b >= 0 && r.toks[b].w == "." {
		b--
	}
	if b >= 0 && placeKeep[r.toks[b].low] {
		i = b
	}
	var ws []string
	for k := i; k < j; k++ {
		if !r.toks[k].punct {
			ws = append(ws, strings.Trim(r.toks[k].low, ".,"))
		}
	}
	return strings.Join(ws, " ")
}

// topicKalau reports a clause that opens with "kalau" only to name what it
// asks about ("klo gamis zahra warna navy ada?": as for that gamis…), not
// a condition: a product follows, the clause asks and orders nothing.
func (r *reader) topicKalau(c *clause) bool {
	u := c.u
	i := 0
	for i < len(u.keys) && actFillers.contains(u.keys[i]) {
		i++
	}
	return i < len(u.keys) && hypotheticalWords.contains(u.keys[i]) && c.ask && r.productIn(c) && !u.has(orderVerbs) &&
		u.find(hypotheticalWords, i+1) < 0
}
