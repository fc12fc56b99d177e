package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/sheet"
	"github.com/pesanbot/pesanbot/store"
)

// exportEnv is the command environment on a data directory.
func exportEnv(data string, out io.Writer) *environment {
	getenv := func(k string) string {
		if k == "PESANBOT_DATA" {
			return data
		}
		return ""
	}
	return &environment{ctx: context.Background(), getenv: getenv, stdin: strings.NewReader(""), stdout: out, stderr: io.Discard}
}

// exportShop makes the sample shop with three orders around midnight in
// Jakarta; the first carries formula-like customer text.
func exportShop(t *testing.T) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	s, err := exportEnv(data, io.Discard).openFromFlags("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wib := s.shop.Location
	for i, o := range []struct {
		name, phone, address string
		at                   time.Time
	}{
		{`=HYPERLINK("http://x")`, "+62812", "@SUM(1)", time.Date(2025, 3, 1, 23, 30, 0, 0, wib)},
		{"Budi", "081298765432", "Jl. Melati 1, Bekasi", time.Date(2025, 3, 2, 0, 30, 0, 0, wib)},
		{"Sari", "081298765433", "-Jl. Mawar 2", time.Date(2025, 3, 3, 10, 0, 0, 0, wib)},
	} {
		err := s.db.Update(context.Background(), func(tx *store.Tx) error {
			msg := fmt.Sprint("export-", i)
			c, _, err := tx.Receive(store.Inbound{MsgID: msg, Phone: fmt.Sprint("628120000000", i), PushName: o.name, Kind: "text", SentAt: o.at})
			if err != nil {
				return err
			}
			p, v := inStock(tx.Catalog())
			ord := flows.Order{ID: tx.NextOrderID(), Status: flows.StatusAwaitingPayment, CustomerID: c.ID, CustomerName: o.name,
				Phone: o.phone, Address: o.address, Region: "Bekasi", Courier: "JNE", Shipping: 15000, UniqueCode: 7, CreatedAt: o.at,
				Items: []flows.OrderLine{{VariantID: v.ID, SKU: p.SKU, Name: p.Name, Variant: v.Name, Qty: 2, Price: v.Price}}}
			ord.Subtotal = 2 * v.Price
			ord.Total = ord.Subtotal + ord.Shipping + ord.UniqueCode
			return tx.Apply([]flows.Effect{flows.CreateOrder{Order: ord}}, msg)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// inStock is the first variant of the catalogue with 10 or more in stock.
func inStock(c *flows.Catalog) (flows.Product, flows.Variant) {
	for _, p := range c.Products {
		for _, v := range p.Variants {
			if v.Stock >= 10 {
				return p, v
			}
		}
	}
	panic("the sample catalogue has nothing in stock")
}

func exportMode(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s mode = %o, want 600", path, st.Mode().Perm())
	}
}

func TestExportXLSX(t *testing.T) {
	data := exportShop(t)
	file := filepath.Join(t.TempDir(), "pesanan.xlsx")
	var out bytes.Buffer
	if err := exportEnv(data, &out).cmdExport([]string{file}); err != nil {
		t.Fatal(err)
	}
	if want := "3 pesanan, 3 baris"; !strings.Contains(out.String(), want) {
		t.Errorf("output %q does not say %q", out.String(), want)
	}
	exportMode(t, file)
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cell := func(ref string) string {
		v, err := f.GetCellValue(sheet.SheetName, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for ref, want := range map[string]string{
		"A1": "No. Pesanan", "E1": "Nama Penerima", "Q1": "Harga Satuan", "V1": "Total Bayar",
		// 12: string cells are never formulas in xlsx: no visible ' guard.
		"E2": `=HYPERLINK("http://x")`, "F2": `=HYPERLINK("http://x")`, "H2": "+62812", "I2": "@SUM(1)",
		"I4": "-Jl. Mawar 2", "D2": "belum bayar", "G2": "6281200000000", "W2": "",
		"A2": "1", "B2": "1", "P2": "2", "U2": "7",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	for _, ref := range []string{"E2", "F2", "H2", "I2", "I4"} {
		if formula, _ := f.GetCellFormula(sheet.SheetName, ref); formula != "" {
			t.Errorf("%s holds the formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType(sheet.SheetName, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s has cell type %v, want a string", ref, typ)
		}
	}
	styleFmt := func(ref string) string {
		id, err := f.GetCellStyle(sheet.SheetName, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil {
			return ""
		}
		return *st.CustomNumFmt
	}
	for _, ref := range []string{"A2", "P2", "Q2", "R2", "S2", "V2"} {
		typ, _ := f.GetCellType(sheet.SheetName, ref)
		if _, err := strconv.ParseInt(cell(ref), 10, 64); err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
			t.Errorf("%s = %q (type %v): not a number", ref, cell(ref), typ)
		}
	}
	price, _ := strconv.ParseInt(cell("Q2"), 10, 64)
	if total, _ := strconv.ParseInt(cell("V2"), 10, 64); total != 2*price+15000+7 {
		t.Errorf("V2 = %d, want %d", total, 2*price+15000+7)
	}
	if got := styleFmt("V2"); got != `"Rp"#,##0` {
		t.Errorf("money format = %q", got)
	}
	if got := styleFmt("C2"); got != "dd/mm/yyyy hh:mm" {
		t.Errorf("date format = %q", got)
	}
	serial, err := strconv.ParseFloat(cell("C2"), 64)
	if err != nil {
		t.Fatalf("C2 = %q: not a date serial", cell("C2"))
	}
	// Excel dates carry no zone: the shop's wall clock is stored.
	if got, _ := excelize.ExcelDateToTime(serial, false); !got.Round(time.Second).Equal(time.Date(2025, 3, 1, 23, 30, 0, 0, time.UTC)) {
		t.Errorf("C2 = %v, want 2025-03-01 23:30", got)
	}
	if rows, _ := f.GetRows(sheet.SheetName); len(rows) != 4 {
		t.Errorf("%d rows, want header + 3", len(rows))
	}
}

func TestExportCSV(t *testing.T) {
	data := exportShop(t)
	file := filepath.Join(t.TempDir(), "pesanan.csv")
	if err := exportEnv(data, io.Discard).cmdExport([]string{file}); err != nil {
		t.Fatal(err)
	}
	exportMode(t, file)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", b[:3])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || len(recs[0]) != len(sheet.Header) || recs[0][0] != "No. Pesanan" {
		t.Fatalf("records = %q", recs)
	}
	row := recs[1]
	for i, want := range map[int]string{
		0: "1", 2: "2025-03-01 23:30", 4: `'=HYPERLINK("http://x")`, 7: "'+62812", 8: "'@SUM(1)", 15: "2", 20: "7", 22: "",
	} {
		if row[i] != want {
			t.Errorf("%s = %q, want %q", sheet.Header[i], row[i], want)
		}
	}
	if recs[3][8] != "'-Jl. Mawar 2" {
		t.Errorf("address = %q", recs[3][8])
	}
	for _, line := range strings.Split(string(b), "\r\n") {
		if strings.HasPrefix(line, "=") || strings.Contains(line, ";=") || strings.Contains(line, `;"=`) {
			t.Errorf("a cell starts with '=': %q", line)
		}
	}
}

func TestExportDateFilter(t *testing.T) {
	data := exportShop(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		// 2025-03-02 00:30 WIB is 2025-03-01 in UTC: days are the shop's.
		{[]string{"--from", "2025-03-02", "--to", "2025-03-02"}, "1 pesanan"},
		{[]string{"--from", "2025-03-02"}, "2 pesanan"},
		{[]string{"--to", "2025-03-01"}, "1 pesanan"},
		{[]string{"--from", "2025-04-01"}, "0 pesanan"},
	} {
		file := filepath.Join(t.TempDir(), "f.csv")
		var out bytes.Buffer
		if err := exportEnv(data, &out).cmdExport(append([]string{file}, tc.args...)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("%v: %q, want %q", tc.args, out.String(), tc.want)
		}
	}
}

func TestExportUsageAndAudit(t *testing.T) {
	data := exportShop(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		nil,
		{filepath.Join(dir, "a.txt")},
		{filepath.Join(dir, "a.csv"), "--from", "01-03-2025"},
		{filepath.Join(dir, "a.csv"), "--from", "2025-03-02", "--to", "2025-03-01"},
	} {
		err := exportEnv(data, io.Discard).cmdExport(args)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("export %q = %v, want a usage error", args, err)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) > 0 {
		t.Errorf("refused exports wrote %v", m)
	}
	if err := exportEnv(data, io.Discard).cmdExport([]string{filepath.Join(dir, "a.xlsx")}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'ekspor' AND detail LIKE '3 pesanan%'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("audit rows for the export = %d, %v; want 1", n, err)
	}
}

// TestBackupRestoreCommands runs `backup`, changes the shop, then `restore`.
func TestBackupRestoreCommands(t *testing.T) {
	data := exportShop(t)
	file := filepath.Join(t.TempDir(), "cadangan.db")
	var out bytes.Buffer
	if err := exportEnv(data, &out).cmdBackup([]string{file}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Cadangan tersimpan") {
		t.Errorf("backup said %q", out.String())
	}
	exportMode(t, file)
	orders := func() int {
		db, err := store.Open(context.Background(), data, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		db.SQL().QueryRow("SELECT count(*) FROM orders").Scan(&n)
		return n
	}
	db, err := store.Open(context.Background(), data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec("DELETE FROM order_line")
	db.SQL().Exec("DELETE FROM orders")
	db.Close()
	if n := orders(); n != 0 {
		t.Fatalf("%d orders after deleting them", n)
	}
	out.Reset()
	if err := exportEnv(data, &out).cmdRestore([]string{file}); err != nil {
		t.Fatal(err)
	}
	if n := orders(); n != 3 {
		t.Errorf("%d orders after restore, want 3", n)
	}
	aside, _ := filepath.Glob(filepath.Join(data, "shop.db.before-restore-*"))
	if len(aside) == 0 || !strings.Contains(out.String(), aside[0]) {
		t.Errorf("restore said %q; files aside: %v", out.String(), aside)
	}
	junk := filepath.Join(t.TempDir(), "pesanan.csv")
	os.WriteFile(junk, []byte("a;b\n"), 0o600)
	err = exportEnv(data, io.Discard).cmdRestore([]string{junk})
	if !errors.Is(err, store.ErrNotDatabase) || !strings.Contains(err.Error(), "bukan cadangan pesanbot") {
		t.Errorf("restore of a CSV = %v", err)
	}
	if err := exportEnv(filepath.Join(t.TempDir(), "none"), io.Discard).cmdBackup([]string{file}); err == nil {
		t.Error("backup of a missing data directory succeeded")
	}
}
