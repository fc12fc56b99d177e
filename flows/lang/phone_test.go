package lang

import (
	"errors"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"0812-3450-0001", "6281234500001"},
		{"+62 812 3450 0001", "6281234500001"},
		{"+62-812-3450-0001", "6281234500001"},
		{"6281234500001", "6281234500001"},
		{"62 812 3450 0001", "6281234500001"},
		{"(0812) 3450 0001", "6281234500001"},
		{"0812.3450.0001", "6281234500001"},
		{"812 3450 0001", "6281234500001"},
		{"81234500001", "6281234500001"},
		{"+62 (0)812 3450 0001", "6281234500001"},
		{"620812 3450 0001", "6281234500001"},
		{"0062 812 3450 0001", "6281234500001"},
		{" 081234500001 ", "6281234500001"},
		{"０８１２３４５００００１", "6281234500001"},
		{"٠٨١٢٣٤٥٠٠٠٠١", "6281234500001"},
		{"0812\u200b3450\u200b0001", "6281234500001"},
		{"021 555 1234", "62215551234"}, // a Jakarta landline is still a phone
		{"+1 415 555 2671", "14155552671"},
		{"+60 12-345 6789", "60123456789"},
		{"+44 20 7946 0958", "442079460958"},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	bad := []string{
		"", "   ", "+", "abc", "0812-3450-abcd", "0812/3450/0001", "123",
		"12345678901",              // no country code, not Indonesian
		"0812",                     // too short
		"+0812 3450 0001",          // '+' then a trunk zero
		"0812345000011234567",      // too long
		"+1234567890123456",        // more than 15 digits
		"+62 812 3450 0001 ext 12", // trailing words
		"62-+812", "08123450001x",
	}
	for _, in := range bad {
		if got, err := NormalizePhone(in); !errors.Is(err, ErrPhoneInvalid) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want ErrPhoneInvalid", in, got, err)
		}
	}
}

func TestFindPhone(t *testing.T) {
	tests := []struct {
		in, phone, rest string
		ok              bool
	}{
		{"Sari, Jl. Kenanga 5, 081234500003, sicepat", "6281234500003", "Sari, Jl. Kenanga 5, sicepat", true},
		{"Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, 081234500003, sicepat", "6281234500003",
			"Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, sicepat", true},
		{"081234500001", "6281234500001", "", true},
		{"no hp 0812 3450 0001 ya kak", "6281234500001", "no hp ya kak", true},
		{"No HP : 0857-1111-2222", "6285711112222", "No HP :", true},
		{"wa: +62 812-3450-0001", "6281234500001", "wa:", true},
		{"hp (0812) 3450 0001", "6281234500001", "hp", true},
		{"hubungi wa081234500003", "6281234500003", "hubungi wa", true},
		{"Jl Mawar No. 12 0812 3450 0001", "6281234500001", "Jl Mawar No. 12", true},
		{"nomor ۰۸۱۲۳۴۵۰۰۰۰۳ kak", "6281234500003", "nomor kak", true},
		// Numbers that are not mobile phones.
		{"Jl. Melati No. 12 RT 03/RW 05, Kab. Bekasi 17510", "", "Jl. Melati No. 12 RT 03/RW 05, Kab. Bekasi 17510", false},
		{"resi JNE 010880123456", "", "resi JNE 010880123456", false},
		{"resi JP1234567890", "", "resi JP1234567890", false},
		{"telp kantor 021 555 1234", "", "telp kantor 021 555 1234", false},
		{"mau 2 pcs", "", "mau 2 pcs", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		phone, rest, ok := FindPhone(tt.in)
		if phone != tt.phone || rest != tt.rest || ok != tt.ok {
			t.Errorf("FindPhone(%q) = %q, %q, %v; want %q, %q, %v", tt.in, phone, rest, ok, tt.phone, tt.rest, tt.ok)
		}
	}
}
