package lang

import (
	"regexp"
	"strings"
)

// Arrival is a buyer's answer to "sudah sampai?".
type Arrival int

// Arrival answers.
const (
	ArrivalUnknown Arrival = iota // not an answer: read the message as usual
	Arrived                       // "sudah", "udah nyampe", "alhamdulillah sampai"
	NotArrived                    // "belum", "blm nyampe kak"
)

// arrivalWords say the parcel came; fillerWords may stand beside an answer
// without making it about something else ("sudah transfer" is not one).
var (
	arrivalWords = wordSet("sampai", "diterima", "terima", "datang", "dateng", "tiba", "nyampenya", "sampainya", "datangnya")
	arrivalYes   = wordSet("sudah", "alhamdulillah", "ya", "oke", "sip", "aman", "beres", "done", "yes", "mantap")
	arrivalNo    = wordSet("belum", "tidak", "masih")
	arrivalAsk   = wordSet("mana", "kapan", "dimana", "bagaimana", "kenapa", "apa", "kah", "berapa", "kok")
	arrivalFill  = wordSet("kak", "min", "admin", "mbak", "mas", "bang", "paket", "paketnya", "barang", "barangnya",
		"pesanan", "orderan", "nya", "sih", "dong", "deh", "nih", "kan", "lho", "loh", "makasih", "kasih", "tadi",
		"kemarin", "pagi", "siang", "sore", "malam", "baru", "barusan", "saja", "aja", "juga", "semua", "lengkap",
		"ini", "itu", "hari", "di", "rumah", "saya", "dengan", "selamat", "bagus", "cepat", "cepet", "hehe", "yang",
		"kurir", "kurirnya", "udah", "ada", "kabar", "sama", "the", "and", "terimakasih", "banyak", "sekali", "banget")
)

// ReadArrival reads an answer to "sudah sampai?". With explicit set, only
// words about the parcel count ("sudah sampai", "belum nyampe"), not a bare
// "sudah" or "belum": another question of ours may be pending.
func ReadArrival(text string, explicit bool) Arrival {
	words := Words(Normalize(text))
	if len(words) == 0 || len(words) > 12 {
		return ArrivalUnknown
	}
	var yes, no, about, ask bool
	for i, w := range words {
		if len(w) > 2 && strings.HasSuffix(w, "2") {
			w = Normalize(strings.TrimSuffix(w, "2")) // "sampe2": "sampai-sampai"
		}
		switch {
		case w == "terima" && i+1 < len(words) && words[i+1] == "kasih":
			// "terima kasih" thanks; it does not say "diterima".
		case arrivalWords[w]:
			about = true
		case arrivalYes[w]:
			yes = true
		case arrivalNo[w]:
			no = true
		case arrivalAsk[w]:
			ask = true
		case arrivalFill[w]:
		default:
			return ArrivalUnknown
		}
	}
	if explicit && !about {
		return ArrivalUnknown
	}
	switch {
	case no:
		return NotArrived
	case ask || strings.Contains(text, "?"):
		// "sudah sampai mana?" asks where the parcel is.
		return ArrivalUnknown
	case yes || about:
		return Arrived
	}
	return ArrivalUnknown
}

// ratingRE reads a rating at the start of a message: optional words
// ("nilai", "bintang", "kak"), a number 1–5 in digits or words, an optional
// "/5", "dari 5" or "bintang", and the rest as the comment.
var ratingRE = regexp.MustCompile(`(?i)^[\s,.:]*((?:(?:nilai(?:nya)?|bintang(?:nya)?|rating(?:nya)?|rate|skor|score|kasih|beri|saya|aku|kak|kakak|min|oke|ok|ya|iya|boleh|siap|sip)[\s,.:=]*)*)([1-5]|satu|dua|tiga|empat|lima)\b((?:\s*/\s*5\b|\s+dari\s+5\b|\s*bintang\b)?)(.*)$`)

var ratingWords = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}

// stars are the rating characters a buyer may send instead of a number.
var stars = []string{"⭐", "🌟", "★"}

var ratingMarkers = wordSet("nilai", "nilainya", "bintang", "bintangnya", "rating", "ratingnya", "rate", "skor", "score")

// unitWords after a number make it a quantity or a price, not a rating.
var unitWords = wordSet("pcs", "x", "buah", "biji", "lusin", "kg", "gr", "rb", "ribu", "k", "jt", "juta", "porsi", "pack", "box", "botol", "lembar", "set")

// RatingMarked reports whether a message says it is a rating: stars, or
// "nilai", "bintang", "rating", "/5".
func RatingMarked(text string) bool {
	_, _, ok := readRating(text, true)
	return ok
}

// ReadRating reads a rating 1–5 and a comment: "5", "4 bagus", "bintang
// 3", "⭐⭐⭐⭐", "nilai 2, kainnya tipis", "lima". 0, 6, "4.5" and "100rb"
// are not ratings. With marked set only a message that says it is a rating
// counts (a bare "2" may answer another question).
func ReadRating(text string, marked bool) (n int, comment string, ok bool) {
	return readRating(text, marked)
}

func readRating(text string, marked bool) (int, string, bool) {
	text = Clean(text, 1000)
	count := 0
	plain := text
	for _, s := range stars {
		count += strings.Count(plain, s)
		plain = strings.ReplaceAll(plain, s, " ")
	}
	plain = strings.TrimSpace(plain)
	if m := ratingRE.FindStringSubmatch(plain); m != nil {
		prefix, num, suffix, rest := strings.ToLower(m[1]), strings.ToLower(m[2]), m[3], m[4]
		if rest != "" && (rest[0] == '.' || rest[0] == ',') && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			return 0, "", false // "4.5", "2,5"
		}
		words := Words(Normalize(rest))
		if len(words) > 0 && unitWords[words[0]] {
			return 0, "", false // "2 pcs", "5 rb"
		}
		says := suffix != "" || count > 0
		for _, w := range Words(Normalize(prefix)) {
			says = says || ratingMarkers[w]
		}
		if marked && !says {
			return 0, "", false
		}
		return ratingWords[num], ratingComment(rest), true
	}
	if count >= 1 && count <= 5 {
		return count, ratingComment(plain), true
	}
	return 0, "", false
}

// ratingComment trims the separators and a leading "kak" off a comment.
func ratingComment(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimLeft(s, " ,.:;-–—!")
		lower := strings.ToLower(t)
		for _, w := range []string{"kak ", "kak,", "min ", "min,"} {
			if strings.HasPrefix(lower, w) {
				t = t[len(w):]
				break
			}
		}
		if lower == "kak" || lower == "min" {
			t = ""
		}
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

// wordSet is a set of normalised words, matched as written.
func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
