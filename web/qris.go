package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/qrimage"
	"github.com/pesanbot/pesanbot/store"
)

// orderQRIS serves the picture of an order's dynamic QRIS (the shop's QRIS
// for the order's exact total), drawn on each request: nothing is stored.
// 404 when the shop has no QRIS.
func (s *Server) orderQRIS(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	o, err := s.dash.Order(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pesanan gagal dibaca.", err)
		return
	}
	dyn := flows.OrderQRIS(s.c.Shop, o.Total)
	if dyn == "" {
		http.NotFound(w, r)
		return
	}
	data, err := qrimage.PNG(dyn)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "QRIS gagal dibuat.", err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Disposition", "inline")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
}
