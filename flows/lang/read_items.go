package lang

import "strings"

// Item phrases: the message is cut at item separators (sama, dan, plus,
// terus, commas, '&', '+', line breaks, list markers); a phrase naming
// several products is cut between them. Each phrase holds at most one
// product line with its variant words, its quantity and the words that say
// how it changes the order.

// itemSepWords separate items: "pashmina 2 sama bergo 1".
var itemSepWords = setOf("sama dan dn plus terus serta sekalian trus")

// group is one item phrase while it is read.
type group struct {
	s, e  int // tokens
	m     int // mention index, -1 none
	p     int // product, -1 none
	cands []int
	nya   bool // "-nya": the line already discussed
	inh   bool // product taken from an earlier phrase

	vt      []vtok
	fit     variantFit
	variant string // the variant name when determined
	vwords  []int  // tokens said about the variant
	novar   []int  // variant words the product lacks

	qty    qtyPhrase
	hasQty bool
	op     Op
	each   bool
	cue    bool // an edit or order word stands in the phrase
	unk    [2]int
	drop   bool
}

// segments cuts tokens [s, e) at item separators.
func (r *reader) segments(s, e int) [][2]int {
	var out [][2]int
	start := s
	cut := func(k int) {
		if k > start {
			out = append(out, [2]int{start, k})
		}
		start = k + 1
	}
	for k := s; k < e; k++ {
		t := &r.toks[k]
		switch {
		case t.punct && t.w != "@" && t.w != "." && t.w != "/":
			cut(k)
		case t.punct && t.w == "." && !r.abbrevDot(k):
			cut(k)
		case !t.punct && itemSepWords[t.w] && r.owner[k] == free:
			cut(k)
		}
	}
	if e > start {
		out = append(out, [2]int{start, e})
	}
	return out
}

// buildGroups reads the item phrases of the whole message.
func (r *reader) buildGroups() []*group {
	var gs []*group
	for _, sg := range r.segments(0, len(r.toks)) {
		// List markers: "1." "2)" at the start of a line.
		s := sg[0]
		if isDigits(r.w(s)) && r.isFree(s) && s+1 < len(r.toks) && (r.w(s+1) == "." || r.w(s+1) == ")") {
			r.claim(s, s+1, cCue)
		}
		var ms []int
		for mi, m := range r.mentions {
			if m.i >= sg[0] && m.j <= sg[1] {
				ms = append(ms, mi)
			}
		}
		if len(ms) <= 1 {
			g := &group{s: sg[0], e: sg[1], m: -1, p: -1}
			if len(ms) == 1 {
				g.setMention(r, ms[0])
			}
			gs = append(gs, r.splitByQty(g)...)
			continue
		}
		// Several products in one phrase: cut between them. When a number
		// stands before the first product, numbers come first ("2 pashmina
		// 3 bergo"), else after.
		prefix := false
		for k := sg[0]; k < r.mentions[ms[0]].i; k++ {
			if _, ok := r.qtyAt(k, -1); ok {
				prefix = true
			}
		}
		bounds := []int{sg[0]}
		for x := 1; x < len(ms); x++ {
			b := r.mentions[ms[x]].i
			if prefix {
				for b > r.mentions[ms[x-1]].j {
					if _, ok := r.qtyAt(b-1, -1); !ok && !r.qtyUnitAt(b-1) {
						break
					}
					b--
				}
			}
			bounds = append(bounds, b)
		}
		bounds = append(bounds, sg[1])
		for x, mi := range ms {
			g := &group{s: bounds[x], e: bounds[x+1], m: -1, p: -1}
			g.setMention(r, mi)
			gs = append(gs, r.splitByQty(g)...)
		}
	}
	return gs
}

func (r *reader) qtyUnitAt(k int) bool {
	return r.isFree(k) && qtyCounters[r.w(k)]
}

func (g *group) setMention(r *reader, mi int) {
	m := r.mentions[mi]
	if m.unknown {
		g.unk = [2]int{m.i, m.j}
		return
	}
	g.m, g.p, g.nya = mi, m.p, m.nya
	if m.p < 0 {
		g.cands = m.cands
	}
}

// splitByQty cuts a phrase holding several variant-and-quantity pairs
// ("putih 2 lilac 1", "2 yg 500gr 1 yg 250gr") into one phrase per pair.
func (r *reader) splitByQty(g *group) []*group {
	var qs []qtyPhrase
	for k := g.s; k < g.e; k++ {
		if q, ok := r.qtyAt(k, g.p); ok {
			qs = append(qs, q)
			k = q.j - 1
		}
	}
	if len(qs) < 2 {
		return []*group{g}
	}
	vt := r.variantToks(g.s, g.e, g.p)
	// Quantities first when the phrase's first variant word comes after
	// the first quantity.
	prefix := len(vt) > 0 && vt[0].k > qs[0].i
	var cuts []int
	for x := 0; x+1 < len(qs); x++ {
		between := false
		for _, t := range vt {
			if t.k >= qs[x].j && t.k < qs[x+1].i {
				between = true
			}
		}
		if !between {
			continue
		}
		if prefix {
			cuts = append(cuts, qs[x+1].i)
		} else {
			cuts = append(cuts, qs[x].j)
		}
	}
	if len(cuts) == 0 {
		return []*group{g}
	}
	var out []*group
	s := g.s
	for x, c := range append(cuts, g.e) {
		ng := &group{s: s, e: c, m: -1, p: -1}
		if g.m >= 0 && r.mentions[g.m].i >= s && r.mentions[g.m].i < c {
			ng.setMention(r, g.m)
		} else if x > 0 && g.m >= 0 {
			ng.p, ng.inh = g.p, true
		}
		out = append(out, ng)
		s = c
	}
	return out
}

// readGroups reads the item phrases: products, variants, quantities,
// edit words and products not sold.
func (r *reader) readGroups() {
	gs := r.buildGroups()
	r.editCues(gs)
	r.each = r.eachQty()
	for x, g := range gs {
		r.inheritProduct(gs, x)
		r.groups = gs[:x]
		r.readVariant(g)
		for k := g.s; k < g.e; k++ {
			q, ok := r.qtyAt(k, g.p)
			if !ok {
				continue
			}
			// "pashmina 2 nya jadi 1": the quantity after "jadi" is the new one.
			after := k > 0 && inList(r.w(k-1), []string{"jadi", "tapi", "tetap", "tetep"})
			if !g.hasQty || q.unit && !g.qty.unit || after {
				g.qty, g.hasQty = q, true
			}
			k = q.j - 1
		}
		if g.hasQty {
			r.claim(g.qty.i, g.qty.j, cQty)
		}
		r.unknownIn(g)
	}
	r.groups = gs
}

// inheritProduct gives a phrase without a product the product of the
// phrase before it when its variant words are that product's ("pashmina
// hitam 1 + dusty pink 1", "rengginang isi 24 3, isi 12 2").
func (r *reader) inheritProduct(gs []*group, x int) {
	g := gs[x]
	if g.p >= 0 || g.m >= 0 || x == 0 {
		return
	}
	prev := gs[x-1]
	if prev.p < 0 || prev.drop {
		return
	}
	vt := r.variantToks(g.s, g.e, prev.p)
	if len(vt) == 0 {
		return
	}
	if f := r.matchVariantToks(prev.p, vt); len(f.fit) > 0 {
		g.p, g.inh = prev.p, true
		if prev.variant != "" {
			g.fit.fit = nil
		}
	}
}

// readVariant matches the phrase's variant words against its product's
// variants, or against the shop's variant names when no product is named.
func (r *reader) readVariant(g *group) {
	g.vt = r.variantToks(g.s, g.e, g.p)
	if g.p < 0 {
		if r.cur >= 0 && g.m < 0 {
			r.readProductVariant(g, r.cur)
			return
		}
		name, used := r.shopVariant(g.vt, g.cands)
		g.variant = name
		for _, t := range g.vt {
			g.vwords = append(g.vwords, t.k)
		}
		if len(used) > 0 {
			for _, k := range used {
				r.claim(k, k+1, cVariant)
			}
		}
		for _, t := range g.vt {
			r.claim(t.k, t.k+1, cVariant)
		}
		return
	}
	r.readProductVariant(g, g.p)
}

func (r *reader) readProductVariant(g *group, p int) {
	vt := r.variantToks(g.s, g.e, p)
	g.vt = vt
	f := r.matchVariantToks(p, vt)
	if g.inh && len(f.fit) > 1 {
		f.fit = r.narrowByPrevious(p, f.fit, g)
	}
	g.fit = f
	for _, k := range f.used {
		r.claim(k, k+1, cVariant)
		g.vwords = append(g.vwords, k)
	}
	if len(f.fit) == 1 {
		g.variant = r.ix.products[p].Variants[f.fit[0]]
	}
	// Variant words this product does not have.
	for _, t := range vt {
		if containsInt(f.used, t.k) || (r.inVocab(t.w, p) || r.fuzzyVocab(t.w, p)) && !hasDigit(t.w) && !sortCue[t.w] ||
			variantCue[t.w] && !sortCue[t.w] {
			continue
		}
		if n := len(g.novar); n > 0 && g.novar[n-1] != t.k-1 {
			break // one run: "5000mah aja yg kecil" lacks "5000mah"
		}
		g.novar = append(g.novar, t.k)
	}
	cueOnly := true
	for _, k := range g.novar {
		if !sortCue[r.w(k)] {
			cueOnly = false
		}
	}
	if cueOnly {
		g.novar = nil
	}
	if len(g.novar) > 0 && len(f.fit) == 0 {
		g.variant = ""
	}
	for _, k := range g.novar {
		r.claim(k, k+1, cVariant)
	}
}

// narrowByPrevious keeps, of the variants that fit a phrase continuing an
// earlier one ("hitam M sama L"), those sharing the earlier variant's
// other parts.
func (r *reader) narrowByPrevious(p int, fit []int, g *group) []int {
	var prev *group
	for _, o := range r.groups {
		if o.e <= g.s && o.p == p && len(o.fit.fit) == 1 {
			prev = o
		}
	}
	if prev == nil {
		return fit
	}
	pv := r.ix.parts[p][prev.fit.fit[0]]
	best, bestShared := []int(nil), -1
	for _, v := range fit {
		shared := 0
		for i, part := range r.ix.parts[p][v] {
			if i < len(pv) && compact(part...) == compact(pv[i]...) {
				shared++
			}
		}
		switch {
		case shared > bestShared:
			best, bestShared = []int{v}, shared
		case shared == bestShared:
			best = append(best, v)
		}
	}
	return best
}

// unknownIn finds a product the shop does not sell in an ordering phrase:
// content words where a product would stand ("mau cadar 2"), or a
// product's name qualified by a word that makes it another product
// ("mukena anak").
func (r *reader) unknownIn(g *group) {
	if g.unk[1] > 0 {
		return
	}
	s, e := -1, -1
	for k := g.s; k < g.e; k++ {
		if w := r.w(k); w == "untuk" || r.owner[k] == cQty && g.m < 0 {
			break // "20 kak buat acara kantor": what follows is a purpose
		}
		if r.isFree(k) && r.contentWord(k) {
			if s < 0 {
				s = k
			}
			e = k + 1
			continue
		}
		if s >= 0 {
			break
		}
	}
	if s < 0 {
		return
	}
	if g.m >= 0 {
		m := r.mentions[g.m]
		// Only right after the name, and only when the product fits loosely
		// or the qualifier is not one of its words.
		if s != m.j {
			return
		}
		g.unk = [2]int{m.i, e}
		return
	}
	if g.p >= 0 {
		return
	}
	for _, k := range g.vwords {
		if k < s {
			return // the words follow a variant: they describe it
		}
	}
	g.unk = [2]int{s, e}
}

// contentWord reports whether token k may be part of a product's name:
// letters, not chat, not a question or order word, not a place.
func (r *reader) contentWord(k int) bool {
	t := &r.toks[k]
	if t.punct || !isLetters(t.w) || len(t.w) < 3 {
		return false
	}
	w := strings.TrimSuffix(t.w, "nya")
	key := wordKey(t.w)
	if chatWords[w] || chatWords[key] || fillerWords.contains(key) || fillerWords.contains(w) || colourWords[w] || qtyCounters[w] ||
		stockStrong.contains(key) || askWords2.contains(key) || ongkirWords.contains(key) || totalWords.contains(key) || etaWords.contains(key) || discountWords.contains(key) ||
		r.ix.vocab[canonVariantWord(w)] ||
		qtyWords1[w] > 0 || variantCue[w] || qtySayBefore[w] || r.isPlace(k) {
		return false
	}
	if _, ok := sizeWords[w]; ok {
		return false
	}
	return true
}

// isPlace reports whether token k is (part of) a configured shipping area.
func (r *reader) isPlace(k int) bool {
	w := r.toks[k].w
	for _, fs := range r.areaFields() {
		for _, aw := range fs {
			if aw == w {
				return true
			}
		}
	}
	return placeNames[w] && k > 0 && inList(r.w(k-1), []string{"ke", "di", "dari"})
}
