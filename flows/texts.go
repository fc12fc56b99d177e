package flows

import (
	"sort"
	"strings"
)

// DefaultTexts are the reply texts by key. Every one can be replaced in
// shop.yaml under `texts:`. Placeholders are written {name} and filled by the
// flows; an unknown placeholder is left as written.
var DefaultTexts = map[string]string{
	"greeting":                "Halo Kak{name} 😊 Selamat datang di *{shop}*.",
	"greeting_again":          "Iya Kak{name}, ada yang bisa kami bantu? 😊",
	"greeting_salam":          "Waalaikumsalam Kak{name} 😊 Selamat datang di *{shop}*.",
	"salam_again":             "Waalaikumsalam Kak{name} 😊",
	"not_sold":                "Mohon maaf Kak, *{what}* belum ada di toko kami 🙏",
	"variant_missing":         "Mohon maaf Kak, *{product}* tidak ada yang {variant} 🙏 Yang ada: {have}.",
	"variant_missing_single":  "Mohon maaf Kak, *{product}* hanya ada satu jenis, tidak ada pilihan {variant} 🙏",
	"variant_missing_soldout": "Mohon maaf Kak, *{product}* tidak ada yang {variant} 🙏 Pilihan lainnya juga sedang habis.",
	"cart_set":                "Siap, diubah jadi {qty} x {product} {variant}.",
	"cart_removed":            "Siap, *{product}* sudah kami hapus dari pesanan.",
	"cart_not_there":          "*{product}* belum ada di pesanan Kakak kok 😊",
	"cart_which_line":         "*{product}* yang mana yang diubah, Kak? Tulis warna/ukurannya ya.",
	"eta_general":             "Biasanya sampai 2–4 hari kerja setelah dikirim (luar Jawa bisa 3–7 hari), Kak. Nomor resi kami kirim begitu paket berangkat.",
	"discount_answer":         "Untuk saat ini harganya sudah harga terbaik ya, Kak 🙏 Kalau ada promo atau potongan, admin kami kabari. Mau kami bantu pesan?",
	"total_cart":              "Subtotal belanja Kakak {subtotal}; totalnya *{total}* (dengan ongkir dan kode unik).",
	"total_order":             "Total pesanan #{id}: *{total}* ({status}).",
	"pay_again":               "Total pesanan #{id}: *{total}*. Silakan transfer ke:\n{banks}\nLalu kirim foto bukti transfernya di sini ya, Kak 🙏",
	"not_shipped_unpaid":      "Pesanan *#{id}* belum kami kirim karena masih menunggu pembayaran, Kak 🙏 Totalnya *{total}*, bisa transfer ke:\n{banks}\nBegitu dibayar, langsung kami kemas dan kirim nomor resinya.",
	"not_shipped_checking":    "Pesanan *#{id}* belum dikirim, Kak: bukti transfernya sedang dicek admin 🙏 Setelah itu langsung kami kemas dan kirim nomor resinya.",
	"not_shipped_packing":     "Pesanan *#{id}* sedang kami siapkan dan belum berangkat, Kak 🙏 Nomor resinya kami kirim begitu paket dikirim.",
	"ask_address_city":        "Kota/kabupaten dan kode posnya, Kak? 😊",
	"pick_dropped":            "Untuk *{product}* kami lewati dulu ya, Kak. Kalau jadi, tulis warna/ukuran dan jumlahnya.",
	"ask_address_more":        "Kecamatan, kota/kabupaten dan kode posnya apa, Kak? 😊",
	"summary_pay_cod":         "Pembayaran: bayar di tempat (COD)",
	"menu":                    "Silakan ketik nomornya atau tanya langsung ya, Kak:\n1. Katalog produk\n2. Cara pesan\n3. Cek status pesanan\n4. Komplain\n5. Pembayaran & ongkir\n6. Bicara dengan admin",
	"closed_hours":            "Admin kami sedang di luar jam kerja dan kembali {open}. Pesanan dan pertanyaan tetap kami catat sekarang ya, Kak.",
	"privacy":                 "ℹ️ Data pesanan Kakak (nama, nomor, alamat) kami simpan hanya untuk memproses dan mengirim pesanan. Kakak bisa minta admin melihat atau menghapus data ini kapan saja. Cadangan (backup) data kami simpan paling lama 5 minggu.",
	"late_reply":              "Mohon maaf baru kami balas, Kak 🙏",
	"too_long":                "Pesannya panjang sekali, Kak 🙏 Kami baca bagian awalnya saja ya.",
	"unknown_first":           "Maaf Kak, kami belum paham maksudnya 🙏 Kakak bisa tanya soal produk, ongkir, atau pesanan. Ketik *menu* untuk pilihan, atau *admin* untuk bicara dengan admin.",
	"unknown_again":           "Maaf Kak, masih belum kami pahami 🙏 Ketik *admin* kalau mau dibantu admin langsung ya.",
	"thanks":                  "Sama-sama, Kak 😊 Kabari kami kalau ada yang bisa dibantu lagi.",
	"ok":                      "Siap, Kak 😊",
	"catalog_head":            "Katalog *{shop}*:",
	"catalog_tail":            "Ketik nama produknya untuk lihat warna, ukuran dan stok ya, Kak.",
	"product_detail":          "*{product}*\n{description}\nHarga: {price}",
	"stock_head":              "Stok saat ini:",
	"stock_empty_line":        "{variant}: habis",
	"stock_line":              "{variant}: ready {stock}",
	"product_sold_out":        "Mohon maaf Kak, *{product}* sedang habis semua 🙏",
	"details_saved":           "Siap Kak, data pengirimannya sudah kami catat 🙏 Mau pesan apa? Tulis nama produk, warna/ukuran dan jumlahnya (contoh: *{example}*).",
	"order_what":              "Siap, Kak 😊 Mau pesan apa? Tulis nama produk, warna/ukuran dan jumlahnya (contoh: *{example}*), atau kirim format order:\nNama:\nNo HP:\nAlamat:\nPesanan:\nKurir:",
	"product_ask_order":       "Mau pesan yang mana, Kak? Tulis warna/ukuran dan jumlahnya, contoh: *{example}*",
	"variant_sold_out":        "Mohon maaf Kak, *{product} {variant}* sedang habis 🙏",
	"variant_ready":           "*{product} {variant}* ready {stock} pcs, harga {price}.",
	"pick_product":            "Yang mana, Kak? Ketik nomornya:",
	"pick_variant":            "Pilihan *{product}* yang mana, Kak? Ketik nomornya:",
	"ask_qty":                 "Mau berapa pcs, Kak?",
	"which_product":           "Produk yang mana, Kak? 😊",
	"not_found":               "Maaf Kak, produk itu belum ada di katalog kami 🙏",
	"not_found_suggest":       "Maaf Kak, produk itu belum ada di katalog kami 🙏 Mungkin maksudnya: {suggest}?",
	"qty_invalid":             "Jumlahnya harus angka 1–{max} ya, Kak (contoh: 2).",
	"qty_short":               "Mohon maaf Kak, stok *{product} {variant}* tinggal {stock} 🙏 Mau ambil {stock} saja?",
	"cart_added":              "Siap, masuk keranjang: {qty} x {product} {variant} ({price}).",
	"cart_more":               "Mau tambah yang lain, Kak? Kalau sudah, ketik *sudah*.",
	"cart_empty":              "Keranjangnya masih kosong, Kak. Mau pesan produk apa?",
	"cart_full":               "Maaf Kak, satu pesanan maksimal {max} macam barang 🙏",
	"ask_name":                "Boleh minta *nama penerima*, Kak?",
	"ask_address":             "*Alamat lengkap* pengirimannya, Kak? (jalan, no rumah, kelurahan, kecamatan, kota, kode pos)",
	"ask_phone":               "*Nomor HP* penerima, Kak? (ketik *sama* kalau pakai nomor WhatsApp ini)",
	"ask_courier":             "Mau dikirim pakai kurir apa, Kak? Pilihan: {couriers}",
	"phone_invalid":           "Nomor HP-nya sepertinya kurang tepat, Kak 🙏 Contoh: 0812 3456 7890",
	"courier_unknown":         "Kurir itu belum tersedia, Kak 🙏 Pilihan: {couriers}",
	"summary_head":            "Ringkasan pesanan Kakak:",
	"summary_ship":            "Ongkir ke {region} ({courier}): {shipping}",
	"summary_ship_unknown":    "Ongkir: dikonfirmasi admin",
	"summary_code":            "Kode unik: {code}",
	"summary_total":           "*Total: {total}*",
	"summary_to":              "Dikirim ke: {name}, {phone}\n{address}",
	"summary_ask":             "Sudah benar, Kak? Ketik *ya* untuk pesan, atau tulis yang mau diubah.",
	"order_total_changed":     "Mohon maaf Kak, totalnya berubah sedikit sejak ringkasan tadi (kode unik atau harga ikut menyesuaikan karena ada pesanan lain yang masuk bersamaan) 🙏 Ini ringkasan terbarunya, mohon dicek lagi:",
	"confirm_change":          "Baik Kak, silakan tulis yang mau diubah (alamat, kurir, jumlah), atau *batal* kalau tidak jadi.",
	"order_created":           "Terima kasih Kak! Pesanan *#{id}* sudah tercatat ✅",
	"pay_instructions":        "Silakan transfer *{total}* (pas sampai 3 digit terakhir ya, Kak) ke:\n{banks}\nStok kami tahan sampai {deadline}. Setelah transfer, kirim foto bukti transfernya di sini.",
	"pay_cod":                 "Pesanan dibayar di tempat (COD) sebesar *{total}*.",
	"pay_qris":                "Bisa juga scan QRIS di gambar ini dari m-banking/e-wallet apa saja: nominalnya sudah pas *{total}*. Setelah bayar, kirim tangkapan layarnya di sini ya.",
	"order_stock_gone":        "Mohon maaf Kak, stok berubah barusan: {lines}. Keranjang sudah kami sesuaikan 🙏",
	"proof_please":            "Terima kasih Kak 🙏 Mohon kirim foto/screenshot bukti transfer *{total}* untuk pesanan *#{id}* di sini ya, supaya admin bisa langsung cek.",
	"proof_where":             "Kirim foto/screenshot bukti transfernya langsung di chat ini ya, Kak 🙏 Nanti admin cek untuk pesanan *#{id}*.",
	"proof_later":             "Tidak apa-apa, Kak 🙏 Admin akan cek mutasi rekening untuk pesanan *#{id}*. Kalau sempat, kirim fotonya di sini ya.",
	"notify_says_paid":        "💬 {name} bilang sudah transfer untuk pesanan *#{id}* ({total}): \"{text}\". Cek mutasi lalu /lunas {id}",
	"proof_received":          "Terima kasih Kak, bukti transfer pesanan *#{id}* sudah kami terima 🙏 Admin akan cek dan kabari secepatnya.",
	"proof_again":             "Bukti tambahan untuk pesanan *#{id}* sudah kami terima juga, Kak. Sedang dicek admin ya.",
	"image_received":          "Terima kasih Kak, gambarnya sudah kami terima 🙏 Ada yang bisa dibantu?",
	"media_text_please":       "Maaf Kak, kami belum bisa membaca {kind} 🙏 Mohon tulis dalam bentuk teks ya.",
	"status_none":             "Belum ada pesanan aktif atas nomor ini, Kak. Mau pesan sekarang?",
	"status_head":             "Pesanan Kakak:",
	"status_line":             "#{id} {items}: {status}",
	"status_tracking":         "   Kurir {courier}, resi {tracking}",
	"cancel_cart":             "Baik Kak, pesanannya tidak kami lanjutkan. Kalau berubah pikiran, kabari kami ya 😊",
	"cancel_ask":              "Batalkan pesanan *#{id}* ({total}), Kak? Ketik *ya* untuk membatalkan.",
	"cancel_done":             "Pesanan *#{id}* sudah dibatalkan, Kak. Semoga lain kali bisa belanja lagi 😊",
	"cancel_keep":             "Baik Kak, pesanan *#{id}* tetap kami proses 😊",
	"cancel_paid":             "Pesanan *#{id}* sudah dibayar, Kak, jadi pembatalannya dibantu admin ya. Kami teruskan ke admin sekarang 🙏",
	"cancel_none":             "Tidak ada pesanan yang bisa dibatalkan, Kak.",
	"complaint_thanks":        "Terima kasih sudah mengabari kami, Kak, dan mohon maaf atas ketidaknyamanannya 🙏 Kami paham ini bikin kesal.",
	"complaint_pick":          "Komplainnya untuk pesanan yang mana, Kak? Ketik nomornya:",
	"complaint_ask_desc":      "Boleh ceritakan apa yang terjadi, Kak? Foto barangnya juga boleh dikirim.",
	"complaint_known":         "Komplain *#{id}* untuk pesanan #{order} sudah kami catat dan sedang kami proses, Kak. Pesan Kakak kami tambahkan ke catatannya; kabar dari kami paling lambat *{due}* 🙏",
	"complaint_opened":        "Sudah kami catat sebagai komplain *#{id}*{order}. Kami cek ke bagian terkait dan kabari Kakak paling lambat *{due}* 🙏",
	"complaint_more":          "Baik Kak, tambahannya sudah kami catat di komplain *#{id}* 🙏 Kami kabari paling lambat *{due}*.",
	"complaint_angry":         "Mohon maaf sekali, Kak 🙏 Keluhan Kakak kami teruskan langsung ke pemilik toko, dan akan dibalas di chat ini.",
	"settle_yes":              "Alhamdulillah, terima kasih Kak 🙏 Semoga puas belanja di {shop}.",
	"settle_no":               "Mohon maaf belum beres, Kak 🙏 Komplain *#{id}* kami buka lagi dan kami kabari paling lambat *{due}*.",
	"handover":                "Baik Kak, admin kami akan membalas langsung di chat ini 😊 {when}",
	"handover_when_open":      "Mohon ditunggu sebentar ya.",
	"handover_when_closed":    "Admin kembali {open}.",
	"how_to_order":            "Cara pesan, Kak:\n1. Tulis nama produk, warna/ukuran dan jumlahnya (contoh: *{example}*)\n2. Kirim nama, alamat lengkap, nomor HP dan kurir\n3. Cek ringkasan lalu ketik *ya*\n4. Transfer sesuai total dan kirim bukti transfernya\n\nAtau salin format ini:\nNama:\nNo HP:\nAlamat:\nPesanan:\nKurir:",
	"payment_info":            "Pembayaran lewat transfer ke:\n{banks}{qris}{cod}",
	"payment_qris":            "\nBisa juga lewat QRIS.",
	"cod_yes":                 "\nBisa COD (bayar di tempat) juga, Kak.",
	"cod_no":                  "\nMohon maaf, saat ini belum bisa COD ya, Kak.",
	"cod_answer_yes":          "Bisa COD, Kak 😊 Bayar ke kurir saat barang sampai.",
	"cod_answer_no":           "Mohon maaf Kak, saat ini kami belum melayani COD 🙏 Pembayaran lewat transfer:\n{banks}",
	"shipping_rate":           "Ongkir ke *{region}* {price}/kg, Kak (dari {origin}). Kurir: {couriers}.",
	"shipping_default":        "Ongkir ke {place} sekitar {price}/kg, Kak. Pastinya kami cek saat pesanan dibuat.",
	"shipping_ask":            "Mau dikirim ke kota mana, Kak? Nanti kami hitungkan ongkirnya.",
	"shipping_unknown":        "Ongkir ke {place} akan kami cek dulu ya, Kak 🙏 Admin akan kabari.",
	"shop_info":               "*{shop}*{about}{address}{phone}{instagram}\nJam layanan admin: {hours}.",
	"notify_order":            "🛒 Pesanan baru *#{id}* dari {name} ({phone}): {items}. Total {total}, ke {region}, {courier}.",
	"notify_proof":            "💳 Bukti transfer pesanan *#{id}* ({total}) dari {name}. Cek mutasi lalu ketik /lunas {id}",
	"notify_complaint":        "⚠️ Komplain baru *#{id}* ({category}) dari {name} ({phone}){order}: \"{text}\". Janji jawab: {due}. Balas: /balas {id} teks",
	"notify_complaint_more":   "Komplain *#{id}* dari {name}, tambahan: \"{text}\"",
	"notify_handover":         "🙋 {name} ({phone}) minta bicara dengan admin. Balas langsung dari HP toko; bot diam di chat itu sampai /lepas {phone} atau {until}.",
	"notify_angry":            "🚨 {name} ({phone}) marah: \"{text}\". Bot diam di chat itu; mohon dibalas langsung. /lepas {phone} setelah selesai.",
	"notify_cancel":           "❌ Pesanan *#{id}* dibatalkan oleh pelanggan {name}. Stok dikembalikan.",
	"notify_reopen":           "🔁 Komplain *#{id}* dibuka lagi: pelanggan bilang belum beres. Janji jawab: {due}.",
	"notify_cancel_paid":      "{name} ({phone}) mau membatalkan pesanan *#{id}* (status: {status}). Mohon dibantu.",
	"customer_paid":           "Pembayaran pesanan *#{id}* sudah kami terima, terima kasih Kak! 🙏 Pesanan segera kami kemas.",
	"customer_shipped":        "Pesanan *#{id}* sudah dikirim, Kak 📦 Kurir: {courier}, no resi: *{tracking}*.",
	"customer_completed":      "Pesanan *#{id}* sudah selesai. Terima kasih sudah belanja di {shop}, Kak 😊",
	"customer_cancelled":      "Mohon maaf Kak, pesanan *#{id}* dibatalkan{reason}. Stoknya sudah kami lepas. Kalau ada pertanyaan, balas chat ini ya 🙏",
	"customer_reply":          "Kak, kabar untuk komplain *#{id}*: {text}",
	"customer_settle":         "Kak, komplain *#{id}* sudah kami tindak lanjuti{note}. Apakah sudah beres? Balas *sudah* atau *belum* ya 🙏",
	"edit_note":               "Kak, pesanan *#{id}* sudah tercatat seperti sebelumnya 🙏 Pesan yang diubah/dihapus tidak mengubah pesanan. Kalau ada yang mau diganti, tulis saja perubahannya, nanti admin bantu.",
	"notify_edit":             "✏️ {name} ({phone}) {what} pesan setelah pesanan *#{id}*: \"{text}\". Pesanan tidak berubah; cek bila perlu.",
	"yes_idle":                "Siap, Kak 😊 Ada yang bisa kami bantu? Ketik *menu* untuk pilihan.",
	"pay_reminder":            "Kak, pesanan *#{id}* masih menunggu pembayaran *{total}* 🙏 Stok kami tahan sampai {deadline}. Transfer ke:\n{banks}\nSetelah transfer, kirim foto buktinya di sini ya.",
	"pay_expired":             "Kak, pesanan *#{id}* kami batalkan karena belum ada pembayaran sampai batas waktu 🙏 Kalau masih berminat, pesan lagi saja ya, Kak.",
	"staff_expired":           "⌛ Pesanan *#{id}* ({name}) batal otomatis: tidak dibayar sampai batas waktu. Stok dikembalikan.",
	"staff_verify_reminder":   "💳 Pesanan *#{id}* ({total}) masih menunggu cek bukti transfer. Ketik /lunas {id} bila sudah masuk.",
	"staff_complaint_remind":  "⏰ Komplain *#{id}* ({name}) belum dibalas; janji ke pelanggan {due}. Balas: /balas {id} teks",
	"staff_complaint_missed":  "⏰ Komplain *#{id}* ({name}) lewat janji; pelanggan sudah diberi kabar dan janji baru {due}. Balas: /balas {id} teks",
	"staff_complaint_close":   "Komplain *#{id}* ({name}) sudah dibalas tapi belum ditutup. /tutup {id} bila sudah beres.",
	"owner_escalate":          "🚨 Komplain *#{id}* dari {name} ({phone}) sudah {misses} kali lewat janji. Kata pelanggan: \"{text}\". Mohon ditangani langsung.",
	"complaint_update":        "Kak, mohon maaf, komplain *#{id}* masih kami proses 🙏 Kami belum lupa. Kami kabari lagi paling lambat *{due}*.",
	"handover_back":           "Mohon maaf menunggu lama, Kak 🙏 Admin kami sudah kami ingatkan. Sementara itu saya bantu lagi ya, silakan tulis pertanyaannya.",
	"staff_handover_waiting":  "⚠️ {name} ({phone}) menunggu admin sejak {since} dan belum dibalas. Bot kembali melayani chat itu.",
	"stale_head":              "🕗 Selama pesanbot mati, tindak lanjut ini terlewat dan TIDAK dikirim ke pelanggan (terlalu lama):",
	"tech_trouble":            "Mohon maaf Kak, sistem kami sedang ada gangguan teknis 🙏 Pesan Kakak tidak hilang dan akan kami proses begitu pulih.",
	"owner_db_alert":          "⚠️ pesanbot: {why}. Pesan pelanggan ditahan dan akan diproses ulang otomatis begitu pulih. Mohon dicek (ruang disk, program lain yang membuka shop.db).",
	"flood_wait":              "Pesannya banyak sekali, Kak 🙏 Pesan berikutnya belum bisa kami baca otomatis; admin kami akan cek chat ini. Mohon tunggu sebentar ya.",
	"notify_flood":            "⚠️ {who} mengirim lebih dari {cap} pesan dalam 10 menit. Pesan berikutnya di 10 menit ini dicatat tapi tidak dibaca bot; mohon cek chat-nya langsung.",
	"mydata_head":             "Data Kakak yang kami simpan di {shop}:",
	"mydata_tail":             "Data ini hanya dipakai untuk memproses dan mengirim pesanan. Ketik *hapus data saya* kalau ingin kami hapus.",
	"erase_confirm1":          "Kakak ingin kami menghapus data Kakak (nama, nomor, alamat, riwayat chat dan foto)? Pesanan yang belum dibayar ikut dibatalkan. Ketik *HAPUS* untuk lanjut.",
	"erase_confirm2":          "Sekali lagi untuk memastikan: data tidak bisa dikembalikan. Ketik *YA HAPUS* untuk menghapus.",
	"erase_again1":            "Untuk memastikan, Kak: ketik *HAPUS* (satu kata saja) kalau data Kakak mau kami hapus, atau *batal* kalau tidak jadi 🙏",
	"erase_again2":            "Untuk menghapus, ketik persis *YA HAPUS* ya, Kak. Kalau tidak jadi, ketik *batal* 🙏",
	"erase_kept":              "Baik Kak, data Kakak tidak kami hapus 😊",
	"erase_done":              "Data Kakak sudah kami hapus dari catatan {shop} 🙏 Catatan pesanan untuk pembukuan kami simpan tanpa nama, nomor dan alamat. Cadangan (backup) data, yang kami simpan paling lama 5 minggu, juga sudah kami bersihkan. Terima kasih, Kak.",
	"erase_open_orders":       "Kakak masih punya pesanan yang sedang berjalan (*#{id}*), jadi datanya masih kami perlukan untuk pengiriman 🙏 Permintaan hapus data sudah kami teruskan ke admin dan akan diproses setelah pesanan selesai.",
	"notify_erase_review":     "🔒 {name} ({phone}) minta datanya dihapus, tapi pesanan *#{id}* masih berjalan. Mohon diproses setelah selesai (paling lambat 3×24 jam).",
	"notify_erased":           "🔒 Data pelanggan #{id} dihapus atas permintaannya (UU PDP). Pesanan lama disimpan tanpa data pribadi.",
	"owner_backup_failed":     "⚠️ Backup malam ini GAGAL (cek ruang disk). Backup lama tetap aman. Jalankan: pesanbot backup FILE",
	"summary_backup":          "Backup terakhir: {when}",
	"summary_no_backup":       "Backup: belum ada",
	"stale_command":           "⏸️ Perintah \"{command}\" dikirim {when}, saat pesanbot tidak aktif, jadi BELUM dijalankan. Kirim ulang perintahnya bila masih berlaku.",
	"staff_hint":              "Ketik /bantuan untuk daftar perintah.",
	// Staff lists: /gudang, and the rest of a long /pesanan, /komplain or /gudang.
	"packing_head": "Daftar kemas ({n}):",
	"packing_none": "Tidak ada pesanan yang perlu dikemas. 👍",
	"list_more":    "… dan {n} lagi",
	// Cash on delivery: its terms, its own "ya", a complete address.
	"summary_ask_cod":         "Pesanan ini *COD*: Kakak bayar *{total}* langsung ke kurir saat paket sampai, jadi pastikan ada yang di rumah untuk menerima ya 🙏\nLanjut COD? Ketik *ya* untuk pesan, *transfer* kalau mau bayar transfer, atau tulis yang mau diubah.",
	"cod_confirm_again":       "Sebelum kami proses ya, Kak: untuk COD Kakak bayar *{total}* ke kurir saat paket sampai. Lanjut COD? Ketik *ya*, atau *transfer* kalau mau bayar transfer 😊",
	"cod_change":              "Baik Kak 😊 Mau ganti bayar *transfer*, atau ada yang mau diubah (alamat, kurir, jumlah)? Ketik *batal* kalau tidak jadi.",
	"ask_cod_street":          "Untuk COD, kurir perlu alamat sampai ke pintu, Kak 😊 Nama jalan/gang dan nomor rumahnya apa?",
	"ask_cod_area":            "Kecamatan atau kotanya apa, Kak? 😊",
	"ask_cod_postcode":        "Kode posnya berapa, Kak? 😊",
	"cod_address_or_transfer": "Kalau lebih mudah, bisa juga bayar transfer, Kak: cukup ketik *transfer*.",
	"cod_transfer_only":       "Untuk pesanan ini pembayarannya lewat transfer{qris} ya, Kak 🙏\n{banks}",
	"cod_or_qris":             " atau QRIS",
	"notify_cod_confirmed":    "💵 COD: pembeli sudah setuju bayar {total} ke kurir.",
	"catalog_product_unknown": "Mohon maaf Kak, *{title}* dari katalog belum kami temukan di daftar produk kami 🙏 Boleh tulis nama produk dan variannya?",
	"catalog_cart":            "Keranjang Kakak sudah kami terima: {n} barang{total} 😊 Rincian barangnya belum terbaca di sini, jadi admin kami cek juga. Biar cepat, boleh tulis nama barang, varian dan jumlahnya, Kak? (contoh: {example})",
	"catalog_cart_total":      ", total {total}",
	"notify_catalog_cart":     "🧺 Keranjang katalog WhatsApp dari {name} ({phone}): {n} barang{total}, nomor pesanan WA {order}. Rinciannya ada di WhatsApp Business (Pesanan); pembeli diminta menulis barangnya.",
	"notify_returned":         "↩️ Pesanan *#{id}* retur (paket kembali, tidak dibayar){note}: {items}, {total}. Stok sudah dikembalikan; pembeli ini berikutnya hanya ditawari transfer/QRIS.",
	// Live shipping rates (shipping.provider).
	"shipping_checking":     "Sebentar ya Kak, saya cek ongkir ke {place} dulu 🙏",
	"shipping_options_head": "Ongkir ke *{place}* untuk {weight}, Kak:",
	"shipping_option_line":  "{n}. {courier} {service}: {price}{eta}",
	"shipping_eta":          " (estimasi {days})",
	"shipping_options_ask":  "Mau pakai yang mana, Kak? Ketik nomornya, nama kurirnya, atau *termurah* 😊",
	"shipping_pick_place":   "Biar ongkirnya pas, alamat Kakak masuk yang mana? Ketik nomornya:",
	"shipping_live_tail":    "Ongkir pastinya kami hitung dari berat pesanan saat Kakak order ya 😊",
	"shipping_pick_number":  "Ketik nomornya ya, Kak 😊",
	"summary_ship_live":     "Ongkir ke {region} ({courier}{eta}): {shipping}",
	"status_track":          "   Posisi terakhir: {note} ({when})",
	"arrival_ask":           "Kak, paket pesanan *#{id}* sudah sampai? 📦 Balas *sudah* atau *belum* ya 🙏",
	"arrival_thanks":        "Alhamdulillah, terima kasih kabarnya, Kak 😊 Pesanan *#{id}* kami catat sudah diterima. Semoga cocok ya!",
	"arrival_late_closed":   "Komplain *#{complaint}* soal keterlambatannya kami tutup ya, Kak. Sekali lagi mohon maaf sudah menunggu lama 🙏",
	"arrival_late_sorry":    "Mohon maaf paketnya belum sampai, Kak 🙏 Kami bantu cek ke kurirnya.",
	"track_delivered":       "Paket pesanan *#{id}* sudah diterima, Kak 📦 Terima kasih sudah belanja di {shop} 😊",
	"track_delivered_late":  "Paket pesanan *#{id}* sudah diterima, Kak 📦 Sekali lagi mohon maaf atas keterlambatannya dan terima kasih sudah sabar menunggu 🙏 Komplain *#{complaint}* kami tutup.",
	"track_late":            "Kak, mohon maaf 🙏 Paket pesanan *#{id}* belum sampai, padahal perkiraan sampainya {expected}. Sudah kami catat sebagai komplain *#{complaint}* dan kami cek ke kurirnya; kabar berikutnya paling lambat *{due}*.",
	"staff_track_late":      "🐢 Paket pesanan *#{id}* ({courier} {tracking}) belum sampai, perkiraan {expected}. Posisi terakhir: {note}. Pelanggan sudah diberi tahu; komplain *#{complaint}*, janji jawab {due}. Balas: /balas {complaint} teks",
	"staff_track_late_done": "📦 Paket pesanan *#{id}* akhirnya diterima; komplain *#{complaint}* ditutup otomatis dan pelanggan sudah diberi tahu.",
	"staff_track_returned":  "↩️ Paket pesanan *#{id}* ({courier} {tracking}) diretur kurir: {note}. Mohon hubungi pelanggannya.",
	"staff_track_stopped":   "ℹ️ Paket pesanan *#{id}* ({courier} {tracking}) sudah {days} hari belum tercatat diterima; pelacakan otomatis berhenti. Cek manual, lalu /selesai {id} bila sudah sampai.",
	"rating_ask":            "Boleh minta nilai 1–5 untuk pesanan *#{id}*, Kak? ⭐ Boleh sekalian komentarnya 🙏",
	"rating_thanks":         "Terima kasih banyak atas nilainya, Kak 🙏 Senang sekali Kakak puas. Sampai jumpa lagi di {shop} 😊",
	"rating_thanks_mid":     "Terima kasih atas nilai dan masukannya, Kak 🙏 Kami pakai supaya bisa lebih baik lagi.",
	"rating_low":            "Terima kasih sudah jujur menilai, Kak, dan mohon maaf belum memuaskan 🙏",
}

// TextKeys returns every text key, sorted.
func TextKeys() []string {
	keys := make([]string, 0, len(DefaultTexts))
	for k := range DefaultTexts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text fills the text for key, with the shop's override if any, from
// key/value pairs: Text(shop, "greeting", "name", " Rina", "shop", "Toko").
func (s *Shop) Text(key string, kv ...string) string {
	t, ok := s.Texts[key]
	if !ok {
		t = DefaultTexts[key]
	}
	if len(kv) == 0 || !strings.Contains(t, "{") {
		return t
	}
	// The placeholders are filled left to right, each "{key}" by the first
	// pair naming it, values never read again (as strings.Replacer does).
	var b strings.Builder
	b.Grow(len(t) + 32)
	for i := 0; i < len(t); {
		j := strings.IndexByte(t[i:], '{')
		if j < 0 {
			b.WriteString(t[i:])
			break
		}
		b.WriteString(t[i : i+j])
		i += j
		n := 0
		for p := 0; p+1 < len(kv); p += 2 {
			if k := kv[p]; len(t)-i >= len(k)+2 && t[i+1+len(k)] == '}' && t[i+1:i+1+len(k)] == k {
				b.WriteString(kv[p+1])
				n = len(k) + 2
				break
			}
		}
		if n == 0 {
			b.WriteByte('{')
			n = 1
		}
		i += n
	}
	// An empty value ("{product} {variant}" of a product without variants)
	// must not leave a double space or "*Kaos Kaki *", which WhatsApp does
	// not show as bold.
	return closeStars(foldBlanks(b.String()))
}

// foldBlanks writes every run of two or more spaces and tabs as one space.
func foldBlanks(s string) string {
	blank := func(c byte) bool { return c == ' ' || c == '\t' }
	first := -1
	for i := 0; i+1 < len(s); i++ {
		if blank(s[i]) && blank(s[i+1]) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		if !blank(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i + 1
		for j < len(s) && blank(s[j]) {
			j++
		}
		if j-i >= 2 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(s[i])
		}
		i = j
	}
	return b.String()
}

// closeStars drops the space before a closing bold star: " *" followed by a
// space, a line break, one of ".,!?)" or the end becomes "*".
func closeStars(s string) string {
	closes := func(i int) bool {
		if s[i] != ' ' || i+1 >= len(s) || s[i+1] != '*' {
			return false
		}
		if i+2 == len(s) {
			return true
		}
		switch s[i+2] {
		case ' ', '\n', '.', ',', '!', '?', ')':
			return true
		}
		return false
	}
	first := -1
	for i := range len(s) {
		if closes(i) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		if closes(i) {
			b.WriteByte('*')
			if i+2 < len(s) {
				b.WriteByte(s[i+2])
			}
			i += 3
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
