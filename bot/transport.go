package bot

import (
	"context"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// What a transport (package whatsapp) may ask of the bot beyond Receive
// and HumanReplied. Transports reach shop.db only through these.

// Forgetter erases what a transport keeps about customers outside shop.db
// (the WhatsApp session's contacts, LID map and keys). The bot calls it
// after an erasure committed; who carries each customer's phone, LID and
// the texts to look for.
type Forgetter interface {
	Forget(ctx context.Context, who []store.Identity) error
}

// Kick wakes the outbox delivery loop (a transport that just connected
// has replies to send).
func (b *Bot) Kick() { b.kick() }

// IsOwnMessage reports whether a transport message id is one of the bot's
// own replies, so a message seen from the shop's own account can be told
// apart from one a person typed on the shop's phone.
func (b *Bot) IsOwnMessage(ctx context.Context, msgID string) (bool, error) {
	return b.db.IsOutboxMessage(ctx, msgID)
}

// SetMedia changes the media of a received message whose turn has not run
// yet (a file refused after the message was committed). pending is false
// when the turn already ran and nothing changed.
func (b *Bot) SetMedia(ctx context.Context, msgID string, kind flows.MediaKind, path string) (pending bool, err error) {
	return b.db.SetInboundMedia(ctx, msgID, string(kind), path)
}
