package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/config"
)

// TestSimulateFixtureProvider runs `simulate` on a shop with
// shipping.provider: fixture: the prices come from the fixture file, the
// chosen service is on the order, and no network is touched.
func TestSimulateFixtureProvider(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(config.SampleShopYAML, "shipping:\n", "shipping:\n  provider: fixture\n  fixture: ongkir.yaml\n", 1)
	if yaml == config.SampleShopYAML {
		t.Fatal("sample shop has no shipping section")
	}
	fx, err := os.ReadFile("../../bot/testdata/shipping-fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"shop.yaml": []byte(yaml), "ongkir.yaml": fx} {
		if err := os.WriteFile(filepath.Join(data, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pesanbot(t, data, "catalog", "import", filepath.Join(examples, "catalog.csv"), "--replace"); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(script, []byte(`6281300000099 (Ani): mau pashmina hitam 2
6281300000099: sudah
6281300000099: Ani
6281300000099: Jl. Mawar 5, Tambun Selatan, Bekasi 17510
6281300000099: sama
6281300000099: termurah
6281300000099: ya
`), 0o600)
	out, err := pesanbot(t, data, "simulate", script, "--data", data, "--json", "--start", "2026-11-26T10:00:00+07:00")
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	var seen bool
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev eventJSON
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		if ev.Dir == "out" && strings.Contains(ev.Text, "1. J&T EZ: Rp10.000") {
			seen = true
		}
	}
	if !seen {
		t.Fatalf("no live price list:\n%s", out)
	}
	orders := ordersOf(t, data)
	if len(orders) != 1 || orders[0].Courier != "J&T EZ" || orders[0].Shipping != 10000 || orders[0].ShippingETA != "2-4 hari" {
		t.Fatalf("orders %+v", orders)
	}
}

// TestSimulateProviderWithoutKey: rajaongkir without api_key starts on flat
// rates with one warning, and the warning carries no secret.
func TestSimulateProviderWithoutKey(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o700)
	yaml := strings.Replace(config.SampleShopYAML, "shipping:\n", "shipping:\n  provider: rajaongkir\n", 1)
	os.WriteFile(filepath.Join(data, "shop.yaml"), []byte(yaml), 0o600)
	script := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(script, []byte("6281300000098 (Budi): ongkir ke bekasi berapa?\n"), 0o600)
	out, stderr, err := runEnv(t, data, nil, "simulate", script, "--data", data, "--start", "2026-11-26T10:00:00+07:00")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if strings.Count(stderr, "api_key is empty") != 1 {
		t.Fatalf("want one warning, stderr:\n%s", stderr)
	}
	if !strings.Contains(out, "Rp12.000/kg") {
		t.Fatalf("flat rate expected:\n%s", out)
	}
}
