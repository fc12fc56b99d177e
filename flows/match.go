package flows

import (
	"sync/atomic"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// MatchResult is what a customer's text says about the catalogue.
type MatchResult struct {
	Product           *Product   // set when one product is clearly meant
	Variant           *Variant   // set when one variant of Product is clearly meant
	Candidates        []*Product // when unsure which product: the top choices, best first (at most 3)
	VariantCandidates []*Variant // Product known, variant ambiguous: the variants that fit what was said
	Exact             bool       // the product was named exactly (name, alias or SKU), not through a typo
}

// catalogIndex is the reader's index of a catalogue, with the products it
// was built from, so a catalogue whose product list was replaced builds a
// new one.
type catalogIndex struct {
	ix    *lang.Index
	first *Product
	n     int
}

// Index returns the catalogue prepared for lang: built on first use and
// kept on the Catalog, looked up again only when Products is replaced, and
// then built again only when what lang reads of the products (SKUs, names,
// categories, aliases, variant names) changed: a catalogue loaded again
// after a stock change reuses the index (see indexOf). Changing names,
// aliases or variant names in place afterwards is not seen.
func (c *Catalog) Index() *lang.Index {
	if c == nil {
		return lang.NewIndex(nil)
	}
	var first *Product
	if len(c.Products) > 0 {
		first = &c.Products[0]
	}
	if ci := c.index.Load(); ci != nil && ci.first == first && ci.n == len(c.Products) {
		return ci.ix
	}
	ci := &catalogIndex{ix: indexOf(c.Products), first: first, n: len(c.Products)}
	c.index.Store(ci)
	return ci.ix
}

// indexCache holds a Catalog's index; atomic so that two turns sharing a
// Catalog may build it at once (the last one built is kept).
type indexCache = atomic.Pointer[catalogIndex]

func (p *Product) langProduct() lang.Product {
	vs := make([]string, len(p.Variants))
	for k, v := range p.Variants {
		vs[k] = v.Name
	}
	return lang.Product{SKU: p.SKU, Name: p.Name, Category: p.Category, Aliases: p.Aliases, Variants: vs}
}

// MatchProduct finds the product a customer's raw text names (see
// lang.MatchProduct) and returns it as catalogue values.
func MatchProduct(c *Catalog, text string) MatchResult {
	var res MatchResult
	if c == nil || len(c.Products) == 0 {
		return res
	}
	m := lang.MatchProduct(c.Index(), text)
	for _, i := range m.Candidates {
		res.Candidates = append(res.Candidates, &c.Products[i])
	}
	if m.Product < 0 {
		return res
	}
	p := &c.Products[m.Product]
	res.Product, res.Exact = p, m.Exact
	if m.Variant >= 0 {
		res.Variant = &p.Variants[m.Variant]
	}
	for _, v := range m.VariantCandidates {
		res.VariantCandidates = append(res.VariantCandidates, &p.Variants[v])
	}
	return res
}

// MatchVariant finds which variant of p the customer's raw text means (see
// lang.MatchVariant): one variant, or the candidates that fit.
func MatchVariant(p *Product, text string) (*Variant, []*Variant) {
	if p == nil {
		return nil, nil
	}
	names := make([]string, len(p.Variants))
	for k, v := range p.Variants {
		names[k] = v.Name
	}
	i, cands := lang.MatchVariant(names, text)
	var out []*Variant
	for _, k := range cands {
		out = append(out, &p.Variants[k])
	}
	if i < 0 {
		return nil, out
	}
	return &p.Variants[i], out
}

// ReadContext is what lang.Read needs to know of the shop: its couriers and
// its shipping areas with their aliases. The caller adds the slot, the
// choices shown and the product under discussion.
func (s *Shop) ReadContext() lang.Context {
	var ctx lang.Context
	if s == nil {
		return ctx
	}
	ctx.Couriers = s.Shipping.Couriers
	for _, r := range s.Shipping.Rates {
		ctx.Areas = append(ctx.Areas, r.Area)
		ctx.Areas = append(ctx.Areas, r.Aliases...)
	}
	return ctx
}
