package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/config"
)

// Numbers of the sample shop (config.SampleShopYAML) and of test people.
const (
	waOwner    = "6281200000001" // owner, and the shop's own number here
	waCS       = "6281200000002"
	waOwnerLID = "111000000000001"
	waCust     = "6281311112222"
	waCustLID  = "201234567890123"
	waStranger = "6285799990000"
)

// fakeWA records what the transport asks of WhatsApp.
type fakeWA struct {
	mu        sync.Mutex
	sent      []fakeSend
	presence  []types.JID
	uploads   [][]byte
	reads     []types.MessageID
	downloads int
	download  func(f whatsmeow.File) error // what a download writes
	userInfo  map[types.JID]types.UserInfo
	sendErr   error
}

type fakeSend struct {
	to  types.JID
	msg *waE2E.Message
	id  types.MessageID
}

func (f *fakeWA) SendMessage(_ context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var id types.MessageID
	if len(extra) > 0 {
		id = extra[0].ID
	}
	f.sent = append(f.sent, fakeSend{to: to, msg: m, id: id})
	return whatsmeow.SendResponse{ID: id}, f.sendErr
}

func (f *fakeWA) SendChatPresence(_ context.Context, jid types.JID, _ types.ChatPresence, _ types.ChatPresenceMedia) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.presence = append(f.presence, jid)
	return nil
}

func (f *fakeWA) Upload(_ context.Context, data []byte, _ whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.uploads = append(f.uploads, data)
	return whatsmeow.UploadResponse{URL: "https://mmg.example/x", DirectPath: "/v/x", MediaKey: []byte{1}, FileLength: uint64(len(data))}, nil
}

func (f *fakeWA) MarkRead(_ context.Context, ids []types.MessageID, _ time.Time, _, _ types.JID, _ ...types.ReceiptType) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads = append(f.reads, ids...)
	return nil
}

func (f *fakeWA) DownloadToFile(_ context.Context, _ whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	f.mu.Lock()
	f.downloads++
	dl := f.download
	f.mu.Unlock()
	if dl == nil {
		return errors.New("no download in this test")
	}
	return dl(file)
}

func (f *fakeWA) GetUserInfo(_ context.Context, jids []types.JID) (map[types.JID]types.UserInfo, error) {
	out := map[types.JID]types.UserInfo{}
	for _, j := range jids {
		if info, ok := f.userInfo[j]; ok {
			out[j] = info
		}
	}
	return out, nil
}

func (f *fakeWA) sends() []fakeSend {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeSend(nil), f.sent...)
}

// fakeLIDs is a LID store.
type fakeLIDs struct {
	mu      sync.Mutex
	lidToPN map[string]string
}

func (l *fakeLIDs) put(lid, pn string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lidToPN == nil {
		l.lidToPN = map[string]string{}
	}
	l.lidToPN[lid] = pn
}

func (l *fakeLIDs) GetPNForLID(_ context.Context, lid types.JID) (types.JID, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if pn, ok := l.lidToPN[lid.User]; ok {
		return types.NewJID(pn, types.DefaultUserServer), nil
	}
	return types.EmptyJID, nil // unknown: empty JID, nil error, as whatsmeow does
}

func (l *fakeLIDs) GetLIDForPN(_ context.Context, pn types.JID) (types.JID, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for lid, p := range l.lidToPN {
		if p == pn.User {
			return types.NewJID(lid, types.HiddenUserServer), nil
		}
	}
	return types.EmptyJID, nil
}

// waTest is a WhatsApp transport on a real shop.db with a fake client.
type waTest struct {
	t      *testing.T
	w      *WhatsApp
	b      *testBot
	clock  *bot.SimClock
	events *[]bot.Event
	fake   *fakeWA
	lids   *fakeLIDs
	waits  []time.Duration
	mu     sync.Mutex
}

func newWATest(t *testing.T) *waTest {
	t.Helper()
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	x := &waTest{t: t, b: b, clock: clock, events: events, fake: &fakeWA{}, lids: &fakeLIDs{}}
	w := New(Config{DataDir: t.TempDir()})
	w.bot, w.lids, w.now = b.Bot, x.lids, clock.Now
	w.sleep = func(ctx context.Context, d time.Duration) error {
		x.mu.Lock()
		x.waits = append(x.waits, d)
		x.mu.Unlock()
		return ctx.Err()
	}
	w.setClient(x.fake)
	w.setConnected(true)
	w.self = identity{pn: waOwner, lid: waOwnerLID}
	x.w = w
	return x
}

// deliver hands ev to the event handler as whatsmeow would and waits for
// the read receipt it may send.
func (x *waTest) deliver(ev *events.Message) bool {
	x.t.Helper()
	ok := x.w.handleEvent(x.w.gen, ev)
	x.w.bg.Wait()
	return ok
}

// flush lets every burst end and delivers the replies; it returns the
// replies sent since the last flush.
func (x *waTest) flush() []bot.Event {
	x.t.Helper()
	before := len(*x.events)
	x.clock.Set(x.clock.Now().Add(time.Minute))
	if err := x.b.RunDue(context.Background()); err != nil {
		x.t.Fatal(err)
	}
	if _, err := x.b.Deliver(context.Background()); err != nil {
		x.t.Fatal(err)
	}
	var out []bot.Event
	for _, e := range (*x.events)[before:] {
		if e.Dir == "out" {
			out = append(out, e)
		}
	}
	return out
}

func (x *waTest) count(query string, args ...any) int {
	x.t.Helper()
	var n int
	if err := x.b.db.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		x.t.Fatal(err)
	}
	return n
}

// inbound returns the stored kind, text and media path of a message id.
func (x *waTest) inbound(id string) (kind, text, path string, ok bool) {
	x.t.Helper()
	err := x.b.db.SQL().QueryRow(`SELECT kind, text, media_path FROM inbound WHERE msg_id = ?`, id).Scan(&kind, &text, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", false
	}
	if err != nil {
		x.t.Fatal(err)
	}
	return kind, text, path, true
}

// waMsg builds a real *events.Message the way whatsmeow does: source,
// info, raw protobuf, then UnwrapRaw.
func waMsg(id string, src types.MessageSource, pushName string, at time.Time, raw *waE2E.Message) *events.Message {
	ev := &events.Message{
		Info:       types.MessageInfo{MessageSource: src, ID: types.MessageID(id), PushName: pushName, Timestamp: at},
		RawMessage: raw,
	}
	return ev.UnwrapRaw()
}

// direct is the source of a direct message from sender (with its device
// part, as whatsmeow gives it), with alt as SenderAlt.
func waDirect(sender, alt types.JID) types.MessageSource {
	sender.Device = 3
	if !alt.IsEmpty() {
		alt.Device = 3
	}
	return types.MessageSource{Chat: sender.ToNonAD(), Sender: sender, SenderAlt: alt}
}

func waPN(user string) types.JID  { return types.NewJID(user, types.DefaultUserServer) }
func waLID(user string) types.JID { return types.NewJID(user, types.HiddenUserServer) }
