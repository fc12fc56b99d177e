package store

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RedactMark replaces personal data of an erased customer in rows written
// about them (staff notifications, the audit log, staff commands).
const RedactMark = "[dihapus]"

// identityKey is how the erasure ledger remembers an identity: a hash, so
// the ledger itself holds no phone number.
func identityKey(kind, value string) string {
	sum := sha256.Sum256([]byte("pesanbot erased " + kind + ":" + value))
	return hex.EncodeToString(sum[:])
}

// personal is what a database holds that names one customer: texts to
// find wherever they appear (phone numbers, addresses, tracking numbers,
// the LID) and name words, found as whole words.
type personal struct {
	exact map[string]bool
	words map[string]bool
	re    *regexp.Regexp // exact texts, longest first, any case
	word  *regexp.Regexp // a name word between non-letters, any case
}

func newPersonal() *personal {
	return &personal{exact: map[string]bool{}, words: map[string]bool{}}
}

// addPhone adds a phone number in the forms people write it: 62812…,
// +62812…, 0812… and the bare 812….
func (p *personal) addPhone(phone string) {
	phone = strings.TrimSpace(phone)
	if len(phone) < 8 {
		return
	}
	p.exact[phone] = true
	if rest, ok := strings.CutPrefix(phone, "62"); ok && len(rest) >= 8 {
		p.exact["0"+rest] = true
		p.exact[rest] = true
	}
}

// addExact adds a text found as it is: an address, a tracking number.
func (p *personal) addExact(s string) {
	if s = strings.TrimSpace(s); utf8.RuneCountInString(s) >= 4 {
		p.exact[s] = true
	}
}

// addName adds the words of a name, leaving out short and everyday words
// ("Kak", "Bunda", "Toko") that would blank other people's text.
func (p *personal) addName(name string) {
	for _, w := range splitWords(name) {
		lw := strings.ToLower(w)
		if utf8.RuneCountInString(w) >= 3 && !commonWords[lw] && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			p.words[lw] = true
		}
	}
}

// addAddress adds an address and its distinctive words (a street or
// housing name), not the words of every address ("Jalan", "Kota") nor the
// shipping region, which names a town and not a person.
func (p *personal) addAddress(addr string, region string) {
	p.addExact(addr)
	skip := map[string]bool{}
	for _, w := range splitWords(region) {
		skip[strings.ToLower(w)] = true
	}
	for _, w := range splitWords(addr) {
		lw := strings.ToLower(w)
		if utf8.RuneCountInString(w) >= 5 && !addressWords[lw] && !commonWords[lw] && !skip[lw] && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			p.words[lw] = true
		}
	}
}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// compile builds the matchers once everything is added.
func (p *personal) compile() {
	quote := func(set map[string]bool) []string {
		var out []string
		for s := range set {
			out = append(out, regexp.QuoteMeta(s))
		}
		sort.Slice(out, func(i, j int) bool {
			if len(out[i]) != len(out[j]) {
				return len(out[i]) > len(out[j])
			}
			return out[i] < out[j]
		})
		return out
	}
	if e := quote(p.exact); len(e) > 0 {
		p.re = regexp.MustCompile(`(?i)` + strings.Join(e, "|"))
	}
	if w := quote(p.words); len(w) > 0 {
		p.word = regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])(` + strings.Join(w, "|") + `)([^\p{L}\p{N}]|$)`)
	}
}

// needles are what a row must contain (in SQLite's lower case) to be looked
// at: a cheap filter before redact.
func (p *personal) needles() []string {
	var out []string
	for s := range p.exact {
		out = append(out, asciiLower(s))
	}
	for s := range p.words {
		out = append(out, asciiLower(s))
	}
	sort.Strings(out)
	return out
}

// asciiLower lowers A–Z only, as SQLite's lower() does.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// redact replaces every personal text in s with RedactMark.
func (p *personal) redact(s string) string {
	if p.re != nil {
		s = p.re.ReplaceAllString(s, RedactMark)
	}
	if p.word != nil {
		// A match takes the character after the word, so two name words in
		// a row ("Rina Amelia") need a second pass.
		for i := 0; i < 4; i++ {
			t := p.word.ReplaceAllString(s, "${1}"+RedactMark+"${3}")
			if t == s {
				break
			}
			s = t
		}
	}
	return s
}

func (p *personal) empty() bool { return len(p.exact) == 0 && len(p.words) == 0 }

// commonWords are words of names and greetings that belong to everyone.
var commonWords = setOf("kak", "kakak", "kaka", "bunda", "bund", "ibu", "bapak", "pak", "mas", "mbak", "mba", "bang", "abang",
	"adik", "dek", "om", "tante", "bu", "toko", "shop", "store", "olshop", "online", "admin", "official", "customer",
	"pelanggan", "pesanan", "order", "hijab", "muslim", "baju", "gamis", "halo", "hai", "the", "and", "dan", "nya")

// addressWords are the words of every address.
var addressWords = setOf("jalan", "jl", "jln", "raya", "gang", "gg", "kota", "kab", "kabupaten", "kecamatan", "kec",
	"kelurahan", "kel", "desa", "dusun", "perumahan", "perum", "komplek", "kompleks", "blok", "nomor", "timur", "barat",
	"utara", "selatan", "tengah", "pusat", "dekat", "depan", "belakang", "samping", "sebelah", "masjid", "lantai",
	"provinsi", "daerah", "istimewa", "indonesia", "rumah", "kosan", "apartemen", "tower", "cluster", "residence")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
