package whatsapp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"
)

// writeAll writes data in chunks, as whatsmeow's io.Copy does.
func writeAll(f whatsmeow.File, data []byte) error {
	for len(data) > 0 {
		n := min(len(data), 32<<10)
		if _, err := f.Write(data[:n]); err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a valid PNG header announcing w×h pixels: a few bytes that
// would make a decoder allocate gigabytes.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit truecolour
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func imageMsg(mimetype string, size uint64) *waE2E.Message {
	return &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Mimetype: proto.String(mimetype), FileLength: proto.Uint64(size), Caption: proto.String("bukti tf")}}
}

// TestWhatsAppMedia: payment proofs are stored 0600 in a 0700 media/;
// oversized (claimed or actual), disguised, bomb and unlisted files are
// refused before or during the download and reach the flows as a
// document without a file ("please send text").
func TestWhatsAppMedia(t *testing.T) {
	small := testPNG(t, 4, 4)
	big := bytes.Repeat([]byte{0xff}, maxMediaBytes+100<<10)
	cases := []struct {
		name      string
		raw       *waE2E.Message
		data      []byte // what the download writes; nil: it fails
		kind      string
		file      bool
		downloads int
	}{
		{"proof", imageMsg("image/png", uint64(len(small))), small, "image", true, 1},
		{"claimed too large", imageMsg("image/jpeg", maxMediaBytes+1), small, "document", false, 0},
		{"larger than claimed", imageMsg("image/jpeg", 1000), big, "document", false, 1},
		{"zip named jpeg", imageMsg("image/jpeg", 200), append([]byte("PK\x03\x04"), make([]byte, 200)...), "document", false, 1},
		{"pixel bomb", imageMsg("image/png", 100), pngBomb(50000, 50000), "document", false, 1},
		{"gif not accepted", imageMsg("image/gif", 100), small, "document", false, 0},
		{"network failure", imageMsg("image/png", 100), nil, "image", false, 1},
		{"pdf receipt", &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{Mimetype: proto.String("application/pdf"), FileLength: proto.Uint64(40)}},
			[]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), "document", true, 1},
		{"zip document", &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{Mimetype: proto.String("application/zip"), FileLength: proto.Uint64(40)}},
			[]byte("PK\x03\x04"), "document", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := newWATest(t)
			x.fake.download = func(f whatsmeow.File) error {
				if c.data == nil {
					return errors.New("connection reset")
				}
				return writeAll(f, c.data)
			}
			x.deliver(waMsg("MEDIA1", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), c.raw))
			kind, _, path, ok := x.inbound("MEDIA1")
			if !ok {
				t.Fatal("message not stored")
			}
			if kind != c.kind || (path != "") != c.file {
				t.Fatalf("stored %s with file %q, want %s with a file: %v", kind, path, c.kind, c.file)
			}
			if x.fake.downloads != c.downloads {
				t.Errorf("%d downloads, want %d", x.fake.downloads, c.downloads)
			}
			dir := filepath.Join(x.w.cfg.DataDir, mediaDir)
			entries, _ := os.ReadDir(dir)
			if !c.file {
				if len(entries) != 0 {
					t.Errorf("files left in media/: %v", entries)
				}
				return
			}
			if len(entries) != 1 {
				t.Fatalf("media/ has %v, want the one file", entries)
			}
			st, err := os.Stat(filepath.Join(x.w.cfg.DataDir, path))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("file mode %v, want 0600", st.Mode().Perm())
			}
			if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
				t.Errorf("media/ mode %v, want 0700", dst.Mode().Perm())
			}
		})
	}
}

// TestCappedFileRefusesPastLimit checks the writer itself, including
// io.Copy (which must not find a ReadFrom to write around the cap).
func TestCappedFileRefusesPastLimit(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &cappedFile{f: f, limit: 10}
	if _, err := c.Write(make([]byte, 8)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(make([]byte, 3)); !errors.Is(err, errMediaTooLarge) {
		t.Fatalf("write past the cap: %v", err)
	}
	if _, err := c.WriteAt(make([]byte, 4), 8); !errors.Is(err, errMediaTooLarge) {
		t.Fatalf("WriteAt past the cap: %v", err)
	}
	if _, ok := any(c).(io.ReaderFrom); ok {
		t.Fatal("cappedFile must not have ReadFrom")
	}
	if _, err := bytes.NewReader(make([]byte, 100)).WriteTo(c); !errors.Is(err, errMediaTooLarge) {
		t.Fatalf("copy past the cap: %v", err)
	}
}
