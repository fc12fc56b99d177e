package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/sheet"
	"github.com/pesanbot/pesanbot/store"
)

// exportOrders downloads the orders as .xlsx (default) or .csv, the same
// file `pesanbot export` writes, for the dates of the order list's filter.
// Every export is recorded in the audit log (it carries personal data).
func (s *Server) exportOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, okFrom := s.parseDay(q.Get("dari"))
	to, okTo := s.parseDay(q.Get("sampai"))
	if !okFrom || !okTo {
		s.done(w, r, "/pesanan", "Tanggal tidak valid (pakai YYYY-MM-DD).", true)
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1) // "sampai" includes that day
	}
	rows, err := s.c.DB.ExportOrders(r.Context(), from, to)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pesanan gagal dibaca.", err)
		return
	}
	var buf bytes.Buffer
	format := "xlsx"
	if q.Get("format") == "csv" {
		format = "csv"
		err = sheet.WriteCSV(&buf, rows, s.loc())
	} else {
		err = sheet.WriteXLSX(&buf, rows, s.loc())
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "File ekspor gagal dibuat.", err)
		return
	}
	detail := fmt.Sprintf("dasbor %s: %d baris", format, len(rows))
	err = s.c.DB.Update(r.Context(), func(tx *store.Tx) error {
		return tx.Apply([]flows.Effect{flows.Audit{Actor: s.staff, Action: "ekspor", Detail: detail}}, "")
	})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Ekspor tidak bisa dicatat; file tidak dikirim.", err)
		return
	}
	name := "pesanan-" + s.c.Now().In(s.loc()).Format("20060102") + "." + format
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
