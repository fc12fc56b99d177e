package config

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows"
)

func readCorpus(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/catalog.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestReadCorpus(t *testing.T) {
	c, err := ReadCatalogCSV("catalog.csv", strings.NewReader(readCorpus(t)))
	if err != nil {
		t.Fatal(err)
	}
	var skus []string
	for _, p := range c.Products {
		skus = append(skus, p.SKU)
	}
	if want := []string{"GMS-01", "PSM-02", "KHM-03", "BRG-04", "TNK-05"}; !reflect.DeepEqual(skus, want) {
		t.Errorf("SKUs = %v, want %v", skus, want)
	}
	p, ok := c.Product("gms-01")
	if !ok {
		t.Fatal("no GMS-01")
	}
	want := flows.Product{
		SKU: "GMS-01", Name: "Gamis Aisyah", Category: "Gamis",
		Description: "Gamis katun toyobo adem dengan kancing depan (busui friendly)",
		Aliases:     []string{"gamis aisyah", "aisyah"},
		Variants: []flows.Variant{
			{SKU: "GMS-01", Name: "Hitam / M", Price: 185000, Stock: 5, WeightGrams: 450},
			{SKU: "GMS-01", Name: "Hitam / L", Price: 185000, Stock: 2, WeightGrams: 450},
			{SKU: "GMS-01", Name: "Navy / M", Price: 185000, Stock: 0, WeightGrams: 450},
			{SKU: "GMS-01", Name: "Navy / L", Price: 185000, Stock: 3, WeightGrams: 450},
		},
	}
	if !reflect.DeepEqual(*p, want) {
		t.Errorf("GMS-01 =\n%+v\nwant\n%+v", *p, want)
	}
}

func TestSampleCatalog(t *testing.T) {
	if !strings.HasPrefix(SampleCatalogCSV, readCorpus(t)) {
		t.Fatal("SampleCatalogCSV does not start with the corpus rows unchanged")
	}
	c, err := SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	soldOut, sized, single := false, false, false
	for _, p := range c.Products {
		soldOut = soldOut || !p.InStock()
		if lo, hi := p.PriceRange(); lo != hi {
			sized = true
		}
		single = single || (len(p.Variants) == 1 && p.Variants[0].Name == "")
	}
	if !soldOut || !sized || !single {
		t.Errorf("sample lacks a sold-out product (%v), sizes with prices (%v) or a single-variant product (%v)", soldOut, sized, single)
	}
}

func TestCatalogRoundTrip(t *testing.T) {
	c, err := SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	c.Products[0].Image = "media/gms-01.jpg"
	c.Products[1].Category = "Pashmina; ceruty"
	c.Products[2].Description = "Dua layer, \"syari\"\nmenutup dada"
	var buf bytes.Buffer
	if err := WriteCatalogCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), strings.Join(CatalogColumns, ",")+"\n") {
		t.Errorf("header = %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	again, err := ReadCatalogCSV("export.csv", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("reading our own export: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(again, c) {
		t.Errorf("round trip changed the catalogue:\n%+v\nwant\n%+v", again, c)
	}
}

func TestWriteRefusesProductWithoutVariants(t *testing.T) {
	c := &flows.Catalog{Products: []flows.Product{{SKU: "X-1", Name: "X"}}}
	if err := WriteCatalogCSV(&bytes.Buffer{}, c); !errors.Is(err, ErrRequired) {
		t.Errorf("WriteCatalogCSV = %v, want ErrRequired", err)
	}
}

func TestReadSemicolonBOM(t *testing.T) {
	in := "\ufeffSKU ; Name;price;stock;variant;category;aliases;image\r\n" +
		"GMS-01;Gamis Aisyah;Rp185.000;5;Hitam / M;Gamis Syari;Aisyah | GAMIS  aisyah;\r\n" +
		"GMS-01;Gamis Aisyah;\"185.000\";0;\"Navy; M\";;;\r\n" +
		";;;;;;;\r\n" +
		"PSM-02;Pashmina;45rb;12\r\n"
	c, err := ReadCatalogCSV("katalog.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &flows.Catalog{Products: []flows.Product{
		{SKU: "GMS-01", Name: "Gamis Aisyah", Category: "Gamis Syari", Aliases: []string{"aisyah", "gamis aisyah"}, Variants: []flows.Variant{
			{SKU: "GMS-01", Name: "Hitam / M", Price: 185000, Stock: 5},
			{SKU: "GMS-01", Name: "Navy; M", Price: 185000, Stock: 0},
		}},
		{SKU: "PSM-02", Name: "Pashmina", Category: "Pashmina", Variants: []flows.Variant{
			{SKU: "PSM-02", Name: "", Price: 45000, Stock: 12},
		}},
	}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got\n%+v\nwant\n%+v", c, want)
	}
}

func TestReadCatalogErrors(t *testing.T) {
	const head = "sku,name,variant,price,stock,weight_grams,description\n"
	const row = "GMS-01,Gamis Aisyah,Hitam / M,185000,5,450,Gamis katun\n"
	var many strings.Builder
	many.WriteString(head)
	for i := 0; i <= MaxCatalogRows; i++ {
		many.WriteString("A-" + strconv.Itoa(i) + ",Produk,,1000,1,,\n")
	}
	tests := []struct {
		name, in string
		line     int
		column   string
		want     error
	}{
		{"empty", "", 0, "", ErrEmpty},
		{"BOM and blank lines only", "\ufeff\n\n", 0, "", ErrEmpty},
		{"header only", head, 0, "", ErrEmpty},
		{"NUL byte", head + "GMS\x00\n", 2, "", ErrNotText},
		{"xlsx", "PK\x03\x04\x14\x00rest", 0, "", ErrNotText},
		{"latin-1", head + row + "GMS-02,Kerudung Caf\xe9,,1000,1,,\n", 3, "", ErrNotText},
		{"missing column", "sku,name,variant,price\n" + "A,B,,1000\n", 1, "stock", ErrRequired},
		{"unknown column", "sku,name,variant,harga,stock\n", 1, "harga", ErrUnknownColumn},
		{"duplicate column", "sku,name,variant,price,stock,price\n", 1, "price", ErrDuplicate},
		{"bad price", head + row + "GMS-02,Pashmina,,abc,1,,\n", 3, "price", ErrBadValue},
		{"zero price", head + "GMS-02,Pashmina,,0,1,,\n", 2, "price", ErrBadValue},
		{"empty price", head + "GMS-02,Pashmina,,,1,,\n", 2, "price", ErrRequired},
		{"negative stock", head + "GMS-02,Pashmina,,1000,-1,,\n", 2, "stock", ErrBadValue},
		{"stock with dot", head + "GMS-02,Pashmina,,1000,1.000,,\n", 2, "stock", ErrBadValue},
		{"stock too big", head + "GMS-02,Pashmina,,1000,1000001,,\n", 2, "stock", ErrBadValue},
		{"stock hex", head + "GMS-02,Pashmina,,1000,0x10,,\n", 2, "stock", ErrBadValue},
		{"empty stock", head + "GMS-02,Pashmina,,1000,,,\n", 2, "stock", ErrRequired},
		{"bad weight", head + "GMS-02,Pashmina,,1000,1,berat,\n", 2, "weight_grams", ErrBadValue},
		{"duplicate variant", head + row + "gms-01,Gamis Aisyah,HITAM / M,185000,1,450,\n", 3, "variant", ErrDuplicate},
		{"name disagrees", head + row + "GMS-01,Gamis Aisha,Navy / M,185000,1,450,\n", 3, "name", ErrBadValue},
		{"description disagrees", head + row + "GMS-01,Gamis Aisyah,Navy / M,185000,1,450,Lain\n", 3, "description", ErrBadValue},
		{"blank and named variants", head + "A-1,Bergo,,1000,1,,\nA-1,Bergo,Hitam,1000,1,,\n", 3, "variant", ErrBadValue},
		{"formula sku =", head + "=SUM(A1:A3),Gamis,,1000,1,,\n", 2, "sku", ErrBadValue},
		{"formula sku +", head + "+62812,Gamis,,1000,1,,\n", 2, "sku", ErrBadValue},
		{"formula sku @", head + "@SUM(A1),Gamis,,1000,1,,\n", 2, "sku", ErrBadValue},
		{"formula sku -", head + "-1+1,Gamis,,1000,1,,\n", 2, "sku", ErrBadValue},
		{"sku with space", head + "GMS 01,Gamis,,1000,1,,\n", 2, "sku", ErrBadValue},
		{"empty sku", head + ",Gamis,,1000,1,,\n", 2, "sku", ErrRequired},
		{"empty name", head + "A-1,,,1000,1,,\n", 2, "name", ErrRequired},
		{"name too long", head + "A-1," + strings.Repeat("é", MaxFieldRunes+1) + ",,1000,1,,\n", 2, "name", ErrTooLarge},
		{"description too long", head + "A-1,Gamis,,1000,1,," + strings.Repeat("a", MaxDescRunes+1) + "\n", 2, "description", ErrTooLarge},
		{"control character", head + "A-1,Gam\x07is,,1000,1,,\n", 2, "name", ErrBadValue},
		{"unclosed quote", head + row + "A-1,\"Gamis,,1000,1,,\n", 3, "", ErrBadValue},
		{"extra field", head + "A-1,Gamis,,1000,1,,,surplus\n", 2, "", ErrBadValue},
		{"too many rows", many.String(), MaxCatalogRows + 2, "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCatalogCSV("katalog.csv", strings.NewReader(tt.in))
			if len(tt.in) < 300 {
				t.Log(err)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ReadCatalogCSV = %v, want *Error", err)
			}
			if !errors.Is(err, ErrInvalidCatalog) || !errors.Is(err, tt.want) {
				t.Errorf("ReadCatalogCSV = %v, want errors.Is %v and ErrInvalidCatalog", err, tt.want)
			}
			if e.Line != tt.line || e.Column != tt.column {
				t.Errorf("error at line %d column %q, want line %d column %q (%v)", e.Line, e.Column, tt.line, tt.column, err)
			}
		})
	}
}

func TestCatalogErrorText(t *testing.T) {
	in := "sku,name,variant,price,stock\n" +
		"A-1,Gamis,Hitam,1000,1\nA-1,Gamis,Putih,1000,1\nA-1,Gamis,Navy,1000,1\nA-1,Gamis,Army,1000,1\nA-1,Gamis,Mocca,1000,1\nA-1,Gamis,Sage,abc,1\n"
	_, err := ReadCatalogCSV("katalog.csv", strings.NewReader(in))
	want := `katalog.csv:7: kolom price: "abc" bukan harga (contoh: 150000)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}
