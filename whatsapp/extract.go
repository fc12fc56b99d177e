package whatsapp

import (
	"strings"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/pesanbot/pesanbot/flows"
)

// mediaOther is a message kind the flows do not know (a poll, a catalogue
// order card, an invitation); the runtime stores it as "other" and the
// flows answer it like any unsupported message.
const mediaOther flows.MediaKind = "other"

// content is what the bot needs from one WhatsApp message.
type content struct {
	text  string
	media flows.MediaKind
	// file is the image or document to download, with what the sender
	// claims about it (checked again after the download).
	file whatsmeow.DownloadableMessage
	mime string
	size uint64
	// catalog is what a product or a cart from the shop's WhatsApp
	// catalogue carried.
	catalog *flows.CatalogRef
}

// extract reads the text and the kind of a message after whatsmeow's
// unwrapping (ephemeral, view-once, document-with-caption, edited). It
// reports false for what carries nothing for the bot: protocol traffic,
// key distribution, a removed reaction, empty text.
func extract(evt *events.Message) (content, bool) {
	m := evt.Message
	if m == nil {
		return content{}, false
	}
	// REVOKE is the zero value of the type, so GetType() says REVOKE for
	// every message that has no ProtocolMessage at all: check it is there.
	if pm := m.GetProtocolMessage(); pm != nil {
		switch pm.GetType() {
		case waE2E.ProtocolMessage_MESSAGE_EDIT:
			return content{text: textOf(pm.GetEditedMessage()), media: flows.MediaEdit}, true
		case waE2E.ProtocolMessage_REVOKE:
			return content{media: flows.MediaRevoke}, true
		}
		return content{}, false
	}
	if evt.IsEdit {
		return content{text: textOf(m), media: flows.MediaEdit}, true
	}
	if r := m.GetReactionMessage(); r != nil {
		if r.GetText() == "" {
			return content{}, false // a reaction taken back
		}
		return content{text: r.GetText(), media: flows.MediaReaction}, true
	}
	text := textOf(m)
	switch {
	case m.GetImageMessage() != nil:
		img := m.GetImageMessage()
		return content{text: text, media: flows.MediaImage, file: img, mime: img.GetMimetype(), size: img.GetFileLength()}, true
	case m.GetDocumentMessage() != nil:
		doc := m.GetDocumentMessage()
		return content{text: text, media: flows.MediaDocument, file: doc, mime: doc.GetMimetype(), size: doc.GetFileLength()}, true
	case m.GetVideoMessage() != nil || m.GetPtvMessage() != nil:
		return content{text: text, media: flows.MediaVideo}, true
	case m.GetAudioMessage() != nil:
		return content{media: flows.MediaAudio}, true
	case m.GetStickerMessage() != nil || m.GetLottieStickerMessage() != nil:
		return content{media: flows.MediaSticker}, true
	case m.GetLocationMessage() != nil || m.GetLiveLocationMessage() != nil:
		return content{media: flows.MediaLocation}, true
	case m.GetContactMessage() != nil || m.GetContactsArrayMessage() != nil:
		return content{media: flows.MediaContact}, true
	case m.GetProductMessage() != nil:
		return content{text: text, media: mediaOther, catalog: productRef(m.GetProductMessage())}, true
	case m.GetOrderMessage() != nil:
		// The buyer's note with the cart is read like any text.
		return content{text: m.GetOrderMessage().GetMessage(), media: mediaOther, catalog: cartRef(m.GetOrderMessage())}, true
	case m.GetPollCreationMessage() != nil || m.GetPollCreationMessageV2() != nil || m.GetPollCreationMessageV3() != nil,
		m.GetGroupInviteMessage() != nil, m.GetEventMessage() != nil:
		return content{text: text, media: mediaOther}, true
	}
	if strings.TrimSpace(text) == "" {
		return content{}, false
	}
	return content{text: text}, true
}

// textOf finds the text of a message in every place WhatsApp puts it.
func textOf(m *waE2E.Message) string {
	if m == nil {
		return ""
	}
	for _, s := range []string{
		m.GetConversation(),
		m.GetExtendedTextMessage().GetText(),
		m.GetImageMessage().GetCaption(),
		m.GetVideoMessage().GetCaption(),
		m.GetDocumentMessage().GetCaption(),
		m.GetButtonsResponseMessage().GetSelectedDisplayText(),
		m.GetListResponseMessage().GetTitle(),
		m.GetTemplateButtonReplyMessage().GetSelectedDisplayText(),
	} {
		if s != "" {
			return s
		}
	}
	return ""
}

// productRef reads a product sent from the shop's catalogue: its retailer
// id (the shop's SKU when the catalogue is set up so), its title and its
// price in rupiah when the catalogue shows rupiah.
func productRef(pm *waE2E.ProductMessage) *flows.CatalogRef {
	p := pm.GetProduct()
	ref := &flows.ProductRef{RetailerID: p.GetRetailerID(), Title: p.GetTitle()}
	if rupiah(p.GetCurrencyCode()) {
		price := p.GetSalePriceAmount1000()
		if price <= 0 {
			price = p.GetPriceAmount1000()
		}
		ref.Price = max(price/1000, 0)
	}
	return &flows.CatalogRef{Product: ref}
}

// cartRef reads a cart ordered from the catalogue. The message holds its
// item count and total, not its lines; whatsmeow has no call to fetch
// them, so the order id and token are kept for staff and for later.
func cartRef(om *waE2E.OrderMessage) *flows.CatalogRef {
	c := &flows.CartRef{OrderID: om.GetOrderID(), Token: om.GetToken(), Items: int(om.GetItemCount()), Title: om.GetOrderTitle()}
	if rupiah(om.GetTotalCurrencyCode()) {
		c.Total = max(om.GetTotalAmount1000()/1000, 0)
	}
	return &flows.CatalogRef{Cart: c}
}

// rupiah reports whether a catalogue amount is in rupiah (or says nothing,
// as an Indonesian shop's catalogue does).
func rupiah(currency string) bool {
	return currency == "" || strings.EqualFold(currency, "IDR")
}
