package web

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// mediaTypes are the only kinds of stored file the dashboard shows: the
// content is sniffed, never trusted from the name.
var mediaTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

// media serves a stored image (a payment proof) from DATA/media. The name
// must be a plain local path, and os.OpenInRoot refuses anything, symlinks
// included, that would leave the media directory.
func (s *Server) media(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	if name == "" || !filepath.IsLocal(name) || strings.ContainsAny(name, "\\:\x00") || strings.Contains(name, "..") {
		http.Error(w, "Nama file tidak sah.", http.StatusBadRequest)
		return
	}
	f, err := os.OpenInRoot(s.mediaDir, name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.c.Log.Warn("media refused", "err", err)
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	ctype := http.DetectContentType(head[:n])
	if !mediaTypes[ctype] {
		http.NotFound(w, r)
		return
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "inline")
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", st.ModTime(), f)
}
