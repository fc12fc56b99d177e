package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/pesanbot/pesanbot/store"
)

const (
	// connectWait is how long a reply waits for the connection before the
	// outbox retries it later.
	connectWait = 10 * time.Second
	// sendTimeout bounds one send once it started; it runs on a context
	// that shutdown does not cancel, so a reply being sent is finished.
	sendTimeout = 90 * time.Second
	// maxReplyImage caps an image the bot sends (a product photo, QRIS).
	maxReplyImage = 16 << 20
	// refusalPause stops all sending after WhatsApp refused a message for
	// the account's standing (463, 479): pushing on is how bans happen.
	refusalPause = 15 * time.Minute
)

// Send implements Transport: it delivers one outbox row to WhatsApp with
// the row's pre-generated message id, so a resend after a crash or a
// timeout is the same message, not a second one. It refuses anything but
// a direct chat, waits for the connection, paces itself and shows
// "typing…" first.
func (w *WhatsApp) Send(ctx context.Context, m store.Outgoing) error {
	to, err := destination(m.Chat)
	if err != nil {
		if _, seen := w.warned.LoadOrStore(m.ID, true); !seen {
			w.log.Error("reply not sent: not a direct chat", "outbox", m.ID)
		}
		return err
	}
	cli, err := w.waitConnected(ctx, connectWait)
	if err != nil {
		return err
	}
	to = w.sendTarget(ctx, to)
	msg, err := w.compose(ctx, cli, m)
	if err != nil || msg == nil {
		return err
	}
	typing := typingTime(m.Text)
	wait := w.pace.reserve(m.Chat, typing)
	if err := w.sleep(ctx, wait-typing); err != nil {
		return err
	}
	if err := cli.SendChatPresence(ctx, to, types.ChatPresenceComposing, types.ChatPresenceMediaText); err != nil {
		w.log.Debug("typing indicator not sent", "outbox", m.ID, "err", err)
	}
	if err := w.sleep(ctx, min(typing, wait)); err != nil {
		return err
	}
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	_, err = cli.SendMessage(sendCtx, to, msg, whatsmeow.SendRequestExtra{ID: types.MessageID(m.MsgID)})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, whatsmeow.ErrMessageTimedOut):
		// The message may well have arrived: a receipt says so. Otherwise
		// the retry carries the same id, which WhatsApp shows once.
		if w.receipts.seen(m.MsgID) {
			return nil
		}
		return fmt.Errorf("no answer from WhatsApp, will retry with the same id: %w", err)
	case errors.Is(err, whatsmeow.ErrServerReturnedError) && refusedForStanding(err):
		w.pace.hold(refusalPause)
		w.say("pesanbot: WhatsApp menolak pesan keluar (%v); pengiriman dihentikan %v agar nomor toko aman. / WhatsApp refused a message; sending paused for %v to keep the number safe.", err, refusalPause, refusalPause)
		w.log.Error("WhatsApp refused a message; sending paused", "err", err, "pause", refusalPause)
	}
	return fmt.Errorf("failed to send reply: %w", err)
}

// refusedForStanding tells WhatsApp's "this account may not message this
// person now" codes; whatsmeow puts the number only in the error text.
func refusedForStanding(err error) bool {
	s := err.Error()
	return strings.HasSuffix(s, " 463") || strings.HasSuffix(s, " 479")
}

// destination parses an outbox chat (a store.ChatKey). Any
// other address (a group, status@broadcast, a newsletter) is refused, so
// nothing the bot writes can ever go out as a status or a group message.
func destination(chat string) (types.JID, error) {
	if lid, isLID := store.ChatKey(chat).LID(); isLID {
		if validLID(lid) {
			return types.NewJID(lid, types.HiddenUserServer), nil
		}
	} else if validPhone(chat) {
		return types.NewJID(chat, types.DefaultUserServer), nil
	}
	return types.JID{}, ErrNotDirect
}

// sendTarget prefers the phone number for a LID chat when WhatsApp has told
// us the number: this whatsmeow version addresses direct chats by phone
// number and converts to LID itself where the account needs it.
func (w *WhatsApp) sendTarget(ctx context.Context, to types.JID) types.JID {
	if to.Server != types.HiddenUserServer {
		return to
	}
	if p := w.phoneOfLID(ctx, to); validPhone(p) {
		return types.NewJID(p, types.DefaultUserServer)
	}
	return to
}

// compose builds the WhatsApp message of an outbox row: an image with the
// text as caption, or the text. A missing or unusable image file leaves
// the text alone; nil means there is nothing to send.
func (w *WhatsApp) compose(ctx context.Context, cli waClient, m store.Outgoing) (*waE2E.Message, error) {
	if m.Image != "" {
		data, kind, cfg, err := w.readReplyImage(m.Image)
		if err == nil {
			up, err := cli.Upload(ctx, data, whatsmeow.MediaImage)
			if err != nil {
				return nil, fmt.Errorf("failed to upload image: %w", err)
			}
			img := &waE2E.ImageMessage{
				URL:           proto.String(up.URL),
				DirectPath:    proto.String(up.DirectPath),
				MediaKey:      up.MediaKey,
				FileEncSHA256: up.FileEncSHA256,
				FileSHA256:    up.FileSHA256,
				FileLength:    proto.Uint64(up.FileLength),
				Mimetype:      proto.String(kind),
			}
			if cfg.Width > 0 && cfg.Height > 0 {
				img.Width, img.Height = proto.Uint32(uint32(cfg.Width)), proto.Uint32(uint32(cfg.Height))
			}
			if strings.TrimSpace(m.Text) != "" {
				img.Caption = proto.String(m.Text)
			}
			return &waE2E.Message{ImageMessage: img}, nil
		}
		w.log.Warn("reply image unavailable; sending the text alone", "outbox", m.ID, "err", err)
	}
	if strings.TrimSpace(m.Text) == "" {
		return nil, nil
	}
	return &waE2E.Message{Conversation: proto.String(m.Text)}, nil
}

// readReplyImage reads an image the bot sends: a path relative to the
// data directory (or absolute, from shop.yaml), an image by its content.
func (w *WhatsApp) readReplyImage(p string) ([]byte, string, image.Config, error) {
	var cfg image.Config
	if !filepath.IsAbs(p) {
		if !filepath.IsLocal(p) {
			return nil, "", cfg, fmt.Errorf("image path %q leaves the data directory", p)
		}
		p = filepath.Join(w.cfg.DataDir, p)
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, "", cfg, err
	}
	if st.Size() > maxReplyImage {
		return nil, "", cfg, errMediaTooLarge
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "", cfg, err
	}
	kind, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	switch kind {
	case "image/jpeg", "image/png":
		cfg, _, _ = image.DecodeConfig(bytes.NewReader(data))
	case "image/webp", "image/gif":
	default:
		return nil, "", cfg, fmt.Errorf("%w: %s", errMediaForbidden, kind)
	}
	return data, kind, cfg, nil
}

// typingTime is how long "typing…" shows before a reply: about as long as
// a person takes, capped so a long summary does not keep a chat waiting.
func typingTime(text string) time.Duration {
	d := time.Duration(utf8.RuneCountInString(text)) * 30 * time.Millisecond
	return min(max(d, 700*time.Millisecond), 4*time.Second)
}
