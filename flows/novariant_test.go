package flows

import (
	"strings"
	"testing"
	"time"
)

// TestNoVariantSaysWhatThereIs: asked for a colour a product is not sold
// in, the reply names the colours in stock; for a product of one kind
// only, or whose other kinds are all sold out, it says so instead of an
// empty list.
func TestNoVariantSaysWhatThereIs(t *testing.T) {
	shop := fuzzShop()
	at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		variants []Variant
		want     string
	}{
		{"named in stock", []Variant{{ID: 7, SKU: "KKJ-10", Name: "Putih", Price: 12000, Stock: 5}, {ID: 8, SKU: "KKJ-10", Name: "Krem", Price: 12000, Stock: 0}},
			"Yang ada: Putih."},
		{"one kind only", []Variant{{ID: 7, SKU: "KKJ-10", Price: 12000, Stock: 5}}, "hanya ada satu jenis"},
		{"others sold out", []Variant{{ID: 7, SKU: "KKJ-10", Name: "Putih", Price: 12000, Stock: 0}}, "juga sedang habis"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := newFuzzView()
			v.cat.Products = append(v.cat.Products, Product{SKU: "KKJ-10", Name: "Kaos Kaki Jempol", Aliases: []string{"kaos kaki"}, Variants: tc.variants})
			st := State{LastSeen: at, Privacy: true}
			res := Handle(shop, st, Input{Customer: v.customers[0], At: at, Text: "kaos kaki jempol yang merah ada kak?"}, v)
			var texts []string
			for _, r := range res.Replies {
				texts = append(texts, r.Text)
			}
			all := strings.Join(texts, "\n")
			if !strings.Contains(all, "Kaos Kaki Jempol") || !strings.Contains(all, tc.want) {
				t.Errorf("reply %q: want the product and %q", all, tc.want)
			}
			if strings.Contains(all, "Yang ada: -") || strings.Contains(all, "Yang ada: .") || strings.Contains(all, "Yang ada: ,") {
				t.Errorf("reply %q lists nothing", all)
			}
		})
	}
}
