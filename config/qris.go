package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
)

// qrisHint ends the messages about payment.qris: the two ways to write it.
const qrisHint = "tulis nama file gambar QRIS toko, atau isi QRIS-nya yang diawali 000201"

// qris reads payment.qris: the QRIS payload itself (it starts with 000201),
// checked here, or the name of the QRIS image, checked and read by Load
// once the path is resolved. Its line is remembered for Load's messages.
func (p *shopParser) qris(path string, v *yaml.Node) error {
	p.qrisLine = deref(v).Line
	s, ok, err := p.text(path, v, qris.MaxLen)
	if err != nil || !ok || s == "" {
		return err
	}
	pay := &p.shop.Payment
	pay.QRIS = s
	if !qris.LooksLikePayload(s) {
		return nil
	}
	if err := qris.Validate(s); err != nil {
		return p.errAt(v, path, ErrBadValue, "isi QRIS tidak sah: %v", err)
	}
	pay.QRISPayload = s
	return nil
}

// readQRISImage reads the shop's QRIS from the image payment.qris names
// (already made absolute) and checks it: the file must be there, be a
// regular file (a FIFO or a device is refused before it is opened: reading
// one could block forever), hold a picture by its content, not its name,
// and that picture must hold a valid QRIS. name is the shop.yaml and line
// the line of payment.qris in it, for the error. A payload written in
// shop.yaml itself was checked by the parser.
func readQRISImage(name string, line int, shop *flows.Shop) error {
	pay := &shop.Payment
	if pay.QRIS == "" || pay.QRISPayload != "" {
		return nil
	}
	fail := func(kind error, format string, args ...any) error {
		return shopErr(name, line, "payment.qris", kind, format, args...)
	}
	q := pay.QRIS
	if strings.Contains(q, "://") {
		return fail(ErrBadValue, "alamat web tidak bisa dibaca; simpan gambar QRIS di folder yang sama dengan shop.yaml lalu tulis nama filenya, atau tulis isi QRIS-nya yang diawali 000201")
	}
	st, err := os.Stat(q)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail(ErrBadValue, "file gambar QRIS %q tidak ada; simpan gambarnya di sana atau hapus baris ini (%s)", q, qrisHint)
	case err != nil:
		return fail(ErrBadValue, "file gambar QRIS %q tidak bisa dibuka: %v", q, err)
	case !st.Mode().IsRegular():
		return fail(ErrNotRegular, "%q bukan file gambar biasa (%s); %s", q, fileKind(st.Mode()), qrisHint)
	}
	data, err := readRegular(q, qrimage.MaxFileBytes)
	switch {
	case errors.Is(err, ErrNotRegular):
		return fail(ErrNotRegular, "%q bukan file gambar biasa; %s", q, qrisHint)
	case errors.Is(err, ErrTooLarge):
		return fail(ErrBadValue, "file gambar QRIS %q terlalu besar (lebih dari %d MB); pakai gambar QRIS asli dari bank atau aplikasi pembayaran", q, qrimage.MaxFileBytes>>20)
	case err != nil:
		return fail(ErrBadValue, "file gambar QRIS %q tidak bisa dibaca: %v", q, err)
	}
	payload, err := qrimage.Decode(data)
	switch {
	case errors.Is(err, qrimage.ErrNotImage):
		// Told by the content, not the name: text, a PDF, a damaged
		// picture or one in a format that cannot be read.
		switch ct := http.DetectContentType(data); ct {
		case "image/png", "image/jpeg", "image/gif":
			return fail(ErrBadValue, "gambar %q rusak atau tidak bisa dibaca; simpan ulang gambar QRIS aslinya sebagai PNG atau JPG, atau tulis isi QRIS-nya yang diawali 000201", q)
		default:
			what := "bukan gambar"
			if strings.HasPrefix(ct, "image/") {
				what = "bukan gambar PNG, JPEG atau GIF yang bisa dibaca"
			}
			return fail(ErrBadValue, "%q %s (isinya terbaca sebagai %s); pakai foto QRIS berformat PNG atau JPG, atau tulis isi QRIS-nya yang diawali 000201", q, what, ct)
		}
	case errors.Is(err, qrimage.ErrNoCode):
		return fail(ErrBadValue, "tidak ada kode QR yang terbaca di %q; pakai gambar QRIS asli yang tajam, atau tulis isi QRIS-nya yang diawali 000201", q)
	case err != nil:
		return fail(ErrBadValue, "file gambar QRIS %q tidak bisa dibaca: %v", q, err)
	}
	if err := qris.Validate(payload); err != nil {
		return fail(ErrBadValue, "kode QR di %q bukan QRIS yang sah: %v", q, err)
	}
	pay.QRISPayload = payload
	return nil
}

// readRegular reads at most limit bytes of the regular file at path; the
// opened file is checked again (the name may have been swapped for a FIFO
// since it was looked at). More than limit bytes is ErrTooLarge.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return data, nil
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
