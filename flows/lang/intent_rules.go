package lang

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
		if abuseWords.contains(k) && !(u.around(i, abuseContext, 1) && (k == "anjing" || k == "babi" || k == "tahi" || k == "tai")) {
			return true
		}
	}
	return u.phrase(phKurangAjar) || u.near(reportWords, authorityWords, 4) ||
		u.near(awasWord, youWords, 1)
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
		if damageWords.contains(k) && !u.before(i, damageGuard, 2) {
			return true
		}
	}
	return u.phrase(phTidakNyala) || u.phrase(phTidakBisaNyala) || u.phrase(phTidakBerfungsi) ||
		u.phrase(phTidakBisaDipakai) || u.phrase(phMatiTotal) || u.phrase(phTidakBisaDinyalakan) ||
		u.near(seamWords, looseWords, 2) ||
		u.near(looseWords, seamWords, 2)
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
			if u.before(i, ownSlipWords, 1) || (i+1 < len(u.keys) && slipWords.contains(u.keys[i+1])) {
				continue
			}
			if u.around(i, wrongObjects, 3) {
				return true
			}
		case "beda", "berbeda":
			if u.words[i] == "bedanya" || u.word(kwApa) {
				continue // "apa bedanya ceruty sama pashmina?" is a question
			}
			if u.around(i, wrongObjects, 3) || u.around(i, compareWords, 2) {
				return true
			}
		case "kurang":
			if u.discountKurang(i) {
				continue
			}
			if (i+1 < len(u.keys) && (isQtyKey(u.keys[i+1]) || missingUnitWords.contains(u.keys[i+1]))) ||
				u.before(i, contentWords, 2) {
				return true
			}
		case "ketuker", "tertukar", "ketukar", "kebalik", "ketuke":
			return true
		}
	}
	return u.phrase(phTidakSesuai) || u.phrase(phTidakSama) || u.phrase(phBedaSama) ||
		u.near(bukanWord, orderedWords, 4) ||
		(u.near(yangWord, receivedWords, 1) && u.word(kwPesan))
}

// discountKurang: "bisa kurang?", "kurang dong" ask for a lower price.
func (u *utterance) discountKurang(i int) bool {
	return u.before(i, askWords, 2) ||
		(i+1 < len(u.keys) && haggleAfter.contains(u.keys[i+1]))
}

var (
	arriveWords  = keySet("sampai", "datang", "diterima", "terima", "tiba", "nyampe", "masuk")
	paymentWords = keySet("transfer", "bayar", "pembayaran", "dana", "uang", "rekening", "saldo", "dp")
	durationWord = keySet("hari", "minggu", "seminggu", "bulan", "sebulan", "jam", "pekan", "hr", "mg")
)

func (u *utterance) late() bool {
	if !u.has(paymentWords) && u.near(belumWord, arriveWords, 3) {
		return true
	}
	for i, k := range u.keys {
		switch k {
		case "telat", "terlambat", "kelamaan", "nyasar", "hilang":
			if !u.before(i, damageGuard, 2) {
				return true
			}
		case "lama", "lambat":
			if u.before(i, estimateGuard, 1) {
				continue // "berapa lama sampai?" asks for an estimate
			}
			if u.around(i, latePressure, 3) {
				return true
			}
		case "sampai", "datang":
			if u.before(i, tidakWord, 1) && !(i+1 < len(u.keys) && (durationWord.contains(u.keys[i+1]) || isQtyKey(u.keys[i+1]))) {
				return true
			}
		}
	}
	stuck := u.near(noneYetWords, adaWord, 1) && u.has(newsWords)
	notSent := u.near(belumWord, notSentWords, 2)
	impatient := u.has(impatientWords) ||
		(u.word(kwSudah) && u.has(durationWord))
	return (stuck || notSent) && impatient || u.phrase(phTidakKunjung)
}

var otherComplaintWords = keySet("komplain", "keluhan", "kecewa", "mengecewakan", "dikecewakan",
	"refund", "retur", "return", "zonk", "palsu", "dicuekin", "dikacangin", "nyesel", "menyesal", "kapok")

func (u *utterance) otherComplaint() bool {
	return u.has(otherComplaintWords) || u.phrase(phTidakPuas) || u.phrase(phKurangPuas) ||
		u.phrase(phUangKembali) || u.near(giveBackWords, moneyWords, 2) ||
		u.phrase(phTidakDibalas) || u.phrase(phBelumDibalas) || u.phrase(phSlowRespon) || u.phrase(phSlowRespons) ||
		u.phrase(phLamaBalas) || u.phrase(phLamaDibalas) || u.phrase(phBelumDikonfirmasi) ||
		u.near(requestWords, exchangeWords, 2) ||
		(u.has(exchangeWords) && u.has(fitWords)) ||
		(u.word(kwPelayanan) && u.has(poorServiceWords)) ||
		(u.word(kwKualitas) && u.has(poorWords))
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
	if u.phrase(phCustomerService) || u.phrase(phCostumerService) || u.phrase(phOrangAsli) || u.phrase(phOrangBeneran) {
		return true
	}
	if u.has(humanTargets) {
		if u.has(humanVerbs) {
			return true
		}
		for _, k := range u.keys {
			if !humanTargets.contains(k) && !humanFiller.contains(k) && !replyFillers.contains(k) {
				return false
			}
		}
		return true
	}
	return u.near(humanVerbs, personWords, 3)
}

func (u *utterance) cancel() bool {
	if u.has(cancelWords) {
		i := u.find(cancelWords, 0)
		return i < 0 || !u.before(i, negWords, 1)
	}
	// "ga jadi" alone answers a question (ShortReply); with more words it
	// takes back an order: "gak jadi beli kak".
	return u.near(tidakWord, jadiWord, 1) && u.has(buyWords)
}

var orderWords = keySet("order", "pesan", "beli", "belanja", "pemesanan", "pembelian", "checkout", "co", "orderan", "membeli", "memesan")

func (u *utterance) howToOrder() bool {
	if !u.has(orderWords) && !u.phrase(phFormatOrder) {
		return false
	}
	return u.has(methodWords) ||
		(u.has(howWord) && !u.has(ownOrderWords))
}

var statusSubjects = keySet("pesanan", "paket", "orderan", "order", "kiriman", "barang", "pesan", "pengiriman", "belanjaan")

func (u *utterance) orderStatus() bool {
	if u.has(trackingWords) {
		return true
	}
	if u.phrase(phSampaiMana) || u.phrase(phSampaiDimana) || u.phrase(phStatusPesanan) || u.phrase(phStatusOrder) ||
		u.phrase(phCekPesanan) || u.phrase(phPosisiPaket) {
		return true
	}
	if u.near(sinceWords, progressWords, 3) ||
		u.near(sentWords, notYetWords, 3) {
		return !u.hypothetical()
	}
	if u.word(kwKapan) && u.has(dispatchWords) {
		return !u.hypothetical() // "kirimnya kapan?"
	}
	if u.has(statusSubjects) && (u.has(mineWords) || u.word(kwStatus)) &&
		u.has(statusAsk) {
		return true
	}
	return u.phrase(phKapanSampai) && !u.hypothetical() && !u.word(kwBerapa)
}

func (u *utterance) done() bool {
	if u.hasQuantity() || u.has(stillOrderingWords) {
		return false
	}
	if u.word(kwCukup) && !u.has(enoughGuard) {
		return true
	}
	return u.phrase(phItuAja) || u.phrase(phItuSaja) || u.phrase(phItuDulu) || u.phrase(phItuSemua) ||
		u.phrase(phSegituAja) || u.phrase(phSegituSaja) || u.phrase(phSegituDulu) || u.phrase(phSudahSemua) ||
		u.phrase(phTidakAdaLagi) || u.phrase(phTidakAdaTambahan) || u.phrase(phTidakNambah) ||
		u.phrase(phSudahItu) || u.word(kwSekian)
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
			if u.around(i, pickupWords, 3) {
				continue // picking up at the shop is a shop question
			}
			return true
		case "fix":
			return true
		case "mau", "minta", "pengen":
			if i+1 < len(u.keys) && browseWords.contains(u.keys[i+1]) {
				continue
			}
			for j := i + 1; j < len(u.keys) && j <= i+8; j++ {
				if isQtyKey(u.keys[j]) {
					return true
				}
			}
			if i+1 < len(u.keys) && choiceWords.contains(u.keys[i+1]) && !u.has(choiceQuestionWords) {
				return true
			}
		}
	}
	return false
}

func (u *utterance) discount() bool {
	if i := u.index(kwKurang); i >= 0 && u.discountKurang(i) {
		return true
	}
	if u.word(kwKurangin) && !u.hasQuantity() {
		return true // "kurangin dong"; "kurangin 1" changes the cart
	}
	return u.has(discountWords) ||
		u.phrase(phHargaTeman) || u.phrase(phLebihMurah) || u.phrase(phGratisOngkir) || u.phrase(phFreeOngkir) ||
		(u.word(kwMurah) && u.has(pleaseWords))
}

func (u *utterance) cod() bool {
	return u.has(codWords) || u.phrase(phBayarDiTempat) || u.phrase(phBayarDitempat) ||
		u.phrase(phBayarDiRumah) || u.phrase(phBayarDirumah) || u.phrase(phBayarDitempat) || u.phrase(phCashOnDelivery)
}

func (u *utterance) shipping() bool {
	if u.has(shippingWords) || u.phrase(phBiayaKirim) ||
		u.phrase(phBiayaPengiriman) || u.phrase(phOngkirKirim) {
		return true
	}
	if u.near(shipToWords, keWord, 1) ||
		u.near(bisaWord, sendWords, 2) {
		return true
	}
	if u.near(berapaWord, daysWords, 1) && u.has(transitWords) {
		return true
	}
	for _, k := range u.keys {
		if k != "pos" && courierAlias[k] != "" {
			return true // "bisa pake gosend?"
		}
	}
	return u.phrase(phKapanSampai) || u.near(kapanWord, sendWords, 2) || u.phrase(phLuarKota) || u.phrase(phLuarPulau) || u.phrase(phLuarJawa)
}

func (u *utterance) payment() bool {
	if u.has(paymentInfoWords) {
		return true
	}
	if u.has(payVerbs) {
		return !u.has(amountWords)
	}
	return u.phrase(phLewatApa) || u.phrase(phViaApa)
}

var variantWords = keySet("warna", "ukuran", "size", "varian", "motif", "rasa", "tipe", "type", "model", "seri", "pilihan")

func (u *utterance) catalog() bool {
	if u.has(catalogWords) || u.phrase(phPriceList) {
		return true
	}
	if u.near(rangeWords, apaWord, 2) &&
		!u.has(variantWords) && !u.has(codDiscountWords) {
		return u.near(apaWord, allWords, 1) || u.has(sellWords)
	}
	return u.phrase(phProdukLain) || u.phrase(phModelLain) || u.phrase(phLihatProduk) || u.phrase(phFotoProduk)
}

func (u *utterance) shopInfo() bool {
	if u.has(shopWords) &&
		u.has(shopQuestionWords) {
		return true
	}
	if u.has(shopChannelWords) {
		return true
	}
	if u.word(kwAlamat) && u.has(shopAddressWords) && !u.has(ownAddressWords) {
		return true
	}
	return u.phrase(phJamBuka) || u.phrase(phBukaJam) || u.phrase(phJamOperasional) || u.phrase(phTutupJam) ||
		u.phrase(phKirimDari) || u.phrase(phDikirimDari) || u.phrase(phDariMana) || u.phrase(phAmbilSendiri) ||
		u.near(bukaWord, openDaysWords, 2) || u.word(kwLibur)
}

var strongStock = keySet("ready", "stok", "tersedia", "kosong", "habis", "sold", "soldout", "restock",
	"restok", "available", "readystock", "po", "preorder", "indent", "sisa")

func (u *utterance) stock(strong bool) bool {
	if strong {
		return u.has(strongStock) || (u.has(variantWords) && u.near(whichWords, allWords, 1))
	}
	return u.has(weakStockWords)
}

func (u *utterance) price() bool {
	if u.has(priceWords) {
		return true
	}
	i := u.index(kwBerapa)
	return i >= 0 && !u.before(i, notPriceBefore, 1)
}

// thanks includes praise ("barangnya bagus kak"): both get a warm thank-you.
func (u *utterance) thanks() bool {
	if u.has(thanksWords) ||
		u.phrase(phTerimaKasih) || u.phrase(phTrimaKasih) {
		return true
	}
	return u.has(praiseWords) &&
		!u.has(doubtWords)
}

func (u *utterance) greeting() bool {
	if len(u.keys) == 1 && callWords.contains(u.keys[0]) {
		return true
	}
	return u.has(greetingWords)
}

// Word sets of the rules, built once.
var (
	latePressure        = keySet("kok", "banget", "sekali", "amat", "benar", "bener", "parah", "pesanan", "paket", "kiriman", "sih", "nunggu", "tunggu", "menunggu")
	statusAsk           = keySet("bagaimana", "dimana", "mana", "kapan", "sudah", "status", "kabar", "gimana", "posisi", "update", "belum", "cek", "dicek", "dicekin", "cekin", "info")
	discountWords       = keySet("diskon", "discount", "disc", "potongan", "promo", "voucher", "voucer", "nego", "cashback", "grosir", "reseller", "dropship", "dropshipper")
	paymentInfoWords    = keySet("rekening", "qris", "gopay", "ovo", "shopeepay", "ewallet", "mbanking", "bca", "bri", "bni", "mandiri", "bsi", "payment", "va", "virtual", "bank", "pembayaran", "paylater")
	praiseWords         = keySet("bagus", "keren", "puas", "suka", "cantik", "enak", "rapi", "rapih", "mantul", "recommended", "rekomended", "recomended", "memuaskan", "sesuai")
	greetingWords       = keySet("halo", "salam", "assalamualaikum", "permisi", "punten", "pagi", "siang", "sore", "malam", "selamat", "tanya", "nanya", "bertanya", "misi", "shalom", "swastiastu")
	adaWord             = keySet("ada")
	allWords            = keySet("saja", "aja", "ya")
	amountWords         = keySet("berapa", "total", "totalnya")
	apaWord             = keySet("apa")
	askWords            = keySet("bisa", "boleh", "minta", "dapat", "dapet")
	authorityWords      = keySet("polisi", "ylki", "bpsk", "pengadilan")
	awasWord            = keySet("awas")
	belumWord           = keySet("belum", "blm")
	berapaWord          = keySet("berapa")
	bisaWord            = keySet("bisa")
	browseWords         = keySet("tanya", "nanya", "bertanya", "lihat", "liat", "lihat-lihat", "cek", "komplain")
	bukaWord            = keySet("buka")
	bukanWord           = keySet("bukan")
	buyWords            = keySet("beli", "pesan", "order", "ambil", "checkout", "co", "pesanan", "orderan")
	callWords           = keySet("p", "ping", "tes", "test", "punten", "misi", "oi", "woi")
	cancelWords         = keySet("batal", "cancel", "cancelled", "pembatalan")
	catalogWords        = keySet("katalog", "pricelist", "koleksi", "menu", "etalase", "list", "daftar")
	choiceQuestionWords = keySet("ada", "ready", "stok", "berapa", "harga")
	choiceWords         = keySet("yang", "warna", "ukuran", "size")
	codDiscountWords    = keySet("cod", "diskon")
	codWords            = keySet("cod", "codnya")
	compareWords        = keySet("sama", "dengan", "dari", "kok")
	contentWords        = keySet("barang", "isi", "jumlah", "pesanan", "paket")
	daysWords           = keySet("hari", "lama")
	dispatchWords       = keySet("kirim", "dikirim", "dikirimkan", "diproses", "dipacking", "diantar", "dikemas")
	doubtWords          = keySet("tidak", "apa", "berapa", "kurang", "gimana", "bagaimana", "mana")
	enoughGuard         = keySet("tidak", "apa", "untuk", "muat", "lama")
	estimateGuard       = keySet("berapa", "tidak")
	exchangeWords       = keySet("tukar", "ganti", "dituker", "tuker", "retur")
	fitWords            = keySet("kebesaran", "kekecilan", "kesempitan", "kepanjangan", "kependekan", "kegedean")
	giveBackWords       = keySet("balikin", "kembalikan", "kembaliin")
	haggleAfter         = keySet("dong", "lagi", "sedikit", "harga", "harganya", "tidak")
	howWord             = keySet("bagaimana")
	impatientWords      = keySet("kok", "juga", "padahal")
	jadiWord            = keySet("jadi")
	kapanWord           = keySet("kapan")
	keWord              = keySet("ke")
	looseWords          = keySet("lepas", "copot", "putus")
	methodWords         = keySet("cara", "caranya", "prosedur", "langkah", "format", "alur", "step")
	mineWords           = keySet("saya", "ku", "kemarin", "kemaren", "tadi")
	missingUnitWords    = keySet("item", "pcs", "barang", "isi", "satu")
	moneyWords          = keySet("uang", "dana")
	negWords            = keySet("tidak", "jangan", "gak")
	newsWords           = keySet("kabar", "update", "info", "resi")
	noneYetWords        = keySet("belum", "tidak")
	notPriceBefore      = keySet("jam", "hari", "lama", "tanggal", "nomor", "ukuran", "size", "no")
	notSentWords        = keySet("dikirim", "diproses", "dipacking", "kirim")
	notYetWords         = keySet("belum", "kapan")
	openDaysWords       = keySet("tidak", "hari", "sampai", "minggu", "libur")
	orderedWords        = keySet("pesan", "pesanan", "order", "dipesan", "beli")
	ownAddressWords     = keySet("saya", "ku", "rumah")
	ownOrderWords       = keySet("saya", "ku", "aku", "sudah", "belum")
	ownSlipWords        = keySet("saya", "maaf", "aku")
	payVerbs            = keySet("transfer", "bayar", "membayar", "dibayar")
	personWords         = keySet("orang", "manusia", "bos")
	pickupWords         = keySet("sendiri", "toko", "diambil", "gudang")
	pleaseWords         = keySet("bisa", "dong", "lagi", "boleh")
	poorServiceWords    = keySet("buruk", "jelek", "lambat", "lelet", "parah")
	poorWords           = keySet("buruk", "jelek", "parah")
	priceWords          = keySet("harga", "price", "hrg", "berapaan", "total", "mahal", "rp", "biaya")
	progressWords       = keySet("dikirim", "diproses", "dipacking", "dikemas", "jalan", "diantar", "dikirimkan")
	rangeWords          = keySet("jual", "dijual", "produk", "barang", "ada", "ready", "jualan", "punya")
	receivedWords       = keySet("datang", "dikirim", "sampai")
	reportWords         = keySet("lapor", "laporkan", "laporin", "dilaporkan")
	requestWords        = keySet("mau", "minta", "tolong", "pengen")
	seamWords           = keySet("jahitan", "jahit", "benang", "kancing", "resleting", "sleting")
	sellWords           = keySet("jual", "dijual", "jualan", "produk")
	sendWords           = keySet("kirim", "dikirim")
	sentWords           = keySet("dikirim", "diproses", "dikirimkan")
	shipToWords         = keySet("kirim", "dikirim", "pengiriman", "sampai", "kirimnya")
	shippingWords       = keySet("ongkir", "ekspedisi", "kurir", "estimasi", "ongkoskirim")
	shopAddressWords    = keySet("dimana", "mana", "kakak", "kalian", "admin", "min")
	shopChannelWords    = keySet("lokasi", "instagram", "ig", "shopee", "tokopedia", "tiktok", "website", "web", "amanah", "terpercaya", "trusted", "maps", "map", "sharelok")
	shopQuestionWords   = keySet("dimana", "mana", "alamat", "lokasi", "buka", "tutup", "fisik", "jam", "offline", "asli", "amanah")
	shopWords           = keySet("toko", "olshop", "store", "butik", "offline", "ofline")
	sinceWords          = keySet("sudah", "kapan")
	stillOrderingWords  = keySet("mau", "ambil", "order", "pesan", "beli", "tambah")
	thanksWords         = keySet("makasih", "terimakasih", "hatur", "matur", "jazakallah", "alhamdulillah")
	tidakWord           = keySet("tidak")
	trackingWords       = keySet("resi", "noresi", "lacak", "melacak", "tracking", "track", "awb")
	transitWords        = keySet("sampai", "kirim", "dikirim", "pengiriman", "perjalanan")
	weakStockWords      = keySet("ada", "masih", "adakah", "punya")
	whichWords          = keySet("apa", "mana")
	yangWord            = keySet("yang")
	youWords            = keySet("kamu", "lu", "lo", "kau", "kalian")
)
