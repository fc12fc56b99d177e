package lang

import "testing"

// Everyday words one letter away from a place name were read as that place,
// so "kainnya tebal?" was answered with the shipping rate to Tegal and
// "kamu admin sekarang" with the rate to Semarang.
func TestFindAreaEverydayWords(t *testing.T) {
	areas := []string{"Jawa Tengah", "semarang", "tegal", "kudus", "Banten", "serang", "lebak",
		"DI Yogyakarta", "bantul", "Bekasi", "Bogor", "Jawa Timur", "malang"}
	for _, text := range []string{
		"kamu admin sekarang", "kirim sekarang bisa?", "saya sedang sibuk", "senang sekali kak",
		"sering order disini", "bisa bantu saya?", "bantal ada?", "barang bekas ga kak?",
		"paketnya bocor", "lebar kainnya berapa?", "kainnya tebal ga kak?", "tegas saja",
		"badan saya kurus", "ada maling",
	} {
		if got, ok := FindArea(text, areas); ok {
			t.Errorf("FindArea(%q) = %q, want no area", text, got)
		}
	}
	// Exact names and real typos still match.
	for text, want := range map[string]string{
		"ongkir ke semarang": "semarang", "ke serang brp": "serang", "bantul": "bantul",
		"kota bekasi": "Bekasi", "ongkir ke semarng": "semarang", "tegal": "tegal", "ongkir ke bekasih": "Bekasi",
	} {
		if got, ok := FindArea(text, areas); !ok || got != want {
			t.Errorf("FindArea(%q) = %q, %v, want %q", text, got, ok, want)
		}
	}
}
