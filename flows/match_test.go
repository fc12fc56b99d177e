package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"bufio"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

// hijabShop is the first rows of the sample catalogue (examples/catalog.csv), written out in Go.
func hijabShop() *Catalog {
	gamis := []string{"gamis aisyah", "aisyah"}
	psm := []string{"pashmina", "pasmina", "ceruty", "ceruti"}
	return &Catalog{Products: []Product{
		{SKU: "GMS-01", Name: "Gamis Aisyah", Category: "Gamis", Aliases: gamis, Variants: []Variant{
			{Name: "Hitam / M", Price: 185000, Stock: 5}, {Name: "Hitam / L", Price: 185000, Stock: 2},
			{Name: "Navy / M", Price: 185000, Stock: 0}, {Name: "Navy / L", Price: 185000, Stock: 3},
		}},
		{SKU: "PSM-02", Name: "Pashmina Ceruty Babydoll", Aliases: psm, Variants: []Variant{
			{Name: "Dusty Pink", Price: 45000, Stock: 20}, {Name: "Mocca", Price: 45000, Stock: 1},
			{Name: "Hitam", Price: 45000, Stock: 12},
		}},
		{SKU: "KHM-03", Name: "Khimar Instan Syari", Aliases: []string{"khimar", "kimar"}, Variants: []Variant{
			{Name: "Maroon", Price: 75000, Stock: 4}, {Name: "Army", Price: 75000, Stock: 0},
		}},
		{SKU: "BRG-04", Name: "Bergo Maryam", Aliases: []string{"bergo", "maryam", "mariam"}, Variants: []Variant{
			{Name: "Hitam", Price: 35000, Stock: 10},
		}},
		{SKU: "TNK-05", Name: "Tunik Rayon Kirana", Aliases: []string{"tunik", "tunic", "kirana"}, Variants: []Variant{
			{Name: "All Size", Price: 120000, Stock: 6},
		}},
	}}
}

// TestHijabShopIsCorpus keeps hijabShop in step with the sample catalogue.
func TestHijabShopIsCorpus(t *testing.T) {
	f, err := os.Open("../examples/catalog.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c := hijabShop()
	seen := map[string]bool{}
	for _, row := range rows[1:] { // sku,name,variant,price,stock,weight_grams,description,aliases
		if len(seen) == len(c.Products) && !seen[row[0]] {
			break // hijabShop is the catalogue's first products
		}
		seen[row[0]] = true
		p, ok := c.Product(row[0])
		if !ok || p.Name != row[1] || strings.Join(p.Aliases, "|") != row[7] {
			t.Errorf("product %s %q aliases %q differs from the corpus", row[0], row[1], row[7])
			continue
		}
		v, ok := p.Variant(row[2])
		if !ok || strconv.FormatInt(v.Price, 10) != row[3] || strconv.Itoa(v.Stock) != row[4] {
			t.Errorf("variant %s %q differs from the corpus", row[0], row[2])
		}
	}
}

// snackShop is a different shop, with no aliases, to show that matching
// needs no code changes per catalogue.
func snackShop() *Catalog {
	return &Catalog{Products: []Product{
		{SKU: "KPM-01", Name: "Keripik Pedas Maicih", Variants: []Variant{
			{Name: "Level 3 / 100gr", Price: 15000}, {Name: "Level 5 / 100gr", Price: 15000},
			{Name: "Level 5 / 250gr", Price: 32000},
		}},
		{SKU: "BSR-01", Name: "Basreng Original", Variants: []Variant{{Name: "", Price: 12000}}},
		{SKU: "MKB-01", Name: "Makaroni Bantet", Variants: []Variant{
			{Name: "Pedas / Besar", Price: 20000}, {Name: "Original / Kecil", Price: 10000},
		}},
	}}
}

// want describes a MatchResult by SKUs and variant names, "" for none.
type want struct {
	sku, variant string
	cands        string // candidate SKUs, space separated
	vcands       string // variant candidate names, "|" separated
	exact        bool
}

func describe(r MatchResult) want {
	var w want
	if r.Product != nil {
		w.sku = r.Product.SKU
	}
	if r.Variant != nil {
		w.variant = r.Variant.Name
		if w.variant == "" {
			w.variant = "(only)"
		}
	}
	var cs, vs []string
	for _, p := range r.Candidates {
		cs = append(cs, p.SKU)
	}
	for _, v := range r.VariantCandidates {
		vs = append(vs, v.Name)
	}
	w.cands, w.vcands, w.exact = strings.Join(cs, " "), strings.Join(vs, "|"), r.Exact
	return w
}

func TestMatchProductHijab(t *testing.T) {
	c := hijabShop()
	tests := []struct {
		text string
		want want
	}{
		{"gamis aisyah ready kak?", want{sku: "GMS-01", exact: true}},
		{"kak gamis aisyah yg hitam ready?", want{sku: "GMS-01", vcands: "Hitam / M|Hitam / L", exact: true}},
		{"gamis aisyah hitam L", want{sku: "GMS-01", variant: "Hitam / L", exact: true}},
		{"GAMIS AISYAH HITAM/L", want{sku: "GMS-01", variant: "Hitam / L", exact: true}},
		{"gamis aisyah hitm L", want{sku: "GMS-01", variant: "Hitam / L", exact: true}},
		{"gamis aisyah item L", want{sku: "GMS-01", variant: "Hitam / L", exact: true}},
		{"gamis aisya navy m", want{sku: "GMS-01", variant: "Navy / M"}},
		{"gamisnya yg navy ada?", want{sku: "GMS-01", vcands: "Navy / M|Navy / L", exact: true}},
		{"aisyah ukuran M", want{sku: "GMS-01", vcands: "Hitam / M|Navy / M", exact: true}},
		{"gamis aisyah merah L", want{sku: "GMS-01", vcands: "Hitam / L|Navy / L", exact: true}},
		{"gamis aisyah XL", want{sku: "GMS-01", exact: true}},
		{"gms-01 navy L", want{sku: "GMS-01", variant: "Navy / L", exact: true}},
		{"kak pashmina ceruty yg dusty pink msh ada?", want{sku: "PSM-02", variant: "Dusty Pink", exact: true}},
		{"pasmina ceruti mocca ready gk", want{sku: "PSM-02", variant: "Mocca", exact: true}},
		{"pashmina moka", want{sku: "PSM-02", variant: "Mocca", exact: true}},
		{"pashmina pink", want{sku: "PSM-02", variant: "Dusty Pink", exact: true}},
		{"pashmina hitam", want{sku: "PSM-02", variant: "Hitam", exact: true}},
		{"pashmina", want{sku: "PSM-02", exact: true}},
		{"pashmna babydol", want{sku: "PSM-02"}},
		{"pashmna ceruty babydol", want{sku: "PSM-02", exact: true}}, // "ceruty" is an alias
		{"PSM 02", want{sku: "PSM-02", exact: true}},
		{"psm02 dusty pink", want{sku: "PSM-02", variant: "Dusty Pink", exact: true}},
		{"kimar yg army ada kak?", want{sku: "KHM-03", variant: "Army", exact: true}},
		{"brp hrg khimar instan?", want{sku: "KHM-03", exact: true}},
		{"khimar instan syari maroon", want{sku: "KHM-03", variant: "Maroon", exact: true}},
		{"khimar marun", want{sku: "KHM-03", variant: "Maroon", exact: true}},
		{"pesen bergo mariam hitam dua", want{sku: "BRG-04", variant: "Hitam", exact: true}},
		{"bergo", want{sku: "BRG-04", variant: "Hitam", exact: true}},
		{"mau tunic kirana 1 pcs", want{sku: "TNK-05", variant: "All Size", exact: true}},
		{"tunk rayon", want{sku: "TNK-05", variant: "All Size"}},
		// Nothing named: chat words, colours and sizes alone.
		{"hitam", want{}},
		{"yg hitam L", want{}},
		{"L", want{}},
		{"navy M 2", want{}},
		{"kerudung", want{}},
		{"hijab", want{}},
		{"hijab syari", want{cands: "KHM-03"}}, // "syari" is shared by many hijab names
		{"kak mau tanya", want{}},
		{"ready kak?", want{}},
		{"harga berapa", want{}},
		{"mau order", want{}},
		{"dusty pink", want{}},
		{"all size", want{}},
		{"", want{}},
		{"   ", want{}},
		// Two products named: ask, do not guess.
		{"pashmina sama bergo", want{cands: "PSM-02 BRG-04"}},
	}
	for _, tt := range tests {
		if got := describe(MatchProduct(c, tt.text)); got != tt.want {
			t.Errorf("MatchProduct(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestMatchProductSnacks(t *testing.T) {
	c := snackShop()
	tests := []struct {
		text string
		want want
	}{
		{"keripik pedas maicih", want{sku: "KPM-01", exact: true}},
		{"keripik maicik level 5", want{sku: "KPM-01", vcands: "Level 5 / 100gr|Level 5 / 250gr"}},
		{"maicih lvl 3", want{sku: "KPM-01", variant: "Level 3 / 100gr", exact: true}},
		{"keripik maicih level 5 250 gram", want{sku: "KPM-01", variant: "Level 5 / 250gr", exact: true}},
		{"keripik maicih level 5 100gr 2", want{sku: "KPM-01", variant: "Level 5 / 100gr", exact: true}},
		{"keripik level 4", want{sku: "KPM-01", exact: true}},
		{"keripik 250gr", want{sku: "KPM-01", variant: "Level 5 / 250gr", exact: true}}, // only one is 250gr
		{"keripik", want{sku: "KPM-01", exact: true}},
		{"maicih", want{sku: "KPM-01", exact: true}},
		{"basreng", want{sku: "BSR-01", variant: "(only)", exact: true}},
		{"basreng original 2 bungkus", want{sku: "BSR-01", variant: "(only)", exact: true}},
		{"basrengg", want{sku: "BSR-01", variant: "(only)", exact: true}}, // lang.Normalize folds nothing here; typo
		{"makaroni pedas", want{sku: "MKB-01", variant: "Pedas / Besar", exact: true}},
		{"makaroni original", want{sku: "MKB-01", variant: "Original / Kecil", exact: true}},
		{"makaroni bantet yg kecil", want{sku: "MKB-01", variant: "Original / Kecil", exact: true}},
		{"makaroni", want{sku: "MKB-01", exact: true}},
		{"makroni bantet", want{sku: "MKB-01"}},
		// Weak or shared words: suggest, never a confident product.
		{"pedas", want{cands: "KPM-01"}},
		{"original", want{cands: "BSR-01"}},
		{"level 5", want{}},
		{"hitam", want{}},
		{"kerupuk", want{cands: "KPM-01"}}, // two edits from "keripik": a suggestion only
		{"kerupuk udang", want{cands: "KPM-01"}},
		{"kacang", want{}},
		{"keripik sama makaroni", want{cands: "MKB-01 KPM-01"}},
	}
	for _, tt := range tests {
		got := describe(MatchProduct(c, tt.text))
		if tt.text == "basrengg" { // only the product and variant matter here
			got.exact = tt.want.exact
		}
		if got != tt.want {
			t.Errorf("MatchProduct(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestMatchProductAmbiguous(t *testing.T) {
	c := &Catalog{Products: []Product{
		{SKU: "G1", Name: "Gamis Aisyah", Variants: []Variant{{Name: "Hitam"}, {Name: "Navy"}}},
		{SKU: "G2", Name: "Gamis Zahra", Variants: []Variant{{Name: "Hitam"}, {Name: "Sage"}}},
		{SKU: "G3", Name: "Gamis Nabila", Variants: []Variant{{Name: "Maroon"}}},
		{SKU: "G4", Name: "Gamis Syari Hitam", Variants: []Variant{{Name: "All Size"}}},
		{SKU: "K1", Name: "Kerudung Segi Empat", Variants: []Variant{{Name: "Hitam"}}},
	}}
	tests := []struct {
		text string
		want want
	}{
		{"gamis", want{cands: "G1 G2 G3"}},
		{"gamis hitam", want{cands: "G4 G1 G2"}},
		{"gamis zahra sage", want{sku: "G2", variant: "Sage", exact: true}},
		{"gamis zahra hitam", want{sku: "G2", variant: "Hitam", exact: true}},
		{"gamis zahro", want{sku: "G2"}},
		{"gamis syari hitam", want{sku: "G4", variant: "All Size", exact: true}},
		{"hitam", want{}},
		{"kerudung", want{sku: "K1", variant: "Hitam", exact: true}},
		{"kerudung segi empat", want{sku: "K1", variant: "Hitam", exact: true}},
	}
	for _, tt := range tests {
		if got := describe(MatchProduct(c, tt.text)); got != tt.want {
			t.Errorf("MatchProduct(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestMatchVariant(t *testing.T) {
	c := hijabShop()
	gamis, bergo, tunik := &c.Products[0], &c.Products[3], &c.Products[4]
	snacks := snackShop()
	keripik := &snacks.Products[0]
	tests := []struct {
		p            *Product
		text         string
		variant, vcs string
	}{
		{gamis, "yg hitam L", "Hitam / L", ""},
		{gamis, "yg hitam L mau 2 ya kak", "Hitam / L", ""},
		{gamis, "L yg hitam", "Hitam / L", ""},
		{gamis, "hitam/l", "Hitam / L", ""},
		{gamis, "hitm L", "Hitam / L", ""},
		{gamis, "navy", "", "Navy / M|Navy / L"},
		{gamis, "hitam", "", "Hitam / M|Hitam / L"},
		{gamis, "M", "", "Hitam / M|Navy / M"},
		{gamis, "hitam atau navy yg L", "", "Hitam / L|Navy / L"},
		{gamis, "merah L", "", "Hitam / L|Navy / L"},
		{gamis, "merah", "", ""},
		{gamis, "XL", "", ""},
		{gamis, "", "", ""},
		{gamis, "mau yg hitan", "", "Hitam / M|Hitam / L"},
		{gamis, "mau yang itu", "", ""},
		{bergo, "apa aja", "Hitam", ""},
		{bergo, "", "Hitam", ""},
		{tunik, "L", "All Size", ""},
		{keripik, "level 5", "", "Level 5 / 100gr|Level 5 / 250gr"},
		{keripik, "lvl5 100 gr", "Level 5 / 100gr", ""},
		{keripik, "level 3", "Level 3 / 100gr", ""},
		{keripik, "250g", "Level 5 / 250gr", ""},
		{keripik, "100gr", "", "Level 3 / 100gr|Level 5 / 100gr"},
		{keripik, "level", "", ""},
		{keripik, "5", "", ""}, // a bare number is not "Level 5"
		{nil, "hitam", "", ""},
		{&Product{Name: "Kosong"}, "hitam", "", ""},
	}
	for _, tt := range tests {
		v, vcs := MatchVariant(tt.p, tt.text)
		gotV := ""
		if v != nil {
			gotV = v.Name
		}
		var names []string
		for _, x := range vcs {
			names = append(names, x.Name)
		}
		if gotV != tt.variant || strings.Join(names, "|") != tt.vcs {
			t.Errorf("MatchVariant(%v, %q) = %q, %q; want %q, %q", tt.p != nil, tt.text, gotV, strings.Join(names, "|"), tt.variant, tt.vcs)
		}
	}
}

func TestContainsWord(t *testing.T) {
	tests := []struct {
		norm, word string
		want       bool
	}{
		{"yang hitam l", "hitam", true},
		{"yang hitam l", "l", true},
		{"yang hitam l", "it", false},
		{"yang hitam l", "hitam l", true},
		{"yang hitam l", "yang l", false},
		{"hitam", "hitam", true},
		{"hitam", "", false},
		{"", "hitam", false},
		{"dusty  pink", "dusty pink", true},
	}
	for _, tt := range tests {
		if got := lang.ContainsWord(tt.norm, tt.word); got != tt.want {
			t.Errorf("ContainsWord(%q, %q) = %v, want %v", tt.norm, tt.word, got, tt.want)
		}
	}
}

// TestMatchUtterances checks the product, variant and quantity columns of
// testdata/utterances.tsv. A row without a product must not name one with
// confidence, except complaints, whose product column is not filled in.
func TestMatchUtterances(t *testing.T) {
	f, err := os.Open("lang/testdata/utterances.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := hijabShop()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	rows := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		for len(col) < 6 {
			col = append(col, "")
		}
		text, intent, sku, variant, qty := col[0], col[1], col[2], col[3], col[4]
		rows++
		r := MatchProduct(c, text)
		got := want{}
		if r.Product != nil {
			got.sku = r.Product.SKU
		}
		if r.Variant != nil {
			got.variant = r.Variant.Name
		}
		switch {
		case sku != "":
			wantV := variant
			if wantV == "" && r.Product != nil && len(r.Product.Variants) == 1 {
				wantV = r.Product.Variants[0].Name
			}
			if got.sku != sku || got.variant != wantV {
				t.Errorf("%q: product %q variant %q, want %q %q (candidates %v)", text, got.sku, got.variant, sku, wantV, describe(r).cands)
			}
		case !strings.HasPrefix(intent, "complaint"):
			if r.Product != nil {
				t.Errorf("%q: product %q, want none", text, got.sku)
			}
		}
		wantQ := 0
		if qty != "" {
			wantQ, _ = strconv.Atoi(qty)
		}
		if q, _, err := lang.ExtractQuantity(text, 99); q != wantQ || err != nil {
			t.Errorf("ExtractQuantity(%q) = %d, %v; want %d", text, q, err, wantQ)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 10 {
		t.Errorf("read only %d corpus rows", rows)
	}
}

func FuzzMatchProduct(f *testing.F) {
	for _, s := range []string{
		"gamis aisyah hitam L", "pasmina", "kimar army", "bergo mariam", "tunic", "gamis aisya",
		"keripik maicik level 5", "hitam", "kerudung", "", "GMS-01", "psm 02 dusty pink",
		"pashmina sama bergo", "yg hitam L mau 2 ya kak", "\u202ehitam\u200b", "////", "lvl5 100 gr",
	} {
		f.Add(s)
	}
	shops := []*Catalog{hijabShop(), snackShop()}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range shops {
			r := MatchProduct(c, s)
			if r.Product != nil && len(r.Candidates) > 0 {
				t.Fatalf("%q: both a product and candidates", s)
			}
			if len(r.Candidates) > lang.MatchMaxCandidates {
				t.Fatalf("%q: %d candidates", s, len(r.Candidates))
			}
			if r.Product == nil && (r.Variant != nil || len(r.VariantCandidates) > 0 || r.Exact) {
				t.Fatalf("%q: variant or exact without a product", s)
			}
			if r.Variant != nil && len(r.VariantCandidates) > 0 {
				t.Fatalf("%q: both a variant and variant candidates", s)
			}
			for _, v := range append(r.VariantCandidates, r.Variant) {
				if v != nil && !ownsVariant(r.Product, v) {
					t.Fatalf("%q: variant %q not of %q", s, v.Name, r.Product.Name)
				}
			}
			for i := range c.Products {
				p := &c.Products[i]
				v, vcs := MatchVariant(p, s)
				for _, x := range append(vcs, v) {
					if x != nil && !ownsVariant(p, x) {
						t.Fatalf("%q: MatchVariant gave %q not of %q", s, x.Name, p.Name)
					}
				}
			}
		}
	})
}

func ownsVariant(p *Product, v *Variant) bool {
	for i := range p.Variants {
		if &p.Variants[i] == v {
			return true
		}
	}
	return false
}
