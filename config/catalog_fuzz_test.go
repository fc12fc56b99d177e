package config

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// FuzzReadCatalogCSV checks that no input panics, that every refusal is an
// *Error for the owner, and that whatever is accepted survives a round trip
// through WriteCatalogCSV.
func FuzzReadCatalogCSV(f *testing.F) {
	f.Add([]byte(SampleCatalogCSV))
	f.Add([]byte(readCorpus(f)))
	f.Add([]byte("\ufeffsku;name;variant;price;stock\r\nA-1;Gamis;\"Hitam; M\";Rp185.000;5\r\n;;;;\r\n"))
	f.Add([]byte("stock,price,sku,name,variant,category,image\nA-1,1,2\n3,150rb,B,C,,,\n"))
	f.Add([]byte("sku,name,variant,price,stock,description\nA-1,Gamis,,1000,1,\"multi\nline\"\nA-1,Gamis,,1000,1,\n"))
	f.Add([]byte("sku,name,variant,price,stock\n=cmd,x,,1,1\n"))
	f.Add([]byte("sku,name,variant,price,stock\nA,\"unclosed,,1,1\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("sku,name,variant,price,stock,aliases\nA,B,,1,1,|X|x| y  z|\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ReadCatalogCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalidCatalog) {
				t.Fatalf("refusal is not an *Error: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteCatalogCSV(&buf, c); err != nil {
			t.Fatalf("WriteCatalogCSV: %v", err)
		}
		again, err := ReadCatalogCSV("again.csv", &buf)
		if err != nil {
			t.Fatalf("reading our own export: %v\n%q", err, buf.String())
		}
		if !reflect.DeepEqual(again, c) {
			t.Fatalf("round trip changed the catalogue:\n%+v\nwant\n%+v", again, c)
		}
	})
}
