package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
)

// testStaticQRIS is an invented static QRIS with a correct CRC.
const testStaticQRIS = "00020101021126690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI5204569953033605802ID5912HIJAB CONTOH" +
	"6006BEKASI61051711262070703A016304287A"

// withQRIS seeds a sample shop in a new data directory and gives it the
// QRIS written as qrisValue in shop.yaml, plus any files.
func withQRIS(t *testing.T, qrisValue string, files map[string][]byte) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "catalog", "import", filepath.Join(examples, "catalog.csv"), "--replace"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(data, "shop.yaml")
	y, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const commented = "  # qris: qris.png"
	if !strings.Contains(string(y), commented) {
		t.Fatalf("the sample shop.yaml has no %q line", commented)
	}
	y = []byte(strings.Replace(string(y), commented, "  qris: "+qrisValue+" #", 1))
	if err := os.WriteFile(path, y, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(data, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

func TestOrdersJSONCarriesQRIS(t *testing.T) {
	img, err := qrimage.PNG(testStaticQRIS)
	if err != nil {
		t.Fatal(err)
	}
	data := withQRIS(t, "qris.png", map[string][]byte{"qris.png": img})
	out, err := pesanbot(t, data, "simulate", scriptPath(t, "02-format-order.txt"), "--data", data, "--json", "--start", "2026-11-26T10:00:00+07:00")
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	orders := ordersOf(t, data)
	if len(orders) != 1 {
		t.Fatalf("%d orders, want 1", len(orders))
	}
	o := orders[0]
	if err := qris.Validate(o.QRIS); err != nil {
		t.Fatalf("qris %q: %v", o.QRIS, err)
	}
	if n, ok := qris.Amount(o.QRIS); !ok || n != o.Total {
		t.Errorf("qris amount %d, total %d", n, o.Total)
	}
	if !strings.Contains(o.QRIS, fmt.Sprintf("54%02d%d", len(fmt.Sprint(o.Total)), o.Total)) || !strings.HasPrefix(o.QRIS, "000201010212") {
		t.Errorf("qris = %q, want 01=12 and 54=%d", o.QRIS, o.Total)
	}
	body := o.QRIS[:len(o.QRIS)-4]
	if !strings.HasSuffix(body, "6304") || o.QRIS[len(body):] != fmt.Sprintf("%04X", qris.CRC16(body)) {
		t.Errorf("CRC of %q does not check", o.QRIS)
	}
	if o.UniqueCode == 0 || o.Total != o.Subtotal+o.Shipping+o.UniqueCode {
		t.Errorf("total %d is not subtotal+shipping+unique code", o.Total)
	}
	// The payment instructions went out as a picture with the banks.
	found := false
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, `"image":true`) && strings.Contains(line, "QRIS") && strings.Contains(line, "BCA") {
			found = true
		}
	}
	if !found {
		t.Errorf("no payment picture in the transcript:\n%s", out)
	}
}

func TestOrdersJSONWithoutQRIS(t *testing.T) {
	data, _ := simulate(t, "02-format-order.txt")
	out, err := pesanbot(t, data, "orders", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, `"qris"`) {
		t.Errorf("a shop without QRIS has a qris field:\n%s", out)
	}
}

func TestBrokenQRISStopsWithLine(t *testing.T) {
	bad := testStaticQRIS[:len(testStaticQRIS)-4] + "FFFF"
	data := withQRIS(t, `"`+bad+`"`, nil)
	y, _ := os.ReadFile(filepath.Join(data, "shop.yaml"))
	line := 1 + strings.Count(string(y[:strings.Index(string(y), "  qris:")]), "\n")
	_, err := pesanbot(t, data, "orders")
	want := fmt.Sprintf("shop.yaml:%d: payment.qris: isi QRIS tidak sah: CRC tidak cocok", line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}
