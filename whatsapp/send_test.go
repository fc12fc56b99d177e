package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types"

	"github.com/pesanbot/pesanbot/store"
)

// TestWhatsAppSend checks the messages Send builds, where they go, and
// that nothing is ever sent outside a direct chat.
func TestWhatsAppSend(t *testing.T) {
	ctx := context.Background()
	t.Run("text", func(t *testing.T) {
		x := newWATest(t)
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "3EB0AAA", Chat: waCust, Text: "Halo Kak Rina"}); err != nil {
			t.Fatal(err)
		}
		sent := x.fake.sends()
		if len(sent) != 1 {
			t.Fatalf("%d sends, want 1", len(sent))
		}
		s := sent[0]
		if s.to != waPN(waCust) || s.id != "3EB0AAA" || s.msg.GetConversation() != "Halo Kak Rina" {
			t.Errorf("sent %v id %q %q", s.to, s.id, s.msg.GetConversation())
		}
		if len(x.fake.presence) != 1 || x.fake.presence[0] != waPN(waCust) {
			t.Errorf("typing shown to %v, want the customer once before the reply", x.fake.presence)
		}
		var total time.Duration
		for _, d := range x.waits {
			total += d
		}
		if total < 700*time.Millisecond {
			t.Errorf("sent after %v, want a typing pause first", total)
		}
	})
	t.Run("LID chat goes to the phone number when known", func(t *testing.T) {
		x := newWATest(t)
		x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "A1", Chat: "lid:" + waCustLID, Text: "a"})
		x.lids.put(waCustLID, waCust)
		x.w.Send(ctx, store.Outgoing{ID: 2, MsgID: "A2", Chat: "lid:" + waCustLID, Text: "b"})
		sent := x.fake.sends()
		if len(sent) != 2 || sent[0].to != waLID(waCustLID) || sent[1].to != waPN(waCust) {
			t.Fatalf("sent to %v, want the LID then the phone number", sent)
		}
	})
	t.Run("image with caption", func(t *testing.T) {
		x := newWATest(t)
		img := testPNG(t, 3, 2)
		if err := os.MkdirAll(filepath.Join(x.w.cfg.DataDir, "media"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(x.w.cfg.DataDir, "media", "p.png"), img, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "IMG1", Chat: waOwner, Text: "Bukti #3", Image: "media/p.png"}); err != nil {
			t.Fatal(err)
		}
		sent := x.fake.sends()
		if len(sent) != 1 || len(x.fake.uploads) != 1 || !bytes.Equal(x.fake.uploads[0], img) {
			t.Fatalf("%d sends, %d uploads", len(sent), len(x.fake.uploads))
		}
		m := sent[0].msg.GetImageMessage()
		if m == nil || m.GetCaption() != "Bukti #3" || m.GetMimetype() != "image/png" || m.GetWidth() != 3 || m.GetHeight() != 2 || m.GetDirectPath() != "/v/x" || sent[0].id != "IMG1" {
			t.Fatalf("image message %v", sent[0].msg)
		}
	})
	t.Run("missing image sends the text", func(t *testing.T) {
		x := newWATest(t)
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "IMG2", Chat: waCust, Text: "Scan QRIS ini", Image: "qris.png"}); err != nil {
			t.Fatal(err)
		}
		sent := x.fake.sends()
		if len(sent) != 1 || sent[0].msg.GetConversation() != "Scan QRIS ini" || len(x.fake.uploads) != 0 {
			t.Fatalf("sent %v", sent)
		}
	})
	t.Run("never outside a direct chat", func(t *testing.T) {
		x := newWATest(t)
		for i, chat := range []string{"status@broadcast", "status", "120363000000000001@g.us", "120363000000000001-1600000000",
			"lid:", "lid:abc", "", "0", "123456789012345678901", "6281311112222@s.whatsapp.net", "+6281311112222"} {
			err := x.w.Send(ctx, store.Outgoing{ID: int64(i), MsgID: "X", Chat: chat, Text: "halo"})
			if !errors.Is(err, ErrNotDirect) {
				t.Errorf("Send to %q: %v, want ErrNotDirect", chat, err)
			}
		}
		if sent := x.fake.sends(); len(sent) != 0 {
			t.Fatalf("sent %v", sent)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		x := newWATest(t)
		x.fake.sendErr = whatsmeow.ErrMessageTimedOut
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "T1", Chat: waCust, Text: "a"}); !errors.Is(err, whatsmeow.ErrMessageTimedOut) {
			t.Fatalf("unconfirmed send: %v, want a retry", err)
		}
		x.w.receipts.add("T2")
		if err := x.w.Send(ctx, store.Outgoing{ID: 2, MsgID: "T2", Chat: waCust, Text: "b"}); err != nil {
			t.Fatalf("send confirmed by a receipt: %v", err)
		}
	})
	t.Run("refusal pauses sending", func(t *testing.T) {
		x := newWATest(t)
		x.fake.sendErr = fmt.Errorf("%w %d", whatsmeow.ErrServerReturnedError, 463)
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "R1", Chat: waCust, Text: "a"}); err == nil {
			t.Fatal("a refused send reported success")
		}
		x.fake.sendErr = nil
		x.waits = nil
		x.w.Send(ctx, store.Outgoing{ID: 2, MsgID: "R2", Chat: waCust, Text: "b"})
		var total time.Duration
		for _, d := range x.waits {
			total += d
		}
		if total < refusalPause {
			t.Errorf("next send after %v, want at least %v", total, refusalPause)
		}
	})
	t.Run("not connected", func(t *testing.T) {
		x := newWATest(t)
		x.w.setConnected(false)
		ctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		if err := x.w.Send(ctx, store.Outgoing{ID: 1, MsgID: "N1", Chat: waCust, Text: "a"}); err == nil {
			t.Fatal("sent while disconnected")
		}
		if len(x.fake.sends()) != 0 {
			t.Fatal("sent while disconnected")
		}
	})
}

// TestWhatsAppEndToEnd: customer messages in through the event handler,
// replies out through Send, with the outbox ids; nothing to a group or a
// status, whatever arrives.
func TestWhatsAppEndToEnd(t *testing.T) {
	x := newWATest(t)
	x.b.rebuild(x.b.db, x.w)
	x.w.Attach(x.b.Bot)
	x.deliver(waMsg("E1", waDirect(waPN(waCust), waLID(waCustLID)), "Rina", x.clock.Now(), text("kak gamis aisyah ready?")))
	x.deliver(waMsg("E2", types.MessageSource{Chat: types.StatusBroadcastJID, Sender: waPN(waStranger), IsGroup: true}, "Budi", x.clock.Now(), text("promo!")))
	x.deliver(waMsg("E3", types.MessageSource{Chat: types.NewJID("120363000000000001", types.GroupServer), Sender: waPN(waStranger), IsGroup: true}, "Budi", x.clock.Now(), text("kak ready?")))
	x.deliver(waMsg("E4", waDirect(waLID("209999999999999"), types.EmptyJID), "Sari", x.clock.Now(), text("halo")))
	x.flush()
	sent := x.fake.sends()
	if len(sent) != 2 {
		t.Fatalf("%d messages sent, want one per customer: %v", len(sent), sent)
	}
	ids := map[string]bool{}
	rows, err := x.b.db.SQL().Query(`SELECT msg_id FROM outbox WHERE sent_at IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids[id] = true
	}
	rows.Close()
	for _, s := range sent {
		if s.to.Server != types.DefaultUserServer && s.to.Server != types.HiddenUserServer {
			t.Errorf("sent to %v", s.to)
		}
		if !ids[string(s.id)] {
			t.Errorf("sent with id %q, which is not an outbox id", s.id)
		}
	}
	if len(x.fake.reads) != 2 {
		t.Errorf("read receipts %v, want the two accepted messages", x.fake.reads)
	}
}

func TestPacer(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newPacer(func() time.Time { return now })
	var at []time.Time
	for i := range 25 {
		at = append(at, now.Add(p.reserve(fmt.Sprint("chat", i%3), 0)))
	}
	for i := 1; i < len(at); i++ {
		if at[i].Sub(at[i-1]) < sendGap {
			t.Errorf("sends %d and %d %v apart, want at least %v", i-1, i, at[i].Sub(at[i-1]), sendGap)
		}
		if i >= 3 && at[i].Sub(at[i-3]) < chatGap {
			t.Errorf("two sends to one chat %v apart", at[i].Sub(at[i-3]))
		}
		if i >= sendsPerMinute && at[i].Sub(at[i-sendsPerMinute]) < time.Minute {
			t.Errorf("%d sends within %v", sendsPerMinute+1, at[i].Sub(at[i-sendsPerMinute]))
		}
	}
	if d := p.reserve("other", 3*time.Second); d < 3*time.Second {
		t.Errorf("wait %v shorter than the typing time", d)
	}
	if got := typingTime(strings.Repeat("a", 10)); got != 700*time.Millisecond {
		t.Errorf("short text types for %v", got)
	}
	if got := typingTime(strings.Repeat("a", 5000)); got != 4*time.Second {
		t.Errorf("long text types for %v", got)
	}
}

func TestWhatsAppLogMasksNumbers(t *testing.T) {
	var b bytes.Buffer
	l := newWALogger(slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelInfo})))
	l.Warnf("Error decrypting message from %s", "6281311112222:3@s.whatsapp.net")
	l.Debugf("<message from=%q/>", "6281311112222@s.whatsapp.net")
	l.Sub("Client").Errorf("failed for %s", "201234567890123@lid")
	out := b.String()
	if strings.Contains(out, "6281311112222") || strings.Contains(out, "201234567890123") || strings.Contains(out, "<message") {
		t.Fatalf("log leaks: %s", out)
	}
	if !strings.Contains(out, "***222") || !strings.Contains(out, "sub=Client") {
		t.Fatalf("log lost the message: %s", out)
	}
	var z bytes.Buffer
	zl := newZerolog(slog.New(slog.NewTextHandler(&z, nil)))
	zl.Error().Err(errors.New("store 6281311112222 failed")).Msg("Failed to store LID mapping")
	zl.Debug().Msg("noise")
	if got := z.String(); !strings.Contains(got, "Failed to store LID mapping") || strings.Contains(got, "6281311112222") || strings.Contains(got, "noise") {
		t.Fatalf("zerolog bridge: %s", got)
	}
}
