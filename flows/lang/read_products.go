package lang

import (
	"sort"
	"strings"
)

// mention is a product named in the message: tokens [i, j) of its name.
type mention struct {
	i, j  int
	p     int   // the product, -1 when the words fit several
	cands []int // the products they fit, best first, when p is -1
	nya   bool  // written with "-nya" ("pashminanya"): the line already discussed
	score float64
	// unknown: the words look like a product's but name none the shop
	// sells ("kabel micro usb", "sambal roa").
	unknown bool
}

// nameHit is one way a run of tokens names one product.
type nameHit struct {
	p, i, j int
	score   float64
	exact   bool
}

// findProducts finds every product named in the free tokens, by the
// catalogue's names, aliases and SKUs, written apart or together, with
// typos. Where runs for several products overlap, the best (highest score,
// then longest) is kept; products that fit the same words about as well
// become candidates.
func (r *reader) findProducts() {
	if r.ix.Len() == 0 {
		return
	}
	r.ix.search()
	var hits []nameHit
	ht := r.hitToks()
	longest := 0
	for _, names := range r.ix.nameSet {
		for _, ni := range names {
			longest = max(longest, len(ni.words))
		}
	}
	used := make([]bool, longest)
	for p := range r.ix.products {
		hits = append(hits, r.productHits(p, ht, used)...)
	}
	// A name read in part inside a longer reading of the same product takes
	// the longer one's span: "makaroni pedes" over "makaroni".
	for x := range hits {
		for _, o := range hits {
			if o.p == hits[x].p && o.i <= hits[x].i && o.j >= hits[x].j && o.j-o.i > hits[x].j-hits[x].i && o.score >= 0.6 {
				hits[x].i, hits[x].j = o.i, o.j
			}
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].score != hits[b].score {
			return hits[a].score > hits[b].score
		}
		return hits[a].j-hits[a].i > hits[b].j-hits[b].i
	})
	taken := make([]bool, len(r.toks))
	for _, h := range hits {
		if overlaps(taken, h.i, h.j) {
			continue
		}
		// Products fitting the same words nearly as well.
		m := mention{i: h.i, j: h.j, p: h.p, score: h.score}
		var rivals []nameHit
		for _, o := range hits {
			if o.p != h.p && o.i < h.j && h.i < o.j && !overlaps(taken, o.i, o.j) && o.j-o.i >= h.j-h.i {
				rivals = append(rivals, o)
			}
		}
		best := h.score + r.variantBonus(h.p, h.i, h.j)
		var close []nameHit
		for _, o := range rivals {
			s := o.score + r.variantBonus(o.p, o.i, o.j)
			// The same words read the same way as part of another name: the
			// rest of the names must not decide ("keripik" of "keripik pedas"
			// and of "keripik singkong").
			same := o.i == h.i && o.j == h.j && h.score < 1 && o.score < 1 && o.exact == h.exact &&
				r.variantBonus(o.p, o.i, o.j) == r.variantBonus(h.p, h.i, h.j)
			if (best-s < matchMargin || same) && !containsHit(close, o.p) {
				close = append(close, o)
			}
		}
		confident := best >= matchConfident && len(close) == 0
		if !confident && len(close) == 0 && h.exact && best >= matchSoleExact {
			confident = true
		}
		if !confident {
			m.p = -1
			m.cands = []int{h.p}
			for _, o := range close {
				m.cands = append(m.cands, o.p)
				m.i, m.j = min(m.i, o.i), max(m.j, o.j)
			}
			if len(m.cands) > matchMaxCands {
				m.cands = m.cands[:matchMaxCands]
			}
		}
		for k := m.i; k < m.j; k++ {
			taken[k] = true
		}
		last := r.toks[m.j-1].w
		m.nya = last == "nya" || strings.HasSuffix(last, "nya") && len(last) > 4 || r.w(m.j) == "nya"
		r.mentions = append(r.mentions, m)
	}
	sort.Slice(r.mentions, func(a, b int) bool { return r.mentions[a].i < r.mentions[b].i })
	r.dropVariantMentions()
	r.mergeMentions()
	r.abbreviations()
	r.unknownRuns()
	for _, m := range r.mentions {
		r.claim(m.i, m.j, cProduct)
		if r.w(m.j) == "nya" {
			r.claim(m.j, m.j+1, cProduct)
		}
	}
}

// mergeMentions joins mentions next to each other that name the same
// product ("pasmina ceruti", "tunik kirana", "mukena bali").
func (r *reader) mergeMentions() {
	var out []mention
	for _, m := range r.mentions {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			if m.i == prev.j || m.i == prev.j+1 && (r.w(prev.j) == "nya" || r.w(prev.j) == "yang") {
				if p, ok := sameProduct(*prev, m); ok {
					prev.j, prev.p, prev.cands, prev.nya = m.j, p, nil, m.nya
					if p < 0 {
						prev.cands = m.cands
					}
					continue
				}
			}
		}
		out = append(out, m)
	}
	r.mentions = out
}

// unknownRuns finds weak mentions (ambiguous, or part of a name) joined to
// words no product explains or to weak mentions of other products: they
// name a product the shop does not sell ("kabel micro usb", "sambal roa",
// "kue lidah kucing").
func (r *reader) unknownRuns() {
	weak := func(m mention) bool { return m.p < 0 || m.score < 1 }
	var out []mention
	for x := 0; x < len(r.mentions); x++ {
		m := r.mentions[x]
		if !weak(m) {
			out = append(out, m)
			continue
		}
		j, y, grew := m.j, x, false
		for {
			if j < len(r.toks) && r.isFree(j) && r.contentWord(j) && !r.ix.vocab[canonVariantWord(r.w(j))] && !r.typoOfVariant(m, j) &&
				(y+1 >= len(r.mentions) || r.mentions[y+1].i > j) {
				j, grew = j+1, true
				continue
			}
			if y+1 < len(r.mentions) && r.mentions[y+1].i == j && weak(r.mentions[y+1]) {
				if _, same := sameProduct(m, r.mentions[y+1]); !same || grew {
					j, y, grew = r.mentions[y+1].j, y+1, true
					continue
				}
			}
			break
		}
		if !grew {
			out = append(out, m)
			continue
		}
		out = append(out, mention{i: m.i, j: j, p: -1, unknown: true})
		x = y
	}
	r.mentions = out
}

// sameProduct reports whether two mentions may name one product, and which.
func sameProduct(a, b mention) (int, bool) {
	switch {
	case a.p >= 0 && b.p >= 0:
		return a.p, a.p == b.p
	case a.p >= 0:
		return a.p, containsInt(b.cands, a.p)
	case b.p >= 0:
		return b.p, containsInt(a.cands, b.p)
	}
	var common []int
	for _, c := range a.cands {
		if containsInt(b.cands, c) {
			common = append(common, c)
		}
	}
	if len(common) == 1 {
		return common[0], true
	}
	return -1, false
}

func containsHit(hs []nameHit, p int) bool {
	for _, h := range hs {
		if h.p == p {
			return true
		}
	}
	return false
}

func overlaps(taken []bool, i, j int) bool {
	for k := i; k < j; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}

// hitToks is what productHits needs of every token, worked out once per
// message rather than once per product.
type hitToks struct {
	runs   [][]string // runs[i]: tokens i, i..i+1, … (at most 4, free ones) compacted and joined, "-nya" dropped
	stop   []bool     // a counting word or digits: no typo of a name word
	filler []bool     // an everyday word that starts no name
	typos  []bool     // may be read as a typo (no variant word)
	vocab  []bool     // a variant word of the shop
	// exact[p]: the runs that are product p's SKU or a name written
	// together, in text order, each as often as p has that target.
	exact map[int][]nameHit
}

func (r *reader) hitToks() *hitToks {
	n := len(r.toks)
	flags := make([]bool, 4*n) // one allocation for the four flags
	h := &hitToks{runs: make([][]string, n), stop: flags[:n:n], filler: flags[n : 2*n : 2*n], typos: flags[2*n : 3*n : 3*n], vocab: flags[3*n:]}
	comp := make([]string, n)
	runs := make([]string, 0, 4*n) // every token's runs, at most four each
	for k := range r.toks {
		if !r.isFree(k) {
			continue
		}
		t := r.toks[k].w
		comp[k] = compact(strings.TrimSuffix(t, "nya"))
		h.stop[k] = qtyWords1[t] > 0 || isDigits(t)
		h.filler[k] = fillerWords.contains(r.key(k))
		h.typos[k] = !isVariantWord(t)
		h.vocab[k] = r.ix.vocab[canonVariantWord(t)]
	}
	for i := range r.toks {
		c := ""
		start := len(runs)
		for j := i; j < len(r.toks) && j < i+4 && r.isFree(j); j++ {
			c += comp[j]
			runs = append(runs, c)
		}
		if len(runs) > start {
			h.runs[i] = runs[start:len(runs):len(runs)]
		}
	}
	for i, cs := range h.runs {
		for m, c := range cs {
			if m == 0 && len(c) < 4 {
				continue
			}
			for _, u := range r.ix.targetOf[c] {
				if h.exact == nil {
					h.exact = map[int][]nameHit{}
				}
				for range u.n {
					h.exact[u.p] = append(h.exact[u.p], nameHit{p: u.p, i: i, j: i + m + 1, score: 1, exact: true})
				}
			}
		}
	}
	return h
}

// productHits returns the runs of free tokens that name product p.
func (r *reader) productHits(p int, ht *hitToks, used []bool) []nameHit {
	var out []nameHit
	// The SKU and whole names written together or apart ("segiempat", "gms 01").
	out = append(out, ht.exact[p]...)
	// Names word by word: a run of tokens each naming a different word of
	// one name, scored by the weighted share of the name it covers.
	for _, ni := range r.ix.nameSet[p] {
		name := ni.words
		if ni.total == 0 {
			continue
		}
		used := used[:len(name)]
		for i := range r.toks {
			if !r.isFree(i) || !ni.mayStart(r.toks[i].w) {
				continue // no word of the name fits the first: no run starts here
			}
			clear(used)
			got, exact, content := 0.0, true, false
			j := i
			for ; j < len(r.toks) && r.isFree(j) && j-i < len(name); j++ {
				if ht.stop[j] {
					break // "dua" is no typo of "dual"
				}
				if ht.filler[j] && j == i {
					break // "paket", "lebaran": everyday words start no name
				}
				t := r.toks[j].w
				bestK, bestSim, bestExact := -1, 0.0, false
				for k, w := range name {
					if used[k] {
						continue
					}
					sim, ex := wordSim(w, t, ht.typos[j])
					if sim > bestSim || (sim == bestSim && ex && !bestExact) {
						bestK, bestSim, bestExact = k, sim, ex
					}
				}
				if bestK < 0 {
					break
				}
				used[bestK] = true
				got += ni.idf[bestK] * bestSim
				exact = exact && bestExact
				content = content || (ni.content[bestK] && !ht.vocab[j])
			}
			if j > i && content {
				out = append(out, nameHit{p: p, i: i, j: j, score: got / ni.total, exact: exact})
			}
		}
	}
	var keep []nameHit
	for _, h := range out {
		if h.score >= matchCandidate {
			keep = append(keep, h)
		}
	}
	return keep
}

// variantBonus adds a little for free words near the name that are this
// product's variant words, so "gamis hitam" leans to the gamis sold in
// black.
func (r *reader) variantBonus(p, i, j int) float64 {
	n := 0
	for k := j; k < len(r.toks) && k < j+4; k++ {
		if r.toks[k].punct {
			break
		}
		if r.isFree(k) && !chatWords[r.toks[k].w] && r.ix.variants[p][canonVariantWord(r.toks[k].w)] {
			n++
		}
	}
	return 0.1 * float64(min(n, 2))
}

// dropVariantMentions drops a weak mention right after a product named
// surely when its words are that product's variant words: "pedes" in
// "makaroni pedes besar" is the makaroni's "Pedas", not another product
// whose alias holds "pedas".
func (r *reader) dropVariantMentions() {
	var out []mention
	for _, m := range r.mentions {
		if n := len(out); n > 0 && out[n-1].p >= 0 && out[n-1].score >= 1 && (m.p < 0 || m.score < 1) && m.i-out[n-1].j <= 2 {
			prev, all := out[n-1].p, true
			for k := out[n-1].j; k < m.j && all; k++ {
				w := canonVariantWord(r.w(k))
				all = !r.toks[k].punct && (r.ix.vwords[prev][w] || r.fuzzyVocab(r.w(k), prev))
			}
			if all {
				continue
			}
		}
		out = append(out, m)
	}
	r.mentions = out
}

// abbreviations extends a product's mention over the next word when it
// shortens a word of the product's own name or aliases not yet said: "ori"
// of "Basreng Original", "kering" written "ker".
func (r *reader) abbreviations() {
	for x := range r.mentions {
		m := &r.mentions[x]
		if m.p < 0 || m.nya || m.j >= len(r.toks) || !r.isFree(m.j) || x+1 < len(r.mentions) && r.mentions[x+1].i == m.j {
			continue
		}
		w := r.w(m.j)
		if len(w) < 3 || !isLetters(w) || chatWords[w] || actFillers.contains(r.key(m.j)) {
			continue
		}
		said := map[string]bool{}
		for k := m.i; k < m.j; k++ {
			said[r.w(k)] = true
		}
		for _, name := range r.ix.names[m.p] {
			for _, nw := range name {
				if !said[nw] && len(nw) > len(w) && strings.HasPrefix(nw, w) {
					m.j++
					goto next
				}
			}
		}
	next:
	}
}

// typoOfVariant reports whether token k misspells a variant word of the
// product m names (of one of its candidates): "maron" after "khimer".
func (r *reader) typoOfVariant(m mention, k int) bool {
	if m.p >= 0 {
		return r.fuzzyVocab(r.w(k), m.p)
	}
	for _, c := range m.cands {
		if r.fuzzyVocab(r.w(k), c) {
			return true
		}
	}
	return false
}
