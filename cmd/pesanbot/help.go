package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
)

// commandHelp is what `pesanbot CMD --help` shows besides the flags: the
// usage line, one sentence, and one example. Keys are flag set names.
var commandHelp = map[string]struct{ usage, about, example string }{
	"run": {"pesanbot run [--pair-phone NOMOR] [--http ALAMAT|off] [--password SANDI] [--tls-cert FILE --tls-key FILE]",
		"Sambung ke WhatsApp toko dan layani pelanggan, dengan dasbor pemilik (perintah bawaan).",
		"pesanbot run --pair-phone 6281234567890"},
	"chat": {"pesanbot chat [--as NOMOR|owner] [--name NAMA]",
		"Ngobrol dengan bot di terminal, tanpa WhatsApp.",
		"pesanbot chat --as owner"},
	"simulate": {"pesanbot simulate FILE [--json] [--start RFC3339] [--force]",
		"Putar ulang skrip percakapan dan tampilkan balasannya.",
		"pesanbot simulate percakapan.txt --start 2026-11-26T09:00:00+07:00"},
	"orders": {"pesanbot orders [--status S] [--json]",
		"Daftar pesanan, terbaru dulu.",
		"pesanbot orders --status belum-bayar"},
	"complaints": {"pesanbot complaints [--status S] [--json]",
		"Daftar komplain.",
		"pesanbot complaints --status terbuka"},
	"summary": {"pesanbot summary [--date YYYY-MM-DD | --week | --month] [--json]",
		"Ringkasan toko: pesanan, omzet, yang perlu dikerjakan.",
		"pesanbot summary --week"},
	"catalog import": {"pesanbot catalog import FILE [--replace]",
		"Impor katalog dari CSV (sku,name,variant,price,stock …).",
		"pesanbot catalog import katalog.csv --replace"},
	"catalog export": {"pesanbot catalog export [FILE]",
		"Ekspor katalog ke CSV (tanpa FILE: ke layar).",
		"pesanbot catalog export katalog.csv"},
	"export": {"pesanbot " + exportUsage,
		"Ekspor pesanan ke Excel (.xlsx) atau CSV, satu baris per barang.",
		"pesanbot export pesanan.xlsx --from 2026-11-01 --to 2026-11-30"},
	"backup": {"pesanbot backup FILE [--force]",
		"Salin database toko ke FILE, sudah dicek utuh; aman saat pesanbot berjalan.",
		"pesanbot backup cadangan/shop-2026-11-30.db"},
	"restore": {"pesanbot restore FILE",
		"Pulihkan database dari cadangan (hentikan pesanbot dulu); database lama disimpan, tidak dihapus.",
		"pesanbot restore cadangan/shop-2026-11-30.db"},
	"dashboard": {"pesanbot dashboard [--http ALAMAT] [--password SANDI] [--tls-cert FILE --tls-key FILE]",
		"Dasbor web pemilik tanpa WhatsApp; pesan ke pelanggan menunggu sampai pesanbot run berjalan.",
		"pesanbot dashboard --http 0.0.0.0:8080 --password 'sandi-panjang-toko'"},
	"bench": {"pesanbot bench [--slices N] [--slice 1s] [--orders N] [--orders-compare N] [--customers N] [--dir DIR]",
		"Ukur kecepatan dan memori di mesin ini (toko contoh sementara; data toko tidak disentuh). Kolom: msgs/s pesan per detik " +
			"(balasan terkirim termasuk); p50/p99 waktu sampai pesan tersimpan; rate/raw dan p99/raw dibanding commit mentah di disk yang sama; " +
			"tx/msg transaksi shop.db per pesan (tanda terkirim termasuk); stmts/msg perintah SQL per pesan dalam transaksi; " +
			"pages/msg halaman WAL per pesan; CPU µs/msg: flows, SQL, commit, lainnya.",
		"pesanbot bench --slices 5 --orders 1000 --orders-compare 20000"},
	"texts": {"pesanbot texts",
		"Daftar semua teks balasan dan teks bawaannya, siap disalin ke shop.yaml di bawah texts:.",
		"pesanbot texts > teks.yaml"},
}

// helpRequested is what parse returns for -h or --help: run prints text
// and exits 0.
type helpRequested struct{ text string }

func (h helpRequested) Error() string { return "help requested" }

// helpOf is a command's help: usage, what it does, its flags with their
// defaults, and an example.
func helpOf(fs *flag.FlagSet) string {
	h, ok := commandHelp[fs.Name()]
	if !ok {
		h.usage = "pesanbot " + fs.Name() + " [opsi]"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Pemakaian: %s [--data DIR]\n", h.usage)
	if h.about != "" {
		fmt.Fprintln(&b, h.about)
	}
	fmt.Fprintln(&b, "\nOpsi:")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		usage = strings.TrimPrefix(usage, name+" ") // "`DIR` folder data" names the value
		left := "  --" + f.Name
		if name != "" {
			left += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += " (bawaan: " + f.DefValue + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\n", left, usage)
	})
	tw.Flush()
	if h.example != "" {
		fmt.Fprintf(&b, "\nContoh:\n  %s\n", h.example)
	}
	return b.String()
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "-help" }

// isVersion reports whether arg asks for the version.
func isVersion(arg string) bool { return arg == "-v" || arg == "--version" || arg == "-version" }
