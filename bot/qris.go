package bot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/qris"
	"github.com/pesanbot/pesanbot/qrimage"
)

// errQRISChanged is a QRIS picture whose name no longer matches the shop's
// QRIS (payment.qris changed since the reply was queued).
var errQRISChanged = errors.New("the shop's QRIS changed since this picture was named")

// ensureQRISImage draws the picture of an order's dynamic QRIS when a reply
// names one (rel made by qris.ImagePath) and the file is not there yet. It
// is drawn from the shop's static QRIS and the amount in the name, and only
// when that gives the same name again, so a file always shows the payload
// its name stands for; the same name always gives the same bytes, so
// drawing twice (a retried transaction, two deliveries) is harmless. Any
// other path is left alone.
func (b *Bot) ensureQRISImage(rel string) error {
	amount, ok := qris.ImageAmount(rel)
	if !ok || b.dataDir == "" {
		return nil
	}
	path := filepath.Join(b.dataDir, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dyn := flows.OrderQRIS(b.shop, amount)
	if dyn == "" || qris.ImagePath(dyn) != rel {
		return errQRISChanged
	}
	data, err := qrimage.PNG(dyn)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// writeFileAtomic writes a private file through a temporary one, so a
// reader never sees half a picture.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("failed to create %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("failed to write %s: %w", path, werr)
	}
	return nil
}
