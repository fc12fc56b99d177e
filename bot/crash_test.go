package bot

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// crash_test.go: kill -9 at random instants (RELIABILITY.md A.1, G1, G2).
// TestCrashKill runs the real handling path (store.Open, Bot.Run delivering
// the outbox, Bot.Receive with burst_window 0 so each message is one
// transaction, 4 goroutines writing) in a child process: this test binary
// re-executed with -test.run=^TestCrashChild$. The parent plays WhatsApp: it
// sends messages with at-least-once redelivery (everything unacknowledged is
// sent again after a restart) plus ~5% deliberate duplicates, SIGKILLs the
// child 20-220 ms after it reports READY, and after every kill checks a copy
// of the files as the kill left them; the next child recovers the WAL itself.
//
// Protocol, one line each way:
//
//	parent -> child  "<msg id>\t<phone>\t<push name>\t<text>"
//	child -> parent  "READY"; "ACK <msg id>" once Receive returned nil (the
//	                 WhatsApp receipt); "ERR <msg id> <error>"; "SENT <outbox
//	                 id> <whatsapp id>" from the transport, before the row is
//	                 marked sent; "DONE" after a clean end (stdin closed,
//	                 the outbox drained).

var (
	crashKills = flag.Int("crash.kills", 0, "SIGKILLs in TestCrashKill (0: 200, or 25 under -race)")
	crashSeed  = flag.Uint64("crash.seed", 0, "seed of TestCrashKill's workload and kill times (0: from the clock)")
)

const (
	crashChildEnv = "PESANBOT_CRASH_CHILD_DIR" // set in the child: its data directory
	crashWriters  = 4                          // goroutines calling Receive in the child, one per group of chats
	crashDupRate  = 0.05
	crashWindow   = 200 // unacknowledged messages in flight at most
	crashMinKill  = 20 * time.Millisecond
	crashMaxKill  = 220 * time.Millisecond
)

// crashShop is the sample shop with every message handled in its own
// transaction and no per-sender limit (the parent's customers type fast, and
// the limiter's state is in memory, so it would make the conversations
// depend on when the kills fall).
func crashShop() (*flows.Shop, error) {
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		return nil, err
	}
	shop.BurstWindow = 0
	return shop, nil
}

// The catalogue: the sample one with one variant that never runs out and two
// that do during the run.
var crashStock = map[[2]string]int{
	{"PSM-02", "Hitam"}:    1_000_000,
	{"BRG-04", "Hitam"}:    40,
	{"TNK-05", "All Size"}: 15,
}

// TestCrashChild is the child process of TestCrashKill; run alone it skips.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("the child process of TestCrashKill")
	}
	if err := crashChild(dir, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
}

// crashWire writes whole lines to the parent, one write each, so a kill
// never leaves half a line and concurrent writers do not interleave.
type crashWire struct {
	mu sync.Mutex
	w  io.Writer
}

func (c *crashWire) line(format string, a ...any) {
	b := fmt.Appendf(nil, format+"\n", a...)
	c.mu.Lock()
	c.w.Write(b)
	c.mu.Unlock()
}

// crashTransport tells the parent about each send before Deliver marks the
// row sent: a kill in between makes the next run send that row again.
type crashTransport struct{ w *crashWire }

func (t crashTransport) Send(_ context.Context, m store.Outgoing) error {
	t.w.line("SENT %d %s", m.ID, m.MsgID)
	return nil
}

func crashShard(phone string) int {
	h := 0
	for _, c := range phone {
		h = h*31 + int(c)
	}
	return (h%crashWriters + crashWriters) % crashWriters
}

func crashChild(dir string, in io.Reader, out io.Writer) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shop, err := crashShop()
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dir, store.Options{Location: shop.Location})
	if err != nil {
		return err
	}
	defer db.Close()
	w := &crashWire{w: out}
	// Realtime, as "pesanbot run": sent marks ride in the next commit.
	b := New(Config{DB: db, Shop: shop, Transport: crashTransport{w}, DataDir: dir, Realtime: true, FloodPerMinute: 1 << 30, FloodBurst: 1 << 30, FloodCap: 1 << 30})
	// Run is what "pesanbot run" runs: it finishes what the killed run left
	// (pending turns, unsent replies), then delivers as the outbox fills.
	runErr := make(chan error, 1)
	go func() { runErr <- b.Run(ctx) }()
	w.line("READY")
	// Chats are spread over a few writers; one chat's messages stay in order.
	var wg sync.WaitGroup
	shards := make([]chan Message, crashWriters)
	for i := range shards {
		ch := make(chan Message, 8)
		shards[i] = ch
		wg.Go(func() {
			for m := range ch {
				if err := b.Receive(ctx, m); err != nil {
					w.line("ERR %s %s", m.ID, strings.ReplaceAll(err.Error(), "\n", " "))
					continue
				}
				w.line("ACK %s", m.ID)
			}
		})
	}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 4)
		if len(f) != 4 {
			return fmt.Errorf("bad input line %q", sc.Text())
		}
		shards[crashShard(f[1])] <- Message{ID: f[0], Phone: f[1], PushName: f[2], Text: f[3]}
	}
	for _, ch := range shards {
		close(ch)
	}
	wg.Wait()
	if err := sc.Err(); err != nil {
		return err
	}
	// A clean end: everything queued goes out before the process stops.
	for {
		if _, err := b.Deliver(ctx); err != nil {
			return err
		}
		left, err := db.PendingOutbox(ctx, time.Now().Add(time.Hour), 1)
		if err != nil {
			return err
		}
		if len(left) == 0 {
			break
		}
	}
	cancel()
	if err := <-runErr; err != nil {
		return err
	}
	w.line("DONE")
	return nil
}

// TestCrashKill is the kill -9 harness; see the top of this file. Run more
// with -crash.kills=2000, replay one with -crash.seed.
func TestCrashKill(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	kills := *crashKills
	if kills <= 0 {
		kills = 200
		if crashRace {
			// The race detector makes the child ~10x slower; fewer kills keep
			// the -race CI pass within budget while still racing Run and Receive.
			kills = 25
		}
	}
	seed := *crashSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./bot -run 'TestCrashKill$' -crash.seed=%d -crash.kills=%d)", seed, seed, kills)
	start := time.Now()
	h := newCrashHarness(t, seed)
	for run := 0; run <= kills; run++ {
		h.run(run, run == kills)
		if t.Failed() {
			t.Fatalf("stopped after run %d (seed %d)", run, seed)
		}
	}
	h.checkEnd()
	t.Logf("%d kills in %s: %d messages (%d deliveries incl. %d redeliveries and %d duplicates), %d acknowledged, "+
		"%d committed but unacknowledged at a kill; %d orders (%d customers); %d replies sent, %d resent after a kill "+
		"between send and mark (same WhatsApp id; %d of them a second kill caught mid-resend); lost 0, doubled 0",
		kills, time.Since(start).Round(time.Millisecond), len(h.msgs), h.deliveries, h.redeliveries, h.dups, len(h.acked),
		len(h.committedUnacked), h.orders, len(h.custs), len(h.sentMsg), h.inflight, h.chained)
	slices.Sort(h.startups)
	if n := len(h.startups); n > 0 {
		t.Logf("child start to READY: median %s; checks took %s", h.startups[n/2].Round(time.Millisecond), h.checking.Round(time.Millisecond))
	}
}

// crashMsg is one WhatsApp message of the workload.
type crashMsg struct {
	id, phone, name, text string
	confirm               bool // a "ya" under an order summary
}

// crashCustomer is one chat of the workload.
type crashCustomer struct {
	phone, name string
	deep        bool     // orders only the variant that never runs out
	script      []string // what is left to say
	confirms    []string // ids of its "ya" messages so far
}

// crashSent is one "SENT" line.
type crashSent struct {
	outbox int64
	msgID  string
}

// crashHarness is the parent: the workload, what was acknowledged and sent,
// and the checks.
type crashHarness struct {
	t   *testing.T
	rng *rand.Rand
	dir string

	mu      sync.Mutex // guards the fields below, shared with the feeding goroutine
	msgs    []crashMsg
	index   map[string]int
	acked   map[string]int // message id -> run that first acknowledged it
	unacked map[int]bool   // indexes sent and not yet acknowledged
	active  []*crashCustomer
	custs   map[string]*crashCustomer

	initial           map[int64]int // variant id -> stock after seeding
	deliveries, dups  int
	redeliveries      int
	committedUnacked  map[int]bool     // committed but unacknowledged when a kill fell
	sentMsg           map[int64]string // outbox id -> WhatsApp id, from SENT lines
	unmarked          []int64          // rows sent but unmarked in the files the last kill left
	inflight, chained int              // resends; those a kill caught mid-resend the run before
	lastRun           []int64          // the last run's sends
	orders            int
	startups          []time.Duration // start to READY, per run that got there
	checking          time.Duration
}

func newCrashHarness(t *testing.T, seed uint64) *crashHarness {
	h := &crashHarness{t: t, rng: rand.New(rand.NewPCG(seed, 0x5eed)), dir: filepath.Join(t.TempDir(), "data"),
		index: map[string]int{}, acked: map[string]int{}, unacked: map[int]bool{}, custs: map[string]*crashCustomer{},
		initial: map[int64]int{}, sentMsg: map[int64]string{}, committedUnacked: map[int]bool{}}
	for range 8 {
		h.active = append(h.active, h.newCustomer())
	}
	// Seed the shop before the first child, so no kill can fall in the import.
	ctx := context.Background()
	shop, err := crashShop()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, h.dir, store.Options{Location: shop.Location})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, err := config.SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCatalog(ctx, cat, false); err != nil {
		t.Fatal(err)
	}
	for k, n := range crashStock {
		if _, err := db.SQL().Exec(`UPDATE variant SET stock = ? WHERE name = ? AND product_id = (SELECT id FROM product WHERE sku = ?)`, n, k[1], k[0]); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.SQL().Query(`SELECT id, stock FROM variant`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		h.initial[id] = n
	}
	return h
}

var (
	crashNames     = []string{"Rina Sari", "Dewi Lestari", "Ani Wulandari", "Fitri Handayani", "Eka Putri", "Siti Rahma", "Budi Santoso", "Citra Kirana"}
	crashQuestions = []string{"halo kak", "ongkir ke bekasi berapa kak", "bisa cod ga kak", "alamat tokonya dimana kak"}
	crashClosings  = []string{"makasih kak", "pesanan saya gmn?"}
	crashScarce    = []string{"bergo maryam hitam", "tunik kirana"}
)

// newCustomer writes one customer's conversation: maybe a question, one or
// two orders (order line, delivery details in one message, "ya"), maybe a
// closing line.
func (h *crashHarness) newCustomer() *crashCustomer {
	n := len(h.custs) + 1
	c := &crashCustomer{phone: fmt.Sprintf("62813%08d", n), name: crashNames[n%len(crashNames)], deep: h.rng.IntN(10) < 7}
	h.custs[c.phone] = c
	if h.rng.IntN(10) < 3 {
		c.script = append(c.script, crashQuestions[h.rng.IntN(len(crashQuestions))])
	}
	orders := 1
	if h.rng.IntN(10) < 2 {
		orders = 2
	}
	for range orders {
		item := "pashmina hitam"
		if !c.deep {
			item = crashScarce[h.rng.IntN(len(crashScarce))]
		}
		c.script = append(c.script, fmt.Sprintf("mau %s %d", item, 1+h.rng.IntN(3)),
			fmt.Sprintf("%s, Jl. Mawar %d Bekasi 17111, 0812%08d, jne", c.name, 1+h.rng.IntN(99), n), "ya")
	}
	if h.rng.IntN(10) < 3 {
		c.script = append(c.script, crashClosings[h.rng.IntN(len(crashClosings))])
	}
	return c
}

// next makes the next new message: one of the chats in progress says its
// next line. Call with h.mu held.
func (h *crashHarness) next() int {
	i := h.rng.IntN(len(h.active))
	c := h.active[i]
	text := c.script[0]
	c.script = c.script[1:]
	if len(c.script) == 0 {
		h.active[i] = h.newCustomer()
	}
	m := crashMsg{id: fmt.Sprintf("CRASH%07d", len(h.msgs)+1), phone: c.phone, name: c.name, text: text, confirm: text == "ya"}
	if m.confirm {
		c.confirms = append(c.confirms, m.id)
	}
	h.index[m.id] = len(h.msgs)
	h.msgs = append(h.msgs, m)
	return len(h.msgs) - 1
}

// crashRun is one child run as the parent saw it.
type crashRun struct {
	acks   []string
	sent   []crashSent
	errs   []string
	ready  time.Duration // from start to READY; 0 if it never came
	done   bool
	killed bool
}

// run starts a child, feeds it and kills it (or, when final, lets it finish
// everything still unacknowledged), then checks the files.
func (h *crashHarness) run(run int, final bool) {
	t := h.t
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+h.dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	// Everything unacknowledged comes again, in the order first sent.
	h.mu.Lock()
	resend := make([]int, 0, len(h.unacked))
	for i := range h.unacked {
		resend = append(resend, i)
	}
	slices.Sort(resend)
	killAfter := crashMinKill + time.Duration(h.rng.Int64N(int64(crashMaxKill-crashMinKill)))
	h.mu.Unlock()
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		h.feed(stdin, resend, final, stop)
	}()
	// The kill falls killAfter after READY (the store is open), so that a
	// slow start (-race) does not turn every kill into a kill at start-up.
	r := &crashRun{killed: !final}
	ready, exited := make(chan struct{}), make(chan struct{})
	go func() {
		limit := 60 * time.Second
		if !final {
			select {
			case <-ready:
			case <-exited:
				return
			case <-time.After(10 * time.Second):
			}
			limit = killAfter
		}
		select {
		case <-time.After(limit):
			cmd.Process.Kill()
		case <-exited:
		}
	}()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		verb, arg, _ := strings.Cut(sc.Text(), " ")
		switch verb {
		case "READY":
			r.ready = time.Since(started)
			close(ready)
		case "DONE":
			r.done = true
		case "ACK":
			r.acks = append(r.acks, arg)
			h.ack(arg, run)
		case "ERR":
			r.errs = append(r.errs, arg)
		case "SENT":
			id, msgID, _ := strings.Cut(arg, " ")
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				t.Errorf("run %d: bad line %q", run, sc.Text())
			}
			r.sent = append(r.sent, crashSent{outbox: n, msgID: msgID})
		}
	}
	close(stop)
	<-fed
	werr := cmd.Wait()
	close(exited)
	if final && (werr != nil || !r.done) {
		t.Fatalf("final run did not finish cleanly: %v\n%s", werr, crashTail(stderr.Bytes()))
	}
	var ee *exec.ExitError
	if !final && werr != nil && !(errors.As(werr, &ee) && ee.ExitCode() == -1) {
		t.Fatalf("run %d: child failed before the kill: %v\n%s", run, werr, crashTail(stderr.Bytes()))
	}
	for _, e := range r.errs {
		t.Errorf("run %d: Receive failed: %s", run, e)
	}
	if bytes.Contains(stderr.Bytes(), []byte("WARNING: DATA RACE")) {
		t.Errorf("run %d: the child found a data race:\n%s", run, crashTail(stderr.Bytes()))
	}
	if r.ready > 0 {
		h.startups = append(h.startups, r.ready)
	}
	c0 := time.Now()
	h.check(run, r, final)
	h.checking += time.Since(c0)
}

func crashTail(b []byte) []byte {
	if len(b) > 4000 {
		return b[len(b)-4000:]
	}
	return b
}

// feed writes the redeliveries, then (unless final) new messages with ~5%
// duplicates of earlier ones, until the child dies or stop closes.
func (h *crashHarness) feed(w io.WriteCloser, resend []int, final bool, stop <-chan struct{}) {
	defer w.Close()
	write := func(i int) bool {
		m := h.msgs[i]
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.id, m.phone, m.name, m.text)
		return err == nil
	}
	for _, i := range resend {
		h.mu.Lock()
		h.deliveries++
		h.redeliveries++
		h.mu.Unlock()
		if !write(i) {
			return
		}
	}
	if final {
		return
	}
	for {
		select {
		case <-stop:
			return
		default:
		}
		h.mu.Lock()
		if len(h.unacked) >= crashWindow {
			// WhatsApp keeps sending while receipts lag, but not without bound.
			h.mu.Unlock()
			time.Sleep(time.Millisecond)
			continue
		}
		var i int
		if len(h.msgs) > 0 && h.rng.Float64() < crashDupRate {
			i = h.rng.IntN(len(h.msgs))
			h.dups++
		} else {
			i = h.next()
			h.unacked[i] = true
		}
		h.deliveries++
		h.mu.Unlock()
		if !write(i) {
			return
		}
	}
}

func (h *crashHarness) ack(id string, run int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	i, ok := h.index[id]
	if !ok {
		h.t.Errorf("ACK of unknown message %q", id)
		return
	}
	delete(h.unacked, i)
	if _, ok := h.acked[id]; !ok {
		h.acked[id] = run
	}
}

// check verifies the database as the run left it. A killed run's files are
// checked on a copy (shop.db and its -wal, without -shm), so that the next
// child still finds the hot WAL and recovers it itself.
func (h *crashHarness) check(run int, r *crashRun, final bool) {
	t := h.t
	ctx := context.Background()
	dir := h.dir
	if !final {
		dir = filepath.Join(filepath.Dir(h.dir), fmt.Sprintf("check%d", run))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		for _, suffix := range []string{"", "-wal"} {
			if err := crashCopy(filepath.Join(h.dir, store.FileName+suffix), filepath.Join(dir, store.FileName+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
		}
	}
	db, err := store.Open(ctx, dir, store.Options{})
	if err != nil {
		t.Fatalf("run %d: reopen after the kill: %v", run, err)
	}
	defer db.Close()
	q := db.SQL()

	var integrity string
	if err := q.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("run %d: integrity_check = %q, %v", run, integrity, err)
	}

	h.mu.Lock()
	defer h.mu.Unlock()

	// Every acknowledged message is stored once (msg_id is UNIQUE) and handled.
	inbound := map[string]bool{}
	rows, err := q.Query(`SELECT msg_id, handled_at IS NOT NULL FROM inbound`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var handled bool
		if err := rows.Scan(&id, &handled); err != nil {
			t.Fatal(err)
		}
		inbound[id] = handled
		if _, ok := h.index[id]; !ok {
			t.Errorf("run %d: inbound %q was never sent", run, id)
		}
	}
	rows.Close()
	lost, unhandled := 0, 0
	for id, ackRun := range h.acked {
		handled, ok := inbound[id]
		switch {
		case !ok:
			lost++
			if lost <= 5 {
				t.Errorf("run %d: acknowledged message %s (run %d) is not in inbound: LOST", run, id, ackRun)
			}
		case !handled && (ackRun < run || final):
			unhandled++
			if unhandled <= 5 {
				t.Errorf("run %d: acknowledged message %s (run %d) was never handled", run, id, ackRun)
			}
		}
	}
	if !final {
		for i := range h.unacked {
			if _, ok := inbound[h.msgs[i].id]; ok {
				h.committedUnacked[i] = true
			}
		}
	}

	// Orders: one per "ya" at most, from that customer; and every "ya"
	// acknowledged in a chat that only buys the never-empty variant made one.
	type order struct {
		phone, source string
	}
	bySource := map[string]order{}
	perPhone := map[string]int{}
	rows, err = q.Query(`SELECT c.phone, coalesce(o.source_msg, '') FROM orders o JOIN customer c ON c.id = o.customer_id`)
	if err != nil {
		t.Fatal(err)
	}
	h.orders = 0
	for rows.Next() {
		var o order
		if err := rows.Scan(&o.phone, &o.source); err != nil {
			t.Fatal(err)
		}
		h.orders++
		perPhone[o.phone]++
		if _, ok := bySource[o.source]; ok {
			t.Errorf("run %d: two orders from message %q", run, o.source)
		}
		bySource[o.source] = o
		i, ok := h.index[o.source]
		if !ok || !h.msgs[i].confirm || h.msgs[i].phone != o.phone {
			t.Errorf("run %d: order from %q by %s is not one of that customer's \"ya\"", run, o.source, o.phone)
		}
	}
	rows.Close()
	for phone, n := range perPhone {
		if c := h.custs[phone]; c == nil || n > len(c.confirms) {
			t.Errorf("run %d: customer %s has %d orders, asked for at most %d", run, phone, n, len(c.confirms))
		}
	}
	for _, c := range h.custs {
		if !c.deep {
			continue
		}
		for _, id := range c.confirms {
			if ackRun, ok := h.acked[id]; ok && (ackRun < run || final) {
				if _, ok := bySource[id]; !ok {
					t.Errorf("run %d: %s's acknowledged \"ya\" %s made no order: LOST ORDER", run, c.phone, id)
				}
			}
		}
	}

	// Stock is conserved: what is left plus what open or done orders hold.
	rows, err = q.Query(`SELECT v.id, v.stock, coalesce((SELECT sum(l.qty) FROM order_line l JOIN orders o ON o.id = l.order_id
		WHERE l.variant_id = v.id AND o.status != 'cancelled'), 0) FROM variant v`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var stock, sold int
		if err := rows.Scan(&id, &stock, &sold); err != nil {
			t.Fatal(err)
		}
		if stock+sold != h.initial[id] {
			t.Errorf("run %d: variant %d: stock %d + sold %d != initial %d", run, id, stock, sold, h.initial[id])
		}
	}
	rows.Close()

	// One reply per message and chat, never two.
	rows, err = q.Query(`SELECT source, chat, count(*) FROM outbox WHERE image = '' AND source != '' GROUP BY source, chat HAVING count(*) > 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var source, chat string
		var n int
		rows.Scan(&source, &chat, &n)
		t.Errorf("run %d: %d replies to %s queued for message %s", run, n, chat, source)
	}
	rows.Close()

	// Sends: each outbox row at most once, except the rows a kill caught
	// between Send and their marks: the rows sent but unmarked in the files
	// the kill left (never more than maxUnmarked). The next run sends them
	// again first, with the same WhatsApp message ids; if it is killed in
	// turn, some may still be unmarked for the run after it.
	prevUnmarked := h.unmarked
	for i, s := range r.sent {
		var msgID string
		if err := q.QueryRow(`SELECT msg_id FROM outbox WHERE id = ?`, s.outbox).Scan(&msgID); err != nil || msgID != s.msgID {
			t.Errorf("run %d: sent outbox row %d (%s) is not committed as such: %q, %v", run, s.outbox, s.msgID, msgID, err)
		}
		if prev, ok := h.sentMsg[s.outbox]; ok {
			if i < len(prevUnmarked) && slices.Contains(prevUnmarked, s.outbox) && prev == s.msgID {
				h.inflight++
				if len(h.lastRun) > 0 && !slices.Contains(h.lastRun, s.outbox) {
					h.chained++
				}
			} else {
				t.Errorf("run %d: outbox row %d sent twice: DOUBLED (sent before as %s; unmarked after the last kill: %v)", run, s.outbox, prev, prevUnmarked)
			}
		}
		h.sentMsg[s.outbox] = s.msgID
	}
	h.lastRun = h.lastRun[:0]
	for _, s := range r.sent {
		h.lastRun = append(h.lastRun, s.outbox)
	}
	h.unmarked = nil
	if !final {
		rows, err = q.Query(`SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			if _, ok := h.sentMsg[id]; ok {
				h.unmarked = append(h.unmarked, id)
			}
		}
		rows.Close()
		if len(h.unmarked) > maxUnmarked {
			t.Errorf("run %d: %d replies sent without their marks (at most %d): %v", run, len(h.unmarked), maxUnmarked, h.unmarked)
		}
	}

	if final {
		// Drained: every row marked sent, every row sent.
		rows, err = q.Query(`SELECT id, sent_at IS NOT NULL FROM outbox`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			var sent bool
			rows.Scan(&id, &sent)
			if _, ok := h.sentMsg[id]; !sent || !ok {
				t.Errorf("outbox row %d: marked sent %v, sent %v", id, sent, ok)
			}
		}
		rows.Close()
	}
}

// checkEnd runs after the clean final run: every message was acknowledged.
func (h *crashHarness) checkEnd() {
	if n := len(h.unacked); n > 0 {
		h.t.Errorf("%d messages never acknowledged", n)
	}
	if len(h.acked) != len(h.msgs) {
		h.t.Errorf("%d of %d messages acknowledged", len(h.acked), len(h.msgs))
	}
}

func crashCopy(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// crashRace is set by crash_race_test.go in -race builds.
var crashRace bool
