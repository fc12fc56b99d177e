package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxParseRunes caps how much of one message the language helpers read; a
// longer message is parsed from its prefix and answered once.
const MaxParseRunes = 2000

// slang maps informal spellings to one canonical word, so that intents and
// matching see "berapa" whether the customer wrote "brp", "brapa" or "berapa".
var slang = map[string]string{
	"yg": "yang", "yng": "yang",
	"brp": "berapa", "brapa": "berapa", "berapaan": "berapa", "brpa": "berapa",
	"hrg": "harga", "hrga": "harga", "hargany": "harganya",
	"gk": "tidak", "ga": "tidak", "gak": "tidak", "nggak": "tidak", "ngga": "tidak",
	"engga": "tidak", "enggak": "tidak", "tdk": "tidak", "g": "tidak", "kagak": "tidak", "gakk": "tidak",
	"blm": "belum", "blom": "belum", "belom": "belum",
	"udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah", "uda": "sudah", "sudh": "sudah",
	"dgn": "dengan", "dg": "dengan", "sm": "sama",
	"sy": "saya", "aq": "saya", "aku": "saya", "gw": "saya", "gue": "saya", "sya": "saya",
	"tf": "transfer", "trf": "transfer", "trnsfer": "transfer",
	"bgt": "banget", "bngt": "banget",
	"msh": "masih", "masi": "masih",
	"gmn": "bagaimana", "gimana": "bagaimana", "gmna": "bagaimana", "bgmn": "bagaimana",
	"kk": "kak", "ka": "kak", "kakak": "kak", "kakk": "kak", "sis": "kak", "gan": "kak",
	"pesen": "pesan", "psn": "pesan", "mesen": "pesan", "pesanannya": "pesanan",
	"tp": "tapi", "tpi": "tapi",
	"krn": "karena", "karna": "karena",
	"lg": "lagi", "lgi": "lagi",
	"jd": "jadi", "jdi": "jadi",
	"bs": "bisa", "bsa": "bisa",
	"sdkt": "sedikit", "dikit": "sedikit",
	"knp": "kenapa", "np": "kenapa",
	"utk": "untuk", "untk": "untuk", "buat": "untuk",
	"kpn": "kapan",
	"dmn": "dimana", "mana": "mana",
	"trs": "terus", "trus": "terus",
	"bru": "baru", "br": "baru",
	"org": "orang",
	"ok":  "oke", "okay": "oke", "okey": "oke", "okee": "oke", "okei": "oke",
	"yaa": "ya", "iya": "ya", "iyaa": "ya", "y": "ya", "yup": "ya", "yoi": "ya", "iy": "ya",
	"mksh": "makasih", "makasi": "makasih", "mks": "makasih", "thx": "makasih", "thanks": "makasih",
	"trims": "makasih", "tq": "makasih", "ty": "makasih", "terimakasih": "makasih",
	"rdy": "ready", "redy": "ready", "readi": "ready", "redi": "ready",
	"ongkirnya": "ongkir",
	"sampe":     "sampai", "nyampe": "sampai", "nyampai": "sampai", "smpe": "sampai", "smp": "sampai",
	"pcs": "pcs", "biji": "pcs", "buah": "pcs",
	"no": "nomor", "nmr": "nomor", "nomer": "nomor",
	"rek": "rekening", "norek": "rekening", "rekeningnya": "rekening",
	"alamatnya": "alamat", "almt": "alamat",
	"bener": "benar", "bnr": "benar",
	"mau": "mau", "mo": "mau", "mw": "mau", "pengen": "mau", "pingin": "mau", "pgn": "mau",
}

// Normalize turns customer text into a form the matchers can read: NFKC,
// format characters (zero-width, bidi controls) removed, lower case,
// punctuation turned into spaces, letters repeated three or more times
// folded ("kaaak" -> "kak"), informal spellings mapped to one word, single
// spaces. It reads at most MaxParseRunes runes. The original text is kept by
// the caller for display; this form is for matching only.
func Normalize(s string) string {
	// Invalid bytes go first: next to one, NFKC leaves a character
	// unnormalised that a second pass would change.
	s = capRunes(strings.ToValidUTF8(s, ""), MaxParseRunes)
	// A thumbs-up or OK hand answers "sudah benar?" as surely as "oke".
	s = okWords(s)
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	run := 0
	for _, r := range s {
		letter := false
		if r < utf8.RuneSelf {
			// ASCII, the common case, without the Unicode tables: no format
			// characters here; letters are a-z once lowered.
			switch {
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
				letter = true
			case 'a' <= r && r <= 'z':
				letter = true
			case '0' <= r && r <= '9', r == '/', r == '.', r == ',', r == '-', r == '+':
			default:
				r = ' '
			}
		} else {
			if unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
				continue
			}
			r = unicode.ToLower(r)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '.' && r != ',' && r != '-' && r != '+' {
				r = ' '
			}
			letter = unicode.IsLetter(r)
		}
		if r == last {
			run++
		} else {
			run = 1
			last = r
		}
		if letter && run > 2 {
			continue
		}
		b.WriteRune(r)
	}
	// Only ' ' separates words now: every other space became one above.
	folded := b.String()
	var out strings.Builder
	out.Grow(len(folded))
	for rest := folded; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		w = strings.Trim(w, ".,-+/")
		if w == "" {
			continue
		}
		if m, ok := slang[w]; ok {
			w = m
		} else if f := foldPairs(w); f != w {
			if m, ok := slang[f]; ok {
				w = m
			}
		}
		if out.Len() > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(w)
	}
	return out.String()
}

var okEmoji = strings.NewReplacer("👍", " oke ", "👌", " oke ", "✅", " oke ", "🆗", " oke ")

// okWords is okEmoji.Replace, without copying a text that has none of them.
func okWords(s string) string {
	// 👍 👌 🆗 start with the byte 0xF0, ✅ with 0xE2.
	if strings.IndexByte(s, 0xF0) < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return s
	}
	return okEmoji.Replace(s)
}

// foldPairs folds doubled letters at the end of a word ("kakk" -> "kak",
// "siip" stays): only used to look a word up in the slang table.
func foldPairs(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && w[n-1] < utf8.RuneSelf {
		return w[:n-1]
	}
	return w
}

// Words splits normalised text into words.
func Words(s string) []string { return strings.Fields(s) }

func capRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// Clean prepares customer-supplied text for storage and display: format
// characters that can reorder or hide text (bidi controls, zero-width) and
// control characters are removed, whitespace runs become one space, and the
// result is capped at max runes.
func Clean(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return capRunes(b.String(), max)
}
