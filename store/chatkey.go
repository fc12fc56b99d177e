package store

import (
	"strings"

	"github.com/pesanbot/pesanbot/flows"
)

// ChatKey is a chat's address wherever pesanbot names one (the outbox, the
// staff's /ambil, the bot's per-chat maps, the export): the phone digits,
// or "lid:<user>" when WhatsApp gave only the hidden user id (LID). Its
// spelling is flows.LIDChatPrefix, which a turn's Customer.Chat uses too.
type ChatKey string

// lidPrefix marks a chat known only by its LID.
const lidPrefix = flows.LIDChatPrefix

// NewChatKey is the address of a customer: the phone when known, else the
// LID; "" when neither is.
func NewChatKey(phone, lid string) ChatKey {
	switch {
	case phone != "":
		return ChatKey(phone)
	case lid != "":
		return ChatKey(lidPrefix + lid)
	}
	return ""
}

// LIDChatKey is the address of a chat known by its LID user.
func LIDChatKey(lid string) ChatKey { return ChatKey(lidPrefix + lid) }

// ParseChatKey reads an address: ok is false for "".
func ParseChatKey(s string) (k ChatKey, ok bool) { return ChatKey(s), s != "" }

// LID returns the LID user of a LID address; isLID is false for a phone.
func (k ChatKey) LID() (lid string, isLID bool) { return strings.CutPrefix(string(k), lidPrefix) }

// Phone returns the phone digits of a phone address, "" for a LID one.
func (k ChatKey) Phone() string {
	if _, isLID := k.LID(); isLID {
		return ""
	}
	return string(k)
}

// String is the address as stored.
func (k ChatKey) String() string { return string(k) }
