package flows

// The keyword rules behind DetectIntent, one method per intent, in the
// order DetectIntent tries them. Words are compared as utterance keys.

var (
	abuseWords = keySet("anjing", "bangsat", "goblok", "tolol", "bego", "bodoh", "idiot", "dungu",
		"kampret", "brengsek", "bajingan", "keparat", "bedebah", "sialan", "bangke", "bacot", "babi",
		"tai", "taik", "tahi", "kontol", "memek", "ngentot", "jancok", "asu", "pantek", "puki",
		"lonte", "pelacur", "maling", "rampok", "perampok", "mampus", "penipu", "penipuan", "tipu",
		"nipu", "menipu", "ditipu", "scam", "scammer", "polisikan", "viralkan", "viralin", "somasi",
		"tuntut", "bunuh", "setan", "iblis", "sinting")
	// Words that make an animal or a mole out of an insult: a pet shop sells
	// "kalung anjing", a beauty shop removes "tahi lalat".
	abuseContext = keySet("untuk", "makanan", "baju", "kalung", "kandang", "mainan", "tali", "pakan",
		"snack", "obat", "sampo", "shampo", "kucing", "hewan", "peliharaan", "lalat", "daging", "ras",
		"kampung", "kecil", "besar", "saya", "anak")
)

// abusive: insults and threats ("lapor polisi", "saya viralkan").
func (u *utterance) abusive() bool {
	for i, k := range u.keys {
		if abuseWords[k] && !(u.around(i, abuseContext, 1) && (k == "anjing" || k == "babi" || k == "tahi" || k == "tai")) {
			return true
		}
	}
	return u.phrase("kurang ajar") || u.near(keySet("lapor", "laporkan", "laporin", "dilaporkan"), keySet("polisi", "ylki", "bpsk", "pengadilan"), 4) ||
		u.near(keySet("awas"), keySet("kamu", "lu", "lo", "kau", "kalian"), 1)
}

// complaint returns the complaint category, damaged first because it needs
// photos, then wrong item, then late; or IntentUnknown.
func (u *utterance) complaint() Intent {
	if u.hypothetical() {
		return IntentUnknown
	}
	switch {
	case u.damaged():
		return IntentComplaintDamaged
	case u.wrongItem():
		return IntentComplaintWrong
	case u.late():
		return IntentComplaintLate
	case u.otherComplaint():
		return IntentComplaintOther
	}
	return IntentUnknown
}

var (
	damageWords = keySet("rusak", "cacat", "sobek", "robek", "bolong", "berlubang", "pecah", "penyok",
		"peyok", "retak", "patah", "lecet", "luntur", "noda", "bernoda", "kotor", "bocor", "tumpah",
		"hancur", "remuk", "basi", "busuk", "berjamur", "jamuran", "kadaluarsa", "kadaluwarsa",
		"expired", "kedaluwarsa", "error", "eror", "rusaknya", "gores", "tergores", "baret", "penyok",
		"mleyot", "melar", "berbulu", "kempes", "meleleh", "cacad", "koyak", "sobeknya")
	// A damage word after these is a wish ("packing aman ya biar tidak pecah").
	damageGuard = keySet("tidak", "biar", "supaya", "agar", "jangan", "takut", "semoga", "anti", "khawatir", "kuatir")
)

func (u *utterance) damaged() bool {
	for i, k := range u.keys {
		if damageWords[k] && !u.before(i, damageGuard, 2) {
			return true
		}
	}
	return u.phrase("tidak nyala") || u.phrase("tidak bisa nyala") || u.phrase("tidak berfungsi") ||
		u.phrase("tidak bisa dipakai") || u.phrase("mati total") || u.phrase("tidak bisa dinyalakan") ||
		u.near(keySet("jahitan", "jahit", "benang", "kancing", "resleting", "sleting"), keySet("lepas", "copot", "putus", "lepas"), 2) ||
		u.near(keySet("lepas", "copot"), keySet("jahitan", "jahit", "kancing"), 2)
}

var (
	wrongObjects = keySet("warna", "ukuran", "size", "barang", "kirim", "dikirim", "produk", "model",
		"motif", "item", "varian", "jumlah", "rasa", "tipe", "type", "pesanan", "paket", "isi", "seri",
		"merek", "merk", "kode", "datang", "foto", "gambar", "pesan", "kirimnya", "ukuranya")
	// "saya salah ketik", "maaf salah tulis": the customer's own slip.
	slipWords = keySet("ketik", "tulis", "tik", "input", "sebut", "pencet", "chat", "pilih", "klik", "nomor", "alamat")
)

func (u *utterance) wrongItem() bool {
	for i, k := range u.keys {
		switch k {
		case "salah":
			if u.before(i, keySet("saya", "maaf", "aku"), 1) || (i+1 < len(u.keys) && slipWords[u.keys[i+1]]) {
				continue
			}
			if u.around(i, wrongObjects, 3) {
				return true
			}
		case "beda", "berbeda":
			if u.words[i] == "bedanya" || u.word("apa") {
				continue // "apa bedanya ceruty sama pashmina?" is a question
			}
			if u.around(i, wrongObjects, 3) || u.around(i, keySet("sama", "dengan", "dari", "kok"), 2) {
				return true
			}
		case "kurang":
			if u.discountKurang(i) {
				continue
			}
			if (i+1 < len(u.keys) && (isQtyKey(u.keys[i+1]) || keySet("item", "pcs", "barang", "isi", "satu")[u.keys[i+1]])) ||
				u.before(i, keySet("barang", "isi", "jumlah", "pesanan", "paket"), 2) {
				return true
			}
		case "ketuker", "tertukar", "ketukar", "kebalik", "ketuke":
			return true
		}
	}
	return u.phrase("tidak sesuai") || u.phrase("tidak sama") || u.phrase("beda sama") ||
		u.near(keySet("bukan"), keySet("pesan", "pesanan", "order", "dipesan", "beli"), 4) ||
		(u.near(keySet("yang"), keySet("datang", "dikirim", "sampai"), 1) && u.word("pesan"))
}

// discountKurang: "bisa kurang?", "kurang dong" ask for a lower price.
func (u *utterance) discountKurang(i int) bool {
	return u.before(i, keySet("bisa", "boleh", "minta", "dapat", "dapet"), 2) ||
		(i+1 < len(u.keys) && keySet("dong", "lagi", "sedikit", "harga", "harganya", "tidak")[u.keys[i+1]])
}

var (
	arriveWords  = keySet("sampai", "datang", "diterima", "terima", "tiba", "nyampe", "masuk")
	paymentWords = keySet("transfer", "bayar", "pembayaran", "dana", "uang", "rekening", "saldo", "dp")
	durationWord = keySet("hari", "minggu", "seminggu", "bulan", "sebulan", "jam", "pekan", "hr", "mg")
)

func (u *utterance) late() bool {
	if !u.has(paymentWords) && u.near(keySet("belum", "blm"), arriveWords, 3) {
		return true
	}
	for i, k := range u.keys {
		switch k {
		case "telat", "terlambat", "kelamaan", "nyasar", "hilang":
			if !u.before(i, damageGuard, 2) {
				return true
			}
		case "lama", "lambat":
			if u.before(i, keySet("berapa", "tidak"), 1) {
				continue // "berapa lama sampai?" asks for an estimate
			}
			if u.around(i, keySet("kok", "banget", "sekali", "amat", "benar", "bener", "parah", "pesanan",
				"paket", "kiriman", "sih", "nunggu", "tunggu", "menunggu"), 3) {
				return true
			}
		case "sampai", "datang":
			if u.before(i, keySet("tidak"), 1) && !(i+1 < len(u.keys) && (durationWord[u.keys[i+1]] || isQtyKey(u.keys[i+1]))) {
				return true
			}
		}
	}
	stuck := u.near(keySet("belum", "tidak"), keySet("ada"), 1) && u.has(keySet("kabar", "update", "info", "resi"))
	notSent := u.near(keySet("belum"), keySet("dikirim", "diproses", "diproses", "dipacking", "kirim"), 2)
	impatient := u.has(keySet("kok", "juga", "padahal")) ||
		(u.word("sudah") && u.has(durationWord))
	return (stuck || notSent) && impatient || u.phrase("tidak kunjung")
}

var otherComplaintWords = keySet("komplain", "keluhan", "kecewa", "mengecewakan", "dikecewakan",
	"refund", "retur", "return", "zonk", "palsu", "dicuekin", "dikacangin", "nyesel", "menyesal", "kapok")

func (u *utterance) otherComplaint() bool {
	return u.has(otherComplaintWords) || u.phrase("tidak puas") || u.phrase("kurang puas") ||
		u.phrase("uang kembali") || u.near(keySet("balikin", "kembalikan", "kembaliin"), keySet("uang", "dana"), 2) ||
		u.phrase("tidak dibalas") || u.phrase("belum dibalas") || u.phrase("slow respon") || u.phrase("slow respons") ||
		u.phrase("lama balas") || u.phrase("lama dibalas") || u.phrase("belum dikonfirmasi") ||
		u.near(keySet("mau", "minta", "tolong", "pengen"), keySet("tukar", "ganti", "dituker", "tuker"), 2) ||
		(u.has(keySet("tukar", "tuker", "ganti", "retur")) && u.has(keySet("kebesaran", "kekecilan", "kesempitan", "kepanjangan", "kependekan", "kegedean"))) ||
		(u.word("pelayanan") && u.has(keySet("buruk", "jelek", "lambat", "lelet", "parah"))) ||
		(u.word("kualitas") && u.has(keySet("buruk", "jelek", "parah")))
}

var (
	humanTargets = keySet("admin", "cs", "operator", "owner", "pemilik", "manusia", "bot", "robot", "mimin", "adm", "atasan", "pimpinan")
	humanVerbs   = keySet("bicara", "berbicara", "ngomong", "omong", "chat", "telp", "hubungi", "hubungkan",
		"sambungkan", "sambung", "minta", "panggil", "langsung", "ketemu", "connect", "nomor", "wa", "kontak", "bukan", "asli")
	// Words that may stand around a target in a bare request: "admin ada?",
	// "mau sama cs aja".
	humanFiller = keySet("ada", "mana", "dong", "ya", "bisa", "mau", "sama", "dengan", "ke", "yang", "ini", "kah", "saja", "aja", "tolong", "please", "pls")
)

// human: "admin", "CS", "mau bicara dengan orang". "min" alone is how
// customers address the shop, so it never asks for a human by itself.
func (u *utterance) human() bool {
	if u.phrase("customer service") || u.phrase("costumer service") || u.phrase("orang asli") || u.phrase("orang beneran") {
		return true
	}
	if u.has(humanTargets) {
		if u.has(humanVerbs) {
			return true
		}
		for _, k := range u.keys {
			if !humanTargets[k] && !humanFiller[k] && !replyFillers[k] {
				return false
			}
		}
		return true
	}
	return u.near(humanVerbs, keySet("orang", "manusia", "bos"), 3)
}

func (u *utterance) cancel() bool {
	if u.has(keySet("batal", "cancel", "cancelled", "pembatalan")) {
		i := u.find(keySet("batal", "cancel", "pembatalan"), 0)
		return i < 0 || !u.before(i, keySet("tidak", "jangan", "gak"), 1)
	}
	// "ga jadi" alone answers a question (ShortReply); with more words it
	// takes back an order: "gak jadi beli kak".
	return u.near(keySet("tidak"), keySet("jadi"), 1) && u.has(keySet("beli", "pesan", "order", "ambil", "checkout", "co", "pesanan", "orderan"))
}

var orderWords = keySet("order", "pesan", "beli", "belanja", "pemesanan", "pembelian", "checkout", "co", "orderan", "membeli", "memesan")

func (u *utterance) howToOrder() bool {
	if !u.has(orderWords) && !u.phrase("format order") {
		return false
	}
	return u.has(keySet("cara", "caranya", "prosedur", "langkah", "format", "alur", "step")) ||
		(u.has(keySet("bagaimana")) && !u.has(keySet("saya", "ku", "aku", "sudah", "belum")))
}

var statusSubjects = keySet("pesanan", "paket", "orderan", "order", "kiriman", "barang", "pesan", "pengiriman", "belanjaan")

func (u *utterance) orderStatus() bool {
	if u.has(keySet("resi", "noresi", "lacak", "melacak", "tracking", "track", "awb")) {
		return true
	}
	if u.phrase("sampai mana") || u.phrase("sampai dimana") || u.phrase("status pesanan") || u.phrase("status order") ||
		u.phrase("cek pesanan") || u.phrase("posisi paket") {
		return true
	}
	if u.near(keySet("sudah", "kapan"), keySet("dikirim", "diproses", "dipacking", "dikemas", "jalan", "diantar", "dikirimkan"), 3) ||
		u.near(keySet("dikirim", "diproses", "dikirimkan"), keySet("belum", "kapan"), 3) {
		return !u.hypothetical()
	}
	if u.word("kapan") && u.has(keySet("kirim", "dikirim", "dikirimkan", "diproses", "dipacking", "diantar", "dikemas")) {
		return !u.hypothetical() // "kirimnya kapan?"
	}
	if u.has(statusSubjects) && (u.has(keySet("saya", "ku", "kemarin", "kemaren", "tadi")) || u.word("status")) &&
		u.has(keySet("bagaimana", "dimana", "mana", "kapan", "sudah", "status", "kabar", "gimana", "posisi", "update",
			"belum", "cek", "dicek", "dicekin", "cekin", "info")) {
		return true
	}
	return u.phrase("kapan sampai") && !u.hypothetical() && !u.word("berapa")
}

func (u *utterance) done() bool {
	if u.hasQuantity() || u.has(keySet("mau", "ambil", "order", "pesan", "beli", "tambah")) {
		return false
	}
	if u.word("cukup") && !u.has(keySet("tidak", "apa", "untuk", "muat", "lama")) {
		return true
	}
	return u.phrase("itu aja") || u.phrase("itu saja") || u.phrase("itu dulu") || u.phrase("itu semua") ||
		u.phrase("segitu aja") || u.phrase("segitu saja") || u.phrase("segitu dulu") || u.phrase("sudah semua") ||
		u.phrase("tidak ada lagi") || u.phrase("tidak ada tambahan") || u.phrase("tidak nambah") ||
		u.phrase("sudah itu") || u.word("sekian")
}

func (u *utterance) order() bool {
	if u.hypothetical() {
		return false // "kalau beli 3 ada diskon?" asks about a discount
	}
	for i, k := range u.keys {
		switch k {
		case "order", "pesan", "beli", "checkout", "co", "keep", "kep", "booking", "borong", "memesan", "membeli":
			if i+1 < len(u.keys) && u.keys[i+1] == "saya" && k != "beli" {
				continue // "order saya" is an order that exists
			}
			return true
		case "ambil":
			if u.around(i, keySet("sendiri", "toko", "diambil", "gudang"), 3) {
				continue // picking up at the shop is a shop question
			}
			return true
		case "fix":
			return true
		case "mau", "minta", "pengen":
			if i+1 < len(u.keys) && keySet("tanya", "nanya", "bertanya", "lihat", "liat", "lihat-lihat", "cek", "komplain")[u.keys[i+1]] {
				continue
			}
			for j := i + 1; j < len(u.keys) && j <= i+8; j++ {
				if isQtyKey(u.keys[j]) {
					return true
				}
			}
			if i+1 < len(u.keys) && keySet("yang", "warna", "ukuran", "size")[u.keys[i+1]] && !u.has(keySet("ada", "ready", "stok", "berapa", "harga")) {
				return true
			}
		}
	}
	return false
}

func (u *utterance) discount() bool {
	if i := u.index("kurang"); i >= 0 && u.discountKurang(i) {
		return true
	}
	if u.word("kurangin") && !u.hasQuantity() {
		return true // "kurangin dong"; "kurangin 1" changes the cart
	}
	return u.has(keySet("diskon", "discount", "disc", "potongan", "promo", "voucher", "voucer", "nego",
		"cashback", "grosir", "reseller", "dropship", "dropshipper")) ||
		u.phrase("harga teman") || u.phrase("lebih murah") || u.phrase("gratis ongkir") || u.phrase("free ongkir") ||
		(u.word("murah") && u.has(keySet("bisa", "dong", "lagi", "boleh")))
}

func (u *utterance) cod() bool {
	return u.has(keySet("cod", "codnya")) || u.phrase("bayar di tempat") || u.phrase("bayar ditempat") ||
		u.phrase("bayar di rumah") || u.phrase("bayar dirumah") || u.phrase("bayar ditempat") || u.phrase("cash on delivery")
}

func (u *utterance) shipping() bool {
	if u.has(keySet("ongkir", "ekspedisi", "kurir", "estimasi", "ongkoskirim")) || u.phrase("biaya kirim") ||
		u.phrase("biaya pengiriman") || u.phrase("ongkir kirim") {
		return true
	}
	if u.near(keySet("kirim", "dikirim", "pengiriman", "sampai", "kirimnya"), keySet("ke"), 1) ||
		u.near(keySet("bisa"), keySet("kirim", "dikirim"), 2) {
		return true
	}
	if u.near(keySet("berapa"), keySet("hari", "lama"), 1) && u.has(keySet("sampai", "kirim", "dikirim", "pengiriman", "perjalanan")) {
		return true
	}
	for _, k := range u.keys {
		if k != "pos" && courierAlias[k] != "" {
			return true // "bisa pake gosend?"
		}
	}
	return u.phrase("kapan sampai") || u.near(keySet("kapan"), keySet("kirim", "dikirim"), 2) || u.phrase("luar kota") || u.phrase("luar pulau") || u.phrase("luar jawa")
}

func (u *utterance) payment() bool {
	if u.has(keySet("rekening", "qris", "gopay", "ovo", "shopeepay", "ewallet", "mbanking",
		"bca", "bri", "bni", "mandiri", "bsi", "payment", "va", "virtual", "bank", "pembayaran", "paylater")) {
		return true
	}
	if u.has(keySet("transfer", "bayar", "membayar", "dibayar")) {
		return !u.has(keySet("berapa", "total", "totalnya"))
	}
	return u.phrase("lewat apa") || u.phrase("via apa")
}

var variantWords = keySet("warna", "ukuran", "size", "varian", "motif", "rasa", "tipe", "type", "model", "seri", "pilihan")

func (u *utterance) catalog() bool {
	if u.has(keySet("katalog", "pricelist", "koleksi", "menu", "etalase", "list", "daftar")) || u.phrase("price list") {
		return true
	}
	if u.near(keySet("jual", "dijual", "produk", "barang", "ada", "ready", "jualan", "punya"), keySet("apa"), 2) &&
		!u.has(variantWords) && !u.has(keySet("cod", "diskon")) {
		return u.near(keySet("apa"), keySet("saja", "aja", "ya"), 1) || u.has(keySet("jual", "dijual", "jualan", "produk"))
	}
	return u.phrase("produk lain") || u.phrase("model lain") || u.phrase("lihat produk") || u.phrase("foto produk")
}

func (u *utterance) shopInfo() bool {
	if u.has(keySet("toko", "olshop", "store", "butik", "offline", "ofline")) &&
		u.has(keySet("dimana", "mana", "alamat", "lokasi", "buka", "tutup", "fisik", "jam", "offline", "asli", "amanah")) {
		return true
	}
	if u.has(keySet("lokasi", "instagram", "ig", "shopee", "tokopedia", "tiktok", "website", "web", "amanah", "terpercaya", "trusted", "maps", "map", "sharelok")) {
		return true
	}
	if u.word("alamat") && u.has(keySet("dimana", "mana", "kakak", "kalian", "admin", "min")) && !u.has(keySet("saya", "ku", "rumah")) {
		return true
	}
	return u.phrase("jam buka") || u.phrase("buka jam") || u.phrase("jam operasional") || u.phrase("tutup jam") ||
		u.phrase("kirim dari") || u.phrase("dikirim dari") || u.phrase("dari mana") || u.phrase("ambil sendiri") ||
		u.near(keySet("buka"), keySet("tidak", "hari", "sampai", "minggu", "libur"), 2) || u.word("libur")
}

var strongStock = keySet("ready", "stok", "tersedia", "kosong", "habis", "sold", "soldout", "restock",
	"restok", "available", "readystock", "po", "preorder", "indent", "sisa")

func (u *utterance) stock(strong bool) bool {
	if strong {
		return u.has(strongStock) || (u.has(variantWords) && u.near(keySet("apa", "mana"), keySet("saja", "aja", "ya"), 1))
	}
	return u.has(keySet("ada", "masih", "adakah", "punya"))
}

func (u *utterance) price() bool {
	if u.has(keySet("harga", "price", "hrg", "berapaan", "total", "mahal", "rp", "biaya")) {
		return true
	}
	i := u.index("berapa")
	return i >= 0 && !u.before(i, keySet("jam", "hari", "lama", "tanggal", "nomor", "ukuran", "size", "no"), 1)
}

// thanks includes praise ("barangnya bagus kak"): both get a warm thank-you.
func (u *utterance) thanks() bool {
	if u.has(keySet("makasih", "terimakasih", "hatur", "matur", "jazakallah", "alhamdulillah")) ||
		u.phrase("terima kasih") || u.phrase("trima kasih") {
		return true
	}
	return u.has(keySet("bagus", "keren", "puas", "suka", "cantik", "enak", "rapi", "rapih", "mantul",
		"recommended", "rekomended", "recomended", "memuaskan", "sesuai")) &&
		!u.has(keySet("tidak", "apa", "berapa", "kurang", "gimana", "bagaimana", "mana"))
}

func (u *utterance) greeting() bool {
	if len(u.keys) == 1 && keySet("p", "ping", "tes", "test", "punten", "misi", "oi", "woi")[u.keys[0]] {
		return true
	}
	return u.has(keySet("halo", "salam", "assalamualaikum", "permisi", "punten", "pagi", "siang", "sore",
		"malam", "selamat", "tanya", "nanya", "bertanya", "misi", "shalom", "swastiastu"))
}
