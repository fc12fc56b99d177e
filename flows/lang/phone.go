package lang

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizePhone turns a phone number written any common way into digits
// with the country code: "0812-3450-0001", "+62 812 3450 0001",
// "62812…", "(0812) 3450 0001", "812 3450 0001" and "+62 (0)812…" all give
// "6281234500001". A number given with '+' (or "00") keeps its own country
// code; one without is Indonesian and must start with 0, 62 or 8. Spaces,
// dashes, dots and brackets are allowed between digits; anything else, or a
// result outside 9..15 digits, is ErrPhoneInvalid.
func NormalizePhone(s string) (string, error) {
	if len(s) > 64 {
		return "", ErrPhoneInvalid
	}
	s = strings.TrimSpace(norm.NFKC.String(s))
	plus := strings.HasPrefix(s, "+")
	if plus {
		s = s[1:]
	}
	var b strings.Builder
	for _, r := range s {
		if d, ok := asciiDigit(r); ok {
			b.WriteRune(d)
			continue
		}
		if unicode.Is(unicode.Cf, r) || strings.ContainsRune(" -.()\u00a0", r) {
			continue
		}
		return "", ErrPhoneInvalid
	}
	d := b.String()
	if !plus && strings.HasPrefix(d, "00") { // international call prefix
		plus, d = true, d[2:]
	}
	switch {
	case plus:
		if strings.HasPrefix(d, "0") {
			return "", ErrPhoneInvalid
		}
	case strings.HasPrefix(d, "62"):
	case strings.HasPrefix(d, "0"):
		d = "62" + d[1:]
	case strings.HasPrefix(d, "8"):
		d = "62" + d
	default:
		return "", ErrPhoneInvalid
	}
	// "+62 (0)812…" and "620812…": the trunk 0 does not belong after 62.
	if strings.HasPrefix(d, "620") {
		d = "62" + d[3:]
	}
	if len(d) < 9 || len(d) > 15 {
		return "", ErrPhoneInvalid
	}
	return d, nil
}

// isIndonesianMobile reports whether normalised digits are an Indonesian
// mobile number: 62 8…, 11 to 14 digits in all.
func isIndonesianMobile(d string) bool {
	return strings.HasPrefix(d, "628") && len(d) >= 11 && len(d) <= 14
}

// FindPhone finds an Indonesian mobile number in free text such as
// "Sari, Jl. Kenanga 5, 081234500003, sicepat" and returns it normalised
// ("6281234500003") with rest, the text without it ("Sari, Jl. Kenanga 5,
// sicepat"). Digit groups split by spaces, dashes, dots or brackets are
// joined ("0812 3450 0001"). Other numbers (postal codes, house numbers,
// tracking numbers, landlines) are left alone. ok is false when none is found.
func FindPhone(text string) (phone string, rest string, ok bool) {
	text = capRunes(text, MaxParseRunes)
	type group struct{ start, end int } // byte span of one digit group
	var run []group
	flush := func() (string, int, int, bool) {
		// Earliest start, longest end: "12 0812 3450 0001" finds the phone
		// after the house number.
		for i := range run {
			for j := len(run) - 1; j >= i; j-- {
				s, e := run[i].start, run[j].end
				if s > 0 && text[s-1] == '+' {
					s--
				}
				if d, err := NormalizePhone(text[s:e]); err == nil && isIndonesianMobile(d) {
					return d, s, e, true
				}
			}
		}
		return "", 0, 0, false
	}
	start := -1
	for i, r := range text + "\x00" {
		_, digit := asciiDigit(r)
		switch {
		case digit:
			if start < 0 {
				start = i
			}
			continue
		case start >= 0:
			run = append(run, group{start, i})
			start = -1
		}
		// Separators keep a run going; anything else ends it.
		if strings.ContainsRune(" -.()+\u00a0", r) && len(run) > 0 {
			continue
		}
		if len(run) > 0 {
			if d, s, e, found := flush(); found {
				return d, phoneRest(text, s, e), true
			}
		}
		run = run[:0]
	}
	return "", text, false
}

// phoneRest removes text[s:e] and tidies the punctuation left around it, so
// "Kenanga 5, 0812…, sicepat" becomes "Kenanga 5, sicepat".
func phoneRest(text string, s, e int) string {
	left := strings.TrimRight(text[:s], " \t(")
	right := strings.TrimLeft(text[e:], " \t)")
	if strings.HasSuffix(left, ",") || strings.HasSuffix(left, ";") || left == "" {
		right = strings.TrimLeft(strings.TrimLeft(right, ",;"), " \t")
	}
	if left == "" || right == "" {
		return strings.TrimSpace(left + right)
	}
	return left + " " + right
}
