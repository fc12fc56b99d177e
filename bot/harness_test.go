package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// harness_test.go: a shop on a real shop.db driven through the runtime's own
// entry points (Receive, RunDue, Flush, Deliver), with a transcript that is
// safe for concurrent senders and the database invariants every test ends
// with.

// sendLog is a Transport recording what the bot sends; safe for concurrent use.
type sendLog struct {
	mu     sync.Mutex
	events []Event
	byID   map[string]int // sends per outbox message id
	clock  *SimClock
}

// Send implements Transport.
func (s *sendLog) Send(_ context.Context, m store.Outgoing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, Event{At: s.clock.Now(), Dir: "out", Chat: m.Chat, Text: m.Text, Image: m.Image != ""})
	s.byID[m.MsgID]++
	return nil
}

func (s *sendLog) add(e Event) {
	s.mu.Lock()
	s.events = append(s.events, e)
	s.mu.Unlock()
}

// snapshot returns a copy of the events so far.
func (s *sendLog) snapshot() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Event(nil), s.events...)
}

func (s *sendLog) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

// harness is one shop on its own data directory.
type harness struct {
	t       testing.TB
	dir     string
	shop    *flows.Shop
	db      *store.DB
	b       *Bot
	clock   *SimClock
	log     *sendLog
	initial map[int64]int // variant id -> stock right after the import
	seq     atomic.Int64
	// transport, when set, is what the next open() gives the Bot instead
	// of the send log.
	transport Transport
	// config, when set, adjusts the Bot's configuration at the next open().
	config func(*Config)
	// busy, when set, is the next open()'s busy timeout instead of the
	// store's default.
	busy time.Duration
}

// newHarness opens a fresh shop from a shop.yaml text and a catalogue CSV;
// tune, when given, adjusts the parsed shop (a copy: the sample is shared).
func newHarness(t testing.TB, shopYAML, catalogCSV string, tune func(*flows.Shop)) *harness {
	t.Helper()
	shop, err := config.Parse("shop.yaml", []byte(shopYAML))
	if err != nil {
		t.Fatal(err)
	}
	if tune != nil {
		tune(shop)
	}
	cat, err := config.ReadCatalogCSV("catalog.csv", strings.NewReader(catalogCSV))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: filepath.Join(t.TempDir(), "data"), shop: shop, clock: NewSimClock(testStart)}
	h.log = &sendLog{byID: map[string]int{}, clock: h.clock}
	h.open()
	if _, err := h.db.ImportCatalog(context.Background(), cat, false); err != nil {
		t.Fatal(err)
	}
	h.initial = h.stocks()
	return h
}

// dbImage is a shop.db as bytes with the clock and message counter it was
// taken at: a base many tests start from without replaying its setup.
type dbImage struct {
	shopYAML string
	data     []byte
	at       time.Time
	seq      int64
	initial  map[int64]int
}

// image takes a consistent copy of the harness's database.
func (h *harness) image(shopYAML string) *dbImage {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), "image.db")
	if _, err := h.db.SQL().Exec(`VACUUM INTO ?`, path); err != nil {
		h.t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatal(err)
	}
	return &dbImage{shopYAML: shopYAML, data: data, at: h.clock.Now(), seq: h.seq.Load(), initial: h.initial}
}

// fromImage opens a new shop on a copy of an image.
func fromImage(t testing.TB, img *dbImage) *harness {
	t.Helper()
	shop, err := config.Parse("shop.yaml", []byte(img.shopYAML))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dir: filepath.Join(t.TempDir(), "data"), shop: shop, clock: NewSimClock(img.at), initial: img.initial}
	h.log = &sendLog{byID: map[string]int{}, clock: h.clock}
	h.seq.Store(img.seq)
	if err := store.EnsureDir(h.dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, store.FileName), img.data, 0o600); err != nil {
		t.Fatal(err)
	}
	h.open()
	return h
}

// open opens shop.db in the harness directory and builds a new Bot on it.
func (h *harness) open() {
	h.t.Helper()
	db, err := store.Open(context.Background(), h.dir, store.Options{Now: h.clock.Now, Location: h.shop.Location, BusyTimeout: h.busy})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { db.Close() })
	h.db = db
	var tr Transport = h.log
	if h.transport != nil {
		tr = h.transport
	}
	cfg := Config{DB: db, Shop: h.shop, Now: h.clock.Now, Transport: tr}
	if h.config != nil {
		h.config(&cfg)
	}
	h.b = New(cfg)
}

// restart closes the database as a stopped process would leave it and
// starts a new Bot on the same files.
func (h *harness) restart() {
	h.t.Helper()
	if err := h.db.Close(); err != nil {
		h.t.Fatal(err)
	}
	h.open()
}

// stocks reads every variant's stock.
func (h *harness) stocks() map[int64]int {
	h.t.Helper()
	rows, err := h.db.SQL().Query(`SELECT id, stock FROM variant`)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			h.t.Fatal(err)
		}
		out[id] = n
	}
	return out
}

// nextID is a fresh inbound message id.
func (h *harness) nextID() string { return fmt.Sprintf("T%07d", h.seq.Add(1)) }

// receive hands one message to the bot and fails the test on an error or a
// panic (a panic is reported, not allowed to kill the whole test binary).
func (h *harness) receive(m Message) {
	h.t.Helper()
	if m.ID == "" {
		m.ID = h.nextID()
	}
	h.log.add(Event{At: h.clock.Now(), Dir: "in", Chat: m.Phone, Text: m.Text, Image: m.Media != ""})
	if err := noPanic(func() error { return h.b.Receive(context.Background(), m) }); err != nil {
		h.t.Fatalf("receive %q: %v", short(m.Text), err)
	}
}

// settle lets the current burst end, runs every due turn and delivers the
// outbox, then moves the clock a minute on so the next message is a turn
// of its own.
func (h *harness) settle() {
	h.t.Helper()
	h.clock.Set(h.clock.Now().Add(h.shop.BurstWindow))
	if err := noPanic(func() error { return h.b.RunDue(context.Background()) }); err != nil {
		h.t.Fatalf("run due: %v", err)
	}
	h.deliver()
	h.clock.Set(h.clock.Now().Add(scriptGap))
}

func (h *harness) deliver() int {
	h.t.Helper()
	var n int
	if err := noPanic(func() error {
		var err error
		n, err = h.b.Deliver(context.Background())
		return err
	}); err != nil {
		h.t.Fatalf("deliver: %v", err)
	}
	return n
}

// send is one whole turn: the message, its burst ending, the replies sent.
// It returns what the bot sent to the sender in that turn.
func (h *harness) send(m Message) []Event {
	h.t.Helper()
	from := h.log.len()
	h.receive(m)
	h.settle()
	return outTo(h.log.snapshot()[from:], m.Phone)
}

// say sends a text message from phone as one turn.
func (h *harness) say(phone, text string) []Event {
	h.t.Helper()
	return h.send(Message{Phone: phone, Text: text})
}

// script plays a conversation script (SPEC format) with fresh message ids,
// so it may be called any number of times on one shop.
func (h *harness) script(s string) {
	h.t.Helper()
	lines, err := ParseScript("script", strings.NewReader(s))
	if err != nil {
		h.t.Fatal(err)
	}
	for _, l := range lines {
		if l.Sender == "" {
			h.clock.Set(h.clock.Now().Add(l.Wait))
			continue
		}
		phone := l.Sender
		if phone == "owner" {
			phone = h.shop.Owners[0]
		}
		m := Message{Phone: phone, PushName: l.PushName, Text: l.Text}
		if l.Image {
			m.Media, m.Path = flows.MediaImage, "media/"+h.nextID()+".jpg"
		}
		h.send(m)
	}
}

// outTo keeps the replies sent to one chat.
func outTo(events []Event, chat string) []Event {
	var out []Event
	for _, e := range events {
		if e.Dir == "out" && e.Chat == chat {
			out = append(out, e)
		}
	}
	return out
}

func joinTexts(events []Event) string {
	var s []string
	for _, e := range events {
		s = append(s, e.Text)
	}
	return strings.Join(s, "\n---\n")
}

func noPanic(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn()
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + fmt.Sprintf("…(%d runes)", len(r))
	}
	return s
}

// placeholders are the {key} markers of every default text.
var placeholders = func() []string {
	seen := map[string]bool{}
	re := regexp.MustCompile(`\{[a-z_]+\}`)
	var out []string
	for _, t := range flows.DefaultTexts {
		for _, p := range re.FindAllString(t, -1) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}()

// goErrorText is what leaks when an error or a formatting mistake reaches a
// customer instead of a reply.
var goErrorText = regexp.MustCompile(`(?i)%!|<nil>|\berror\b|\bfailed to\b|\bpanic\b|goroutine|runtime\.|nil pointer|\bsql\b|sqlite|constraint|\bunknown\b|\binvalid\b|\bcannot\b|map\[|0x[0-9a-f]{6,}`)

// indonesian are words at least one of which every reply of ours carries.
var indonesian = regexp.MustCompile(`(?i)\b(kak|kakak|maaf|mohon|terima kasih|silakan|ketik|siap|pesanan|stok|harga|ongkir|katalog|tidak|bukan|sudah|belum|format|perintah|baik|ready)\b`)

// checkReply asserts a reply is a clear Indonesian answer: no Go error
// text, no unfilled placeholder (unless the customer typed it), no
// formatting verb gone wrong.
func checkReply(t testing.TB, e Event, input string) {
	t.Helper()
	if strings.TrimSpace(e.Text) == "" && !e.Image {
		t.Errorf("empty reply to %q", short(input))
		return
	}
	lowerIn := strings.ToLower(input)
	for _, m := range goErrorText.FindAllString(e.Text, -1) {
		if !strings.Contains(lowerIn, strings.ToLower(m)) {
			t.Errorf("reply to %q has error-like text %q:\n%s", short(input), m, e.Text)
		}
	}
	for _, p := range placeholders {
		if strings.Contains(e.Text, p) && !strings.Contains(input, p) {
			t.Errorf("reply to %q has an unfilled placeholder %s:\n%s", short(input), p, e.Text)
		}
	}
	if !e.Image && !indonesian.MatchString(e.Text) {
		t.Errorf("reply to %q does not read as Indonesian:\n%s", short(input), e.Text)
	}
}

// checkInvariants asserts what must hold after any input: the database is
// sound, no invalid value was stored, stock is conserved, only staff moved
// an order to paid or beyond, every accepted message was handled.
func (h *harness) checkInvariants() {
	t := h.t
	t.Helper()
	q := h.db.SQL()
	var ic string
	if err := q.QueryRow(`PRAGMA integrity_check`).Scan(&ic); err != nil || ic != "ok" {
		t.Errorf("integrity_check = %q, %v", ic, err)
	}
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := q.QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM order_line WHERE qty < 1 OR qty > ?`, h.shop.MaxQty); n > 0 {
		t.Errorf("%d order lines with a quantity outside 1..%d", n, h.shop.MaxQty)
	}
	if n := count(`SELECT count(*) FROM variant WHERE stock < 0`); n > 0 {
		t.Errorf("%d variants with negative stock", n)
	}
	if n := count(`SELECT count(*) FROM inbound WHERE handled_at IS NULL`); n > 0 {
		t.Errorf("%d accepted messages never handled (silently dropped)", n)
	}
	if n := count(`SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id)`); n > 0 {
		t.Errorf("%d orders without lines", n)
	}

	// Stock conservation: what was there at the start is on the shelf or
	// in an order that still holds it.
	held := map[int64]int{}
	rows, err := q.Query(`SELECT l.variant_id, sum(l.qty) FROM order_line l JOIN orders o ON o.id = l.order_id
		WHERE o.status != 'cancelled' AND l.variant_id IS NOT NULL GROUP BY l.variant_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		held[id] = n
	}
	rows.Close()
	for id, now := range h.stocks() {
		if want := h.initial[id]; now+held[id] != want {
			t.Errorf("variant %d: stock %d + held %d != initial %d", id, now, held[id], want)
		}
	}

	// Only staff move an order to paid, shipped or completed, and each such
	// move is in the audit log under a staff number.
	rows, err = q.Query(`SELECT id, status FROM orders WHERE status IN ('paid', 'shipped', 'completed') OR paid_at IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	type moved struct {
		id     int64
		status string
	}
	var paid []moved
	for rows.Next() {
		var m moved
		if err := rows.Scan(&m.id, &m.status); err != nil {
			t.Fatal(err)
		}
		paid = append(paid, m)
	}
	rows.Close()
	for _, m := range paid {
		var actor string
		err := q.QueryRow(`SELECT actor FROM audit_log WHERE action IN ('lunas', 'kirim', 'selesai')
			AND (detail = ? OR detail LIKE ?) ORDER BY id LIMIT 1`, fmt.Sprintf("order %d", m.id), fmt.Sprintf("order %d %%", m.id)).Scan(&actor)
		if err != nil || h.shop.RoleOf(actor) == "" {
			t.Errorf("order %d is %s without a staff action (actor %q, %v)", m.id, m.status, actor, err)
		}
	}

	// Stored customer text has no hidden or reordering characters.
	rows, err = q.Query(`SELECT id, name, phone, address, courier FROM orders`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var f [4]string
		if err := rows.Scan(&id, &f[0], &f[1], &f[2], &f[3]); err != nil {
			t.Fatal(err)
		}
		for _, s := range f {
			if i := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) }); i >= 0 {
				t.Errorf("order %d stores a format/control character in %q", id, s)
			}
		}
	}
	rows.Close()

	// Conversation states (the carts) hold only valid quantities.
	rows, err = q.Query(`SELECT customer_id, state FROM conversation`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var raw string
		if err := rows.Scan(&id, &raw); err != nil {
			t.Fatal(err)
		}
		var st flows.State
		if err := json.Unmarshal([]byte(raw), &st); err != nil {
			t.Errorf("customer %d: state is not readable: %v", id, err)
			continue
		}
		for _, it := range st.Cart {
			if it.Qty < 1 || it.Qty > h.shop.MaxQty {
				t.Errorf("customer %d: cart line %s %s has quantity %d", id, it.SKU, it.Variant, it.Qty)
			}
		}
		if st.PendingQty < 0 || st.PendingQty > h.shop.MaxQty {
			t.Errorf("customer %d: pending quantity %d", id, st.PendingQty)
		}
	}
	rows.Close()
}

// orderRow is an order as stored, for assertions.
type orderRow struct {
	ID       int64
	Customer string
	Status   string
	Name     string
	Address  string
	Courier  string
	Total    int64
	Lines    []lineRow
}

type lineRow struct {
	SKU, Variant string
	Qty          int
}

// orders reads every order with its lines, by id.
func (h *harness) orders() []orderRow {
	h.t.Helper()
	q := h.db.SQL()
	rows, err := q.Query(`SELECT o.id, coalesce(c.phone, ''), o.status, o.name, o.address, o.courier, o.total
		FROM orders o JOIN customer c ON c.id = o.customer_id ORDER BY o.id`)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []orderRow
	for rows.Next() {
		var o orderRow
		if err := rows.Scan(&o.ID, &o.Customer, &o.Status, &o.Name, &o.Address, &o.Courier, &o.Total); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, o)
	}
	rows.Close()
	for i := range out {
		lr, err := q.Query(`SELECT sku, variant, qty FROM order_line WHERE order_id = ? ORDER BY line`, out[i].ID)
		if err != nil {
			h.t.Fatal(err)
		}
		for lr.Next() {
			var l lineRow
			if err := lr.Scan(&l.SKU, &l.Variant, &l.Qty); err != nil {
				h.t.Fatal(err)
			}
			out[i].Lines = append(out[i].Lines, l)
		}
		lr.Close()
	}
	return out
}

// count runs a count query.
func (h *harness) count(query string, args ...any) int {
	h.t.Helper()
	var n int
	if err := h.db.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// customerID is the id of the customer with a phone.
func (h *harness) customerID(phone string) int64 {
	h.t.Helper()
	var id int64
	if err := h.db.SQL().QueryRow(`SELECT id FROM customer WHERE phone = ?`, phone).Scan(&id); err != nil {
		h.t.Fatalf("customer %s: %v", phone, err)
	}
	return id
}
