package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
)

// SampleShopYAML is the commented shop.yaml written on first start: a hijab
// and muslim fashion shop with every key filled in, so the owner edits
// rather than writes.
const SampleShopYAML = `# shop.yaml — pengaturan toko untuk pesanbot.
# Ubah sesuai toko Kakak, lalu jalankan ulang pesanbot.
# Yang wajib hanya "name" dan "owners"; kunci lain boleh dihapus (pakai bawaan).

name: Toko Hijab Amanah
address: Jl. Melati No. 12, Duren Sawit, Jakarta Timur 13440
phone: "0812-0000-0001"
instagram: "@tokohijabamanah"
about: Gamis, pashmina, khimar dan mukena. Bahan adem, jahitan rapi.

# Zona waktu: WIB, WITA, WIT, atau nama seperti Asia/Jakarta.
timezone: WIB

# Nomor pemilik: boleh 0812…, +62 812-…, atau 62812….
owners:
  - 6281200000001

# Staf: role cs (balas chat, cek bayar) atau gudang (kemas dan kirim).
staff:
  - phone: 6281200000002
    role: cs

# Jam admin membalas. Di luar jam ini bot tetap mencatat pesanan.
hours:
  open: "08:00"
  close: "21:00"
  days: senin-sabtu

payment:
  banks:
    - bank: BCA
      number: "1234567890"
      holder: Siti Aminah
    - bank: Mandiri
      number: "1230009876543"
      holder: Siti Aminah
  # qris: qris.png        # gambar QRIS statis toko (folder yang sama dengan file ini),
  #                       # atau isinya: 000201…; tiap pesanan dapat QRIS nominal pas
  unique_code: true       # tambah kode unik 1-999 agar transfer mudah dicek
  cod: false              # bayar di tempat
  hold: 24h               # pesanan belum dibayar dibatalkan setelah ini

shipping:
  origin: Jakarta Timur
  couriers: [JNE, J&T, SiCepat, AnterAja, POS]
  # Ongkir rata per daerah. aliases = nama lain yang mungkin ditulis pembeli.
  rates:
    - area: Jakarta
      price: 10000
      aliases: [dki, dki jakarta, jakarta pusat, jakarta barat, jakarta timur, jakarta selatan, jakarta utara, jakpus, jakbar, jaktim, jaksel, jakut]
    - area: Bogor
      price: 12rb
      aliases: [cibinong, kota bogor, kabupaten bogor]
    - area: Depok
      price: 12rb
      aliases: [kota depok, cimanggis]
    - area: Tangerang
      price: 12rb
      aliases: [tangerang selatan, tangsel, kota tangerang, serpong, bsd, ciputat]
    - area: Bekasi
      price: 12rb
      aliases: [kota bekasi, kabupaten bekasi, cikarang]
    - area: Jawa Barat
      price: Rp15.000
      aliases: [jabar, bandung, cimahi, cirebon, sukabumi, tasikmalaya, garut, karawang, purwakarta, subang]
    - area: Banten
      price: Rp15.000
      aliases: [serang, cilegon, pandeglang, lebak]
    - area: Jawa Tengah
      price: Rp18.000
      aliases: [jateng, semarang, solo, surakarta, purwokerto, tegal, pekalongan, magelang, kudus]
    - area: DI Yogyakarta
      price: Rp18.000
      aliases: [diy, jogja, yogya, yogyakarta, jogjakarta, sleman, bantul, kulon progo, gunungkidul]
    - area: Jawa Timur
      price: Rp20.000
      aliases: [jatim, surabaya, malang, sidoarjo, gresik, kediri, jember, madiun]
    - area: Bali
      price: Rp25.000
      aliases: [denpasar, badung, gianyar, tabanan]
    - area: Lampung
      price: Rp25.000
      aliases: [bandar lampung, bandarlampung, metro]
    - area: Sumatera Utara
      price: Rp30.000
      aliases: [sumut, medan, binjai, deli serdang, pematangsiantar]
    - area: Sulawesi Selatan
      price: Rp38.000
      aliases: [sulsel, makassar, gowa, maros, parepare]
    - area: Kalimantan
      price: Rp40.000
      aliases: [kalbar, pontianak, kalteng, palangkaraya, kalsel, banjarmasin, kaltim, balikpapan, samarinda, kaltara, tarakan]
    - area: Papua
      price: Rp75.000
      aliases: [jayapura, papua barat, manokwari, sorong, merauke, timika]
  default: Rp45.000       # daerah lain; tulis 0 agar admin yang menghitung

# Janji untuk komplain: kapan dijawab, seberapa sering dikabari,
# dan setelah berapa kali terlambat pemilik diberi tahu.
complaints:
  answer_within: 24h
  follow_up_every: 24h
  escalate_after: 2

handover_cap: 2h            # chat yang diambil admin kembali ke bot setelah ini
quiet_hours: "21:00-08:00"  # tidak ada pesan tindak lanjut di jam ini
max_qty: 99                 # jumlah terbanyak per barang dalam satu pesanan
burst_window: 3s            # pesan beruntun secepat ini dibaca sebagai satu

# Kapan ringkasan mingguan menyarankan tambah staf (rata-rata pesanan sehari):
# di atas one_cs_above perlu 1 CS; di atas two_cs_above perlu 2 CS,
# 1 orang pengiriman (gudang) dan 1 orang marketing.
staffing:
  one_cs_above: 10
  two_cs_above: 30

# Setelah dikirim. Dengan penyedia pelacakan resi, paket dicek tiap
# poll_every; lewat expect_days + grace belum sampai, pembeli diberi kabar
# dan komplain "terlambat" dibuka. Tanpa penyedia, pembeli ditanya
# "sudah sampai?" checkin_after setelah /kirim (off: tidak ditanya).
# Setelah selesai, pembeli diminta nilai 1-5 sekali (rating).
delivery:
  poll_every: 6h
  expect_days: 3
  grace: 1d
  track_max: 30d
  checkin_after: 3d
  rating: true
  rating_after: 1h

# Ganti teks balasan bot. Hapus tanda # di depan baris untuk memakai.
texts:
  # greeting: "Assalamualaikum Kak{name} 😊 Selamat datang di *{shop}*."
`

// SampleCatalogCSV is the hijab catalogue seeded on first start (and
// examples/catalog.csv): colours and sizes, sizes with different prices,
// products sold out and a single-variant one.
const SampleCatalogCSV = `sku,name,variant,price,stock,weight_grams,description,aliases
GMS-01,Gamis Aisyah,Hitam / M,185000,5,450,Gamis katun toyobo adem dengan kancing depan (busui friendly),gamis aisyah|aisyah
GMS-01,Gamis Aisyah,Hitam / L,185000,2,450,Gamis katun toyobo adem dengan kancing depan (busui friendly),gamis aisyah|aisyah
GMS-01,Gamis Aisyah,Navy / M,185000,0,450,Gamis katun toyobo adem dengan kancing depan (busui friendly),gamis aisyah|aisyah
GMS-01,Gamis Aisyah,Navy / L,185000,3,450,Gamis katun toyobo adem dengan kancing depan (busui friendly),gamis aisyah|aisyah
PSM-02,Pashmina Ceruty Babydoll,Dusty Pink,45000,20,120,Pashmina ceruty babydoll 180x75 cm,pashmina|pasmina|ceruty|ceruti
PSM-02,Pashmina Ceruty Babydoll,Mocca,45000,1,120,Pashmina ceruty babydoll 180x75 cm,pashmina|pasmina|ceruty|ceruti
PSM-02,Pashmina Ceruty Babydoll,Hitam,45000,12,120,Pashmina ceruty babydoll 180x75 cm,pashmina|pasmina|ceruty|ceruti
KHM-03,Khimar Instan Syari,Maroon,75000,4,200,Khimar instan dua layer menutup dada,khimar|kimar
KHM-03,Khimar Instan Syari,Army,75000,0,200,Khimar instan dua layer menutup dada,khimar|kimar
BRG-04,Bergo Maryam,Hitam,35000,10,100,Bergo jersey pet antem,bergo|maryam|mariam
TNK-05,Tunik Rayon Kirana,All Size,120000,6,300,Tunik rayon motif bunga LD 110,tunik|tunic|kirana
GMS-06,Gamis Syari Zahra,Sage / M,265000,3,650,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
GMS-06,Gamis Syari Zahra,Sage / L,265000,1,650,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
GMS-06,Gamis Syari Zahra,Sage / XL,275000,0,700,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
GMS-06,Gamis Syari Zahra,Lilac / M,265000,0,650,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
GMS-06,Gamis Syari Zahra,Lilac / L,265000,2,650,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
GMS-06,Gamis Syari Zahra,Lilac / XL,275000,4,700,"Gamis syari set khimar, bahan wolfis, LD M 100 / L 110 / XL 120",zahra|gamis zahra|gamis syari
MKN-07,Mukena Bali Rayon,Putih,165000,8,600,Mukena rayon motif bali dengan tas,mukena|mukenah|rukuh
MKN-07,Mukena Bali Rayon,Sage,165000,0,600,Mukena rayon motif bali dengan tas,mukena|mukenah|rukuh
MKN-07,Mukena Bali Rayon,Lilac,165000,5,600,Mukena rayon motif bali dengan tas,mukena|mukenah|rukuh
SGE-08,Segi Empat Voal Motif,Daun,55000,15,100,Segi empat voal premium 115x115 cm,segi empat|segiempat|voal
SGE-08,Segi Empat Voal Motif,Bunga,55000,0,100,Segi empat voal premium 115x115 cm,segi empat|segiempat|voal
CPT-09,Ciput Rajut Anti Pusing,Hitam,15000,0,40,Ciput rajut tali belakang,ciput|inner|dalaman
CPT-09,Ciput Rajut Anti Pusing,Cream,15000,0,40,Ciput rajut tali belakang,ciput|inner|dalaman
KKJ-10,Kaos Kaki Jempol,,12000,30,50,Kaos kaki jempol nilon isi 1 pasang,kaos kaki|kaus kaki|kaoskaki
`

// SampleCatalog returns SampleCatalogCSV as a catalogue, for seeding.
func SampleCatalog() (*flows.Catalog, error) {
	return ReadCatalogCSV("sample.csv", strings.NewReader(SampleCatalogCSV))
}

// WriteSample writes SampleShopYAML to dir/shop.yaml (mode 0600, the
// directory 0700) when no shop.yaml is there. It never overwrites: an
// existing file gives ErrExists, which tells the caller not to seed the
// sample catalogue either.
func WriteSample(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("failed to create data directory: %w", err)
	}
	path := filepath.Join(dir, "shop.yaml")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return ErrExists
	}
	if err != nil {
		return fmt.Errorf("failed to create sample shop config: %w", err)
	}
	_, err = f.WriteString(SampleShopYAML)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// A half-written file would stop the next start from writing a good one.
		os.Remove(path)
		return fmt.Errorf("failed to write sample shop config: %w", err)
	}
	return nil
}
