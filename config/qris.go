package config

import (
	"errors"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
)

// qrisHint ends the messages about payment.qris: the two ways to write it.
const qrisHint = "tulis nama file gambar QRIS toko, atau isi QRIS-nya yang diawali 000201"

// qris reads payment.qris: the QRIS payload itself (it starts with 000201),
// checked here, or the name of the QRIS image, read and checked by Load.
func (p *shopParser) qris(path string, v *yaml.Node) error {
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
// (already made absolute) and checks it; data is the shop.yaml, for the
// line of the key in an error.
func readQRISImage(name string, data []byte, shop *flows.Shop) error {
	pay := &shop.Payment
	if pay.QRIS == "" || pay.QRISPayload != "" {
		return nil
	}
	fail := func(format string, args ...any) error {
		return shopErr(name, keyLine(data, "payment", "qris"), "payment.qris", ErrBadValue, format, args...)
	}
	if strings.Contains(pay.QRIS, "://") {
		return fail("alamat web tidak bisa dibaca; simpan gambar QRIS di folder yang sama dengan shop.yaml lalu tulis nama filenya, atau tulis isi QRIS-nya yang diawali 000201")
	}
	payload, err := qrimage.DecodeFile(pay.QRIS)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail("file %q tidak ada (%s)", pay.QRIS, qrisHint)
	case errors.Is(err, qrimage.ErrNotImage):
		return fail("%q bukan gambar PNG atau JPEG yang bisa dibaca (%s)", pay.QRIS, qrisHint)
	case errors.Is(err, qrimage.ErrNoCode):
		return fail("tidak ada kode QR yang terbaca di %q; pakai gambar QRIS asli yang tajam, atau tulis isi QRIS-nya yang diawali 000201", pay.QRIS)
	case err != nil:
		return fail("file %q tidak bisa dibaca: %v", pay.QRIS, err)
	}
	if err := qris.Validate(payload); err != nil {
		return fail("kode QR di %q bukan QRIS yang sah: %v", pay.QRIS, err)
	}
	pay.QRISPayload = payload
	return nil
}

// keyLine finds the line of a key path in a shop.yaml, keys matched as
// the parser matches them; 0 when it is not there.
func keyLine(data []byte, keys ...string) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n, line := deref(doc.Content[0]), 0
	for _, key := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := deref(n.Content[i]); k != nil && strings.EqualFold(strings.TrimSpace(k.Value), key) {
				next, line = deref(n.Content[i+1]), k.Line
				break
			}
		}
		n = next
	}
	if n == nil {
		return 0
	}
	return line
}
