// Package benchwork is the workload shared by the Go benchmarks and
// "pesanbot bench": real *events.Message values through the WhatsApp transport's
// message handler (the function whatsmeow's event handler calls) into
// Receive, on the sample shop in a real shop.db with burst_window 0, so the
// call returns once the message, the turn and its outbox rows are
// committed; and the raw durable commit it is measured against.
package benchwork

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
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
	"modernc.org/sqlite"

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
	Elapsed   time.Duration
	Latencies []time.Duration // sorted
	Errors    int             // failed Receive calls (or commits)
	Busy      int             // of which "database is locked"
	Commits   int64           // shop.db write transactions committed during the run
	FirstErr  error
}

// Rate is messages (or commits) per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Msgs) / r.Elapsed.Seconds()
}

// Percentile returns the p-th percentile latency (p in 0..100).
func (r Result) Percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies)-1) * p / 100)
	return r.Latencies[i]
}

// Shop is a shop on its own data directory for benchmarks.
type Shop struct {
	Bot     *bot.Bot
	wa      *whatsapp.WhatsApp
	DB      *store.DB
	raw     *sql.DB
	commits *atomic.Int64
	seq     atomic.Int64 // message ids
	chats   atomic.Int64 // phone numbers
	owner   string
}

// Open opens the sample shop in dir (which should be empty) with
// burst_window 0 and deep stock, and a raw.db next to it for the baseline.
func Open(ctx context.Context, dir string) (*Shop, error) {
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		return nil, err
	}
	shop.BurstWindow = 0
	cat, err := config.SampleCatalog()
	if err != nil {
		return nil, err
	}
	s := &Shop{owner: shop.Owners[0], commits: countCommits(filepath.Join(dir, store.FileName))}
	s.DB, err = store.Open(ctx, dir, store.Options{Location: shop.Location})
	if err != nil {
		return nil, err
	}
	if _, err := s.DB.ImportCatalog(ctx, cat, false); err == nil {
		_, err = s.DB.SQL().ExecContext(ctx, `UPDATE variant SET stock = 1000000`)
	}
	if err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("failed to seed the benchmark catalogue: %w", err)
	}
	s.raw, err = sql.Open("sqlite", store.DSN(filepath.Join(dir, "raw.db"), 10*time.Second))
	if err == nil {
		_, err = s.raw.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)`)
	}
	if err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("failed to open the baseline database: %w", err)
	}
	// One benchmark chat sends thousands of messages a second: lift the
	// per-sender flood limit so every message gets a full turn.
	s.Bot = bot.New(bot.Config{DB: s.DB, Shop: shop, Transport: discard{}, DataDir: dir, FloodPerMinute: 1 << 30, FloodBurst: 1 << 30, FloodCap: 1 << 30})
	// The transport without a connection: handleMessage needs none for text
	// (read receipts are skipped without a client).
	s.wa = whatsapp.New(whatsapp.Config{DataDir: dir})
	s.wa.Attach(s.Bot)
	return s, nil
}

// Close closes both databases.
func (s *Shop) Close() error { return errors.Join(s.raw.Close(), s.DB.Close()) }

// Commits is the number of shop.db write transactions committed so far.
func (s *Shop) Commits() int64 { return s.commits.Load() }

// commitCounters count commits per database file through a commit hook set
// on every new connection whose DSN names that file.
var commitCounters struct {
	once sync.Once
	mu   sync.Mutex
	m    map[string]*atomic.Int64
}

func countCommits(path string) *atomic.Int64 {
	c := &commitCounters
	c.once.Do(func() {
		c.m = map[string]*atomic.Int64{}
		sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			h, ok := conn.(sqlite.HookRegisterer)
			if !ok {
				return nil
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			for p, n := range c.m {
				if strings.HasPrefix(dsn, "file:"+p+"?") {
					h.RegisterCommitHook(func() int32 { n.Add(1); return 0 })
				}
			}
			return nil
		})
	})
	n := &atomic.Int64{}
	c.mu.Lock()
	c.m[(&url.URL{Path: path}).EscapedPath()] = n
	c.mu.Unlock()
	return n
}

// discard is a transport for benchmarks: delivery is not measured.
type discard struct{}

func (discard) Send(context.Context, store.Outgoing) error { return nil }

// Handle hands one message to the WhatsApp transport as whatsmeow would
// (a direct chat from a phone-number JID) and returns once it is committed.
func (s *Shop) Handle(ctx context.Context, m bot.Message) error {
	jid := types.NewJID(m.Phone, types.DefaultUserServer)
	evt := &events.Message{
		Info: types.MessageInfo{MessageSource: types.MessageSource{Chat: jid, Sender: jid},
			ID: m.ID, PushName: m.PushName, Timestamp: time.Now()},
		Message: &waE2E.Message{Conversation: proto.String(m.Text)},
	}
	return s.wa.HandleMessage(ctx, evt)
}

// Run sends messages of workload w through Handle until n messages were
// sent (n <= 0: no limit) or until passes (zero: no deadline).
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
	c0 := s.commits.Load()
	start := time.Now()
	var wg sync.WaitGroup
	for g := range w.Chats {
		chat := s.newChat(w.Mixed)
		wg.Go(func() {
			for take() {
				m := chat.next()
				t := time.Now()
				err := s.Handle(ctx, m)
				lat[g] = append(lat[g], time.Since(t))
				if err != nil {
					errs.Add(1)
					if errors.Is(err, store.ErrBusy) {
						busy.Add(1)
					}
					firstErr.CompareAndSwap(nil, &err)
				}
			}
		})
	}
	wg.Wait()
	r := Result{Elapsed: time.Since(start), Errors: int(errs.Load()), Busy: int(busy.Load()), Commits: s.commits.Load() - c0}
	for _, l := range lat {
		r.Latencies = append(r.Latencies, l...)
	}
	r.Msgs = len(r.Latencies)
	slices.Sort(r.Latencies)
	if p := firstErr.Load(); p != nil {
		r.FirstErr = *p
	}
	return r
}

// RawCommits measures the baseline: one durable single-row INSERT
// transaction at a time on raw.db, next to shop.db, with the same pragmas.
func (s *Shop) RawCommits(ctx context.Context, n int, until time.Time) Result {
	var r Result
	body := strings.Repeat("x", 200)
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
	slices.Sort(r.Latencies)
	return r
}

// Customers sends one greeting from each of n new customers, one at a time.
func (s *Shop) Customers(ctx context.Context, n int) error {
	for range n {
		c := s.newChat(false)
		if err := s.Handle(ctx, bot.Message{ID: s.nextID(), Phone: c.phone, PushName: c.name, Text: "halo kak"}); err != nil {
			return err
		}
	}
	return nil
}

func (s *Shop) nextID() string { return fmt.Sprintf("BENCH%010d", s.seq.Add(1)) }

// benchChat is one customer's side of a conversation.
type benchChat struct {
	s       *Shop
	phone   string
	name    string
	mixed   bool
	rng     *rand.Rand
	pending []bot.Message // the rest of the current episode
}

var benchNames = []string{"Rina Sari", "Dewi Lestari", "Ani Wulandari", "Fitri Handayani", "Eka Putri", "Siti Rahma", "Budi Santoso", "Citra Kirana"}

var benchQuestions = []string{"halo kak", "ongkir ke bekasi berapa kak", "bisa cod ga kak", "pashmina hitam ready?",
	"alamat tokonya dimana kak", "jam buka toko jam berapa kak", "makasih kak", "pesanan saya gmn?"}

var benchCommands = []string{"/ringkasan", "/komplain", "/pesanan 1", "/gudang", "/stok PSM-02"}

func (s *Shop) newChat(mixed bool) *benchChat {
	k := s.chats.Add(1)
	return &benchChat{s: s, phone: fmt.Sprintf("6285%09d", k), name: benchNames[k%int64(len(benchNames))],
		mixed: mixed, rng: rand.New(rand.NewPCG(uint64(k), 7))}
}

// next is the chat's next message: an order conversation (order, delivery
// details, "ya") and a question; in a mixed day also complaints and, from
// the owner's number, staff commands.
func (c *benchChat) next() bot.Message {
	if len(c.pending) == 0 {
		if c.mixed && c.rng.IntN(2) == 0 {
			// Another customer writes next.
			k := c.s.chats.Add(1)
			c.phone, c.name = fmt.Sprintf("6285%09d", k), benchNames[k%int64(len(benchNames))]
		}
		say := func(text string) {
			c.pending = append(c.pending, bot.Message{Phone: c.phone, PushName: c.name, Text: text})
		}
		roll := 0
		if c.mixed {
			roll = c.rng.IntN(10)
		}
		switch {
		case roll < 4:
			say("mau pashmina hitam 1")
			say(fmt.Sprintf("%s, Jl. Mawar %d Bekasi 17111, 0812%s, jne", c.name, 1+c.rng.IntN(99), c.phone[len(c.phone)-8:]))
			say("ya")
			if !c.mixed {
				say(benchQuestions[c.rng.IntN(len(benchQuestions))])
			}
		case roll < 8:
			say(benchQuestions[c.rng.IntN(len(benchQuestions))])
		case roll < 9:
			say("kak paket saya belum sampai")
			say("sudah 5 hari kak")
		default:
			c.pending = append(c.pending, bot.Message{Phone: c.s.owner, Text: benchCommands[c.rng.IntN(len(benchCommands))]})
		}
	}
	m := c.pending[0]
	c.pending = c.pending[1:]
	m.ID = c.s.nextID()
	return m
}
