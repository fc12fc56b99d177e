package qris

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tlv writes one data object.
func tlv(id, value string) string { return fmt.Sprintf("%s%02d%s", id, len(value), value) }

// sealed appends a correct CRC to a payload body.
func sealed(body string) string {
	body += "6304"
	return body + fmt.Sprintf("%04X", CRC16(body))
}

// merchantBody is an invented static QRIS in the real layout: a national
// merchant account (26) and the QRIS NMID template (51), category, rupiah,
// country, name, city, postal code and a terminal label, before the CRC.
var merchantBody = tlv("00", "01") + tlv("01", "11") +
	tlv("26", tlv("00", "ID.CO.CONTOHBANK.WWW")+tlv("01", "936009990012345678")+tlv("02", "000987654321")+tlv("03", "UMI")) +
	tlv("51", tlv("00", "ID.CO.QRIS.WWW")+tlv("02", "ID1026123456789")+tlv("03", "UMI")) +
	tlv("52", "5699") + tlv("53", "360") + tlv("58", "ID") + tlv("59", "HIJAB CONTOH") +
	tlv("60", "BEKASI") + tlv("61", "17112") + tlv("62", tlv("07", "A01"))

// staticQRIS is merchantBody sealed, written out so the builder is checked too.
const staticQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW0118936009990012345678" +
	"0212000987654321" + "0303UMI" + "51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI" +
	"520456995303360" + "5802ID5912HIJAB CONTOH6006BEKASI610517112" + "62070703A01" + "6304287A"

func TestCRC16CheckValue(t *testing.T) {
	// The catalogue check value of CRC-16/CCITT-FALSE.
	if got := CRC16("123456789"); got != 0x29B1 {
		t.Fatalf("CRC16(123456789) = %04X, want 29B1", got)
	}
}

func TestStaticFixture(t *testing.T) {
	s := sealed(merchantBody)
	if s != staticQRIS {
		t.Fatalf("fixture builder disagrees:\n%s\n%s", s, staticQRIS)
	}
	if err := Validate(s); err != nil {
		t.Fatalf("Validate(static) = %v", err)
	}
}

func TestParse(t *testing.T) {
	p, err := Parse(sealed(merchantBody))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range p {
		ids = append(ids, f.ID)
	}
	if got := strings.Join(ids, " "); got != "00 01 26 51 52 53 58 59 60 61 62 63" {
		t.Errorf("ids = %s", got)
	}
	if v, _ := p.Get("59"); v != "HIJAB CONTOH" {
		t.Errorf("59 = %q", v)
	}
	if p.String() != sealed(merchantBody) {
		t.Errorf("String does not give the payload back")
	}
}

func TestValidateRefuses(t *testing.T) {
	good := sealed(merchantBody)
	without := func(ids ...string) string {
		p, _ := Parse(merchantBody)
		var out Payload
		for _, f := range p {
			if !slices.Contains(ids, f.ID) {
				out = append(out, f)
			}
		}
		return sealed(out.String())
	}
	crcNotLast, _ := Parse(good)
	n := len(crcNotLast)
	crcNotLast[n-1], crcNotLast[n-2] = crcNotLast[n-2], crcNotLast[n-1]
	cases := []struct {
		name, payload, want string
	}{
		{"empty", "", "kosong"},
		{"bad CRC", good[:len(good)-4] + "0000", "CRC tidak cocok"},
		{"lower-case but wrong CRC", good[:len(good)-4] + "abcd", "CRC tidak cocok"},
		{"changed name, old CRC", strings.Replace(good, "HIJAB CONTOH", "HIJAB CONTOX", 1), "CRC tidak cocok"},
		{"length too long", sealed(strings.Replace(merchantBody, "5912HIJAB CONTOH", "5913HIJAB CONTOH", 1)), "bukan 2 angka"},
		{"length runs past the end", "000201010211" + "5999ABC", "habis lebih dulu"},
		{"length not digits", "000201" + "01x211", "bukan 2 angka"},
		{"id not digits", "000201" + "A10211", "bukan 2 angka"},
		{"truncated header", "00020101", "terpotong"},
		{"zero length", "0002010100", "kosong"},
		{"not ASCII", "000201" + tlv("59", "TOKO É"), "tanda baca biasa"},
		{"too long", "000201" + strings.Repeat(tlv("99", strings.Repeat("x", 99)), 6), "terlalu panjang"},
		{"duplicate tag", sealed(merchantBody + tlv("59", "LAGI")), "dua kali"},
		{"no format indicator first", sealed(merchantBody[6:]), "diawali 000201"},
		{"no CRC", merchantBody, "tag 63 (CRC) tidak ada"},
		{"CRC not last", crcNotLast.String(), "paling akhir"},
		{"missing 01", without("01"), "tag 01"},
		{"missing 52", without("52"), "tag 52"},
		{"missing 53", without("53"), "tag 53"},
		{"missing 58", without("58"), "tag 58"},
		{"missing 59", without("59"), "tag 59"},
		{"missing 60", without("60"), "tag 60"},
		{"no merchant account", without("26", "51"), "akun merchant"},
		{"broken merchant template", sealed(strings.Replace(merchantBody, "0303UMI", "0309UMI", 1)), "tag 26"},
		{"not rupiah", sealed(strings.Replace(merchantBody, "5303360", "5303840", 1)), "rupiah"},
		{"bad initiation", sealed(strings.Replace(merchantBody, "010211", "010213", 1)), "tag 01"},
		{"bad category", sealed(strings.Replace(merchantBody, "52045699", "5204AB99", 1)), "tag 52"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.payload)
			if err == nil {
				t.Fatalf("Validate accepted %q", c.payload)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not match ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %q, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestToDynamic(t *testing.T) {
	static := sealed(merchantBody)
	dyn, err := ToDynamic(static, 150337)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(dyn); err != nil {
		t.Fatalf("dynamic payload invalid: %v\n%s", err, dyn)
	}
	// The CRC is CRC-16/CCITT-FALSE over everything up to and including "6304".
	if want := fmt.Sprintf("%04X", CRC16(dyn[:len(dyn)-4])); dyn[len(dyn)-4:] != want || dyn[len(dyn)-8:len(dyn)-4] != "6304" {
		t.Errorf("CRC = %s, want 6304%s", dyn[len(dyn)-8:], want)
	}
	if n, ok := Amount(dyn); !ok || n != 150337 {
		t.Errorf("Amount = %d, %v", n, ok)
	}
	sp, _ := Parse(static)
	dp, _ := Parse(dyn)
	if v, _ := dp.Get("01"); v != "12" {
		t.Errorf("01 = %q, want 12", v)
	}
	if v, _ := dp.Get("54"); v != "150337" {
		t.Errorf("54 = %q, want 150337 (no decimals)", v)
	}
	// Every other tag is the merchant's, unchanged and in its order; 54
	// goes between 53 and 58.
	var want, got []Field
	for _, f := range sp {
		if f.ID != "01" && f.ID != "63" {
			want = append(want, f)
		}
	}
	var order []string
	for _, f := range dp {
		order = append(order, f.ID)
		if f.ID != "01" && f.ID != "63" && f.ID != "54" {
			got = append(got, f)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tags changed:\n got %v\nwant %v", got, want)
	}
	if o := strings.Join(order, " "); o != "00 01 26 51 52 53 54 58 59 60 61 62 63" {
		t.Errorf("order = %s", o)
	}
	// Converting a dynamic payload again replaces the amount in place.
	again, err := ToDynamic(dyn, 99000)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := Amount(again); n != 99000 || len(again) != len(dyn)-1 {
		t.Errorf("re-conversion: amount %d, %q", n, again)
	}
}

func TestToDynamicRefuses(t *testing.T) {
	static := sealed(merchantBody)
	for _, n := range []int64{0, -5, MaxAmount + 1} {
		if _, err := ToDynamic(static, n); err == nil {
			t.Errorf("ToDynamic(%d) accepted", n)
		}
	}
	if _, err := ToDynamic(static[:len(static)-1]+"0", 1000); err == nil {
		t.Errorf("ToDynamic accepted a bad CRC")
	}
}

func TestImagePath(t *testing.T) {
	dyn, _ := ToDynamic(sealed(merchantBody), 150337)
	p := ImagePath(dyn)
	if !strings.HasPrefix(p, "media/qris/150337-") || !strings.HasSuffix(p, ".png") {
		t.Errorf("ImagePath = %q", p)
	}
	if n, ok := ImageAmount(p); !ok || n != 150337 {
		t.Errorf("ImageAmount(%q) = %d, %v", p, n, ok)
	}
	other, _ := ToDynamic(sealed(merchantBody), 150338)
	if ImagePath(other) == p {
		t.Errorf("two amounts share a picture")
	}
	for _, bad := range []string{"media/bukti.jpg", "media/qris/x-0011223344556677.png", "media/qris/12-zz.png", "media/qris/../12-0011223344556677.png", "media/qris/12-0011223344556677.jpg"} {
		if _, ok := ImageAmount(bad); ok {
			t.Errorf("ImageAmount(%q) ok", bad)
		}
	}
}

func TestLooksLikePayload(t *testing.T) {
	if !LooksLikePayload(" 000201010211") || LooksLikePayload("qris.png") {
		t.Error("LooksLikePayload")
	}
}
