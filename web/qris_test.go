package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
)

// testStaticQRIS is an invented static QRIS with a correct CRC.
const testStaticQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204569953033605802ID5912HIJAB CONTOH" +
	"6006BEKASI61051711262070703A016304287A"

func TestOrderQRISPicture(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript, func(c *Config) { c.Shop.Payment.QRISPayload = testStaticQRIS })
	// Behind the login, like every page.
	if w := f.get("/pesanan/1/qris.png", nil); w.Code == http.StatusOK {
		t.Fatalf("QRIS picture served without a session: %d", w.Code)
	}
	c := f.login()
	page := contains(t, f, "/pesanan/1", c, "QRIS pesanan ini", `src="/pesanan/1/qris.png"`, "Rp70.338")
	w := f.get("/pesanan/1/qris.png", c)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("GET qris.png: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	got, err := qrimage.Decode(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := qris.Amount(got); n != 70338 || qris.Validate(got) != nil {
		t.Errorf("picture holds %q (amount %d), want a valid QRIS for Rp70.338", got, n)
	}
	if !strings.Contains(page, got) {
		t.Errorf("the page does not show the payload the picture holds")
	}
	for _, p := range []string{"/pesanan/99/qris.png", "/pesanan/x/qris.png"} {
		if w := f.get(p, c); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
}

func TestOrderWithoutQRIS(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	if b := body(f.get("/pesanan/1", c)); strings.Contains(b, "qris.png") {
		t.Error("a shop without QRIS shows a QRIS")
	}
	if w := f.get("/pesanan/1/qris.png", c); w.Code != http.StatusNotFound {
		t.Errorf("GET qris.png without a QRIS: %d, want 404", w.Code)
	}
}
