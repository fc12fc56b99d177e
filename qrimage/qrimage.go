// Package qrimage turns QR code pictures into text and text into QR code
// pictures: config reads the shop's QRIS from its image file, the bot and
// the dashboard draw each order's dynamic QRIS as a PNG. It knows nothing
// of QRIS itself (package flows/qris does).
package qrimage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // QR pictures saved as GIF
	_ "image/jpeg" // photos and screenshots of a QRIS
	_ "image/png"
	"io"
	"os"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"rsc.io/qr"
)

// Limits on a picture to read: a phone photo is well within them.
const (
	MaxFileBytes = 20 << 20
	MaxPixels    = 40_000_000
)

// Errors of Decode; both come wrapped with details.
var (
	// ErrNotImage is a file that is not a PNG, JPEG or GIF picture, or too large.
	ErrNotImage = errors.New("not a readable image")
	// ErrNoCode is a picture in which no QR code could be read.
	ErrNoCode = errors.New("no QR code found")
)

// DecodeFile reads the QR code in the picture at path.
func DecodeFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return "", err
	}
	if len(data) > MaxFileBytes {
		return "", fmt.Errorf("%w: larger than %d MB", ErrNotImage, MaxFileBytes>>20)
	}
	return Decode(data)
}

// Decode reads the QR code in a PNG, JPEG or GIF picture.
func Decode(data []byte) (string, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return "", fmt.Errorf("%w: %dx%d pixels", ErrNotImage, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoCode, err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoCode, err)
	}
	return res.GetText(), nil
}

// moduleScale is how many pixels one QR module is drawn with: a QRIS of
// about 60 modules comes out near 550 pixels square, sharp on a phone.
const moduleScale = 8

// PNG draws text as a QR code (error correction level M, the quiet zone
// included) and returns the PNG file. The same text always gives the same
// bytes.
func PNG(text string) ([]byte, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, fmt.Errorf("failed to encode QR code: %w", err)
	}
	c.Scale = moduleScale
	return c.PNG(), nil
}
