package lang_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// Two invented shops the corpus does not know: the reader must work on
// them with no word lists of their products.

// coffeeShop sells coffee, bread and syrup.
func coffeeShop() *lang.Index {
	return lang.NewIndex([]lang.Product{
		{SKU: "KOP-01", Name: "Kopi Susu Gula Aren", Aliases: []string{"kopsus", "kopi susu", "es kopi susu"}, Variants: []string{"250ml", "1 Liter"}},
		{SKU: "BRW-02", Name: "Cold Brew Arabika", Aliases: []string{"cold brew", "coldbrew"}, Variants: []string{"250ml", "500ml"}},
		{SKU: "RTI-03", Name: "Roti Bakar Cokelat Keju", Aliases: []string{"roti bakar"}, Variants: []string{"Original", "Jumbo"}},
		{SKU: "BJI-04", Name: "Biji Kopi Robusta Temanggung", Aliases: []string{"biji kopi", "beans", "robusta"}, Variants: []string{"200gr", "500gr", "1kg"}},
		{SKU: "SIR-05", Name: "Sirup Gula Aren", Aliases: []string{"sirup aren", "gula aren cair"}, Variants: []string{"Botol 500ml"}},
		{SKU: "DRP-06", Name: "Drip Bag Arabika Gayo", Aliases: []string{"drip bag", "dripbag"}, Variants: []string{"Isi 5", "Isi 10"}},
	})
}

// shoeShop sells shoes and clothes in sizes and colours.
func shoeShop() *lang.Index {
	return lang.NewIndex([]lang.Product{
		{SKU: "SNK-01", Name: "Sneakers Langkah Ringan", Aliases: []string{"sneakers", "sepatu sneakers"},
			Variants: []string{"Putih / 39", "Putih / 40", "Putih / 41", "Hitam / 40", "Hitam / 42"}},
		{SKU: "SDL-02", Name: "Sandal Jepit Karet Santai", Aliases: []string{"sandal jepit", "sendal jepit"}, Variants: []string{"38", "39", "40", "41"}},
		{SKU: "KOS-03", Name: "Kaos Polos Cotton Combed", Aliases: []string{"kaos polos", "tshirt"},
			Variants: []string{"Hitam / M", "Hitam / L", "Hitam / XL", "Putih / M", "Putih / L", "Navy / L"}},
		{SKU: "TOP-04", Name: "Topi Baseball Bordir", Aliases: []string{"topi"}, Variants: []string{"Hitam", "Krem"}},
		{SKU: "JKT-05", Name: "Jaket Hoodie Fleece", Aliases: []string{"hoodie", "jaket"}, Variants: []string{"Abu / L", "Abu / XL", "Hitam / L"}},
		{SKU: "KAU-06", Name: "Kaus Kaki Sport", Aliases: []string{"kaus kaki", "kaos kaki"}, Variants: []string{"Pack 3", "Pack 6"}},
	})
}

type readCase struct {
	slot, text string
	want       string // labels of the corpus grammar, " ; " separated, any order
}

func runCases(t *testing.T, ix *lang.Index, ctx lang.Context, cases []readCase) {
	t.Helper()
	for _, c := range cases {
		ctx := ctx
		ctx.Slot = lang.Slot(c.slot)
		rd := lang.Read(c.text, ix, ctx)
		got := Labels(rd)
		want := splitLabels(c.want)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ; ") != strings.Join(want, " ; ") {
			t.Errorf("[%s] %q\n\tgot:  %s\n\twant: %s", c.slot, c.text, strings.Join(got, " ; "), strings.Join(want, " ; "))
		}
	}
}

var coffeeCtx = lang.Context{Couriers: []string{"JNE", "J&T", "SiCepat", "GoSend"},
	Areas: []string{"Kota Malang", "malang", "batu", "Surabaya", "sby", "Sidoarjo", "sda"}}

var shoeCtx = lang.Context{Couriers: []string{"JNE", "J&T", "POS"},
	Areas: []string{"Jakarta", "jkt", "jaksel", "Bandung", "bdg", "Kabupaten Bandung", "kab bdg"}}

// Numbers attach to their neighbours: units and variant words take the
// number, what is left is the quantity.
func TestReadNumbersAndUnits(t *testing.T) {
	runCases(t, coffeeShop(), coffeeCtx, []readCase{
		{"", "mau biji kopi 500gr 2", "item=BJI-04|500gr|2|add"},
		{"", "robusta 500 gram 2 bungkus", "item=BJI-04|500gr|2|add"},
		{"", "beans 1kg satu", "item=BJI-04|1kg|1|add"},
		{"", "cold brew 250ml x3", "item=BRW-02|250ml|3|add"},
		{"", "coldbrew 500 ml 2 botol", "item=BRW-02|500ml|2|add"},
		{"", "drip bag isi 10 selusin", "item=DRP-06|Isi 10|12|add"},
		{"", "mau dripbag isi 5 dua pack", "item=DRP-06|Isi 5|2|add"},
		{"", "kopsus 1 liter 3", "item=KOP-01|1 Liter|3|add"},
		{"", "biji kopi 2kg ada?", "q=stock|BJI-04| ; novariant=BJI-04|2kg"},
		{"", "mau roti bakar jumbo 2, transfer ya", "item=RTI-03|Jumbo|2|add ; pay=transfer"},
		{"", "sirup aren 3 btl", "item=SIR-05|Botol 500ml|3|add"},
		{"", "roti bakar original setengah lusin", "item=RTI-03|Original|6|add"},
		{"qty", "5", "item=*||5|add"},
		{"qty", "lima aja kak", "item=*||5|add"},
		{"", "5", ""},
		{"", "kirim ke jl. mawar no 12 rt 3 rw 4 malang 65141", "addr=jl. mawar no 12 rt 3 rw 4 malang 65141"},
		{"", "roti bakar jumbo 45rb ya kak? mau 2", "q=price|RTI-03 ; item=RTI-03|Jumbo|2|add"},
	})
	runCases(t, shoeShop(), shoeCtx, []readCase{
		{"", "sneakers putih 40 1 pasang", "item=SNK-01|Putih / 40|1|add"},
		{"", "sneakers hitam size 42 2", "item=SNK-01|Hitam / 42|2|add"},
		{"", "sandal jepit no 39 3", "item=SDL-02|39|3|add"},
		{"", "sendal jepit ukuran 41 dua", "item=SDL-02|41|2|add"},
		{"", "kaos polos hitam XL 4 pcs", "item=KOS-03|Hitam / XL|4|add"},
		{"", "kaus kaki pack 6 2", "item=KAU-06|Pack 6|2|add"},
		{"", "sneakers putih 43 ada?", "q=stock|SNK-01| ; novariant=SNK-01|43"},
	})
}

// Item separators: a quantity belongs to the phrase it stands in;
// "masing-masing" gives every item its quantity.
func TestReadSeparators(t *testing.T) {
	runCases(t, shoeShop(), shoeCtx, []readCase{
		{"", "kaos polos hitam L 2 sama topi krem 1", "item=KOS-03|Hitam / L|2|add ; item=TOP-04|Krem|1|add"},
		{"", "topi hitam 1 dan hoodie abu XL 1", "item=TOP-04|Hitam|1|add ; item=JKT-05|Abu / XL|1|add"},
		{"", "mau:\n1. topi krem 2\n2. kaus kaki pack 3 1", "item=TOP-04|Krem|2|add ; item=KAU-06|Pack 3|1|add"},
		{"", "- hoodie hitam L 1\n- sandal jepit 40 2", "item=JKT-05|Hitam / L|1|add ; item=SDL-02|40|2|add"},
		{"", "topi hitam & krem masing2 2", "item=TOP-04|Hitam|2|add ; item=TOP-04|Krem|2|add"},
		{"", "kaos polos putih M 1, L 1", "item=KOS-03|Putih / M|1|add ; item=KOS-03|Putih / L|1|add"},
		{"", "mau topi sm hoodie @1", "item=TOP-04||1|add ; item=JKT-05||1|add"},
		{"", "topi krem 1 + kaus kaki pack 6 2", "item=TOP-04|Krem|1|add ; item=KAU-06|Pack 6|2|add"},
	})
	runCases(t, coffeeShop(), coffeeCtx, []readCase{
		{"", "kopsus 250ml 2 terus cold brew 500ml 1", "item=KOP-01|250ml|2|add ; item=BRW-02|500ml|1|add"},
		{"", "roti bakar 2 original 1 jumbo", "item=RTI-03|Original|2|add ; item=RTI-03|Jumbo|1|add"},
	})
}

// Edits change what is ordered: set, remove, replace, add.
func TestReadEdits(t *testing.T) {
	runCases(t, shoeShop(), shoeCtx, []readCase{
		{"", "topinya jadi 3 aja", "item=TOP-04||3|set"},
		{"", "jadi 2 aja kak", "item=*||2|set"},
		{"", "hoodienya ga jadi", "item=JKT-05|||remove"},
		{"", "hapus kaus kaki ya", "item=KAU-06|||remove"},
		{"", "kurangin 1 topinya", "item=TOP-04||1|remove"},
		{"", "ganti yg hitam aja", "item=*|Hitam||replace"},
		{"", "sneakersnya ganti ukuran 41", "item=SNK-01|Putih / 41||replace"},
		{"", "sneakersnya ganti ukuran 40", "item=SNK-01|||replace"},
		{"", "tambah topi krem 1 lagi", "item=TOP-04|Krem|1|add"},
		{"", "bukan 2 tapi 3 kak sendalnya", "item=SDL-02||3|set"},
		{"qty", "2 aja", "item=*||2|add"},
		{"", "batal aja kak", "act=cancel"},
		{"", "ga jadi batal deh", "act=keep"},
	})
}

// Names, addresses, phones, couriers and payment.
func TestReadDetails(t *testing.T) {
	runCases(t, coffeeShop(), coffeeCtx, []readCase{
		{"", "atas nama budi santoso ya kak", "name=Budi Santoso"},
		{"", "nama saya Ratna Sari, 0812-3456-7890", "name=Ratna Sari ; phone=6281234567890"},
		{"", "a.n. Dedi Kurniawan", "name=Dedi Kurniawan"},
		{"name", "bunga melati", "name=Bunga Melati"},
		{"name", "Pak Harjo", "name=Pak Harjo"},
		{"name", "ongkir ke batu brp kak?", "q=ongkir|batu"},
		{"address", "Jl. Soekarno Hatta No. 9, Lowokwaru, Malang 65141 ya kak", "addr=Jl. Soekarno Hatta No. 9, Lowokwaru, Malang 65141"},
		{"address", "ongkirnya brp kak ke situ?", "q=ongkir|"},
		{"phone", "+62 813 1111 2222", "phone=6281311112222"},
		{"courier", "gosend aja kak", "courier=gosend"},
		{"courier", "j&t", "courier=jnt"},
		{"", "Nama: Sinta\nHP: 0857 1111 2222\nAlamat: Perum Griya Asri blok C3 no 4\nSidoarjo 61252\nPesanan: kopsus 250ml 2\nKurir: jne", "name=Sinta ; phone=6285711112222 ; addr=Perum Griya Asri blok C3 no 4, Sidoarjo 61252 ; item=KOP-01|250ml|2|add ; courier=jne"},
		{"", "bayarnya cod ya kak", "pay=cod"},
		{"", "bisa cod?", "q=cod"},
		{"", "udah tf ya kak", ""},
	})
}

// Every question, in the order asked.
func TestReadQuestionsOrder(t *testing.T) {
	ix := coffeeShop()
	rd := lang.Read("cold brew brp? ongkir ke malang brp? bisa cod?", ix, coffeeCtx)
	var got []string
	for _, q := range rd.Questions {
		got = append(got, string(q.Kind)+":"+q.SKU+q.Place)
	}
	if want := "price:BRW-02 ongkir:malang cod:"; strings.Join(got, " ") != want {
		t.Errorf("questions %v, want %s", got, want)
	}
	runCases(t, ix, coffeeCtx, []readCase{
		{"", "roti bakar ready? harganya?", "q=stock|RTI-03| ; q=price|RTI-03"},
		{"", "ongkir ke sby sm sda berapa", "q=ongkir|sby ; q=ongkir|sda"},
		{"", "no rek nya dong kak", "q=account"},
		{"", "estimasi sampai berapa hari ke malang", "q=eta"},
		{"", "resinya mana kak", "q=status"},
		{"", "ada promo ga kak?", "q=discount"},
		{"", "menu nya apa aja kak", "q=catalog"},
		{"", "cara pesannya gimana", "q=howto"},
		{"", "jual teh tarik ga kak?", "unknown=teh tarik"},
		{"", "totalnya jadi berapa kak", "q=total"},
	})
}

// Acts and numbered choices.
func TestReadActsAndChoices(t *testing.T) {
	runCases(t, shoeShop(), shoeCtx, []readCase{
		{"", "assalamualaikum kak", "act=salam"},
		{"", "selamat pagi", "act=greet"},
		{"confirm", "iya betul kak", "act=confirm"},
		{"confirm", "oke lanjut", "act=confirm"},
		{"confirm", "ngga kak", "act=deny"},
		{"", "makasih kak", "act=thanks"},
		{"", "udah itu aja", "act=done"},
		{"", "sepatunya sobek kak baru dipake", "complaint=damaged"},
		{"", "yg dateng ukuran 40 padahal aku pesen 41", "complaint=wrong_item"},
		{"", "paket aku blm sampe kak udah seminggu", "complaint=late"},
		{"choice", "2", "choice=2"},
		{"choice", "1 sama 3", "choice=1,3"},
		{"choice", "yang ketiga", "choice=3"},
		{"choice", "semua", "choice=all"},
		{"choice", "no 2 ya 3 pcs", "choice=2 ; item=*||3|add"},
	})
}
