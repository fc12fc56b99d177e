package lang_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// Gaps seen through the real bot, each read on the evaluation shops (and
// on a snack shop the corpus does not know).

// snackShop sells snacks by spiciness level and pack size.
func snackShop() *lang.Index {
	return lang.NewIndex([]lang.Product{
		{SKU: "KRP-01", Name: "Keripik Maicih", Aliases: []string{"maicih", "kripik maicih", "keripik pedas"},
			Variants: []string{"Level 3 / 100gr", "Level 5 / 100gr", "Level 5 / 250gr", "Level 10 / 100gr"}},
		{SKU: "BSR-02", Name: "Basreng Original", Aliases: []string{"basreng", "baso goreng"}, Variants: []string{""}},
		{SKU: "MKR-03", Name: "Makaroni Bantet", Aliases: []string{"makaroni", "makroni", "makaroni bantet"},
			Variants: []string{"Pedas / Besar", "Original / Kecil", "Pedas / Kecil"}},
		{SKU: "SBL-04", Name: "Seblak Kering", Aliases: []string{"seblak"}, Variants: []string{"Original"}},
	})
}

type gapCase struct {
	shop, slot, current, text string
	want                      string // corpus labels, " ; " separated, any order
}

func runGaps(t *testing.T, cases []gapCase) lang.Reading {
	t.Helper()
	shops := loadShops(t)
	var last lang.Reading
	for _, c := range cases {
		var ix *lang.Index
		var ctx lang.Context
		if c.shop == "snack2" {
			ix = snackShop()
		} else {
			sh := shops[c.shop]
			ix, ctx = sh.ix, sh.ctx
		}
		ctx.Slot, ctx.Current = lang.Slot(c.slot), c.current
		rd := lang.Read(c.text, ix, ctx)
		last = rd
		got, want := Labels(rd), splitLabels(c.want)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ; ") != strings.Join(want, " ; ") {
			t.Errorf("[%s %s %s] %q\n\tgot:  %s\n\twant: %s", c.shop, c.slot, c.current, c.text, strings.Join(got, " ; "), strings.Join(want, " ; "))
		}
	}
	return last
}

// Invalid quantities stay visible, out of range; odd but valid ones are read.
func TestReadInvalidQuantities(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "pashmina hitam 0", "item=PSM-02|Hitam|0|add"},
		{"hijab", "", "", "pashmina hitam -3", "item=PSM-02|Hitam|-1|add"},
		{"hijab", "", "", "pashmina hitam 1.5", "item=PSM-02|Hitam|-1|add"},
		{"hijab", "", "", "pashmina hitam 0x10", "item=PSM-02|Hitam|-1|add"},
		{"hijab", "", "", "pashmina hitam 1e9", "item=PSM-02|Hitam|-1|add"},
		{"hijab", "", "", "pashmina hitam 1_000", "item=PSM-02|Hitam|-1|add"},
		{"hijab", "", "", "pashmina hitam 99999999999999999999", "item=PSM-02|Hitam|1099511627776|add"},
		{"hijab", "", "", "pashmina hitam 010", "item=PSM-02|Hitam|10|add"},
		{"hijab", "", "", "pashmina hitam ٣", "item=PSM-02|Hitam|3|add"},
		{"hijab", "", "", "pashmina hitam ۳", "item=PSM-02|Hitam|3|add"},
		{"hijab", "", "", "pashmina hitam १", "item=PSM-02|Hitam|1|add"},
		{"hijab", "qty", "PSM-02", "-3", "item=*||-1|add"},
		{"hijab", "qty", "PSM-02", "0", "item=*||0|add"},
		{"hijab", "choice", "", "1,3", "choice=1,3"},
		{"gadget", "", "", "earphone jack 3.5mm 2", "item=EPH-05|Jack 3.5mm|2|add"},
	})
}

// Format characters inside words and emoji between them break nothing.
func TestReadHiddenCharacters(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "ber\u00adgo maryam", "item=BRG-04|Hitam||add"},
		{"hijab", "", "", "\u200fgamis aisyah\u200e", "item=GMS-01|||add"},
		{"hijab", "", "", "pash\u200bmina hi\u200ctam 2", "item=PSM-02|Hitam|2|add"},
		{"hijab", "", "", "bergo 👩\u200d❤️\u200d💋\u200d👨 maryam", "item=BRG-04|Hitam||add"},
	})
}

// Typos and abbreviations find the product by the catalogue's own words.
func TestReadTyposAndAbbreviations(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "pashmnia ceruti", "item=PSM-02|||add"},
		{"hijab", "", "", "khimer maron ada?", "q=stock|KHM-03|Maroon"},
		{"snack2", "", "", "makroni bantet pedes besar 2", "item=MKR-03|Pedas / Besar|2|add"},
		{"snack2", "", "", "basreng ori 2", "item=BSR-02||2|add"},
		{"snack2", "", "", "basreng ready?", "q=stock|BSR-02|"},
		{"snack2", "", "", "kak kripik maicih lvl 5 ready ga?", "q=stock|KRP-01|"},
	})
	rd := runGaps(t, []gapCase{{"hijab", "", "", "gamis aisah hitam", "item=GMS-01|||add"}})
	if got := rd.Items[0].VariantCandidates; strings.Join(got, ",") != "Hitam / M,Hitam / L" {
		t.Errorf("gamis aisah hitam: variant candidates %v", got)
	}
}

// A variant alone is the current product's, with the candidates it fits.
func TestReadCurrentProductVariant(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "PSM-02", "yang mocca aja", "item=*|Mocca||add"},
		{"gadget", "", "KBL-02", "2m", "item=*|2m||add"},
		{"hijab", "", "", "yang mocca aja", ""},
	})
	rd := runGaps(t, []gapCase{{"hijab", "", "GMS-01", "yg L ada?", "item=*|||add ; q=stock||"}})
	if got := strings.Join(rd.Items[0].VariantCandidates, ","); got != "Hitam / L,Navy / L" {
		t.Errorf("yg L ada?: item variant candidates %q", got)
	}
	if got := strings.Join(rd.Questions[0].VariantCandidates, ","); got != "Hitam / L,Navy / L" {
		t.Errorf("yg L ada?: question variant candidates %q", got)
	}
	rd = runGaps(t, []gapCase{{"snack2", "", "KRP-01", "yg 100gr", "item=*|||add"}})
	if n := len(rd.Items[0].VariantCandidates); n != 3 {
		t.Errorf("yg 100gr: %d variant candidates", n)
	}
}

// An ambiguous product asked about carries its candidates.
func TestReadAmbiguousQuestion(t *testing.T) {
	rd := runGaps(t, []gapCase{{"hijab", "", "", "gamis ready?", "q=stock||"}})
	if got := strings.Join(rd.Questions[0].Candidates, ","); got != "GMS-06,GMS-01" && got != "GMS-01,GMS-06" {
		t.Errorf("gamis ready?: candidates %q", got)
	}
}

// The answer to "atas nama siapa?" is the name, whole; asked for the
// phone, an address part stays an address.
func TestReadSlotNameAndPhone(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "name", "", "Rina 101", "name=Rina 101"},
		{"hijab", "name", "", "Wulan Dari", "name=Wulan Dari"},
		{"hijab", "name", "", "Indah Permata", "name=Indah Permata"},
		{"hijab", "name", "", "Cahaya Putri", "name=Cahaya Putri"},
		{"hijab", "name", "", "nama aku Rina kak", "name=Rina"},
		{"hijab", "name", "", "atas nama Dewi ya", "name=Dewi"},
		{"hijab", "phone", "", "Kota Semarang 50192", "addr=Kota Semarang 50192"},
		{"hijab", "phone", "", "(0857) 2727 1010", "phone=6285727271010"},
	})
}

// Words of a name or an address make no complaint.
func TestReadDetailsListNoComplaint(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "Wati, Jl. Asem 1 Solo 57111, 081299990008, jne",
			"name=Wati ; addr=Jl. Asem 1 Solo 57111 ; phone=6281299990008 ; courier=jne"},
	})
}

// "jumlahnya" is never a product; "pesanan saya gmn?" asks for the status;
// "udah gitu aja" closes the order.
func TestReadQtyWordStatusDone(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "confirm", "", "jumlahnya jadi 3 ya kak", "item=*||3|set"},
		{"hijab", "", "", "pesanan saya gmn?", "q=status"},
		{"hijab", "", "", "udah gitu aja", "act=done"},
		{"hijab", "", "", "sudah gitu aja", "act=done"},
		{"hijab", "", "", "itu aja dulu", "act=done"},
		{"gadget", "", "", "pb 10k mah 2", "item=PWB-06|10000mAh|2|add"},
		{"gadget", "", "", "mau smartwatch 1 sama tws hitam 1, bisa diskon ga kalau beli banyak?",
			"unknown=smartwatch ; item=TWS-04|Hitam|1|add ; q=discount"},
	})
}

// "2 warna" counts colours; "klo X ada?" asks about X.
func TestReadKindCountAndTopicKalau(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "mau pesen pashmina 2 warna mocca sama hitam masing2 1", "item=PSM-02|Mocca|1|add ; item=PSM-02|Hitam|1|add"},
		{"hijab", "", "", "klo gamis zahra warna navy ada?", "q=stock|GMS-06| ; novariant=GMS-06|navy"},
	})
}

// "pb nya yg 10000 aja": an alias with a detached "nya" and the bare number
// of a variant say which variant.
func TestReadNyaVariantNumber(t *testing.T) {
	runGaps(t, []gapCase{
		{"gadget", "choice", "PWB-06", "yaudah case ga jadi. tg samsung a15 1, pb nya yg 10000 aja",
			"item=CSE-07|||remove ; item=TGL-08|Samsung A15|1|add ; item=PWB-06|10000mAh||add"},
		{"gadget", "choice", "PWB-06", "pb nya yg 20000 aja", "item=PWB-06|20000mAh||add"},
		{"gadget", "", "PWB-06", "pb nya yg 10000 aja", "item=PWB-06|10000mAh||replace"},
		{"hijab", "", "", "khimarnya aja", ""},
	})
}

// Asked for any other detail, an address part is still the address.
func TestReadAddressPartInDetailSlots(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "courier", "", "Kota Semarang 50192", "addr=Kota Semarang 50192"},
		{"hijab", "name", "", "Kota Semarang 50192", "addr=Kota Semarang 50192"},
		{"hijab", "courier", "", "Kab. Sleman, Kec. Depok 55281", "addr=Kab. Sleman, Kec. Depok 55281"},
		{"hijab", "courier", "", "Kota Semarang 50192, jne", "addr=Kota Semarang 50192 ; courier=jne"},
		{"hijab", "phone", "", "Kec. Depok 55281, 081233000099", "addr=Kec. Depok 55281 ; phone=6281233000099"},
		{"hijab", "courier", "", "jne aja", "courier=jne"},
		{"hijab", "name", "", "Rina 101", "name=Rina 101"},
		{"hijab", "name", "", "Rina Amelia\nJl. Kenari 7, Bekasi Timur, Kota Bekasi 17111",
			"name=Rina Amelia ; addr=Jl. Kenari 7, Bekasi Timur, Kota Bekasi 17111"},
		// A whole list of details in the name slot is read part by part.
		{"hijab", "name", "", "Lia Amelia, Jl Raya Bogor km 30 no 5 Cimanggis Depok 16451, 0813-1234-5678, sicepat",
			"name=Lia Amelia ; addr=Jl Raya Bogor km 30 no 5 Cimanggis Depok 16451 ; phone=6281312345678 ; courier=sicepat"},
	})
}

// In an unlabelled list of details, the phrase before the address or the
// phone is the name, even of everyday words; chat alone is none.
func TestReadDetailsListEverydayName(t *testing.T) {
	runGaps(t, []gapCase{
		{"hijab", "", "", "Uji Coba, Jl. Veteran 3 Malang Jawa Timur 65111, 081233000099, jne",
			"name=Uji Coba ; addr=Jl. Veteran 3 Malang Jawa Timur 65111 ; phone=6281233000099 ; courier=jne"},
		{"hijab", "", "", "Uji Coba, 081233000099, Jl. Veteran 3 Malang 65111, jne",
			"name=Uji Coba ; addr=Jl. Veteran 3 Malang 65111 ; phone=6281233000099 ; courier=jne"},
		{"hijab", "", "", "mau pesan, Jl. Veteran 3 Malang 65111, 081233000099",
			"addr=Jl. Veteran 3 Malang 65111 ; phone=6281233000099"},
	})
}
