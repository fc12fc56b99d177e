package flows

import (
	"strings"
	"testing"
)

func TestCODAddressComplete(t *testing.T) {
	known := func(s string) bool { return strings.Contains(strings.ToLower(s), "tambun") }
	for _, tc := range []struct {
		addr    string
		known   func(string) bool
		missing string
	}{
		{"Jl. Melati No. 12 RT 03/04, Kec. Tambun Selatan, Kab. Bekasi 17510", nil, ""},
		{"Cluster Anggrek Blok F No. 9, Grand Wisata, Tambun Selatan, Kab. Bekasi 17510", nil, ""},
		{"Jl Kartini Raya No. 88 Bekasi Timur Kota Bekasi 17113", nil, ""},
		{"Jl. Melati 12, Sukamaju, 40123", nil, ""},  // a place of its own after the street
		{"Gg. Mawar 3 Tambun 17510", known, ""},      // a place the shop ships to
		{"Gg. Mawar 3 Tambun 17510", nil, codArea},   // the same, unknown to another shop
		{"Jl. Melati No. 12 RT 03/04", nil, codArea}, // no kecamatan or city
		{"Jl. Melati 12, Kec. Sukamaju, Kota Cimahi", nil, codPostcode},
		{"Kec. Tambun Selatan, Kab. Bekasi 17510", nil, codStreet}, // no street or house
		{"Bekasi 17510", nil, codStreet},
		{"Melati 12, Kecamatan Sukajadi, 40162", nil, ""}, // house number beside a name
		{"", nil, codStreet},
	} {
		got := codAddressMissing(Details{Address: tc.addr}, tc.known)
		if got != tc.missing {
			t.Errorf("codAddressMissing(%q) = %q, want %q", tc.addr, got, tc.missing)
		}
		if codAddressComplete(Details{Address: tc.addr}, tc.known) != (tc.missing == "") {
			t.Errorf("codAddressComplete(%q) disagrees with codAddressMissing", tc.addr)
		}
	}
}

func TestCatalogProduct(t *testing.T) {
	cat := &Catalog{Products: []Product{
		{SKU: "PSM-02", Name: "Pashmina Ceruty", Variants: []Variant{{ID: 1, Name: "Hitam", Stock: 3}, {ID: 2, Name: "Mocca", Stock: 1}}},
		{SKU: "BRG 04", Name: "Bergo Maryam", Variants: []Variant{{ID: 3, Name: "", Stock: 5}}},
	}}
	for _, tc := range []struct {
		ref          ProductRef
		sku, variant string
	}{
		{ProductRef{RetailerID: "psm-02", Title: "Pashmina Ceruty Mocca"}, "PSM-02", "Mocca"},
		{ProductRef{RetailerID: " PSM-02 ", Title: "apa saja"}, "PSM-02", ""},
		{ProductRef{RetailerID: "brg04", Title: ""}, "BRG 04", ""},
		{ProductRef{RetailerID: "IG-1", Title: "Bergo Maryam"}, "BRG 04", ""},
		{ProductRef{RetailerID: "X-9", Title: "Sepatu Lari"}, "", ""},
		{ProductRef{}, "", ""},
	} {
		p, v := catalogProduct(cat, tc.ref)
		sku, variant := "", ""
		if p != nil {
			sku = p.SKU
		}
		if v != nil && len(p.Variants) > 1 {
			variant = v.Name
		}
		if sku != tc.sku || variant != tc.variant {
			t.Errorf("catalogProduct(%+v) = %q %q, want %q %q", tc.ref, sku, variant, tc.sku, tc.variant)
		}
	}
}
