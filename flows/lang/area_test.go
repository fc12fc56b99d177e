package lang

import (
	"strings"
	"testing"
)

func TestDetectPlace(t *testing.T) {
	tests := []struct {
		raw, want string
	}{
		{"ongkir ke bekasi brp kak", "bekasi"},
		{"ongkir ke makassar berapa ya", "makassar"},
		{"ongkir ke kab. bandung barat", "kab bandung barat"},
		{"brp ongkir ke jakarta selatan pake jne", "jakarta selatan"},
		{"ongkir bandung berapa", "bandung"},
		{"bekasi ongkirnya brp", "bekasi"},
		{"ongkir daerah sleman kak", "sleman"},
		{"kirim ke kota malang bisa?", "kota malang"},
		{"kalau ke medan ongkirnya berapa", "medan"},
		{"ONGKIR KE PONTIANAK??", "pontianak"},
		{"ongkos kirim ke tangerang selatan via jnt brp", "tangerang selatan"},
		{"ongkirnya berapa kak", ""},
		{"ongkir ke rumah saya brp", ""},
		{"ke luar kota bisa?", ""},
		{"kak gamis aisyah ready?", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DetectPlace(Normalize(tt.raw)); got != tt.want {
			t.Errorf("DetectPlace(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestFindArea(t *testing.T) {
	areas := []string{"Bekasi", "Jawa Barat", "DKI Jakarta", "Jakarta Selatan", "Kab. Bandung", "Bandung",
		"Bandung Barat", "Sleman", "DI Yogyakarta", "Makassar", "Bandar Lampung", "Lampung", "Surakarta", "Malang"}
	tests := []struct {
		text, want string
	}{
		{"ongkir ke bekasi brp kak", "Bekasi"},
		{"Jl. Melati No. 12 RT 03/RW 05, Kel. Jatimulya, Kec. Tambun Selatan, Kab. Bekasi 17510", "Bekasi"},
		{"Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131", "Bandar Lampung"},
		{"Jl. Kenanga 5 Sleman DIY 55281", "Sleman"},
		{"Jl. Kaliurang km 7, Yogyakarta", "DI Yogyakarta"},
		{"kirim ke jogja bisa?", "DI Yogyakarta"},
		{"ongkir ke jaksel", "Jakarta Selatan"},
		{"JAKARTA SELATAN", "Jakarta Selatan"},
		{"jakarta utara", "DKI Jakarta"},
		{"kab bandung", "Kab. Bandung"},
		{"kota bandung", "Bandung"},
		{"bandung", "Bandung"},
		{"kab. bandung barat", "Bandung Barat"},
		{"ke makasar berapa", "Makassar"},
		{"ongkir ke bekasih", "Bekasi"},
		{"ongkir ke makassr", "Makassar"},
		{"solo", "Surakarta"},
		{"Jl. Bekasi No 5, Sleman", "Sleman"},
		{"cianjur, jabar", "Jawa Barat"},
		{"lampung tengah", "Lampung"},
		{"malam ini dikirim kak?", ""},
		{"ongkir ke cirebon", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := FindArea(tt.text, areas)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("FindArea(%q) = %q, %v, want %q", tt.text, got, ok, tt.want)
		}
	}
	if got, ok := FindArea("bekasi", nil); ok || got != "" {
		t.Errorf("FindArea with no areas = %q, %v", got, ok)
	}
	if _, ok := FindArea(strings.Repeat("bekasi ", 2000), []string{"Jawa Barat"}); ok {
		t.Errorf("FindArea matched an area not in the text")
	}
}

func TestMatchCourier(t *testing.T) {
	shop := []string{"JNE", "J&T", "SiCepat", "AnterAja", "Pos Indonesia"}
	tests := []struct {
		text     string
		couriers []string
		want     string
	}{
		{"jne", shop, "JNE"},
		{"JNE REG aja kak", shop, "JNE"},
		{"J&T", shop, "J&T"},
		{"jnt", shop, "J&T"},
		{"j n t", shop, "J&T"},
		{"jnt express", shop, "J&T"},
		{"J & T Express", shop, "J&T"},
		{"si cepat", shop, "SiCepat"},
		{"sicepat", shop, "SiCepat"},
		{"anteraja", shop, "AnterAja"},
		{"pos", shop, "Pos Indonesia"},
		{"pos indonesia", shop, "Pos Indonesia"},
		{"kirim pake jne ya kak", shop, "JNE"},
		{"kode pos 17510", shop, ""},
		{"Jl. Pos No. 3", shop, ""},
		{"tiki", shop, ""}, // known, but not offered by this shop
		{"cod", shop, ""},
		{"", shop, ""},
		{"tiki", nil, "TIKI"},
		{"ninja", nil, "Ninja Xpress"},
		{"gosend", nil, "GoSend"},
		{"grab express", nil, "GrabExpress"},
		{"lion parcel", nil, "Lion Parcel"},
		{"wahana", nil, "Wahana"},
		{"jnt cargo", nil, "J&T Cargo"},
		{"cod", nil, ""},
		{"jne", []string{"JNE REG", "JNE YES"}, "JNE REG"},
		{"kurir toko aja", []string{"Kurir Toko", "JNE"}, "Kurir Toko"},
		{"cod", []string{"COD", "JNE"}, ""},
		{"gamis aisyah hitam", shop, ""},
	}
	for _, tt := range tests {
		got, ok := MatchCourier(tt.text, tt.couriers)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchCourier(%q, %v) = %q, %v, want %q", tt.text, tt.couriers, got, ok, tt.want)
		}
	}
}

// TestFindInAddress: the shortest run of last words that names a city
// decides, read with the word before it; a province only without a city.
func TestFindInAddress(t *testing.T) {
	areas := []string{"Jakarta", "Jakarta Selatan", "Kota Bekasi", "Kab. Bekasi", "Kab. Bandung", "Kota Bandung", "Bogor",
		"Depok", "Jawa Barat", "Yogyakarta", "Surabaya", "Kab. Bandung Barat", "Tangerang Selatan", "Makassar"}
	cases := []struct{ addr, want string }{
		{"Jl Raya Bogor km 30, Cimanggis, Depok", "Depok"},
		{"Jl. Bandung No. 5, Kota Bekasi", "Kota Bekasi"},
		{"Jl. Melati 3, Kab. Bekasi, 17530", "Kab. Bekasi"},
		{"Jl. Melati 3, kabupaten bekasi", "Kab. Bekasi"},
		{"Jl. Melati 3, kota bekasi 17111", "Kota Bekasi"},
		{"Perum Griya Asri Blok C2/15 RT 03/RW 07, Kec. Cilodong, Kota Depok, Jawa Barat 16415", "Depok"},
		{"Jl. Bandung No. 5, Jawa Barat", "Jawa Barat"},
		{"jl mawar 3 jaksel", "Jakarta Selatan"},
		{"Komplek Jogja Indah, Sleman jogja", "Yogyakarta"},
		{"Jl. Kopo 12 kab bandung", "Kab. Bandung"},
		{"Jl. Kopo 12 kota bandung", "Kota Bandung"},
		{"Jl.Sudirman/Makasar", "Makassar"},
		{"Jl. Merdeka 1 Bandung Barat, Jawa Barat", "Kab. Bandung Barat"},
		{"Jl. Tangsel Raya 2, Ciputat, tangsel 15412", "Tangerang Selatan"},
		{"rumah warna biru depan masjid", ""},
		{"", ""},
	}
	a := NewAreas(areas)
	for _, c := range cases {
		got, ok := a.FindInAddress(c.addr)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FindInAddress(%q) = %q, %v; want %q", c.addr, got, ok, c.want)
		}
		// A lone area name reads the same either way.
		if c.want != "" {
			if got, _ := a.Find(c.want); got != c.want {
				t.Errorf("Find(%q) = %q", c.want, got)
			}
		}
	}
}
