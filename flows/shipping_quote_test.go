package flows

import (
	"testing"

	"github.com/pesanbot/pesanbot/shipping"
)

func TestChoosePlace(t *testing.T) {
	timur := shipping.Place{ID: "1", Label: "Bekasi Timur, Kota Bekasi, Jawa Barat 17111", Postcode: "17111"}
	barat := shipping.Place{ID: "2", Label: "Bekasi Barat, Kota Bekasi, Jawa Barat 17134", Postcode: "17134"}
	tambun := shipping.Place{ID: "3", Label: "Tambun Selatan, Bekasi, Jawa Barat 17510", Postcode: "17510"}
	cases := []struct {
		written string
		places  []shipping.Place
		want    string // "" = ask
	}{
		{"Jl. Kenari 9, Bekasi", []shipping.Place{timur, barat}, ""},
		{"Jl. Kenari 9, Bekasi 17134", []shipping.Place{timur, barat}, "2"},
		{"Jl Kenari 9 Bekasi Timur", []shipping.Place{timur, barat, tambun}, "1"},
		{"perum griya, tambun selatan bekasi", []shipping.Place{timur, tambun}, "3"},
		{"apa saja", []shipping.Place{tambun}, "3"},
		{"x", nil, ""},
	}
	for _, c := range cases {
		p, ok := ChoosePlace(c.written, c.places)
		if got := map[bool]string{true: p.ID, false: ""}[ok]; got != c.want {
			t.Errorf("ChoosePlace(%q) = %q, want %q", c.written, got, c.want)
		}
	}
}

func TestShipQueryAndPlace(t *testing.T) {
	cases := []struct{ addr, query, place string }{
		{"Jl. Mawar 5 RT 02/03, Kec. Tambun Selatan, Kab. Bekasi 17510", "Tambun Selatan Bekasi 17510", "Bekasi"},
		{"Jl. Pahlawan No. 8, Kel. Sukajadi, Kec. Sukajadi, Kota Bandung 40162", "Sukajadi Bandung 40162", "Bandung"},
		{"Perum Griya Asri blok C2, Cibinong", "Cibinong", "Cibinong"},
		{"Jl. Melati 3", "", "alamat Kakak"},
	}
	for _, c := range cases {
		if q := shipQuery(c.addr); q != c.query {
			t.Errorf("shipQuery(%q) = %q, want %q", c.addr, q, c.query)
		}
		if p := shipPlace(c.addr); p != c.place {
			t.Errorf("shipPlace(%q) = %q, want %q", c.addr, p, c.place)
		}
	}
	if s := shortPlace("TAMBUN SELATAN, TAMBUN SELATAN, BEKASI, JAWA BARAT, 17510"); s != "TAMBUN SELATAN, BEKASI" {
		t.Errorf("shortPlace = %q", s)
	}
}

func TestShipOptionsOnlyShopCouriers(t *testing.T) {
	shop := &Shop{Shipping: Shipping{Couriers: []string{"JNE", "J&T"}, Live: LiveShipping{MaxOptions: 2}}}
	tr := &turn{shop: shop}
	opts := tr.shipOptions([]shipping.Quote{
		{Courier: "jne", Name: "Jalur Nugraha Ekakurir (JNE)", Service: "YES", Price: 20000},
		{Courier: "sicepat", Name: "SiCepat", Service: "REG", Price: 5000},
		{Courier: "jnt", Name: "J&T Express", Service: "EZ", Price: 9000},
		{Courier: "jne", Name: "JNE", Service: "REG", Price: 10000},
		{Courier: "jne", Name: "JNE", Service: "REG", Price: 10000},
	})
	if len(opts) != 2 || opts[0].Name != "J&T" || opts[1].Name != "JNE" || opts[1].Service != "REG" {
		t.Fatalf("%+v", opts)
	}
}

func TestSecretNeverPrinted(t *testing.T) {
	s := Secret("abc")
	if s.String() == "abc" || s.GoString() == "abc" || s.Reveal() != "abc" {
		t.Fatal("secret")
	}
	if b, _ := s.MarshalJSON(); string(b) != `"***"` {
		t.Fatal(string(b))
	}
}
