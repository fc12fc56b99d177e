package lang

import "strings"

// Which item phrases are items: a product with a quantity, an edit word or
// an order word; a phrase without a product (the line under discussion)
// when the slot expects one or an edit word says what changes. A product
// only asked about is a question's subject, not an item; nothing a
// complaint names is an item.

// orderVerbs announce an order.
var orderVerbs = keySet("pesan", "order", "beli", "ambil", "checkout", "booking", "borong", "keep", "tambah",
	"tambahin", "nambah", "minta", "yaudah", "yasudah")

// orderWordIn reports an order word in the phrase that is not taken back
// ("ga jadi beli") and, for "mau", that is followed by what is ordered.
func (r *reader) orderWordIn(g *group) bool {
	for k := g.s; k < g.e; k++ {
		key := r.key(k)
		neg := r.w(k-1) == "jadi" || r.w(k-1) == "tidak" || r.w(k-2) == "tidak" && r.w(k-1) == "jadi"
		if orderVerbs.contains(key) && !neg {
			return true
		}
		if key == "mau" && !neg && !browseWords.contains(r.key(k+1)) && r.key(k+1) != "ngobrol" && r.key(k+1) != "bicara" {
			for j := k + 1; j < g.e; j++ {
				if r.owner[j] == cProduct || r.owner[j] == cQty || r.owner[j] == cVariant || orderVerbs.contains(r.key(j)) {
					return true
				}
			}
		}
	}
	return false
}

// questionIn reports whether clause ci asks a price or stock question.
func (r *reader) questionIn(ci int) bool {
	if ci < 0 {
		return false
	}
	c := &r.clauses[ci]
	for _, q := range r.out.Questions {
		if (q.Kind == QStock || q.Kind == QPrice) && q.Span.Start >= r.toks[c.s].start && q.Span.End <= r.toks[c.e-1].end {
			return true
		}
	}
	return false
}

func (r *reader) hasAct(k ActKind) bool {
	for _, a := range r.out.Acts {
		if a.Kind == k {
			return true
		}
	}
	return false
}

func (r *reader) hasQuestion(k QuestionKind) bool {
	for _, q := range r.out.Questions {
		if q.Kind == k {
			return true
		}
	}
	return false
}

// stockTalk: "ada X ga", "jual X ga", "X ready?": a clause asking for a product.
var stockTalk = keySet("ada", "jual", "ready", "stok", "sedia", "tersedia", "punya", "jualan", "adakah")

func (r *reader) emitItems() {
	if r.hasQuestion(QStatus) && r.out.Details.Address == "" && r.out.Details.Phone == "" {
		r.out.Details.Name, r.out.Details.NameSpan = "", Span{} // "pesanan atas nama Rina": whose order
	}
	if r.hasAct(ActComplaint) {
		// Only an explicit question about the parcel's status stays.
		var keep []Question
		for _, q := range r.out.Questions {
			if q.Kind == QStatus && r.utter(0, len(r.toks)).word(kwStatus) {
				keep = append(keep, q)
			}
		}
		r.out.Questions = keep
		return
	}
	hypo := len(r.toks)
	discountIn := map[int]bool{} // clauses asking for a discount: what they buy is hypothetical
	for _, q := range r.out.Questions {
		if q.Kind == QDiscount {
			for ci, c := range r.clauses {
				if q.Span.Start >= r.toks[c.s].start && q.Span.End <= r.toks[c.e-1].end {
					discountIn[ci] = true
				}
			}
		}
	}
	if len(discountIn) > 0 && r.ctx.Slot == SlotQty {
		// "3 klo ada diskon": the answer stands, the condition does not.
		for k := range r.toks {
			if hypotheticalWords.contains(r.key(k)) {
				hypo = k
				break
			}
		}
		discountIn = nil
	}
	ordering := false
	// A product ordered with its quantity makes the phrases listed with it
	// orders too ("charger 20w sama kabel c 1m 1").
	for _, g := range r.groups {
		if g.p >= 0 && g.hasQty && !r.questionIn(r.clauseOf(g.s)) && g.op == "" {
			ordering = true
		}
	}
	var lastQ *group // the last product phrase only asked about
	for _, g := range r.groups {
		if g.s >= hypo || g.hasQty && g.qty.i >= hypo || discountIn[r.clauseOf(g.s)] {
			continue
		}
		if r.orderWordIn(g) {
			ordering = true
		}
		ci := r.clauseOf(g.s)
		asked := r.questionIn(ci)
		qty := g.hasQty || r.each != nil
		if g.unk[1] > 0 {
			talk := ci >= 0 && r.clauses[ci].u.has(stockTalk) && r.clauses[ci].asking() && !r.otherQuestionIn(ci) ||
				ci > 0 && r.clauses[ci].ask && len(r.out.Unknown) > 0 && r.clauseOpens(ci, g.unk[0]) // "jual maskara ga? eyeliner?"
			named := g.m >= 0 || r.owner[g.unk[0]] == cProduct
			if g.hasQty && (named || r.qtyAfter(g, g.unk[1])) || ordering && (named || r.numberAfter(g, g.unk[1])) || talk {
				r.out.Unknown = append(r.out.Unknown, Mention{Span: r.span(g.unk[0], g.unk[1]), Words: r.unknownWords(g.unk[0], g.unk[1])})
			}
			continue
		}
		product := g.p >= 0 || g.m >= 0
		item := false
		// "sambelnya yg original 150ml": the line's variant changes.
		if g.op == "" && g.nya && g.p >= 0 && g.variant != "" && !g.hasQty && !asked && !r.clauses[ci].asking() &&
			r.ctx.Slot != SlotVariant && r.ctx.Slot != SlotQty && r.ctx.Slot != SlotChoice {
			g.op = OpReplace
		}
		switch {
		case product:
			item = qty || g.op != "" || ordering || r.ctx.Slot == SlotChoice || r.ctx.Slot == SlotVariant || r.bare(g)
			if asked && !g.hasQty && g.op == "" && !r.orderWordIn(g) {
				item = false
			}
			// "khimarnya aja": keeps what was ordered; "pb nya yg 10000 aja"
			// says which variant.
			if g.nya && !qty && g.op == "" && len(g.vwords) == 0 {
				item = false
			}
			if !item && asked {
				lastQ = g
			}
		default:
			vw := len(g.vwords) > 0
			switch r.ctx.Slot {
			case SlotQty, SlotVariant, SlotChoice:
				item = g.hasQty || vw || (r.each != nil && len(r.out.Items) == 0)
			default:
				item = g.op != "" && (vw || g.hasQty || g.op == OpReplace || g.op == OpSet && g.hasQty)
				if g.op == OpAdd && !g.hasQty {
					item = false
				}
				// "...ready ga? mau 3": the quantity is for the product asked about.
				if !item && g.hasQty && !vw && lastQ != nil && (ordering || r.orderWordIn(g)) {
					g.p, g.m, g.variant, g.fit, g.novar = lastQ.p, lastQ.m, lastQ.variant, lastQ.fit, lastQ.novar
					item = true
				}
			}
			if asked && !g.hasQty {
				item = false
			}
			// "yg L ada?", "yang mocca aja", "2m": a variant of the product
			// under discussion is the line's.
			if r.cur >= 0 && vw && len(g.fit.fit) > 0 && g.op == "" && r.ctx.Slot != SlotConfirm && !r.otherQuestionIn(ci) {
				item = true
			}
		}
		if !item {
			continue
		}
		r.out.Items = append(r.out.Items, r.itemOf(g))
	}
	r.fixEdits()
	r.joinLineParts()
	if r.each != nil {
		for i := range r.out.Items {
			if !r.out.Items[i].QtySaid {
				r.out.Items[i].Qty, r.out.Items[i].QtySaid, r.out.Items[i].Each = r.each.val, true, true
			}
		}
		if len(r.out.Items) == 0 && (r.ctx.Slot == SlotChoice || r.ctx.Slot == SlotQty || r.ctx.Slot == SlotVariant) {
			r.out.Items = append(r.out.Items, Item{Span: r.span(r.each.i, r.each.j), Qty: r.each.val, QtySaid: true, Op: OpAdd, Each: true})
		}
	}
	// Variants the products lack, for items and questions about them.
	for _, g := range r.groups {
		if g.p < 0 || len(g.novar) == 0 || !r.talkedAbout(g) {
			continue
		}
		r.out.NoVariant = append(r.out.NoVariant, NoVariant{Span: r.span(g.novar[0], g.novar[len(g.novar)-1]+1),
			SKU: r.ix.products[g.p].SKU, Words: r.novarWords(g)})
	}
}

// clauseOpens reports whether token k opens clause ci but for "sama", "dan".
func (r *reader) clauseOpens(ci, k int) bool {
	s := r.clauses[ci].s
	for s < k && (itemSepWords[r.w(s)] || actFillers.contains(r.key(s))) {
		s++
	}
	return s == k
}

// otherQuestionIn reports a question other than price or stock in clause ci.
func (r *reader) otherQuestionIn(ci int) bool {
	c := &r.clauses[ci]
	for _, q := range r.out.Questions {
		if q.Kind != QStock && q.Kind != QPrice && q.Span.Start >= r.toks[c.s].start && q.Span.End <= r.toks[c.e-1].end {
			return true
		}
	}
	return false
}

// numberAfter reports a number in the phrase after token k ("dodol garut 1 kg").
func (r *reader) numberAfter(g *group, k int) bool {
	for j := k; j < g.e; j++ {
		if hasDigit(r.w(j)) || qtyWords1[r.w(j)] > 0 {
			return true
		}
	}
	return false
}

// qtyAfter reports a quantity in the phrase after token k.
func (r *reader) qtyAfter(g *group, k int) bool {
	return g.hasQty && g.qty.i >= k
}

// talkedAbout reports whether the phrase became an item or a question's subject.
func (r *reader) talkedAbout(g *group) bool {
	sku := r.ix.products[g.p].SKU
	for _, it := range r.out.Items {
		if it.SKU == sku {
			return true
		}
	}
	for _, q := range r.out.Questions {
		if q.SKU == sku {
			return true
		}
	}
	return false
}

// itemOf writes a phrase as an item.
func (r *reader) itemOf(g *group) Item {
	it := Item{Span: r.ownSpan(g), Op: g.op}
	if it.Op == "" || r.ctx.Slot == SlotQty && it.Op == OpSet {
		it.Op = OpAdd
	}
	switch {
	case g.p >= 0:
		it.SKU = r.ix.products[g.p].SKU
		it.Variant = r.groupVariant(g)
		for _, v := range g.fit.fit {
			if len(g.fit.fit) > 1 {
				it.VariantCandidates = append(it.VariantCandidates, r.ix.products[g.p].Variants[v])
			}
		}
	case g.m >= 0:
		it.Variant = g.variant
		for _, p := range g.cands {
			it.Candidates = append(it.Candidates, r.ix.products[p].SKU)
		}
	default:
		it.Variant = g.variant
		if r.cur >= 0 {
			it.Variant = r.groupVariant(&group{p: r.cur, variant: g.variant, novar: g.novar})
			it.VariantCandidates = r.fitNames(r.cur, g)
		}
	}
	var vw []string
	for _, k := range g.vwords {
		vw = append(vw, strings.TrimSuffix(r.toks[k].w, "nya"))
	}
	it.VariantWords = strings.Join(vw, " ")
	if g.hasQty {
		it.Qty, it.QtySaid = g.qty.val, true
	}
	return it
}

// ownSpan is the span of the tokens a phrase's item took (the product's
// name, variant words, quantity and edit words) from the first of them to
// the last before a word that is not its own.
func (r *reader) ownSpan(g *group) Span {
	own := func(k int) bool {
		switch r.owner[k] {
		case cProduct, cVariant, cQty, cCue:
			return !r.toks[k].punct
		}
		return false
	}
	s := g.s
	for s < g.e && !own(s) {
		s++
	}
	if s == g.e {
		return Span{r.toks[g.s].start, r.toks[g.s].start}
	}
	e := s + 1
	for k := e; k < g.e; k++ {
		if own(k) {
			e = k + 1
		} else if !r.toks[k].punct {
			break
		}
	}
	return r.span(s, e)
}

// fixEdits: "batal yg mocca, ganti hitam" replaces one line: the removal
// before a replacement of the line under discussion goes.
func (r *reader) fixEdits() {
	its := r.out.Items
	var keep []Item
	for i, it := range its {
		if it.Op == OpRemove && it.SKU == "" && !it.QtySaid && i+1 < len(its) && its[i+1].Op == OpReplace && its[i+1].SKU == "" {
			continue
		}
		keep = append(keep, it)
	}
	r.out.Items = keep
}

// joinLineParts joins, for the line under discussion, a quantity and a
// variant said in two phrases ("2 kak, warna mocca ya").
func (r *reader) joinLineParts() {
	its := r.out.Items
	var out []Item
	for i := 0; i < len(its); i++ {
		a := its[i]
		if i+1 < len(its) {
			b := its[i+1]
			if a.SKU == "" && b.SKU == "" && len(a.Candidates) == 0 && len(b.Candidates) == 0 && a.Op == b.Op &&
				(a.QtySaid && !b.QtySaid && a.VariantWords == "" && b.VariantWords != "" ||
					!a.QtySaid && b.QtySaid && a.VariantWords != "" && b.VariantWords == "") &&
				r.onlyFillBetween(a.Span.End, b.Span.Start) {
				if b.QtySaid {
					a.Qty, a.QtySaid = b.Qty, true
				} else {
					a.Variant, a.VariantWords, a.VariantCandidates = b.Variant, b.VariantWords, b.VariantCandidates
				}
				a.Span.End = b.Span.End
				i++
			}
		}
		out = append(out, a)
	}
	r.out.Items = out
}

// onlyFillBetween reports whether Norm bytes [s, e) hold only punctuation
// and polite fillers ("2 kak, warna mocca"): no separator like "sama", no
// other words.
func (r *reader) onlyFillBetween(s, e int) bool {
	for k := range r.toks {
		t := &r.toks[k]
		if t.start < s || t.start >= e || t.punct {
			continue
		}
		if !actFillers.contains(r.key(k)) && !sortCue[t.w] && t.w != "yang" && t.w != "ya" {
			return false
		}
	}
	return true
}

// keepQuestions returns the questions of the given kinds.
func (r *reader) keepQuestions(kinds ...QuestionKind) []Question {
	var out []Question
	for _, q := range r.out.Questions {
		for _, k := range kinds {
			if q.Kind == k {
				out = append(out, q)
			}
		}
	}
	return out
}

// unknownWords writes a product not sold as named: lower case, "-nya"
// dropped.
func (r *reader) unknownWords(i, j int) string {
	var ws []string
	for k := i; k < j; k++ {
		if !r.toks[k].punct {
			ws = append(ws, strings.TrimSuffix(r.toks[k].low, "nya"))
		}
	}
	return strings.Join(ws, " ")
}

// novarWords writes the variant words a product lacks, as said: lower
// case, without "ukuran", "warna", "size", with "level" or "isi" kept.
func (r *reader) novarWords(g *group) string {
	var ws []string
	first := g.novar[0]
	if prev := first - 1; prev >= 0 && !r.toks[prev].punct && hasDigit(r.w(first)) && !dropCue[r.w(prev)] &&
		(variantCue[r.w(prev)] || r.wordBeforeNumber(canonVariantWord(r.w(prev)), g.p)) {
		ws = append(ws, r.toks[prev].low) // "level 7", "iphone 11"
	}
	for _, k := range g.novar {
		if dropCue[r.toks[k].w] {
			continue
		}
		w := strings.TrimSuffix(r.toks[k].low, "nya")
		if w == "sekilo" {
			w = "1kg"
		}
		if n := len(ws); n > 0 && measureUnits[w] && isDigits(ws[n-1]) {
			ws[n-1] += w // "1 kg" -> "1kg"
			continue
		}
		ws = append(ws, w)
	}
	return strings.Join(ws, " ")
}

// wordBeforeNumber reports whether a variant part of p has the word a
// followed by a model or size number ("iphone 13", "samsung a15").
func (r *reader) wordBeforeNumber(a string, p int) bool {
	for _, v := range r.ix.parts[p] {
		for _, part := range v {
			for i := 0; i+1 < len(part); i++ {
				if part[i] == a && hasDigit(part[i+1]) {
					return true
				}
			}
		}
	}
	return false
}

var dropCue = setOf("ukuran uk size warna motif model varian yang tipe type shade no nomor")

// fillerWords are everyday words of chat that never name a product.
var fillerWords = keySet(strings.Fields(`lagi nanti dulu sekalian buat untuk acara kantor rumah hari ini besok kemarin
	kemaren tadi sekarang banyak sedikit dikit semua cuma hanya juga sangat banget bgt enak bagus murah
	mahal cantik keren baru lama aja saja kok sih deh dong nih tuh ya kak kakak min admin gan sis bun
	mbak mba mas bang bu pak ibu bapak tolong mohon maaf permisi halo hai pagi siang sore malam makasih
	terima kasih oke ok sip siap gas lanjut betul benar salah bisa boleh mau ingin pengen pesan order
	beli ambil jual jualan ada ready stok stock punya sedia tersedia kirim dikirim kurir ongkir bayar
	transfer cod harga berapa brp totalnya total gimana bagaimana kapan dimana mana apa siapa kenapa
	kalau klo kalo kl jika misal terus trus habis abis kosong masih sudah udah belum blm tidak gak ga
	nggak enggak bukan jangan jgn yang yg ini itu sama dan atau dengan dari ke di pada oleh tapi tp
	karena krn biar agar supaya soalnya wkwk haha hehe hihi wk xixi anjay mantap mantul kece
	nanya tanya info informasi cek lihat liat katanya kayaknya mungkin coba tes test sampai sampe
	nyampe datang dateng pas waktu saat lebaran hantaran seragaman seragam pengajian arisan kado hadiah
	reseller dropship grosir promo diskon paket barang produk pesanan orderan satuan eceran
	ganti tukar tuker ubah hapus batal cancel kurangin kurangi tambah tambahin tambahkan nambah usah gausah
	harusnya seharusnya tetap tetep konsul konsultasi soal tentang gitu begitu kayak seperti
	yaudah yasudah udah sudah hp wa oh eh ah aduh nah bentar sebentar tunggu wait sek telp tlp telepon telpon`)...)

// bare reports whether the message is only the phrase's product (with its
// variant words and chat fillers): "bergo maryam", "pashmina hitam kak".
// The line is mentioned without a quantity; the dialogue tells about it.
func (r *reader) bare(g *group) bool {
	if len(r.out.Questions) > 0 || len(r.out.Acts) > 0 || len(r.out.Choices) > 0 || r.out.Details != (Details{}) {
		return false
	}
	for k := range r.toks {
		if r.toks[k].punct {
			continue
		}
		if k < g.s || k >= g.e {
			if !actFillers.contains(r.key(k)) {
				return false
			}
			continue
		}
		switch r.owner[k] {
		case cProduct, cVariant:
		default:
			if !actFillers.contains(r.key(k)) {
				return false
			}
		}
	}
	return true
}
