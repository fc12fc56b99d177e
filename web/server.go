// Package web owns the owner's local web dashboard: the pages (today's
// numbers and charts, orders, complaints, catalogue, customers), the login
// by one-time code, sessions, and the security around them (Host
// allowlist, cross-origin protection, CSP). Every change the dashboard
// makes runs as a staff command through bot.Command, the same path as a
// command typed on WhatsApp, so the customer is told and the audit log
// records it.
//
// web imports bot, store, flows and config; it must not import whatsmeow.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// DefaultAddr is where the dashboard listens unless told otherwise: the
// loopback interface only.
const DefaultAddr = "127.0.0.1:8080"

// minPassword is the shortest password accepted for a non-loopback address.
const minPassword = 8

// ErrPasswordRequired means the address is reachable from the network and
// no (long enough) password was given.
var ErrPasswordRequired = errors.New("a dashboard reachable from the network needs a password of at least 8 characters")

// Config wires a Server.
type Config struct {
	Bot  *bot.Bot
	DB   *store.DB
	Shop *flows.Shop
	// Addr is the listen address; default DefaultAddr. Anything but a
	// loopback address needs Password.
	Addr string
	Now  func() time.Time // default time.Now
	Log  *slog.Logger     // default discards
	// LoginCode delivers a one-time login code to the owner: printed on the
	// terminal by `pesanbot run` and `pesanbot dashboard`.
	LoginCode func(code string) error
	// Password is asked for at login together with the code; required when
	// Addr is not a loopback address.
	Password string
	// TLSCert and TLSKey, both set, serve HTTPS (and make the session
	// cookie Secure with the __Host- prefix).
	TLSCert, TLSKey string
}

// Server is the dashboard. Create it with New.
type Server struct {
	c        Config
	staff    string // the owner number dashboard actions run as
	dash     store.Dashboard
	mediaDir string
	hosts    map[string]bool
	pages    *pages
	auth     *auth
	handler  http.Handler
}

// New checks c and builds the handler; each page is parsed when first shown.
func New(c Config) (*Server, error) {
	if c.Bot == nil || c.DB == nil || c.Shop == nil || c.LoginCode == nil {
		return nil, errors.New("web: Bot, DB, Shop and LoginCode are required")
	}
	if len(c.Shop.Owners) == 0 {
		return nil, errors.New("web: the shop has no owner number to act as")
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return nil, errors.New("web: give both a TLS certificate and a key, or neither")
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: bad address %q (want host:port, e.g. %s): %w", c.Addr, DefaultAddr, err)
	}
	if !isLoopback(host) && len(c.Password) < minPassword {
		return nil, fmt.Errorf("web: refusing to listen on %s: %w; use 127.0.0.1 or set a password", c.Addr, ErrPasswordRequired)
	}
	s := &Server{
		c:        c,
		staff:    c.Shop.Owners[0],
		dash:     c.DB.Dashboard(),
		mediaDir: filepath.Join(filepath.Dir(c.DB.Path()), "media"),
		hosts:    allowedHosts(host),
		auth:     newAuth(c.Now, c.Password, c.LoginCode),
	}
	s.pages = newPages(s.funcs())
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.c.Log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path)
		http.Error(w, "Ditolak: permintaan dari situs lain.", http.StatusForbidden)
	}))
	s.handler = s.headers(s.checkHost(cop.Handler(s.routes())))
	return s, nil
}

// Handler is the dashboard with all its protections.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on the configured address and serves until ctx
// ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.c.Addr)
	if err != nil {
		return fmt.Errorf("failed to listen on %s: %w", s.c.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully, giving
// requests in flight a few seconds. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.c.Log.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			s.c.Log.Warn("dashboard shutdown", "err", err)
		}
	}()
	s.c.Log.Info("dashboard listening", "addr", ln.Addr().String(), "tls", s.c.TLSCert != "")
	var err error
	if s.c.TLSCert != "" {
		err = hs.ServeTLS(ln, s.c.TLSCert, s.c.TLSKey)
	} else {
		err = hs.Serve(ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		<-done
		return nil
	}
	return fmt.Errorf("dashboard stopped: %w", err)
}

// SendLoginCode makes a fresh one-time code and delivers it through
// Config.LoginCode (for the command to show one at start).
func (s *Server) SendLoginCode() error { return s.auth.issue() }

// Serve builds a dashboard from c and serves it on c.Addr until ctx ends:
// for `pesanbot run`, which passes its connected Bot so that a dashboard
// action reaches the customer at once.
func Serve(ctx context.Context, c Config) error {
	s, err := New(c)
	if err != nil {
		return err
	}
	return s.ListenAndServe(ctx)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// allowedHosts is the Host allowlist against DNS rebinding: the loopback
// names, the configured host, and on a wildcard address the machine's own
// interface addresses.
func allowedHosts(host string) map[string]bool {
	m := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	ip := net.ParseIP(host)
	if host != "" && (ip == nil || !ip.IsUnspecified()) {
		m[strings.ToLower(host)] = true
		return m
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			m[n.IP.String()] = true
		}
	}
	return m
}

// checkHost refuses requests whose Host is not ours: a DNS-rebinding page
// reaches 127.0.0.1 under its own name.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		} else {
			host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		}
		if !s.hosts[strings.ToLower(host)] {
			s.c.Log.Warn("foreign Host refused", "path", r.URL.Path)
			http.Error(w, "Ditolak: alamat host tidak dikenal.", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// csp allows only our own stylesheet and images; no script at all.
const csp = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'none'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// headers sets the security headers on every response.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages carry personal data: keep them out of caches.
			h.Set("Cache-Control", "no-store")
		}
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}
