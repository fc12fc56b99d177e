package config

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pesanbot/pesanbot/flows"
)

// Limits of a catalogue CSV; a small shop's catalogue is far below them.
const (
	MaxCatalogRows  = 5000     // variant rows, header and blank rows not counted
	MaxFieldRunes   = 500      // any field but description
	MaxDescRunes    = 2000     // the description field
	MaxSKURunes     = 64       // the sku field
	MaxStock        = 1000000  // largest stock count of one variant
	MaxWeightGrams  = 100000   // largest weight of one variant
	maxCatalogBytes = 16 << 20 // far above MaxCatalogRows of real rows
)

// CatalogColumns is the catalogue CSV header in the order WriteCatalogCSV
// writes it. The first five are required when reading; the order is free.
var CatalogColumns = []string{"sku", "name", "variant", "price", "stock", "weight_grams", "description", "aliases", "image", "category"}

const requiredColumns = 5

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCatalogCSV reads a catalogue CSV: one row per variant, rows with the
// same sku forming one product in order of first appearance. The delimiter
// (`,` or `;`) is taken from the header line; a UTF-8 BOM is skipped. name is
// used in error messages, which are *Error values naming the line and the
// column in Indonesian, for the owner who wrote the file.
func ReadCatalogCSV(name string, r io.Reader) (*flows.Catalog, error) {
	c, _, err := ReadCatalogCSVColumns(name, r)
	return c, err
}

// ReadCatalogCSVColumns is ReadCatalogCSV that also returns the optional
// columns the header names (among weight_grams, description, aliases,
// image, category), so an import can leave the others as they are stored:
// a column left out of a file says nothing about its values.
func ReadCatalogCSVColumns(name string, r io.Reader) (*flows.Catalog, []string, error) {
	cat, b, err := readCatalogCSV(name, r)
	if err != nil {
		return nil, nil, err
	}
	var given []string
	for _, col := range CatalogColumns[requiredColumns:] {
		if _, ok := b.cols[col]; ok {
			given = append(given, col)
		}
	}
	return cat, given, nil
}

func readCatalogCSV(name string, r io.Reader) (*flows.Catalog, *catalogBuilder, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCatalogBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("failed to read catalogue: %w", err)
	}
	if len(data) > maxCatalogBytes {
		return nil, nil, csvErr(name, 0, "", ErrTooLarge, "file terlalu besar (lebih dari %d MB)", maxCatalogBytes>>20)
	}
	if err := checkText(name, data); err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, csvErr(name, 0, "", ErrEmpty, "file kosong; baris pertama harus header: %s", strings.Join(CatalogColumns[:requiredColumns], ","))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffDelimiter(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, csvReadError(name, err)
	}
	b := &catalogBuilder{file: name, cr: cr, index: make(map[string]*productRows)}
	if err := b.header(header); err != nil {
		return nil, nil, err
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvReadError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		if rows++; rows > MaxCatalogRows {
			return nil, nil, csvErr(name, line, "", ErrTooLarge, "terlalu banyak baris (paling banyak %d varian)", MaxCatalogRows)
		}
		if err := b.row(line, rec); err != nil {
			return nil, nil, err
		}
	}
	if len(b.products) == 0 {
		return nil, nil, csvErr(name, 0, "", ErrEmpty, "tidak ada produk; isi satu baris per varian di bawah header")
	}
	return b.catalog(), b, nil
}

// checkText refuses what is not UTF-8 text: a spreadsheet saved as .xlsx,
// any binary, or a CSV saved in a Windows code page.
func checkText(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return csvErr(name, 0, "", ErrNotText, "ini file Excel (.xlsx), bukan CSV; di Excel pilih Simpan Sebagai > CSV UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return csvErr(name, lineAt(data, i), "", ErrNotText, "bukan file teks CSV (ada byte kosong)")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return csvErr(name, lineAt(data, i), "", ErrNotText, "huruf tidak terbaca (bukan UTF-8); di Excel pilih Simpan Sebagai > CSV UTF-8")
	}
	return nil
}

func lineAt(data []byte, offset int) int {
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}

// sniffDelimiter picks `;` when the header line has more semicolons than
// commas outside quotes, as Excel writes for Indonesian locales.
func sniffDelimiter(data []byte) rune {
	commas, semis, quoted := 0, 0, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// csvReadError explains encoding/csv's syntax errors in plain words.
func csvReadError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("failed to read catalogue: %w", err)
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `tanda kutip " tidak ditutup, atau ada teks setelah kutip penutup`
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `tanda kutip " di tengah isian; apit isiannya dengan kutip dan tulis "" untuk satu kutip`
	}
	return csvErr(name, pe.StartLine, "", ErrBadValue, "%s", msg)
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// WriteCatalogCSV writes c in the format ReadCatalogCSV reads, with the full
// header (CatalogColumns), comma-separated, one row per variant. A weight of
// 0 is written empty. Every product needs at least one variant. Text a
// spreadsheet would run as a formula gets a ' in front, which
// ReadCatalogCSV takes off again.
func WriteCatalogCSV(w io.Writer, c *flows.Catalog) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CatalogColumns); err != nil {
		return fmt.Errorf("failed to write catalogue: %w", err)
	}
	var products []flows.Product
	if c != nil {
		products = c.Products
	}
	for _, p := range products {
		if len(p.Variants) == 0 {
			return fmt.Errorf("failed to write catalogue: product %q has no variant: %w", p.SKU, ErrRequired)
		}
		for _, v := range p.Variants {
			weight := ""
			if v.WeightGrams != 0 {
				weight = strconv.Itoa(v.WeightGrams)
			}
			rec := []string{
				guardCell(p.SKU), guardCell(p.Name), guardCell(v.Name),
				strconv.FormatInt(v.Price, 10), strconv.Itoa(v.Stock), weight,
				guardCell(p.Description), guardCell(strings.Join(p.Aliases, "|")), guardCell(p.Image), guardCell(p.Category),
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("failed to write catalogue: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("failed to write catalogue: %w", err)
	}
	return nil
}

// formulaStart are the first characters that make a spreadsheet read a cell
// as a formula (CSV injection, OWASP).
const formulaStart = "=+-@\t\r"

// guardCell puts a ' before text a spreadsheet would run as a formula, as
// the order export does.
func guardCell(s string) string {
	if s != "" && strings.ContainsRune(formulaStart, rune(s[0])) {
		return "'" + s
	}
	return s
}

// unguardCell takes off the ' guardCell put in front, so an exported
// catalogue imports back unchanged. A ' before anything else is kept.
func unguardCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStart, rune(s[1])) {
		return s[1:]
	}
	return s
}
