package lang

import (
	"strings"
	"testing"
)

// TestDetectIntentVariants covers spellings, products and shops the sample
// does not: snacks, gadgets, skincare, clothes.
func TestDetectIntentVariants(t *testing.T) {
	tests := []struct {
		raw  string
		want Intent
	}{
		// greetings
		{"hallo kakk", IntentGreeting},
		{"selamat pagi min", IntentGreeting},
		{"assalamu'alaikum", IntentGreeting},
		{"permisi kak, mau nanya", IntentGreeting},
		{"P", IntentGreeting},
		{"misi gan", IntentGreeting},
		{"kak", IntentGreeting},
		// catalogue
		{"min ada katalog keripiknya?", IntentCatalog},
		{"jual apa aja kak?", IntentCatalog},
		{"menu frozen food nya apa aja kak", IntentCatalog},
		{"boleh liat list harga case hp nya?", IntentCatalog},
		{"ready apa aja kak sekarang", IntentCatalog},
		// stock
		{"basreng pedas daun jeruk masih ada kak?", IntentStockCheck},
		{"tws pro 2 ready gan?", IntentStockCheck},
		{"charger type c 20w stoknya kosong ya?", IntentStockCheck},
		{"serum vit c nya ready ga sis", IntentStockCheck},
		{"ukuran xl masih ada kak?", IntentStockCheck},
		{"warna apa aja yang ready kak", IntentStockCheck},
		{"kemeja flanel L abis ya kak", IntentStockCheck},
		{"sepatu size 40 ada ga", IntentStockCheck},
		{"kalung anjing ukuran M ready?", IntentStockCheck},
		// price
		{"harga keripik kaca 250gr brp kak", IntentPrice},
		{"brapa ya kak", IntentPrice},
		{"ini berapaan?", IntentPrice},
		{"totalnya jadi berapa kak", IntentPrice},
		{"hrga casing iphone 13 brp", IntentPrice},
		// shipping
		{"ongkir ke sleman brp ya", IntentShippingCost},
		{"kirim ke balikpapan bisa kak?", IntentShippingCost},
		{"ongkos kirim ke kab. bogor berapa", IntentShippingCost},
		{"berapa hari sampai ke medan kak", IntentShippingCost},
		{"bisa kirim luar pulau?", IntentShippingCost},
		{"kalau order hari ini kapan dikirim?", IntentShippingCost},
		// cash on delivery
		{"bisa bayar ditempat ga kak", IntentCOD},
		{"cod bisa?", IntentCOD},
		{"ada cod daerah depok?", IntentCOD},
		// payment
		{"transfer ke rek mana kak", IntentPaymentInfo},
		{"bisa bayar pake qris?", IntentPaymentInfo},
		{"bisa via dana atau ovo?", IntentPaymentInfo},
		{"no rekening bca nya kak", IntentPaymentInfo},
		// how to order
		{"gimana cara pesannya kak", IntentHowToOrder},
		{"kalo mau order caranya gmn", IntentHowToOrder},
		{"format order nya gimana kak", IntentHowToOrder},
		// ordering
		{"saya mau order keripik singkong balado 3 bungkus", IntentOrder},
		{"ambil 2 ya kak yg pedas", IntentOrder},
		{"keep 1 ya kak", IntentOrder},
		{"pesen tws nya satu", IntentOrder},
		{"mau yang hitam 2", IntentOrder},
		{"co kak, case nya 2", IntentOrder},
		{"aku beli serum 1 sama toner 1", IntentOrder},
		// order status
		{"paket saya udah dikirim belum ya kak", IntentOrderStatus},
		{"min no resi pesanan saya brp", IntentOrderStatus},
		{"pesanan atas nama dewi sudah diproses?", IntentOrderStatus},
		{"orderan saya gimana kak", IntentOrderStatus},
		{"kapan dikirim kak?", IntentOrderStatus},
		{"paket saya sampai mana ya", IntentOrderStatus},
		// complaints: late
		{"kak kok pesanan saya belum dateng2 ya", IntentComplaintLate},
		{"udah 2 minggu blm sampe jg kak", IntentComplaintLate},
		{"kurirnya telat terus", IntentComplaintLate},
		{"paket saya hilang kak", IntentComplaintLate},
		{"lama banget pengirimannya", IntentComplaintLate},
		{"KAK PAKET SAYA BELUM NYAMPE", IntentComplaintLate},
		// complaints: wrong item
		{"kak warnanya salah, saya pesan navy yg dikirim hitam", IntentComplaintWrong},
		{"size nya ga sesuai kak", IntentComplaintWrong},
		{"barang yang dateng bukan yang saya pesen", IntentComplaintWrong},
		{"isinya kurang 1 kak", IntentComplaintWrong},
		{"rasanya beda sama yg saya pesan", IntentComplaintWrong},
		// complaints: damaged
		{"keripiknya hancur semua kak", IntentComplaintDamaged},
		{"casingnya retak pas sampai", IntentComplaintDamaged},
		{"chargernya ga berfungsi kak", IntentComplaintDamaged},
		{"kuenya udah basi pas dateng", IntentComplaintDamaged},
		{"botol serumnya bocor", IntentComplaintDamaged},
		// complaints: other
		{"saya kecewa sama pelayanannya", IntentComplaintOther},
		{"mau refund aja kak", IntentComplaintOther},
		{"chat saya dari kemarin ga dibales", IntentComplaintOther},
		// human
		{"bisa ngobrol sama admin langsung?", IntentHuman},
		{"sambungkan ke cs dong", IntentHuman},
		{"saya mau ngomong sama orang aja", IntentHuman},
		{"adminnya ada?", IntentHuman},
		{"admin", IntentHuman},
		// cancel
		{"cancel aja kak pesanan saya", IntentCancel},
		{"gak jadi beli deh kak", IntentCancel},
		{"batalin orderan saya ya", IntentCancel},
		// thanks
		{"oke makasih banyak kak", IntentThanks},
		{"thank you kak", IntentThanks},
		{"terima kasih min 🙏", IntentThanks},
		// yes and no
		{"iyaa kak bener", IntentConfirmYes},
		{"siap kak lanjut", IntentConfirmYes},
		{"boleh kak", IntentConfirmYes},
		{"sudah benar semua kak", IntentConfirmYes},
		{"oke sip kak", IntentConfirmYes},
		{"y", IntentConfirmYes},
		{"engga kak", IntentConfirmNo},
		{"bukan kak", IntentConfirmNo},
		{"belum", IntentConfirmNo},
		{"jangan dulu kak", IntentConfirmNo},
		{"salah kak", IntentConfirmNo},
		{"ga jadi", IntentConfirmNo},
		{"tidak", IntentConfirmNo},
		// shop identity
		{"tokonya buka jam berapa?", IntentShopInfo},
		{"ada toko offline nya ga kak", IntentShopInfo},
		{"lokasi kakak dimana", IntentShopInfo},
		{"ini olshop amanah kan?", IntentShopInfo},
		{"bisa ambil sendiri ke toko?", IntentShopInfo},
		{"bukan penipuan kan kak?", IntentShopInfo},
		// done
		{"udah itu aja kak", IntentDone},
		{"cukup segitu dulu", IntentDone},
		{"itu aja dulu min", IntentDone},
		{"ga ada lagi kak", IntentDone},
		// discount
		{"ada diskon ga kak kalo beli banyak", IntentDiscount},
		{"boleh kurang dikit ga", IntentDiscount},
		{"lagi ada promo apa kak?", IntentDiscount},
		// abuse
		{"dasar penipu", IntentAbuse},
		{"goblok banget adminnya", IntentAbuse},
		{"saya laporin ke polisi ya", IntentAbuse},
		{"kurang ajar kalian", IntentAbuse},
		{"bangsat", IntentAbuse},
		// nothing to go on
		{"", IntentUnknown},
		{"🙂", IntentUnknown},
		{"asdfgh", IntentUnknown},
	}
	for _, tt := range tests {
		if got := DetectIntent(Normalize(tt.raw)); got != tt.want {
			t.Errorf("DetectIntent(%q) = %s, want %s", tt.raw, got, tt.want)
		}
	}
}

// TestDetectIntentAfterComplaint: the answers to "is it settled?" after a
// complaint was closed must not open a new complaint.
func TestDetectIntentAfterComplaint(t *testing.T) {
	for _, raw := range []string{"sudah sampai kak makasih", "udah nyampe kak", "sudah diterima kak terima kasih", "sudah kak"} {
		got := DetectIntent(Normalize(raw))
		if got != IntentThanks && got != IntentConfirmYes {
			t.Errorf("DetectIntent(%q) = %s, want thanks or confirm_yes", raw, got)
		}
	}
	for _, raw := range []string{"belum kak", "blm", "belom kak"} {
		if got := DetectIntent(Normalize(raw)); got != IntentConfirmNo {
			t.Errorf("DetectIntent(%q) = %s, want confirm_no", raw, got)
		}
	}
}

// TestDetectIntentNotComplaint: words of complaint used in a wish or a
// question about policy.
func TestDetectIntentNotComplaint(t *testing.T) {
	for _, raw := range []string{
		"packing yang aman ya kak takut pecah",
		"kalau barangnya rusak bisa retur ga?",
		"apa bedanya ceruty sama pashmina?",
		"maaf kak saya salah ketik",
		"berapa lama sampai ke medan?",
		"bisa kurang ga kak",
	} {
		if got := DetectIntent(Normalize(raw)); IsComplaint(got) {
			t.Errorf("DetectIntent(%q) = %s, want no complaint", raw, got)
		}
	}
}

func TestIsComplaint(t *testing.T) {
	tests := []struct {
		in   Intent
		want bool
	}{
		{IntentComplaintLate, true},
		{IntentComplaintWrong, true},
		{IntentComplaintDamaged, true},
		{IntentComplaintOther, true},
		{IntentAbuse, false},
		{IntentOrderStatus, false},
		{IntentUnknown, false},
	}
	for _, tt := range tests {
		if got := IsComplaint(tt.in); got != tt.want {
			t.Errorf("IsComplaint(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsAbusive(t *testing.T) {
	tests := []struct {
		raw  string
		want bool
	}{
		{"anjing lu", true},
		{"dasar PENIPU", true},
		{"toko tolol", true},
		{"kurang ajar", true},
		{"saya lapor polisi kalau ga dibalikin", true},
		{"KENAPA BELUM SAMPAI JUGA!!!!", true},
		{"BALAS DONG!!! SUDAH SEMINGGU!!!", true},
		{"Makasih kak!!!", false},
		{"*FORMAT ORDER*", false},
		{"KAK GAMIS AISYAH READY?", false}, // caps by habit, no rage
		{"kalung anjing ready kak?", false},
		{"ada obat tahi lalat?", false},
		{"bukan penipuan kan kak", false},
		{"ok", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsAbusive(tt.raw); got != tt.want {
			t.Errorf("IsAbusive(%q) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}

// TestDetectIntentLong: a long message is read from its start, no panic.
func TestDetectIntentLong(t *testing.T) {
	raw := strings.Repeat("kak paket saya belum sampai ", 500)
	if got := DetectIntent(Normalize(raw)); got != IntentComplaintLate {
		t.Errorf("long complaint = %s", got)
	}
	if got := DetectIntent(Normalize(strings.Repeat("🙂", 5000))); got != IntentUnknown {
		t.Errorf("emoji = %s", got)
	}
}
