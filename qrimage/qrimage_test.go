package qrimage

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

const payload = "00020101021226690020ID.CO.CONTOHBANK.WWW011893600999001234567802120009876543210303UMI" +
	"51440014ID.CO.QRIS.WWW0215ID10261234567890303UMI520456995303360540615033758" +
	"02ID5912HIJAB CONTOH6006BEKASI61051711262070703A016304ABCD"

func TestRoundTripPNG(t *testing.T) {
	data, err := PNG(payload)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := PNG(payload)
	if !bytes.Equal(data, again) {
		t.Error("PNG is not deterministic")
	}
	path := filepath.Join(t.TempDir(), "qris.png")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != payload {
		t.Errorf("decoded %q\nwant    %q", got, payload)
	}
}

// A phone photo: the code smaller, off-centre on a coloured poster, as JPEG.
func TestDecodePosterJPEG(t *testing.T) {
	data, err := PNG(payload)
	if err != nil {
		t.Fatal(err)
	}
	code, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := code.Bounds()
	poster := image.NewRGBA(image.Rect(0, 0, b.Dx()+300, b.Dy()+500))
	draw.Draw(poster, poster.Bounds(), &image.Uniform{color.RGBA{200, 30, 40, 255}}, image.Point{}, draw.Src)
	draw.Draw(poster, b.Add(image.Pt(120, 260)), code, b.Min, draw.Src)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, poster, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got != payload {
		t.Errorf("decoded %q", got)
	}
}

func TestDecodeRefuses(t *testing.T) {
	if _, err := Decode([]byte("bukan gambar")); !errors.Is(err, ErrNotImage) {
		t.Errorf("text: %v, want ErrNotImage", err)
	}
	blank := image.NewGray(image.Rect(0, 0, 200, 200))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, blank); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(buf.Bytes()); !errors.Is(err, ErrNoCode) {
		t.Errorf("blank: %v, want ErrNoCode", err)
	}
	if _, err := DecodeFile(filepath.Join(t.TempDir(), "tidak-ada.png")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
