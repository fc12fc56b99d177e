package lang

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// MaxPrice is the largest price ParsePrice accepts, one trillion rupiah: far
// above any shop item, low enough that totals of many lines cannot overflow.
const MaxPrice int64 = 1_000_000_000_000

// priceMultipliers are the informal magnitude suffixes, longest first so that
// "ribu" is not read as "rb"-less garbage and "juta" before "jt".
var priceMultipliers = []struct {
	suffix string
	mult   int64
}{
	{"ribu", 1_000}, {"rb", 1_000}, {"k", 1_000},
	{"juta", 1_000_000}, {"jt", 1_000_000},
}

// ParsePrice reads a price written the ways Indonesian sellers and customers
// write it and returns whole rupiah: "150000", "150.000", "150,000",
// "Rp150.000", "Rp 150.000,00", "Rp150.000,-", "IDR 150000", "150rb",
// "150 ribu", "150k", "1,5jt", "1.5 juta", "2,25 jt". Thousands groups must be
// exactly three digits. Zero, negatives, exponents, hex, fractions of a
// rupiah and amounts above MaxPrice are rejected with ErrPriceInvalid.
func ParsePrice(s string) (int64, error) {
	if len(s) > 64 { // no real price is this long; keeps the work bounded
		return 0, ErrPriceInvalid
	}
	t := strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	for _, p := range []string{"rp.", "rp", "idr"} {
		if strings.HasPrefix(t, p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "rupiah"))
	// "Rp150.000,-" is the classic way to say "no cents".
	if strings.HasSuffix(t, ",-") || strings.HasSuffix(t, ".-") {
		t = t[:len(t)-2]
	}
	mult := int64(1)
	for _, m := range priceMultipliers {
		if strings.HasSuffix(t, m.suffix) {
			mult = m.mult
			t = strings.TrimSpace(t[:len(t)-len(m.suffix)])
			break
		}
	}
	whole, frac, ok := splitPriceNumber(t, mult > 1)
	if !ok {
		return 0, ErrPriceInvalid
	}
	if len(whole) > 13 { // 1e12 has 13 digits; longer cannot fit
		return 0, ErrPriceInvalid
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > MaxPrice/mult {
		return 0, ErrPriceInvalid
	}
	n := w * mult
	if frac != "" {
		if mult == 1 {
			// Cents are only tolerated when they are zero ("150.000,00");
			// "15.0000" is more likely a typo than fifteen rupiah.
			if len(frac) > 2 || strings.Trim(frac, "0") != "" {
				return 0, ErrPriceInvalid
			}
		} else {
			if len(frac) > 6 {
				return 0, ErrPriceInvalid
			}
			f, _ := strconv.ParseInt(frac, 10, 64)
			den := int64(1)
			for range len(frac) {
				den *= 10
			}
			// "1,2345678jt" would be a fraction of a rupiah.
			if f*mult%den != 0 {
				return 0, ErrPriceInvalid
			}
			n += f * mult / den
		}
	}
	if n <= 0 || n > MaxPrice {
		return 0, ErrPriceInvalid
	}
	return n, nil
}

// splitPriceNumber splits "1.500.000,00" into its whole digits and decimal
// digits. A single separator followed by exactly three digits is a thousands
// separator ("150.000", "150,000") unless a multiplier follows and the
// separator is a comma, the Indonesian decimal mark ("1,500jt" is 1.5 juta).
func splitPriceNumber(t string, multiplied bool) (whole, frac string, ok bool) {
	if t == "" {
		return "", "", false
	}
	dots, commas := 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
		case c == '.':
			dots++
		case c == ',':
			commas++
		default:
			return "", "", false
		}
	}
	var group byte // the thousands separator, 0 when none
	decimal := -1  // index of the decimal mark
	switch {
	case dots == 0 && commas == 0:
		return t, "", true
	case dots > 0 && commas > 0:
		// Both present: the last one is the decimal mark, the other groups.
		decimal = strings.LastIndexAny(t, ".,")
		group = '.'
		if t[decimal] == '.' {
			group = ','
		}
		if strings.Count(t, string(t[decimal])) != 1 {
			return "", "", false
		}
	default:
		sep := byte('.')
		if commas > 0 {
			sep = ','
		}
		i := strings.IndexByte(t, sep)
		if dots+commas > 1 || (len(t)-i-1 == 3 && !(multiplied && sep == ',')) {
			group = sep
		} else {
			decimal = i
		}
	}
	intPart := t
	if decimal >= 0 {
		intPart, frac = t[:decimal], t[decimal+1:]
		if frac == "" {
			return "", "", false
		}
	}
	if group != 0 {
		groups := strings.Split(intPart, string(group))
		for i, g := range groups {
			if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) {
				return "", "", false
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" {
		return "", "", false
	}
	return intPart, frac, true
}

// FormatRupiah writes an amount the way Indonesian shops display it:
// "Rp185.000", "Rp1.500.000", "-Rp5.000".
func FormatRupiah(n int64) string {
	var b strings.Builder
	u := uint64(n)
	if n < 0 {
		b.WriteByte('-')
		u = uint64(-(n + 1)) + 1 // safe for math.MinInt64
	}
	b.WriteString("Rp")
	digits := strconv.FormatUint(u, 10)
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}
