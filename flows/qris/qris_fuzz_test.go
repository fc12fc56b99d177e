package qris

import "testing"

// FuzzQRIS: any text through the parser never panics; a payload Validate
// accepts is written back byte for byte, and made dynamic for any amount
// it stays valid, carries that amount and keeps every other tag.
func FuzzQRIS(f *testing.F) {
	f.Add(sealed(merchantBody), int64(150337))
	f.Add(staticQRIS, int64(1))
	f.Add("000201010211", int64(99))
	f.Add("00020101021254041000", int64(MaxAmount))
	f.Fuzz(func(t *testing.T, s string, amount int64) {
		p, perr := Parse(s)
		if perr == nil && p.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, p.String())
		}
		if Validate(s) != nil {
			return
		}
		dyn, err := ToDynamic(s, amount)
		if amount < 1 || amount > MaxAmount {
			if err == nil {
				t.Fatalf("ToDynamic(%d) accepted", amount)
			}
			return
		}
		if err != nil {
			if len(s) > MaxLen-20 { // no room for tag 54
				return
			}
			t.Fatalf("ToDynamic(%q, %d): %v", s, amount, err)
		}
		if err := Validate(dyn); err != nil {
			t.Fatalf("dynamic payload invalid: %v\n%s", err, dyn)
		}
		if n, ok := Amount(dyn); !ok || n != amount {
			t.Fatalf("amount %d, want %d", n, amount)
		}
		d, _ := Parse(dyn)
		for _, f := range p {
			if f.ID == TagInitiation || f.ID == TagAmount || f.ID == TagCRC {
				continue
			}
			if v, ok := d.Get(f.ID); !ok || v != f.Value {
				t.Fatalf("tag %s changed: %q -> %q", f.ID, f.Value, v)
			}
		}
		if n, ok := ImageAmount(ImagePath(dyn)); !ok || n != amount {
			t.Fatalf("ImagePath/ImageAmount: %d, %v", n, ok)
		}
	})
}
