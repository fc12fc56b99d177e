package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"github.com/pesanbot/pesanbot/bot"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
)

// Errors of the WhatsApp transport.
var (
	// ErrNotConnected means WhatsApp is not connected (yet); the outbox
	// retries later.
	ErrNotConnected = errors.New("not connected to WhatsApp")
	// ErrNotDirect means a reply was addressed to something other than one
	// person's chat (a group, a status, a broadcast): never sent.
	ErrNotDirect = errors.New("refusing to send outside a direct chat")
	// ErrStreamReplaced means another program connected with this session.
	ErrStreamReplaced = errors.New("another program is connected with this WhatsApp session")
	// ErrClientOutdated means WhatsApp refuses this pesanbot's version.
	ErrClientOutdated = errors.New("WhatsApp refuses this version of pesanbot")
)

// waClient is the part of *whatsmeow.Client the WhatsApp transport calls
// once connected; tests put a fake behind it that records the calls.
type waClient interface {
	SendMessage(ctx context.Context, to types.JID, message *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
	SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, media types.ChatPresenceMedia) error
	Upload(ctx context.Context, plaintext []byte, appInfo whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
	MarkRead(ctx context.Context, ids []types.MessageID, timestamp time.Time, chat, sender types.JID, receiptTypeExtra ...types.ReceiptType) error
	DownloadToFile(ctx context.Context, msg whatsmeow.DownloadableMessage, file whatsmeow.File) error
	GetUserInfo(ctx context.Context, jids []types.JID) (map[types.JID]types.UserInfo, error)
}

var _ waClient = (*whatsmeow.Client)(nil)

// lidMap translates between WhatsApp's hidden user ids (LIDs) and phone
// number JIDs: whatsmeow's LID store, which fills itself from the server.
type lidMap interface {
	GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error)
	GetLIDForPN(ctx context.Context, pn types.JID) (types.JID, error)
}

// Config wires the WhatsApp transport.
type Config struct {
	// DataDir holds whatsapp.db and media/ (shop.db's directory).
	DataDir string
	// PairPhone, when set (digits, 62812…), links the device with an
	// 8-character code typed on the phone instead of a QR code.
	PairPhone string
	// Terminal gets the pairing guidance and the loud alerts (logout, ban).
	Terminal io.Writer
	Log      *slog.Logger
	// Started, when set, is called once, on its own goroutine, when the
	// first connection attempt has ended (connected, showing a pairing
	// code, or offline and retrying): start-up is over and what stays is
	// the idle shop. `pesanbot run` hands the start-up garbage back to the
	// operating system there.
	Started func()
}

// WhatsApp connects the bot to WhatsApp as a linked device of the shop's
// number: it turns whatsmeow's events into Receive calls and is the bot's
// Transport for replies. Build it with New, pass it as the bot's
// Transport, then call Serve.
type WhatsApp struct {
	cfg  Config
	log  *slog.Logger
	bot  *bot.Bot
	lids lidMap

	termMu sync.Mutex
	term   io.Writer

	mu        sync.Mutex
	cli       waClient
	gen       int // which client the lifecycle events belong to
	self      identity
	staff     map[string]string // a staff member's LID user -> phone digits
	connected bool
	ready     chan struct{} // closed while connected

	// gate lets shutdown wait for the message being committed: handlers
	// hold it for reading, shutdown takes it for writing and then refuses
	// (does not acknowledge) whatever comes after.
	gate    sync.RWMutex
	closing bool

	lifecycle chan any
	bg        sync.WaitGroup // read receipts, post-connect lookups
	pace      *pacer
	receipts  *receiptLog
	warned    sync.Map // outbox ids already warned about
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
	offline   atomic.Int64 // consecutive failed connection attempts
	started   sync.Once
}

// identity is the shop's own account: the "message yourself" chat.
type identity struct{ pn, lid string }

// New builds the transport; it does nothing until Serve.
func New(cfg Config) *WhatsApp {
	w := &WhatsApp{cfg: cfg, log: cfg.Log, term: cfg.Terminal, ready: make(chan struct{}),
		lifecycle: make(chan any, 64), now: time.Now, sleep: sleepCtx, receipts: newReceiptLog(2048)}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if w.term == nil {
		w.term = io.Discard
	}
	w.pace = newPacer(func() time.Time { return w.now() })
	return w
}

// startupOver calls Config.Started the first time a connection attempt
// ends, off whatsmeow's goroutines.
func (w *WhatsApp) startupOver() {
	w.started.Do(func() {
		if w.cfg.Started != nil {
			go w.cfg.Started()
		}
	})
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// say prints a line for the person at the terminal.
func (w *WhatsApp) say(format string, a ...any) {
	w.termMu.Lock()
	defer w.termMu.Unlock()
	fmt.Fprintf(w.term, format+"\n", a...)
}

// handleEvent is registered on each client with
// AddEventHandlerWithSuccessStatus. It returns false only when a message
// could not be committed: whatsmeow then does not acknowledge it and the
// server delivers it again (SynchronousAck with the decrypted-event buffer).
func (w *WhatsApp) handleEvent(gen int, evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		w.gate.RLock()
		defer w.gate.RUnlock()
		if w.closing {
			return false
		}
		// The commit must finish even while shutting down: a message taken
		// in is either committed and acknowledged, or neither.
		ctx, cancel := context.WithTimeout(context.Background(), handleTimeout)
		defer cancel()
		if err := w.handleMessage(ctx, e); err != nil {
			w.log.Error("message not accepted; WhatsApp will deliver it again", "msg", e.Info.ID, "err", err)
			return false
		}
	case *events.Receipt:
		w.receipts.add(e.MessageIDs...)
	case *events.UndecryptableMessage:
		w.log.Warn("a message could not be decrypted; the sender's phone is asked to resend it", "msg", e.Info.ID)
	case *events.OfflineSyncPreview:
		w.log.Info("catching up on messages sent while offline", "messages", e.Messages)
	case *events.OfflineSyncCompleted:
		w.log.Info("caught up with messages sent while offline", "count", e.Count)
	case *events.Connected, *events.Disconnected, *events.LoggedOut, *events.StreamReplaced,
		*events.TemporaryBan, *events.ClientOutdated, *events.ConnectFailure, *events.StreamError,
		*events.KeepAliveTimeout, *events.KeepAliveRestored, *events.PairSuccess:
		w.mu.Lock()
		current := gen == w.gen
		w.mu.Unlock()
		if !current {
			return true
		}
		select {
		case w.lifecycle <- evt:
		default:
			w.log.Warn("connection event dropped", "event", fmt.Sprintf("%T", evt))
		}
	}
	return true
}

// handleTimeout bounds one message's handling, media download included.
const handleTimeout = 2 * time.Minute

// client returns the current client, or nil before the first connection.
func (w *WhatsApp) client() waClient {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cli
}

// identity returns the shop's own account, as far as known.
func (w *WhatsApp) identity() identity {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.self.pn == "" {
		// Missed messages may arrive before watch saw Connected.
		if c, ok := w.cli.(*whatsmeow.Client); ok {
			w.self = ownIdentity(c)
		}
	}
	return w.self
}

// ownIdentity reads the shop's account from a client's device store.
func ownIdentity(c *whatsmeow.Client) identity {
	if c.Store == nil {
		return identity{}
	}
	return identity{pn: c.Store.GetJID().User, lid: c.Store.GetLID().User}
}

// setClient makes cli the current client (not yet connected) and returns
// its generation for its event handler.
func (w *WhatsApp) setClient(cli waClient) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cli = cli
	w.gen++
	w.setConnectedLocked(false)
	// Events of the previous client are stale now.
drain:
	for {
		select {
		case <-w.lifecycle:
		default:
			break drain
		}
	}
	return w.gen
}

func (w *WhatsApp) setConnected(on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.setConnectedLocked(on)
}

func (w *WhatsApp) setConnectedLocked(on bool) {
	if on == w.connected {
		return
	}
	w.connected = on
	if on {
		close(w.ready)
	} else {
		w.ready = make(chan struct{})
	}
}

// waitConnected returns the client once it is connected and logged in,
// waiting at most d.
func (w *WhatsApp) waitConnected(ctx context.Context, d time.Duration) (waClient, error) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		w.mu.Lock()
		cli, on, ready := w.cli, w.connected, w.ready
		w.mu.Unlock()
		if on && cli != nil {
			return cli, nil
		}
		select {
		case <-ready:
		case <-t.C:
			return nil, ErrNotConnected
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// async runs fn in the background; shutdown waits for it.
func (w *WhatsApp) async(fn func()) {
	w.bg.Add(1)
	go func() {
		defer w.bg.Done()
		fn()
	}()
}

// Attach sets the bot the transport hands messages to without serving (a
// benchmark drives HandleMessage itself); Serve attaches its bot too.
func (w *WhatsApp) Attach(b *bot.Bot) { w.bot = b }

// HandleMessage is what the event handler does with one message: filter
// it and commit it through the bot. It returns once the message is
// committed, or with the error that keeps it unacknowledged.
func (w *WhatsApp) HandleMessage(ctx context.Context, e *events.Message) error {
	return w.handleMessage(ctx, e)
}
