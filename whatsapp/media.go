package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of payment proofs
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"

	"github.com/pesanbot/pesanbot/flows"
)

// Limits for media customers send (payment proofs, complaint photos).
const (
	// maxMediaBytes caps one file, checked on the size the sender claims
	// before downloading and on the bytes actually written while
	// downloading (the claim can lie).
	maxMediaBytes = 5 << 20
	// maxMediaPixels refuses image bombs (a 50,000×50,000 PNG is a few
	// hundred KB) before anything decodes them.
	maxMediaPixels = 40_000_000
	// mediaDownloadTimeout bounds one download; it runs in the background
	// after the message is committed.
	mediaDownloadTimeout = 45 * time.Second
	// mediaDir is where media go, inside the data directory.
	mediaDir = "media"
)

// mediaTypes is the allowlist, by the type sniffed from the file's own
// bytes, with the extension files get.
var mediaTypes = map[string]string{
	"image/jpeg":      ".jpg",
	"image/png":       ".png",
	"image/webp":      ".webp",
	"application/pdf": ".pdf",
}

var (
	errMediaTooLarge  = errors.New("file too large")
	errMediaForbidden = errors.New("file type not accepted")
)

// planMedia decides, before the message is committed and without any
// network, what an image or document will be: the kind and the path its
// file will have (relative to the data directory). A type or claimed size
// the shop does not accept becomes a document without a file, which the
// flows answer with "please send it as text".
func (w *WhatsApp) planMedia(msgID string, c content) (flows.MediaKind, string) {
	claimed, _, _ := mime.ParseMediaType(c.mime)
	ext, ok := mediaTypes[claimed]
	if !ok {
		w.log.Info("media refused: type not accepted", "msg", msgID, "type", claimed)
		return flows.MediaDocument, ""
	}
	if c.size > maxMediaBytes {
		w.log.Info("media refused: too large", "msg", msgID, "bytes", c.size)
		return flows.MediaDocument, ""
	}
	if w.client() == nil {
		return c.media, ""
	}
	return c.media, mediaDir + "/" + safeName(msgID) + ext
}

// fetchMedia downloads a committed message's file in the background, so
// whatsmeow's event goroutine only waits for the commit. A file refused
// during the download (larger than claimed, not what it says, an image
// bomb) or lost to the network is taken off the message before its turn
// runs: the flows then see a document without a file.
func (w *WhatsApp) fetchMedia(msgID, path string, c content) {
	cli := w.client()
	if cli == nil {
		return
	}
	w.async(func() {
		ctx, cancel := context.WithTimeout(context.Background(), mediaDownloadTimeout)
		defer cancel()
		err := w.download(ctx, cli, path, c.file)
		if err == nil {
			return
		}
		kind := c.media
		if errors.Is(err, errMediaTooLarge) || errors.Is(err, errMediaForbidden) {
			w.log.Info("media refused", "msg", msgID, "err", err)
			kind = flows.MediaDocument
		} else {
			w.log.Warn("media download failed; the message goes on without the file", "msg", msgID, "err", err)
		}
		pending, uerr := w.bot.SetMedia(ctx, msgID, kind, "")
		if uerr != nil {
			w.log.Error("could not take the refused file off its message", "msg", msgID, "err", uerr)
		} else if !pending {
			w.log.Warn("media refused after its turn ran; staff see the message without a file", "msg", msgID)
		}
	})
}

// download writes one file through a capped writer into a temporary file,
// checks what it really is, and renames it onto path (0600, in a 0700
// directory). The name comes from the message id, so a redelivered
// message overwrites its own file.
func (w *WhatsApp) download(ctx context.Context, cli waClient, path string, file whatsmeow.DownloadableMessage) error {
	dir := filepath.Join(w.cfg.DataDir, mediaDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("failed to create %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("failed to set permissions of %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".download-*") // 0600
	if err != nil {
		return fmt.Errorf("failed to create a media file: %w", err)
	}
	keep := false
	defer func() {
		tmp.Close()
		if !keep {
			os.Remove(tmp.Name())
		}
	}()
	// The encrypted download is the file plus AES padding and a 10-byte MAC.
	if err := cli.DownloadToFile(ctx, file, &cappedFile{f: tmp, limit: maxMediaBytes + 64}); err != nil {
		return fmt.Errorf("failed to download media: %w", err)
	}
	if _, err := checkMedia(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("failed to save media: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(w.cfg.DataDir, filepath.FromSlash(path))); err != nil {
		return fmt.Errorf("failed to save media: %w", err)
	}
	keep = true
	return nil
}

// checkMedia looks at the downloaded bytes: the size, the type by content
// (a zip renamed .jpg is not an image) and, for images, the pixel count
// from the header alone.
func checkMedia(f *os.File) (ext string, err error) {
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if st.Size() > maxMediaBytes {
		return "", errMediaTooLarge
	}
	head := make([]byte, 512)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	kind, _, _ := mime.ParseMediaType(http.DetectContentType(head[:n]))
	ext, ok := mediaTypes[kind]
	if !ok {
		return "", fmt.Errorf("%w: %s", errMediaForbidden, kind)
	}
	if kind == "image/jpeg" || kind == "image/png" {
		cfg, _, err := image.DecodeConfig(io.NewSectionReader(f, 0, st.Size()))
		if err != nil {
			return "", fmt.Errorf("%w: unreadable image: %v", errMediaForbidden, err)
		}
		if int64(cfg.Width)*int64(cfg.Height) > maxMediaPixels {
			return "", fmt.Errorf("%w: %dx%d pixels", errMediaTooLarge, cfg.Width, cfg.Height)
		}
	}
	return ext, nil
}

// safeName turns a message id into a file name: letters and digits only.
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
		if b.Len() >= 64 {
			break
		}
	}
	if b.Len() == 0 {
		return "media"
	}
	return "wa-" + b.String()
}

// cappedFile is the file whatsmeow downloads into. Every write past limit
// fails, so a sender lying about the size cannot fill the disk. It wraps
// the *os.File rather than embedding it: an embedded ReadFrom would let
// io.Copy write around the cap (and whatsmeow would preallocate the
// server's Content-Length on a bare *os.File).
type cappedFile struct {
	f     *os.File
	limit int64
}

var _ whatsmeow.File = (*cappedFile)(nil)

func (c *cappedFile) Write(p []byte) (int, error) {
	off, err := c.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	if off+int64(len(p)) > c.limit {
		return 0, errMediaTooLarge
	}
	return c.f.Write(p)
}

func (c *cappedFile) WriteAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > c.limit {
		return 0, errMediaTooLarge
	}
	return c.f.WriteAt(p, off)
}

func (c *cappedFile) Read(p []byte) (int, error)                { return c.f.Read(p) }
func (c *cappedFile) ReadAt(p []byte, off int64) (int, error)   { return c.f.ReadAt(p, off) }
func (c *cappedFile) Seek(off int64, whence int) (int64, error) { return c.f.Seek(off, whence) }
func (c *cappedFile) Truncate(size int64) error                 { return c.f.Truncate(size) }
func (c *cappedFile) Stat() (os.FileInfo, error)                { return c.f.Stat() }
