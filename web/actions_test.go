package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/config"
)

// queuedContains checks that the dashboard queued a message for chat that
// contains every want, and returns how many it queued.
func queuedContains(t *testing.T, f *fixture, chat string, wants ...string) {
	t.Helper()
	q := f.queued(chat)
	if len(q) == 0 {
		t.Fatalf("nothing queued for %s", chat)
	}
	last := q[len(q)-1]
	for _, w := range wants {
		if !strings.Contains(last, w) {
			t.Errorf("message to %s %q lacks %q", chat, last, w)
		}
	}
}

func TestVerifyPayment(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	page := f.follow(f.post("/pesanan/1/lunas", nil, c), c)
	if !strings.Contains(page, "LUNAS") || !strings.Contains(page, "Pelanggan sudah diberi tahu") {
		t.Errorf("no answer shown after /lunas:\n%s", page)
	}
	if got := f.orderStatus(1); got != "paid" {
		t.Errorf("order 1 is %s, want paid", got)
	}
	queuedContains(t, f, customerX, "#1")
	if !f.audited("lunas", "order 1") {
		t.Error("no audit entry for /lunas 1")
	}
	// The flash shows once.
	if strings.Contains(f.get("/pesanan/1", c).Body.String(), "Pelanggan sudah diberi tahu") {
		t.Error("the flash shows twice")
	}
	// Again: the command refuses, nothing more is queued.
	page = f.follow(f.post("/pesanan/1/lunas", nil, c), c)
	if !strings.Contains(page, "tidak diubah") || len(f.queued(customerX)) != 1 {
		t.Errorf("second /lunas: queued %d, page:\n%s", len(f.queued(customerX)), page)
	}
}

func TestShip(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	// Missing tracking number: refused before any command.
	page := f.follow(f.post("/pesanan/2/kirim", url.Values{"kurir": {"JNE"}}, c), c)
	if !strings.Contains(page, "Isi kurir dan nomor resi") || f.orderStatus(2) != "paid" || len(f.queued(customerF)) != 0 {
		t.Fatalf("ship without tracking changed something; page:\n%s", page)
	}
	page = f.follow(f.post("/pesanan/2/kirim", url.Values{"kurir": {"SiCepat"}, "resi": {"JP 1234 5678"}}, c), c)
	if !strings.Contains(page, "DIKIRIM") {
		t.Errorf("no answer shown after /kirim:\n%s", page)
	}
	if got := f.orderStatus(2); got != "shipped" {
		t.Errorf("order 2 is %s, want shipped", got)
	}
	if got := f.queryString(`SELECT courier || ' ' || tracking FROM orders WHERE id = 2`); got != "SiCepat JP12345678" {
		t.Errorf("courier and tracking %q", got)
	}
	queuedContains(t, f, customerF, "#2", "SiCepat", "JP12345678")
	if !f.audited("kirim", "order 2 SiCepat JP12345678") {
		t.Error("no audit entry for /kirim 2")
	}
	// An unpaid order cannot be shipped: the command says so.
	page = f.follow(f.post("/pesanan/1/kirim", url.Values{"kurir": {"JNE"}, "resi": {"X1"}}, c), c)
	if !strings.Contains(page, "belum lunas") || f.orderStatus(1) != "awaiting_verification" {
		t.Errorf("shipping an unpaid order: %s, page:\n%s", f.orderStatus(1), page)
	}
}

func TestComplete(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	page := f.follow(f.post("/pesanan/3/selesai", nil, c), c)
	if !strings.Contains(page, "SELESAI") || f.orderStatus(3) != "completed" {
		t.Errorf("/selesai 3: %s, page:\n%s", f.orderStatus(3), page)
	}
	queuedContains(t, f, customerS, "#3")
	if !f.audited("selesai", "order 3") {
		t.Error("no audit entry for /selesai 3")
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	stock := func() string {
		return f.queryString(`SELECT v.stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'PSM-02' AND v.name = 'Mocca'`)
	}
	if s := stock(); s != "0" {
		t.Fatalf("mocca stock %s before cancelling, want 0 (held by order 1)", s)
	}
	page := f.follow(f.post("/pesanan/1/batal", url.Values{"alasan": {"stok rusak"}}, c), c)
	if !strings.Contains(page, "Ya, batalkan") || f.orderStatus(1) != "awaiting_verification" {
		t.Fatalf("cancel without the confirmation box: %s", f.orderStatus(1))
	}
	page = f.follow(f.post("/pesanan/1/batal", url.Values{"alasan": {"stok rusak <b>x</b>"}, "yakin": {"1"}}, c), c)
	if !strings.Contains(page, "DIBATALKAN") || f.orderStatus(1) != "cancelled" {
		t.Fatalf("/batal 1: %s, page:\n%s", f.orderStatus(1), page)
	}
	if s := stock(); s != "1" {
		t.Errorf("mocca stock %s after cancelling, want 1", s)
	}
	queuedContains(t, f, customerX, "#1", "stok rusak")
	if !f.audited("batal", "order 1: stok rusak") {
		t.Error("no audit entry for /batal 1")
	}
	detail := f.get("/pesanan/1", c).Body.String()
	if strings.Contains(detail, "<b>x</b>") || !strings.Contains(detail, "stok rusak &lt;b&gt;x&lt;/b&gt;") {
		t.Error("the cancel reason is not shown escaped")
	}
	// A shipped order cannot be cancelled.
	page = f.follow(f.post("/pesanan/3/batal", url.Values{"yakin": {"1"}}, c), c)
	if !strings.Contains(page, "tidak bisa dibatalkan") || f.orderStatus(3) != "shipped" {
		t.Errorf("cancelling a shipped order: %s", f.orderStatus(3))
	}
}

func TestReplyAndCloseComplaint(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	page := f.follow(f.post("/komplain/1/balas", url.Values{"teks": {"  "}}, c), c)
	if !strings.Contains(page, "Tulis balasannya dulu") || len(f.queued(customerS)) != 0 {
		t.Fatal("an empty reply was sent")
	}
	page = f.follow(f.post("/komplain/1/balas", url.Values{"teks": {"Mohon maaf Kak,\nkami kirim pengganti besok."}}, c), c)
	if !strings.Contains(page, "terkirim") {
		t.Errorf("no answer after /balas:\n%s", page)
	}
	if got := f.queryString(`SELECT status || ' ' || follow_ups FROM complaint WHERE id = 1`); got != "answered 1" {
		t.Errorf("complaint after reply: %s, want answered 1", got)
	}
	queuedContains(t, f, customerS, "kami kirim pengganti besok")
	if !f.audited("balas", "complaint 1") {
		t.Error("no audit entry for /balas 1")
	}
	f.follow(f.post("/komplain/1/tutup", url.Values{"catatan": {"barang ditukar"}}, c), c)
	if got := f.queryString(`SELECT status || ' ' || note FROM complaint WHERE id = 1`); got != "resolved barang ditukar" {
		t.Errorf("complaint after close: %s", got)
	}
	if n := len(f.queued(customerS)); n != 2 {
		t.Errorf("%d messages queued for the customer, want 2 (reply, settled?)", n)
	}
	if !f.audited("tutup", "complaint 1") {
		t.Error("no audit entry for /tutup 1")
	}
	if w := f.post("/komplain/9/tutup", nil, c); w.Code != http.StatusSeeOther {
		t.Errorf("closing a missing complaint: %d", w.Code)
	}
}

func TestSetStock(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	stock := func(sku, variant string) string {
		return f.queryString(`SELECT v.stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = ? AND v.name = ?`, sku, variant)
	}
	page := f.follow(f.post("/katalog/stok", url.Values{"sku": {"GMS-01"}, "varian": {"Hitam / M"}, "stok": {"9"}}, c), c)
	if stock("GMS-01", "Hitam / M") != "9" || stock("GMS-01", "Hitam / L") != "2" || !strings.Contains(page, "5 → 9") {
		t.Errorf("stock Hitam / M %s, Hitam / L %s; page:\n%s", stock("GMS-01", "Hitam / M"), stock("GMS-01", "Hitam / L"), page)
	}
	if !f.audited("stok", "GMS-01 Hitam / M: 5 -> 9") {
		t.Error("no audit entry for /stok")
	}
	f.follow(f.post("/katalog/stok", url.Values{"sku": {"KKJ-10"}, "varian": {""}, "stok": {"0"}}, c), c)
	if got := stock("KKJ-10", ""); got != "0" {
		t.Errorf("single-variant stock %s, want 0", got)
	}
	for _, bad := range []url.Values{
		{"sku": {"GMS-01"}, "varian": {"Hitam"}, "stok": {"3"}}, // not a variant name: no fuzzy match
		{"sku": {"GMS-01"}, "varian": {"Hitam / M"}, "stok": {"-1"}},
		{"sku": {"GMS-01"}, "varian": {"Hitam / M"}, "stok": {"1e3"}},
		{"sku": {"GMS-01"}, "varian": {"Hitam / M"}, "stok": {"2000000"}},
		{"sku": {"NOPE"}, "varian": {""}, "stok": {"1"}},
		{"sku": {"GMS-01"}, "varian": {""}, "stok": {"1"}},
	} {
		page := f.follow(f.post("/katalog/stok", bad, c), c)
		if !strings.Contains(page, "flash flash-err") {
			t.Errorf("%v accepted", bad)
		}
	}
	if stock("GMS-01", "Hitam / M") != "9" || stock("GMS-01", "Hitam / L") != "2" {
		t.Error("a refused stock edit changed stock")
	}
}

func upload(t *testing.T, f *fixture, c *http.Cookie, name string, content []byte, replace bool) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	if replace {
		mw.WriteField("ganti", "1")
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/katalog/impor", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return f.do(r, c)
}

func TestImportCatalog(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	csv := "sku;name;variant;price;stock\nGMS-01;Gamis Aisyah;Hitam / M;Rp190.000;7\nNEW-11;Bros Mutiara;Emas;25.000;40\n"
	page := f.follow(upload(t, f, c, "baru.csv", []byte(csv), false), c)
	if !strings.Contains(page, "Katalog diimpor: 2 produk, 2 varian (1 baru, 1 diperbarui)") || !strings.Contains(page, "Bros Mutiara") {
		t.Errorf("import result not shown:\n%s", page)
	}
	if got := f.queryString(`SELECT v.price || ' ' || v.stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'GMS-01' AND v.name = 'Hitam / M'`); got != "190000 7" {
		t.Errorf("GMS-01 Hitam / M after import: %s", got)
	}
	// Audited like every owner action, in the import's own commit.
	if !f.audited("impor katalog", "baru.csv: 2 produk, 2 varian (1 baru, 1 diperbarui)") {
		t.Error("no audit entry for the catalogue import")
	}
}

func TestImportCatalogErrorShowsLine(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	csv := "sku,name,variant,price,stock\nGMS-01,Gamis Aisyah,Hitam / M,185000,5\nGMS-01,Gamis Aisyah,Hitam / L,mahal,2\n"
	w := upload(t, f, c, "katalog <b>.csv", []byte(csv), false)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("bad CSV: %d", w.Code)
	}
	b := w.Body.String()
	if !strings.Contains(b, "Impor gagal") || !strings.Contains(b, ".csv:3") || !strings.Contains(b, "price") {
		t.Errorf("error does not name line 3 and the column:\n%s", b)
	}
	if strings.Contains(b, "<b>") {
		t.Error("the file name is not escaped")
	}
	if got := f.queryString(`SELECT v.stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'GMS-01' AND v.name = 'Hitam / M'`); got != "5" {
		t.Errorf("a failed import changed stock to %s", got)
	}
	big := append([]byte("sku,name,variant,price,stock\n"), bytes.Repeat([]byte("A,B,C,1000,1\n"), importLimit/12+10)...)
	if w := upload(t, f, c, "besar.csv", big, false); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "terlalu besar") {
		t.Errorf("oversized upload: %d", w.Code)
	}
	r := httptest.NewRequest(http.MethodPost, "/katalog/impor", strings.NewReader("x=1"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := f.do(r, c); w.Code != http.StatusBadRequest {
		t.Errorf("import without a file: %d", w.Code)
	}
}

func TestExportCatalog(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	w := f.get("/katalog/ekspor", c)
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(w.Header().Get("Content-Disposition"), `attachment; filename="katalog-20261126.csv"`) {
		t.Fatalf("export: %d %v", w.Code, w.Header())
	}
	cat, err := config.ReadCatalogCSV("ekspor.csv", w.Body)
	if err != nil {
		t.Fatalf("the export does not read back: %v", err)
	}
	want, _ := config.SampleCatalog()
	if len(cat.Products) != len(want.Products) {
		t.Errorf("%d products exported, want %d", len(cat.Products), len(want.Products))
	}
}

func TestCustomerDataRights(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	page := f.follow(f.post("/pelanggan/data", url.Values{"nomor": {customerF}}, c), c)
	if !strings.Contains(page, "Pesanan #") {
		t.Errorf("customer data not shown:\n%s", page)
	}
	// Without the box ticked nothing is erased.
	page = f.follow(f.post("/pelanggan/hapus", url.Values{"nomor": {customerF}}, c), c)
	if !strings.Contains(page, "Centang") {
		t.Errorf("erase without confirmation:\n%s", page)
	}
	page = f.follow(f.post("/pelanggan/hapus", url.Values{"nomor": {customerF}, "yakin": {"1"}}, c), c)
	// Order #2 is paid, not yet shipped: the data is still needed.
	if !strings.Contains(page, "masih berjalan") {
		t.Errorf("erase of a customer with a paid order:\n%s", page)
	}
	if n := f.queryString(`SELECT count(*) FROM customer WHERE phone = ?`, customerF); n != "1" {
		t.Errorf("customer erased although an order is still being delivered")
	}
	if !f.audited("lihat data", "customer") {
		t.Error("viewing a customer's data was not audited")
	}
}

func TestExportOrdersFromDashboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	for _, format := range []string{"xlsx", "csv"} {
		w := f.get("/pesanan/ekspor?format="+format, c)
		if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Disposition"), "."+format) {
			t.Fatalf("%s export: %d %v", format, w.Code, w.Header())
		}
		if format == "csv" && !strings.HasPrefix(w.Body.String(), "\uFEFF") {
			t.Errorf("csv without BOM")
		}
		if format == "xlsx" && !strings.HasPrefix(w.Body.String(), "PK") {
			t.Errorf("xlsx is not a zip")
		}
	}
	// The XSS customer's name cannot become a formula or markup in the CSV.
	body := f.get("/pesanan/ekspor?format=csv", c).Body.String()
	if strings.Contains(body, ";=") || strings.Contains(body, ";+") {
		t.Errorf("a formula cell was not neutralised")
	}
	if !f.audited("ekspor", "dasbor") {
		t.Error("dashboard export not in the audit log")
	}
	if w := f.get("/pesanan/ekspor?dari=kemarin", c); w.Code != http.StatusSeeOther && w.Code != http.StatusFound {
		t.Errorf("bad date: %d", w.Code)
	}
}
