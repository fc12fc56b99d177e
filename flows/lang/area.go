package lang

import (
	"strings"
	"unicode"
)

// placeStop are words that end a place name in a shipping question.
var placeStop = keySet("kak", "min", "ya", "berapa", "ongkir", "kirim", "dikirim", "biaya", "harga",
	"dong", "deh", "sih", "nih", "kira", "kurang", "lebih", "pake", "pakai", "via", "lewat", "apa",
	"bisa", "tidak", "ada", "mau", "saya", "alamat", "sana", "situ", "mana", "dimana", "yang", "untuk",
	"ke", "dari", "dan", "atau", "kalau", "kalo", "order", "pesan", "beli", "barang", "paket", "hari",
	"lama", "estimasi", "sampai", "itu", "ini", "juga", "total", "semua", "tolong", "cek", "mohon",
	"info", "luar", "dalam", "gan", "rumah", "kantor", "aja", "saja", "kah", "nya", "sekitar", "reg",
	"oke", "kg", "kilo", "gram", "pcs", "berat", "bagaimana", "kapan", "daerah", "wilayah", "area",
	"tujuan", "di", "kota", "kab", "kabupaten", "provinsi", "prov", "jadi", "makasih", "dulu", "gimana",
	"pengiriman", "ongkos", "kurir", "ekspedisi", "cod", "sama", "juga", "kah", "mbak", "mas", "ready",
	"stok", "gratis", "free", "flat", "murah", "mahal", "paling", "kurir", "kirimnya", "sudah", "belum",
	"kok", "kenapa", "mengapa", "emang", "memang", "banget", "sekali", "terlalu", "masa", "lho", "loh",
	"kan", "tapi", "terus", "aku", "kamu", "tuh", "yaudah", "udah", "ok", "sip", "mohon", "maaf")

// placeKeep are administrative words kept at the start of a named place:
// "kab bandung barat" and "bandung barat" may be different rates.
var placeKeep = map[string]bool{"kab": true, "kabupaten": true, "kota": true}

// DetectPlace returns the place named in a shipping question ("ongkir ke
// bekasi brp kak" -> "bekasi"), lower case as written, "" when none. The
// words after "ke" are the strongest cue, then those after "ongkir",
// "daerah" and the like, then any run of non-chat words.
func DetectPlace(norm string) string {
	words := strings.FieldsFunc(norm, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '/' || r == '?' })
	for i := range words {
		words[i] = strings.Trim(words[i], ".-+")
	}
	if len(words) > 60 {
		words = words[:60]
	}
	for _, triggers := range [][]string{
		{"ke"},
		{"ongkir", "ongkos", "kirim", "dikirim", "pengiriman"},
		{"daerah", "wilayah", "area", "tujuan", "untuk", "di", "sampai"},
	} {
		for i, w := range words {
			if !wordIn(w, triggers) {
				continue
			}
			if p := placeRun(words, i+1); p != "" {
				return p
			}
		}
	}
	// "bekasi ongkirnya brp": the place before the cue, but only in a
	// shipping question, so a product name is not taken for a place.
	cue := false
	for _, w := range words {
		if k := intentKey(w); k == "ongkir" || k == "kirim" || k == "dikirim" || k == "pengiriman" || k == "ekspedisi" {
			cue = true
		}
	}
	for i := 0; cue && i < len(words); i++ {
		if p := placeRun(words, i); p != "" {
			return p
		}
	}
	return ""
}

func wordIn(w string, list []string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}

// placeRun reads up to four place words from words[i:].
func placeRun(words []string, i int) string {
	var out []string
	for ; i < len(words) && len(out) < 4; i++ {
		w := words[i]
		if placeKeep[w] && len(out) == 0 {
			out = append(out, w)
			continue
		}
		if !isPlaceWord(w) {
			break
		}
		out = append(out, w)
	}
	if len(out) == 0 || placeKeep[out[len(out)-1]] {
		return "" // "ke luar kota" names no place
	}
	return strings.Join(out, " ")
}

func isPlaceWord(w string) bool {
	if len(w) < 2 || placeStop.contains(intentKey(w)) || courierKeyOf(w) != "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

// placeAlias maps common short and local names to the name areas use.
var placeAlias = map[string][]string{
	"jogja": {"yogyakarta"}, "yogya": {"yogyakarta"}, "jogjakarta": {"yogyakarta"}, "djogja": {"yogyakarta"},
	"jogya": {"yogyakarta"}, "diy": {"yogyakarta"}, "jogyakarta": {"yogyakarta"},
	"jkt": {"jakarta"}, "jaksel": {"jakarta", "selatan"}, "jakbar": {"jakarta", "barat"},
	"jaktim": {"jakarta", "timur"}, "jakut": {"jakarta", "utara"}, "jakpus": {"jakarta", "pusat"},
	"jabar": {"jawa", "barat"}, "jateng": {"jawa", "tengah"}, "jatim": {"jawa", "timur"},
	"sumut": {"sumatera", "utara"}, "sumbar": {"sumatera", "barat"}, "sumsel": {"sumatera", "selatan"},
	"sumatra": {"sumatera"}, "kalbar": {"kalimantan", "barat"}, "kalteng": {"kalimantan", "tengah"},
	"kalsel": {"kalimantan", "selatan"}, "kaltim": {"kalimantan", "timur"}, "kaltara": {"kalimantan", "utara"},
	"sulsel": {"sulawesi", "selatan"}, "sulteng": {"sulawesi", "tengah"}, "sultra": {"sulawesi", "tenggara"},
	"sulut": {"sulawesi", "utara"}, "sulbar": {"sulawesi", "barat"}, "ntb": {"nusa", "tenggara", "barat"},
	"ntt": {"nusa", "tenggara", "timur"}, "babel": {"bangka", "belitung"}, "kepri": {"kepulauan", "riau"},
	"tangsel": {"tangerang", "selatan"}, "bdg": {"bandung"}, "sby": {"surabaya"}, "smg": {"semarang"},
	"solo": {"surakarta"}, "jabodetabek": {"jakarta"}, "makasar": {"makassar"},
}

// areaPrefix are administrative words in front of a place name.
var areaPrefix = map[string]string{
	"kab": "kab", "kabupaten": "kab", "kota": "kota", "kotamadya": "kota", "kodya": "kota",
	"provinsi": "prov", "prov": "prov", "propinsi": "prov", "dki": "prov", "di": "prov", "d": "prov",
	"i": "prov", "daerah": "prov", "istimewa": "prov", "khusus": "prov", "ibukota": "prov",
}

// provinces (and the big islands) rank below cities in FindArea: an address
// names both, and the city's rate is the specific one.
var provinces = map[string]bool{
	"aceh": true, "sumatera utara": true, "sumatera barat": true, "riau": true, "kepulauan riau": true,
	"jambi": true, "bengkulu": true, "sumatera selatan": true, "bangka belitung": true,
	"kepulauan bangka belitung": true, "lampung": true, "banten": true, "jakarta": true,
	"jawa barat": true, "jawa tengah": true, "yogyakarta": true, "jawa timur": true, "bali": true,
	"nusa tenggara barat": true, "nusa tenggara timur": true, "kalimantan barat": true,
	"kalimantan tengah": true, "kalimantan selatan": true, "kalimantan timur": true,
	"kalimantan utara": true, "sulawesi utara": true, "gorontalo": true, "sulawesi tengah": true,
	"sulawesi barat": true, "sulawesi selatan": true, "sulawesi tenggara": true, "maluku": true,
	"maluku utara": true, "papua": true, "papua barat": true, "papua tengah": true,
	"papua pegunungan": true, "papua selatan": true, "papua barat daya": true, "jawa": true,
	"sumatera": true, "kalimantan": true, "sulawesi": true, "jabodetabek": true,
}

// placeTokens lower-cases, splits on anything not a letter or digit and
// expands aliases. It leaves slang alone, unlike Normalize, because place
// names are not chat words.
func placeTokens(s string) []string {
	s = capRunes(s, MaxParseRunes)
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if a, ok := placeAlias[w]; ok {
			out = append(out, a...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// areaMatch ranks one configured area found in a text; higher is better,
// compared field by field.
type areaMatch struct {
	city   int // 1 unless the area is a province
	words  int // words of the area's name matched
	exact  int // of which spelled exactly
	prefix int // 1 when "kab"/"kota" in the text agrees with the area, -1 when it contradicts
}

func (a areaMatch) better(b areaMatch) bool {
	switch {
	case a.city != b.city:
		return a.city > b.city
	case a.words != b.words:
		return a.words > b.words
	case a.exact != b.exact:
		return a.exact > b.exact
	}
	return a.prefix > b.prefix
}

// FindArea returns which configured area (city or province, as given in
// areas) a text or an address names. Matching ignores case, reads several
// words, tolerates small typos ("makasar", "bekasih") and common short
// names ("jogja", "jaksel", "jabar"), and prefers the most specific area:
// a city over a province, a longer name over a shorter one.
func FindArea(text string, areas []string) (string, bool) {
	return NewAreas(areas).Find(text)
}

// Areas is a list of configured areas read once, for the many lookups of
// one turn.
type Areas struct {
	names    []string
	cores    [][]string // each area's place words
	prefixes []string   // each area's administrative prefix
	city     []int      // 0 for a province, 1 otherwise
}

// NewAreas reads the area names (cities or provinces, with aliases).
func NewAreas(names []string) *Areas {
	a := &Areas{names: names, cores: make([][]string, len(names)), prefixes: make([]string, len(names)),
		city: make([]int, len(names))}
	for i, n := range names {
		a.cores[i], a.prefixes[i] = areaCore(n)
		if !provinces[strings.Join(a.cores[i], " ")] {
			a.city[i] = 1
		}
	}
	return a
}

// Find is FindArea on the areas read.
func (a *Areas) Find(text string) (string, bool) {
	toks := placeTokens(text)
	return a.find(toks, afterStreet(toks), 0)
}

// find looks for the areas named in toks from position from on; the words
// before from still tell "kab" from "kota" and a street's name from a town.
// street[i] tells whether toks[i] follows a street word (see afterStreet).
func (a *Areas) find(toks []string, street []bool, from int) (string, bool) {
	if len(toks) <= from {
		return "", false
	}
	// An area's first word matches a word with the same first letter only
	// (see similarPlace): areas starting with none of the text's are skipped.
	var firsts [4]uint64
	for _, t := range toks[from:] {
		if t != "" {
			firsts[t[0]>>6] |= 1 << (t[0] & 63)
		}
	}
	best, found := areaMatch{}, -1
	for ai, core := range a.cores {
		if len(core) == 0 || core[0] != "" && firsts[core[0][0]>>6]&(1<<(core[0][0]&63)) == 0 {
			continue
		}
		m, ok := matchArea(toks, street, from, core, a.prefixes[ai])
		if !ok {
			continue
		}
		m.city = a.city[ai]
		if found < 0 || m.better(best) {
			best, found = m, ai
		}
	}
	if found < 0 {
		return "", false
	}
	return a.names[found], true
}

// FindInAddress finds the area of an address from its end, where Indonesian
// addresses name the city: the shortest run of last words that names a
// city decides ("Jl. Bandung No. 5, Bekasi" is Bekasi), read with the word
// before it ("Kab. Bekasi, 17530" is the regency, not the city); a province
// only when no city is named. At most the last 80 words are read.
func (a *Areas) FindInAddress(addr string) (string, bool) {
	words := strings.Fields(capRunes(addr, MaxParseRunes))
	if len(words) > 80 {
		words = words[len(words)-80:]
	}
	// Splitting the words one by one gives the same tokens as splitting
	// their join, so each run of last words is a tail of one slice.
	var toks []string
	starts := make([]int, len(words))
	for i, w := range words {
		starts[i] = len(toks)
		toks = append(toks, placeTokens(w)...)
	}
	province := ""
	street := afterStreet(toks)
	for i := len(words) - 1; i >= 0; i-- {
		name, ok := a.find(toks, street, starts[i])
		if !ok {
			continue
		}
		if !a.isProvince(name) {
			return name, true
		}
		if province == "" {
			// "…, Kota Depok, Jawa Barat 16415": the city before the
			// province is the specific rate; keep reading.
			province = name
		}
	}
	return province, province != ""
}

// isProvince reports whether a found area is a province (or a big island).
func (a *Areas) isProvince(name string) bool {
	for i, n := range a.names {
		if n == name {
			return a.city[i] == 0
		}
	}
	return false
}

// afterStreet tells for each token whether the one before it is a street
// word ("jalan bandung" is no town): worked out once for all areas.
func afterStreet(toks []string) []bool {
	street := make([]bool, len(toks))
	for i := 1; i < len(toks); i++ {
		street[i] = streetWords[toks[i-1]]
	}
	return street
}

// areaCore splits an area name into its place words and its administrative
// prefix ("Kab. Bandung Barat" -> [bandung barat], "kab").
func areaCore(area string) ([]string, string) {
	toks := placeTokens(area)
	prefix := ""
	for len(toks) > 1 {
		p, ok := areaPrefix[toks[0]]
		if !ok {
			break
		}
		if prefix == "" || p != "prov" {
			prefix = p
		}
		toks = toks[1:]
	}
	return toks, prefix
}

var streetWords = map[string]bool{"jl": true, "jln": true, "jalan": true, "gg": true, "gang": true, "perum": true, "komplek": true, "kompleks": true}

// matchArea finds core in toks; a name right after "Jl." is a street, not
// the place ("Jl. Surabaya No. 5, Malang").
func matchArea(toks []string, street []bool, from int, core []string, prefix string) (areaMatch, bool) {
	best, ok := areaMatch{}, false
	for i := from; i+len(core) <= len(toks); i++ {
		if street[i] {
			continue
		}
		exact := 0
		match := true
		for j, c := range core {
			t := toks[i+j]
			if t == c {
				exact++
				continue
			}
			if !similarPlace(t, c) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		m := areaMatch{words: len(core), exact: exact}
		var textPrefix string
		if i > 0 {
			textPrefix = areaPrefix[toks[i-1]]
		}
		switch {
		case textPrefix == prefix || (prefix == "prov" && textPrefix == ""):
			m.prefix = 1
		case textPrefix != "" && prefix != "" && textPrefix != "prov" && prefix != "prov":
			m.prefix = -1 // "kota bandung" is not "Kab. Bandung"
		}
		if !ok || m.better(best) {
			best, ok = m, true
		}
	}
	return best, ok
}

// notPlaceTypo are everyday words one letter away from a place name
// ("sekarang" / Semarang, "sedang" / Serang, "tebal" / Tegal, "bantu" /
// Bantul): they name a place only when spelled exactly like one.
var notPlaceTypo = map[string]bool{"sekarang": true, "sedang": true, "senang": true, "sering": true,
	"serong": true, "bantu": true, "bantal": true, "bekas": true, "bocor": true, "lebar": true, "lebat": true,
	"tebal": true, "tegak": true, "tegar": true, "tegas": true, "kurus": true, "maling": true}

// similarPlace accepts one typo in a word of five letters or more and two
// in a word of eight or more; the first letter must agree, which keeps
// "malam" from meaning "malang".
func similarPlace(t, c string) bool {
	if len(c) < 5 || len(t) < 4 || t[0] != c[0] || notPlaceTypo[t] {
		return false
	}
	d := Levenshtein(t, c)
	return d <= 1 || (len(c) >= 8 && d <= 2)
}

// knownCourier is one known Indonesian courier with the compact spellings
// customers use (letters and digits only, lower case).
type knownCourier struct {
	name    string
	aliases []string
}

var knownCouriers = []knownCourier{
	{"JNE", []string{"jne", "jnereg", "jneyes", "jneoke", "jnetrucking", "jtr"}},
	{"J&T", []string{"jnt", "jt", "jntexpress", "jtexpress", "jandt", "jntreg"}},
	{"J&T Cargo", []string{"jntcargo", "jtcargo"}},
	{"SiCepat", []string{"sicepat", "sicepatreg", "sicepatekspres", "sicepathalu", "sicepatbest"}},
	{"AnterAja", []string{"anteraja", "antaraja", "anteraje"}},
	{"Pos Indonesia", []string{"pos", "posindonesia", "posindo", "kantorpos", "posaja"}},
	{"TIKI", []string{"tiki"}},
	{"Ninja Xpress", []string{"ninja", "ninjaxpress", "ninjaexpress"}},
	{"GoSend", []string{"gosend", "gojek", "gosendinstant", "gosendsameday"}},
	{"GrabExpress", []string{"grabexpress", "grab", "grabsend", "grabinstant"}},
	{"Lion Parcel", []string{"lion", "lionparcel"}},
	{"Wahana", []string{"wahana"}},
	{"SAP Express", []string{"sap", "sapexpress"}},
	{"ID Express", []string{"idexpress", "idx"}},
	{"Shopee Express", []string{"spx", "shopeeexpress"}},
	{"Indah Cargo", []string{"indahcargo"}},
	{"Paxel", []string{"paxel"}},
	{"Lalamove", []string{"lalamove"}},
	{"RPX", []string{"rpx"}},
	{"Sentral Cargo", []string{"sentralcargo"}},
}

// courierAlias maps a compact spelling to the built-in courier's name.
var courierAlias = func() map[string]string {
	m := map[string]string{}
	for _, c := range knownCouriers {
		m[courierCompact(c.name)] = c.name
		for _, a := range c.aliases {
			m[a] = c.name
		}
	}
	return m
}()

// courierCompact keeps lower-case letters and digits only: "J&T" -> "jt".
func courierCompact(s string) string {
	if isLowerAlnum(s) {
		return s // the common case, without allocating
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// courierKeyOf returns the built-in courier a single word names, or "".
func courierKeyOf(w string) string { return courierAlias[courierCompact(w)] }

// MatchCourier returns the courier a text names ("jnt", "j&t", "j n t",
// "jnt express" -> "J&T"; "si cepat" -> "SiCepat"), spelled as configured
// in couriers. A known courier the shop does not use gives ("", false) so
// the caller offers the ones it does. With no couriers configured it uses
// the built-in list of Indonesian couriers and returns its spelling. COD is
// a way to pay, not a courier, and never matches.
func MatchCourier(text string, couriers []string) (string, bool) {
	toks := placeTokens(text)
	if len(toks) > 200 {
		toks = toks[:200]
	}
	// Each configured courier is known by its built-in identity when there
	// is one ("JNE REG" is JNE), else by its own compact spelling.
	lookup := map[string]string{}
	configured := map[string]string{}
	for _, c := range couriers {
		k := courierCompact(c)
		if k == "" || k == "cod" {
			continue
		}
		id, ok := courierAlias[k]
		if !ok {
			id = "custom:" + k
			lookup[k] = id
		}
		if _, dup := configured[id]; !dup {
			configured[id] = c
		}
	}
	bestLen, bestID := 0, ""
	for i := range toks {
		if i > 0 && (toks[i-1] == "kode" || streetWords[toks[i-1]]) {
			continue // "kode pos 17510", "Jl. Pos"
		}
		joined := ""
		for n := 1; n <= 3 && i+n <= len(toks); n++ {
			joined += toks[i+n-1]
			id, ok := lookup[joined]
			if !ok {
				id, ok = courierAlias[joined]
			}
			if ok && n > bestLen {
				bestLen, bestID = n, id
			}
		}
		if bestLen > 0 {
			break // the first courier named wins; a longer spelling of it beats a shorter one
		}
	}
	if bestID == "" {
		return "", false
	}
	if len(couriers) == 0 {
		return bestID, true
	}
	if c, ok := configured[bestID]; ok {
		return c, true
	}
	return "", false
}
