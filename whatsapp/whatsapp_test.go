package whatsapp

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/store"
)

func text(s string) *waE2E.Message { return &waE2E.Message{Conversation: proto.String(s)} }

// TestWhatsAppMessageShapes drives the handler with every shape a text or
// a media message takes on the wire and checks what was stored.
func TestWhatsAppMessageShapes(t *testing.T) {
	key := &waCommon.MessageKey{RemoteJID: proto.String(waCust + "@s.whatsapp.net"), ID: proto.String("ORIG1")}
	cases := []struct {
		name      string
		raw       *waE2E.Message
		kind      string // "" means nothing is stored
		wantText  string
		wantMedia bool
	}{
		{"conversation", text("kak gamis ready?"), "text", "kak gamis ready?", false},
		{"extended text", &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("mau 2 yg hitam")}}, "text", "mau 2 yg hitam", false},
		{"ephemeral", &waE2E.Message{EphemeralMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{
			ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("brp ongkir bekasi"), ContextInfo: &waE2E.ContextInfo{Expiration: proto.Uint32(86400)}}}}},
			"text", "brp ongkir bekasi", false},
		{"view-once image with caption", &waE2E.Message{ViewOnceMessageV2: &waE2E.FutureProofMessage{Message: &waE2E.Message{
			ImageMessage: &waE2E.ImageMessage{Caption: proto.String("ini bukti tf"), Mimetype: proto.String("image/png"), FileLength: proto.Uint64(100)}}}},
			"image", "ini bukti tf", true},
		{"document with caption", &waE2E.Message{DocumentWithCaptionMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{
			DocumentMessage: &waE2E.DocumentMessage{Caption: proto.String("struk transfer"), Mimetype: proto.String("application/pdf"), FileLength: proto.Uint64(100)}}}},
			"document", "struk transfer", true},
		{"button reply", &waE2E.Message{ButtonsResponseMessage: &waE2E.ButtonsResponseMessage{Response: &waE2E.ButtonsResponseMessage_SelectedDisplayText{SelectedDisplayText: "1"}}}, "text", "1", false},
		{"edit", &waE2E.Message{EditedMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
			Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(), Key: key, EditedMessage: text("20 kg")}}}},
			"edit", "20 kg", false},
		{"revoke", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum(), Key: key}}, "revoke", "", false},
		// REVOKE is the zero value: a protocol message of another type must
		// not read as a deletion, and neither must a plain message.
		{"history sync notice", &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_HISTORY_SYNC_NOTIFICATION.Enum()}}, "", "", false},
		{"key distribution only", &waE2E.Message{SenderKeyDistributionMessage: &waE2E.SenderKeyDistributionMessage{GroupID: proto.String("x")}}, "", "", false},
		{"reaction", &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{Key: key, Text: proto.String("👍")}}, "reaction", "👍", false},
		{"reaction removed", &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{Key: key, Text: proto.String("")}}, "", "", false},
		{"sticker", &waE2E.Message{StickerMessage: &waE2E.StickerMessage{}}, "sticker", "", false},
		{"voice note", &waE2E.Message{AudioMessage: &waE2E.AudioMessage{PTT: proto.Bool(true)}}, "audio", "", false},
		{"location", &waE2E.Message{LocationMessage: &waE2E.LocationMessage{DegreesLatitude: proto.Float64(-6.2)}}, "location", "", false},
		{"contact", &waE2E.Message{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String("Budi")}}, "contact", "", false},
		{"poll", &waE2E.Message{PollCreationMessageV3: &waE2E.PollCreationMessage{Name: proto.String("warna?")}}, "other", "", false},
		{"blank text", text("   "), "", "", false},
	}
	x := newWATest(t)
	png := testPNG(t, 2, 2)
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x.fake.download = func(f whatsmeow.File) error {
				if strings.Contains(c.name, "document") {
					return writeAll(f, pdf)
				}
				return writeAll(f, png)
			}
			id := "SHAPE" + string(rune('A'+i))
			ev := waMsg(id, waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), c.raw)
			if !x.deliver(ev) {
				t.Fatal("handler refused the message")
			}
			kind, got, path, ok := x.inbound(id)
			if c.kind == "" {
				if ok {
					t.Fatalf("stored %s %q, want nothing", kind, got)
				}
				return
			}
			if !ok {
				t.Fatalf("not stored, want %s", c.kind)
			}
			if kind != c.kind || got != c.wantText {
				t.Errorf("stored %s %q, want %s %q", kind, got, c.kind, c.wantText)
			}
			if (path != "") != c.wantMedia {
				t.Errorf("media path %q, want a file: %v", path, c.wantMedia)
			}
		})
	}
	if n := x.count(`SELECT count(*) FROM customer`); n != 1 {
		t.Errorf("%d customers, want 1", n)
	}
}

// TestWhatsAppOnlyDirectChats: groups, status, newsletters, bots and the
// service account are never stored or answered; a broadcast list a
// customer sent to is their direct chat.
func TestWhatsAppOnlyDirectChats(t *testing.T) {
	group := types.NewJID("120363000000000001", types.GroupServer)
	sender := waPN(waCust)
	sender.Device = 2
	cases := []struct {
		name string
		src  types.MessageSource
		want bool
	}{
		{"group", types.MessageSource{Chat: group, Sender: sender, IsGroup: true}, false},
		{"status", types.MessageSource{Chat: types.StatusBroadcastJID, Sender: sender, IsGroup: true}, false},
		{"newsletter", types.MessageSource{Chat: types.NewJID("120363000000000002", types.NewsletterServer), Sender: types.NewJID("120363000000000002", types.NewsletterServer)}, false},
		{"meta ai", waDirect(types.MetaAIJID, types.EmptyJID), false},
		{"bot server", waDirect(types.NewMetaAIJID, types.EmptyJID), false},
		{"whatsapp service", waDirect(types.PSAJID, types.EmptyJID), false},
		{"broadcast list to a customer", types.MessageSource{Chat: types.NewJID("1700000000", types.BroadcastServer), Sender: sender, IsGroup: true}, true},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := newWATest(t)
			id := "NDM" + string(rune('A'+i))
			if !x.deliver(waMsg(id, c.src, "Rina", x.clock.Now(), text("kak ready?"))) {
				t.Fatal("handler refused the message")
			}
			_, _, _, stored := x.inbound(id)
			replies := x.flush()
			if stored != c.want || (len(replies) > 0) != c.want {
				t.Fatalf("stored %v, %d replies; want stored and answered %v", stored, len(replies), c.want)
			}
			for _, r := range replies {
				if r.Chat != waCust {
					t.Errorf("reply to %q, want the customer %s", r.Chat, waCust)
				}
			}
		})
	}
}

// TestWhatsAppIdentity: a customer writing as LID only, as phone only and
// with both is one customer, with or without a known mapping up front.
func TestWhatsAppIdentity(t *testing.T) {
	check := func(t *testing.T, x *waTest) {
		t.Helper()
		var phone, l string
		if err := x.b.db.SQL().QueryRow(`SELECT coalesce(phone, ''), coalesce(lid, '') FROM customer`).Scan(&phone, &l); err != nil {
			t.Fatal(err)
		}
		if n := x.count(`SELECT count(*) FROM customer`); n != 1 || phone != waCust || l != waCustLID {
			t.Errorf("%d customers, phone %q, lid %q; want 1 customer %s / %s", n, phone, l, waCust, waCustLID)
		}
		if n := x.count(`SELECT count(DISTINCT customer_id) FROM inbound`); n != 1 {
			t.Errorf("messages spread over %d customers", n)
		}
	}
	t.Run("mapping known", func(t *testing.T) {
		x := newWATest(t)
		x.lids.put(waCustLID, waCust)
		x.deliver(waMsg("ID1", waDirect(waLID(waCustLID), types.EmptyJID), "Rina", x.clock.Now(), text("halo")))
		x.deliver(waMsg("ID2", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), text("kak")))
		x.deliver(waMsg("ID3", waDirect(waLID(waCustLID), waPN(waCust)), "Rina", x.clock.Now(), text("ready?")))
		check(t, x)
	})
	t.Run("mapping learnt from SenderAlt", func(t *testing.T) {
		x := newWATest(t)
		x.deliver(waMsg("ID1", waDirect(waLID(waCustLID), types.EmptyJID), "Rina", x.clock.Now(), text("halo")))
		x.deliver(waMsg("ID2", waDirect(waLID(waCustLID), waPN(waCust)), "Rina", x.clock.Now(), text("kak")))
		x.deliver(waMsg("ID3", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), text("ready?")))
		check(t, x)
	})
	t.Run("LID only stays LID only", func(t *testing.T) {
		x := newWATest(t)
		x.deliver(waMsg("ID1", waDirect(waLID(waCustLID), types.EmptyJID), "Rina", x.clock.Now(), text("halo")))
		if n := x.count(`SELECT count(*) FROM customer WHERE phone IS NULL AND lid = ?`, waCustLID); n != 1 {
			t.Fatal("a LID-only sender must be stored by LID, without a phone")
		}
		replies := x.flush()
		if len(replies) == 0 || replies[0].Chat != "lid:"+waCustLID {
			t.Fatalf("replies %+v, want one to lid:%s", replies, waCustLID)
		}
	})
}

// TestWhatsAppDuplicates: the same id delivered twice, as LID and phone
// twins and concurrently, is one stored message and one reply.
func TestWhatsAppDuplicates(t *testing.T) {
	x := newWATest(t)
	msg := text("kak gamis aisyah ready?")
	x.deliver(waMsg("DUP1", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), msg))
	x.deliver(waMsg("DUP1", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), msg))
	x.deliver(waMsg("DUP1", waDirect(waLID(waCustLID), types.EmptyJID), "Rina", x.clock.Now(), msg))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !x.w.handleEvent(x.w.gen, waMsg("DUP2", waDirect(waLID(waCustLID), waPN(waCust)), "Rina", x.clock.Now(), text("mau 2"))) {
				t.Error("a concurrent duplicate was refused")
			}
		}()
	}
	wg.Wait()
	x.w.bg.Wait()
	if n := x.count(`SELECT count(*) FROM inbound`); n != 2 {
		t.Errorf("%d inbound rows, want 2", n)
	}
	if n := x.count(`SELECT count(*) FROM customer`); n != 1 {
		t.Errorf("%d customers, want 1", n)
	}
	if replies := x.flush(); len(replies) != 1 {
		t.Errorf("%d replies, want 1 for the turn", len(replies))
	}
	if replies := x.flush(); len(replies) != 0 {
		t.Errorf("%d more replies after the turn", len(replies))
	}
}

// TestWhatsAppCommitFailure: when the message cannot be committed the
// handler returns false (whatsmeow does not acknowledge, the server
// delivers again) and the redelivery is taken in.
func TestWhatsAppCommitFailure(t *testing.T) {
	x := newWATest(t)
	ev := waMsg("FAIL1", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), text("mau order"))
	path := x.b.db.Path()
	x.b.db.Close()
	if x.deliver(ev) {
		t.Fatal("the handler acknowledged a message it could not commit")
	}
	if reads := x.fake.reads; len(reads) != 0 {
		t.Errorf("read receipt for an uncommitted message: %v", reads)
	}
	// The process comes back; WhatsApp delivers the message again.
	db, err := store.Open(context.Background(), filepath.Dir(path), store.Options{Now: x.clock.Now, Location: x.b.shop.Location})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x.b.rebuild(db, x.b.transport)
	x.w.Attach(x.b.Bot)
	if !x.deliver(ev) {
		t.Fatal("redelivery refused")
	}
	if _, _, _, ok := x.inbound("FAIL1"); !ok {
		t.Fatal("redelivered message not stored")
	}
	if len(x.fake.reads) != 1 {
		t.Errorf("read receipts %v, want one after the commit", x.fake.reads)
	}
}

// TestWhatsAppStaffIdentity: a staff command works from the owner's phone
// number, from the owner's LID once resolved to that number, and in the
// shop's "message yourself" chat; it is customer text from a LID whose
// digits equal the owner's number, from a push name "Owner", and nothing
// at all from a group.
func TestWhatsAppStaffIdentity(t *testing.T) {
	isStaffReply := func(replies []bot.Event, chat string) bool {
		for _, r := range replies {
			if r.Chat == chat && strings.Contains(r.Text, "/lunas") {
				return true
			}
		}
		return false
	}
	cases := []struct {
		name    string
		setup   func(x *waTest)
		src     types.MessageSource
		push    string
		chat    string // where the answer goes
		staff   bool
		noReply bool
	}{
		{name: "owner by phone", src: waDirect(waPN(waOwner), types.EmptyJID), chat: waOwner, staff: true},
		{name: "owner by LID with sender_pn", src: waDirect(waLID(waOwnerLID), waPN(waOwner)), chat: waOwner, staff: true},
		{name: "owner by LID from the LID store", setup: func(x *waTest) { x.lids.put(waOwnerLID, waOwner) },
			src: waDirect(waLID(waOwnerLID), types.EmptyJID), chat: waOwner, staff: true},
		{name: "owner by LID resolved at connect", setup: func(x *waTest) {
			x.fake.userInfo = map[types.JID]types.UserInfo{waPN(waOwner): {LID: waLID(waOwnerLID)}}
			x.w.refreshStaff(context.Background(), x.fake)
		}, src: waDirect(waLID(waOwnerLID), types.EmptyJID), chat: waOwner, staff: true},
		{name: "cs by phone", src: waDirect(waPN(waCS), types.EmptyJID), chat: waCS, staff: true},
		{name: "shop's message-yourself chat", src: types.MessageSource{Chat: waPN(waOwner), Sender: types.JID{User: waOwner, Server: types.DefaultUserServer, Device: 5}, IsFromMe: true},
			chat: waOwner, staff: true},
		{name: "LID with the owner's digits", src: waDirect(waLID(waOwner), types.EmptyJID), chat: "lid:" + waOwner},
		{name: "push name Owner", src: waDirect(waPN(waStranger), types.EmptyJID), push: "Owner", chat: waStranger},
		{name: "owner in a group", src: types.MessageSource{Chat: types.NewJID("120363000000000001", types.GroupServer), Sender: waPN(waOwner), IsGroup: true}, noReply: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := newWATest(t)
			if c.setup != nil {
				c.setup(x)
			}
			if !x.deliver(waMsg("CMD1", c.src, c.push, x.clock.Now(), text("/bantuan"))) {
				t.Fatal("handler refused the message")
			}
			replies := x.flush()
			if c.noReply {
				if len(replies) != 0 || x.count(`SELECT count(*) FROM inbound`) != 0 {
					t.Fatalf("a group message was taken in: %+v", replies)
				}
				return
			}
			if got := isStaffReply(replies, c.chat); got != c.staff {
				t.Fatalf("staff answer %v, want %v; replies %+v", got, c.staff, replies)
			}
			if len(replies) == 0 {
				t.Fatal("no answer at all")
			}
			for _, r := range replies {
				if r.Chat != c.chat {
					t.Errorf("answer to %q, want %q", r.Chat, c.chat)
				}
			}
		})
	}
}

// TestWhatsAppHumanTakeover: a message typed on the shop's phone in a
// customer's chat pauses the bot there; the bot's own replies do not.
func TestWhatsAppHumanTakeover(t *testing.T) {
	x := newWATest(t)
	x.deliver(waMsg("C1", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), text("kak ready?")))
	if len(x.flush()) == 0 {
		t.Fatal("no reply to the customer")
	}
	var botID string
	if err := x.b.db.SQL().QueryRow(`SELECT msg_id FROM outbox WHERE chat = ? LIMIT 1`, waCust).Scan(&botID); err != nil {
		t.Fatal(err)
	}
	mine := types.JID{User: waOwner, Server: types.DefaultUserServer, Device: 0}
	own := func(id string, chat types.JID, alt types.JID) *events.Message {
		return waMsg(id, types.MessageSource{Chat: chat, Sender: mine, IsFromMe: true, RecipientAlt: alt}, "Toko", x.clock.Now(), text("siap kak, saya bantu ya"))
	}
	paused := func() bool {
		return x.count(`SELECT count(*) FROM customer WHERE phone = ? AND paused_until > ?`, waCust, x.clock.Now().UnixMilli()) == 1
	}
	// The bot's own reply coming back is not a person.
	x.deliver(own(botID, waPN(waCust), types.EmptyJID))
	if paused() {
		t.Fatal("the bot's own reply paused the chat")
	}
	// A person answers from the phone, in the chat as WhatsApp names it (LID).
	x.deliver(own("HUMAN1", waLID(waCustLID), waPN(waCust)))
	if !paused() {
		t.Fatal("a person's answer did not pause the chat")
	}
	x.deliver(waMsg("C2", waDirect(waPN(waCust), types.EmptyJID), "Rina", x.clock.Now(), text("oke kak, ukuran L ada?")))
	if replies := x.flush(); len(replies) != 0 {
		t.Fatalf("the bot answered a chat a person took over: %+v", replies)
	}
	// A note to self or a protocol message is not a takeover of anyone.
	x.deliver(waMsg("SELF1", types.MessageSource{Chat: waPN(waOwner), Sender: mine, IsFromMe: true}, "Toko", x.clock.Now(), text("catatan: restock")))
	if n := x.count(`SELECT count(*) FROM inbound WHERE msg_id = 'SELF1'`); n != 0 {
		t.Error("a note to self was taken in")
	}
}
