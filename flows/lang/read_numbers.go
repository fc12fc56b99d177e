package lang

import "strings"

// Numbers attach to their neighbours: a number next to a unit or variant
// word ("500 gr", "level 3", "isi 12", "20W") describes a variant; what is
// left, with its counting word ("2 pcs", "x2", "selusin"), is a quantity.

// variantCue words announce a variant value: "level 3", "isi 12", "size 40".
var variantCue = setOf("level lvl lv lev isi size ukuran uk no nomor spf type tipe seri model shade varian")

// qtyCounters are counting words that follow a quantity.
var qtyCounters = func() map[string]bool {
	m := map[string]bool{}
	for w := range qtyUnits {
		m[w] = true
	}
	for _, w := range strings.Fields("bungkus bks pack pak sachet renceng toples botol pcs lusin kodi biji buah") {
		m[w] = true
	}
	return m
}()

// qtyPhrase is a quantity read at some tokens.
type qtyPhrase struct {
	i, j int // tokens, the counting word included
	val  int
	unit bool // a counting word was said
}

// numberAttached reports whether the number at token k names a variant
// value rather than a quantity, for product p (-1: any product of the
// shop): glued to a measure ("500gr", "lv5", "20w"), next to a measure
// word ("500 gr", "10000 mah") or after a variant word ("level 3").
func (r *reader) numberAttached(k, p int) bool {
	w := r.toks[k].w
	if !hasDigit(w) {
		return false
	}
	if isExponentWord(w) || isHexWord(w) {
		return false // "1e9", "0x10": a quantity badly written
	}
	if hasLetter(w) {
		if _, err := ParseQuantity(w, 1<<20); err == nil {
			return false // "2pcs", "x2"
		}
		return true
	}
	if variantCue[r.w(k-1)] && r.isFreeOr(k-1, cVariant) {
		return true
	}
	if len(w) >= 2 && w[0] == '0' && r.zeroLed(p) {
		return true // "04": a shade or a model, never a quantity
	}
	if k > 0 && !r.toks[k-1].punct && r.pairInVariants(canonVariantWord(r.w(k-1)), w, p) {
		return true // "note 12", "iphone 15", "spf 30"
	}
	if k+1 < len(r.toks) && !r.toks[k+1].punct && r.pairInVariants(w, canonVariantWord(r.w(k+1)), p) {
		return true // "10 ivory", "5 toples" of "Isi 5 Toples"
	}
	if qtyCounters[r.w(k+1)] {
		return false // "10 pcs"
	}
	next := r.w(k + 1)
	switch {
	case next == "m" || next == "l":
		return r.unitInVariants(next, p)
	case measureUnits[next]:
		return true
	}
	// Sizes: the product has variant parts that are bare numbers of as many
	// digits ("39", "40"): "sneakers putih 43" asks for a size.
	if p >= 0 && len(w) >= 2 && r.numberSized(w, p) {
		return true
	}
	// A number that is a word of the product's variants with another
	// number after it: "cushion 20 1" is one of shade 20.
	if p >= 0 && r.ix.vwords[p][w] && len(w) >= 2 {
		if n := r.w(k + 1); hasDigit(n) || qtyWords1[n] > 0 {
			return true
		}
	}
	// A bare number that is a variant word of the product ("01" shades) or
	// the number of one ("250" for "250gr").
	return r.numberIsVariant(w, p)
}

// numberSized reports whether p has a variant part that is only a number
// of as many digits as w.
func (r *reader) numberSized(w string, p int) bool {
	for _, v := range r.ix.parts[p] {
		for _, part := range v {
			if len(part) == 1 && isDigits(part[0]) && len(part[0]) == len(w) {
				return true
			}
		}
	}
	return false
}

// pairInVariants reports whether a variant name of p (of any product when
// p < 0) holds the words a and b one after the other.
func (r *reader) pairInVariants(a, b string, p int) bool {
	check := func(q int) bool {
		for _, v := range r.ix.parts[q] {
			for _, part := range v {
				for i := 0; i+1 < len(part); i++ {
					if part[i] == a && (part[i+1] == b || len(b) >= 2 && isDigits(b) && isDigits(part[i+1]) && !variantCue[a]) {
						return true // "iphone 11" is a model even when the shop has none
					}
					if isDigits(a) && part[i] == a && part[i+1] == b {
						return true
					}
				}
			}
		}
		return false
	}
	return r.anyProduct(p, check)
}

// isFreeOr reports whether token k is free or claimed as c.
func (r *reader) isFreeOr(k int, c claim) bool {
	return k >= 0 && k < len(r.toks) && !r.toks[k].punct && (r.owner[k] == free || r.owner[k] == c)
}

// unitInVariants reports whether variant words of p (or of any product)
// measure in unit: "2m" for cables.
func (r *reader) unitInVariants(unit string, p int) bool {
	check := func(q int) bool {
		for w := range r.ix.vwords[q] {
			if i := strings.IndexFunc(w, func(c rune) bool { return c < '0' || c > '9' }); i > 0 && w[i:] == unit {
				return true
			}
		}
		return false
	}
	return r.anyProduct(p, check)
}

// numberIsVariant reports whether the bare number w is a variant word of
// p ("01") or the number of one ("250" of "250gr"); only numbers of ten or
// more, or with a leading zero, since small ones are quantities.
func (r *reader) numberIsVariant(w string, p int) bool {
	if len(w) < 2 || p < 0 && len(w) < 3 {
		return false
	}
	check := func(q int) bool {
		for vw := range r.ix.vwords[q] {
			if vw == w && w[0] == '0' {
				return true
			}
			if rest := strings.TrimPrefix(vw, w); rest != vw && measureUnits[rest] {
				return true
			}
		}
		return false
	}
	return r.anyProduct(p, check)
}

// qtyAt reads a quantity phrase starting at token k among the free tokens,
// or reports false. Numbers that belong to something else are passed over.
func (r *reader) qtyAt(k, p int) (qtyPhrase, bool) {
	if !r.isFree(k) {
		return qtyPhrase{}, false
	}
	w := r.toks[k].w
	switch {
	case w == "setengah" && r.isFree(k+1) && (r.w(k+1) == "lusin" || r.w(k+1) == "kodi"):
		return qtyPhrase{k, k + 2, int(qtyUnits[r.w(k+1)] / 2), true}, true
	case w == "dua2nya" || w == "duanya" || w == "dua-duanya" || w == "keduanya":
		return qtyPhrase{k, k + 1, 2, false}, true
	case w == "x" && r.isFree(k+1) && isDigits(r.w(k+1)):
		if v, err := ParseQuantity(r.w(k+1), qtyHuge); err == nil {
			return qtyPhrase{k, k + 2, v, true}, true
		}
		return qtyPhrase{}, false
	}
	// A number-shaped word that is no valid quantity ("-3", "1.5", "0x10",
	// "1e9", "1_000", "0") stays a quantity, out of range, so that it is
	// answered rather than dropped or read as another number.
	if bad, ok := r.badQty(k, p); ok {
		return bad, true
	}
	if hasDigit(w) && r.numberAttached(k, p) {
		return qtyPhrase{}, false
	}
	if k > 0 && qtyBlockBefore[r.w(k-1)] && !r.toks[k-1].punct {
		return qtyPhrase{}, false
	}
	// The longest phrase of number words, with a counting word after it.
	for n := min(4, len(r.toks)-k); n >= 1; n-- {
		ws := make([]string, 0, n)
		ok := true
		for j := k; j < k+n; j++ {
			if !r.isFree(j) {
				ok = false
				break
			}
			ws = append(ws, r.toks[j].w)
		}
		if !ok {
			continue
		}
		q, found := parseQtyPhrase(ws)
		if !found || q.err != nil || q.val == 0 || q.val > qtyHuge-1 {
			continue
		}
		// Words that read as a number only by accident.
		if n == 1 && !hasDigit(w) && qtyWords1[w] == 0 && !strings.HasPrefix(w, "se") {
			continue
		}
		end := k + n
		unit := q.unit
		if !unit && r.isFree(end) && qtyCounters[r.w(end)] {
			if m, ok := qtyUnits[r.w(end)]; ok && m > 1 {
				q.val *= m
			}
			end++
			unit = true
		}
		if !unit && r.isFree(end) && measureUnits[r.w(end)] && r.w(end) != "m" && r.w(end) != "l" {
			return qtyPhrase{}, false // "1 kg", "3 hari"
		}
		if !unit && !r.toks[min(end, len(r.toks)-1)].punct && kindCounts[r.w(end)] && (end+1 >= len(r.toks) || r.w(end+1) != "nya") {
			return qtyPhrase{}, false // "2 warna mocca sama hitam": how many kinds, not pieces
		}
		return qtyPhrase{k, end, int(min(q.val, qtyHuge)), unit}, true
	}
	return qtyPhrase{}, false
}

// qtyWords1 are the single number words read as quantities.
var qtyWords1 = map[string]int{"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
	"tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "selusin": 12, "sekodi": 20}

// qtyBlockBefore are words after which a number is not a quantity.
var qtyBlockBefore = setOf(`no nomor nmr nomer rt rw blok blk jl jln jalan gg gang km kav kode pos kodepos
	lt lantai resi id level lvl lv lev size ukuran uk isi spf type tipe seri jam pukul tgl tanggal rp idr ke`)

// zeroLed reports whether a variant word of p (of any product when p < 0)
// is a number with a leading zero ("01 Ivory"): then "04" names one, where
// elsewhere "010" is only a quantity written oddly.
func (r *reader) zeroLed(p int) bool {
	check := func(q int) bool {
		for vw := range r.ix.vwords[q] {
			if len(vw) >= 2 && vw[0] == '0' && isDigitByte(vw[1]) {
				return true
			}
		}
		return false
	}
	return r.anyProduct(p, check)
}

// badQty reads the free word at k as a quantity that is number-shaped but
// not valid: a sign, a fraction, hex, an exponent, an underscore, zero or a
// number too large for any order. Val is -1 for the malformed ones, 0 for
// zero and qtyHuge for the huge ones, all out of any range.
func (r *reader) badQty(k, p int) (qtyPhrase, bool) {
	w := r.toks[k].w
	if !hasDigit(w) || r.toks[k].punct {
		return qtyPhrase{}, false
	}
	if w[0] != '-' && hasLetter(w) && !isExponentWord(w) && !isHexWord(w) {
		return qtyPhrase{}, false // "2pcs", "500gr", "20w"
	}
	q, ok := parseQtyToken(w)
	if !ok {
		return qtyPhrase{}, false
	}
	next := r.w(k + 1)
	if !r.toks[min(k+1, len(r.toks)-1)].punct && (measureUnits[next] && next != "m" && next != "l" || qtySkipAfter[next]) {
		return qtyPhrase{}, false // "1.5 kg", "0 km", "2.5 jt"
	}
	if k > 0 && !r.toks[k-1].punct && (qtyBlockBefore[r.w(k-1)] || variantCue[r.w(k-1)]) {
		return qtyPhrase{}, false
	}
	switch {
	case q.err != nil:
		if q.err == ErrQtyFraction && (!halfLike(w) || r.numberAttached(k, p) || r.decimalVariant(w, p)) {
			return qtyPhrase{}, false // "3.5" of "Jack 3.5mm", "13.00" a time
		}
		return qtyPhrase{k, k + 1, -1, q.unit}, true
	case q.val == 0 && isDigits(w):
		return qtyPhrase{k, k + 1, 0, false}, true
	case q.val >= qtyHuge:
		return qtyPhrase{k, k + 1, qtyHuge, q.unit}, true
	}
	return qtyPhrase{}, false
}

// isExponentWord reports whether w is a number with an exponent ("1e9").
func isExponentWord(w string) bool {
	i := strings.IndexByte(w, 'e')
	return i > 0 && isDigits(w[:i]) && isExponent(w[i:])
}

// decimalVariant reports whether a variant word of p (or of any product)
// starts with the decimal number w ("3.5mm").
func (r *reader) decimalVariant(w string, p int) bool {
	for q := range r.ix.products {
		if p >= 0 && q != p {
			continue
		}
		for vw := range r.ix.vwords[q] {
			if strings.HasPrefix(vw, w) {
				return true
			}
		}
	}
	return false
}

// halfLike reports whether w is a small decimal such as a fraction of a
// quantity is written: "1.5", "2,5" (not "13.00", a time or a date).
func halfLike(w string) bool {
	i := strings.IndexAny(w, ".,")
	return i > 0 && i <= 2 && len(w)-i-1 == 1 && isDigits(w[:i]) && isDigits(w[i+1:])
}

// isHexWord reports whether w is a number written in hex ("0x10").
func isHexWord(w string) bool {
	return len(w) > 2 && strings.HasPrefix(w, "0x") && strings.Trim(w[2:], "0123456789abcdef") == ""
}

// kindCounts are words a number counts kinds of, not pieces: "2 warna",
// "3 macam".
var kindCounts = setOf("warna macam jenis varian model motif rasa")
