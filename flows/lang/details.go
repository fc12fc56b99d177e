package lang

import (
	"strings"
	"unicode"
)

var (
	// addressAbbrev are abbreviations that appear only in addresses.
	addressAbbrev = map[string]bool{"jl": true, "jln": true, "gg": true, "rt": true, "rw": true, "kel": true,
		"kec": true, "kab": true, "perum": true, "blok": true, "blk": true, "komp": true, "kp": true,
		"dsn": true, "ds": true, "kav": true, "apt": true, "lrg": true, "lingk": true,
		"kompl": true, "perumnas": true, "rusun": true, "ruko": true, "kavling": true}
	// addressWords are full words that usually, not always, mean an address.
	addressWords = map[string]bool{"jalan": true, "gang": true, "kelurahan": true, "kecamatan": true,
		"kabupaten": true, "kota": true, "desa": true, "dusun": true, "perumahan": true, "komplek": true,
		"kompleks": true, "kampung": true, "apartemen": true, "apartment": true, "cluster": true,
		"residence": true, "dukuh": true, "lorong": true, "nagari": true, "jorong": true, "banjar": true,
		"lingkungan": true, "asrama": true, "kost": true, "kos": true, "provinsi": true, "griya": true,
		"villa": true, "tower": true, "lantai": true, "blok": true, "raya": true}
	// placeNames are big cities and regencies, so that "Bekasi" or
	// "Sleman DIY" reads as part of an address.
	placeNames = map[string]bool{}
)

func init() {
	for _, p := range strings.Fields(`jakarta bekasi bogor depok tangerang bandung cimahi cirebon sukabumi
		tasikmalaya garut karawang purwakarta subang sumedang cianjur indramayu kuningan majalengka
		semarang surakarta yogyakarta sleman bantul gunungkidul kulonprogo magelang klaten boyolali
		sukoharjo wonogiri karanganyar sragen kudus jepara pati demak salatiga pekalongan tegal brebes
		purwokerto banyumas cilacap kebumen purworejo wonosobo temanggung kendal batang pemalang rembang
		blora grobogan surabaya sidoarjo gresik malang kediri blitar madiun jember banyuwangi probolinggo
		pasuruan mojokerto tulungagung lamongan tuban bojonegoro ponorogo ngawi nganjuk jombang trenggalek
		pacitan magetan situbondo bondowoso lumajang sampang pamekasan sumenep bangkalan denpasar badung
		gianyar tabanan buleleng klungkung mataram lombok kupang medan binjai deliserdang pematangsiantar
		padang bukittinggi payakumbuh pekanbaru dumai batam tanjungpinang jambi palembang prabumulih
		bengkulu lampung metro serang cilegon pandeglang lebak pontianak singkawang banjarmasin banjarbaru
		samarinda balikpapan bontang palangkaraya tarakan makassar gowa maros parepare palopo manado bitung
		palu kendari gorontalo ambon ternate jayapura sorong merauke manokwari aceh lhokseumawe langsa
		banten bali papua maluku riau kalimantan sulawesi sumatera jawa jabodetabek jogja solo diy dki
		jaksel jakbar jaktim jakut jakpus tangsel sidoarjo cikarang cibubur serpong bintaro ciputat
		pamulang cileungsi cibinong`) {
		placeNames[p] = true
	}
}

// detailChatWords are words of conversation, never of a name or an address.
var detailChatWords = keySet("kak", "min", "oke", "ya", "tidak", "berapa", "halo", "makasih", "sip", "siap",
	"mau", "order", "pesan", "ready", "sudah", "belum", "bisa", "ada", "apa", "dong", "deh", "sih",
	"aja", "saja", "nih", "yes", "bagaimana", "kapan", "dimana", "mana", "kenapa", "cod", "transfer",
	"alamat", "nama", "nomor", "hp", "wa", "harga", "ongkir", "stok", "info", "cek", "tolong", "mohon",
	"maaf", "permisi", "salam", "selamat", "pagi", "siang", "sore", "malam", "terima", "kasih",
	"mantap", "baik", "benar", "lanjut", "batal", "cancel", "itu", "ini", "yang", "dan", "atau", "ke",
	"dari", "untuk", "dengan", "sama", "saya", "kamu", "kami", "kita", "dia", "jadi", "kok", "juga",
	"lagi", "dulu", "nanti", "gimana", "katalog", "resi", "paket", "pesanan", "kirim", "dikirim",
	"sampai", "bayar", "rekening", "admin", "cs", "p", "tes", "test", "fix", "ambil", "beli", "lah",
	"kah", "tanya", "dimana", "di", "total", "diskon", "promo", "komplain", "rusak", "salah", "lama",
	"oh", "hmm", "wkwk", "haha", "hehe", "ok", "okey", "noted", "done", "cukup", "sekian", "belom",
	// SQL and markup words: "'; DROP TABLE orders;--" is not a name.
	"drop", "table", "select", "delete", "insert", "union", "script", "null")

// addrTokens lower-cases and splits an address into letter/digit runs.
func addrTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// isPostalCode is five digits, first not zero: Indonesian postal codes run
// from 10110 to 99976.
func isPostalCode(t string) bool {
	if len(t) != 5 || t[0] < '1' || t[0] > '9' {
		return false
	}
	return digitCount(t) == 5
}

// LooksLikeAddress reports whether a text reads as an address or part of
// one: street and area markers (jl, gg, rt/rw, kel, kec, kab, perum, blok,
// komplek, dusun…), a postal code, a known city. Chat ("sudah jalan belum
// kak?", "ongkir ke bekasi brp") does not count.
func LooksLikeAddress(text string) bool {
	text = capRunes(text, MaxParseRunes)
	toks := addrTokens(text)
	if len(toks) == 0 || !containsLetter(text) {
		return false
	}
	strong, weak, chat, digits := false, false, 0, false
	for i, t := range toks {
		switch {
		case addressAbbrev[t], isPostalCode(t):
			strong = true
		case (strings.HasPrefix(t, "rt") || strings.HasPrefix(t, "rw")) && len(t) > 2 && digitCount(t) == len(t)-2:
			strong = true // "RT03/RW05"
		case addressWords[t], placeNames[t]:
			weak = true
		case (t == "no" || t == "nomor" || t == "nmr") && i+1 < len(toks) && digitCount(toks[i+1]) > 0:
			weak = true
		}
		if detailChatWords.contains(intentKey(t)) || detailChatWords.contains(intentKey(Normalize(t))) {
			chat++
		}
		if digitCount(t) > 0 {
			digits = true
		}
	}
	switch {
	case strong:
		return chat < 2 || digits
	case weak:
		return chat == 0 || (digits && chat < 2)
	}
	return false
}

// LooksLikeName reports whether a text can be a person's name: one to five
// words of letters (and ' . -), no digits, no chat words ("ok kak",
// "berapa kak" are not names).
func LooksLikeName(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > MaxNameRunes {
		return false
	}
	words := strings.Fields(text)
	if len(words) > 5 {
		return false
	}
	letters := 0
	for _, w := range words {
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				letters++
			case r == '\'' || r == '.' || r == '-' || r == '’' || unicode.Is(unicode.Cf, r):
				// Cf: bidi and zero-width marks are removed when stored.
			default:
				return false
			}
		}
		k := strings.ToLower(strings.Trim(w, ".'-’"))
		if detailChatWords.contains(intentKey(k)) || detailChatWords.contains(intentKey(Normalize(k))) || courierKeyOf(k) != "" {
			return false
		}
	}
	if letters < 2 {
		return false
	}
	return DetectIntent(Normalize(text)) == IntentUnknown
}

// detailSegment kinds for ParseDetails.
const (
	segOther = iota
	segName
	segAddress
	segPhone
	segCourier
)

type detailSegment struct {
	text string
	kind int
}

// courierFillers may stand next to a courier's name in a short answer:
// "via jne aja kak".
var courierFillers = keySet("via", "pakai", "pake", "kurir", "ekspedisi", "kirim", "dikirim", "lewat",
	"aja", "saja", "ya", "kak", "min", "reg", "yes", "express", "ekspres", "oke", "dong", "mau", "saja", "regular", "reguler")

// ParseDetails reads delivery details typed without labels, in one message
// or one line: "Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281,
// 081234500003, sicepat". Each comma- or line-separated detailSegment is read as
// a phone, a courier, an address part or a name; adjacent address parts
// are merged, since addresses contain commas. Only the fields found are
// set. A labelled format order is read with ParseOrderForm.
func ParseDetails(text string, couriers []string) OrderForm {
	if f, ok := ParseOrderForm(text, couriers); ok {
		return f
	}
	var f OrderForm
	var segs []detailSegment
	for _, line := range strings.Split(stripMarkers(text), "\n") {
		if l, ok := splitLabel(line); ok && l.sep {
			// A single labelled line ("Alamat: …") among free details.
			var addr []string
			f.set(l, couriers, &addr)
			if len(addr) > 0 {
				segs = append(segs, detailSegment{text: strings.Join(addr, ", "), kind: segAddress})
			}
			continue
		}
		for _, s := range splitList(line) {
			if len(segs) >= 60 {
				break
			}
			segs = append(segs, f.classify(strings.TrimSpace(s), couriers)...)
		}
	}
	f.mergeSegments(segs)
	return f
}

// classify reads one detailSegment; a phone inside it ("Sari 0812…") is taken
// out and the rest classified on its own.
func (f *OrderForm) classify(s string, couriers []string) []detailSegment {
	if cleanValue(s) == "" {
		return nil
	}
	if !containsLetter(s) && digitCount(s) >= 8 {
		if p, err := NormalizePhone(s); err == nil {
			return []detailSegment{{text: p, kind: segPhone}}
		}
	}
	if p, rest, ok := FindPhone(s); ok {
		out := []detailSegment{{text: p, kind: segPhone}}
		if strings.TrimSpace(rest) != "" {
			if r := f.classify(strings.TrimSpace(rest), couriers); len(r) > 0 && r[0].kind != segPhone {
				out = append(r, out...) // keep the rest where it was written
			}
		}
		return out
	}
	if LooksLikeAddress(s) {
		return []detailSegment{{text: s, kind: segAddress}}
	}
	if c, ok := courierSegment(s, couriers); ok {
		return []detailSegment{{text: c, kind: segCourier}}
	}
	if LooksLikeName(s) {
		return []detailSegment{{text: s, kind: segName}}
	}
	return []detailSegment{{text: s, kind: segOther}}
}

// courierSegment reads a short answer that names a courier. A courier the
// shop does not use is still recognised (so it is not taken for a name)
// but stored as "".
func courierSegment(s string, couriers []string) (string, bool) {
	toks := addrTokens(s)
	if len(toks) == 0 || len(toks) > 6 {
		return "", false
	}
	if _, ok := MatchCourier(s, nil); !ok {
		if c, ok := MatchCourier(s, couriers); ok {
			return c, true // a shop's own courier missing from the built-in list
		}
		return "", false
	}
	others := 0
	for _, t := range toks {
		if !courierFillers.contains(intentKey(t)) && courierKeyOf(t) == "" {
			others++
		}
	}
	if others > 2 {
		return "", false
	}
	c, _ := MatchCourier(s, couriers)
	return c, true
}

// mergeSegments turns classified segments into fields. The address runs
// from its first to its last address detailSegment, taking in what lies between
// ("Sukarame" between a street and a city); a name-like detailSegment before it
// is the name, and name-like segments after it are more address when the
// name is already known ("…, Sukarame, Bandar Lampung").
func (f *OrderForm) mergeSegments(segs []detailSegment) {
	first, last := -1, -1
	for i, s := range segs {
		if s.kind == segAddress {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	var addr []string
	name := ""
	for i, s := range segs {
		switch {
		case s.kind == segPhone:
			if f.Phone == "" {
				f.Phone = s.text
			}
		case s.kind == segCourier:
			if f.Courier == "" {
				f.Courier = s.text
			}
		case first >= 0 && i >= first && i <= last:
			if s.kind != segOther || digitCount(s.text) > 0 || containsLetter(s.text) {
				addr = append(addr, s.text)
			}
		case s.kind == segName && name == "" && (first < 0 || i < first):
			name = s.text
		case s.kind == segName && first >= 0 && i > last:
			if name == "" && f.Name == "" && !laterName(segs[i+1:]) {
				name = s.text
			} else if contiguous(segs, last, i) {
				addr = append(addr, s.text)
			}
		}
	}
	if f.Name == "" && name != "" {
		f.Name = Clean(name, MaxNameRunes)
	}
	if len(addr) > 0 && f.Address == "" {
		f.Address = joinAddress(addr)
	}
}

// laterName reports whether another name-like detailSegment follows, so the
// current one is still part of the address.
func laterName(segs []detailSegment) bool {
	for _, s := range segs {
		if s.kind == segName {
			return true
		}
	}
	return false
}

// contiguous reports whether only name-like segments lie between the end
// of the address and position i, so a trailing place joins the address.
func contiguous(segs []detailSegment, last, i int) bool {
	for j := last + 1; j < i; j++ {
		if segs[j].kind != segName {
			return false
		}
	}
	return true
}
