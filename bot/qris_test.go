package bot

import (
	"context"
	"github.com/pesanbot/pesanbot/flows/lang"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
	"github.com/pesanbot/pesanbot/store"
)

// testStaticQRIS is an invented static QRIS with a correct CRC.
const testStaticQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204569953033605802ID5912HIJAB CONTOH" +
	"6006BEKASI61051711262070703A016304287A"

// outboxRecorder keeps what is sent, image paths included.
type outboxRecorder struct {
	mu   sync.Mutex
	sent []store.Outgoing
}

func (r *outboxRecorder) Send(_ context.Context, m store.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return nil
}

func TestOrderQRISPictureIsDrawnAndSent(t *testing.T) {
	h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, func(s *flows.Shop) {
		s.Payment.QRIS, s.Payment.QRISPayload = testStaticQRIS, testStaticQRIS
	})
	rec := &outboxRecorder{}
	h.transport = rec
	h.config = func(c *Config) { c.DataDir = h.dir }
	h.restart()
	const cust = "6281300000013"
	h.say(cust, "kak mau tunik kirana 1 ya")
	h.say(cust, "Laras Sekar, Jl. Kaliurang Km 7 Gg. Mawar 4, Sleman, DIY 55281, 081300000013, sicepat")
	h.say(cust, "oke kak")
	orders, err := h.db.Orders(context.Background(), "")
	if err != nil || len(orders) != 1 {
		t.Fatalf("orders = %v, %v", orders, err)
	}
	o := orders[0]
	var pay *store.Outgoing
	for i, m := range rec.sent {
		if m.Chat == cust && m.Image != "" {
			pay = &rec.sent[i]
		}
	}
	if pay == nil {
		t.Fatalf("no picture sent to the customer: %+v", rec.sent)
	}
	dyn := flows.OrderQRIS(h.shop, o.Total)
	if pay.Image != qris.ImagePath(dyn) || !strings.Contains(pay.Text, lang.FormatRupiah(o.Total)) || !strings.Contains(pay.Text, "BCA") {
		t.Errorf("payment message = %q with %q, want the banks and %s with %q", pay.Text, pay.Image, lang.FormatRupiah(o.Total), qris.ImagePath(dyn))
	}
	file := filepath.Join(h.dir, pay.Image)
	got, err := qrimage.DecodeFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != dyn {
		t.Errorf("picture holds %q, want %q", got, dyn)
	}
	if n, _ := qris.Amount(got); n != o.Total {
		t.Errorf("picture amount %d, order total %d", n, o.Total)
	}
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("picture file: %v, %v", st, err)
	}

	// Gone before delivery (a cleaned media folder): drawn again on send.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := h.b.ensureQRISImage(pay.Image); err != nil {
		t.Fatal(err)
	}
	if again, err := qrimage.DecodeFile(file); err != nil || again != dyn {
		t.Errorf("redrawn picture: %q, %v", again, err)
	}
	// A name that does not match the shop's QRIS is never drawn.
	bogus := qris.ImageDir + "/" + "150000-0011223344556677.png"
	if err := h.b.ensureQRISImage(bogus); err == nil {
		t.Error("drew a picture for a name the shop's QRIS does not give")
	}
	if _, err := os.Stat(filepath.Join(h.dir, bogus)); !os.IsNotExist(err) {
		t.Errorf("bogus picture written: %v", err)
	}
	// Other images are none of its business.
	if err := h.b.ensureQRISImage("media/katalog/gamis.jpg"); err != nil {
		t.Error(err)
	}
}
