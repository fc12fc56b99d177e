package flows

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

func TestZZRead(t *testing.T) {
	shop := os.Getenv("SHOP")
	text := os.Getenv("TEXT")
	if text == "" {
		t.Skip()
	}
	f, _ := os.Open("../testdata/shops/" + shop + "/catalog.csv")
	rows, _ := csv.NewReader(f).ReadAll()
	c := &Catalog{}
	for _, r := range rows[1:] {
		p, ok := c.Product(r[0])
		if !ok {
			c.Products = append(c.Products, Product{SKU: r[0], Name: r[1], Aliases: strings.Split(r[7], "|")})
			p = &c.Products[len(c.Products)-1]
		}
		st, _ := strconv.Atoi(r[4])
		p.Variants = append(p.Variants, Variant{Name: r[2], Stock: st})
	}
	r := lang.Read(text, c.Index(), lang.Context{Slot: lang.Slot(os.Getenv("SLOT")), Current: os.Getenv("CUR")})
	fmt.Printf("%+v\nintent=%s\n", r, lang.DetectIntent(lang.Normalize(text)))
}
