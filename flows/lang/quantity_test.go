package lang

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want int
		err  error
	}{
		// RELIABILITY.md 18, in its order.
		{"1e9", 99, 0, ErrQtyNotNumber},
		{"-3", 99, 0, ErrQtyNegative},
		{"0", 99, 0, ErrQtyZero},
		{"٣", 99, 3, nil},
		{"۳", 99, 3, nil},
		{"３", 99, 3, nil},
		{"१", 99, 1, nil},
		{"1.5", 99, 0, ErrQtyFraction},
		{"1,5", 99, 0, ErrQtyFraction},
		{"2.000", 99, 0, ErrQtyTooLarge},
		{"2.000", 5000, 2000, nil},
		{"007", 99, 7, nil},
		{"010", 99, 10, nil},
		{"0x10", 99, 0, ErrQtyNotNumber},
		{"1_000", 99, 0, ErrQtyNotNumber},
		{"99999999999999999999", 99, 0, ErrQtyTooLarge},
		{"99999999999999999999999999999999999999999", 1 << 30, 0, ErrQtyTooLarge},
		{"NaN", 99, 0, ErrQtyNotNumber},
		{"Inf", 99, 0, ErrQtyNotNumber},
		{"-Inf", 99, 0, ErrQtyNotNumber},
		{"+5", 99, 0, ErrQtyNotNumber},
		{" 5", 99, 5, nil},
		{"dua", 99, 2, nil},
		{"2x", 99, 2, nil},
		{"x2", 99, 2, nil},
		{"2 pcs", 99, 2, nil},
		// More forms.
		{"5 ", 99, 5, nil},
		{"\t12\n", 99, 12, nil},
		{"2pcs", 99, 2, nil},
		{"2PCS", 99, 2, nil},
		{"2 biji", 99, 2, nil},
		{"2 buah", 99, 2, nil},
		{"3 helai", 99, 3, nil},
		{"2×", 99, 2, nil},
		{"x 2", 99, 2, nil},
		{"２ｐｃｓ", 99, 2, nil},
		{"٣ pcs", 99, 3, nil},
		{"۱۲", 99, 12, nil},
		{"१०", 99, 10, nil},
		{"1\u200b2", 99, 12, nil}, // zero-width space inside
		{"2️⃣", 99, 2, nil},       // keycap emoji
		{"½", 99, 0, ErrQtyFraction},
		{"1/2", 99, 0, ErrQtyNotNumber},
		{"selusin", 99, 12, nil},
		{"setengah lusin", 99, 6, nil},
		{"setengah kodi", 99, 10, nil},
		{"2 lusin", 99, 24, nil},
		{"2lusin", 99, 24, nil},
		{"dua lusin", 99, 24, nil},
		{"sekodi", 99, 20, nil},
		{"sebiji", 99, 1, nil},
		{"sebuah", 99, 1, nil},
		{"satu", 99, 1, nil},
		{"tiga", 99, 3, nil},
		{"sembilan", 99, 9, nil},
		{"sepuluh", 99, 10, nil},
		{"sebelas", 99, 11, nil},
		{"dua belas", 99, 12, nil},
		{"duabelas", 99, 12, nil},
		{"sembilan belas", 99, 19, nil},
		{"dua puluh", 99, 20, nil},
		{"dua puluh satu", 99, 21, nil},
		{"sembilan puluh sembilan", 99, 99, nil},
		{"Dua Puluh Lima pcs", 99, 25, nil},
		{"seratus", 99, 0, ErrQtyTooLarge},
		{"seratus", 100, 100, nil},
		{"dua ratus lima puluh", 999, 250, nil},
		{"seribu", 99, 0, ErrQtyTooLarge},
		{"99 lusin", 99, 0, ErrQtyTooLarge},
		{"99999999999 lusin", 99, 0, ErrQtyTooLarge},
		{"nol", 99, 0, ErrQtyZero},
		{"00", 99, 0, ErrQtyZero},
		{"0 pcs", 99, 0, ErrQtyZero},
		{"0x", 99, 0, ErrQtyZero},
		{"setengah", 99, 0, ErrQtyFraction},
		{"satu setengah", 99, 0, ErrQtyFraction},
		{"1,0", 99, 0, ErrQtyFraction},
		{"2,000", 99, 0, ErrQtyFraction}, // comma is the decimal mark
		{"12.00", 99, 0, ErrQtyFraction},
		{"1.000.000", 99, 0, ErrQtyTooLarge},
		{"-3 pcs", 99, 0, ErrQtyNegative},
		{"-0", 99, 0, ErrQtyNegative},
		{"1E9", 99, 0, ErrQtyNotNumber},
		{"1e-3", 99, 0, ErrQtyNotNumber},
		{"0X1F", 99, 0, ErrQtyNotNumber},
		{"1..2", 99, 0, ErrQtyNotNumber},
		{"infinity", 99, 0, ErrQtyNotNumber},
		{"abc", 99, 0, ErrQtyNotNumber},
		{"", 99, 0, ErrQtyNotNumber},
		{"   ", 99, 0, ErrQtyNotNumber},
		{"L", 99, 0, ErrQtyNotNumber},
		{"XL", 99, 0, ErrQtyNotNumber},
		{"2xl", 99, 0, ErrQtyNotNumber},
		{"180x75", 99, 0, ErrQtyNotNumber},
		{"100gr", 99, 0, ErrQtyNotNumber},
		{"২", 99, 0, ErrQtyNotNumber}, // Bengali digit: not mapped
		{"2 3", 99, 0, ErrQtyNotNumber},
		{"dua tiga", 99, 0, ErrQtyNotNumber},
		{"pcs", 99, 0, ErrQtyNotNumber},
		{"2 pcs pcs", 99, 0, ErrQtyNotNumber},
		{"sex", 99, 0, ErrQtyNotNumber},
		// Range.
		{"99", 99, 99, nil},
		{"100", 99, 0, ErrQtyTooLarge},
		{"1", 1, 1, nil},
		{"2", 1, 0, ErrQtyTooLarge},
		{"50", 0, 50, nil}, // max < 1 means 99
		{"100", 0, 0, ErrQtyTooLarge},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in, tt.max)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("ParseQuantity(%q, %d) = %d, %v; want %d, %v", tt.in, tt.max, got, err, tt.want, tt.err)
		}
	}
}

func TestExtractQuantity(t *testing.T) {
	tests := []struct {
		in   string
		want int
		rest string
		err  error
	}{
		{"yg hitam L mau 2 ya kak", 2, "yg hitam L mau ya kak", nil},
		{"pesen bergo mariam hitam dua", 2, "pesen bergo mariam hitam", nil},
		{"mau tunic kirana 1 pcs", 1, "mau tunic kirana", nil},
		{"mau order gamis aisyah hitam M 2", 2, "mau order gamis aisyah hitam M", nil},
		{"aku ambil pashmina mocca 1 ya", 1, "aku ambil pashmina mocca ya", nil},
		{"mau 2, yg hitam", 2, "mau yg hitam", nil},
		{"pashmina x2", 2, "pashmina", nil},
		{"pashmina 2x", 2, "pashmina", nil},
		{"pashmina 2pcs hitam", 2, "pashmina hitam", nil},
		{"pashmina 2 biji", 2, "pashmina", nil},
		{"pashmina 2 buah", 2, "pashmina", nil},
		{"pashmina selusin", 12, "pashmina", nil},
		{"pashmina setengah lusin", 6, "pashmina", nil},
		{"pashmina sebiji aja", 1, "pashmina aja", nil},
		{"dua belas pashmina", 12, "pashmina", nil},
		{"pashmina dua puluh", 20, "pashmina", nil},
		{"- pashmina ceruty dusty pink 3", 3, "- pashmina ceruty dusty pink", nil},
		{"*bergo maryam hitam 1*", 1, "*bergo maryam hitam", nil},
		{"pashmina (2)", 2, "pashmina", nil},
		{"pashmina ٣", 3, "pashmina", nil},
		{"pashmina ３", 3, "pashmina", nil},
		{"pashmina 007", 7, "pashmina", nil},
		{"pashmina 010", 10, "pashmina", nil},
		{"qty: 3 pashmina 4", 3, "qty: pashmina 4", nil},
		// A quantity next to a counting word wins over a bare number.
		{"pashmina 3 yg 2 pcs", 2, "pashmina 3 yg", nil},
		{"pashmina 2 pcs yg 3", 2, "pashmina yg 3", nil},
		// Otherwise the last bare number.
		{"pashmina 3 eh 4 deh", 4, "pashmina 3 eh deh", nil},
		// Invalid quantities are reported, not ignored.
		{"pashmina hitam 1e9", 0, "pashmina hitam", ErrQtyNotNumber},
		{"pashmina hitam -3", 0, "pashmina hitam", ErrQtyNegative},
		{"pashmina hitam 0", 0, "pashmina hitam", ErrQtyZero},
		{"pashmina hitam 1,5", 0, "pashmina hitam", ErrQtyFraction},
		{"pashmina hitam 1.5", 0, "pashmina hitam", ErrQtyFraction},
		{"pashmina hitam 2.000", 0, "pashmina hitam", ErrQtyTooLarge},
		{"pashmina hitam 0x10", 0, "pashmina hitam", ErrQtyNotNumber},
		{"pashmina hitam 1_000", 0, "pashmina hitam", ErrQtyNotNumber},
		{"pashmina hitam 99999999999999999999", 0, "pashmina hitam", ErrQtyTooLarge},
		{"pashmina hitam NaN", 0, "pashmina hitam", ErrQtyNotNumber},
		{"pashmina hitam +5", 0, "pashmina hitam", ErrQtyNotNumber},
		{"pashmina hitam 150", 0, "pashmina hitam", ErrQtyTooLarge},
		{"pashmina hitam setengah", 0, "pashmina hitam", ErrQtyFraction},
		{"pashmina hitam 3️⃣", 3, "pashmina hitam", nil},
		{"tgl 12/05 kirim", 0, "tgl 12/05 kirim", nil},
		// Numbers that are something else.
		{"pashmina 180x75 cm", 0, "pashmina 180x75 cm", nil},
		{"pashmina 180 x 75", 0, "pashmina 180 x 75", nil},
		{"pashmina 180x75 2", 2, "pashmina 180x75", nil},
		{"pashmina 180 x 75 cm 2 pcs", 2, "pashmina 180 x 75 cm", nil},
		{"keripik maicih level 5 100gr 2", 2, "keripik maicih level 5 100gr", nil},
		{"keripik level 3 / 250 gr", 0, "keripik level 3 / 250 gr", nil},
		{"khimar dua layer", 0, "khimar dua layer", nil},
		{"paket saya udh 5 hari blm nyampe", 0, "paket saya udh 5 hari blm nyampe", nil},
		{"Jl. Melati No. 12 RT 03/RW 05", 0, "Jl. Melati No. 12 RT 03/RW 05", nil},
		{"kirim ke bekasi 17510", 0, "kirim ke bekasi 17510", nil},
		{"wa 081234500003", 0, "wa 081234500003", nil},
		{"wa +6281234500003 ya", 0, "wa +6281234500003 ya", nil},
		{"hp 0812 3450 0001 ya", 0, "hp 0812 3450 0001 ya", nil},
		{"hp +62 812-3450-0001", 0, "hp +62 812-3450-0001", nil},
		{"081234500003 2 pcs", 2, "081234500003", nil},
		{"harga rp 150.000", 0, "harga rp 150.000", nil},
		{"budget 150rb", 0, "budget 150rb", nil},
		{"diskon 10%", 0, "diskon 10%", nil},
		{"ukuran 38 ada?", 0, "ukuran 38 ada?", nil},
		{"yg XL 2", 2, "yg XL", nil},
		{"yg hitam 2 M", 2, "yg hitam M", nil},
		{"hitam L 2, navy M", 2, "hitam L navy M", nil},
		{"yg 2xl", 0, "yg 2xl", nil},
		{"gamis 2in1", 0, "gamis 2in1", nil},
		{"salah satu aja", 0, "salah satu aja", nil},
		{"pesanan #12", 0, "pesanan #12", nil},
		// No quantity at all.
		{"yg hitam L", 0, "yg hitam L", nil},
		{"udah itu aja", 0, "udah itu aja", nil},
		{"", 0, "", nil},
	}
	for _, tt := range tests {
		got, rest, err := ExtractQuantity(tt.in, 99)
		if got != tt.want || rest != tt.rest || !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("ExtractQuantity(%q) = %d, %q, %v; want %d, %q, %v", tt.in, got, rest, err, tt.want, tt.rest, tt.err)
		}
	}
}

func TestExtractQuantityLongText(t *testing.T) {
	// Only MaxParseRunes are read: a quantity beyond them is not seen.
	long := strings.Repeat("a ", MaxParseRunes) + "2 pcs"
	if got, _, err := ExtractQuantity(long, 99); got != 0 || err != nil {
		t.Errorf("ExtractQuantity(long) = %d, %v; want 0, nil", got, err)
	}
	if got, _, err := ExtractQuantity("3 "+strings.Repeat("😀", 100000), 99); got != 3 || err != nil {
		t.Errorf("ExtractQuantity(3 + emoji) = %d, %v; want 3, nil", got, err)
	}
}

func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{
		"1e9", "-3", "0", "٣", "۳", "３", "१", "1.5", "1,5", "2.000", "007", "010", "0x10",
		"1_000", "99999999999999999999", "NaN", "Inf", "+5", " 5", "dua", "2x", "x2", "2 pcs",
		"setengah lusin", "dua puluh satu", "yg hitam L mau 2 ya kak", "180 x 75 2",
		"0812 3450 0001", "- pashmina 3",
	} {
		f.Add(s, 99)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		want := max
		if want < 1 {
			want = qtyDefaultMax
		}
		n, err := ParseQuantity(s, max)
		if err == nil && (n < 1 || n > want) {
			t.Fatalf("ParseQuantity(%q, %d) = %d outside 1..%d", s, max, n, want)
		}
		if err != nil && n != 0 {
			t.Fatalf("ParseQuantity(%q, %d) = %d with error %v", s, max, n, err)
		}
		q, rest, err := ExtractQuantity(s, max)
		if err == nil && q != 0 && (q < 1 || q > want) {
			t.Fatalf("ExtractQuantity(%q, %d) = %d outside 1..%d", s, max, q, want)
		}
		if len(rest) > len(s)+1 {
			t.Fatalf("ExtractQuantity(%q) rest %q longer than the text", s, rest)
		}
	})
}
