package config

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// checkQRIS checks payment.qris when it names a file: the file must be there,
// be a regular file and hold an image (by its content, not its name). A
// value that does not look like a file name (a QRIS payload text, a URL) is
// left alone here. raw is the value as written, q the resolved path.
func checkQRIS(file string, line int, raw, q string) error {
	if raw == "" || strings.Contains(raw, "://") || !looksLikeFile(raw) {
		return nil
	}
	const key = "payment.qris"
	st, err := os.Stat(q)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return shopErr(file, line, key, ErrBadValue, "file gambar QRIS %s tidak ada; simpan gambarnya di sana atau hapus baris ini", q)
	case err != nil:
		return shopErr(file, line, key, ErrBadValue, "file gambar QRIS %s tidak bisa dibuka: %v", q, err)
	case !st.Mode().IsRegular():
		return shopErr(file, line, key, ErrNotRegular, "%s bukan file gambar biasa (%s)", q, fileKind(st.Mode()))
	}
	f, err := os.Open(q)
	if err != nil {
		return shopErr(file, line, key, ErrBadValue, "file gambar QRIS %s tidak bisa dibuka: %v", q, err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return shopErr(file, line, key, ErrBadValue, "file gambar QRIS %s tidak bisa dibaca: %v", q, err)
	}
	if ct := http.DetectContentType(head[:n]); !strings.HasPrefix(ct, "image/") {
		return shopErr(file, line, key, ErrBadValue, "%s bukan gambar (isinya terbaca sebagai %s); pakai foto QRIS berformat PNG atau JPG", q, ct)
	}
	return nil
}

// looksLikeFile tells a file name ("qris.png", "gambar/qris") from other
// text such as a QRIS payload ("00020101021126…"), which has neither an
// extension nor a directory.
func looksLikeFile(s string) bool {
	if strings.HasPrefix(s, "000201") { // every QRIS (EMVCo) payload starts so
		return false
	}
	if strings.ContainsAny(s, `/\`) {
		return true
	}
	switch strings.ToLower(filepath.Ext(s)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".heic", ".svg", ".pdf":
		return true
	}
	return false
}

// fileKind names a non-regular file's type for the owner.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "sebuah folder"
	case m&fs.ModeNamedPipe != 0:
		return "sebuah FIFO/pipe"
	case m&fs.ModeSocket != 0:
		return "sebuah socket"
	case m&fs.ModeDevice != 0:
		return "sebuah perangkat"
	}
	return "bukan file biasa"
}
