// Package qris reads and writes QRIS payloads: the text inside an Indonesian
// payment QR code, in the EMVCo merchant-presented format. A payload is a
// list of TLV data objects, each a two-digit id, a two-digit length and that
// many characters of value; tag 63, last, is a CRC-16/CCITT-FALSE over
// everything before its value.
//
// The package is pure text and imports only the standard library, so flows
// may import it: it turns the shop's static QRIS into a dynamic one for an
// order's exact total. Reading QR images and drawing them is elsewhere
// (package qrimage).
//
// Errors are for the shop owner and are in Indonesian; they all match
// ErrInvalid.
package qris

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxLen is the longest payload accepted (EMVCo's limit).
const MaxLen = 512

// Tags this package reads or writes.
const (
	TagFormat     = "00" // payload format indicator, "01"
	TagInitiation = "01" // point of initiation: "11" static, "12" dynamic
	TagMCC        = "52" // merchant category code
	TagCurrency   = "53" // ISO 4217 numeric, "360" for rupiah
	TagAmount     = "54" // transaction amount
	TagCountry    = "58" // "ID"
	TagName       = "59" // merchant name
	TagCity       = "60" // merchant city
	TagAdditional = "62" // additional data field template
	TagCRC        = "63" // CRC-16/CCITT-FALSE, 4 hex digits
)

// Point of initiation values.
const (
	Static  = "11"
	Dynamic = "12"
)

// ErrInvalid matches every error of this package.
var ErrInvalid = errors.New("invalid QRIS payload")

// Error is a problem with a payload, worded for the shop owner.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

func invalid(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Field is one data object.
type Field struct {
	ID    string
	Value string
}

// Payload is a parsed payload: its top-level data objects, in order.
type Payload []Field

// LooksLikePayload reports whether s is written as a payload (it starts with
// the format indicator "000201") rather than, say, the name of an image file.
func LooksLikePayload(s string) bool {
	return strings.HasPrefix(strings.TrimSpace(s), "000201")
}

// Parse splits a payload into its data objects, strictly: every id and
// length is two digits, every value is exactly as long as its length says,
// nothing is left over, no id appears twice. It checks neither the tags
// required nor the CRC; Validate does.
func Parse(s string) (Payload, error) {
	if s == "" {
		return nil, invalid("isi QRIS kosong")
	}
	if len(s) > MaxLen {
		return nil, invalid("isi QRIS terlalu panjang (%d karakter, paling banyak %d)", len(s), MaxLen)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return nil, invalid("isi QRIS hanya boleh huruf, angka dan tanda baca biasa (karakter ke-%d bukan)", i+1)
		}
	}
	fields, err := parseTLV(s)
	if err != nil {
		return nil, err
	}
	return fields, nil
}

// parseTLV reads one level of data objects.
func parseTLV(s string) (Payload, error) {
	var out Payload
	seen := map[string]bool{}
	for pos := 0; pos < len(s); {
		if len(s)-pos < 4 {
			return nil, invalid("isi QRIS terpotong di karakter ke-%d (tiap bagian: 2 angka kode, 2 angka panjang, lalu isinya)", pos+1)
		}
		id, ln := s[pos:pos+2], s[pos+2:pos+4]
		if !digits(id) {
			return nil, invalid("kode tag %q di karakter ke-%d bukan 2 angka", id, pos+1)
		}
		if !digits(ln) {
			return nil, invalid("panjang tag %s (%q, karakter ke-%d) bukan 2 angka", id, ln, pos+3)
		}
		n, _ := strconv.Atoi(ln)
		if n == 0 {
			return nil, invalid("tag %s kosong (panjang 00)", id)
		}
		if pos+4+n > len(s) {
			return nil, invalid("tag %s mengaku %d karakter, tetapi isi QRIS habis lebih dulu (terpotong?)", id, n)
		}
		if seen[id] {
			return nil, invalid("tag %s muncul dua kali", id)
		}
		seen[id] = true
		out = append(out, Field{ID: id, Value: s[pos+4 : pos+4+n]})
		pos += 4 + n
	}
	return out, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Get returns the value of a tag.
func (p Payload) Get(id string) (string, bool) {
	for _, f := range p {
		if f.ID == id {
			return f.Value, true
		}
	}
	return "", false
}

// String writes the data objects back out, exactly as they are.
func (p Payload) String() string {
	var b strings.Builder
	for _, f := range p {
		b.WriteString(f.ID)
		fmt.Fprintf(&b, "%02d", len(f.Value))
		b.WriteString(f.Value)
	}
	return b.String()
}

// required are the tags every QRIS has, besides a merchant account (26–51)
// and the CRC, with what to call them in an error.
var required = []struct{ id, name string }{
	{TagInitiation, "metode inisiasi"},
	{TagMCC, "kategori merchant"},
	{TagCurrency, "mata uang"},
	{TagCountry, "kode negara"},
	{TagName, "nama merchant"},
	{TagCity, "kota merchant"},
}

// Validate parses a payload and checks it is a QRIS a customer's app can
// pay: format indicator first, the required tags (01, a merchant account
// in 26–51, 52, 53, 58, 59, 60), rupiah, well-formed templates, and the
// CRC last and correct.
func Validate(s string) error {
	_, err := parseValid(s)
	return err
}

func parseValid(s string) (Payload, error) {
	p, err := Parse(s)
	if err != nil {
		return nil, err
	}
	if p[0].ID != TagFormat || p[0].Value != "01" {
		return nil, invalid("isi QRIS harus diawali 000201 (tag 00, versi 01)")
	}
	last := p[len(p)-1]
	if last.ID != TagCRC {
		if _, ok := p.Get(TagCRC); ok {
			return nil, invalid("tag 63 (CRC) harus paling akhir")
		}
		return nil, invalid("tag 63 (CRC) tidak ada")
	}
	for _, r := range required {
		if _, ok := p.Get(r.id); !ok {
			return nil, invalid("tag %s (%s) tidak ada", r.id, r.name)
		}
	}
	account := false
	for _, f := range p {
		n, _ := strconv.Atoi(f.ID)
		switch {
		case n >= 26 && n <= 51:
			account = true
			if _, err := parseTLV(f.Value); err != nil {
				return nil, invalid("isi tag %s (akun merchant) rusak: %v", f.ID, err)
			}
		case f.ID == TagAdditional:
			if _, err := parseTLV(f.Value); err != nil {
				return nil, invalid("isi tag 62 (data tambahan) rusak: %v", err)
			}
		}
	}
	if !account {
		return nil, invalid("tidak ada akun merchant (tag 26 sampai 51)")
	}
	if v, _ := p.Get(TagInitiation); v != Static && v != Dynamic {
		return nil, invalid("tag 01 harus 11 (statis) atau 12 (dinamis), bukan %q", v)
	}
	if v, _ := p.Get(TagMCC); len(v) != 4 || !digits(v) {
		return nil, invalid("tag 52 (kategori merchant) harus 4 angka, bukan %q", v)
	}
	if v, _ := p.Get(TagCurrency); v != "360" {
		return nil, invalid("tag 53 (mata uang) harus 360 (rupiah), bukan %q", v)
	}
	if v, _ := p.Get(TagCountry); len(v) != 2 {
		return nil, invalid("tag 58 (kode negara) harus 2 huruf, bukan %q", v)
	}
	if v, ok := p.Get(TagAmount); ok && !validAmount(v) {
		return nil, invalid("tag 54 (nominal) %q bukan angka", v)
	}
	if len(last.Value) != 4 {
		return nil, invalid("tag 63 (CRC) harus 4 karakter, bukan %q", last.Value)
	}
	want := crcHex(s[:len(s)-4])
	if !strings.EqualFold(last.Value, want) {
		return nil, invalid("CRC tidak cocok (tertulis %s, seharusnya %s): isi QRIS salah salin atau terpotong", last.Value, want)
	}
	return p, nil
}

// validAmount accepts "150000" and "150000.00".
func validAmount(v string) bool {
	whole, frac, dot := strings.Cut(v, ".")
	return digits(whole) && (!dot || digits(frac))
}

// MaxAmount is the largest amount tag 54 can hold (13 characters).
const MaxAmount = 9_999_999_999_999

// ToDynamic turns a valid static (or dynamic) payload into a dynamic one for
// amount rupiah: tag 01 becomes "12", tag 54 is set to the amount with no
// decimals (replaced where it was, otherwise inserted before the first tag
// above 54), the CRC is computed again, and every other tag is kept as it
// was, in order.
func ToDynamic(static string, amount int64) (string, error) {
	p, err := parseValid(static)
	if err != nil {
		return "", err
	}
	if amount < 1 || amount > MaxAmount {
		return "", invalid("nominal %d di luar batas QRIS (1 sampai %d)", amount, int64(MaxAmount))
	}
	value := strconv.FormatInt(amount, 10)
	out := make(Payload, 0, len(p)+1)
	placed := false
	for _, f := range p {
		switch {
		case f.ID == TagCRC:
			continue
		case f.ID == TagInitiation:
			f.Value = Dynamic
		case f.ID == TagAmount:
			f.Value, placed = value, true
		case f.ID > TagAmount && !placed:
			out = append(out, Field{ID: TagAmount, Value: value})
			placed = true
		}
		out = append(out, f)
	}
	if !placed {
		out = append(out, Field{ID: TagAmount, Value: value})
	}
	body := out.String() + TagCRC + "04"
	s := body + crcHex(body)
	if len(s) > MaxLen {
		return "", invalid("isi QRIS dengan nominal menjadi terlalu panjang (%d karakter)", len(s))
	}
	return s, nil
}

// Amount returns the whole-rupiah amount of a payload's tag 54.
func Amount(s string) (int64, bool) {
	p, err := Parse(s)
	if err != nil {
		return 0, false
	}
	v, ok := p.Get(TagAmount)
	if !ok || !validAmount(v) {
		return 0, false
	}
	whole, _, _ := strings.Cut(v, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	return n, err == nil
}

// CRC16 is CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no
// reflection, no final xor.
func CRC16(data string) uint16 {
	crc := uint16(0xFFFF)
	for i := 0; i < len(data); i++ {
		crc ^= uint16(data[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

func crcHex(data string) string { return fmt.Sprintf("%04X", CRC16(data)) }

// ImageDir is where the pictures of dynamic payloads live, relative to the
// data directory.
const ImageDir = "media/qris"

// ImagePath names the picture of a dynamic payload, relative to the data
// directory: its amount and a hash of the payload, so one name always
// means one picture and the runtime can draw it again from the shop's
// static QRIS and the amount when the file is gone.
func ImagePath(dynamic string) string {
	amount, _ := Amount(dynamic)
	sum := sha256.Sum256([]byte(dynamic))
	return ImageDir + "/" + strconv.FormatInt(amount, 10) + "-" + hex.EncodeToString(sum[:8]) + ".png"
}

// ImageAmount reads the amount back from a name ImagePath made; ok is false
// for any other path.
func ImageAmount(path string) (amount int64, ok bool) {
	rest, found := strings.CutPrefix(path, ImageDir+"/")
	if !found {
		return 0, false
	}
	rest, found = strings.CutSuffix(rest, ".png")
	if !found {
		return 0, false
	}
	num, sum, found := strings.Cut(rest, "-")
	if !found || len(sum) != 16 || !digits(num) || len(num) > 13 {
		return 0, false
	}
	if _, err := hex.DecodeString(sum); err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(num, 10, 64)
	return n, err == nil && n > 0
}
