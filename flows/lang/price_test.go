package lang

import (
	"errors"
	"math"
	"testing"
)

func TestParsePrice(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"150000", 150000},
		{"150.000", 150000},
		{"150,000", 150000},
		{"1.500.000", 1500000},
		{"1,500,000", 1500000},
		{"Rp150.000", 150000},
		{"rp150.000", 150000},
		{"Rp 150.000", 150000},
		{"Rp. 150.000", 150000},
		{"Rp 150.000,00", 150000},
		{"Rp150.000,-", 150000},
		{"150,000.00", 150000},
		{"1.500.000,00", 1500000},
		{"IDR 150000", 150000},
		{"idr150.000", 150000},
		{"150000 rupiah", 150000},
		{"150rb", 150000},
		{"150 rb", 150000},
		{"150 ribu", 150000},
		{"150ribu", 150000},
		{"150k", 150000},
		{"150K", 150000},
		{"1,5jt", 1500000},
		{"1.5 juta", 1500000},
		{"1jt", 1000000},
		{"2,25 jt", 2250000},
		{"1,500jt", 1500000}, // comma is the decimal mark before a multiplier
		{"1.500rb", 1500000}, // dot groups thousands even before a multiplier
		{"2,5rb", 2500},
		{"  45000  ", 45000},
		{"500", 500},
		{"150,00", 150},
		{"0150000", 150000},
		{"１５０．０００", 150000}, // fullwidth, NFKC
		{"1.000.000.000.000", MaxPrice},
		{"1000000jt", MaxPrice},
	}
	for _, tt := range tests {
		got, err := ParsePrice(tt.in)
		if err != nil {
			t.Errorf("ParsePrice(%q) error %v, want %d", tt.in, err, tt.want)
			continue
		}
		if got != tt.want {
			t.Errorf("ParsePrice(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParsePriceInvalid(t *testing.T) {
	bad := []string{
		"", " ", "Rp", "rb", "abc", "gratis",
		"0", "0,00", "Rp0", "0rb",
		"-150000", "-150.000", "Rp-5000", "+150000",
		"1e5", "1E5", "1.5e3", "0x10", "0X1F", "1_000", "NaN", "Inf", "infinity",
		"1,5", "150.5", "150.000,50", // fractions of a rupiah
		"1.50.000", "15.0000", "1,50,000", ".500", "500.", "1..000", "1.000,",
		"1.000.000,00,00", "1,000.000.00", "1.000,000.00",
		"1,2345678jt", // below one rupiah
		"1.000.000.000.001", "9999999999999", "99999999999999999999",
		"1000001jt", "9223372036854775807", "10000000000000rb",
		"150 000", "Rp 150.000 ongkir", "12ab", "½", "٣٠٠٠",
		"150.000.000.000.000.000.000.000.000.000.000.000.000.000.000.000.000.000",
	}
	for _, in := range bad {
		got, err := ParsePrice(in)
		if !errors.Is(err, ErrPriceInvalid) {
			t.Errorf("ParsePrice(%q) = %d, %v; want ErrPriceInvalid", in, got, err)
		}
	}
}

func TestFormatRupiah(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "Rp0"},
		{5, "Rp5"},
		{999, "Rp999"},
		{1000, "Rp1.000"},
		{45000, "Rp45.000"},
		{185000, "Rp185.000"},
		{1500000, "Rp1.500.000"},
		{MaxPrice, "Rp1.000.000.000.000"},
		{-5000, "-Rp5.000"},
		{math.MaxInt64, "Rp9.223.372.036.854.775.807"},
		{math.MinInt64, "-Rp9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := FormatRupiah(tt.in); got != tt.want {
			t.Errorf("FormatRupiah(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParsePrice(f *testing.F) {
	for _, s := range []string{
		"150000", "150.000", "Rp 150.000,00", "1,5jt", "150rb", "150k", "IDR 150000",
		"1e9", "-3", "0x10", "NaN", "99999999999999999999", "1.000.000,00,00", "2,25 jt",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParsePrice(s)
		if err != nil {
			if !errors.Is(err, ErrPriceInvalid) {
				t.Fatalf("ParsePrice(%q) unexpected error %v", s, err)
			}
			return
		}
		if n <= 0 || n > MaxPrice {
			t.Fatalf("ParsePrice(%q) = %d, outside 1..MaxPrice", s, n)
		}
		// What we display must read back as the same amount.
		if back, err := ParsePrice(FormatRupiah(n)); err != nil || back != n {
			t.Fatalf("round trip of %d via %q = %d, %v", n, FormatRupiah(n), back, err)
		}
	})
}
