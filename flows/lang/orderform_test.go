package lang

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var testCouriers = []string{"JNE", "J&T", "SiCepat", "AnterAja", "Pos Indonesia"}

// script02 is the pasted message of corpus/scripts/02-format-order.txt.
const script02 = `*FORMAT ORDER*
Nama : Dewi Lestari
No HP : 0857-1111-2222
Alamat : Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131
Pesanan :
- pashmina ceruty dusty pink 3
- bergo maryam hitam 1
Kurir : J&T`

func sameItems(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func checkForm(t *testing.T, name string, got, want OrderForm) {
	t.Helper()
	if got.Name != want.Name || got.Phone != want.Phone || got.Address != want.Address ||
		got.Courier != want.Courier || got.PhoneRaw != want.PhoneRaw || !sameItems(got.Items, want.Items) {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

func TestParseOrderForm(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   OrderForm
		fields int
		ok     bool
	}{
		{"script 02", script02, OrderForm{
			Name: "Dewi Lestari", Phone: "6285711112222",
			Address: "Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131",
			Items:   []string{"pashmina ceruty dusty pink 3", "bergo maryam hitam 1"}, Courier: "J&T",
		}, 5, true},
		{"bold labels, = separators, other order, multi-line address, items on one line",
			"*Nama* = Budi Santoso\n*Alamat* = Jl. Diponegoro No. 45\nRT 02 RW 03, Kec. Gubeng\nSurabaya 60281\n" +
				"*No WA* = +62 812-3456-7890\n*Ekspedisi* = jnt\n*Orderan* = keripik kaca 2, basreng pedas 3",
			OrderForm{Name: "Budi Santoso", Phone: "6281234567890",
				Address: "Jl. Diponegoro No. 45, RT 02 RW 03, Kec. Gubeng, Surabaya 60281",
				Courier: "J&T", Items: []string{"keripik kaca 2", "basreng pedas 3"}}, 5, true},
		{"dash separators, lower case, synonyms",
			"nama lengkap - Siti Aminah\ntelp - 0813 2222 3333\nalamat kirim - Gg. Kelinci No 2, Bantul\nbarang - tws pro 1\njasa kirim - si cepat",
			OrderForm{Name: "Siti Aminah", Phone: "6281322223333", Address: "Gg. Kelinci No 2, Bantul",
				Items: []string{"tws pro 1"}, Courier: "SiCepat"}, 5, true},
		{"no separators", "Nama Dewi Ayu\nNo HP 081234567890\nAlamat Jl Kenari 7 Depok",
			OrderForm{Name: "Dewi Ayu", Phone: "6281234567890", Address: "Jl Kenari 7 Depok"}, 3, true},
		{"all on one line", "Nama: Dewi, HP: 081234567890, Alamat: Jl. Mawar 5 Bekasi, Kurir: JNE",
			OrderForm{Name: "Dewi", Phone: "6281234567890", Address: "Jl. Mawar 5 Bekasi", Courier: "JNE"}, 4, true},
		{"missing fields stay empty", "Nama: Rina\nAlamat: Jl. Mawar 3 Bogor",
			OrderForm{Name: "Rina", Address: "Jl. Mawar 3 Bogor"}, 2, true},
		{"numbered labels and penerima", "1. Penerima: Hj. Nur'aini\n2. No. Telp: 0812-9999-0000\n3. Alamat lengkap: Komplek Griya Indah Blok B/4, Cibubur",
			OrderForm{Name: "Hj. Nur'aini", Phone: "6281299990000", Address: "Komplek Griya Indah Blok B/4, Cibubur"}, 3, true},
		{"item details as labels", "Nama: Sinta\nProduk: Gamis Aisyah\nWarna: Hitam\nUkuran: L\nJumlah: 2\nAlamat: Jl. X 5 Bogor",
			OrderForm{Name: "Sinta", Address: "Jl. X 5 Bogor", Items: []string{"Gamis Aisyah Hitam L 2"}}, 3, true},
		{"address parts as labels", "Nama: Andi\nAlamat: Jl. Sudirman 1\nKecamatan: Coblong\nKota: Bandung\nKode Pos: 40132",
			OrderForm{Name: "Andi", Address: "Jl. Sudirman 1, Kec. Coblong, Bandung, 40132"}, 2, true},
		{"notes stop the address", "Nama: Andi\nAlamat: Jl. Sudirman 1\nCatatan: packing rapi ya\nmakasih kak",
			OrderForm{Name: "Andi", Address: "Jl. Sudirman 1"}, 2, true},
		{"trailing chat is not address", "Nama: Andi\nAlamat: Jl. Sudirman 1 Bandung\nmakasih kak",
			OrderForm{Name: "Andi", Address: "Jl. Sudirman 1 Bandung"}, 2, true},
		{"invalid phone kept raw", "Nama: Andi\nNo HP: 12345",
			OrderForm{Name: "Andi", PhoneRaw: "12345"}, 2, true},
		{"unoffered courier left empty", "Nama: Andi\nKurir: TIKI", OrderForm{Name: "Andi"}, 2, true},
		{"only labels", "Nama :\nNo HP :\nAlamat :\nPesanan :\nKurir :", OrderForm{}, 5, true},
		{"template placeholders", "Nama : ______\nNo HP : ......\nAlamat :", OrderForm{}, 3, true},
		{"one label is not a form", "Nama: Dewi", OrderForm{Name: "Dewi"}, 1, false},
		{"chat", "kak mau order ya", OrderForm{}, 0, false},
		{"shop question", "alamat tokonya dimana kak", OrderForm{}, 0, false},
		{"label words in chat", "alamat saya sama kak\norder lagi ya", OrderForm{}, 0, false},
		{"empty", "", OrderForm{}, 0, false},
		{"bidi and zero-width", "Nama: De\u202ewi\u200b\nAlamat: Jl. Mawar\u2066 5 Bekasi",
			OrderForm{Name: "Dewi", Address: "Jl. Mawar 5 Bekasi"}, 2, true},
		{"emoji", "Nama: Dewi 🌸\nHP: 0812 3456 7890 📱", OrderForm{Name: "Dewi 🌸", Phone: "6281234567890"}, 2, true},
		{"SQL-like text is stored as text", "Nama: '; DROP TABLE orders;--\nAlamat: Jl. X 1 Bogor",
			OrderForm{Name: "'; DROP TABLE orders;", Address: "Jl. X 1 Bogor"}, 2, true}, // trailing "-" reads as a placeholder
	}
	for _, tt := range tests {
		got, ok := ParseOrderForm(tt.text, testCouriers)
		checkForm(t, tt.name, got, tt.want)
		if ok != tt.ok || got.Fields != tt.fields {
			t.Errorf("%s: ok=%v Fields=%d, want ok=%v Fields=%d", tt.name, ok, got.Fields, tt.ok, tt.fields)
		}
	}
}

func TestParseOrderFormLimits(t *testing.T) {
	long := strings.Repeat("a", 900)
	f, ok := ParseOrderForm("Alamat: Jl. "+long+"\nNama: "+long, nil)
	if !ok || utf8.RuneCountInString(f.Name) != MaxNameRunes || utf8.RuneCountInString(f.Address) != MaxAddressRunes {
		t.Errorf("long fields: ok=%v name %d runes, address %d runes", ok, utf8.RuneCountInString(f.Name), utf8.RuneCountInString(f.Address))
	}
	// A 5,000-character message is read from its first MaxParseRunes runes.
	f, ok = ParseOrderForm("Nama: Andi\nAlamat: Jl. "+strings.Repeat("b", 5000)+"\nKurir: JNE", nil)
	if !ok || f.Name != "Andi" || utf8.RuneCountInString(f.Address) != MaxAddressRunes || f.Courier != "" {
		t.Errorf("5,000 characters: ok=%v %+v", ok, f)
	}
	var b strings.Builder
	b.WriteString("Nama: Andi\nPesanan:\n")
	for i := 0; i < 500; i++ {
		b.WriteString("- keripik 1\n")
	}
	f, _ = ParseOrderForm(b.String(), nil)
	if len(f.Items) == 0 || len(f.Items) > maxFormItems {
		t.Errorf("%d items, want 1..%d", len(f.Items), maxFormItems)
	}
	f, _ = ParseOrderForm(strings.Repeat("🙂", 5000), nil)
	if f.Fields != 0 {
		t.Errorf("emoji flood: %+v", f)
	}
}

func TestParseDetails(t *testing.T) {
	tests := []struct {
		name, text string
		couriers   []string
		want       OrderForm
	}{
		{"script 03", "Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, 081234500003, sicepat", testCouriers,
			OrderForm{Name: "Sari Wulandari", Address: "Jl. Kenanga 5 Sleman DIY 55281", Phone: "6281234500003", Courier: "SiCepat"}},
		{"script 03, built-in couriers", "Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, 081234500003, sicepat", nil,
			OrderForm{Name: "Sari Wulandari", Address: "Jl. Kenanga 5 Sleman DIY 55281", Phone: "6281234500003", Courier: "SiCepat"}},
		{"script 04", "Maya, Jl. Anggrek 3 Medan 20112, 081234500004, jne", testCouriers,
			OrderForm{Name: "Maya", Address: "Jl. Anggrek 3 Medan 20112", Phone: "6281234500004", Courier: "JNE"}},
		{"script 01 name", "Rina Marlina", testCouriers, OrderForm{Name: "Rina Marlina"}},
		{"script 01 address with commas",
			"Jl. Melati No. 12 RT 03/RW 05, Kel. Jatimulya, Kec. Tambun Selatan, Kab. Bekasi 17510", testCouriers,
			OrderForm{Address: "Jl. Melati No. 12 RT 03/RW 05, Kel. Jatimulya, Kec. Tambun Selatan, Kab. Bekasi 17510"}},
		{"script 01 phone", "081234500001", testCouriers, OrderForm{Phone: "6281234500001"}},
		{"script 01 courier", "jne", testCouriers, OrderForm{Courier: "JNE"}},
		{"address with village between street and city",
			"Dewi Lestari, Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131, 0857-1111-2222, j&t", testCouriers,
			OrderForm{Name: "Dewi Lestari", Address: "Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131",
				Phone: "6285711112222", Courier: "J&T"}},
		{"several lines", "Budi\nJl. Merdeka 10, Kel. Sukajadi\nBandung 40162\n0812 3456 7890\nvia jnt", testCouriers,
			OrderForm{Name: "Budi", Address: "Jl. Merdeka 10, Kel. Sukajadi, Bandung 40162", Phone: "6281234567890", Courier: "J&T"}},
		{"name after address", "Jl. Mawar 5 Bekasi, Dewi Lestari, 081234567890", testCouriers,
			OrderForm{Name: "Dewi Lestari", Address: "Jl. Mawar 5 Bekasi", Phone: "6281234567890"}},
		{"name and phone in one segment", "Andi 081234567890", testCouriers, OrderForm{Name: "Andi", Phone: "6281234567890"}},
		{"gadget shop customer", "Kevin Sanjaya; Apartemen Kalibata City Tower B lt 12, Jakarta Selatan; +62 878 1234 5678; anteraja", testCouriers,
			OrderForm{Name: "Kevin Sanjaya", Address: "Apartemen Kalibata City Tower B lt 12, Jakarta Selatan", Phone: "6287812345678", Courier: "AnterAja"}},
		{"courier the shop does not use", "tiki", testCouriers, OrderForm{}},
		{"one labelled line", "Alamat: Jl. Melati 3, Depok", testCouriers, OrderForm{Address: "Jl. Melati 3, Depok"}},
		{"labelled form", script02, testCouriers, OrderForm{
			Name: "Dewi Lestari", Phone: "6285711112222",
			Address: "Perum Griya Asri Blok C2 No 7, Sukarame, Bandar Lampung, Lampung 35131",
			Items:   []string{"pashmina ceruty dusty pink 3", "bergo maryam hitam 1"}, Courier: "J&T"}},
		{"greeting", "ok kak", testCouriers, OrderForm{}},
		{"question", "berapa kak", testCouriers, OrderForm{}},
		{"yes", "ya kak", testCouriers, OrderForm{}},
		{"done", "udah itu aja", testCouriers, OrderForm{}},
		{"thanks", "makasih kak", testCouriers, OrderForm{}},
		{"shipping question", "ongkir ke bekasi brp kak", testCouriers, OrderForm{}},
		{"SQL-like", "'; DROP TABLE orders;--", testCouriers, OrderForm{}},
		{"empty", "", testCouriers, OrderForm{}},
		{"bidi in name", "Ri\u202ena Marlina", testCouriers, OrderForm{Name: "Rina Marlina"}},
	}
	for _, tt := range tests {
		checkForm(t, tt.name, ParseDetails(tt.text, tt.couriers), tt.want)
	}
}

func TestParseDetailsLimits(t *testing.T) {
	f := ParseDetails(strings.Repeat("Jl. Mawar 5, ", 500), nil)
	if utf8.RuneCountInString(f.Address) > MaxAddressRunes {
		t.Errorf("address %d runes", utf8.RuneCountInString(f.Address))
	}
	f = ParseDetails(strings.Repeat("x", 5000), nil)
	if utf8.RuneCountInString(f.Name) > MaxNameRunes {
		t.Errorf("name %d runes", utf8.RuneCountInString(f.Name))
	}
}

func TestLooksLikeAddress(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Jl. Kenanga 5 Sleman DIY 55281", true},
		{"Kel. Jatimulya", true},
		{"Kec. Tambun Selatan", true},
		{"Kab. Bekasi 17510", true},
		{"RT 03/RW 05", true},
		{"rt03 rw05 desa sukamaju", true},
		{"Perum Griya Asri Blok C2 No 7", true},
		{"Gg. Kelinci 2", true},
		{"Dusun Krajan, Desa Sumberrejo", true},
		{"Lampung 35131", true},
		{"Bekasi", true},
		{"jalan mawar nomor 3", true},
		{"Apartemen Kalibata City Tower B lt 12", true},
		{"Rina Marlina", false},
		{"081234500001", false},
		{"ongkir ke bekasi brp kak", false},
		{"sudah jalan belum kak paketnya?", false},
		{"alamat tokonya dimana kak", false},
		{"ok kak", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeAddress(tt.text); got != tt.want {
			t.Errorf("LooksLikeAddress(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestLooksLikeName(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Rina Marlina", true},
		{"Sari Wulandari", true},
		{"Maya", true},
		{"Hj. Nur'aini", true},
		{"Bu Sari", true},
		{"siti rahayu", true},
		{"Muhammad Rizky Al-Fatih", true},
		{"SARI WULANDARI", true},
		{"ok kak", false},
		{"berapa kak", false},
		{"iya", false},
		{"makasih", false},
		{"halo", false},
		{"jne", false},
		{"p", false},
		{"Andi 0812", false},
		{"satu dua tiga empat lima enam", false},
		{"Dewi 🌸", false},
		{strings.Repeat("a", 101), false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeName(tt.text); got != tt.want {
			t.Errorf("LooksLikeName(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// FuzzParseOrderForm checks that no input panics and that what is stored
// respects the caps and holds no hidden characters.
func FuzzParseOrderForm(f *testing.F) {
	for _, s := range []string{
		script02,
		"Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, 081234500003, sicepat",
		"Jl. Melati No. 12 RT 03/RW 05, Kel. Jatimulya, Kec. Tambun Selatan, Kab. Bekasi 17510",
		"*Nama* = Budi\n*Alamat* = Jl. X 1\nRT 2\n*No WA* = +62 812-3456-7890\n*Orderan* = a 2, b 3",
		"Nama: Dewi, HP: 081234567890, Alamat: Jl. Mawar 5 Bekasi, Kurir: JNE",
		"Nama :\nNo HP :\nAlamat :\nPesanan :\nKurir :",
		"'; DROP TABLE orders;--",
		"Nama: De\u202ewi\u200b\nAlamat: \u2066Jl\u2069",
		"1. Nama: ::: === ---\n2)",
		"Pesanan: 1,5 kg, ,, ;;",
		"\xff\xfeNama: \xc3",
		strings.Repeat("Alamat: ", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, form := range []OrderForm{func() OrderForm {
			form, ok := ParseOrderForm(text, testCouriers)
			if ok != (form.Fields >= 2) || form.Fields > 5 {
				t.Fatalf("ok=%v with Fields=%d", ok, form.Fields)
			}
			return form
		}(), ParseDetails(text, testCouriers)} {
			if n := utf8.RuneCountInString(form.Name); n > MaxNameRunes {
				t.Fatalf("name has %d runes", n)
			}
			if n := utf8.RuneCountInString(form.Address); n > MaxAddressRunes {
				t.Fatalf("address has %d runes", n)
			}
			if len(form.Items) > maxFormItems {
				t.Fatalf("%d items", len(form.Items))
			}
			for _, s := range append([]string{form.Name, form.Address, form.PhoneRaw}, form.Items...) {
				for _, r := range s {
					if unicode.Is(unicode.Cf, r) || r == '\n' {
						t.Fatalf("stored text %q holds %U", s, r)
					}
				}
			}
			for _, r := range form.Phone {
				if r < '0' || r > '9' {
					t.Fatalf("phone %q is not digits", form.Phone)
				}
			}
			if form.Courier != "" && !wordIn(form.Courier, testCouriers) {
				t.Fatalf("courier %q is not configured", form.Courier)
			}
		}
	})
}
