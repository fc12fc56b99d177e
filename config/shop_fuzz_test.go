package config

import (
	"errors"
	"testing"
)

// FuzzParse checks that no shop.yaml panics the parser and that every
// refusal is an *Error naming the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(SampleShopYAML))
	f.Add([]byte(minimalYAML))
	f.Add([]byte(minimalYAML + "a: &x [1, 2]\n"))
	f.Add([]byte("name: &n Toko\nowners: [*n]\nstaff: [{phone: *n, role: cs}]\nhours: {days: *n}\n"))
	f.Add([]byte(minimalYAML + "shipping: {rates: [{area: A, price: 1, aliases: [a, b]}, {area: B, price: 2rb}]}\n"))
	f.Add([]byte(minimalYAML + "texts: {? [a]: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalidShop) {
				t.Fatalf("refusal is not an *Error: %v", err)
			}
			return
		}
		if s.Name == "" || len(s.Owners) == 0 || s.Location == nil || s.Hours.Close <= s.Hours.Open {
			t.Fatalf("accepted an invalid shop: %+v", s)
		}
	})
}
