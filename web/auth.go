package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"sync"
	"time"
)

// Login and session limits.
const (
	codeTTL       = 10 * time.Minute // a login code is valid this long
	codeMaxTries  = 3                // wrong guesses (from anyone) that void the current code
	sessionTTL    = 12 * time.Hour   // a session ends this long after login
	maxSessions   = 64               // the oldest session goes beyond this
	failWindow    = 15 * time.Minute // failed logins are counted over this
	failsPerIP    = 5                // failed logins per client per window
	codesPerIP    = 5                // code requests per client per window
	codesGlobal   = 10               // codes issued per window (asked for, or after a void)
	maxClientKeys = 4096             // throttle memory; the global limit still holds beyond it
)

// Cookie names: over TLS the __Host- prefix makes the browser refuse a
// cookie that is not Secure, host-only and for path /.
const (
	cookiePlain = "pesanbot_sesi"
	cookieTLS   = "__Host-pesanbot_sesi"
)

var (
	errThrottled = errors.New("too many attempts")
	errNoCode    = errors.New("no valid login code")
	errWrongCode = errors.New("wrong login code or password")
)

// session is one logged-in browser, kept in memory only: a restart logs
// everyone out.
type session struct {
	expires  time.Time
	flash    string // a message for the next page
	flashErr bool
}

// auth holds the current login code, the sessions and the throttles.
//
// Wrong guesses are throttled per client (remote address), never for
// everyone: a local process guessing from 127.0.0.1 must not lock the owner
// out. The owner's way in is the newest code printed on the terminal: a
// live code logs in once even from a throttled client. Guessing stays
// bounded because a code absorbs only codeMaxTries wrong guesses in all
// before it is voided, and a voided code is replaced on the terminal at
// once within the codesGlobal issuing budget.
type auth struct {
	now      func() time.Time
	password [32]byte // sha256 of the password; zero when none
	hasPass  bool
	deliver  func(code string) error

	mu       sync.Mutex
	code     string
	codeExp  time.Time
	tries    int
	sessions map[string]*session
	fails    *limiter
	codes    *limiter
}

func newAuth(now func() time.Time, password string, deliver func(string) error) *auth {
	a := &auth{now: now, deliver: deliver, sessions: map[string]*session{},
		fails: newLimiter(failWindow, failsPerIP, 0), codes: newLimiter(failWindow, codesPerIP, codesGlobal)}
	if password != "" {
		a.password, a.hasPass = sha256.Sum256([]byte(password)), true
	}
	return a
}

// issue makes a new 6-digit code, replacing any earlier one, and delivers it.
func (a *auth) issue() error {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return fmt.Errorf("failed to make a login code: %w", err)
	}
	code := fmt.Sprintf("%06d", n.Int64())
	a.mu.Lock()
	a.code, a.codeExp, a.tries = code, a.now().Add(codeTTL), 0
	a.mu.Unlock()
	if err := a.deliver(code); err != nil {
		a.mu.Lock()
		if a.code == code {
			a.code = ""
		}
		a.mu.Unlock()
		return fmt.Errorf("failed to deliver the login code: %w", err)
	}
	return nil
}

// requestCode issues a code for a client, within the request limits.
func (a *auth) requestCode(client, password string) error {
	now := a.now()
	a.mu.Lock()
	if a.codes.blocked(client, now) {
		a.mu.Unlock()
		return errThrottled
	}
	a.codes.add(client, now)
	ok := a.passwordOK(password)
	if !ok {
		a.fails.add(client, now)
	}
	a.mu.Unlock()
	if !ok {
		return errWrongCode
	}
	return a.issue()
}

func (a *auth) passwordOK(password string) bool {
	if !a.hasPass {
		return true
	}
	sum := sha256.Sum256([]byte(password))
	return subtle.ConstantTimeCompare(sum[:], a.password[:]) == 1
}

// login checks a code (and the password when one is set) and opens a
// session. A code works once, also for a client throttled after wrong
// guesses; a wrong guess from a throttled client is refused as throttled.
// Too many wrong guesses void the code, and a new one is delivered.
func (a *auth) login(client, code, password string) (string, error) {
	id, voided, err := a.check(client, code, password)
	if voided {
		a.reissue()
	}
	return id, err
}

func (a *auth) check(client, code, password string) (id string, voided bool, err error) {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	live := a.code != "" && now.Before(a.codeExp)
	codeOK := live && subtle.ConstantTimeCompare([]byte(code), []byte(a.code)) == 1
	if !codeOK || !a.passwordOK(password) {
		throttled := a.fails.blocked(client, now)
		a.fails.add(client, now)
		if live {
			if a.tries++; a.tries >= codeMaxTries {
				a.code, voided = "", true
			}
		}
		switch {
		case throttled:
			return "", voided, errThrottled
		case voided || !live:
			return "", voided, errNoCode
		}
		return "", false, errWrongCode
	}
	a.code = ""
	id, err = newSessionID()
	if err != nil {
		return "", false, err
	}
	a.prune(now)
	if len(a.sessions) >= maxSessions {
		var oldest string
		for k, s := range a.sessions {
			if oldest == "" || s.expires.Before(a.sessions[oldest].expires) {
				oldest = k
			}
		}
		delete(a.sessions, oldest)
	}
	a.sessions[id] = &session{expires: now.Add(sessionTTL)}
	return id, false, nil
}

// reissue replaces a code voided by wrong guesses, so the terminal always
// shows one that works; within the issuing budget, which bounds how many
// codes guessing can burn.
func (a *auth) reissue() {
	now := a.now()
	a.mu.Lock()
	full := a.codes.fullGlobally(now)
	if !full {
		a.codes.add("", now)
	}
	a.mu.Unlock()
	if !full {
		a.issue()
	}
}

func newSessionID() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("failed to make a session id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

func (a *auth) prune(now time.Time) {
	for k, s := range a.sessions {
		if !now.Before(s.expires) {
			delete(a.sessions, k)
		}
	}
}

// valid reports whether id is a live session.
func (a *auth) valid(id string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.sessions[id]
	if ok && !a.now().Before(s.expires) {
		delete(a.sessions, id)
		return false
	}
	return ok
}

func (a *auth) logout(id string) {
	a.mu.Lock()
	delete(a.sessions, id)
	a.mu.Unlock()
}

// setFlash leaves a message for the session's next page.
func (a *auth) setFlash(id, msg string, isErr bool) {
	a.mu.Lock()
	if s, ok := a.sessions[id]; ok {
		s.flash, s.flashErr = msg, isErr
	}
	a.mu.Unlock()
}

// takeFlash returns and clears the session's message.
func (a *auth) takeFlash(id string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.sessions[id]
	if !ok {
		return "", false
	}
	msg, isErr := s.flash, s.flashErr
	s.flash, s.flashErr = "", false
	return msg, isErr
}

// limiter counts events per client and overall in a sliding window.
type limiter struct {
	window         time.Duration
	perKey, global int
	hits           map[string][]time.Time
	all            []time.Time
}

func newLimiter(window time.Duration, perKey, global int) *limiter {
	return &limiter{window: window, perKey: perKey, global: global, hits: map[string][]time.Time{}}
}

func recent(ts []time.Time, since time.Time) []time.Time {
	i := 0
	for i < len(ts) && !ts[i].After(since) {
		i++
	}
	return ts[i:]
}

// blocked reports whether key, or everyone (global > 0), is over the limit.
func (l *limiter) blocked(key string, now time.Time) bool {
	since := now.Add(-l.window)
	l.hits[key] = recent(l.hits[key], since)
	if len(l.hits[key]) == 0 {
		delete(l.hits, key)
	}
	return l.fullGlobally(now) || len(l.hits[key]) >= l.perKey
}

// fullGlobally reports whether the events of everyone reach the global
// limit; never when there is none.
func (l *limiter) fullGlobally(now time.Time) bool {
	l.all = recent(l.all, now.Add(-l.window))
	return l.global > 0 && len(l.all) >= l.global
}

// add counts an event. A key keeps only its last perKey times (and the
// global list its last global ones): enough to know it is over the limit
// until the window after its last event, in bounded memory under a flood.
func (l *limiter) add(key string, now time.Time) {
	if l.global > 0 {
		if len(l.all) >= l.global {
			l.all = l.all[1:]
		}
		l.all = append(l.all, now)
	}
	if _, ok := l.hits[key]; !ok && len(l.hits) >= maxClientKeys {
		since := now.Add(-l.window)
		for k, ts := range l.hits {
			if len(recent(ts, since)) == 0 {
				delete(l.hits, k)
			}
		}
		if len(l.hits) >= maxClientKeys {
			return
		}
	}
	ts := l.hits[key]
	if len(ts) >= l.perKey {
		ts = ts[1:]
	}
	l.hits[key] = append(ts, now)
}

// clientOf is the throttle key of a request: the peer's IP. Forwarded
// headers are not trusted; the dashboard is not meant to sit behind a proxy.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// cookieName picks the session cookie's name for the connection.
func cookieName(r *http.Request) string {
	if r.TLS != nil {
		return cookieTLS
	}
	return cookiePlain
}

type sessionKey struct{}

// sessionID returns the request's live session id, or "".
func (s *Server) sessionID(r *http.Request) string {
	c, err := r.Cookie(cookieName(r))
	if err != nil || c.Value == "" || !s.auth.valid(c.Value) {
		return ""
	}
	return c.Value
}

// authed lets a request through only with a live session; without one a
// browser is sent to the login page.
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := s.sessionID(r)
		if id == "" {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, id)))
	}
}

func sessionOf(r *http.Request) string {
	id, _ := r.Context().Value(sessionKey{}).(string)
	return id
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     cookieName(r),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteStrictMode,
	})
}

// loginView is what the login page shows.
type loginView struct {
	Sent     bool
	Error    string
	Password bool
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.sessionID(r) != "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "Masuk", loginView{Sent: r.URL.Query().Get("kode") == "terkirim", Password: s.auth.hasPass})
}

func (s *Server) requestCode(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	err := s.auth.requestCode(clientOf(r), r.PostFormValue("sandi"))
	switch {
	case err == nil:
		s.c.Log.Info("dashboard login code issued")
		http.Redirect(w, r, "/login?kode=terkirim", http.StatusSeeOther)
	case errors.Is(err, errThrottled):
		s.render(w, r, http.StatusTooManyRequests, "login", "Masuk", loginView{Error: "Terlalu sering meminta kode. Coba lagi dalam 15 menit.", Password: s.auth.hasPass})
	case errors.Is(err, errWrongCode):
		s.render(w, r, http.StatusUnauthorized, "login", "Masuk", loginView{Error: "Kata sandi salah.", Password: s.auth.hasPass})
	default:
		s.c.Log.Error("login code not delivered", "err", err)
		s.render(w, r, http.StatusInternalServerError, "login", "Masuk", loginView{Error: "Kode gagal dikirim. Lihat log pesanbot.", Password: s.auth.hasPass})
	}
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	id, err := s.auth.login(clientOf(r), r.PostFormValue("kode"), r.PostFormValue("sandi"))
	if err != nil {
		v := loginView{Password: s.auth.hasPass}
		status := http.StatusUnauthorized
		switch {
		case errors.Is(err, errThrottled):
			v.Error, status = "Terlalu banyak percobaan salah dari perangkat ini. Kode terbaru yang tercetak di terminal pesanbot tetap bisa dipakai sekali; atau coba lagi dalam 15 menit.", http.StatusTooManyRequests
		case errors.Is(err, errNoCode):
			v.Error = "Kode tidak berlaku (kedaluwarsa, sudah dipakai, atau terlalu sering salah). Pakai kode terbaru di terminal pesanbot, atau minta kode baru."
		case errors.Is(err, errWrongCode):
			v.Error, v.Sent = "Kode atau kata sandi salah.", true
		default:
			v.Error, status = "Gagal masuk. Coba lagi.", http.StatusInternalServerError
		}
		s.c.Log.Warn("dashboard login failed", "reason", err)
		s.render(w, r, status, "login", "Masuk", v)
		return
	}
	s.c.Log.Info("dashboard login")
	s.setCookie(w, r, id, int(sessionTTL.Seconds()))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if id := s.sessionID(r); id != "" {
		s.auth.logout(id)
	}
	s.setCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
