package lang

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadDebug prints the reader's inner state for one message, for
// working on the reader: LANG_DEBUG="text" LANG_SHOP=snack LANG_SLOT=qty
// go test -run TestReadDebug -v (the shop's catalogue only, no shop.yaml).
func TestReadDebug(t *testing.T) {
	text := os.Getenv("LANG_DEBUG")
	if text == "" {
		t.Skip("set LANG_DEBUG to a message")
	}
	shop := os.Getenv("LANG_SHOP")
	if shop == "" {
		shop = "hijab"
	}
	path := filepath.Join("../../testdata/shops", shop, "catalog.csv")
	if c := os.Getenv("LANG_CATALOG"); c != "" {
		path = c // any catalog.csv
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var ps []Product
	for _, row := range rows[1:] {
		if n := len(ps); n > 0 && ps[n-1].SKU == row[0] {
			ps[n-1].Variants = append(ps[n-1].Variants, row[2])
			continue
		}
		var aliases []string
		if len(row) > 7 && row[7] != "" {
			aliases = strings.Split(row[7], "|")
		}
		ps = append(ps, Product{SKU: row[0], Name: row[1], Aliases: aliases, Variants: []string{row[2]}})
	}
	r := newReader(strings.ReplaceAll(text, `\n`, "\n"), NewIndex(ps), Context{Slot: Slot(os.Getenv("LANG_SLOT")), Current: os.Getenv("LANG_CURRENT")})
	r.read()
	for k, tk := range r.toks {
		t.Logf("tok %d %q owner=%d", k, tk.w, r.owner[k])
	}
	for _, m := range r.mentions {
		t.Logf("mention %d-%d p=%d cands=%v nya=%v score=%.2f unknown=%v", m.i, m.j, m.p, m.cands, m.nya, m.score, m.unknown)
	}
	for _, g := range r.groups {
		t.Logf("group %d-%d m=%d p=%d variant=%q vwords=%v novar=%v qty=%v/%v op=%q unk=%v", g.s, g.e, g.m, g.p, g.variant, g.vwords, g.novar, g.qty, g.hasQty, g.op, g.unk)
	}
	t.Log(fmt.Sprintf("%+v", r.out))
}
