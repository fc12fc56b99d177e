package bot

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
	// mediaDownloadTimeout bounds one download; it runs before the
	// message is committed, on whatsmeow's event goroutine.
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

// saveMedia downloads an image or document into DATA/media and returns the
// kind and the path (relative to the data directory) to hand to the bot.
// A file refused for its size or type becomes a document without a file,
// which the flows answer with "please send it as text"; a download that
// fails for the network keeps its kind without a file (the shop's phone
// still has it).
func (w *WhatsApp) saveMedia(ctx context.Context, msgID string, c content) (flows.MediaKind, string) {
	claimed, _, _ := mime.ParseMediaType(c.mime)
	if _, ok := mediaTypes[claimed]; !ok {
		w.log.Info("media refused: type not accepted", "msg", msgID, "type", claimed)
		return flows.MediaDocument, ""
	}
	if c.size > maxMediaBytes {
		w.log.Info("media refused: too large", "msg", msgID, "bytes", c.size)
		return flows.MediaDocument, ""
	}
	cli := w.client()
	if cli == nil {
		return c.media, ""
	}
	ctx, cancel := context.WithTimeout(ctx, mediaDownloadTimeout)
	defer cancel()
	path, err := w.download(ctx, cli, msgID, c.file)
	switch {
	case errors.Is(err, errMediaTooLarge), errors.Is(err, errMediaForbidden):
		w.log.Info("media refused", "msg", msgID, "err", err)
		return flows.MediaDocument, ""
	case err != nil:
		w.log.Warn("media download failed; the message goes on without the file", "msg", msgID, "err", err)
		return c.media, ""
	}
	return c.media, path
}

// download writes one file through a capped writer into a temporary file,
// checks what it really is, and renames it into place (0600, in a 0700
// directory). The name comes from the message id, so a redelivered
// message overwrites its own file.
func (w *WhatsApp) download(ctx context.Context, cli waClient, msgID string, file whatsmeow.DownloadableMessage) (string, error) {
	dir := filepath.Join(w.cfg.DataDir, mediaDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("failed to create %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("failed to set permissions of %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".download-*") // 0600
	if err != nil {
		return "", fmt.Errorf("failed to create a media file: %w", err)
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
		return "", fmt.Errorf("failed to download media: %w", err)
	}
	ext, err := checkMedia(tmp)
	if err != nil {
		return "", err
	}
	name := safeName(msgID) + ext
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("failed to save media: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return "", fmt.Errorf("failed to save media: %w", err)
	}
	keep = true
	return mediaDir + "/" + name, nil
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
