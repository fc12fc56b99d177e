package web

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPagesParse(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if len(f.srv.pages.parsed) != 0 {
		t.Errorf("pages parsed before any was shown: %d", len(f.srv.pages.parsed))
	}
	for _, name := range pageNames {
		first, err := f.srv.pages.get(name)
		if err != nil {
			t.Errorf("page %s: %v", name, err)
			continue
		}
		if again, _ := f.srv.pages.get(name); again != first {
			t.Errorf("page %s parsed twice", name)
		}
	}
	if _, err := f.srv.pages.get("nosuchpage"); err == nil {
		t.Error("an unknown page was parsed")
	}
}

// contains fails the test for every want missing from the page at path.
func contains(t *testing.T, f *fixture, path string, c *http.Cookie, wants ...string) string {
	t.Helper()
	w := f.get(path, c)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, w.Code)
	}
	b := w.Body.String()
	for _, want := range wants {
		if !strings.Contains(b, want) {
			t.Errorf("GET %s lacks %q", path, want)
		}
	}
	return b
}

func TestTodayPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	var paid int64
	if err := f.db.SQL().QueryRow(`SELECT sum(total) FROM orders WHERE paid_at IS NOT NULL`).Scan(&paid); err != nil || paid == 0 {
		t.Fatalf("paid total %d: %v", paid, err)
	}
	revenue := lang.FormatRupiah(paid)
	b := contains(t, f, "/", c,
		"Pesanan baru hari ini", "Omzet lunas hari ini", "Bukti transfer perlu dicek", "Perlu dikirim", "Komplain terbuka",
		revenue,
		"Pesanan per hari (30 hari)", "Omzet lunas per hari (30 hari)", "Pesan pelanggan per jam (30 hari)",
		"Produk terlaris (30 hari)", "Daerah terbanyak (30 hari)", "<svg", "<rect",
		"Bergo Maryam", "Jawa Timur", "Janji jawab", "#1")
	if strings.Contains(b, "lewat janji</span>") {
		t.Error("a complaint is marked overdue before its promised time")
	}
	// The day after, past the promised time, the complaint is overdue.
	f.clock.Set(testStart.Add(26 * time.Hour))
	c = f.login() // the session ended meanwhile
	contains(t, f, "/", c, "lewat janji</span>", "stat bad")
}

func TestOrdersPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	contains(t, f, "/pesanan", c, `href="/pesanan/1"`, `href="/pesanan/2"`, `href="/pesanan/3"`, "Eka Putri", "Fitri", "Sari Wulandari")
	b := contains(t, f, "/pesanan?status=paid", c, `href="/pesanan/2"`, `<option value="paid" selected>`)
	if strings.Contains(b, `href="/pesanan/1"`) || strings.Contains(b, `href="/pesanan/3"`) {
		t.Error("status filter shows other statuses")
	}
	contains(t, f, "/pesanan?dari=2026-11-26&sampai=2026-11-26", c, `href="/pesanan/1"`, `href="/pesanan/3"`)
	b = contains(t, f, "/pesanan?dari=2026-11-27", c, "Tidak ada pesanan yang cocok")
	if strings.Contains(b, `href="/pesanan/1"`) {
		t.Error("date filter shows an earlier order")
	}
	contains(t, f, "/pesanan?sampai=2026-11-25", c, "Tidak ada pesanan yang cocok")
	contains(t, f, "/pesanan?dari=kemarin&status=bogus", c, "Tanggal tidak valid", `href="/pesanan/1"`)
	var fitri int64
	if err := f.db.SQL().QueryRow(`SELECT id FROM customer WHERE phone = ?`, customerF).Scan(&fitri); err != nil {
		t.Fatal(err)
	}
	b = contains(t, f, "/pesanan?pelanggan="+itoa(fitri), c, `href="/pesanan/2"`, "Hanya pesanan satu pelanggan")
	if strings.Contains(b, `href="/pesanan/1"`) {
		t.Error("customer filter shows another customer's order")
	}
}

func TestOrderDetailPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	f.writeProof(1)
	contains(t, f, "/pesanan/1", c, "Pesanan #1", "Pashmina Ceruty Babydoll", "Mocca", "Eka Putri", "6281233000011",
		"Jl. Mawar 2", "Bali", "JNE", "Rp70.338", customerX, "Bukti transfer", `<img src="/media/`,
		"Pesanan dibuat", `action="/pesanan/1/lunas"`, `action="/pesanan/1/batal"`)
	b := contains(t, f, "/pesanan/3", c, "dikirim", "0103", `action="/pesanan/3/selesai"`, `action="/pesanan/3/kirim"`,
		"Lunas", "Dikirim", "/kirim oleh owner "+owner+": pesanan #3 JNE 0103")
	if strings.Contains(b, "order 3") {
		t.Error("the history shows the audit log's English \"order 3\"")
	}
	if strings.Contains(b, `action="/pesanan/3/batal"`) || strings.Contains(b, `action="/pesanan/3/lunas"`) {
		t.Error("a shipped order offers cancel or verify")
	}
	for _, p := range []string{"/pesanan/99", "/pesanan/abc", "/pesanan/-1", "/pesanan/0"} {
		if w := f.get(p, c); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
}

func TestComplaintsPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	b := contains(t, f, "/komplain", c, `id="k1"`, "Sari", "rusak", "terbuka", "paket saya rusak kak sobek",
		"besok jam 11.00 WIB", `href="/pesanan/3"`, `action="/komplain/1/balas"`, `action="/komplain/1/tutup"`)
	if strings.Contains(b, "complaint overdue") {
		t.Error("complaint highlighted as overdue before its time")
	}
	f.clock.Set(testStart.Add(26 * time.Hour))
	contains(t, f, "/komplain", f.login(), "complaint overdue", "lewat janji")
}

// TestProofsAgreeWithStaffCommand: the order page counts a payment proof
// exactly as /pesanan ID does, also one without a stored photo (a proof
// sent from `pesanbot chat` has no file).
func TestProofsAgreeWithStaffCommand(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	// The simulator records a path but writes no file, like a proof whose
	// download failed; a chat proof records no path at all.
	if _, err := f.db.SQL().Exec(`INSERT INTO payment_proof (order_id, path, received_at) VALUES (1, '', 0)`); err != nil {
		t.Fatal(err)
	}
	n := f.queryString(`SELECT count(*) FROM payment_proof WHERE order_id = 1`)
	if n != "2" {
		t.Fatalf("%s proofs, want 2", n)
	}
	staff := f.command("/pesanan 1")
	if !strings.Contains(staff, "Bukti transfer: 2 foto") {
		t.Fatalf("/pesanan 1 = %q", staff)
	}
	b := contains(t, f, "/pesanan/1", c, "Bukti transfer: 2 foto", "2 foto tidak ada filenya")
	if strings.Contains(b, "Belum ada bukti transfer") || strings.Contains(b, `<img src="/media/`) {
		t.Error("the order page denies the proofs /pesanan counts, or shows a photo that is not there")
	}
	proof, _ := f.writeProof(1)
	contains(t, f, "/pesanan/1", c, "Bukti transfer: 2 foto", `<img src="`+proof+`"`, "1 foto tidak ada filenya")
	b = contains(t, f, "/pesanan/2", c, "Belum ada bukti transfer")
	if !strings.Contains(f.command("/pesanan 2"), "Pesanan #2") || strings.Contains(f.command("/pesanan 2"), "Bukti transfer") {
		t.Error("/pesanan 2 disagrees: order 2 has no proof")
	}
}

// TestMessagesPerHourCustomersOnly: the chart counts what customers wrote,
// not the owner's commands.
func TestMessagesPerHourCustomersOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t, `
6281300000021 (Rina): halo kak
6281300000021: ready pashmina hitam?
~ 3h
owner: /pesanan
owner: /komplain
owner: /stok
`)
	c := f.login()
	b := contains(t, f, "/", c, "jam 10.00–10.59: 2 pesan", "jam 13.00–13.59: 0 pesan", "Pesan pelanggan per jam (30 hari): total 2,")
	if strings.Contains(b, "total 5") {
		t.Error("the owner's commands are counted as customer messages")
	}
}

func TestComplaintsOpenFirst(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript+`
6281300000012: barangnya cacat kak, jahitannya lepas
owner: /tutup 1 sudah diganti
`)
	c := f.login()
	b := contains(t, f, "/komplain", c, `id="k1"`, `id="k2"`)
	if strings.Index(b, `id="k2"`) > strings.Index(b, `id="k1"`) {
		t.Error("the resolved complaint #1 comes before the open #2")
	}
}

func TestCatalogPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	contains(t, f, "/katalog", c, "Gamis Aisyah", "GMS-01", "Hitam / M", "Rp185.000", `name="stok" value="5"`,
		`action="/katalog/impor"`, `enctype="multipart/form-data"`, `href="/katalog/ekspor"`, "Kaos Kaki Jempol")
}

func TestCustomersPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	b := contains(t, f, "/pelanggan", c, customerX, customerF, customerS, "Fitri", "Sari", "Rp90.675")
	if strings.Contains(b, owner) {
		t.Error("the owner is listed as a customer")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
