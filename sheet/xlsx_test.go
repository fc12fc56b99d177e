package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// The workbook is written by hand; a spreadsheet library (only a test
// dependency) reads it back as a spreadsheet program would.
func TestWriteXLSXOpens(t *testing.T) {
	jakarta := time.FixedZone("WIB", 7*3600)
	at := time.Date(2025, 3, 1, 16, 30, 0, 0, time.UTC) // 23:30 in Jakarta
	rows := []store.ExportRow{
		{OrderID: 41, Line: 1, CreatedAt: at, Status: flows.StatusPaid, CustomerName: "Sari <b>&\"amp\"",
			Address: "Jl. Mawar\x00 2\x1b", Product: "Gamis \xff Rayon", Qty: 3, Price: 125000, LineTotal: 375000,
			Subtotal: 375000, Shipping: 18000, UniqueCode: 123, Total: 393123, PaidAt: at.Add(time.Hour)},
		{OrderID: 42, Line: 0, CreatedAt: at, Status: flows.StatusAwaitingPayment, CustomerName: "=1+1"},
	}
	f := open(t, rows, jakarta)
	cell := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue(SheetName, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "No. Pesanan", "X1": "Tanggal Kirim", "A2": "41", "B2": "1", "E2": `Sari <b>&"amp"`,
		"I2": "Jl. Mawar 2", "N2": "Gamis Rayon", "P2": "3", "V2": "393123", "X2": "",
		"A3": "42", "E3": "=1+1", "W3": "",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if formula, _ := f.GetCellFormula(SheetName, "E3"); formula != "" {
		t.Errorf("E3 holds the formula %q", formula)
	}
	if got, _ := excelize.ExcelDateToTime(parseFloat(t, cell("C2")), false); !got.Round(time.Second).Equal(time.Date(2025, 3, 1, 23, 30, 0, 0, time.UTC)) {
		t.Errorf("C2 = %v, want the shop's wall clock 2025-03-01 23:30", got)
	}
	if got, _ := excelize.ExcelDateToTime(parseFloat(t, cell("W2")), false); !got.Round(time.Second).Equal(time.Date(2025, 3, 2, 0, 30, 0, 0, time.UTC)) {
		t.Errorf("W2 = %v, want 2025-03-02 00:30", got)
	}
	for ref, want := range map[string]string{"V2": `"Rp"#,##0`, "Q2": `"Rp"#,##0`, "C2": "dd/mm/yyyy hh:mm", "A2": ""} {
		id, err := f.GetCellStyle(SheetName, ref)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if st, err := f.GetStyle(id); err == nil && st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != want {
			t.Errorf("%s format = %q, want %q", ref, got, want)
		}
	}
	panes, err := f.GetPanes(SheetName)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, %v: want the header row frozen", panes, err)
	}
	if w, err := f.GetColWidth(SheetName, "I"); err != nil || w != 40 {
		t.Errorf("address column width = %v, %v; want 40", w, err)
	}
	tables, err := f.GetTables(SheetName)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:X3" || tables[0].Name != tableName {
		t.Errorf("tables = %+v, %v; want %s over A1:X3", tables, err, tableName)
	}
	if got, _ := f.GetRows(SheetName); len(got) != 3 {
		t.Errorf("%d rows, want header + 2", len(got))
	}
}

// No orders still makes a workbook a spreadsheet opens: the header and a
// table over it and one empty row (a table cannot be a header alone).
func TestWriteXLSXEmpty(t *testing.T) {
	f := open(t, nil, time.UTC)
	if v, _ := f.GetCellValue(SheetName, "A1"); v != "No. Pesanan" {
		t.Errorf("A1 = %q", v)
	}
	tables, err := f.GetTables(SheetName)
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:X2" {
		t.Errorf("tables = %+v, %v; want one over A1:X2", tables, err)
	}
}

// Every part is well-formed XML, and the writer's errors come back.
func TestWriteXLSXParts(t *testing.T) {
	var buf bytes.Buffer
	rows := make([]store.ExportRow, 3000) // more than one flush of the sheet
	for i := range rows {
		rows[i] = store.ExportRow{OrderID: int64(i + 1), Product: strings.Repeat("Gamis <Rayon> & ", 3)}
	}
	if err := WriteXLSX(&buf, rows, time.UTC); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(z.File) != 8 {
		t.Errorf("%d parts, want 8", len(z.File))
	}
	for _, zf := range z.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(r)
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %v", zf.Name, err)
				break
			}
		}
		r.Close()
	}
	for n := 0; n < buf.Len(); n += buf.Len() / 7 {
		if err := WriteXLSX(&failAfter{n: n}, rows, time.UTC); !errors.Is(err, errFull) {
			t.Errorf("writer failing after %d bytes: err = %v", n, err)
		}
	}
}

var errFull = errors.New("disk full")

type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// Text XML cannot hold becomes U+FFFD: the cells come cleaned already
// (lang.Clean), escape must hold on its own anyway.
func TestEscape(t *testing.T) {
	var b strings.Builder
	escape(&b, "a\x00b\x1bc\xffd\uFFFEe<&>\"\t\n\r\u00e9\U0001F600")
	if want := "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe&lt;&amp;&gt;&quot;\t\n\r\u00e9\U0001F600"; b.String() != want {
		t.Errorf("escape = %q, want %q", b.String(), want)
	}
}

func TestCellName(t *testing.T) {
	for _, c := range []struct {
		col, row int
		want     string
	}{{1, 1, "A1"}, {24, 2, "X2"}, {26, 9, "Z9"}, {27, 10, "AA10"}, {52, 3, "AZ3"}, {703, 1, "AAA1"}} {
		if got := cellName(c.col, c.row); got != c.want {
			t.Errorf("cellName(%d, %d) = %q, want %q", c.col, c.row, got, c.want)
		}
	}
}

func open(t *testing.T, rows []store.ExportRow, loc *time.Location) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, rows, loc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()

	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number: %v", s, err)
	}
	return v
}
