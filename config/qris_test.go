package config

import (
	"bytes"
	"errors"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/qrimage"
)

// testQRIS is an invented static QRIS with a correct CRC.
const testQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204569953033605802ID5912HIJAB CONTOH" +
	"6006BEKASI61051711262070703A016304287A"

// writeShop writes shop.yaml (minimal plus extra) and any other files into
// a new directory and returns the shop.yaml path.
func writeShop(t *testing.T, extra string, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "shop.yaml")
	if err := os.WriteFile(path, []byte(minimalYAML+extra), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func qrPNG(t *testing.T, text string) []byte {
	t.Helper()
	data, err := qrimage.PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestQRISPayloadInline(t *testing.T) {
	path := writeShop(t, "payment:\n  qris: \""+testQRIS+"\"\n", nil)
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Payment.QRISPayload != testQRIS || s.Payment.QRIS != testQRIS {
		t.Errorf("payment = %+v", s.Payment)
	}
}

func TestQRISFromImage(t *testing.T) {
	path := writeShop(t, "payment:\n  qris: qris.png\n", map[string][]byte{"qris.png": qrPNG(t, testQRIS)})
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Payment.QRISPayload != testQRIS {
		t.Errorf("QRISPayload = %q", s.Payment.QRISPayload)
	}
	if want := filepath.Join(filepath.Dir(path), "qris.png"); s.Payment.QRIS != want {
		t.Errorf("QRIS = %q, want %q", s.Payment.QRIS, want)
	}
}

func TestQRISNone(t *testing.T) {
	s, err := Load(writeShop(t, "", nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.Payment.QRIS != "" || s.Payment.QRISPayload != "" {
		t.Errorf("payment = %+v", s.Payment)
	}
}

func TestQRISErrors(t *testing.T) {
	badCRC := testQRIS[:len(testQRIS)-4] + "0000"
	noCity := strings.Replace(testQRIS, "6006BEKASI", "", 1)
	cases := []struct {
		name  string
		yaml  string
		files map[string][]byte
		want  string
	}{
		{"bad CRC inline", "payment:\n  cod: true\n  qris: \"" + badCRC + "\"\n", nil,
			"shop.yaml:5: payment.qris: isi QRIS tidak sah: CRC tidak cocok (tertulis 0000, seharusnya 287A)"},
		{"bad length inline", "payment:\n  qris: \"000201010X11\"\n", nil,
			"shop.yaml:4: payment.qris: isi QRIS tidak sah: panjang tag 01"},
		{"missing tag inline", "payment:\n  qris: \"" + noCity + "\"\n", nil,
			"shop.yaml:4: payment.qris: isi QRIS tidak sah: tag 60 (kota merchant) tidak ada"},
		{"missing file", "payment:\n  hold: 12h\n  qris: qris.png\n", nil,
			"shop.yaml:5: payment.qris: file "},
		{"not an image", "payment:\n  qris: qris.png\n", map[string][]byte{"qris.png": []byte("bukan gambar")},
			"shop.yaml:4: payment.qris: "},
		{"no QR in the image", "payment:\n  qris: qris.jpg\n", map[string][]byte{"qris.jpg": blankPNG(t)},
			"shop.yaml:4: payment.qris: tidak ada kode QR yang terbaca"},
		{"a QR that is not a QRIS", "payment:\n  qris: qris.png\n", map[string][]byte{"qris.png": qrPNG(t, "https://contoh.id/bayar")},
			"shop.yaml:4: payment.qris: kode QR di "},
		{"a QRIS image with a bad CRC", "payment:\n  qris: qris.png\n", map[string][]byte{"qris.png": qrPNG(t, badCRC)},
			"bukan QRIS yang sah: CRC tidak cocok"},
		{"a web address", "payment:\n  qris: https://contoh.id/qris.png\n", nil,
			"shop.yaml:4: payment.qris: alamat web tidak bisa dibaca"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeShop(t, c.yaml, c.files))
			if err == nil {
				t.Fatal("Load accepted it")
			}
			if !errors.Is(err, ErrInvalidShop) || !errors.Is(err, ErrBadValue) {
				t.Errorf("%v does not match ErrInvalidShop and ErrBadValue", err)
			}
			// Errors name the file by the path given; compare from its base name.
			msg := err.Error()
			if i := strings.Index(msg, "shop.yaml:"); strings.HasPrefix(c.want, "shop.yaml") && i >= 0 {
				msg = msg[i:]
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("error = %q\nwant it to contain %q", msg, c.want)
			}
		})
	}
}

// blankPNG is a white picture with no code in it (saved under a .jpg
// name: the content decides, not the name).
func blankPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 300, 300))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseQRISNeedsNoFiles(t *testing.T) {
	// Parse reads no files: an image name is kept for Load, a payload is checked.
	s, err := Parse("shop.yaml", []byte(minimalYAML+"payment:\n  qris: qris.png\n"))
	if err != nil || s.Payment.QRIS != "qris.png" || s.Payment.QRISPayload != "" {
		t.Errorf("Parse = %+v, %v", s.Payment, err)
	}
	_, err = Parse("shop.yaml", []byte(minimalYAML+"payment:\n  qris: \""+testQRIS[:40]+"\"\n"))
	if err == nil || !strings.Contains(err.Error(), "shop.yaml:4: payment.qris: isi QRIS tidak sah") {
		t.Errorf("Parse(cut payload) = %v", err)
	}
}
