package web

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"bytes"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// importLimit caps an uploaded catalogue: far above MaxCatalogRows of real
// rows, far below what would hurt the machine.
const importLimit = 4 << 20

// catalogView is the catalogue with stock forms and the import result.
type catalogView struct {
	Products    []flows.Product
	ImportError string
	MaxMB       int
}

func (s *Server) catalog(w http.ResponseWriter, r *http.Request) {
	s.renderCatalog(w, r, http.StatusOK, "")
}

func (s *Server) renderCatalog(w http.ResponseWriter, r *http.Request, status int, importErr string) {
	cat, err := s.c.DB.Catalog(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Katalog gagal dibaca.", err)
		return
	}
	s.render(w, r, status, "catalog", "Katalog", catalogView{Products: cat.Products, ImportError: importErr, MaxMB: importLimit >> 20})
}

// setStock runs "/stok SKU VARIAN N" for one variant, named exactly, so a
// fuzzy match can never change another variant.
func (s *Server) setStock(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Isian formulir tidak terbaca.", nil)
		return
	}
	sku, variant := r.PostFormValue("sku"), r.PostFormValue("varian")
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("stok")))
	if err != nil || n < 0 || n > config.MaxStock {
		s.done(w, r, "/katalog", fmt.Sprintf("Stok harus angka 0 sampai %d.", config.MaxStock), true)
		return
	}
	cat, err := s.c.DB.Catalog(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Katalog gagal dibaca.", err)
		return
	}
	p, ok := cat.Product(sku)
	var v *flows.Variant
	if ok {
		v, ok = p.Variant(variant)
	}
	// The command splits on spaces: the names must survive that unchanged.
	if !ok || sku != token(sku, 64) || variant != strings.Join(strings.Fields(variant), " ") || (variant == "" && len(p.Variants) != 1) {
		s.done(w, r, "/katalog", "Varian tidak ditemukan; ubah stoknya lewat impor CSV.", true)
		return
	}
	text := fmt.Sprintf("/stok %s %d", p.SKU, n)
	if v.Name != "" {
		text = fmt.Sprintf("/stok %s %s %d", p.SKU, v.Name, n)
	}
	s.command(w, r, "/katalog#"+p.SKU, text)
}

// importCatalog reads an uploaded catalogue CSV and imports it; a bad file
// is shown with the line and column config names.
func (s *Server) importCatalog(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, importLimit+formLimit)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		msg := "Pilih file CSV katalog dulu."
		if errors.As(err, &tooBig) {
			msg = fmt.Sprintf("File terlalu besar (paling besar %d MB).", importLimit>>20)
		}
		s.renderCatalog(w, r, http.StatusBadRequest, msg)
		return
	}
	defer r.MultipartForm.RemoveAll()
	f, hdr, err := r.FormFile("file")
	if err != nil {
		s.renderCatalog(w, r, http.StatusBadRequest, "Pilih file CSV katalog dulu.")
		return
	}
	defer f.Close()
	name := lang.Clean(filepath.Base(hdr.Filename), 100)
	if name == "" || name == "." || name == "/" {
		name = "katalog.csv"
	}
	cat, cols, err := config.ReadCatalogCSVColumns(name, f)
	if err != nil {
		s.renderCatalog(w, r, http.StatusBadRequest, err.Error())
		return
	}
	replace := r.PostFormValue("ganti") == "1"
	// Through the bot, as every owner action: the import and its audit
	// entry are one commit.
	res, err := s.c.Bot.ImportCatalog(r.Context(), s.staff, name, cat, replace, cols)
	if err != nil {
		s.c.Log.Error("catalogue import failed", "err", err)
		s.renderCatalog(w, r, http.StatusInternalServerError, "Impor gagal; katalog tidak berubah.")
		return
	}
	s.c.Log.Info("dashboard catalogue import", "products", res.Products, "variants", res.Variants)
	msg := fmt.Sprintf("Katalog diimpor: %d produk, %d varian (%d baru, %d diperbarui)", res.Products, res.Variants, res.Added, res.Updated)
	if replace {
		msg += fmt.Sprintf(", %d varian lama dinonaktifkan", res.Deactivated)
	}
	s.done(w, r, "/katalog", msg+".", false)
}

// exportCatalog downloads the active catalogue in the format import reads.
func (s *Server) exportCatalog(w http.ResponseWriter, r *http.Request) {
	cat, err := s.c.DB.Catalog(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Katalog gagal dibaca.", err)
		return
	}
	var buf bytes.Buffer
	if err := config.WriteCatalogCSV(&buf, cat); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Katalog gagal ditulis.", err)
		return
	}
	name := "katalog-" + s.c.Now().In(s.loc()).Format("20060102") + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
