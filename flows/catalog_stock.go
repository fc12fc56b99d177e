package flows

// WithStock returns a copy of the catalogue in which the variants with the
// given ids have the given stock. The receiver is not changed (it may be
// shared by concurrent turns), and the copy keeps its reader index: names,
// aliases and variants are the same.
func (c *Catalog) WithStock(stock map[int64]int) *Catalog {
	if c == nil {
		return nil
	}
	out := &Catalog{Products: make([]Product, len(c.Products))}
	copy(out.Products, c.Products)
	for i := range out.Products {
		p := &out.Products[i]
		copied := false
		for k := range p.Variants {
			n, ok := stock[p.Variants[k].ID]
			if !ok {
				continue
			}
			if !copied {
				p.Variants = append([]Variant(nil), p.Variants...)
				copied = true
			}
			p.Variants[k].Stock = n
		}
	}
	if ci := c.index.Load(); ci != nil && len(c.Products) > 0 && ci.first == &c.Products[0] && ci.n == len(c.Products) {
		out.index.Store(&catalogIndex{ix: ci.ix, first: &out.Products[0], n: ci.n})
	}
	return out
}
