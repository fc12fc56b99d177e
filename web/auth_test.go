package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestNoSessionRedirectsToLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	for _, path := range []string{"/", "/pesanan", "/pesanan/1", "/komplain", "/katalog", "/katalog/ekspor", "/pelanggan", "/media/x.jpg"} {
		w := f.get(path, nil)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Errorf("GET %s without session: %d %q, want 303 to /login", path, w.Code, w.Header().Get("Location"))
		}
	}
	w := f.post("/pesanan/1/lunas", nil, nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
		t.Errorf("POST without session: %d, want 303 to /login", w.Code)
	}
	bogus := &http.Cookie{Name: cookiePlain, Value: "not-a-session"}
	if w := f.get("/", bogus); w.Code != http.StatusSeeOther {
		t.Errorf("GET / with an unknown session id: %d, want 303", w.Code)
	}
	if w := f.get("/login", nil); w.Code != http.StatusOK || !strings.Contains(body(w), "Masuk ke dasbor") {
		t.Errorf("login page: %d", w.Code)
	}
}

func TestLoginFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	code := f.lastCode()
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		t.Fatalf("code %q is not 6 digits", code)
	}
	wrong := fmt.Sprintf("%06d", (mustAtoi(t, code)+1)%1000000)
	w := f.post("/login", url.Values{"kode": {wrong}}, nil)
	if w.Code != http.StatusUnauthorized || len(w.Result().Cookies()) != 0 {
		t.Fatalf("wrong code: %d, cookies %v", w.Code, w.Result().Cookies())
	}
	w = f.post("/login", url.Values{"kode": {code}}, nil)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("right code: %d %s", w.Code, w.Body)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies: %v", cookies)
	}
	c := cookies[0]
	if c.Name != cookiePlain || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure {
		t.Errorf("cookie over plain http = %+v; want HttpOnly, SameSite=Strict, Path=/", c)
	}
	if len(c.Value) < 43 { // 32 random bytes, base64
		t.Errorf("session id %q is too short", c.Value)
	}
	if w := f.get("/", c); w.Code != http.StatusOK {
		t.Errorf("with session: %d", w.Code)
	}
	// Single use: the same code again fails.
	if w := f.post("/login", url.Values{"kode": {code}}, nil); w.Code != http.StatusUnauthorized {
		t.Errorf("reused code: %d, want 401", w.Code)
	}
	// Logout ends the session.
	if w := f.post("/keluar", nil, c); w.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d", w.Code)
	}
	if w := f.get("/", c); w.Code != http.StatusSeeOther {
		t.Errorf("after logout: %d, want 303", w.Code)
	}
}

func mustAtoi(t *testing.T, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoginCodeExpires(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(testStart.Add(codeTTL + time.Second))
	w := f.post("/login", url.Values{"kode": {f.lastCode()}}, nil)
	if w.Code != http.StatusUnauthorized || !strings.Contains(body(w), "Minta kode baru") {
		t.Fatalf("expired code: %d", w.Code)
	}
	// A fresh code works.
	if f.login() == nil {
		t.Fatal("no session")
	}
}

func TestSessionExpires(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	f.clock.Set(testStart.Add(sessionTTL + time.Minute))
	if w := f.get("/", c); w.Code != http.StatusSeeOther {
		t.Errorf("expired session: %d, want 303", w.Code)
	}
}

func TestWrongGuessesVoidTheCode(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	code := f.lastCode()
	wrong := fmt.Sprintf("%06d", (mustAtoi(t, code)+7)%1000000)
	for i := 0; i < codeMaxTries; i++ {
		r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"kode": {wrong}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = fmt.Sprintf("192.0.2.%d:1000", i+10) // different clients
		f.do(r, nil)
	}
	if w := f.post("/login", url.Values{"kode": {code}}, nil); w.Code != http.StatusUnauthorized {
		t.Errorf("the right code after %d wrong guesses: %d, want 401 (code voided)", codeMaxTries, w.Code)
	}
	// The terminal got a new code at once, and it works.
	if got := f.lastCode(); got == code {
		t.Fatal("no new code after the void")
	}
	if w := f.post("/login", url.Values{"kode": {f.lastCode()}}, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the new code: %d, want 303", w.Code)
	}
}

// TestLoginThrottled: 14. Five wrong codes throttle that client's guesses,
// but the newest code on the terminal still works once for it, and other
// clients are not throttled at all.
func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	for i := 0; i < failsPerIP; i++ {
		if w := f.post("/login", url.Values{"kode": {"000000"}}, nil); w.Code != http.StatusUnauthorized {
			t.Fatalf("try %d: %d", i, w.Code)
		}
	}
	if w := f.post("/login", url.Values{"kode": {"000001"}}, nil); w.Code != http.StatusTooManyRequests {
		t.Fatalf("a wrong code from the throttled client: %d, want 429", w.Code)
	}
	// The owner's way in: the code printed on the terminal, once.
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	code := f.lastCode()
	if w := f.post("/login", url.Values{"kode": {code}}, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("the terminal code from a throttled client: %d, want 303", w.Code)
	}
	if w := f.post("/login", url.Values{"kode": {code}}, nil); w.Code == http.StatusSeeOther {
		t.Fatalf("the terminal code worked twice")
	}
	// The throttle ends with its window.
	f.clock.Set(testStart.Add(failWindow + time.Second))
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	if w := f.post("/login", url.Values{"kode": {"000000"}}, nil); w.Code != http.StatusUnauthorized {
		t.Fatalf("a wrong code after the window: %d, want 401", w.Code)
	}
}

// TestLoginThrottledPerClient: 14. Failures from many clients throttle
// each of them, never a client that did nothing wrong.
func TestLoginThrottledPerClient(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	for i := 0; i < 40; i++ {
		for j := 0; j < failsPerIP; j++ {
			r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("kode=000000"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.RemoteAddr = fmt.Sprintf("198.51.100.%d:1000", i)
			f.do(r, nil)
		}
	}
	if w := f.post("/login/kode", nil, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("code request from an innocent client: %d", w.Code)
	}
	if w := f.post("/login", url.Values{"kode": {"000000"}}, nil); w.Code != http.StatusUnauthorized {
		t.Errorf("a wrong code from an innocent client: %d, want 401 (not throttled)", w.Code)
	}
	if w := f.post("/login", url.Values{"kode": {f.lastCode()}}, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the innocent client's right code: %d, want 303", w.Code)
	}
}

// TestGuessingIsBounded: voided codes are replaced only within the issuing
// budget, so guessing from many clients gets at most codesGlobal ×
// codeMaxTries tries per window.
func TestGuessingIsBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < (codesGlobal+2)*codeMaxTries; i++ {
		r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("kode=999999"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = fmt.Sprintf("198.51.100.%d:1000", i)
		f.do(r, nil)
	}
	f.mu.Lock()
	n := len(f.codes)
	f.mu.Unlock()
	if n > codesGlobal+1 {
		t.Errorf("%d codes issued in one window, want at most %d", n, codesGlobal+1)
	}
}

func TestCodeRequestsThrottled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	for i := 0; i < codesPerIP; i++ {
		if w := f.post("/login/kode", nil, nil); w.Code != http.StatusSeeOther {
			t.Fatalf("request %d: %d", i, w.Code)
		}
	}
	if w := f.post("/login/kode", nil, nil); w.Code != http.StatusTooManyRequests {
		t.Errorf("request %d: %d, want 429", codesPerIP+1, w.Code)
	}
	if len(f.codes) != codesPerIP {
		t.Errorf("%d codes delivered, want %d", len(f.codes), codesPerIP)
	}
}

func TestCodeDeliveryFailure(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "", func(c *Config) {
		c.LoginCode = func(string) error { return errors.New("terminal gone") }
	})
	if w := f.post("/login/kode", nil, nil); w.Code != http.StatusInternalServerError {
		t.Errorf("failed delivery: %d, want 500", w.Code)
	}
}

func TestPasswordLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "", func(c *Config) {
		c.Addr = "0.0.0.0:8080"
		c.Password = "rahasia-toko"
	})
	if w := f.post("/login/kode", url.Values{"sandi": {"salah"}}, nil); w.Code != http.StatusUnauthorized || len(f.codes) != 0 {
		t.Fatalf("code request with a wrong password: %d, %d codes", w.Code, len(f.codes))
	}
	if w := f.post("/login/kode", url.Values{"sandi": {"rahasia-toko"}}, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("code request: %d", w.Code)
	}
	code := f.lastCode()
	if w := f.post("/login", url.Values{"kode": {code}, "sandi": {"salah"}}, nil); w.Code != http.StatusUnauthorized {
		t.Fatalf("right code, wrong password: %d", w.Code)
	}
	if w := f.post("/login", url.Values{"kode": {code}, "sandi": {"rahasia-toko"}}, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("right code and password: %d", w.Code)
	}
}

func TestSecureCookieOverTLS(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	if err := f.srv.SendLoginCode(); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "https://127.0.0.1:8080/login", strings.NewReader("kode="+f.lastCode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := f.do(r, nil)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("login over TLS: %d", w.Code)
	}
	c := w.Result().Cookies()[0]
	if c.Name != "__Host-pesanbot_sesi" || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Domain != "" {
		t.Errorf("cookie over TLS = %+v; want __Host- prefix, Secure, HttpOnly, SameSite=Strict, Path=/", c)
	}
	if w.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}
	// The plain-http cookie name does not work over TLS and vice versa.
	r = httptest.NewRequest(http.MethodGet, "https://127.0.0.1:8080/", nil)
	if w := f.do(r, &http.Cookie{Name: cookiePlain, Value: c.Value}); w.Code != http.StatusSeeOther {
		t.Errorf("plain cookie name over TLS: %d, want 303", w.Code)
	}
	r = httptest.NewRequest(http.MethodGet, "https://127.0.0.1:8080/", nil)
	if w := f.do(r, c); w.Code != http.StatusOK {
		t.Errorf("TLS session: %d", w.Code)
	}
}
