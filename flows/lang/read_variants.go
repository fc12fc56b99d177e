package lang

import (
	"strconv"
	"strings"
)

// Variants are found among the free words of an item phrase, part by part
// ("Hitam / L": colour, size), as in MatchVariant, but keeping which
// tokens named them so that they are not read again as a quantity.

// vtok is one token offered to the variant matcher, in canonical form.
type vtok struct {
	k int
	w string
}

// variantToks returns the phrase's tokens that may describe a variant of p
// (-1: of any product of the shop): the shop's variant words, colours,
// sizes and numbers attached to a unit.
func (r *reader) variantToks(s, e, p int) []vtok {
	var out []vtok
	cue := false // after "warna", "ukuran": what follows describes the variant
	for k := s; k < e; k++ {
		if !r.isFree(k) {
			cue = false
			continue
		}
		w := canonVariantWord(strings.TrimSuffix(r.toks[k].w, "nya"))
		if w == "" {
			w = r.toks[k].w
		}
		switch {
		case w == "sekilo":
			w = "1kg"
		case w == "setengah" && (r.w(k+1) == "kilo" || r.w(k+1) == "kg"):
			w = "500" // "setengah kilo" is 500 gr
		case canonVariantWord(w) == "kg" && k > 0 && r.w(k-1) == "setengah":
			w = "gr"
		}
		if priceToken(w) && measureUnits[r.w(k+1)] {
			if n, err := ParsePrice(w); err == nil {
				w = strconv.FormatInt(n, 10) // "20rb mah" is 20000 mAh
			}
		}
		switch {
		case sortCue[w]:
			if n := r.w(k + 1); r.isFree(k+1) && !stopAfterCue[n] && !chatWords[n] {
				out = append(out, vtok{k, w})
				cue = true
			}
			continue
		case w == "1kg" || w == "500" && r.w(k) == "setengah":
			out = append(out, vtok{k, w})
		case w == "gr" && r.w(k-1) == "setengah":
			out = append(out, vtok{k, w})
		case r.variantish(k, w, p):
			out = append(out, vtok{k, w})
			if cue {
				continue
			}
		case cue && isLetters(w) && !chatWords[w] && !fillerWords.contains(wordKey(w)) && !stopAfterCue[w]:
			out = append(out, vtok{k, w})
			continue
		case (measureUnits[w] || measureUnits[r.w(k)]) && len(out) > 0 && out[len(out)-1].k == k-1 && isDigits(out[len(out)-1].w):
			// "250 gram": the unit belongs to the number.
			out = append(out, vtok{k, canonVariantWord(w)})
		}
		cue = false
	}
	return out
}

// sortCue words announce what kind of variant follows: "warna hijau botol".
var sortCue = setOf("warna ukuran size uk motif model tipe type varian rasa")

// stopAfterCue end the words after a sortCue.
var stopAfterCue = setOf("ada ready stok yang berapa tidak apa aja saja dong ya kak")

// variantish reports whether token k (canonical word w) may describe a
// variant of p.
func (r *reader) variantish(k int, w string, p int) bool {
	if hasDigit(w) {
		return r.numberAttached(k, p)
	}
	if chatWords[w] || chatWords[r.toks[k].w] || fillerWords.contains(r.keys[k]) && !colourWords[w] {
		return false
	}
	if colourWords[w] {
		return true
	}
	if _, ok := sizeWords[w]; ok {
		return len(w) > 1 || r.toks[k].raw != strings.ToLower(r.toks[k].raw) || r.inVocab(w, p)
	}
	if variantCue[w] && r.isFree(k+1) {
		return true
	}
	return r.inVocab(w, p) || r.fuzzyVocab(w, p)
}

// inVocab reports whether w is a word of p's variants (any product's when p < 0).
func (r *reader) inVocab(w string, p int) bool {
	return r.anyProduct(p, func(q int) bool { return r.ix.vwords[q][w] })
}

// anyProduct runs check on product p, or, when p < 0 (no product known),
// on every product until one passes.
func (r *reader) anyProduct(p int, check func(q int) bool) bool {
	if p >= 0 {
		return check(p)
	}
	for q := range r.ix.products {
		if check(q) {
			return true
		}
	}
	return false
}

// fuzzyVocab accepts a typo of a variant word of p ("hitm", "dusti").
func (r *reader) fuzzyVocab(w string, p int) bool {
	if len(w) < 4 || hasDigit(w) || chatWords[w] {
		return false
	}
	check := func(q int) bool {
		for v := range r.ix.vwords[q] {
			if !hasDigit(v) && typo(v, w) {
				return true
			}
		}
		return false
	}
	return r.anyProduct(p, check)
}

// variantFit is the outcome of matching a phrase against p's variants.
type variantFit struct {
	fit  []int // variants that fit everything said; one = determined
	used []int // tokens that named them
	hits int   // parts of a variant the words named (0: nothing fits)
}

// matchVariantToks matches variant words against product p's variants.
func (r *reader) matchVariantToks(p int, vt []vtok) variantFit {
	parts := r.ix.parts[p]
	if len(parts) == 0 || len(vt) == 0 {
		return variantFit{}
	}
	type partHit struct {
		level int
		used  []int
	}
	hitsOf := make([][]partHit, len(parts))
	var best []int
	for v := range parts {
		for i, part := range parts[v] {
			h := r.partHit(part, vt, r.distinctive(p, i))
			hitsOf[v] = append(hitsOf[v], partHit{h.level, h.used})
			for len(best) <= i {
				best = append(best, 0)
			}
			best[i] = max(best[i], h.level)
		}
	}
	var res variantFit
	usedSet := map[int]bool{}
	for v := range parts {
		hits, ok := 0, true
		for i, b := range best {
			if b == 0 {
				continue
			}
			if i < len(hitsOf[v]) && hitsOf[v][i].level == b {
				hits++
			} else {
				ok = false
			}
		}
		if hits == 0 || !ok {
			continue
		}
		res.fit = append(res.fit, v)
		res.hits = max(res.hits, hits)
		for i := range hitsOf[v] {
			for _, k := range hitsOf[v][i].used {
				usedSet[k] = true
			}
		}
	}
	for _, t := range vt {
		// "500 gram": the unit goes with its number.
		if usedSet[t.k-1] && measureUnits[t.w] && isDigits(r.w(t.k-1)) {
			usedSet[t.k] = true
		}
		if usedSet[t.k] {
			res.used = append(res.used, t.k)
		}
	}
	return res
}

// distinctive returns, for part index i of p's variants, the words that do
// not appear in that part of every variant ("toples" in "Toples 250gr" and
// "Toples 500gr" tells nothing).
func (r *reader) distinctive(p, i int) map[string]bool {
	count := map[string]int{}
	n := 0
	for _, v := range r.ix.parts[p] {
		if i >= len(v) {
			continue
		}
		n++
		seen := map[string]bool{}
		for _, w := range v[i] {
			if !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	out := map[string]bool{}
	for w, c := range count {
		if c < n || n == 1 {
			out[w] = true
		}
	}
	return out
}

type partMatch struct {
	level int
	used  []int
}

// partHit rates how the words name one part of a variant: 3 written out
// whole (together or apart: "dusty pink", "100 gr", "lv 3"), 2 every word
// there, 1 a distinctive word there, 0 not at all.
func (r *reader) partHit(part []string, vt []vtok, dist map[string]bool) partMatch {
	whole := compact(part...)
	if whole == "" {
		return partMatch{}
	}
	// Written out, in consecutive tokens.
	for a := range vt {
		c := ""
		for b := a; b < len(vt) && b < a+4; b++ {
			if b > a && vt[b].k != vt[b-1].k+1 {
				break
			}
			c += compact(vt[b].w)
			if c == whole {
				var used []int
				for x := a; x <= b; x++ {
					used = append(used, vt[x].k)
				}
				return partMatch{3, used}
			}
			if !strings.HasPrefix(whole, c) {
				break
			}
		}
	}
	var used []int
	all, some := true, false
	for wi, w := range part {
		_, size := sizeWords[w]
		found := -1
		for _, t := range vt {
			if containsInt(used, t.k) {
				continue
			}
			if hasDigit(w) || hasDigit(t.w) {
				if t.w == w && (w[0] == '0' || !isDigits(w) || len(w) >= 2 || r.nextToPart(t.k, part, wi, vt)) {
					found = t.k
					break
				}
				// "no 1" for "01".
				if isDigits(w) && isDigits(t.w) && w[0] == '0' && strings.TrimLeft(w, "0") == strings.TrimLeft(t.w, "0") &&
					t.k > 0 && (r.w(t.k-1) == "nomor" || r.w(t.k-1) == "no") {
					found = t.k
					break
				}
				// "250" for "250gr", "3.5" for "3.5mm".
				if isPriceNumber(t.w) && len(t.w) >= 2 && strings.HasPrefix(w, t.w) && measureUnits[w[len(t.w):]] {
					found = t.k
					break
				}
				continue
			}
			if sim, _ := wordSim(w, t.w, !size); sim > 0 {
				found = t.k
				break
			}
		}
		if found < 0 {
			all = false
			continue
		}
		used = append(used, found)
		if dist[w] && !genericVariantWords[w] {
			some = true
		}
	}
	// A number said next to a word of the part that is not the part's
	// number contradicts it: "samsung a54" is not "Samsung A15".
	for _, k := range used {
		for _, t := range vt {
			if (t.k == k+1 || t.k == k-1) && hasDigit(t.w) && !containsInt(used, t.k) && !containsDigitWord(part, t.w) {
				return partMatch{}
			}
			// "iphone 12" is not "Redmi Note 12".
			if t.k == k-1 && isDigits(r.w(k)) && !hasDigit(t.w) && !containsInt(used, t.k) && !inList(t.w, part) &&
				!variantCue[t.w] && !sortCue[t.w] && !genericVariantWords[t.w] && hasLetterWord(part) {
				return partMatch{}
			}
		}
	}
	switch {
	case all:
		return partMatch{2, used}
	case some:
		return partMatch{1, used}
	}
	return partMatch{}
}

func hasLetterWord(part []string) bool {
	for _, w := range part {
		if !hasDigit(w) {
			return true
		}
	}
	return false
}

func containsDigitWord(part []string, w string) bool {
	for _, p := range part {
		if p == w {
			return true
		}
	}
	// The part has no number at all: the number is another part's.
	for _, p := range part {
		if hasDigit(p) {
			return false
		}
	}
	return true
}

// nextToPart reports whether the digit token k stands next to a token that
// names another word of the same part ("isi 12", "iphone 13").
func (r *reader) nextToPart(k int, part []string, wi int, vt []vtok) bool {
	for _, t := range vt {
		if t.k != k-1 && t.k != k+1 {
			continue
		}
		for i, w := range part {
			if i != wi && t.w == w {
				return true
			}
		}
	}
	return false
}

// shopVariant names the variant meant by words said about no product: a
// variant name of the shop written out whole ("yg hitam" -> Hitam, "hitam L"
// -> Hitam / L, the longest such), else the only name holding all the words
// ("yg red" -> 05 Red); "" when neither.
func (r *reader) shopVariant(vt []vtok, among []int) (string, []int) {
	if len(vt) == 0 {
		return "", nil
	}
	type named struct {
		name  string
		words []string
	}
	seen := map[string]bool{}
	var names []named
	for p := range r.ix.products {
		if len(among) > 0 && !containsInt(among, p) {
			continue
		}
		for v, name := range r.ix.products[p].Variants {
			if name == "" || seen[strings.ToLower(name)] {
				continue
			}
			seen[strings.ToLower(name)] = true
			var ws []string
			for _, part := range r.ix.parts[p][v] {
				ws = append(ws, part...)
			}
			names = append(names, named{name, ws})
		}
	}
	// Written out whole: the longest run of consecutive words.
	bestLen, best, bestUsed := 0, "", []int(nil)
	ambiguous := false
	for a := range vt {
		c := ""
		for b := a; b < len(vt) && b < a+5; b++ {
			if b > a && vt[b].k != vt[b-1].k+1 {
				break
			}
			c += compact(vt[b].w)
			for _, n := range names {
				if compact(n.words...) != c {
					continue
				}
				l := b - a + 1
				switch {
				case l > bestLen:
					bestLen, best, ambiguous = l, n.name, false
					bestUsed = nil
					for x := a; x <= b; x++ {
						bestUsed = append(bestUsed, vt[x].k)
					}
				case l == bestLen && !strings.EqualFold(n.name, best):
					ambiguous = true
				}
			}
		}
	}
	wholeName, wholeUsed := "", []int(nil)
	if best != "" && !ambiguous {
		wholeName, wholeUsed = best, bestUsed
	}
	// The only name holding every word said; a name written out whole wins
	// unless it leaves words out ("hitam kak ukuran M" is Hitam / M).
	var hit string
	count := 0
	for _, n := range names {
		ok := true
		for _, t := range vt {
			found := false
			for _, w := range n.words {
				if w == t.w || (!hasDigit(w) && typo(w, t.w)) ||
					isDigits(t.w) && len(t.w) >= 3 && measureUnits[strings.TrimPrefix(w, t.w)] {
					found = true
					break
				}
			}
			if !found && !genericVariantWords[t.w] {
				ok = false
				break
			}
		}
		if ok {
			hit = n.name
			count++
		}
	}
	said := 0
	for _, t := range vt {
		if !genericVariantWords[t.w] && !sortCue[t.w] {
			said++
		}
	}
	if count == 1 && (wholeName == "" || len(wholeUsed) < said) {
		var used []int
		for _, t := range vt {
			used = append(used, t.k)
		}
		return hit, used
	}
	return wholeName, wholeUsed
}
