package main

import (
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

const exportUsage = "export FILE.xlsx|FILE.csv [--from YYYY-MM-DD] [--to YYYY-MM-DD]"

func (e *environment) cmdExport(args []string) error {
	fs, data := e.flags("export")
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD in the shop's zone")
	toFlag := fs.String("to", "", "last day (included), YYYY-MM-DD in the shop's zone")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef(exportUsage)
	}
	file := rest[0]
	ext := strings.ToLower(filepath.Ext(file))
	if ext != ".xlsx" && ext != ".csv" {
		return usagef("export: %s: the file name must end in .xlsx or .csv", file)
	}
	for _, d := range []*string{fromFlag, toFlag} {
		if _, err := time.Parse(time.DateOnly, *d); *d != "" && err != nil {
			return usagef("export: %q: use YYYY-MM-DD", *d)
		}
	}
	if *fromFlag != "" && *toFlag != "" && *toFlag < *fromFlag {
		return usagef("export: --to %s is before --from %s", *toFlag, *fromFlag)
	}
	s, err := e.openFromFlags(*data)
	if err != nil {
		return err
	}
	defer s.Close()
	loc := s.shop.Location
	// Days are the shop's days; --to includes its whole day.
	var from, to time.Time
	if *fromFlag != "" {
		from, _ = time.ParseInLocation(time.DateOnly, *fromFlag, loc)
	}
	if *toFlag != "" {
		d, _ := time.ParseInLocation(time.DateOnly, *toFlag, loc)
		to = d.AddDate(0, 0, 1)
	}
	rows, err := s.db.ExportOrders(e.ctx, from, to)
	if err != nil {
		return err
	}
	write := writeExportCSV
	if ext == ".xlsx" {
		write = writeExportXLSX
	}
	if err := writeFileAtomic(file, func(w io.Writer) error { return write(w, rows, loc) }); err != nil {
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	orders := 0
	for i, r := range rows {
		if i == 0 || rows[i-1].OrderID != r.OrderID {
			orders++
		}
	}
	// Exports of personal data are part of the processing record (UU PDP).
	detail := fmt.Sprintf("%d pesanan, %d baris, %s", orders, len(rows), filepath.Base(file))
	if err := s.db.Update(e.ctx, func(tx *store.Tx) error {
		return tx.Apply([]flows.Effect{flows.Audit{Actor: "terminal", Action: "ekspor", Detail: detail}}, "")
	}); err != nil {
		return fmt.Errorf("exported %s but failed to record it in the audit log: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "Ekspor selesai: %d pesanan, %d baris barang ditulis ke %s.\n", orders, len(rows), file)
	return nil
}

// exportHeader is the header row, in the owner's language; exportCells
// gives the values in the same order.
var exportHeader = []string{
	"No. Pesanan", "Baris", "Tanggal Pesan", "Status", "Nama Penerima", "Nama WhatsApp", "No. WhatsApp",
	"No. HP Penerima", "Alamat", "Wilayah", "Kurir", "No. Resi", "SKU", "Produk", "Varian", "Jumlah",
	"Harga Satuan", "Total Baris", "Subtotal", "Ongkir", "Kode Unik", "Total Bayar", "Tanggal Bayar", "Tanggal Kirim",
}

// money marks a rupiah amount, shown with the "Rp" format in a spreadsheet.
type money int64

// exportCells is a row as typed values: string (customer-supplied text,
// neutralised), int64, money, time.Time (in loc) or nil for no value.
func exportCells(r store.ExportRow, loc *time.Location) []any {
	date := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.In(loc)
	}
	text := func(s string) any { return sheetText(flows.Clean(s, 1000)) }
	return []any{
		r.OrderID, int64(r.Line), date(r.CreatedAt), text(flows.StatusText(r.Status)), text(r.CustomerName),
		text(r.PushName), text(r.WhatsAppPhone), text(r.RecipientPhone), text(r.Address), text(r.Region),
		text(r.Courier), text(r.Tracking), text(r.SKU), text(r.Product), text(r.Variant), int64(r.Qty),
		money(r.Price), money(r.LineTotal), money(r.Subtotal), money(r.Shipping), money(r.UniqueCode),
		money(r.Total), date(r.PaidAt), date(r.ShippedAt),
	}
}

// sheetText neutralises a cell a spreadsheet would read as a formula
// (CSV injection, OWASP): a leading = + - @ tab or CR gets a ' in front.
func sheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeExportCSV writes UTF-8 with a BOM and ";" between fields: Excel in
// the Indonesian locale uses "," as the decimal mark and ";" as the list
// separator, and needs the BOM to read UTF-8. Times are YYYY-MM-DD HH:MM.
func writeExportCSV(w io.Writer, rows []store.ExportRow, loc *time.Location) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	rec := make([]string, len(exportHeader))
	for _, r := range rows {
		for i, v := range exportCells(r, loc) {
			switch v := v.(type) {
			case string:
				rec[i] = v
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

// exportSheet is the worksheet's name in the .xlsx file.
const exportSheet = "Pesanan"

// writeExportXLSX writes an .xlsx workbook: numbers are numbers (money with
// an "Rp" thousands format), times are dates, the header row is frozen and
// the rows are a table with filter buttons.
func writeExportXLSX(w io.Writer, rows []store.ExportRow, loc *time.Location) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", exportSheet); err != nil {
		return err
	}
	rp := `"Rp"#,##0`
	when := "dd/mm/yyyy hh:mm"
	moneyStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &rp})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &when})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(exportSheet)
	if err != nil {
		return err
	}
	for col, width := range []float64{11, 6, 17, 22, 22, 18, 16, 16, 40, 18, 10, 18, 12, 24, 16, 8, 14, 14, 14, 12, 10, 14, 17, 17} {
		if err := sw.SetColWidth(col+1, col+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(exportHeader))
	for i, h := range exportHeader {
		header[i] = h
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for n, r := range rows {
		cells := exportCells(r, loc)
		for i, v := range cells {
			switch v := v.(type) {
			case money:
				cells[i] = excelize.Cell{StyleID: moneyStyle, Value: int64(v)}
			case time.Time:
				cells[i] = excelize.Cell{StyleID: dateStyle, Value: v}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	// A table gives the header its style and the filter buttons.
	last, err := excelize.CoordinatesToCellName(len(exportHeader), len(rows)+1)
	if err != nil {
		return err
	}
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "TabelPesanan", StyleName: "TableStyleMedium2"}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeFileAtomic writes path through a 0600 temporary file beside it,
// fsynced and renamed into place, so a failed export leaves no half file
// and never truncates an older one.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	tmp := path + ".tmp-" + hex.EncodeToString(b[:])
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
