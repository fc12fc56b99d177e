package bot

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
	"github.com/pesanbot/pesanbot/store"
)

// Transport delivers replies to WhatsApp, a terminal or a transcript.
type Transport interface {
	Send(ctx context.Context, m store.Outgoing) error
}

// Message is one inbound message as a transport hands it in.
type Message struct {
	ID       string // the transport's message id: the dedupe key
	Phone    string // sender's phone digits; "" when only the LID is known
	LID      string // sender's LID user; "" when unknown
	PushName string
	Text     string
	Media    flows.MediaKind // "" for plain text
	Path     string          // stored media file, relative to the data directory
	SentAt   time.Time       // the sender's timestamp; zero means now
	// Catalog is what a message from the shop's WhatsApp catalogue carried
	// (a product, a cart); nil for any other message. Stored with the
	// message, read by its turn.
	Catalog *flows.CatalogRef
}

// staleCommand is how old a staff command may be and still run; an older
// one (delivered after downtime) must be sent again.
const staleCommand = 10 * time.Minute

// floodWindow is the window of FloodCap and of the flood notices.
const floodWindow = 10 * time.Minute

// lateAfter is how old a message may be before the reply apologises for the
// wait (a backlog after downtime).
const lateAfter = 30 * time.Minute

// Bot is the runtime. Create it with New.
type Bot struct {
	db        *store.DB
	shop      *flows.Shop
	now       func() time.Time
	log       *slog.Logger
	transport Transport
	locks     chatLocks
	// Burst handling: realtime bots schedule a flush when a burst may end;
	// the simulator drives flushes itself through RunDue.
	realtime  bool
	timerMu   sync.Mutex
	timers    map[int64]*time.Timer
	wake      chan struct{}
	dataDir   string
	forget    Forgetter
	flood     *senderLimiter
	faultMu   sync.Mutex
	faultSent map[string]time.Time // chat -> last "gangguan teknis" answer
	alertSent time.Time            // last owner alert about the database
	// deliverMu keeps two deliveries (the loop and a caller) from sending
	// the same outbox row twice.
	deliverMu sync.Mutex
	// marks holds the replies sent until their marks are committed (see
	// sentmark.go).
	marks sentMarks
	// markDelay overrides how long marks wait for a turn to carry them
	// (tests); 0 means the default.
	markDelay time.Duration
	// sched counts the schedule's goroutines (the cron stopper, a start-up
	// backup): WaitSchedule waits for them.
	sched sync.WaitGroup
	// rates and tracker reach the shipping provider (nil: none); fetchers
	// look things up for a follow-up kind before its transaction opens.
	rates    shipping.Rater
	tracker  shipping.Tracker
	fetchers map[string]fetcher
	// quoteDue is set when a turn scheduled a live shipping lookup: in
	// realtime mode a sweep runs right after the commit, not at the next
	// minute.
	quoteDue atomic.Bool
}

// Config wires a Bot.
type Config struct {
	DB        *store.DB
	Shop      *flows.Shop
	Now       func() time.Time // default time.Now
	Log       *slog.Logger     // default discards
	Transport Transport
	// Realtime schedules burst flushes and outbox delivery on timers; the
	// simulator leaves it off and drives the clock itself.
	Realtime bool
	// FloodPerMinute and FloodBurst pace each customer's turns (staff are
	// never limited); 0 means 10 a minute with a burst of 5. Messages that
	// come faster wait and are read together in the next turn.
	FloodPerMinute, FloodBurst int
	// FloodCap is how many messages one customer may send in ten minutes
	// before the rest are a flood, recorded but not read (the customer and
	// the owner are told once); 0 means 200.
	FloodCap int
	// DataDir is where media paths are relative to; erased customers' files
	// are deleted there.
	DataDir string
	// Forget erases an erased customer from the transport's own storage
	// (whatsapp.db); nil when there is none.
	Forget Forgetter
	// Rates and Tracker reach the shop's shipping provider; nil when the
	// shop has none (flat rates, and a check-in instead of tracking).
	Rates   shipping.Rater
	Tracker shipping.Tracker
	// MarkDelay is how long the marks of sent replies wait for a turn's
	// commit to carry them before they get a transaction of their own;
	// 0 means 100 ms.
	MarkDelay time.Duration
}

// New builds a Bot.
func New(c Config) *Bot {
	b := &Bot{db: c.DB, shop: c.Shop, now: c.Now, log: c.Log, transport: c.Transport, realtime: c.Realtime,
		timers: map[int64]*time.Timer{}, wake: make(chan struct{}, 1), faultSent: map[string]time.Time{}, dataDir: c.DataDir, forget: c.Forget,
		rates: c.Rates, tracker: c.Tracker, markDelay: c.MarkDelay}
	if live := c.Rates != nil; c.Shop != nil && c.Shop.Shipping.Live.On != live {
		// The turns look prices up only when a provider answers.
		shop := *c.Shop
		shop.Shipping.Live.On = live
		b.shop = &shop
	}
	b.fetchers = map[string]fetcher{
		// One line per follow-up kind that needs the network first.
		flows.FollowUpShippingQuote: b.fetchQuote,
		flows.FollowUpParcelTrack:   b.fetchTrack,
	}
	if c.Tracker != nil && b.shop != nil && !b.shop.Delivery.Tracked {
		// Shipped orders are polled, not checked in on: the flows learn it
		// from the shop, on a copy so the caller's shop is left as given.
		shop := *b.shop
		shop.Delivery.Tracked = true
		b.shop = &shop
	}
	perMin, burst := c.FloodPerMinute, c.FloodBurst
	if perMin <= 0 {
		perMin = 10
	}
	if burst <= 0 {
		burst = 5
	}
	floodCap := c.FloodCap
	if floodCap <= 0 {
		floodCap = 200
	}
	b.flood = newSenderLimiter(perMin, burst, floodCap, floodWindow, 10000)
	if b.now == nil {
		b.now = time.Now
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	return b
}

// Shop is the configuration the bot runs with.
func (b *Bot) Shop() *flows.Shop { return b.shop }

// Now is the bot's clock.
func (b *Bot) Now() time.Time { return b.now() }

func kindOf(m Message) string {
	if m.Media == "" {
		return "text"
	}
	switch m.Media {
	case flows.MediaImage, flows.MediaSticker, flows.MediaAudio, flows.MediaVideo, flows.MediaDocument,
		flows.MediaLocation, flows.MediaContact, flows.MediaReaction, flows.MediaEdit, flows.MediaRevoke:
		return string(m.Media)
	}
	return "other"
}

// Receive is the entry point for every inbound message. It returns only
// after the message is committed (so the transport may acknowledge it) or
// with an error (so the transport must not). A staff command is handled in
// that same transaction; a customer message waits for its burst to end.
func (b *Bot) Receive(ctx context.Context, m Message) error {
	if m.ID == "" || (m.Phone == "" && m.LID == "") {
		return errors.New("message without id or sender")
	}
	now := b.now().UTC()
	if m.SentAt.IsZero() {
		m.SentAt = now
	}
	role := flows.Role("")
	if m.Phone != "" {
		role = b.shop.RoleOf(m.Phone)
	}
	command := role != "" && m.Media == "" && flows.IsCommand(m.Text)
	immediate := command || b.shop.BurstWindow <= 0
	if role == "" {
		key := store.NewChatKey(m.Phone, m.LID).String()
		if cut, notify := b.flood.message(key, now); cut {
			return b.receiveExcess(ctx, m, notify)
		}
	}
	var cust flows.Customer
	var dup bool
	var wait time.Duration
	err := b.update(ctx, func(tx *store.Tx) error {
		var err error
		cust, dup, err = tx.Receive(store.Inbound{MsgID: m.ID, Phone: m.Phone, LID: m.LID, PushName: m.PushName,
			Kind: kindOf(m), Text: m.Text, MediaPath: m.Path, SentAt: m.SentAt})
		if err == nil && !dup && m.Catalog != nil {
			err = saveCatalogRef(tx, m)
		}
		if err != nil || dup || !immediate {
			return err
		}
		if command {
			return b.command(tx, cust, role, m)
		}
		wait, err = b.turn(tx, cust)
		return err
	})
	if err != nil {
		b.fault(ctx, m, err)
		return fmt.Errorf("failed to receive message: %w", err)
	}
	if dup {
		b.log.Debug("duplicate message dropped", "msg", m.ID)
		return nil
	}
	if immediate {
		if wait > 0 {
			b.scheduleFlushIn(cust.ID, wait)
		}
		b.sweepSoon()
		b.kick()
		return nil
	}
	b.scheduleFlush(cust.ID)
	return nil
}

// update runs a turn's transaction and, once it committed, deletes the
// media files of erased data and checkpoints the WAL so the bytes are gone.
func (b *Bot) update(ctx context.Context, fn func(*store.Tx) error) error {
	return b.updateMarks(ctx, fn, false)
}

// updateMarks is update, carrying the sent replies' marks: all of them when
// allMarks, else once enough wait (see sentmark.go).
func (b *Bot) updateMarks(ctx context.Context, fn func(*store.Tx) error, allMarks bool) error {
	var removed []string
	var forgotten []store.Identity
	erased := false
	var marked []store.SentMark
	err := b.db.Update(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		removed, erased, forgotten = tx.Removed(), tx.Erased(), tx.Forgotten()
		// Last, so a reply sent while this turn ran still rides along.
		var err error
		marked, err = b.recordSent(tx, allMarks)
		return err
	})
	if err != nil {
		return err
	}
	b.marks.written(marked)
	if !allMarks {
		b.marks.committed(time.Now())
	}
	for _, p := range removed {
		if b.dataDir == "" || !filepath.IsLocal(p) {
			continue
		}
		if err := os.Remove(filepath.Join(b.dataDir, p)); err != nil && !errors.Is(err, os.ErrNotExist) {
			b.log.Warn("could not delete an erased file", "err", err)
		}
	}
	if erased {
		if err := b.db.Checkpoint(ctx); err != nil {
			b.log.Warn("checkpoint after erasure failed", "err", err)
		}
	}
	if len(forgotten) > 0 && b.forget != nil {
		if err := b.forget.Forget(ctx, forgotten); err != nil {
			b.log.Warn("could not clear the WhatsApp session's copy of an erased customer", "err", err)
		}
	}
	if len(forgotten) > 0 && b.dataDir != "" {
		// The backups forget them too; what fails here the nightly backup
		// does again.
		if n, err := b.db.ScrubBackups(ctx, b.backupsDir()); err != nil {
			b.log.Warn("could not erase the customer from every backup yet; the nightly backup tries again", "err", err)
		} else if n > 0 {
			b.log.Info("erased customer removed from backups", "backups", n)
		}
	}
	return nil
}

// receiveExcess records a message of a flood without reading it: no turn,
// no order. The first one of a window tells the customer to wait and the
// owner that messages went unread.
func (b *Bot) receiveExcess(ctx context.Context, m Message, notify bool) error {
	text := m.Text
	if len(text) > 1000 {
		text = lang.Clean(text, 250)
	}
	err := b.db.Update(ctx, func(tx *store.Tx) error {
		cust, dup, err := tx.Receive(store.Inbound{MsgID: m.ID, Phone: m.Phone, LID: m.LID, PushName: m.PushName,
			Kind: kindOf(m), Text: text, MediaPath: m.Path, SentAt: m.SentAt})
		if err != nil || dup {
			return err
		}
		handled, err := handledIDs(tx, cust.ID, m.ID)
		if err != nil {
			return err
		}
		out := outcome{chat: chatOf(cust), source: m.ID, handled: handled}
		if notify {
			who := chatOf(cust)
			if cust.PushName != "" {
				who = lang.Clean(cust.PushName, 60) + " (" + who + ")"
			}
			out.replies = append(out.replies, flows.Reply{Text: b.shop.Text("flood_wait")})
			for _, o := range b.shop.Owners {
				out.replies = append(out.replies, flows.Reply{To: o, Text: b.shop.Text("notify_flood", "who", who, "cap", fmt.Sprint(b.flood.cap))})
			}
		}
		return b.commit(tx, out)
	})
	if err != nil {
		b.fault(ctx, m, err)
		return fmt.Errorf("failed to record message: %w", err)
	}
	b.log.Warn("message flood: message recorded, not read", "notified", notify)
	b.kick()
	return nil
}

// fault answers a message the database could not take: the customer gets
// one "gangguan teknis" per window straight through the transport (the
// outbox is in the failing database), the owner one alert per window, and
// the message stays unacknowledged so WhatsApp delivers it again.
func (b *Bot) fault(ctx context.Context, m Message, cause error) {
	now := b.now()
	chat := store.NewChatKey(m.Phone, m.LID).String()
	b.faultMu.Lock()
	tellCustomer := now.Sub(b.faultSent[chat]) >= 10*time.Minute && b.shop.RoleOf(chat) == ""
	if tellCustomer {
		if len(b.faultSent) > 10000 {
			b.faultSent = map[string]time.Time{}
		}
		b.faultSent[chat] = now
	}
	alert := now.Sub(b.alertSent) >= 10*time.Minute
	if alert {
		b.alertSent = now
	}
	b.faultMu.Unlock()
	b.log.Error("database refused a message; it will be redelivered", "err", cause)
	if b.transport == nil {
		return
	}
	if tellCustomer {
		if err := b.transport.Send(ctx, store.Outgoing{MsgID: store.NewMessageID(), Chat: chat, Text: b.shop.Text("tech_trouble"), CreatedAt: now}); err != nil {
			b.log.Warn("could not send the trouble notice", "err", err)
		}
	}
	if alert {
		why := "database bermasalah"
		switch {
		case errors.Is(cause, store.ErrFull):
			why = "disk penuh"
		case errors.Is(cause, store.ErrBusy):
			why = "database sedang dikunci program lain"
		}
		for _, o := range b.shop.Owners {
			if err := b.transport.Send(ctx, store.Outgoing{MsgID: store.NewMessageID(), Chat: o, Text: b.shop.Text("owner_db_alert", "why", why), CreatedAt: now}); err != nil {
				b.log.Warn("could not alert the owner", "err", err)
			}
		}
	}
}

// HumanReplied records that someone answered a chat by hand from the
// shop's own phone: the bot stays quiet there for the handover cap. chat is
// the customer's address (a store.ChatKey).
func (b *Bot) HumanReplied(ctx context.Context, chat string) error {
	if chat == "" || b.shop.RoleOf(chat) != "" {
		return nil
	}
	until := b.now().Add(b.shop.HandoverCap)
	err := b.db.Update(ctx, func(tx *store.Tx) error {
		return b.commit(tx, outcome{effects: []flows.Effect{flows.SetPause{Phone: chat, Until: until}}})
	})
	if err != nil {
		return fmt.Errorf("failed to pause chat: %w", err)
	}
	return nil
}

// command runs a staff command inside the receive transaction.
func (b *Bot) command(tx *store.Tx, cust flows.Customer, role flows.Role, m Message) error {
	handled, err := handledIDs(tx, cust.ID, m.ID)
	if err != nil {
		return err
	}
	var res flows.Result
	if age := tx.Now().Sub(m.SentAt); age > staleCommand {
		// Written before a downtime: "stok 0" from yesterday may no longer
		// be meant. Running it needs a fresh send.
		res.Replies = []flows.Reply{{Text: b.shop.Text("stale_command", "command", lang.Clean(m.Text, 60),
			"when", b.shop.When(tx.Now(), m.SentAt))}}
	} else {
		res = flows.HandleCommand(b.shop, flows.Staff{Phone: m.Phone, Role: role}, m.Text, tx.Now(), tx)
	}
	return b.commit(tx, outcome{effects: res.Effects, chat: chatOf(cust), replies: res.Replies, source: m.ID, handled: handled})
}

// handledIDs are the inbound rows of one message id still pending in a
// chat: what a turn that read only that message marks handled.
func handledIDs(tx *store.Tx, customerID int64, msgID string) ([]int64, error) {
	pending, err := tx.Pending(customerID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, p := range pending {
		if p.MsgID == msgID {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil
}

// Command runs a staff command that did not come as a WhatsApp message (the
// dashboard): the same handler, effects, customer notifications and audit
// log as "/lunas 12" typed on a phone. It returns the answer for the staff
// member. phone must be a configured owner or staff number.
func (b *Bot) Command(ctx context.Context, phone, text string) (string, error) {
	role := b.shop.RoleOf(phone)
	if role == "" {
		return "", errors.New("not a staff number")
	}
	if !flows.IsCommand(text) {
		text = "/" + text
	}
	var answer string
	// b.update: an erasure from the dashboard deletes files, checkpoints
	// and clears the session and backups as one from WhatsApp does.
	err := b.update(ctx, func(tx *store.Tx) error {
		res := flows.HandleCommand(b.shop, flows.Staff{Phone: phone, Role: role}, text, tx.Now(), tx)
		var rest []flows.Reply
		for _, r := range res.Replies {
			if r.To == "" {
				answer += r.Text
				continue
			}
			rest = append(rest, r)
		}
		return b.commit(tx, outcome{effects: res.Effects, chat: phone, replies: rest, source: "dashboard"})
	})
	if err != nil {
		return "", fmt.Errorf("failed to run command: %w", err)
	}
	b.kick()
	return answer, nil
}

// chatOf is the outbox address of a customer.
func chatOf(c flows.Customer) string {
	return store.NewChatKey(c.Phone, c.LID).String()
}

// outcome is what a turn decided: effects on the shop's records, replies
// for the outbox and the inbound rows it read.
type outcome struct {
	effects []flows.Effect
	cause   string // the message the effects came from (orders record it); "" for staff and timers
	chat    string // where a reply without To goes
	replies []flows.Reply
	source  string // the outbox rows' source: a message id, "dashboard", "followup:kind:subject:step"
	handled []int64
}

// commit writes a turn's outcome in the turn's transaction, the same way
// for every turn (a customer's, a staff command from a phone or the
// dashboard, a follow-up, a flood notice, an owner alert): effects first,
// then the replies into the outbox, then the handled marks. The caller's
// transaction makes them one commit with the state and the inbound rows.
func (b *Bot) commit(tx *store.Tx, o outcome) error {
	for _, e := range o.effects {
		if s, ok := e.(flows.Schedule); ok && s.Kind == flows.FollowUpShippingQuote {
			b.quoteDue.Store(true)
		}
	}
	if err := tx.Apply(o.effects, o.cause); err != nil {
		return err
	}
	if err := b.enqueue(tx, o.chat, o.replies, o.source); err != nil {
		return err
	}
	return tx.MarkHandled(o.handled)
}

func (b *Bot) enqueue(tx *store.Tx, chat string, replies []flows.Reply, source string) error {
	// One message per recipient per turn: the texts of a turn are joined, so
	// a customer gets one reply, not a burst of bubbles (and the account
	// sends fewer messages). Images go as their own messages.
	var order []string
	texts := map[string][]string{}
	flush := func() error {
		for _, to := range order {
			if err := tx.Enqueue(to, strings.Join(texts[to], "\n\n"), "", source, time.Time{}); err != nil {
				return err
			}
		}
		order, texts = order[:0], map[string][]string{}
		return nil
	}
	for _, r := range replies {
		to := r.To
		if to == "" {
			to = chat
		}
		if r.Image != "" {
			if err := b.ensureQRISImage(r.Image); err != nil {
				b.log.Warn("could not draw the order's QRIS; the text goes alone", "err", err)
			}
			// Keep the order: what was said before the image goes first.
			if err := flush(); err != nil {
				return err
			}
			if err := tx.Enqueue(to, r.Text, r.Image, source, time.Time{}); err != nil {
				return err
			}
			continue
		}
		if strings.TrimSpace(r.Text) == "" {
			continue
		}
		if _, ok := texts[to]; !ok {
			order = append(order, to)
		}
		texts[to] = append(texts[to], r.Text)
	}
	return flush()
}

// Flush runs the turn of one chat now, whatever its burst window.
func (b *Bot) Flush(ctx context.Context, customerID int64) error {
	unlock := b.locks.lock(customerID)
	defer unlock()
	var wait time.Duration
	err := b.update(ctx, func(tx *store.Tx) error {
		cust, err := tx.Customer(customerID)
		if err != nil {
			return err
		}
		wait, err = b.turn(tx, *cust)
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to handle turn: %w", err)
	}
	if wait > 0 {
		b.scheduleFlushIn(customerID, wait)
		return nil
	}
	b.sweepSoon()
	b.kick()
	return nil
}

// sweepSoon runs the schedule now, off the caller's goroutine, when a turn
// scheduled a live shipping lookup (realtime mode; the simulator sweeps
// itself).
func (b *Bot) sweepSoon() {
	if !b.realtime || !b.quoteDue.CompareAndSwap(true, false) {
		return
	}
	go func() {
		if err := b.Sweep(context.Background()); err != nil {
			b.log.Error("sweep failed", "err", err)
		}
	}()
}

// turn handles every pending message of a chat as one turn, in the caller's
// transaction: state, effects, outbox rows and the handled marks together.
// A customer over the turn pace gets no turn yet: wait says when, and the
// messages stay pending to be read then, with whatever comes meanwhile.
func (b *Bot) turn(tx *store.Tx, cust flows.Customer) (wait time.Duration, err error) {
	msgs, err := tx.Pending(cust.ID)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	staff := cust.Phone != "" && b.shop.RoleOf(cust.Phone) != ""
	if !staff {
		if ok, wait := b.flood.turn("turn:"+strconv.FormatInt(cust.ID, 10), tx.Now()); !ok {
			return wait, nil
		}
	}
	ids := make([]int64, 0, len(msgs))
	in := flows.Input{Customer: cust, At: tx.Now()}
	var texts []string
	refs, err := catalogRefs(tx, msgs)
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		ids = append(ids, m.ID)
		if m.Text != "" && m.Kind != "reaction" {
			texts = append(texts, m.Text)
		}
		if ref, ok := refs[m.ID]; ok {
			// A product or a cart from the catalogue: read, not "unsupported".
			if ref.Product != nil {
				in.Products = append(in.Products, *ref.Product)
			}
			if ref.Cart != nil {
				in.Carts = append(in.Carts, *ref.Cart)
			}
			continue
		}
		if m.Kind != "text" {
			in.Media = append(in.Media, flows.Media{Kind: flows.MediaKind(m.Kind), Path: m.MediaPath})
		}
	}
	if tx.Now().Sub(msgs[0].SentAt) > lateAfter {
		in.Late = true
	}
	in.Text = strings.Join(texts, "\n")
	source := msgs[len(msgs)-1].MsgID
	var res flows.Result
	if staff {
		// Staff writing without a command: a hint, never the customer flows.
		res.Replies = []flows.Reply{{Text: b.shop.Text("staff_hint")}}
	} else {
		st, err := tx.LoadState(cust.ID)
		if err != nil {
			return 0, err
		}
		res = flows.Handle(b.shop, st, in, tx)
		if err := tx.SaveState(cust.ID, res.State); err != nil {
			return 0, err
		}
	}
	return 0, b.commit(tx, outcome{effects: res.Effects, cause: source, chat: chatOf(cust), replies: res.Replies, source: source, handled: ids})
}

// RunDue flushes every chat whose burst has ended by now.
func (b *Bot) RunDue(ctx context.Context) error {
	ids, err := b.db.DueChats(ctx, b.now().Add(-b.shop.BurstWindow))
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		if err := b.Flush(ctx, id); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// scheduleFlush arms the burst timer of a chat in realtime mode: each new
// message restarts it, so the turn runs when the customer pauses.
func (b *Bot) scheduleFlush(customerID int64) { b.scheduleFlushIn(customerID, b.shop.BurstWindow) }

// scheduleFlushIn arms the chat's timer to run its turn after d (realtime
// mode; the simulator runs due turns itself).
func (b *Bot) scheduleFlushIn(customerID int64, d time.Duration) {
	if !b.realtime {
		return
	}
	b.timerMu.Lock()
	defer b.timerMu.Unlock()
	if t, ok := b.timers[customerID]; ok {
		t.Stop()
	}
	b.timers[customerID] = time.AfterFunc(d, func() {
		b.timerMu.Lock()
		delete(b.timers, customerID)
		b.timerMu.Unlock()
		if err := b.Flush(context.Background(), customerID); err != nil {
			b.log.Error("turn failed", "customer", customerID, "err", err)
		}
	})
}

// kick wakes the outbox delivery loop.
func (b *Bot) kick() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// Deliver sends every due outbox row once, in order, and reports how many
// went out. A failed send is retried later. The rows' "sent" marks ride in
// the next transaction (see sentmark.go); at most maxUnmarked sent rows are
// ever without their mark.
func (b *Bot) Deliver(ctx context.Context) (int, error) {
	b.deliverMu.Lock()
	defer b.deliverMu.Unlock()
	sent := 0
	for {
		batch, err := b.db.PendingOutbox(ctx, b.now(), deliverBatch, b.marks.inFlight()...)
		if err != nil {
			return sent, err
		}
		if len(batch) == 0 {
			return sent, b.markLater(ctx)
		}
		for _, m := range batch {
			// Room for one more unmarked send: a turn committing now
			// carries the marks, else they get their own transaction.
			if !b.realtime || b.marks.count() >= maxUnmarked && !b.marks.wait(ctx, markWait) {
				if err := b.writeMarks(ctx); err != nil {
					return sent, err
				}
			}
			if err := b.ensureQRISImage(m.Image); err != nil {
				b.log.Warn("could not draw the order's QRIS; the text goes alone", "outbox", m.ID, "err", err)
			}
			if err := b.transport.Send(ctx, m); err != nil {
				b.log.Warn("send failed", "outbox", m.ID, "err", err)
				if err := b.db.MarkFailed(ctx, m.ID, b.now().Add(30*time.Second), err); err != nil {
					return sent, err
				}
				return sent, b.markLater(ctx)
			}
			b.marks.add(m.ID, b.now())
			sent++
		}
		if len(batch) < deliverBatch {
			// All that was due is sent; a commit since then kicked the
			// loop (b.wake holds one kick), so it reads again then.
			return sent, b.markLater(ctx)
		}
	}
}

// deliverBatch is how many replies Deliver reads at a time: a constant
// LIMIT, as a changed one makes SQLite plan the read again.
const deliverBatch = 50

// Run serves until ctx ends (build the Bot with Realtime for burst timers): it first finishes what a previous
// run left (pending turns, unsent replies), then delivers the outbox as it
// fills.
func (b *Bot) Run(ctx context.Context) error {
	// Recover: every chat with pending messages gets its turn now.
	ids, err := b.db.DueChats(ctx, b.now().Add(time.Hour))
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := b.Flush(ctx, id); err != nil {
			b.log.Error("turn failed", "customer", id, "err", err)
		}
	}
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		if _, err := b.Deliver(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("delivery failed", "err", err)
		}
		select {
		case <-ctx.Done():
			// The last reply's mark, before the process goes.
			if err := b.writeMarks(context.WithoutCancel(ctx)); err != nil {
				b.log.Warn("could not record the last sent replies; the next start sends them again", "err", err)
			}
			return nil
		case <-b.wake:
		case <-tick.C:
		}
	}
}

// chatLocks serialises turns per chat while chats run concurrently.
type chatLocks struct {
	mu    sync.Mutex
	locks map[int64]*chatLock
}

type chatLock struct {
	mu   sync.Mutex
	refs int
}

func (c *chatLocks) lock(id int64) (unlock func()) {
	c.mu.Lock()
	if c.locks == nil {
		c.locks = map[int64]*chatLock{}
	}
	l := c.locks[id]
	if l == nil {
		l = &chatLock{}
		c.locks[id] = l
	}
	l.refs++
	c.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		c.mu.Lock()
		l.refs--
		if l.refs == 0 {
			delete(c.locks, id)
		}
		c.mu.Unlock()
	}
}

// ImportCatalog imports a catalogue file as an owner action that did not
// come as a WhatsApp message (the dashboard's CSV upload): the catalogue
// rows and the audit entry are one commit, through the same path and audit
// log as a staff command. phone must be a configured owner or staff
// number; name is the file's name for the audit entry, columns the
// optional columns the file has (config.ReadCatalogCSVColumns).
func (b *Bot) ImportCatalog(ctx context.Context, phone, name string, c *flows.Catalog, replace bool, columns []string) (store.ImportResult, error) {
	if b.shop.RoleOf(phone) == "" {
		return store.ImportResult{}, errors.New("not a staff number")
	}
	var res store.ImportResult
	err := b.update(ctx, func(tx *store.Tx) error {
		var err error
		if res, err = tx.ImportCatalog(c, replace, columns); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s: %d produk, %d varian (%d baru, %d diperbarui)", lang.Clean(name, 100), res.Products, res.Variants, res.Added, res.Updated)
		if replace {
			detail += fmt.Sprintf(", ganti: %d varian lama dinonaktifkan", res.Deactivated)
		}
		return b.commit(tx, outcome{effects: []flows.Effect{flows.Audit{Actor: phone, Action: "impor katalog", Detail: detail}}})
	})
	if err != nil {
		return store.ImportResult{}, fmt.Errorf("failed to import the catalogue: %w", err)
	}
	return res, nil
}
