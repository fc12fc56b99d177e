package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on what a customer can make us store (RELIABILITY.md case 16).
const (
	// MaxNameRunes caps a stored customer name.
	MaxNameRunes = 100
	// MaxAddressRunes caps a stored delivery address.
	MaxAddressRunes = 500
	maxItemRunes    = 200
	maxFormItems    = 50
	maxFormLines    = 200
)

// OrderForm is what a customer's delivery details say: the classic pasted
// "format order" or details typed freely. A field the customer left out or
// that could not be read is "", so the caller asks only for what is missing.
type OrderForm struct {
	Name, Phone, Address, Courier string
	Items                         []string // raw item lines as written ("pashmina ceruty dusty pink 3")
	Fields                        int      // how many labelled fields were recognised
	// PhoneRaw keeps a phone number as written when it is not a valid
	// Indonesian number; Phone is then "" so the caller asks again.
	PhoneRaw string
}

type fieldKind int

const (
	fieldName fieldKind = iota + 1
	fieldPhone
	fieldAddress
	fieldItems
	fieldCourier
	fieldAddressPart // "Kec.", "Kode pos": appended to the address
	fieldItemPart    // "Warna", "Jumlah": appended to the last item
	fieldIgnored     // "Catatan", "Pembayaran": read so they do not run into the address
)

// formLabel is one way customers write a field's label.
type formLabel struct {
	kind fieldKind
	// prefix is written in front of the value of an address part, so
	// "Kec : Tambun" becomes "Kec. Tambun" in the address.
	prefix string
}

var formLabels = func() map[string]formLabel {
	m := map[string]formLabel{}
	add := func(kind fieldKind, prefix string, labels ...string) {
		for _, l := range labels {
			m[l] = formLabel{kind: kind, prefix: prefix}
		}
	}
	add(fieldName, "", "nama", "nama lengkap", "nama penerima", "penerima", "nama pemesan", "pemesan",
		"nama pembeli", "pembeli", "atas nama", "a n", "name", "nama customer", "nama konsumen", "nama lengkap penerima")
	add(fieldPhone, "", "no hp", "hp", "wa", "no wa", "telp", "no telp", "nomor", "nomor hp", "nomor wa",
		"nomer hp", "nomer", "no whatsapp", "whatsapp", "nomor whatsapp", "telepon", "no telepon", "no tlp",
		"tlp", "telpon", "no telpon", "handphone", "no handphone", "kontak", "no kontak", "nomor telepon",
		"nomor telp", "no hp wa", "hp wa", "no wa hp", "wa hp", "phone", "no penerima", "hp penerima",
		"nomor penerima", "no tlpn", "nohp", "nowa", "notelp", "notlp", "nomor hp wa", "no telp hp", "telp hp",
		"no hp penerima", "nomer wa", "no handphone wa")
	add(fieldAddress, "", "alamat", "alamat lengkap", "alamat kirim", "alamat pengiriman", "alamat penerima",
		"alamat rumah", "alamat tujuan", "tujuan", "dikirim ke", "kirim ke", "pengiriman ke", "address",
		"alamat lengkap penerima", "alamat pengiriman lengkap")
	add(fieldItems, "", "pesanan", "order", "orderan", "barang", "produk", "item", "items", "nama barang",
		"nama produk", "detail pesanan", "list pesanan", "rincian pesanan", "isi pesanan", "pesan",
		"order list", "list order", "detail order", "produk yang dipesan", "barang yang dipesan", "pembelian")
	add(fieldCourier, "", "kurir", "ekspedisi", "pengiriman", "jasa kirim", "jasa pengiriman",
		"ekspedisi pengiriman", "via", "kirim via", "pengiriman via", "kurir pengiriman", "jasa ekspedisi", "expedisi")
	add(fieldAddressPart, "Kec. ", "kec", "kecamatan")
	add(fieldAddressPart, "Kel. ", "kel", "kelurahan")
	add(fieldAddressPart, "Desa ", "desa")
	add(fieldAddressPart, "Kab. ", "kab", "kabupaten")
	add(fieldAddressPart, "", "kota", "kota kab", "kota kabupaten", "provinsi", "prov", "kode pos", "kodepos", "kota kecamatan")
	add(fieldItemPart, "", "warna", "ukuran", "size", "jumlah", "qty", "varian", "model", "motif", "rasa",
		"tipe", "type", "jml", "quantity", "banyaknya", "variasi")
	add(fieldIgnored, "", "catatan", "keterangan", "note", "notes", "ket", "pembayaran", "metode pembayaran",
		"bayar", "payment", "total", "harga", "ongkir", "subtotal", "dropship", "pengirim", "nama pengirim",
		"no hp pengirim", "hp pengirim", "nama toko", "format order", "tanggal", "metode bayar")
	return m
}()

const maxLabelWords = 4

// labelled is one line split into its label and value.
type labelled struct {
	label formLabel
	value string
	sep   bool // written with ":" "=" or "-", which makes it certainly a label
}

// splitLabel reads a label at the start of a line: "Nama : Dewi",
// "No. HP = 0857", "Alamat - Jl…", "Nama Dewi".
func splitLabel(line string) (labelled, bool) {
	s := trimBullet(line)
	var words []string
	var ends []int
	i := 0
	for len(words) < maxLabelWords {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		if j == i {
			break
		}
		words = append(words, strings.ToLower(s[i:j]))
		ends = append(ends, j)
		// Between label words: spaces, "No. HP", "HP/WA", "(lengkap)".
		for j < len(s) && strings.IndexByte(" \t./&()", s[j]) >= 0 {
			j++
		}
		i = j
	}
	for k := len(words); k > 0; k-- {
		lab, ok := formLabels[strings.Join(words[:k], " ")]
		if !ok {
			continue
		}
		after := s[ends[k-1]:]
		if r, _ := utf8.DecodeRuneInString(after); after != "" && !unicode.IsSpace(r) && !strings.ContainsRune(".()/:=-–—>：", r) {
			continue // "Nama," or "Alamat?": not a label
		}
		rest := strings.TrimLeft(after, " \t.)")
		sep := false
		for rest != "" {
			r, n := utf8.DecodeRuneInString(rest)
			if !strings.ContainsRune(":=-–—>：", r) && !(sep && unicode.IsSpace(r)) {
				break
			}
			sep = true
			rest = rest[n:]
		}
		return labelled{label: lab, value: cleanValue(rest), sep: sep}, true
	}
	return labelled{}, false
}

// trimBullet drops list markers at the start of a line: "-", "•", "1.", "2)".
func trimBullet(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimLeft(s, "-•·▪►➤➡→>+◦‣ \t")
		n := 0
		for n < len(t) && n < 2 && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n > 0 && n < len(t) && (t[n] == '.' || t[n] == ')') && n+1 < len(t) && t[n+1] == ' ' {
			t = strings.TrimSpace(t[n+1:])
		}
		if t == s {
			return s
		}
		s = t
	}
}

// cleanValue trims separators and template placeholders ("____", "....").
func cleanValue(s string) string {
	s = strings.Trim(strings.TrimSpace(s), " \t.:=_-…")
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return s
		}
	}
	return ""
}

// stripMarkers removes WhatsApp formatting (*bold*, _italic_, ~strike~,
// ```mono```) and caps the text, since a label may be written as *Nama*.
func stripMarkers(text string) string {
	text = capRunes(text, MaxParseRunes)
	return strings.Map(func(r rune) rune {
		switch r {
		case '*', '_', '~', '`':
			return -1
		case '\r':
			return '\n'
		}
		return r
	}, text)
}

// formLines splits a message into lines, and a line holding several labels
// ("Nama: Dewi, HP: 0812…, Alamat: …") into one line per label.
func formLines(text string) []string {
	var out []string
	for n, line := range strings.Split(text, "\n") {
		if n == maxFormLines {
			break // a real format order has a few dozen lines
		}
		start := 0
		for i := 0; i < len(line); i++ {
			if c := line[i]; c != ',' && c != ';' && c != '|' {
				continue
			}
			if l, ok := splitLabel(line[i+1:]); ok && l.sep {
				out = append(out, line[start:i])
				start = i + 1
			}
		}
		out = append(out, line[start:])
	}
	return out
}

// plausible checks the value of a label written without a separator, since
// "alamat saya sama kak" starts with a label word but is chat.
func plausible(l labelled, couriers []string) bool {
	if l.sep {
		return true
	}
	v := l.value
	switch l.label.kind {
	case fieldName:
		return v == "" || LooksLikeName(dropLead(v, "saya"))
	case fieldPhone:
		return digitCount(v) >= 8
	case fieldAddress:
		return v == "" || LooksLikeAddress(v)
	case fieldItems:
		return v == "" || (containsLetter(v) && (digitCount(v) > 0 || hasNumberWord(v)))
	case fieldCourier:
		_, ok := MatchCourier(v, nil)
		return v == "" || ok
	case fieldAddressPart, fieldItemPart:
		return v != ""
	}
	return true // an ignored label only stops an address from running on
}

// ParseOrderForm reads the labelled "format order": "Nama : Dewi", "No HP =
// 0857…", "Alamat - …" (continuing on the next lines until another label),
// "Pesanan :" with "- item" lines or items on the same line separated by
// commas, "Kurir : J&T". Labels may come in any order and case, with ":",
// "=", "-" or no separator, in *bold*. ok is true when at least two of the
// five fields were labelled, even if empty (a pasted blank template is
// still a form, and the caller asks for every field).
func ParseOrderForm(text string, couriers []string) (OrderForm, bool) {
	var f OrderForm
	var addr []string
	seen := map[fieldKind]bool{}
	current := fieldKind(0)
	for _, line := range formLines(stripMarkers(text)) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		l, ok := splitLabel(line)
		if ok && !plausible(l, couriers) {
			ok = false
		}
		if !ok {
			current = f.continueField(current, line, &addr)
			continue
		}
		switch k := l.label.kind; k {
		case fieldName, fieldPhone, fieldAddress, fieldItems, fieldCourier:
			seen[k] = true
			current = k
		case fieldAddressPart:
			current = fieldAddress
		default:
			current = l.label.kind
		}
		f.set(l, couriers, &addr)
	}
	f.Address = joinAddress(addr)
	f.Fields = len(seen)
	return f, f.Fields >= 2
}

// set stores one labelled value.
func (f *OrderForm) set(l labelled, couriers []string, addr *[]string) {
	v := l.value
	switch l.label.kind {
	case fieldName:
		if f.Name == "" {
			f.Name = Clean(dropLead(dropLead(v, "saya"), "lengkap"), MaxNameRunes)
		}
	case fieldPhone:
		if f.Phone == "" && v != "" {
			f.setPhone(v)
		}
	case fieldAddress:
		if v = dropLead(v, "saya"); v != "" {
			*addr = append(*addr, v)
		}
	case fieldAddressPart:
		if v != "" {
			*addr = append(*addr, l.label.prefix+v)
		}
	case fieldItems:
		f.addItems(v)
	case fieldItemPart:
		if v == "" {
			return
		}
		if len(f.Items) == 0 {
			f.Items = append(f.Items, "")
		}
		last := &f.Items[len(f.Items)-1]
		*last = Clean(strings.TrimSpace(*last+" "+v), maxItemRunes)
	case fieldCourier:
		if f.Courier == "" {
			f.Courier, _ = MatchCourier(v, couriers)
		}
	}
}

// setPhone keeps a valid number normalised; anything else only as PhoneRaw.
func (f *OrderForm) setPhone(v string) {
	if p, err := NormalizePhone(v); err == nil {
		f.Phone, f.PhoneRaw = p, ""
		return
	}
	if p, _, ok := FindPhone(v); ok {
		f.Phone, f.PhoneRaw = p, ""
		return
	}
	f.PhoneRaw = Clean(v, 40)
}

// continueField handles a line without a label: more address or items
// after those labels, chat otherwise.
func (f *OrderForm) continueField(current fieldKind, line string, addr *[]string) fieldKind {
	line = strings.TrimSpace(line)
	if chatLine(line) {
		return current
	}
	switch current {
	case fieldAddress:
		*addr = append(*addr, line)
	case fieldItems, fieldItemPart:
		f.addItems(line)
	case 0:
		// Lines before the first label are the customer's greeting or a
		// "FORMAT ORDER" heading.
	default:
		if f.Phone == "" && f.PhoneRaw == "" && digitCount(line) >= 8 && !containsLetter(line) {
			f.setPhone(line)
			return current
		}
		if LooksLikeAddress(line) {
			*addr = append(*addr, line)
			return fieldAddress
		}
	}
	return current
}

// chatLine is a line that talks rather than fills a field: "makasih kak".
func chatLine(line string) bool {
	if LooksLikeAddress(line) {
		return false
	}
	switch DetectIntent(Normalize(line)) {
	case IntentThanks, IntentGreeting, IntentConfirmYes, IntentConfirmNo, IntentDone, IntentHowToOrder:
		return true
	}
	return false
}

// addItems adds item lines; commas separate items unless they sit between
// digits ("1,5 kg").
func (f *OrderForm) addItems(v string) {
	for _, it := range splitList(v) {
		it = trimBullet(it)
		if cleanValue(it) == "" || len(f.Items) >= maxFormItems {
			continue
		}
		f.Items = append(f.Items, Clean(it, maxItemRunes))
	}
}

// splitList splits on ";" and on "," not between two digits.
func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ';' || (c == ',' && !(i > 0 && i+1 < len(s) && formDigit(s[i-1]) && formDigit(s[i+1]))) {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func formDigit(c byte) bool { return c >= '0' && c <= '9' }

// joinAddress joins address lines with ", " and cleans the result.
func joinAddress(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			if s := b.String(); !strings.HasSuffix(s, ",") {
				b.WriteString(",")
			}
			b.WriteString(" ")
		}
		b.WriteString(p)
	}
	return Clean(b.String(), MaxAddressRunes)
}

// dropLead removes a leading word ("Nama saya Dewi" -> "Dewi").
func dropLead(s, word string) string {
	t := strings.TrimSpace(s)
	if len(t) > len(word) && strings.EqualFold(t[:len(word)], word) && t[len(word)] == ' ' {
		return strings.TrimSpace(t[len(word):])
	}
	return t
}

func digitCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func containsLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasNumberWord(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if qtyWordKeys.contains(intentKey(w)) {
			return true
		}
	}
	return false
}
