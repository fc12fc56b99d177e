package lang

import "strings"

// Numbers that are not quantities are read first: phone numbers, prices,
// postcodes, RT/RW, dates, times and durations. What they claim is never
// read as a quantity or a variant.

// isDigits reports whether w is only ASCII digits.
func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isDigitGroup reports whether w is digits with inner '-' or '.' ("0812-3456").
func isDigitGroup(w string) bool {
	return w != "" && isDigitByte(w[0]) && strings.Trim(w, "0123456789-.") == ""
}

// phoneLabel are the words that announce a phone number.
var phoneLabel = setOf("hp wa no nomor nomer nmr telp tlp telpon whatsapp kontak hpnya wanya")

var priceSuffix = []string{"ribu", "rb", "k", "jt", "juta"}

// durationUnits follow a number that counts time.
var durationUnits = setOf("hari hr minggu mgg bulan bln tahun thn jam menit mnt detik pekan")

// timeBefore are words after which a number is a date or a time.
var timeBefore = setOf("tgl tanggal jam pukul pkl")

func (r *reader) entities() {
	r.phones()
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		t := &r.toks[k]
		w := t.w
		switch {
		case w == "rp" || w == "idr":
			if r.isFree(k+1) && isDigitByte(r.w(k + 1)[0]) {
				r.claim(k, k+2, cNumber)
				if r.isFree(k+2) && hasSuffixIn(r.w(k+2), priceSuffix) {
					r.claim(k+2, k+3, cNumber)
				}
			}
		case isDigitByte(w[0]) && priceToken(w):
			if !measureUnits[r.w(k+1)] { // "20rb mah" is a capacity
				r.claim(k, k+1, cNumber)
			}
		case isDigitByte(w[0]) && isPriceNumber(w) && r.isFree(k+1) && inList(r.w(k+1), priceSuffix):
			r.claim(k, k+2, cNumber)
		case isDigits(w) && len(w) >= 4 && strings.Contains(t.raw, ".") && !strings.ContainsAny(strings.TrimLeft(w, "0123456789"), "abcdefghijklmnopqrstuvwxyz"):
			r.claim(k, k+1, cNumber) // "45.000"
		case timeBefore[w] && r.isFree(k+1) && isDigitByte(r.w(k + 1)[0]):
			r.claim(k, k+2, cNumber)
		case isDigits(w) && r.isFree(k+1) && durationUnits[r.w(k+1)]:
			r.claim(k, k+2, cNumber)
		case isPostcode(w) && !unitWord(r.w(k+1)) && !r.numberIsVariant(w, -1):
			r.claim(k, k+1, cNumber)
		case (w == "rt" || w == "rw") && r.isFree(k+1) && isDigitByte(r.w(k + 1)[0]):
			r.claim(k, k+2, cNumber)
		case rtrwGlued(w):
			r.claim(k, k+1, cNumber)
		case strings.Count(w, "/") == 2 && isDigitByte(w[0]): // 17/08/2025
			r.claim(k, k+1, cNumber)
		}
	}
}

// priceToken reads "45rb", "45k", "1,5jt", "150ribu".
func priceToken(w string) bool {
	for _, s := range priceSuffix {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			n := w[:len(w)-len(s)]
			return isPriceNumber(n)
		}
	}
	return false
}

func isPriceNumber(n string) bool {
	return n != "" && isDigitByte(n[0]) && strings.Trim(n, "0123456789.,") == ""
}

func hasSuffixIn(w string, list []string) bool {
	return inList(w, list)
}

func inList(w string, list []string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}

func isPostcode(w string) bool { return len(w) == 5 && isDigits(w) && w[0] != '0' }

// rtrwGlued reads "rt01", "rw02", "rt03/04".
func rtrwGlued(w string) bool {
	if !strings.HasPrefix(w, "rt") && !strings.HasPrefix(w, "rw") {
		return false
	}
	rest := w[2:]
	return rest != "" && isDigitByte(rest[0]) && strings.Trim(rest, "0123456789/") == ""
}

// phones finds Indonesian mobile numbers, also written in groups
// ("0812 3450 0001", "+62 812-3450-0001"), and keeps the first as the
// phone detail.
func (r *reader) phones() {
	for i := 0; i < len(r.toks); i++ {
		start := i
		if r.toks[i].punct && r.toks[i].w == "+" && i+1 < len(r.toks) && isDigitGroup(r.w(i+1)) {
			start, i = i, i+1
		}
		if !isDigitGroup(r.w(i)) || r.toks[i].punct {
			continue
		}
		if i > 0 && r.toks[i-1].w == "(" && r.toks[i-1].punct && start == i {
			start = i - 1
		}
		j := i
		for j < len(r.toks) && j-i < 8 && (!r.toks[j].punct && isDigitGroup(r.toks[j].w) || r.toks[j].punct && r.toks[j].w == ")" && j+1 < len(r.toks) && isDigitGroup(r.w(j+1))) {
			j++
		}
		for e := j; e > i; e-- {
			d, err := NormalizePhone(r.raw(start, e))
			if err == nil && isIndonesianMobile(d) {
				r.claim(start, e, cPhone)
				// The label before it: "hp (0857) …", "wa aku 0878 …".
				for b := start - 1; b >= 0 && b >= start-3; b-- {
					if r.toks[b].punct && r.toks[b].w != ":" || !r.toks[b].punct && !phoneLabel[r.toks[b].low] && r.w(b) != "saya" {
						break
					}
					r.claim(b, b+1, cDetail)
				}
				if r.out.Details.Phone == "" {
					r.out.Details.Phone, r.out.Details.PhoneSpan = d, r.span(start, e)
				}
				i = e - 1
				break
			}
		}
	}
}

// unitWord reports whether w measures or counts what a number next to it
// is: "500 gr", "2 pcs", "10000 mah".
func unitWord(w string) bool {
	if _, ok := qtyUnits[w]; ok {
		return true
	}
	return measureUnits[w]
}

// measureUnits follow a number that names a size, weight, capacity or
// level: such a number names a variant when the product has one.
var measureUnits = setOf(`gr gram grm gm g kg kilo ons mg ml l liter ltr cc m meter cm mm inch inchi w watt
	mah gb tb mb hz v volt a ampere tahun thn bulan bln`)
