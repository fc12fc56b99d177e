package flows

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// A catalogue loaded again after a stock or price change reads with the
// index already built; one whose names, aliases or variants changed gets
// its own.
func TestCatalogIndexKeptAcrossStockChanges(t *testing.T) {
	a := newFuzzView().Catalog()
	b := newFuzzView().Catalog()
	b.Products[0].Variants[0].Stock, b.Products[1].Variants[0].Price = 0, 1
	if a.Index() != b.Index() {
		t.Fatal("a catalogue differing only in stock and price built its index again")
	}
	for name, change := range map[string]func(c *Catalog){
		"name":     func(c *Catalog) { c.Products[0].Name = "Pashmina Diamond" },
		"alias":    func(c *Catalog) { c.Products[1].Aliases = append(c.Products[1].Aliases, "gamis syari") },
		"variant":  func(c *Catalog) { c.Products[2].Variants[0].Name = "Navy" },
		"variants": func(c *Catalog) { c.Products[2].Variants = c.Products[2].Variants[:0] },
		"sku":      func(c *Catalog) { c.Products[2].SKU = "BRG-05" },
		"category": func(c *Catalog) { c.Products[2].Category = "Bergo" },
		"order":    func(c *Catalog) { c.Products[0], c.Products[1] = c.Products[1], c.Products[0] },
		"fewer":    func(c *Catalog) { c.Products = c.Products[:2] },
	} {
		c := newFuzzView().Catalog()
		change(c)
		ix := c.Index()
		if ix == a.Index() {
			t.Fatalf("%s changed, the index was not built again", name)
		}
		if ix.Len() != len(c.Products) {
			t.Fatalf("%s changed: index of %d products for %d", name, ix.Len(), len(c.Products))
		}
		for i := range c.Products {
			if p := ix.Product(i); p.SKU != c.Products[i].SKU || p.Name != c.Products[i].Name || len(p.Variants) != len(c.Products[i].Variants) {
				t.Fatalf("%s changed: index product %d is %+v, catalogue has %+v", name, i, p, c.Products[i])
			}
		}
	}
}

// The shop's areas are read once for shops with the same rates, again
// when the rates change; concurrent turns may ask at once.
func TestShopAreasKeptPerRates(t *testing.T) {
	s1, s2 := fuzzShop(), fuzzShop()
	if areasOf(s1).areas != areasOf(s2).areas {
		t.Fatal("the same rates built their areas again")
	}
	s2.Shipping.Rates = append(s2.Shipping.Rates, Rate{Area: "Bogor", Price: 15000})
	a := areasOf(s2).areas
	if a == areasOf(s1).areas {
		t.Fatal("a new rate did not build the areas again")
	}
	if got, ok := a.Find("ongkir ke bogor"); !ok || got != "Bogor" {
		t.Fatalf("Find(bogor) = %q, %v", got, ok)
	}
	s3 := fuzzShop()
	s3.Shipping.Rates[0].Aliases = []string{"jaksel"}
	if areasOf(s3).areas == areasOf(s1).areas {
		t.Fatal("changed aliases did not build the areas again")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				s := fuzzShop()
				if _, ok := areasOf(s).areas.Find("dki"); !ok {
					t.Error("dki not found")
				}
			}
		})
	}
	wg.Wait()
}

// Turns of different chats run at once on one shop: what they share (the
// catalogue index, the areas, the reader's keyword tables) gives each the
// answers it gets alone.
func TestHandleConcurrentSharesDerived(t *testing.T) {
	shop := fuzzShop()
	script := []string{"halo kak", "mau pashmina hitam 2", "ongkir ke jaksel brp", "Rina, Jl. Mawar 2 Bekasi 17111, 081233000101, jne", "ya", "pesanan saya gmn?"}
	play := func() []string {
		v := newFuzzView()
		at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
		var st State
		var out []string
		for _, text := range script {
			res := Handle(shop, st, Input{Customer: v.customers[0], Text: text, At: at}, v)
			for _, r := range res.Replies {
				out = append(out, r.To+": "+r.Text)
			}
			v.apply(t, text, res.Effects)
			st, at = res.State, at.Add(time.Minute)
		}
		return out
	}
	want := play()
	if len(want) < len(script) {
		t.Fatalf("the script got %d replies", len(want))
	}
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for range 5 {
				if got := play(); !slices.Equal(got, want) {
					t.Errorf("concurrent turns answered\n%q\nalone\n%q", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
