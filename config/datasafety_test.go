package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// datasafety_test.go: the data-safety and privacy defects of the issue that
// config owns, by their number there. Each case failed before its fix.

// pngBytes is a 1×1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

func TestDataSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"8 shop.yaml that is a FIFO refused at once", testFIFORefused},
		{"8 shop.yaml that is a directory refused", testDirShopRefused},
		{"13 payment.qris naming a missing file refused with its line", testQRISMissing},
		{"13 payment.qris naming a file that is not an image refused", testQRISNotImage},
		{"13 payment.qris naming a directory refused", testQRISDirectory},
		{"13 payment.qris image and payload text accepted", testQRISAccepted},
		{"13 second YAML document refused with its line", testSecondDocument},
		{"12 catalogue export neutralises formulas and imports back", testCatalogFormulas},
		{"6 catalogue columns a file leaves out are reported", testCatalogColumns},
	} {
		t.Run(c.name, c.run)
	}
}

// loadWithin runs Load and fails the test when it blocks: a FIFO used to
// hang start-up forever.
func loadWithin(t *testing.T, path string) (*flows.Shop, error) {
	t.Helper()
	type result struct {
		shop *flows.Shop
		err  error
	}
	done := make(chan result, 1)
	go func() {
		s, err := Load(path)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.shop, r.err
	case <-time.After(5 * time.Second):
		// Unblock the reader so the goroutine ends.
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatalf("Load(%s) still blocked after 5s", path)
		return nil, nil
	}
}

func testFIFORefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.yaml")
	mkfifo(t, path)
	_, err := loadWithin(t, path)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), path) {
		t.Errorf("Load(FIFO) = %v, want ErrNotRegular naming %s", err, path)
	}
}

func testDirShopRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.yaml")
	os.Mkdir(path, 0o700)
	if _, err := loadWithin(t, path); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Load(directory) = %v, want ErrNotRegular", err)
	}
}

func testQRISMissing(t *testing.T) {
	for _, v := range []string{"qris.png", "gambar/qris", "tidak-ada/qris.jpg"} {
		path := writeShop(t, "payment:\n  qris: "+v+"\n", nil)
		_, err := Load(path)
		var e *Error
		if !errors.As(err, &e) || e.Line != 4 || e.Key != "payment.qris" || !strings.Contains(e.Msg, "tidak ada") {
			t.Errorf("qris %q: err = %v, want shop.yaml:4: payment.qris … tidak ada", v, err)
		}
	}
}

func testQRISNotImage(t *testing.T) {
	path := writeShop(t, "payment:\n  qris: qris.png\n", nil)
	os.WriteFile(filepath.Join(filepath.Dir(path), "qris.png"), []byte("ini bukan gambar, hanya teks"), 0o600)
	_, err := Load(path)
	if !errors.Is(err, ErrBadValue) || !strings.Contains(err.Error(), "bukan gambar") || !strings.Contains(err.Error(), "shop.yaml:4") {
		t.Errorf("err = %v, want shop.yaml:4 … bukan gambar", err)
	}
}

func testQRISDirectory(t *testing.T) {
	path := writeShop(t, "payment:\n  qris: qris.png\n", nil)
	os.Mkdir(filepath.Join(filepath.Dir(path), "qris.png"), 0o700)
	if _, err := Load(path); !errors.Is(err, ErrNotRegular) {
		t.Errorf("err = %v, want ErrNotRegular", err)
	}
}

func testQRISAccepted(t *testing.T) {
	// The image must also hold a valid QRIS (decoded at start-up): a real
	// QRIS picture is accepted, a picture without a QR code is not.
	path := writeShop(t, "payment:\n  qris: qris.png\n", nil)
	os.WriteFile(filepath.Join(filepath.Dir(path), "qris.png"), qrPNG(t, testQRIS), 0o600)
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(path), "qris.png"); s.Payment.QRIS != want {
		t.Errorf("QRIS = %q, want %q", s.Payment.QRIS, want)
	}
	os.WriteFile(filepath.Join(filepath.Dir(path), "qris.png"), pngBytes, 0o600)
	if _, err := Load(path); !errors.Is(err, ErrBadValue) || !strings.Contains(err.Error(), "shop.yaml:4: payment.qris") || !strings.Contains(err.Error(), "tidak bisa dibaca") {
		t.Errorf("1×1 PNG without a QRIS: err = %v, want shop.yaml:4: payment.qris … tidak bisa dibaca", err)
	}
	// A payload is text checked as a QRIS; it is not taken for a file.
	path = writeShop(t, "payment:\n  qris: \""+testQRIS+"\"\n", nil)
	if s, err := Load(path); err != nil || s.Payment.QRIS != testQRIS {
		t.Fatalf("payload: %v, %+v", err, s)
	}
	// One that is not valid (merchant name length 13, 17 written) is
	// refused as a payload, not looked for as a file.
	payload := "00020101021126570011ID.DANA.WWW011893600915302259999902091234567890303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5913TOKO HIJAB AMANAH6013KOTA BEKASI61051711163044B2C"
	path = writeShop(t, "payment:\n  qris: \""+payload+"\"\n", nil)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "shop.yaml:4: payment.qris: isi QRIS tidak sah") || strings.Contains(err.Error(), "tidak ada") {
		t.Errorf("invalid payload: %v", err)
	}
}

func testSecondDocument(t *testing.T) {
	_, err := Parse("shop.yaml", []byte(minimalYAML+"---\nname: Toko Lain\npayment:\n  cod: true\n"))
	var e *Error
	if !errors.As(err, &e) || e.Line != 3 || !strings.Contains(e.Msg, "dokumen YAML kedua") {
		t.Errorf("err = %v, want shop.yaml:3 naming the second document", err)
	}
	// A lone "---" at the start or end holds no second document.
	for _, ok := range []string{"---\n" + minimalYAML, minimalYAML + "---\n", minimalYAML + "...\n"} {
		if _, err := Parse("shop.yaml", []byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func testCatalogFormulas(t *testing.T) {
	cat := &flows.Catalog{Products: []flows.Product{{
		SKU: "GMS-01", Name: `=HYPERLINK("http://x","klik")`, Category: "+62812", Description: "-Bahan adem", Image: "@SUM(1)",
		Aliases:  []string{"=1+1"},
		Variants: []flows.Variant{{SKU: "GMS-01", Name: "-L", Price: 150000, Stock: 3}},
	}}}
	var buf bytes.Buffer
	if err := WriteCatalogCSV(&buf, cat); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		for _, field := range strings.Split(line, ",") {
			f := strings.TrimPrefix(field, `"`)
			if f != "" && strings.ContainsRune("=+-@", rune(f[0])) {
				t.Errorf("a cell starts with %q: %q", f[0], field)
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK`, "'+62812", "'-Bahan adem", "'@SUM(1)", "'-L"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("export lacks %q:\n%s", want, buf.String())
		}
	}
	back, err := ReadCatalogCSV("katalog.csv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Products, cat.Products) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back.Products, cat.Products)
	}
}

func testCatalogColumns(t *testing.T) {
	_, cols, err := ReadCatalogCSVColumns("k.csv", strings.NewReader("sku,name,variant,price,stock\nA-1,Kopi,,15000,3\n"))
	if err != nil || len(cols) != 0 {
		t.Errorf("required columns only: %v, %v", cols, err)
	}
	_, cols, err = ReadCatalogCSVColumns("k.csv", strings.NewReader("sku,name,variant,price,stock,aliases,weight_grams\nA-1,Kopi,,15000,3,kopi hitam,250\n"))
	if want := []string{"weight_grams", "aliases"}; err != nil || !reflect.DeepEqual(cols, want) {
		t.Errorf("columns = %v (%v), want %v", cols, err, want)
	}
}
