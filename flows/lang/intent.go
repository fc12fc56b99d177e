package lang

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Intent is what a customer message asks for, as far as words can tell.
type Intent string

// The intents DetectIntent recognises.
const (
	IntentUnknown          Intent = "unknown"
	IntentGreeting         Intent = "greeting"
	IntentCatalog          Intent = "catalog"
	IntentStockCheck       Intent = "stock_check"
	IntentPrice            Intent = "price"
	IntentShippingCost     Intent = "shipping_cost"
	IntentCOD              Intent = "cod"
	IntentPaymentInfo      Intent = "payment_info"
	IntentHowToOrder       Intent = "how_to_order"
	IntentOrder            Intent = "order"
	IntentOrderStatus      Intent = "order_status"
	IntentComplaintLate    Intent = "complaint_late"
	IntentComplaintWrong   Intent = "complaint_wrong"
	IntentComplaintDamaged Intent = "complaint_damaged"
	IntentComplaintOther   Intent = "complaint_other"
	IntentHuman            Intent = "human"
	IntentCancel           Intent = "cancel"
	IntentThanks           Intent = "thanks"
	IntentConfirmYes       Intent = "confirm_yes"
	IntentConfirmNo        Intent = "confirm_no"
	IntentShopInfo         Intent = "shop_info"
	// IntentDone: "udah itu aja", "cukup", "itu aja kak": the cart is complete.
	IntentDone Intent = "done"
	// IntentAbuse: insults, threats, all-caps rage: a calm answer and a human.
	IntentAbuse Intent = "abuse"
	// IntentDiscount: "bisa kurang?", "ada promo?": the seed lists discounts
	// among the questions CS answers, and the sample corpus tags them.
	IntentDiscount Intent = "discount"
)

// IsComplaint reports whether the intent is one of the complaint categories.
func IsComplaint(i Intent) bool {
	switch i {
	case IntentComplaintLate, IntentComplaintWrong, IntentComplaintDamaged, IntentComplaintOther:
		return true
	}
	return false
}

// DetectIntent classifies a normalised message (norm = Normalize(raw)).
//
// Rules run in priority order, so that the most consequential reading wins:
// abuse, then complaints, human handover, cancel, order status, ordering,
// product and shop questions, then greetings and thanks, then a bare yes or
// no. "kak paket saya blm nyampe" is a complaint although it starts like a
// greeting. Caps and exclamation marks are gone after Normalize: callers also
// check IsAbusive on the raw text.
func DetectIntent(norm string) Intent {
	u := newUtterance(norm)
	if len(u.keys) == 0 {
		return IntentUnknown
	}
	if u.fraudQuestion() {
		// "bukan penipuan kan kak?" is a trust question, not an insult.
		return IntentShopInfo
	}
	if u.abusive() {
		return IntentAbuse
	}
	if i, ok := u.shortReply(); ok {
		return i
	}
	if i := u.complaint(); i != IntentUnknown {
		return i
	}
	switch {
	case u.human():
		return IntentHuman
	case u.cancel():
		return IntentCancel
	case u.howToOrder():
		return IntentHowToOrder
	case u.orderStatus():
		return IntentOrderStatus
	case u.done():
		return IntentDone
	case u.order():
		return IntentOrder
	case u.discount():
		return IntentDiscount
	case u.cod():
		return IntentCOD
	case u.shipping():
		return IntentShippingCost
	case u.payment():
		return IntentPaymentInfo
	case u.catalog():
		return IntentCatalog
	case u.shopInfo():
		return IntentShopInfo
	case u.stock(true):
		return IntentStockCheck
	case u.price():
		return IntentPrice
	case u.stock(false):
		return IntentStockCheck
	case u.thanks():
		return IntentThanks
	case u.greeting():
		return IntentGreeting
	case u.arrived():
		return IntentConfirmYes
	}
	return IntentUnknown
}

// IsAbusive reports insults, threats or caps-lock rage in the raw text. It
// takes the raw text because shouting is only visible before Normalize.
func IsAbusive(raw string) bool { return IsAbusiveNormalized(raw, Normalize(raw)) }

// IsAbusiveNormalized is IsAbusive for a caller that holds norm =
// Normalize(raw) already.
func IsAbusiveNormalized(raw, norm string) bool {
	u := newUtterance(norm)
	if !u.fraudQuestion() && u.abusive() {
		return true
	}
	return shouting(raw)
}

// shouting is many exclamation marks with mostly capital letters. Older
// customers often type in caps by habit, so caps alone never count.
func shouting(raw string) bool {
	raw = capRunes(raw, MaxParseRunes)
	var letters, upper, bangs int
	for _, r := range raw {
		switch {
		case r == '!' || r == '！':
			bangs++
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 6 && bangs >= 3 && upper*10 >= letters*7
}

// utterance is a normalised message split into words, each with a lookup
// key: local spellings mapped, doubled letters folded ("siip" = "sip"),
// the "-nya" suffix dropped ("katalognya" = "katalog").
type utterance struct {
	words []string
	keys  []string
	ids   []int32 // each key's keyID, for the set tests
}

// add appends a word with its key.
func (u *utterance) add(word, key string) {
	u.words, u.keys, u.ids = append(u.words, word), append(u.keys, key), append(u.ids, keyID(key))
}

// newUtteranceCap makes an utterance with room for n words. Its callers
// call buildKeySets first (add numbers the keys); it stays small enough to
// be inlined, so the utterance can live on the caller's stack.
func newUtteranceCap(n int) *utterance {
	ws := make([]string, 0, 2*n) // words and keys in one allocation
	return &utterance{words: ws[:0:n], keys: ws[n : n : 2*n], ids: make([]int32, 0, n)}
}

func newUtterance(norm string) *utterance {
	ws := strings.FieldsFunc(norm, func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == ',' || r == '/' || r == '+' || r == '-'
	})
	buildKeySets()
	u := newUtteranceCap(min(len(ws), 60))
	for _, w := range ws {
		if len(u.words) == 60 {
			break // the rules read the start of a message; long ones are stories
		}
		u.add(w, intentKey(w))
	}
	return u
}

// intentSpelling maps spellings Normalize leaves alone to the key the rules use.
var intentSpelling = map[string]string{
	"dtg": "datang", "dateng": "datang", "dtang": "datang",
	"krm": "kirim", "kirimin": "kirim", "dikrm": "dikirim", "dikirimin": "dikirim",
	"trima": "terima", "nerima": "terima", "diterimanya": "diterima",
	"batalin": "batal", "batalkan": "batal", "dibatalkan": "batal", "dibatalin": "batal",
	"cancelin": "cancel", "cancle": "cancel", "cansel": "cancel", "cencel": "cancel", "dicancel": "cancel",
	"tlp": "telp", "telpon": "telp", "telepon": "telp", "tlpn": "telp", "nelpon": "telp", "call": "telp",
	"thank": "makasih", "thankyou": "makasih", "tengkyu": "makasih", "tenkyu": "makasih",
	"trimakasih": "makasih", "trimakasi": "makasih", "makasii": "makasih", "suwun": "makasih",
	"nuhun": "makasih", "maturnuwun": "makasih", "syukron": "makasih", "mksih": "makasih",
	"hallo": "halo", "helo": "halo", "hello": "halo", "hai": "halo", "hi": "halo", "hay": "halo",
	"hey": "halo", "hei": "halo", "hy": "halo",
	"asalamualaikum": "salam", "asalamualaikom": "salam", "asalamu": "salam", "aslm": "salam",
	"askum": "salam", "asalamuallaikum": "salam", "samlekom": "salam", "asalammualaikum": "salam",
	"catalog": "katalog", "katalogue": "katalog", "catalogue": "katalog", "ktalog": "katalog",
	"stock": "stok", "stoknya": "stok", "setok": "stok",
	"ongkos": "ongkir", "ongkr": "ongkir",
	"brapa": "berapa", "brpan": "berapa", "brapaan": "berapa",
	"complain": "komplain", "komplen": "komplain", "complaint": "komplain", "kcewa": "kecewa",
	"goblog": "goblok", "gblk": "goblok", "gblg": "goblok",
	"bgst": "bangsat", "bngst": "bangsat", "bangshat": "bangsat",
	"anjg": "anjing", "anjeng": "anjing", "ajg": "anjing", "anjink": "anjing", "njing": "anjing",
	"kntl": "kontol", "jancuk": "jancok", "dancok": "jancok", "berengsek": "brengsek",
	"lmbt": "lambat", "tlt": "telat", "rsk": "rusak",
	"gpp": "gapapa", "nggakpapa": "gapapa", "gakpapa": "gapapa", "tidakpapa": "gapapa",
	"gaperlu": "gausah", "cso": "cs", "whatsapp": "wa", "pl": "pricelist",
	"dmana": "dimana", "dmn": "dimana",
	"ambilnya": "ambil", "dibales": "dibalas", "bales": "balas", "abis": "habis", "ngobrol": "bicara",
}

// intentKey is the form keywords are compared in.
func intentKey(w string) string {
	// "dateng2", "kapan2": a trailing 2 marks a repeated word.
	if n := len(w); n > 2 && w[n-1] == '2' && unicode.IsLetter(rune(w[n-2])) {
		w = w[:n-1]
	}
	if m, ok := intentSpelling[w]; ok {
		return m
	}
	k := foldDoubles(w)
	if k != w {
		if m, ok := intentSpelling[k]; ok {
			return m
		}
	}
	// Strip "-nya" before folding: "pesannya" is "pesan", not "pesa".
	if len(w) > 5 && strings.HasSuffix(w, "nya") {
		base := w[:len(w)-3]
		if m, ok := intentSpelling[base]; ok {
			return m
		}
		return foldDoubles(base)
	}
	return k
}

// foldDoubles collapses runs of one letter ("siip" -> "sip", "okee" ->
// "oke"); digits are kept as written so "1000" stays a number.
func foldDoubles(w string) string {
	doubled := false
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] && (w[i] >= 'a' && w[i] <= 'z' || w[i] >= 0x80) {
			doubled = true
			break
		}
	}
	if !doubled {
		return w // the common case, without allocating
	}
	var b strings.Builder
	var last rune
	for _, r := range w {
		if r == last && unicode.IsLetter(r) {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// keywordSet is a set of keys (see intentKey) the rules look for. Besides the
// map, each set marks its keys in a bit set over the keyIDs of all sets,
// so that an utterance, whose words' IDs are looked up once, tests a set
// without hashing a word again.
//
// The sets made as package variables are built on first use, all at once
// (see buildKeySets): until then a set holds only its words, so a process
// that reads no message (an idle shop, the CLI) pays neither the maps nor
// the numbering.
type keywordSet struct {
	words []string // as written, until built
	m     map[string]bool
	bits  []uint64
	late  bool // made after the package was initialised: tested by the map
}

// keyIDs numbers every key of every set made while the package's variables
// are initialised; written only by buildKeySets, read-only afterwards.
var keyIDs map[string]int32

// keySetsFrozen is set once the package's variables are initialised: a set
// made later (keySet in a function) gets no numbers, so that keyIDs is
// never written while messages are read, and is tested by its map.
var keySetsFrozen bool

func init() { keySetsFrozen = true }

// pendingSets are the package variables' sets in the order they were made,
// which is the order buildKeySets numbers their keys in.
var pendingSets []*keywordSet

// buildKeySets builds every pending set and numbers their keys, once,
// before the first key is numbered or a set's map is read.
var buildKeySets = sync.OnceFunc(func() {
	keyIDs = map[string]int32{}
	for _, s := range pendingSets {
		s.build(s.words)
	}
	pendingSets = nil
})

// keyID is the key's number, -1 for a key of no set.
func keyID(k string) int32 {
	if id, ok := keyIDs[k]; ok {
		return id
	}
	return -1
}

// keySet builds a set of keys from words written naturally. Sets made as
// package variables are the fast ones (see keyIDs).
func keySet(words ...string) *keywordSet {
	s := &keywordSet{late: keySetsFrozen}
	if s.late {
		s.build(words)
	} else {
		// A copy: keeping words itself would move every caller's
		// argument list to the heap, the sets made while reading too.
		s.words = slices.Clone(words)
		pendingSets = append(pendingSets, s)
	}
	return s
}

// build makes the set's map from its words and, for a package variable's
// set, its bits.
func (s *keywordSet) build(words []string) {
	s.m = make(map[string]bool, len(words))
	for _, w := range words {
		k := intentKey(w)
		s.m[k] = true
		if s.late {
			continue
		}
		id, ok := keyIDs[k]
		if !ok {
			id = int32(len(keyIDs))
			keyIDs[k] = id
		}
		for int(id>>6) >= len(s.bits) {
			s.bits = append(s.bits, 0)
		}
		s.bits[id>>6] |= 1 << (id & 63)
	}
	s.words = nil
}

// contains reports whether key k is in the set.
func (s *keywordSet) contains(k string) bool {
	buildKeySets()
	return s.m[k]
}

// in reports whether the utterance's word i is in the set (never in a nil
// set).
func (s *keywordSet) in(u *utterance, i int) bool {
	switch {
	case s == nil:
		return false
	case s.late:
		return s.m[u.keys[i]]
	}
	id := u.ids[i]
	return id >= 0 && int(id>>6) < len(s.bits) && s.bits[id>>6]&(1<<(id&63)) != 0
}

// has reports whether any word of the message is in the set.
func (u *utterance) has(set *keywordSet) bool { return u.find(set, 0) >= 0 }

// hasMap reports whether any key of the message is in the map (of words
// that are no keys: compared as they are).
func (u *utterance) hasMap(m map[string]bool) bool {
	for _, k := range u.keys {
		if m[k] {
			return true
		}
	}
	return false
}

// find returns the index of the first word at or after from that is in the set.
func (u *utterance) find(set *keywordSet, from int) int {
	for i := from; i < len(u.ids); i++ {
		if set.in(u, i) {
			return i
		}
	}
	return -1
}

// keyed is a word in the form the rules compare words in (intentKey),
// worked out once by keyOf.
type keyed string

func keyOf(w string) keyed { return keyed(intentKey(w)) }

// word reports whether the message contains the word.
func (u *utterance) word(k keyed) bool { return u.index(k) >= 0 }

func (u *utterance) index(k keyed) int {
	for i, x := range u.keys {
		if x == string(k) {
			return i
		}
	}
	return -1
}

// wordRun is a phrase of at most four words, keyed, made by phraseOf.
type wordRun struct {
	n  int
	ws [4]string
}

// phraseOf keys the words of a phrase ("tidak bisa").
func phraseOf(p string) wordRun {
	var r wordRun
	for rest := p; rest != "" && r.n < len(r.ws); r.n++ {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		r.ws[r.n] = intentKey(w)
	}
	return r
}

// phrase reports whether the words occur next to each other, in order.
func (u *utterance) phrase(p wordRun) bool {
	n, ws := p.n, &p.ws
	for i := 0; i+n <= len(u.keys); i++ {
		j := 0
		for j < n && u.keys[i+j] == ws[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

// near reports whether a word of set a is followed by a word of set b at most
// within words later.
func (u *utterance) near(a, b *keywordSet, within int) bool {
	for i := range u.ids {
		if !a.in(u, i) {
			continue
		}
		for j := i + 1; j <= i+within && j < len(u.ids); j++ {
			if b.in(u, j) {
				return true
			}
		}
	}
	return false
}

// around reports whether a word of set b is within n words of position i.
func (u *utterance) around(i int, b *keywordSet, n int) bool {
	for j := i - n; j <= i+n; j++ {
		if j != i && j >= 0 && j < len(u.ids) && b.in(u, j) {
			return true
		}
	}
	return false
}

// before reports whether a word of set b is among the n words before position i.
func (u *utterance) before(i int, b *keywordSet, n int) bool {
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if b.in(u, j) {
			return true
		}
	}
	return false
}

var qtyWordKeys = keySet("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
	"sembilan", "sepuluh", "sebelas", "selusin", "sekodi", "setengah", "seperempat", "sekilo", "sebiji")

// isQuantity reports a digit run or a number word ("2", "dua", "2x", "3pcs").
func isQtyKey(k string) bool {
	if qtyWordKeys.contains(k) {
		return true
	}
	n := 0
	for _, r := range k {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	if n == 0 || n > 4 {
		return false
	}
	rest := k[n:]
	return rest == "" || rest == "x" || rest == "pcs" || rest == "pc" || rest == "kg" || rest == "lusin"
}

func (u *utterance) hasQuantity() bool {
	for _, k := range u.keys {
		if isQtyKey(k) {
			return true
		}
	}
	return false
}

// replyFillers carry politeness, not meaning.
var replyFillers = keySet("kak", "min", "mbak", "mba", "mas", "bang", "bu", "ibu", "pak", "om", "tante",
	"dong", "deh", "sih", "aja", "saja", "nih", "tuh", "lah", "yah", "kan", "dulu", "juga", "say",
	"beb", "nya", "kok", "gitu", "banget", "mimin", "admin", "semua", "semuanya")

var (
	yesWords = keySet("ya", "oke", "sip", "siap", "benar", "betul", "boleh", "setuju", "lanjut",
		"lanjutkan", "gas", "mantap", "mantab", "deal", "yes", "yoi", "good", "baik", "sesuai", "cocok",
		"sudah", "jadi", "pas", "aman", "oce", "okeh", "okesip", "gapapa", "bener", "sep", "fix", "ditunggu", "tunggu", "noted")
	noWords = keySet("tidak", "belum", "bukan", "jangan", "salah", "gausah", "usah", "nanti", "skip", "nope", "enggak", "ndak", "nggak")
)

// shortReply reads a bare yes or no ("iya bener kak", "gak kak", "belum").
// It runs before the topic rules so "salah kak" or "belum kak" are an answer
// to the bot's question and not a complaint.
func (u *utterance) shortReply() (Intent, bool) {
	var content []string
	for _, k := range u.keys {
		if !replyFillers.contains(k) {
			content = append(content, k)
		}
	}
	if len(content) == 0 {
		if u.word(kwAdmin) || u.word(kwMimin) {
			return IntentHuman, true
		}
		return IntentGreeting, true // "kak", "min": a call for attention
	}
	if len(content) > 5 {
		return "", false
	}
	neg := false
	for _, k := range content {
		switch {
		case noWords.contains(k):
			neg = true
		case yesWords.contains(k):
		default:
			return "", false
		}
	}
	if neg {
		return IntentConfirmNo, true
	}
	return IntentConfirmYes, true
}

var settledWords = keySet("sampai", "diterima", "terima", "datang", "beres", "selesai", "aman")

// arrived is a positive report after a complaint was closed: "sudah sampai
// kak", "udah diterima".
func (u *utterance) arrived() bool {
	return u.word(kwSudah) && u.has(settledWords)
}

var hypotheticalWords = keySet("kalau", "kalo", "klo", "klau", "jika", "jikalau", "seandainya", "misal", "misalnya", "andai", "apabila", "bila")

// hypothetical: "kalau rusak bisa retur?" asks about a policy, it does not
// report a problem.
func (u *utterance) hypothetical() bool {
	return u.has(hypotheticalWords) && !u.word(kwKok) && !u.word(kwSudah)
}

var (
	fraudWords = keySet("penipu", "penipuan", "tipu", "nipu", "menipu", "ditipu", "scam", "scammer", "fraud")
	fraudDoubt = keySet("bukan", "takut", "tidak", "khawatir", "kuatir", "banyak", "marak", "maraknya", "aman", "amanah", "trusted")
	trustWords = keySet("kan", "amanah", "terpercaya", "trusted", "aman")
)

// fraudQuestion: fear of fraud is the commonest doubt of online buyers (the
// seed): "aman kan kak? bukan penipuan?" deserves the shop's identity.
func (u *utterance) fraudQuestion() bool {
	i := u.find(fraudWords, 0)
	if i < 0 {
		return false
	}
	return u.before(i, fraudDoubt, 3) || u.around(i, trustWords, 3)
}
