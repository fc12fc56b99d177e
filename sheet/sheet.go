// Package sheet owns the spreadsheet export of orders (.xlsx and .csv):
// the columns, the cell types and the neutralising of cells a spreadsheet
// would run as formulas. It imports flows and store; the CLI and the
// dashboard both use it.
package sheet

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/store"
)

// Header is the header row, in the owner's language; cells
// gives the values in the same order.
var Header = []string{
	"No. Pesanan", "Baris", "Tanggal Pesan", "Status", "Nama Penerima", "Nama WhatsApp", "No. WhatsApp",
	"No. HP Penerima", "Alamat", "Wilayah", "Kurir", "No. Resi", "SKU", "Produk", "Varian", "Jumlah",
	"Harga Satuan", "Total Baris", "Subtotal", "Ongkir", "Kode Unik", "Total Bayar", "Tanggal Bayar", "Tanggal Kirim",
}

// money marks a rupiah amount, shown with the "Rp" format in a spreadsheet.
type money int64

// cells is a row as typed values: string (customer-supplied text, cleaned
// but not neutralised: only the CSV needs that), int64, money, time.Time
// (in loc) or nil for no value.
func cells(r store.ExportRow, loc *time.Location) []any {
	date := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.In(loc)
	}
	text := func(s string) any { return lang.Clean(s, 1000) }
	return []any{
		r.OrderID, int64(r.Line), date(r.CreatedAt), text(r.Status.Label()), text(r.CustomerName),
		text(r.PushName), text(r.WhatsAppPhone), text(r.RecipientPhone), text(r.Address), text(r.Region),
		text(r.Courier), text(r.Tracking), text(r.SKU), text(r.Product), text(r.Variant), int64(r.Qty),
		money(r.Price), money(r.LineTotal), money(r.Subtotal), money(r.Shipping), money(r.UniqueCode),
		money(r.Total), date(r.PaidAt), date(r.ShippedAt),
	}
}

// Text neutralises a cell a spreadsheet would read as a formula
// (CSV injection, OWASP): a leading = + - @ tab or CR gets a ' in front.
func Text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes UTF-8 with a BOM and ";" between fields: Excel in
// the Indonesian locale uses "," as the decimal mark and ";" as the list
// separator, and needs the BOM to read UTF-8. Times are YYYY-MM-DD HH:MM.
func WriteCSV(w io.Writer, rows []store.ExportRow, loc *time.Location) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(Header); err != nil {
		return err
	}
	rec := make([]string, len(Header))
	for _, r := range rows {
		for i, v := range cells(r, loc) {
			switch v := v.(type) {
			case string:
				rec[i] = Text(v)
			case int64:
				rec[i] = strconv.FormatInt(v, 10)
			case money:
				rec[i] = strconv.FormatInt(int64(v), 10)
			case time.Time:
				rec[i] = v.Format("2006-01-02 15:04")
			default:
				rec[i] = ""
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
