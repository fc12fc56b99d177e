package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/sheet"
	"github.com/pesanbot/pesanbot/store"
)

const exportUsage = "export FILE.xlsx|FILE.csv [--from YYYY-MM-DD] [--to YYYY-MM-DD]"

func (e *environment) cmdExport(args []string) error {
	fs, data := e.flags("export")
	fromFlag := fs.String("from", "", "`YYYY-MM-DD` hari pertama (zona waktu toko)")
	toFlag := fs.String("to", "", "`YYYY-MM-DD` hari terakhir, ikut dihitung (zona waktu toko)")
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
		return usagef("export: %s: nama file harus berakhiran .xlsx atau .csv", file)
	}
	for _, d := range []*string{fromFlag, toFlag} {
		if _, err := time.Parse(time.DateOnly, *d); *d != "" && err != nil {
			return usagef("export: %q: tulis YYYY-MM-DD (contoh 2026-11-30)", *d)
		}
	}
	if *fromFlag != "" && *toFlag != "" && *toFlag < *fromFlag {
		return usagef("export: --to %s lebih awal dari --from %s", *toFlag, *fromFlag)
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
	write := sheet.WriteCSV
	if ext == ".xlsx" {
		write = sheet.WriteXLSX
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
