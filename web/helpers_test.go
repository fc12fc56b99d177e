package web

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// testStart is Thursday 26 November 2026, 10:00 WIB.
var testStart = time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)

const (
	owner      = "6281200000001"
	customerX  = "6281300000011" // XSS push name and address; order #1 awaiting verification
	customerF  = "6281300000012" // order #2 paid
	customerS  = "6281300000013" // order #3 shipped, complaint #1 about it
	xssPayload = "<script>alert(1)</script>"
)

// shopScript makes the shop's data through the real bot, as customers and
// the owner would on WhatsApp.
const shopScript = `
6281300000011 (<script>alert(1)</script>): mau pashmina mocca 1
6281300000011: sudah
6281300000011: Eka Putri
6281300000011: Jl. Mawar 2 <script>alert(1)</script> Denpasar Bali 80111
6281300000011: 081233000011
6281300000011: jne
6281300000011: ya
6281300000011: [gambar] ini bukti tf nya kak
6281300000012 (Fitri): mau bergo maryam hitam 2
6281300000012: Fitri, Jl. Kenari 1 Surabaya 60111, 081233000012, jne
6281300000012: ya
owner: /lunas 2
6281300000013 (Sari): mau tunik kirana 1
6281300000013: Sari Wulandari, Jl. Kenanga 5 Sleman DIY 55281, 081234500013, sicepat
6281300000013: ya
owner: /lunas 3
owner: /kirim 3 JNE 0103
6281300000013: paket saya rusak kak sobek
`

type fixture struct {
	t      testing.TB
	clock  *bot.SimClock
	db     *store.DB
	bot    *bot.Bot
	shop   *flows.Shop
	srv    *Server
	dir    string
	events []bot.Event

	mu    sync.Mutex
	codes []string
}

// scripted is shopScript played once into a template directory that each
// fixture copies: under the race detector SQLite is slow, and every test
// replaying the script took seconds.
var scripted struct {
	once sync.Once
	dir  string
	end  time.Time
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if scripted.dir != "" {
		os.RemoveAll(scripted.dir)
	}
	os.Exit(code)
}

// openShop opens the sample shop's database in dir on clock; the catalogue
// is imported when the database is new.
func openShop(dir string, clock *bot.SimClock) (*flows.Shop, *store.DB, error) {
	ctx := context.Background()
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, dir, store.Options{Now: clock.Now, Location: shop.Location, Shop: shop})
	if err != nil {
		return nil, nil, err
	}
	if empty, err := db.CatalogEmpty(ctx); err != nil || !empty {
		return shop, db, err
	}
	cat, err := config.SampleCatalog()
	if err == nil {
		_, err = db.ImportCatalog(ctx, cat, false)
	}
	return shop, db, err
}

func play(b *bot.Bot, clock *bot.SimClock, script string, emit func(bot.Event)) error {
	lines, err := bot.ParseScript("script", strings.NewReader(script))
	if err != nil {
		return err
	}
	return bot.Simulate(context.Background(), b, clock, lines, emit)
}

// scriptedShop returns the template directory holding shopScript's data
// and the simulated time it ended at.
func scriptedShop() (string, time.Time, error) {
	scripted.once.Do(func() {
		dir, err := os.MkdirTemp("", "pesanbot-web-")
		if err != nil {
			scripted.err = err
			return
		}
		scripted.dir = dir
		clock := bot.NewSimClock(testStart)
		shop, db, err := openShop(dir, clock)
		if err != nil {
			scripted.err = err
			return
		}
		b := bot.New(bot.Config{DB: db, Shop: shop, Now: clock.Now, Transport: &bot.Recorder{Now: clock.Now, Emit: func(bot.Event) {}}})
		scripted.err = errors.Join(play(b, clock, shopScript, func(bot.Event) {}), db.Close())
		scripted.end = clock.Now()
	})
	return scripted.dir, scripted.end, scripted.err
}

// newFixture opens a sample shop in a temporary directory, with the data
// of script made through the real bot, and builds the dashboard on it. A
// script starting with shopScript starts from a copy of its template.
func newFixture(t testing.TB, script string, edit ...func(*Config)) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: bot.NewSimClock(testStart), dir: filepath.Join(t.TempDir(), "data")}
	if rest, ok := strings.CutPrefix(script, shopScript); ok {
		tmpl, end, err := scriptedShop()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(f.dir, 0o700); err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(filepath.Join(tmpl, store.FileName))
		if err == nil {
			err = os.WriteFile(filepath.Join(f.dir, store.FileName), db, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Set(end)
		script = rest
	}
	var err error
	f.shop, f.db, err = openShop(f.dir, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	emit := func(e bot.Event) { f.events = append(f.events, e) }
	f.bot = bot.New(bot.Config{DB: f.db, Shop: f.shop, Now: f.clock.Now, Transport: &bot.Recorder{Now: f.clock.Now, Emit: emit}})
	if strings.TrimSpace(script) != "" {
		if err := play(f.bot, f.clock, script, emit); err != nil {
			t.Fatal(err)
		}
	}
	c := Config{Bot: f.bot, DB: f.db, Shop: f.shop, Now: f.clock.Now, LoginCode: f.deliver}
	for _, e := range edit {
		e(&c)
	}
	f.srv, err = New(c)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) deliver(code string) error {
	f.mu.Lock()
	f.codes = append(f.codes, code)
	f.mu.Unlock()
	return nil
}

func (f *fixture) lastCode() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.codes) == 0 {
		f.t.Fatal("no login code delivered")
	}
	return f.codes[len(f.codes)-1]
}

// do sends a request from a browser on the same machine.
func (f *fixture) do(r *http.Request, cookie *http.Cookie) *httptest.ResponseRecorder {
	f.t.Helper()
	if r.Host == "example.com" {
		r.Host = "127.0.0.1:8080"
	}
	if cookie != nil {
		r.AddCookie(cookie)
	}
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, r)
	return w
}

func (f *fixture) get(path string, cookie *http.Cookie) *httptest.ResponseRecorder {
	return f.do(httptest.NewRequest(http.MethodGet, path, nil), cookie)
}

func (f *fixture) post(path string, form url.Values, cookie *http.Cookie) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// What a browser sends for a form on our own page.
	r.Header.Set("Origin", "http://127.0.0.1:8080")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return f.do(r, cookie)
}

// login asks for a code and logs in with it, returning the session cookie.
func (f *fixture) login() *http.Cookie {
	f.t.Helper()
	if w := f.post("/login/kode", nil, nil); w.Code != http.StatusSeeOther {
		f.t.Fatalf("code request: %d %s", w.Code, w.Body)
	}
	w := f.post("/login", url.Values{"kode": {f.lastCode()}}, nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
		f.t.Fatalf("login: %d %s", w.Code, w.Body)
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == cookiePlain {
			return c
		}
	}
	f.t.Fatal("login set no session cookie")
	return nil
}

// follow reads the page a POST redirected to (where its flash shows).
func (f *fixture) follow(w *httptest.ResponseRecorder, cookie *http.Cookie) string {
	f.t.Helper()
	if w.Code != http.StatusSeeOther {
		f.t.Fatalf("want a redirect, got %d: %s", w.Code, w.Body)
	}
	to, _, _ := strings.Cut(w.Header().Get("Location"), "#") // a browser keeps the fragment to itself
	next := f.get(to, cookie)
	if next.Code != http.StatusOK {
		f.t.Fatalf("GET %s: %d", to, next.Code)
	}
	return next.Body.String()
}

func (f *fixture) queryString(q string, args ...any) string {
	f.t.Helper()
	var s string
	if err := f.db.SQL().QueryRow(q, args...).Scan(&s); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return s
}

func (f *fixture) orderStatus(id int64) string {
	return f.queryString(`SELECT status FROM orders WHERE id = ?`, id)
}

// queued returns the texts the dashboard queued for chat, not sent yet.
func (f *fixture) queued(chat string) []string {
	f.t.Helper()
	rows, err := f.db.SQL().Query(`SELECT text FROM outbox WHERE chat = ? AND source = 'dashboard' AND sent_at IS NULL ORDER BY id`, chat)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// audited reports whether the owner's action is in the audit log.
func (f *fixture) audited(action, detailPrefix string) bool {
	var n int
	err := f.db.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE actor = ? AND action = ? AND detail LIKE ?`,
		owner, action, detailPrefix+"%").Scan(&n)
	if err != nil {
		f.t.Fatal(err)
	}
	return n > 0
}

func body(w *httptest.ResponseRecorder) string {
	b, _ := io.ReadAll(w.Result().Body)
	return string(b)
}

// writeProof puts a small PNG where the simulator recorded order id's
// payment proof, and returns its dashboard URL.
func (f *fixture) writeProof(id int64) (string, []byte) {
	f.t.Helper()
	path := f.queryString(`SELECT path FROM payment_proof WHERE order_id = ?`, id)
	img := image.NewRGBA(image.Rect(0, 0, 240, 160))
	for y := range 160 {
		for x := range 240 {
			img.Set(x, y, color.RGBA{R: uint8(x), G: 118, B: uint8(110 + y/2), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		f.t.Fatal(err)
	}
	full := filepath.Join(f.dir, path)
	if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(full, buf.Bytes(), 0o600); err != nil {
		f.t.Fatal(err)
	}
	return "/" + path, buf.Bytes()
}

// command runs a staff command as the owner and returns its answer.
func (f *fixture) command(text string) string {
	f.t.Helper()
	answer, err := f.bot.Command(context.Background(), owner, text)
	if err != nil {
		f.t.Fatalf("%s: %v", text, err)
	}
	return answer
}
