package config

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"encoding/csv"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pesanbot/pesanbot/flows"
)

// catalogBuilder turns catalogue rows into products, checking each field
// and that rows of one product agree.
type catalogBuilder struct {
	file     string
	cr       *csv.Reader             // for the line of each field
	cols     map[string]int          // column name -> index in the record
	unnamed  []int                   // header cells left empty (trailing delimiters)
	width    int                     // number of header cells
	recLen   int                     // number of fields in the current record
	products []*productRows          // in order of first appearance
	index    map[string]*productRows // foldKey(sku) -> product
}

// productRows is one product being built, with the line of its first row
// and of each variant, for messages about disagreements and duplicates.
type productRows struct {
	flows.Product
	line     int
	variants map[string]int // foldKey(variant name) -> line
}

func (b *catalogBuilder) header(rec []string) error {
	b.cols = make(map[string]int)
	b.width = len(rec)
	known := make(map[string]bool, len(CatalogColumns))
	for _, c := range CatalogColumns {
		known[c] = true
	}
	for i, h := range rec {
		col := strings.ToLower(strings.TrimSpace(h))
		switch {
		case col == "":
			b.unnamed = append(b.unnamed, i)
		case !known[col]:
			return csvErr(b.file, 1, col, ErrUnknownColumn, "tidak dikenal; baris pertama harus header dengan kolom: %s", strings.Join(CatalogColumns, ","))
		default:
			if _, dup := b.cols[col]; dup {
				return csvErr(b.file, 1, col, ErrDuplicate, "ada dua kali di header")
			}
			b.cols[col] = i
		}
	}
	for _, col := range CatalogColumns[:requiredColumns] {
		if _, ok := b.cols[col]; !ok {
			return csvErr(b.file, 1, col, ErrRequired, "wajib ada di header (%s)", strings.Join(CatalogColumns[:requiredColumns], ","))
		}
	}
	return nil
}

// row adds one variant row that starts at line.
func (b *catalogBuilder) row(line int, rec []string) error {
	for i := b.width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			return csvErr(b.file, line, "", ErrBadValue, "baris ini punya %d kolom, header hanya %d", len(rec), b.width)
		}
	}
	for _, i := range b.unnamed {
		if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
			return csvErr(b.file, line, "", ErrBadValue, "kolom ke-%d berisi %q tapi tidak punya nama di header", i+1, rec[i])
		}
	}
	b.recLen = len(rec)
	f := make(map[string]string, len(b.cols))
	for col, i := range b.cols {
		if i >= len(rec) {
			continue // a short row: its missing trailing fields are empty
		}
		v := strings.TrimSpace(rec[i])
		if col != "price" && col != "stock" && col != "weight_grams" {
			v = unguardCell(v)
		}
		if err := b.checkField(b.lineOf(line, i), col, v); err != nil {
			return err
		}
		f[col] = v
	}
	at := func(col string) int { return b.lineOf(line, b.cols[col]) }

	sku, name := f["sku"], f["name"]
	switch {
	case sku == "":
		return csvErr(b.file, at("sku"), "sku", ErrRequired, "wajib diisi (kode produk, contoh: GMS-01)")
	case !startsAlnum(sku):
		return csvErr(b.file, at("sku"), "sku", ErrBadValue, "%q harus diawali huruf atau angka (bukan rumus Excel)", sku)
	case strings.IndexFunc(sku, unicode.IsSpace) >= 0:
		return csvErr(b.file, at("sku"), "sku", ErrBadValue, "%q tidak boleh berisi spasi", sku)
	case name == "":
		return csvErr(b.file, at("name"), "name", ErrRequired, "wajib diisi (nama produk)")
	}
	v := flows.Variant{Name: f["variant"]}
	var err error
	if v.Price, err = b.price(at("price"), f["price"]); err != nil {
		return err
	}
	if v.Stock, err = b.count(at("stock"), "stock", f["stock"], MaxStock, true); err != nil {
		return err
	}
	if v.WeightGrams, err = b.count(at("weight_grams"), "weight_grams", f["weight_grams"], MaxWeightGrams, false); err != nil {
		return err
	}

	p := b.index[foldKey(sku)]
	if p == nil {
		p = &productRows{Product: flows.Product{SKU: sku, Name: name}, line: line, variants: make(map[string]int)}
		b.index[foldKey(sku)] = p
		b.products = append(b.products, p)
	} else if p.Name != name {
		return csvErr(b.file, at("name"), "name", ErrBadValue, "%q beda dengan nama %q di baris %d untuk sku %s yang sama", name, p.Name, p.line, p.SKU)
	}
	aliases := splitAliases(f["aliases"])
	for _, s := range []struct {
		col, val string
		dst      *string
	}{
		{"description", f["description"], &p.Description},
		{"aliases", strings.Join(aliases, "|"), nil},
		{"image", f["image"], &p.Image},
		{"category", f["category"], &p.Category},
	} {
		cur := strings.Join(p.Aliases, "|")
		if s.dst != nil {
			cur = *s.dst
		}
		switch {
		case s.val == "" || s.val == cur:
		case cur != "":
			return csvErr(b.file, at(s.col), s.col, ErrBadValue, "beda dengan baris sebelumnya untuk sku %s yang sama (baris %d); kosongkan atau samakan", p.SKU, p.line)
		case s.dst != nil:
			*s.dst = s.val
		default:
			p.Aliases = aliases
		}
	}

	key := foldKey(v.Name)
	if first, dup := p.variants[key]; dup {
		return csvErr(b.file, at("variant"), "variant", ErrDuplicate, "varian %q untuk sku %s sudah ada di baris %d", v.Name, p.SKU, first)
	}
	if _, blank := p.variants[""]; (blank || key == "") && len(p.variants) > 0 {
		return csvErr(b.file, at("variant"), "variant", ErrBadValue, "sku %s punya beberapa varian, jadi kolom variant harus diisi di setiap barisnya (contoh: All Size)", p.SKU)
	}
	p.variants[key] = line
	v.SKU = p.SKU
	p.Variants = append(p.Variants, v)
	return nil
}

// lineOf is the line field i of the current record is on (fields may
// span lines inside quotes); line when the record is short.
func (b *catalogBuilder) lineOf(line, i int) int {
	if i >= b.recLen { // FieldPos panics past the record's end
		return line
	}
	l, _ := b.cr.FieldPos(i)
	return l
}

// checkField applies the length and character rules every field shares.
func (b *catalogBuilder) checkField(line int, col, v string) error {
	limit := MaxFieldRunes
	switch col {
	case "description":
		limit = MaxDescRunes
	case "sku":
		limit = MaxSKURunes
	}
	if n := utf8.RuneCountInString(v); n > limit {
		return csvErr(b.file, line, col, ErrTooLarge, "terlalu panjang (%d huruf, paling banyak %d)", n, limit)
	}
	for _, r := range v {
		if unicode.IsControl(r) && !(r == '\n' && col == "description") {
			return csvErr(b.file, line, col, ErrBadValue, "berisi karakter kontrol %U; hapus karakter itu", r)
		}
	}
	return nil
}

func (b *catalogBuilder) price(line int, s string) (int64, error) {
	if s == "" {
		return 0, csvErr(b.file, line, "price", ErrRequired, "harga wajib diisi (contoh: 150000)")
	}
	p, err := lang.ParsePrice(s)
	if err != nil {
		if strings.Trim(s, "0") == "" {
			return 0, csvErr(b.file, line, "price", ErrBadValue, "harga harus lebih dari 0")
		}
		return 0, csvErr(b.file, line, "price", ErrBadValue, "%q bukan harga (contoh: 150000)", s)
	}
	return p, nil
}

// count reads a plain base-10 whole number in [0, max]; an empty optional
// field is 0.
func (b *catalogBuilder) count(line int, col, s string, max int, required bool) (int, error) {
	if s == "" {
		if required {
			return 0, csvErr(b.file, line, col, ErrRequired, "wajib diisi (tulis 0 kalau habis)")
		}
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || !allDigits(s) || n > uint64(max) {
		return 0, csvErr(b.file, line, col, ErrBadValue, "%q harus bilangan bulat 0 sampai %d tanpa titik atau koma (contoh: 12)", s, max)
	}
	return int(n), nil
}

// splitAliases splits "a|B| c" into lower-case, de-duplicated aliases.
func splitAliases(s string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, a := range strings.Split(s, "|") {
		a = strings.Join(strings.Fields(strings.ToLower(a)), " ")
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// foldKey makes strings that strings.EqualFold (used by flows.Catalog
// lookups) finds equal collide, so lookups never see two candidates.
func foldKey(s string) string {
	return strings.ToLower(strings.ToUpper(s))
}

func startsAlnum(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// catalog returns the products, each with its default category.
func (b *catalogBuilder) catalog() *flows.Catalog {
	c := &flows.Catalog{Products: make([]flows.Product, 0, len(b.products))}
	for _, p := range b.products {
		if p.Category == "" {
			p.Category = strings.Fields(p.Name)[0]
		}
		c.Products = append(c.Products, p.Product)
	}
	return c
}
