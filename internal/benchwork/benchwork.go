// Package benchwork is the workload shared by the Go benchmarks and
// "pesanbot bench": real *events.Message values through the WhatsApp
// transport's message handler (the function whatsmeow's event handler
// calls) into Receive, on the sample shop in a real shop.db with
// burst_window 0, so the call returns once the message, the turn and its
// outbox rows are committed; the outbox delivered while it runs, as bot.Run
// delivers it in production (replies marked sent); senders resolved through
// a real whatsmeow LID store in whatsapp.db; optionally a year of past
// orders first. And the raw durable commit it is measured against, on a
// file opened exactly as shop.db is.
package benchwork

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/store"
	"github.com/pesanbot/pesanbot/whatsapp"
)

// Workload is one benchmark load.
type Workload struct {
	Name  string
	Chats int  // chats sending at the same time, each one message after another
	Mixed bool // questions, orders, complaints and owner commands; else order conversations
}

// The workloads of the benchmark table.
var (
	Sequential    = Workload{Name: "sequential", Chats: 1}
	Concurrent100 = Workload{Name: "concurrent100", Chats: 100}
	// A mixed day comes one event at a time, as whatsmeow hands them over,
	// from a changing cast of customers and the owner.
	MixedDay = Workload{Name: "mixed-day", Chats: 1, Mixed: true}
)

// Result is one measured run.
type Result struct {
	Msgs      int
	Elapsed   time.Duration   // until the last reply was delivered and marked sent
	Latencies []time.Duration // sorted; HandleMessage until committed
	Errors    int             // failed Receive calls (or commits)
	Busy      int             // of which "database is locked"
	FirstErr  error
	// Counted on shop.db during the run, delivery included:
	Commits int64 // write transactions committed (turns, marks sent, anything)
	Stmts   int64 // statements in store transactions, BEGIN and COMMIT not counted
	Frames  int64 // pages appended to shop.db-wal
	Sent    int64 // replies the transport was handed
}

// Rate is messages (or commits) per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Msgs) / r.Elapsed.Seconds()
}

// Per is n per message (0 without messages).
func (r Result) Per(n int64) float64 {
	if r.Msgs == 0 {
		return 0
	}
	return float64(n) / float64(r.Msgs)
}

// Percentile returns the p-th percentile latency (p in 0..100).
func (r Result) Percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies)-1) * p / 100)
	return r.Latencies[i]
}

// Options tune Open.
type Options struct {
	// Orders is how many past orders (spread over the last year, with
	// their customers, lines, messages, replies, complaints and done
	// follow-ups) are written before anything is measured.
	Orders int
	// MarkDelay is how long sent replies' marks wait for a turn to carry
	// them before they get a transaction of their own; 0 is production's.
	// Tests that count transactions set it long, so a slow machine does
	// not change the count.
	MarkDelay time.Duration
}

// Shop is a shop on its own data directory for benchmarks.
type Shop struct {
	Bot     *bot.Bot
	DB      *store.DB
	wa      *whatsapp.WhatsApp
	waClose func() error
	raw     *sql.DB
	file    *fileMeter // shop.db's commits and WAL frames
	rawFile *fileMeter // raw.db's
	stmts   atomic.Int64
	sent    atomic.Int64
	seq     atomic.Int64 // message ids
	chats   atomic.Int64 // phone numbers
	owner   string
	castMu  sync.Mutex
	casts   map[string][]*benchChat // each workload's chats, by its name
	lidMu   sync.Mutex
	lidsTo  int64 // chat numbers up to this one have a LID in whatsapp.db
}

// Open opens the sample shop in dir (which should be empty) with
// burst_window 0 and deep stock, whatsapp.db's LID store beside it, and a
// raw.db for the baseline.
func Open(ctx context.Context, dir string, opt Options) (*Shop, error) {
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		return nil, err
	}
	shop.BurstWindow = 0
	cat, err := config.SampleCatalog()
	if err != nil {
		return nil, err
	}
	s := &Shop{owner: shop.Owners[0], file: meterFile(filepath.Join(dir, store.FileName))}
	s.DB, err = store.Open(ctx, dir, store.Options{Location: shop.Location, Shop: shop, OnStatement: func(q string) {
		if q != "BEGIN" && q != "COMMIT" {
			s.stmts.Add(1)
		}
	}})
	if err != nil {
		return nil, err
	}
	fail := func(what string, err error) (*Shop, error) {
		s.Close()
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if _, err := s.DB.ImportCatalog(ctx, cat, false); err == nil {
		_, err = s.DB.SQL().ExecContext(ctx, `UPDATE variant SET stock = 1000000`)
	}
	if err != nil {
		return fail("failed to seed the benchmark catalogue", err)
	}
	if opt.Orders > 0 {
		if err := seedHistory(ctx, s.DB.SQL(), opt.Orders, time.Now()); err != nil {
			return fail("failed to write the past orders", err)
		}
	}
	// As pesanbot run does at start: the summaries' rollups catch up with
	// the history (bot.StartSchedule).
	if err := s.DB.RollUp(ctx); err != nil {
		return fail("failed to roll up the past orders", err)
	}
	// The baseline: the same pragmas and pool size as shop.db.
	rawPath := filepath.Join(dir, "raw.db")
	if err := store.CreatePrivate(rawPath); err != nil {
		return fail("failed to create the baseline database", err)
	}
	s.rawFile = meterFile(rawPath)
	s.raw, err = sql.Open("sqlite", store.ShopDSN(rawPath, 10*time.Second))
	if err == nil {
		s.raw.SetMaxOpenConns(store.MaxOpenConns)
		_, err = s.raw.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)`)
	}
	if err != nil {
		return fail("failed to open the baseline database", err)
	}
	// One benchmark chat sends thousands of messages a second: lift the
	// per-sender flood limit so every message gets a full turn.
	s.Bot = bot.New(bot.Config{DB: s.DB, Shop: shop, Realtime: true, MarkDelay: opt.MarkDelay, Transport: (*counting)(s), DataDir: dir, FloodPerMinute: 1 << 30, FloodBurst: 1 << 30, FloodCap: 1 << 30})
	// The transport without a connection: handleMessage needs none for text
	// (read receipts are skipped without a client), and resolves senders
	// through whatsapp.db's LID store as when connected.
	s.wa = whatsapp.New(whatsapp.Config{DataDir: dir})
	s.wa.Attach(s.Bot)
	if s.waClose, err = s.wa.OpenOffline(ctx); err != nil {
		return fail("failed to open whatsapp.db", err)
	}
	if err := s.ensureLIDs(ctx, lidBlock); err != nil {
		return fail("failed to store the benchmark chats' LIDs", err)
	}
	return s, nil
}

// Close closes the databases.
func (s *Shop) Close() error {
	var errs []error
	if s.waClose != nil {
		errs = append(errs, s.waClose())
	}
	if s.raw != nil {
		errs = append(errs, s.raw.Close())
	}
	errs = append(errs, s.DB.Close(), s.file.close())
	if s.rawFile != nil {
		errs = append(errs, s.rawFile.close())
	}
	return errors.Join(errs...)
}

// Commits is the number of shop.db write transactions committed so far.
func (s *Shop) Commits() int64 { return s.file.commits.Load() }

// Stmts is the number of statements run in store transactions so far,
// BEGIN and COMMIT not counted.
func (s *Shop) Stmts() int64 { return s.stmts.Load() }

// Frames is the number of pages appended to shop.db's WAL so far (as of
// the last commit, or now).
func (s *Shop) Frames() int64 { return s.file.wal.frames() }

// counting is the benchmark's transport: it counts what it is handed and
// returns nil at once, like a send that went through.
type counting Shop

func (c *counting) Send(context.Context, store.Outgoing) error {
	c.sent.Add(1)
	return nil
}

// Handle hands one message to the WhatsApp transport as whatsmeow would
// and returns once it is committed: from m.LID's @lid chat when set, with
// no phone number beside it (the transport looks it up in the LID store),
// else from m.Phone's chat (the transport looks its LID up).
func (s *Shop) Handle(ctx context.Context, m bot.Message) error {
	jid := types.NewJID(m.Phone, types.DefaultUserServer)
	if m.LID != "" {
		jid = types.NewJID(m.LID, types.HiddenUserServer)
	}
	evt := &events.Message{
		Info: types.MessageInfo{MessageSource: types.MessageSource{Chat: jid, Sender: jid},
			ID: m.ID, PushName: m.PushName, Timestamp: time.Now()},
		Message: &waE2E.Message{Conversation: proto.String(m.Text)},
	}
	return s.wa.HandleMessage(ctx, evt)
}

// Delivery runs the outbox delivery loop as "pesanbot run" does (bot.Run,
// woken by every commit) until the returned stop is called; stop ends the
// loop, then delivers what is left so every reply is marked sent.
func (s *Shop) Delivery(ctx context.Context) (stop func() error) {
	loop, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Bot.Run(loop) }()
	return func() error {
		cancel()
		err := <-done
		if _, derr := s.Bot.Deliver(ctx); derr != nil {
			err = errors.Join(err, derr)
		}
		return errors.Join(err, s.Bot.WriteMarks(ctx))
	}
}

// Run sends messages of workload w through Handle, with delivery running,
// until n messages were sent (n <= 0: no limit) or until passes (zero: no
// deadline), then stops delivery and delivers the rest.
func (s *Shop) Run(ctx context.Context, w Workload, n int, until time.Time) Result {
	var tickets atomic.Int64
	tickets.Store(int64(n))
	take := func() bool {
		if n > 0 && tickets.Add(-1) < 0 {
			return false
		}
		return until.IsZero() || time.Now().Before(until)
	}
	lat := make([][]time.Duration, w.Chats)
	var errs, busy atomic.Int64
	var firstErr atomic.Pointer[error]
	fail := func(err error) {
		errs.Add(1)
		if errors.Is(err, store.ErrBusy) {
			busy.Add(1)
		}
		firstErr.CompareAndSwap(nil, &err)
	}
	chats := s.cast(w)
	// LIDs for the customers a mixed day will meet, stored before the clock
	// starts (more are stored, a block at a time, if the run outgrows them).
	if err := s.ensureLIDs(ctx, s.chats.Load()+lidBlock/2); err != nil {
		fail(err)
	}
	c0, st0, f0, sent0 := s.Commits(), s.Stmts(), s.Frames(), s.sent.Load()
	start := time.Now()
	stop := s.Delivery(ctx)
	var wg sync.WaitGroup
	for g, chat := range chats {
		wg.Go(func() {
			for take() {
				m, err := chat.next(ctx)
				if err != nil {
					fail(err)
					return
				}
				t := time.Now()
				err = s.Handle(ctx, m)
				lat[g] = append(lat[g], time.Since(t))
				if err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
	if err := stop(); err != nil && ctx.Err() == nil {
		fail(err)
	}
	r := Result{Elapsed: time.Since(start), Errors: int(errs.Load()), Busy: int(busy.Load()),
		Commits: s.Commits() - c0, Stmts: s.Stmts() - st0, Frames: s.Frames() - f0, Sent: s.sent.Load() - sent0}
	for _, l := range lat {
		r.Latencies = append(r.Latencies, l...)
	}
	r.Msgs = len(r.Latencies)
	slices.Sort(r.Latencies)
	if p := firstErr.Load(); p != nil {
		r.FirstErr = *p
	}
	if err := s.settle(ctx); err != nil && r.FirstErr == nil {
		r.Errors++
		r.FirstErr = err
	}
	return r
}

// settle marks the run's unpaid orders paid, after the run and outside
// its counts, as customers pay during a real day (or the unpaid ones
// expire): without it the unpaid orders of every slice pile up, and
// finding a free unique code among them costs more statements slice after
// slice than it does in any shop.
func (s *Shop) settle(ctx context.Context) error {
	now := time.Now().UnixMilli()
	_, err := s.DB.SQL().ExecContext(ctx, `UPDATE orders SET status = 'paid', paid_at = ?
		WHERE status IN ('awaiting_payment', 'awaiting_verification')`, now)
	return err
}

// RawCommits measures the baseline: one durable single-row INSERT
// transaction at a time on raw.db, next to shop.db, opened the same way.
func (s *Shop) RawCommits(ctx context.Context, n int, until time.Time) Result {
	var r Result
	body := strings.Repeat("x", 200)
	c0, f0 := s.rawFile.commits.Load(), s.rawFile.wal.frames()
	start := time.Now()
	for i := 0; (n <= 0 || i < n) && (until.IsZero() || time.Now().Before(until)); i++ {
		t := time.Now()
		tx, err := s.raw.BeginTx(ctx, nil)
		if err == nil {
			if _, err = tx.ExecContext(ctx, `INSERT INTO t (at, body) VALUES (?, ?)`, t.UnixMilli(), body); err != nil {
				tx.Rollback()
			} else {
				err = tx.Commit()
			}
		}
		r.Latencies = append(r.Latencies, time.Since(t))
		if err != nil {
			r.Errors++
			if r.FirstErr == nil {
				r.FirstErr = err
			}
		}
	}
	r.Elapsed = time.Since(start)
	r.Msgs = len(r.Latencies)
	r.Commits, r.Frames = s.rawFile.commits.Load()-c0, s.rawFile.wal.frames()-f0
	slices.Sort(r.Latencies)
	return r
}

// Customers sends one greeting from each of n new customers, one at a time.
func (s *Shop) Customers(ctx context.Context, n int) error {
	for range n {
		c := s.newChat(false)
		m, err := c.say(ctx, "halo kak")
		if err == nil {
			err = s.Handle(ctx, m)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// nextID is a new message id shaped like a phone's: WhatsApp's ids are
// random, so each lands at a random place in inbound's message-id index,
// as in a shop (counting ids would all sort before or after the seeded
// history's). Distinct for every message: splitmix64 is a bijection.
func (s *Shop) nextID() string {
	z := uint64(s.seq.Add(1)) * 0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return fmt.Sprintf("3A%016X", z^z>>31)
}

// lidBlock is how many chat numbers get their LID mapping in one
// whatsapp.db transaction.
const lidBlock = 4096

// chatPhone and chatLID are bench chat k's phone number and LID user.
func chatPhone(k int64) string { return fmt.Sprintf("6285%09d", k) }
func chatLID(k int64) string   { return fmt.Sprintf("9%014d", k) }

// ensureLIDs stores the LID mappings of every chat number up to k (and a
// block beyond) in whatsapp.db, as whatsmeow learns them from the server.
func (s *Shop) ensureLIDs(ctx context.Context, k int64) error {
	s.lidMu.Lock()
	defer s.lidMu.Unlock()
	for s.lidsTo < k {
		m := make(map[string]string, lidBlock)
		for i := s.lidsTo + 1; i <= s.lidsTo+lidBlock; i++ {
			m[chatLID(i)] = chatPhone(i)
		}
		if err := s.wa.PutLIDs(ctx, m); err != nil {
			return err
		}
		s.lidsTo += lidBlock
	}
	return nil
}

// benchChat is one customer's side of a conversation.
type benchChat struct {
	s       *Shop
	k       int64 // chat number
	name    string
	mixed   bool
	rng     *rand.Rand
	pending []string // the rest of the current episode
	owner   bool     // the pending message is the owner's
}

var benchNames = []string{"Rina Sari", "Dewi Lestari", "Ani Wulandari", "Fitri Handayani", "Eka Putri", "Siti Rahma", "Budi Santoso", "Citra Kirana"}

var benchQuestions = []string{"halo kak", "ongkir ke bekasi berapa kak", "bisa cod ga kak", "pashmina hitam ready?",
	"alamat tokonya dimana kak", "jam buka toko jam berapa kak", "makasih kak", "pesanan saya gmn?"}

// benchCommands are the owner's commands of a mixed day; the summaries
// and lists read the shop's history.
var benchCommands = []string{"/ringkasan", "/ringkasan minggu", "/ringkasan bulan", "/pesanan", "/komplain", "/pesanan 1", "/gudang", "/stok PSM-02"}

// cast returns the workload's chats: made by its first run, and going on
// in every later run from where they were, as the same conversations
// would. A run is a slice of the workload, not a new set of customers:
// one hundred chats at once are one hundred customers, not one hundred
// more every slice.
func (s *Shop) cast(w Workload) []*benchChat {
	s.castMu.Lock()
	defer s.castMu.Unlock()
	if c := s.casts[w.Name]; len(c) == w.Chats {
		return c
	}
	chats := make([]*benchChat, w.Chats)
	for g := range chats {
		chats[g] = s.newChat(w.Mixed)
	}
	if s.casts == nil {
		s.casts = map[string][]*benchChat{}
	}
	s.casts[w.Name] = chats
	return chats
}

func (s *Shop) newChat(mixed bool) *benchChat {
	c := &benchChat{s: s, mixed: mixed}
	c.switchTo(s.chats.Add(1))
	c.rng = rand.New(rand.NewPCG(uint64(c.k), 7))
	return c
}

func (c *benchChat) switchTo(k int64) {
	c.k, c.name = k, benchNames[k%int64(len(benchNames))]
}

// say is a message from the chat's customer: half the chats write from
// their LID (as WhatsApp delivers more and more chats), half from their
// phone number.
func (c *benchChat) say(ctx context.Context, text string) (bot.Message, error) {
	if err := c.s.ensureLIDs(ctx, c.k); err != nil {
		return bot.Message{}, err
	}
	m := bot.Message{ID: c.s.nextID(), PushName: c.name, Text: text}
	if c.k%2 == 1 {
		m.LID = chatLID(c.k)
	} else {
		m.Phone = chatPhone(c.k)
	}
	return m, nil
}

// next is the chat's next message: an order conversation (order, delivery
// details, "ya") and a question; in a mixed day also complaints and, from
// the owner's number, staff commands.
func (c *benchChat) next(ctx context.Context) (bot.Message, error) {
	if len(c.pending) == 0 {
		c.owner = false
		if c.mixed && c.rng.IntN(2) == 0 {
			// Another customer writes next.
			c.switchTo(c.s.chats.Add(1))
		}
		roll := 0
		if c.mixed {
			roll = c.rng.IntN(10)
		}
		phone := chatPhone(c.k)
		switch {
		case roll < 4:
			c.pending = append(c.pending, "mau pashmina hitam 1",
				fmt.Sprintf("%s, Jl. Mawar %d Bekasi 17111, 0812%s, jne", c.name, 1+c.rng.IntN(99), phone[len(phone)-8:]), "ya")
			if !c.mixed {
				c.pending = append(c.pending, benchQuestions[c.rng.IntN(len(benchQuestions))])
			}
		case roll < 8:
			c.pending = append(c.pending, benchQuestions[c.rng.IntN(len(benchQuestions))])
		case roll < 9:
			c.pending = append(c.pending, "kak paket saya belum sampai", "sudah 5 hari kak")
		default:
			c.owner = true
			c.pending = append(c.pending, benchCommands[c.rng.IntN(len(benchCommands))])
		}
	}
	text := c.pending[0]
	c.pending = c.pending[1:]
	if c.owner {
		return bot.Message{ID: c.s.nextID(), Phone: c.s.owner, Text: text}, nil
	}
	return c.say(ctx, text)
}
