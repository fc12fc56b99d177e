package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// turn carries one Handle call: the inputs, the state being built and the
// replies and effects gathered so far.
type turn struct {
	shop      *Shop
	v         View
	in        Input
	st        State
	norm      string
	res       Result
	first     bool // first turn of the day: greet
	greeted   bool // greeted in this turn
	mediaTook bool // an image was taken as a proof or complaint photo

	r         lang.Reading // the whole message, read once
	intent    lang.Intent  // the message's keyword intent: whether it orders
	asked     bool         // a question of ours is out ("yang mana?", "mau berapa?")
	added     bool         // an item went into the cart
	edited    bool         // a cart line changed or went
	answered  bool         // a question of the buyer's was answered
	salamDone bool         // "waalaikumsalam" said
	areas     *lang.Areas  // the shop's areas, read on first use
	returned  int          // hadReturn: 0 not read yet, 1 no, 2 yes
	catItems  []lang.Item  // products sent from the WhatsApp catalogue, read as mentions
	cartAcked bool         // a WhatsApp catalogue cart was acknowledged
}

// Handle runs one customer turn. It never panics on any input and always
// answers unless a human has taken the chat over.
func Handle(shop *Shop, st State, in Input, v View) Result {
	t := &turn{shop: shop, v: v, in: in, st: st}
	t.first = !sameDay(st.LastSeen, in.At, shop.Location)
	if t.first {
		// Only the day is ever asked of it: a turn that changes nothing
		// else leaves the state as it was, and it is not written again.
		t.st.LastSeen = in.At
	}
	if !in.Customer.PausedUntil.After(in.At) {
		t.st.Waiting = time.Time{}
	}
	if in.Customer.PausedUntil.After(in.At) {
		// A human has this chat: stay quiet, keep the state, and remember
		// since when the customer waits, for the handover cap.
		start := in.Customer.PausedUntil.Add(-shop.HandoverCap)
		if t.st.Waiting.Before(start) {
			t.st.Waiting = in.At
		}
		t.res.State = t.st
		return t.res
	}
	if in.Late {
		t.say("late_reply")
	}
	if utf8.RuneCountInString(in.Text) > lang.MaxParseRunes {
		t.say("too_long")
	}
	t.norm = lang.Normalize(in.Text)
	t.handleMedia()
	t.handleCatalog()
	if strings.TrimSpace(t.norm) != "" || len(t.catItems) > 0 || (len(in.Media) == 0 && len(t.res.Replies) == 0) {
		t.handleText()
	}
	if !t.st.Privacy && len(t.res.Replies) > 0 {
		t.st.Privacy = true
		t.say("privacy")
	}
	t.res.State = t.st
	return t.res
}

// say adds a reply to the customer.
func (t *turn) say(key string, kv ...string) {
	t.sayText(t.shop.Text(key, kv...))
}

func (t *turn) sayText(text string) {
	if text == "" {
		return
	}
	t.res.Replies = append(t.res.Replies, Reply{Text: text})
}

// notify sends a text to the owners and the cs staff.
func (t *turn) notify(text string) {
	t.res.Replies = append(t.res.Replies, staffReplies(t.shop, text, "")...)
}

func staffReplies(shop *Shop, text, image string) []Reply {
	var out []Reply
	for _, o := range shop.Owners {
		out = append(out, Reply{To: o, Text: text, Image: image})
	}
	for _, s := range shop.Staff {
		if s.Role == RoleCS {
			out = append(out, Reply{To: s.Phone, Text: text, Image: image})
		}
	}
	return out
}

func (t *turn) effect(e Effect) { t.res.Effects = append(t.res.Effects, e) }

// greet opens the day's first turn with the customer's name.
func (t *turn) greet() {
	if !t.first {
		return
	}
	t.first = false
	t.greeted = true
	key := "greeting"
	if t.has(lang.ActSalam) {
		key, t.salamDone = "greeting_salam", true
	}
	t.say(key, "name", t.nameSuffix(), "shop", t.shop.Name)
	if !t.shop.Open(t.in.At) {
		t.say("closed_hours", "open", t.shop.NextOpen(t.in.At))
	}
}

func (t *turn) nameSuffix() string {
	n := lang.Clean(t.in.Customer.PushName, 40)
	if n == "" {
		return ""
	}
	return " " + n
}

func (t *turn) customerLabel() string {
	n := lang.Clean(t.in.Customer.PushName, 40)
	if n == "" {
		n = "Pelanggan"
	}
	return n
}

func (t *turn) customerPhone() string { return t.in.Customer.Chat() }

// handleMedia answers what the turn's attachments need.
func (t *turn) handleMedia() {
	unsupported := ""
	for _, m := range t.in.Media {
		switch m.Kind {
		case MediaImage, MediaDocument:
			if m.Kind == MediaDocument && m.Path == "" {
				unsupported = "dokumen"
				continue
			}
			t.handleImage(m)
		case MediaReaction:
			// A reaction is not a question; it needs no answer.
		case MediaEdit, MediaRevoke:
			t.editedAfterOrder(m.Kind)
		case MediaSticker:
			unsupported = "stiker"
		case MediaAudio:
			unsupported = "pesan suara"
		case MediaVideo:
			unsupported = "video"
		case MediaLocation:
			unsupported = "lokasi"
		case MediaContact:
			unsupported = "kontak"
		default:
			unsupported = "pesan ini"
		}
	}
	if unsupported != "" && strings.TrimSpace(t.norm) == "" {
		// One answer per ten minutes: a burst of stickers gets one reply.
		if t.in.At.Sub(t.st.MediaNote) >= 10*time.Minute {
			t.st.MediaNote = t.in.At
			t.greet()
			t.say("media_text_please", "kind", unsupported)
		}
	}
}

// editedAfterOrder answers an edit or a deletion made after an order was
// placed: the order does not change silently, the customer is told how to
// change it and staff see it.
func (t *turn) editedAfterOrder(kind MediaKind) {
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if !o.Status.Open() {
			continue
		}
		t.mediaTook = true
		t.say("edit_note", "id", itoa(o.ID))
		what := "mengubah"
		if kind == MediaRevoke {
			what = "menghapus"
		}
		t.notify(t.shop.Text("notify_edit", "name", t.customerLabel(), "phone", t.customerPhone(), "what", what, "id", itoa(o.ID), "text", lang.Clean(t.in.Text, 300)))
		return
	}
}

// handleImage reads an image as a payment proof when an order waits for
// payment, as a complaint photo during a complaint, and otherwise just thanks.
func (t *turn) handleImage(m Media) {
	if t.st.Complaint != nil && t.st.Complaint.ID != 0 && t.st.Step == StepComplaintDesc {
		t.mediaTook = true
		t.effect(UpdateComplaint{ID: t.st.Complaint.ID, AddPhoto: m.Path})
		t.say("complaint_more", "id", itoa(t.st.Complaint.ID), "due", t.complaintDue(t.st.Complaint.ID))
		return
	}
	orders := t.v.CustomerOrders(t.in.Customer.ID)
	for _, o := range orders {
		switch o.Status {
		case StatusAwaitingPayment:
			t.mediaTook = true
			t.effect(AttachProof{OrderID: o.ID, Path: m.Path})
			t.effect(SetOrderStatus{ID: o.ID, Status: StatusAwaitingVerification, At: t.in.At})
			t.say("proof_received", "id", itoa(o.ID))
			t.res.Replies = append(t.res.Replies, staffReplies(t.shop, t.shop.Text("notify_proof",
				"id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "name", t.orderName(o)), m.Path)...)
			return
		case StatusAwaitingVerification:
			t.mediaTook = true
			t.effect(AttachProof{OrderID: o.ID, Path: m.Path})
			t.say("proof_again", "id", itoa(o.ID))
			return
		}
	}
	t.greet()
	if strings.TrimSpace(t.norm) == "" {
		t.say("image_received")
	}
}

func (t *turn) orderName(o Order) string {
	if o.CustomerName != "" {
		return lang.Clean(o.CustomerName, 60)
	}
	return t.customerLabel()
}

func itoa(n int64) string { return fmt.Sprint(n) }

func sameDay(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() {
		return false
	}
	if loc == nil {
		loc = time.UTC
	}
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}
