package flows

import "strings"

// Product is one catalogue item with its sellable variants (colour, size…).
type Product struct {
	SKU         string
	Name        string
	Category    string
	Description string
	Aliases     []string
	Image       string
	Variants    []Variant
}

// Variant is the unit that has a price and a stock count.
type Variant struct {
	ID          int64 // store id; 0 before the variant is stored
	SKU         string
	Name        string // "Hitam / M"; "All Size" or "" for single-variant products
	Price       int64  // whole rupiah
	Stock       int
	WeightGrams int
}

// Catalog is the whole catalogue, in display order.
type Catalog struct {
	Products []Product

	index indexCache // the reader's index, built on first use (see Index)
}

// Product returns the product with the given SKU (case-insensitive).
func (c *Catalog) Product(sku string) (*Product, bool) {
	for i := range c.Products {
		if strings.EqualFold(c.Products[i].SKU, sku) {
			return &c.Products[i], true
		}
	}
	return nil, false
}

// Variant returns the product's variant with the given name (case-insensitive).
func (p *Product) Variant(name string) (*Variant, bool) {
	for i := range p.Variants {
		if strings.EqualFold(p.Variants[i].Name, name) {
			return &p.Variants[i], true
		}
	}
	return nil, false
}

// InStock reports whether any variant has stock.
func (p *Product) InStock() bool {
	for _, v := range p.Variants {
		if v.Stock > 0 {
			return true
		}
	}
	return false
}

// PriceRange returns the lowest and highest variant price.
func (p *Product) PriceRange() (lo, hi int64) {
	for i, v := range p.Variants {
		if i == 0 || v.Price < lo {
			lo = v.Price
		}
		if v.Price > hi {
			hi = v.Price
		}
	}
	return lo, hi
}
