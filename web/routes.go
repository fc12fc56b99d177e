package web

import "net/http"

// routes lists every route of the dashboard. Changes are POST only; each
// page and action but the login needs a session.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS())))

	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login/kode", s.requestCode)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /keluar", s.logout)

	mux.HandleFunc("GET /{$}", s.authed(s.today))
	mux.HandleFunc("GET /pesanan", s.authed(s.orders))
	mux.HandleFunc("GET /pesanan/ekspor", s.authed(s.exportOrders))
	mux.HandleFunc("GET /pesanan/{id}", s.authed(s.order))
	mux.HandleFunc("GET /pesanan/{id}/qris.png", s.authed(s.orderQRIS))
	mux.HandleFunc("POST /pesanan/{id}/lunas", s.authed(s.orderAction("lunas")))
	mux.HandleFunc("POST /pesanan/{id}/kirim", s.authed(s.orderAction("kirim")))
	mux.HandleFunc("POST /pesanan/{id}/selesai", s.authed(s.orderAction("selesai")))
	mux.HandleFunc("POST /pesanan/{id}/batal", s.authed(s.orderAction("batal")))
	mux.HandleFunc("GET /komplain", s.authed(s.complaints))
	mux.HandleFunc("POST /komplain/{id}/balas", s.authed(s.complaintAction("balas")))
	mux.HandleFunc("POST /komplain/{id}/tutup", s.authed(s.complaintAction("tutup")))
	mux.HandleFunc("GET /katalog", s.authed(s.catalog))
	mux.HandleFunc("POST /katalog/stok", s.authed(s.setStock))
	mux.HandleFunc("POST /katalog/impor", s.authed(s.importCatalog))
	mux.HandleFunc("GET /katalog/ekspor", s.authed(s.exportCatalog))
	mux.HandleFunc("GET /pelanggan", s.authed(s.customers))
	mux.HandleFunc("POST /pelanggan/data", s.authed(s.customerAction("datapelanggan")))
	mux.HandleFunc("POST /pelanggan/hapus", s.authed(s.customerAction("hapusdata")))
	mux.HandleFunc("GET /media/{path...}", s.authed(s.media))
	return mux
}
