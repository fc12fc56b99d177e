package lang

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// qtyDefaultMax is the upper bound used when the caller passes max < 1.
const qtyDefaultMax = 99

// qtyHuge is where quantity values saturate, so that "99999999999999999999"
// or "999 lusin" cannot overflow: anything this big is over any max.
const qtyHuge = 1 << 40

// qtyPhraseWords bounds how many words one quantity phrase may span
// ("sembilan ratus sembilan puluh sembilan pcs").
const qtyPhraseWords = 6

// qtyUnits are the counting words that may follow (or be glued to) a
// number, with what one of them counts: "2 pcs", "2x", "2 lusin" = 24.
var qtyUnits = map[string]uint64{
	"x": 1, "pcs": 1, "pc": 1, "psc": 1, "biji": 1, "bj": 1, "buah": 1, "bh": 1,
	"helai": 1, "lembar": 1, "lbr": 1, "potong": 1, "ptg": 1, "pasang": 1, "psg": 1,
	"set": 1, "unit": 1, "item": 1, "bungkus": 1, "bks": 1, "pack": 1, "pak": 1,
	"box": 1, "dus": 1, "kotak": 1, "botol": 1, "btl": 1, "toples": 1, "porsi": 1,
	"lusin": 12, "kodi": 20,
}

// qtySmall are the Indonesian digit words.
var qtySmall = map[string]uint64{
	"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
	"enam": 6, "tujuh": 7, "delapan": 8, "lapan": 8, "sembilan": 9,
}

// qtyRead is one quantity phrase as read, before the range check.
type qtyRead struct {
	val  uint64 // saturates at qtyHuge
	err  error  // a sentinel when the phrase is number-shaped but not valid
	unit bool   // a counting word was attached ("2 pcs", "x2", "selusin")
}

// ParseQuantity reads one quantity phrase: "2", " 5", "007", "dua",
// "dua puluh satu", "2x", "x2", "2 pcs", "selusin", "setengah lusin",
// "٣" (Arabic-Indic, Extended Arabic-Indic, fullwidth and Devanagari digits
// are read as ASCII). Only base-10 whole numbers in 1..max are accepted;
// max < 1 means 99. Errors are the ErrQty sentinels: "1e9", "0x10", "1_000",
// "NaN", "abc" and "+5" (a sign is not part of a quantity) are
// ErrQtyNotNumber; "-3" is ErrQtyNegative; "1,5", "1.5" and "setengah" are
// ErrQtyFraction; "2.000" is two thousand (Indonesian thousands dot) and so,
// like "99999999999999999999", ErrQtyTooLarge for a small max.
func ParseQuantity(s string, max int) (int, error) {
	var ws []string
	for _, t := range qtyTokens(capRunes(s, MaxParseRunes)) {
		if t.w != "" {
			ws = append(ws, t.w)
		}
	}
	if len(ws) == 0 || len(ws) > qtyPhraseWords {
		return 0, ErrQtyNotNumber
	}
	r, ok := parseQtyPhrase(ws)
	if !ok {
		return 0, ErrQtyNotNumber
	}
	return qtyCheck(r, max)
}

func qtyCheck(r qtyRead, max int) (int, error) {
	if max < 1 {
		max = qtyDefaultMax
	}
	switch {
	case r.err != nil:
		return 0, r.err
	case r.val == 0:
		return 0, ErrQtyZero
	case r.val > uint64(max):
		return 0, ErrQtyTooLarge
	}
	return int(r.val), nil
}

// qtyToken is one whitespace-separated piece of the raw text with its byte
// span, and w, its cleaned form for reading.
type qtyToken struct {
	start, end int
	w          string
}

// qtyTokens splits raw text on white space. Each token is NFKC-normalised,
// lower-cased, stripped of format characters, its digits mapped to ASCII,
// '×' read as 'x', and the punctuation around it trimmed; a leading '-' or
// '+' is kept because a sign must be seen to be refused.
func qtyTokens(text string) []qtyToken {
	var toks []qtyToken
	start := -1
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, qtyToken{start: start, end: end, w: qtyClean(text[start:end])})
			start = -1
		}
	}
	for i, r := range text {
		if unicode.IsSpace(r) {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(text))
	return toks
}

func qtyClean(raw string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(raw) {
		// Format characters hide inside numbers; marks make keycaps ("2️⃣").
		if unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me) {
			continue
		}
		if d, ok := asciiDigit(r); ok {
			r = d
		} else if r == '×' {
			r = 'x'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	punct := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	w := strings.TrimLeftFunc(b.String(), func(r rune) bool {
		return punct(r) && !strings.ContainsRune("-+#%@", r)
	})
	w = strings.TrimRightFunc(w, func(r rune) bool { return punct(r) && r != '%' })
	if w == "-" || w == "+" {
		return ""
	}
	return w
}

// asciiDigit maps the decimal digits customers' keyboards produce (Arabic-
// Indic, Extended Arabic-Indic, fullwidth, Devanagari) to ASCII. NFKC only
// handles the fullwidth ones.
func asciiDigit(r rune) (rune, bool) {
	for _, base := range []rune{'0', 0x0660, 0x06F0, 0xFF10, 0x0966} {
		if r >= base && r <= base+9 {
			return '0' + r - base, true
		}
	}
	return r, false
}

// parseQtyPhrase reads words that together must form one quantity. ok is
// false when the words are not a quantity at all ("hitam", "180x75").
func parseQtyPhrase(ws []string) (qtyRead, bool) {
	if len(ws) == 0 {
		return qtyRead{}, false
	}
	mult, unit := uint64(1), false
	if len(ws) >= 2 {
		if m, ok := qtyUnits[ws[len(ws)-1]]; ok {
			mult, unit, ws = m, true, ws[:len(ws)-1]
		}
	}
	if len(ws) >= 2 && ws[0] == "x" {
		unit, ws = true, ws[1:]
	}
	if len(ws) == 1 {
		if ws[0] == "setengah" && mult > 1 { // "setengah lusin" = 6
			return qtyRead{val: mult / 2, unit: true}, true
		}
		r, ok := parseQtyToken(ws[0])
		if !ok || (r.unit && unit) {
			return qtyRead{}, false
		}
		r.unit = r.unit || unit
		r.val = qtyMul(r.val, mult)
		return r, true
	}
	if ws[len(ws)-1] == "setengah" { // "satu setengah"
		if _, ok := qtyWords(ws[:len(ws)-1]); ok {
			return qtyRead{err: ErrQtyFraction, unit: unit}, true
		}
	}
	n, ok := qtyWords(ws)
	if !ok {
		return qtyRead{}, false
	}
	return qtyRead{val: qtyMul(n, mult), unit: unit}, true
}

// parseQtyToken reads one cleaned token.
func parseQtyToken(w string) (qtyRead, bool) {
	switch w {
	case "":
		return qtyRead{}, false
	case "nan", "inf", "infinity":
		return qtyRead{err: ErrQtyNotNumber}, true
	case "setengah":
		return qtyRead{err: ErrQtyFraction}, true
	case "nol":
		return qtyRead{}, true
	}
	if n, ok := qtyWords([]string{w}); ok {
		return qtyRead{val: n}, true
	}
	// "selusin", "sebiji", "sehelai": se- is "one".
	if m, ok := qtyUnits[strings.TrimPrefix(w, "se")]; ok && len(w) > 3 && strings.HasPrefix(w, "se") {
		return qtyRead{val: m, unit: true}, true
	}
	body, sign := w, byte(0)
	if body[0] == '-' || body[0] == '+' {
		sign, body = body[0], body[1:]
	}
	xPrefix := len(body) > 1 && body[0] == 'x' && isDigitByte(body[1])
	if xPrefix {
		body = body[1:]
	}
	if len(body) > 2 && strings.HasPrefix(body, "0x") && strings.Trim(body[2:], "0123456789abcdef") == "" {
		return qtyRead{err: ErrQtyNotNumber}, true
	}
	k := 0
	for k < len(body) && (isDigitByte(body[k]) || strings.IndexByte("._,", body[k]) >= 0) {
		k++
	}
	if k == 0 || !isDigitByte(body[0]) {
		// Digits of a script we do not map: a number, but not one we read.
		if body != "" && strings.IndexFunc(body, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return qtyRead{err: ErrQtyNotNumber}, true
		}
		return qtyRead{}, false
	}
	core, suffix := body[:k], body[k:]
	r := qtyCore(core)
	switch {
	case suffix == "":
	case isExponent(suffix):
		r = qtyRead{err: ErrQtyNotNumber}
	case strings.HasPrefix(suffix, "⁄"): // NFKC turns "½" into "1⁄2"
		r = qtyRead{err: ErrQtyFraction}
	default:
		m, ok := qtyUnits[suffix]
		if !ok || xPrefix {
			return qtyRead{}, false // "180x75", "100gr", "2xl", "2in1"
		}
		r.val, r.unit = qtyMul(r.val, m), true
	}
	r.unit = r.unit || xPrefix
	switch sign {
	case '-':
		r.err = ErrQtyNegative
	case '+':
		r.err = ErrQtyNotNumber
	}
	return r, true
}

// qtyCore reads digits with optional separators. A comma is the Indonesian
// decimal mark, so any comma is a fraction; a dot is a thousands separator
// when every group after it has three digits ("2.000"), a decimal otherwise.
func qtyCore(s string) qtyRead {
	if strings.Contains(s, "_") || strings.Contains(s, "..") || strings.Contains(s, ",,") ||
		strings.ContainsAny(s[len(s)-1:], ".,") {
		return qtyRead{err: ErrQtyNotNumber}
	}
	if strings.Contains(s, ",") {
		return qtyRead{err: ErrQtyFraction}
	}
	if strings.Contains(s, ".") {
		groups := strings.Split(s, ".")
		if len(groups[0]) > 3 {
			return qtyRead{err: ErrQtyFraction}
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return qtyRead{err: ErrQtyFraction}
			}
		}
		s = strings.Join(groups, "")
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		n = n*10 + uint64(s[i]-'0')
		if n >= qtyHuge {
			return qtyRead{val: qtyHuge}
		}
	}
	return qtyRead{val: n}
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isExponent reports whether s is "e9", "e+9" or "e-9".
func isExponent(s string) bool {
	if len(s) < 2 || s[0] != 'e' {
		return false
	}
	s = strings.TrimLeft(s[1:], "+-")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func qtyMul(v, m uint64) uint64 {
	if m != 0 && v > qtyHuge/m {
		return qtyHuge
	}
	return v * m
}

// qtyWords reads Indonesian number words from 1 to 999 ("tiga", "sebelas",
// "dua belas", "dua puluh satu", "seratus lima"); glued forms such as
// "duapuluh" are split first.
func qtyWords(in []string) (uint64, bool) {
	var buf [8]string // number words are few: no allocation
	ws := buf[:0]
	for _, w := range in {
		split := false
		for _, suf := range []string{"belas", "puluh", "ratus"} {
			if p := strings.TrimSuffix(w, suf); p != w && qtySmall[p] > 0 {
				ws, split = append(ws, p, suf), true
				break
			}
		}
		if !split {
			ws = append(ws, w)
		}
	}
	if len(ws) == 1 && ws[0] == "seribu" {
		return 1000, true
	}
	var n uint64
	switch {
	case len(ws) > 0 && ws[0] == "seratus":
		n, ws = 100, ws[1:]
	case len(ws) > 1 && qtySmall[ws[0]] > 0 && ws[1] == "ratus":
		n, ws = qtySmall[ws[0]]*100, ws[2:]
	}
	switch {
	case len(ws) == 0:
		return n, n > 0
	case len(ws) == 1 && ws[0] == "sepuluh":
		return n + 10, true
	case len(ws) == 1 && ws[0] == "sebelas":
		return n + 11, true
	case len(ws) == 1 && qtySmall[ws[0]] > 0:
		return n + qtySmall[ws[0]], true
	case len(ws) == 2 && qtySmall[ws[0]] > 0 && ws[1] == "belas":
		return n + 10 + qtySmall[ws[0]], true
	case len(ws) >= 2 && qtySmall[ws[0]] > 0 && ws[1] == "puluh":
		n += qtySmall[ws[0]] * 10
		if len(ws) == 2 {
			return n, true
		}
		if len(ws) == 3 && qtySmall[ws[2]] > 0 {
			return n + qtySmall[ws[2]], true
		}
	}
	return 0, false
}

// qtySkipBefore are words after which a number is not a quantity: an
// address ("no 12", "rt 03"), a variant ("level 5", "ukuran 38"), a time,
// a price or an id.
var qtySkipBefore = setOf(`no nomor nmr nomer rt rw blok blk jl jln jalan gg gang km kav kode
	pos kodepos lt lantai resi id level lvl lv lev size ukuran uk ld pb jam pukul tgl tanggal rp idr
	salah ke`)

// qtySkipAfter are words after which a number measures something else:
// weight, length, time, money, percent, layers. "m" is not one: "2 M" is
// far more often two of size M than two metres.
var qtySkipAfter = setOf(`gr gram g kg ons cm mm meter ml liter ltr inch hari jam menit detik
	minggu bulan bln tahun thn th rb ribu k jt juta rp rupiah persen % layer lapis warna ukuran macam
	orang org`)

// qtySayBefore are words that announce a quantity ("qty 2", "jumlah: 2").
var qtySayBefore = setOf("qty jumlah jml sebanyak sejumlah")

// ExtractQuantity finds the quantity inside an order phrase written by a
// customer, reading the raw text (not Normalize output, which would drop the
// sign of "-3"): "yg hitam L mau 2 ya kak" gives 2 and "yg hitam L mau ya
// kak". It returns qty 0, the text unchanged (but capped at MaxParseRunes)
// and a nil error when there is no quantity. Numbers that belong to something else are passed over: sizes
// ("180x75", "180 x 75"), measures ("100gr", "5 hari"), numbers after
// "no", "rt", "level", "ukuran", "rp"…, phone numbers and 5-digit postal
// codes. When several quantities remain, one with a counting word ("2 pcs",
// "x2") wins, else the last. A quantity that is number-shaped but invalid
// ("-3", "1e9", "1,5", "2.000" for max 99) gives the matching ErrQty error.
func ExtractQuantity(text string, max int) (qty int, rest string, err error) {
	text = capRunes(text, MaxParseRunes)
	toks := qtyTokens(text)
	blocked := qtyBlocked(toks)
	type cand struct {
		i, j   int
		r      qtyRead
		strong bool
	}
	var best *cand
	for i := 0; i < len(toks); i++ {
		if blocked[i] || toks[i].w == "" {
			continue
		}
		for j := min(len(toks), i+qtyPhraseWords); j > i; j-- {
			if qtySpanBlocked(toks[i:j], blocked[i:j]) {
				continue
			}
			ws := make([]string, j-i)
			for k := range ws {
				ws[k] = toks[k+i].w
			}
			r, ok := parseQtyPhrase(ws)
			if !ok {
				continue
			}
			prev, next := "", ""
			if i > 0 {
				prev = strings.TrimLeftFunc(toks[i-1].w, func(r rune) bool { return !unicode.IsLetter(r) })
				prev = prev[strings.LastIndexFunc(prev, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
			}
			if j < len(toks) {
				next = toks[j].w
			}
			if qtySkipBefore[prev] || (!r.unit && qtySkipAfter[next]) || (j == i+1 && qtyLooksLikeID(ws[0])) {
				i = j - 1
				break
			}
			c := &cand{i: i, j: j, r: r, strong: r.unit || qtySayBefore[prev]}
			if best == nil || c.strong || !best.strong {
				best = c
			}
			i = j - 1
			break
		}
	}
	if best == nil {
		return 0, text, nil
	}
	rest = strings.TrimSpace(strings.TrimSpace(text[:toks[best.i].start]) + " " +
		strings.TrimSpace(text[toks[best.j-1].end:]))
	qty, err = qtyCheck(best.r, max)
	return qty, rest, err
}

// qtySpanBlocked reports whether a span starts or ends on an empty token or
// covers a blocked one.
func qtySpanBlocked(toks []qtyToken, blocked []bool) bool {
	if toks[len(toks)-1].w == "" {
		return true
	}
	for _, b := range blocked {
		if b {
			return true
		}
	}
	return false
}

// qtyLooksLikeID reports whether a lone digit run is a phone number (8 or
// more digits starting with 0, 62 or 8, optionally '+') or a postal code
// (exactly five digits) rather than a quantity.
func qtyLooksLikeID(w string) bool {
	d := strings.TrimPrefix(w, "+")
	if d == "" || strings.Trim(d, "0123456789") != "" {
		return false
	}
	if len(d) == 5 {
		return true
	}
	return len(d) >= 8 && len(d) <= 15 && (d[0] == '0' || d[0] == '8' || strings.HasPrefix(d, "62"))
}

// qtyBlocked marks tokens that are parts of a size ("180 x 75", "180x 75")
// or of a phone number split by spaces ("0812 3450 0001", "+62 812 …").
func qtyBlocked(toks []qtyToken) []bool {
	blocked := make([]bool, len(toks))
	digits := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].w != "" && strings.Trim(toks[k].w, "0123456789") == ""
	}
	for k, t := range toks {
		w := t.w
		switch {
		case w == "x" && digits(k-1) && digits(k+1):
			blocked[k-1], blocked[k], blocked[k+1] = true, true, true
		case len(w) > 1 && w[len(w)-1] == 'x' && strings.Trim(w[:len(w)-1], "0123456789") == "" && digits(k+1):
			blocked[k], blocked[k+1] = true, true
		case len(w) > 1 && w[0] == 'x' && strings.Trim(w[1:], "0123456789") == "" && digits(k-1):
			blocked[k-1], blocked[k] = true, true
		}
	}
	// Runs of digit groups that together read as a phone number.
	for k := 0; k < len(toks); k++ {
		first := strings.TrimPrefix(toks[k].w, "+")
		// A run starts with a short group ("0812", "+62"); a long first
		// token is a whole number on its own, judged by qtyLooksLikeID.
		if first == "" || len(first) > 5 || strings.Trim(first, "0123456789-") != "" || !isDigitByte(first[0]) {
			continue
		}
		var all strings.Builder
		e := k
		for ; e < len(toks); e++ {
			w := strings.TrimPrefix(toks[e].w, "+")
			if e > k && strings.HasPrefix(toks[e].w, "+") || w == "" || strings.Trim(w, "0123456789-") != "" {
				break
			}
			all.WriteString(strings.ReplaceAll(w, "-", ""))
		}
		if e-k >= 2 && qtyLooksLikeID(all.String()) && all.Len() >= 9 {
			for m := k; m < e; m++ {
				blocked[m] = true
			}
		}
		k = e - 1
	}
	return blocked
}
