package flows

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// ProductRef is a product a buyer sent from the shop's WhatsApp Business
// catalogue. The shop gives each catalogue product a retailer id (the
// "content ID"); when it equals a SKU, the product is that one.
type ProductRef struct {
	RetailerID string `json:"retailer_id,omitempty"`
	Title      string `json:"title,omitempty"`
	Price      int64  `json:"price,omitempty"` // rupiah as the catalogue showed it; 0 unknown
}

// CartRef is a cart a buyer ordered from the WhatsApp catalogue (an order
// message). Its lines are not in the message: only the count and total.
type CartRef struct {
	OrderID string `json:"order_id,omitempty"` // WhatsApp's order id, for staff
	Token   string `json:"token,omitempty"`    // what fetching the lines from WhatsApp would take
	Items   int    `json:"items"`
	Total   int64  `json:"total,omitempty"` // rupiah; 0 unknown (another currency)
	Title   string `json:"title,omitempty"`
}

// CatalogRef is what one catalogue message carried, as stored beside it.
type CatalogRef struct {
	Product *ProductRef `json:"product,omitempty"`
	Cart    *CartRef    `json:"cart,omitempty"`
}

// handleCatalog reads what the turn's catalogue messages carried: each
// product becomes an item mention, like its name typed (read with the
// text, in handleText); a product that is not sold gets a polite answer
// naming it; a cart is acknowledged with its count and total and staff
// are told.
func (t *turn) handleCatalog() {
	if len(t.in.Products) == 0 && len(t.in.Carts) == 0 {
		return
	}
	cat := t.v.Catalog()
	for i, ref := range t.in.Products {
		if i >= maxCartLines {
			break
		}
		p, v := catalogProduct(cat, ref)
		if p == nil {
			t.greet()
			title := lang.Clean(ref.Title, 60)
			if title == "" {
				title = lang.Clean(ref.RetailerID, 40)
			}
			t.say("catalog_product_unknown", "title", title)
			continue
		}
		it := lang.Item{SKU: p.SKU, Op: lang.OpAdd}
		if v != nil {
			it.Variant = v.Name
		}
		t.catItems = append(t.catItems, it)
	}
	if len(t.catItems) == 1 {
		// "yang hitam 2" beside the product sent: that product.
		t.st.Product = t.catItems[0].SKU
	}
	for _, c := range t.in.Carts {
		t.catalogCart(c)
	}
}

// catalogProduct finds the shop's product a catalogue product is: the SKU
// equal to its retailer id (case and spaces aside), else the product its
// title names; the variant when the title names one.
func catalogProduct(cat *Catalog, ref ProductRef) (*Product, *Variant) {
	if id := skuKey(ref.RetailerID); id != "" {
		for i := range cat.Products {
			if skuKey(cat.Products[i].SKU) == id {
				p := &cat.Products[i]
				if len(p.Variants) == 1 {
					return p, &p.Variants[0]
				}
				v, _ := MatchVariant(p, strings.TrimSpace(strings.Replace(strings.ToLower(ref.Title), strings.ToLower(p.Name), "", 1)))
				return p, v
			}
		}
	}
	if strings.TrimSpace(ref.Title) == "" {
		return nil, nil
	}
	m := MatchProduct(cat, lang.Clean(ref.Title, 200))
	if m.Product == nil {
		return nil, nil
	}
	return m.Product, m.Variant
}

// skuKey folds case and spaces: " bsk-03 " and "BSK-03" are one SKU.
func skuKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// addCatalogItems adds the catalogue products to what the text says,
// unless the text already names the product (with a quantity or a
// variant, "yang 250gr 2"): then the text's item is the one.
func (t *turn) addCatalogItems() {
	for _, ci := range t.catItems {
		named := false
		for k, it := range t.r.Items {
			if it.SKU == ci.SKU || it.SKU == "" && len(it.Candidates) == 0 && len(t.catItems) == 1 {
				if t.r.Items[k].SKU == "" {
					t.r.Items[k].SKU = ci.SKU
				}
				if t.r.Items[k].Variant == "" {
					t.r.Items[k].Variant = ci.Variant
				}
				named = true
			}
		}
		if !named {
			if len(t.catItems) == 1 && len(t.r.Items) == 0 {
				// "mau 3 kak" beside the product: that many.
				if q, _, err := lang.ExtractQuantity(t.in.Text, t.shop.MaxQty); err == nil && q > 0 {
					ci.Qty, ci.QtySaid = q, true
				}
			}
			t.r.Items = append(t.r.Items, ci)
		}
	}
}

// catalogCart acknowledges a catalogue cart. Its lines cannot be read here
// (WhatsApp sends only the count and the total), so staff are told and the
// buyer is asked to write the items, which the bot then takes as usual.
func (t *turn) catalogCart(c CartRef) {
	t.greet()
	total := ""
	if c.Total > 0 {
		total = t.shop.Text("catalog_cart_total", "total", lang.FormatRupiah(c.Total))
	}
	n := c.Items
	if n < 0 {
		n = 0
	}
	t.say("catalog_cart", "n", strconv.Itoa(n), "total", total, "example", t.example())
	order := lang.Clean(c.OrderID, 40)
	if order == "" {
		order = "-"
	}
	t.notify(t.shop.Text("notify_catalog_cart", "name", t.customerLabel(), "phone", t.customerPhone(),
		"n", strconv.Itoa(n), "total", total, "order", order))
	t.cartAcked = true
}
