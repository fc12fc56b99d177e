package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestForeignHostRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	for _, host := range []string{"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io:8080", "0.0.0.0:8080"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		if w := f.do(r, c); w.Code != http.StatusForbidden {
			t.Errorf("Host %q: %d, want 403", host, w.Code)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/login/kode", nil)
	r.Host = "evil.example"
	if w := f.do(r, nil); w.Code != http.StatusForbidden {
		t.Errorf("POST with a foreign Host: %d, want 403", w.Code)
	}
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST", "127.0.0.1"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		if w := f.do(r, c); w.Code != http.StatusOK {
			t.Errorf("Host %q: %d, want 200", host, w.Code)
		}
	}
}

func TestConfiguredHostAllowed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "", func(c *Config) { c.Addr, c.Password = "192.168.1.20:8080", "rahasia-toko" })
	r := httptest.NewRequest(http.MethodGet, "/login", nil)
	r.Host = "192.168.1.20:8080"
	if w := f.do(r, nil); w.Code != http.StatusOK {
		t.Errorf("configured host: %d, want 200", w.Code)
	}
	r = httptest.NewRequest(http.MethodGet, "/login", nil)
	r.Host = "192.168.1.21:8080"
	if w := f.do(r, nil); w.Code != http.StatusForbidden {
		t.Errorf("another LAN host: %d, want 403", w.Code)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	for _, hdr := range []map[string]string{
		{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "http://evil.example"},
		{"Sec-Fetch-Site": "same-site"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/pesanan/1/lunas", strings.NewReader(""))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		if w := f.do(r, c); w.Code != http.StatusForbidden {
			t.Errorf("POST with %v: %d, want 403", hdr, w.Code)
		}
	}
	// Login CSRF too.
	r := httptest.NewRequest(http.MethodPost, "/login/kode", nil)
	r.Header.Set("Origin", "http://evil.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if w := f.do(r, nil); w.Code != http.StatusForbidden {
		t.Errorf("cross-origin code request: %d, want 403", w.Code)
	}
	if got := f.orderStatus(1); got != "awaiting_verification" {
		t.Errorf("order 1 is %s after refused requests", got)
	}
	if q := f.queued(customerX); len(q) != 0 {
		t.Errorf("customer told after refused requests: %q", q)
	}
}

func TestChangesArePostOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	for _, path := range []string{"/pesanan/1/lunas", "/pesanan/2/kirim", "/pesanan/2/selesai", "/pesanan/1/batal",
		"/komplain/1/balas", "/komplain/1/tutup", "/katalog/stok", "/katalog/impor", "/keluar", "/login/kode"} {
		if w := f.get(path, c); w.Code != http.StatusMethodNotAllowed {
			t.Errorf("GET %s: %d, want 405", path, w.Code)
		}
	}
	if got := f.orderStatus(1); got != "awaiting_verification" {
		t.Errorf("order 1 is %s after GETs", got)
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	for _, path := range []string{"/login", "/", "/static/style.css"} {
		w := f.get(path, c)
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'none'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q allows unsafe sources", path, csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	if cc := f.get("/", c).Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page Cache-Control %q, want no-store", cc)
	}
}

// TestNoInlineScriptOrStyle checks every page against the CSP: nothing
// inline that the policy would block.
func TestNoInlineScriptOrStyle(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	for _, path := range []string{"/login", "/", "/pesanan", "/pesanan/1", "/pesanan/3", "/komplain", "/katalog", "/pelanggan"} {
		b := f.get(path, c).Body.String()
		for _, bad := range []string{"<script", "style=", "<style", "onclick", "onload", "javascript:", "http://", "https://"} {
			if strings.Contains(strings.ToLower(b), bad) {
				t.Errorf("%s contains %q", path, bad)
			}
		}
	}
}

func TestXSSEscaped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	for _, path := range []string{"/", "/pesanan", "/pesanan/1", "/pelanggan"} {
		b := f.get(path, c).Body.String()
		if strings.Contains(b, xssPayload) {
			t.Errorf("%s shows the raw payload", path)
		}
	}
	detail := f.get("/pesanan/1", c).Body.String()
	if !strings.Contains(detail, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("order 1 should show the escaped push name and address:\n%s", detail)
	}
}

func TestBidiControlsStripped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "6281300000021 (Rina\u202eevil\u200b): halo kak\n")
	c := f.login()
	b := f.get("/pelanggan", c).Body.String()
	if strings.ContainsAny(b, "\u202e\u200b") {
		t.Error("customer list shows bidi or zero-width controls")
	}
	if !strings.Contains(b, "Rinaevil") {
		t.Errorf("customer list lacks the cleaned name:\n%s", b)
	}
}

func TestMediaServesProofs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	url, png := f.writeProof(1)
	if !strings.Contains(f.get("/pesanan/1", c).Body.String(), `src="`+url+`"`) {
		t.Errorf("order page does not show the proof %s", url)
	}
	w := f.get(url, c)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" || w.Body.Len() != len(png) {
		t.Fatalf("proof: %d %q %d bytes", w.Code, w.Header().Get("Content-Type"), w.Body.Len())
	}
	// Not an image: not served, whatever its name.
	if err := os.WriteFile(filepath.Join(f.dir, "media", "page.jpg"), []byte("<html><script>alert(1)</script>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if w := f.get("/media/page.jpg", c); w.Code != http.StatusNotFound {
		t.Errorf("HTML named .jpg: %d, want 404", w.Code)
	}
	if w := f.get("/media/nothing.jpg", c); w.Code != http.StatusNotFound {
		t.Errorf("missing file: %d, want 404", w.Code)
	}
}

func TestMediaPathTraversal(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	c := f.login()
	secret := filepath.Join(f.dir, "secret.png")
	png := []byte("\x89PNG\r\n\x1a\nsecret")
	if err := os.WriteFile(secret, png, 0o600); err != nil {
		t.Fatal(err)
	}
	media := filepath.Join(f.dir, "media")
	if err := os.MkdirAll(media, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(media, "link.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../secret.png", filepath.Join(media, "rel.png")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/media/../secret.png", "/media/..%2fsecret.png", "/media/%2e%2e/secret.png", "/media/..%5csecret.png",
		"/media/%2fetc%2fpasswd", "/media/link.png", "/media/rel.png", "/media/../shop.db", "/media/..%2fshop.db",
		"/media/a%00.png", "/media/", "/media/sub/..%2f..%2fsecret.png",
	} {
		w := f.get(p, c)
		if w.Code == http.StatusTemporaryRedirect || w.Code == http.StatusMovedPermanently {
			// ServeMux cleans the path first: the cleaned one is outside /media/.
			to := w.Header().Get("Location")
			if w = f.get(to, c); strings.HasPrefix(to, "/media/") || w.Code != http.StatusNotFound {
				t.Errorf("%s: redirected to %s: %d, want 404", p, to, w.Code)
			}
		}
		if w.Code != http.StatusNotFound && w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 404 or 400", p, w.Code)
		}
		if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "SQLite") {
			t.Errorf("%s leaked a file outside media/", p)
		}
	}
}

func TestNonLoopbackNeedsPassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	base := Config{Bot: f.bot, DB: f.db, Shop: f.shop, LoginCode: f.deliver}
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "[::]:8080", "192.168.1.20:8080", "pesanbot.lan:8080"} {
		c := base
		c.Addr = addr
		if _, err := New(c); !errors.Is(err, ErrPasswordRequired) {
			t.Errorf("%s without a password: %v, want ErrPasswordRequired", addr, err)
		}
		c.Password = "short"
		if _, err := New(c); !errors.Is(err, ErrPasswordRequired) {
			t.Errorf("%s with a short password: %v, want ErrPasswordRequired", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:8080", "localhost:0", "[::1]:8080", ""} {
		c := base
		c.Addr = addr
		if _, err := New(c); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	if DefaultAddr != "127.0.0.1:8080" {
		t.Errorf("default address %s is not loopback-only", DefaultAddr)
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /login over TCP: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	if _, err := http.PostForm("http://"+ln.Addr().String()+"/login", url.Values{}); err == nil {
		t.Error("still serving after shutdown")
	}
}
