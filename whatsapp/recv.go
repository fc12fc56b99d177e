package whatsapp

import (
	"context"
	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/store"
	"time"

	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/pesanbot/pesanbot/flows"
)

// staleAge is how old a message may be before it counts as backlog from a
// downtime. Backlog still goes through Receive with its own timestamp (the
// bot apologises for the wait); it is only counted in the log.
const staleAge = 24 * time.Hour

// handleMessage filters one message and commits it through the bot.
// Only direct chats with people get through: groups, status updates,
// newsletters, bots and WhatsApp's own service messages are dropped here,
// never answered. A message from the shop's own account is either a staff
// command in the "message yourself" chat or a person answering a customer
// by hand.
func (w *WhatsApp) handleMessage(ctx context.Context, evt *events.Message) error {
	if evt.Message == nil {
		return nil
	}
	info := evt.Info
	if info.IsFromMe {
		return w.handleOwn(ctx, evt)
	}
	peer, ok := directPeer(&info.MessageSource)
	if !ok {
		w.log.Debug("message outside a direct chat ignored", "msg", info.ID, "chat", info.Chat.Server)
		return nil
	}
	c, ok := extract(evt)
	if !ok {
		return nil
	}
	phone, lid := w.resolve(ctx, peer, info.SenderAlt.ToNonAD())
	if phone == "" && lid == "" {
		w.log.Debug("message from an unusable sender ignored", "msg", info.ID)
		return nil
	}
	m := bot.Message{ID: info.ID, Phone: phone, LID: lid, PushName: info.PushName, Text: c.text, Media: c.media, SentAt: info.Timestamp.UTC(), Catalog: c.catalog}
	if c.file != nil {
		m.Media, m.Path = w.planMedia(info.ID, c)
	}
	if age := w.now().Sub(m.SentAt); age > staleAge {
		w.log.Info("old message from before a downtime", "msg", info.ID, "age", age.Round(time.Minute))
	}
	if err := w.bot.Receive(ctx, m); err != nil {
		return err
	}
	if m.Path != "" {
		w.fetchMedia(info.ID, m.Path, c)
	}
	w.markRead(info)
	return nil
}

// directPeer returns the person a message comes from when it is a direct
// chat: a phone-number or LID chat, or a broadcast list a customer sent
// to (it shows as their direct chat on the phone). Status updates, groups,
// newsletters, bots and WhatsApp's service account are not.
func directPeer(src *types.MessageSource) (types.JID, bool) {
	var peer types.JID
	switch {
	case src.IsIncomingBroadcast():
		peer = src.Sender.ToNonAD()
	case src.IsGroup:
		return types.JID{}, false
	case src.Chat.Server == types.DefaultUserServer || src.Chat.Server == types.HiddenUserServer:
		peer = src.Chat.ToNonAD()
		if s := src.Sender.ToNonAD(); !s.IsEmpty() && s != peer {
			return types.JID{}, false
		}
	default:
		return types.JID{}, false
	}
	if peer.Server != types.DefaultUserServer && peer.Server != types.HiddenUserServer {
		return types.JID{}, false
	}
	if peer.IsBot() || peer.User == types.PSAJID.User || peer.User == "" {
		return types.JID{}, false
	}
	return peer, true
}

// resolve gives the phone digits and the LID of a sender, each when known.
// The phone comes only from what WhatsApp's servers vouch for: a phone
// number JID, the sender_pn attribute (SenderAlt), the LID store, or the
// staff LIDs looked up at connect. A LID's digits are never a phone
// number, so a LID-only sender that cannot be resolved is never staff.
func (w *WhatsApp) resolve(ctx context.Context, peer, alt types.JID) (phone, lid string) {
	switch peer.Server {
	case types.DefaultUserServer:
		phone = peer.User
		if alt.Server == types.HiddenUserServer {
			lid = alt.User
		} else if w.lids != nil {
			if l, err := w.lids.GetLIDForPN(ctx, peer); err == nil && !l.IsEmpty() {
				lid = l.User
			}
		}
	case types.HiddenUserServer:
		lid = peer.User
		if alt.Server == types.DefaultUserServer {
			phone = alt.User
		} else if p := w.phoneOfLID(ctx, peer); p != "" {
			phone = p
		}
	}
	if !validPhone(phone) {
		phone = ""
	}
	if !validLID(lid) {
		lid = ""
	}
	return phone, lid
}

// phoneOfLID looks a LID up in the LID store, then among the staff LIDs.
func (w *WhatsApp) phoneOfLID(ctx context.Context, lid types.JID) string {
	if w.lids != nil {
		if p, err := w.lids.GetPNForLID(ctx, lid); err == nil && !p.IsEmpty() {
			return p.User
		} else if err != nil {
			w.log.Debug("LID lookup failed", "err", err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.staff[lid.User]
}

func validPhone(s string) bool {
	return len(s) >= 5 && len(s) <= 20 && allDigits(s)
}

func validLID(s string) bool {
	return len(s) >= 1 && len(s) <= 40 && allDigits(s)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// handleOwn handles a message sent from the shop's own account: on the
// phone, on another linked device, or to itself.
func (w *WhatsApp) handleOwn(ctx context.Context, evt *events.Message) error {
	info := evt.Info
	chat := info.Chat.ToNonAD()
	if chat.Server != types.DefaultUserServer && chat.Server != types.HiddenUserServer {
		return nil // the shop's own group messages, status posts, broadcasts
	}
	c, ok := extract(evt)
	if !ok {
		return nil // protocol traffic: history sync notices, key shares
	}
	// The bot's own replies are not echoed to this device, but a reply
	// must never count as a person taking over, so check anyway.
	mine, err := w.bot.IsOwnMessage(ctx, info.ID)
	if err != nil {
		return err
	}
	if mine {
		return nil
	}
	self := w.identity()
	if (chat.Server == types.DefaultUserServer && chat.User == self.pn) || (chat.Server == types.HiddenUserServer && chat.User == self.lid) {
		return w.handleSelfChat(ctx, evt, c, self)
	}
	key := w.chatKey(ctx, chat, info.RecipientAlt.ToNonAD())
	if key == "" {
		return nil
	}
	w.log.Info("a person answered a chat from the shop's phone; the bot stays quiet there", "msg", info.ID)
	return w.bot.HumanReplied(ctx, key)
}

// handleSelfChat passes staff commands the shop's number writes to itself
// ("message yourself") to the bot; notes to self are left alone.
func (w *WhatsApp) handleSelfChat(ctx context.Context, evt *events.Message, c content, self identity) error {
	if self.pn == "" || w.bot.Shop().RoleOf(self.pn) == "" {
		return nil // the shop's own number is not configured as staff
	}
	if c.media != "" || !flows.IsCommand(c.text) {
		return nil
	}
	info := evt.Info
	m := bot.Message{ID: info.ID, Phone: self.pn, LID: self.lid, PushName: info.PushName, Text: c.text, SentAt: info.Timestamp.UTC()}
	if !validLID(m.LID) {
		m.LID = ""
	}
	return w.bot.Receive(ctx, m)
}

// chatKey is the bot's name for a customer chat: phone digits when known,
// else its LID (store.ChatKey).
func (w *WhatsApp) chatKey(ctx context.Context, chat, alt types.JID) string {
	phone, lid := w.resolve(ctx, chat, alt)
	return store.NewChatKey(phone, lid).String()
}

// markRead sends the read receipt of a committed message (blue ticks) in
// the background: it must not hold up the next message.
func (w *WhatsApp) markRead(info types.MessageInfo) {
	cli := w.client()
	if cli == nil {
		return
	}
	chat, sender := info.Chat, info.Sender
	w.async(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := cli.MarkRead(ctx, []types.MessageID{info.ID}, info.Timestamp, chat, sender); err != nil {
			w.log.Debug("read receipt not sent", "msg", info.ID, "err", err)
		}
	})
}
