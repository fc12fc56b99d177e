package lang

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchResult is what a customer's text says about the catalogue, by
// position in the Index (products) and in the product's Variants.
type MatchResult struct {
	Product           int   // index of the product clearly meant, -1 when none
	Variant           int   // index of the variant of Product clearly meant, -1 when none
	Candidates        []int // when unsure which product: the top choices, best first (at most 3)
	VariantCandidates []int // Product known, variant ambiguous: the variants that fit what was said
	Exact             bool  // the product was named exactly (name, alias or SKU), not through a typo
}

// MatchMaxCandidates is the most product candidates a match offers.
const MatchMaxCandidates = matchMaxCands

// Thresholds of product scores (the weighted share of a name the text
// covers, plus a little for variant words of that product).
const (
	matchConfident = 0.45 // at least this to name a product outright…
	matchMargin    = 0.15 // …and this far ahead of the next one
	matchSoleExact = 0.30 // enough when nothing else matches and no typo was needed
	matchCandidate = 0.20 // below this a product is not even suggested
	matchMaxCands  = 3
)

// chatWords are words of chat (normalised) that never name a product on their
// own and are never read as a typo of a product or colour word.
var chatWords = setOf(`kak mau yang ready berapa harga harganya ada ya pesan pesanan order ambil
	beli dong min admin tidak sudah belum masih stok stock sama dan atau untuk dengan ini itu aja
	saja deh sih kok nih oke sip bisa boleh tanya info cek lagi juga pcs saya kamu tolong halo hai
	permisi makasih terima kasih apa bagaimana kosong habis warna ukuran size model produk barang
	jual ongkir kirim bayar transfer cod fix jadi dulu mana dimana ke di dari nya kalau kalo klo
	bun mba mbak mas bang say ready stoknya masi gak ga nggak tapi kalau lain semua pilihan list
	katalog katalognya pricelist harga-nya ukurannya warnanya motif all yg mohon halo assalamualaikum`)

// colourWords and sizeWords describe variants: alone they name no product.
var colourWords = setOf(`hitam putih merah biru hijau kuning ungu coklat cokelat abu abu-abu abu2
	navy maroon marun pink mocca moka mocha cream krem army dusty milo sage mint tosca olive salem
	peach lilac gold emas silver perak nude khaki denim orange oranye jingga tua muda terracotta
	mustard lavender fuschia magenta beige broken white black red blue green grey gray item hitem`)

var sizeWords = map[string]string{
	"xs": "xs", "s": "s", "m": "m", "l": "l", "xl": "xl", "xxl": "xxl", "2xl": "xxl",
	"xxxl": "xxxl", "3xl": "xxxl", "4xl": "xxxxl", "xxxxl": "xxxxl", "allsize": "allsize",
	"jumbo": "jumbo", "besar": "besar", "kecil": "kecil", "sedang": "sedang", "bigsize": "bigsize",
}

// variantSynonyms are spellings customers use for the same variant word.
var variantSynonyms = map[string]string{
	"item": "hitam", "hitem": "hitam", "moka": "mocca", "mocha": "mocca", "moca": "mocca",
	"marun": "maroon", "abu2": "abu", "abu-abu": "abu", "lvl": "level", "lv": "level", "lev": "level",
	"gram": "gr", "grm": "gr", "gm": "gr", "g": "gr", "watt": "w", "meter": "m", "mtr": "m", "mili": "ml",
	"kilo": "kg", "kilogram": "kg", "mililiter": "ml",
}

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ContainsWord reports whether word (one or more normalised words) occurs in
// the normalised text norm as whole words: "hitam" is in "yang hitam l",
// "it" is not in "hitam".
func ContainsWord(norm, word string) bool {
	word = strings.Join(Words(word), " ")
	return word != "" && strings.Contains(" "+strings.Join(Words(norm), " ")+" ", " "+word+" ")
}

// matchWords normalises text and splits it into words, also at '/' so that
// "hitam/l" is two words.
func matchWords(s string) []string {
	var out []string
	for _, w := range Words(Normalize(s)) {
		for rest, more := w, true; more; {
			var p string
			p, rest, more = strings.Cut(rest, "/")
			if p = strings.Trim(p, ".,-+"); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// compact drops everything but letters and digits: "GMS-01" and "gms 01"
// both become "gms01", "All Size" and "allsize" "allsize".
func compact(words ...string) string {
	if len(words) == 1 && isLowerAlnum(words[0]) {
		return words[0] // nothing to drop or lower: the common case, without allocating
	}
	if allLowerAlnum(words) {
		return strings.Join(words, "")
	}
	var b strings.Builder
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// span is a range [i, j) of text words.
type span struct{ i, j int }

// compactGrams maps the compact form of every run of up to n text words to
// where it is, so names written together or apart both match.
func compactGrams(ws []string, n int) map[string]span {
	g := map[string]span{}
	for i := range ws {
		for j := i + 1; j <= min(len(ws), i+n); j++ {
			if c := compact(ws[i:j]...); c != "" {
				if _, ok := g[c]; !ok {
					g[c] = span{i, j}
				}
			}
		}
	}
	return g
}

func hasDigit(s string) bool  { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// isVariantWord reports whether w describes a variant (colour, size, number).
func isVariantWord(w string) bool {
	_, size := sizeWords[w]
	return colourWords[w] || size || hasDigit(w)
}

// typo reports whether got is a misspelling of want: at most one edit for
// words of 4-6 letters, two for longer ones, none for shorter words or
// words with digits; the first letter must be right (customers rarely get
// it wrong, and it keeps unrelated words apart).
func typo(want, got string) bool {
	nw, ng := utf8.RuneCountInString(want), utf8.RuneCountInString(got)
	if nw < 4 || ng < 3 {
		return false
	}
	w0, _ := utf8.DecodeRuneInString(want)
	g0, _ := utf8.DecodeRuneInString(got)
	if w0 != g0 || hasDigit(want) || hasDigit(got) || chatWords[got] {
		return false
	}
	budget := 1
	if nw >= 7 {
		budget = 2
	}
	if d := nw - ng; d > budget || -d > budget {
		return false
	}
	return Levenshtein(want, got) <= budget
}

// wordSim compares a catalogue word with a text word: 1 when equal (also
// "gamisnya" for "gamis"), the Jaro-Winkler score for a typo, else 0.
func wordSim(want, got string, typos bool) (sim float64, exact bool) {
	if len(want) > 0 && len(got) > 0 && want[0] != got[0] && (want[0] < utf8.RuneSelf || got[0] < utf8.RuneSelf) {
		// The first letters differ (one of them is ASCII): neither equal,
		// nor equal without "-nya", nor a typo. The common case, decided
		// at once.
		return 0, false
	}
	if got == want || strings.TrimSuffix(got, "nya") == want {
		return 1, true
	}
	if typos && typo(want, got) {
		return JaroWinkler(want, got), false
	}
	return 0, false
}

// productScore is how well the text names one product.
type productScore struct {
	i       int // index of the product in the Index
	score   float64
	exact   bool
	content bool  // a word other than chat, colour or size words matched
	unique  bool  // a matched word belongs to this product alone
	used    []int // text words taken by the name, not available to variants
}

// MatchProduct finds the product a customer's raw text names, by its name,
// an alias or its SKU. Name words are weighted by how rare they are in the
// catalogue, typos are accepted by edit distance and ranked by
// Jaro-Winkler, chat, colour and size words alone name nothing. When two
// products score close, Candidates lists them instead. When one product is
// found, the rest of the text is matched against its variants.
func MatchProduct(ix *Index, text string) MatchResult {
	res := MatchResult{Product: -1, Variant: -1}
	if ix == nil || len(ix.products) == 0 {
		return res
	}
	tw := matchWords(text)
	if len(tw) == 0 {
		return res
	}
	scores := ix.scoreAll(tw)
	if len(scores) == 0 {
		return res
	}
	top := scores[0]
	if !ix.confident(scores, tw) {
		for _, s := range scores[:min(len(scores), matchMaxCands)] {
			res.Candidates = append(res.Candidates, s.i)
		}
		return res
	}
	res.Product, res.Exact = top.i, top.exact
	rest := make([]string, 0, len(tw))
	for k, w := range tw {
		if !containsInt(top.used, k) {
			rest = append(rest, w)
		}
	}
	res.Variant, res.VariantCandidates = ix.matchVariantWords(top.i, rest)
	return res
}

// scoreAll scores every product against the text words, best first; only
// products worth suggesting are returned.
func (ix *Index) scoreAll(tw []string) []productScore {
	grams := compactGrams(tw, 4)
	var scores []productScore
	for i := range ix.products {
		if s := ix.scoreProduct(i, tw, grams); s.content && s.score >= matchCandidate {
			scores = append(scores, s)
		}
	}
	sort.SliceStable(scores, func(a, b int) bool { return scores[a].score > scores[b].score })
	return scores
}

// confident reports whether the best of scores names its product outright.
func (ix *Index) confident(scores []productScore, tw []string) bool {
	top := scores[0]
	if top.score >= matchConfident && (len(scores) == 1 || top.score-scores[1].score >= matchMargin) {
		return true
	}
	return len(scores) == 1 && top.exact && top.unique && top.score >= matchSoleExact &&
		!unexplained(ix.variants[top.i], tw, top.used)
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (ix *Index) scoreProduct(i int, tw []string, grams map[string]span) productScore {
	p := &ix.products[i]
	best := productScore{i: i}
	better := func(s productScore) {
		if s.content && (s.score > best.score || (s.score == best.score && s.exact && !best.exact)) {
			best = s
		}
	}
	// The SKU, and whole names written together or apart ("gms01", "gms 01").
	if sku := compact(p.SKU); len(sku) >= 3 {
		if sp, ok := grams[sku]; ok {
			better(productScore{i: i, score: 1, exact: true, content: true, unique: true, used: spanInts(sp)})
		}
	}
	for _, name := range ix.names[i] {
		if c := compact(name...); len(c) >= 3 {
			if sp, ok := grams[c]; ok {
				better(productScore{i: i, score: 1, exact: true, content: hasContent(name), unique: true, used: spanInts(sp)})
			}
		}
		s := productScore{i: i, exact: true}
		var total, got float64
		for _, w := range name {
			total += ix.idf(w)
			bestSim, bestK, bestExact := 0.0, -1, false
			for k, t := range tw {
				if containsInt(s.used, k) {
					continue
				}
				// A colour or size in the text is only ever itself.
				sim, ex := wordSim(w, t, !isVariantWord(t))
				if sim > bestSim || (sim == bestSim && ex && !bestExact) {
					bestSim, bestK, bestExact = sim, k, ex
				}
			}
			if bestK < 0 {
				continue
			}
			got += ix.idf(w) * bestSim
			s.used = append(s.used, bestK)
			s.exact = s.exact && bestExact
			s.content = s.content || (!chatWords[w] && !isVariantWord(w))
			s.unique = s.unique || ix.df[w] == 1
		}
		if total > 0 {
			s.score = got / total
		}
		better(s)
	}
	if best.score > 0 {
		best.score += variantBonus(ix.variants[i], tw, best.used)
	}
	return best
}

func spanInts(sp span) []int {
	var out []int
	for k := sp.i; k < sp.j; k++ {
		out = append(out, k)
	}
	return out
}

func hasContent(name []string) bool {
	for _, w := range name {
		if !chatWords[w] && !isVariantWord(w) {
			return true
		}
	}
	return false
}

// unexplained reports whether the text has a word that is neither chat, a
// quantity, part of the product's name nor one of its variant words (words): in
// "hijab syari" the "hijab" may well mean another product than "Khimar
// Instan Syari", so one shared word is not enough to be sure.
func unexplained(words map[string]bool, tw []string, used []int) bool {
	for k, t := range tw {
		_, unit := qtyUnits[t]
		if !containsInt(used, k) && len([]rune(t)) >= 3 && !chatWords[t] && !isVariantWord(t) &&
			!unit && qtySmall[t] == 0 && !words[canonVariantWord(t)] && !genericVariantWords[canonVariantWord(t)] {
			return true
		}
	}
	return false
}

// variantBonus adds a little for text words that are this product's variant
// words, so "makaroni original" prefers Makaroni (variant Original) over a
// product named "Basreng Original".
func variantBonus(words map[string]bool, tw []string, used []int) float64 {
	n := 0
	for k, t := range tw {
		if !containsInt(used, k) && !chatWords[t] && words[canonVariantWord(t)] {
			n++
		}
	}
	return 0.1 * float64(min(n, 2))
}

// genericVariantWords appear in variant names without telling variants
// apart ("Level 3", "All Size", "Warna Hitam").
var genericVariantWords = setOf("level size all warna ukuran uk motif")

// canonVariantWord maps the spellings of one variant word to one form:
// "lvl" -> "level", "2xl" -> "xxl", "100gram" -> "100gr", "item" -> "hitam".
func canonVariantWord(w string) string {
	if s, ok := variantSynonyms[w]; ok {
		return s
	}
	if s, ok := sizeWords[w]; ok {
		return s
	}
	// Glued forms: "100gram" -> "100gr", "lvl5" -> "level5".
	if i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 {
		if s, ok := variantSynonyms[w[i:]]; ok {
			return w[:i] + s
		}
	} else if i := strings.IndexFunc(w, unicode.IsDigit); i > 0 {
		if s, ok := variantSynonyms[w[:i]]; ok && !hasLetter(w[i:]) {
			return s + w[i:]
		}
	}
	return w
}

// MatchVariant finds which of a product's variants (their names, in
// order) the customer's raw text means, e.g. "yg hitam L" for the product
// under discussion. Variant names split on '/' into parts (colour, size,
// level, weight); for every part the text mentions, only the variants whose
// part was mentioned best stay. One left is the variant; several are
// returned as candidates ("hitam" gives Hitam / M and Hitam / L). Sizes and
// numbers must match exactly, colours allow small typos ("hitm"). A
// single-variant product always resolves to its variant. Nothing mentioned
// gives -1, nil. Pass the text without the quantity (see ExtractQuantity)
// when a variant part is a bare number.
func MatchVariant(variants []string, text string) (int, []int) {
	return variantMatch(variantPartsOf(variants), matchWords(text))
}

// variantPartsOf splits variant names into their parts, as canonical words.
func variantPartsOf(variants []string) [][][]string {
	out := make([][][]string, len(variants))
	for v, name := range variants {
		for _, part := range strings.Split(name, "/") {
			ws := matchWords(part)
			for k := range ws {
				ws[k] = canonVariantWord(ws[k])
			}
			out[v] = append(out[v], ws)
		}
	}
	return out
}

// matchVariantWords matches text words against product i's variants.
func (ix *Index) matchVariantWords(i int, tw []string) (int, []int) {
	return variantMatch(ix.parts[i], tw)
}

// variantMatch chooses among variants (each as its parts' words) by the
// text words tw, which it canonicalises in place.
func variantMatch(parts [][][]string, tw []string) (int, []int) {
	switch len(parts) {
	case 0:
		return -1, nil
	case 1:
		return 0, nil
	}
	for k := range tw {
		tw[k] = canonVariantWord(tw[k])
	}
	grams := compactGrams(tw, 4)
	// levels[v][i]: how well the text names part i of variant v.
	levels := make([][]int, len(parts))
	best := []int{}
	for v := range parts {
		for i, part := range parts[v] {
			l := partLevel(part, tw, grams)
			levels[v] = append(levels[v], l)
			if i >= len(best) {
				best = append(best, 0)
			}
			best[i] = max(best[i], l)
		}
	}
	var fit, partial []int
	mostHits := 0
	for v := range parts {
		hits, ok := 0, true
		for i, b := range best {
			if b == 0 {
				continue
			}
			if i < len(levels[v]) && levels[v][i] == b {
				hits++
			} else {
				ok = false
			}
		}
		if hits == 0 {
			continue
		}
		if ok {
			fit = append(fit, v)
		}
		// When nothing fits every part ("merah L" where only Merah / M
		// exists), offer the variants that fit the most.
		if hits > mostHits {
			mostHits, partial = hits, partial[:0]
		}
		if hits == mostHits {
			partial = append(partial, v)
		}
	}
	switch {
	case len(fit) == 1:
		return fit[0], nil
	case len(fit) > 1:
		return -1, fit
	}
	return -1, partial
}

// partLevel rates how the text names one part of a variant name:
// 3 written out (together or apart: "dusty pink", "100 gr"), 2 every word
// there allowing typos, 1 one distinctive word there ("pink"), 0 not at all.
func partLevel(part, tw []string, grams map[string]span) int {
	if c := compact(part...); c == "" {
		return 0
	} else if _, ok := grams[c]; ok {
		return 3
	}
	all, some := true, false
	for _, w := range part {
		_, size := sizeWords[w]
		found := false
		for _, t := range tw {
			if sim, _ := wordSim(w, t, !size); sim > 0 {
				found = true
				break
			}
		}
		all = all && found && !hasDigit(w)
		some = some || (found && !size && !hasDigit(w) && !genericVariantWords[w])
	}
	switch {
	case all:
		return 2
	case some:
		return 1
	}
	return 0
}

func allLowerAlnum(words []string) bool {
	for _, w := range words {
		if !isLowerAlnum(w) {
			return false
		}
	}
	return true
}

// isLowerAlnum reports whether s is only ASCII lower-case letters and digits.
func isLowerAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
